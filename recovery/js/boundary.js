// The host boundary's policy: which exception leaving Wasm is which kind.
// docs/recovery.md holds the same table with the reasons; each row has a
// test. It looks at what left the Wasm code itself, below the glue (the
// export wrappers call it), so it sees a panic as the tagged
// WebAssembly.Exception before the glue unwraps it.
//
// classify(e, gen, strict) returns:
//   'ours'      a WasmAbortError or StaleObjectError wbhost already raised
//   'unwind'    a marked, recoverable unwind: passes unchanged
//   'ordinary'  passes unchanged
//   'maybe'     a JS exception crossed Wasm in glue that may declare the
//               instance dead itself (its __instance_terminated flag):
//               passes unchanged, the binding checks the flag afterwards
//   'jstag'     a JS value under WebAssembly.JSTag (classifyJsValue then)
//   an abort kind: 'trap' | 'oom' | 'stack-overflow' |
//               'unmarked-exception' | 'js-exception' | 'unknown'
(function (natives, require) {
  'use strict';
  const { RuntimeError, Exception: WasmException } = WebAssembly;
  const { WasmAbortError, StaleObjectError } = require('recovery_errors');
  // V8's messages for a value that cannot cross between JS and Wasm.
  const CONVERSION = /^(type incompatibility when transforming from\/to JS|Cannot convert .* to a BigInt)$/;
  function isConversionError(e) {
    return typeof e.message === 'string' && CONVERSION.test(e.message);
  }

  function isStackOverflow(e) {
    return e instanceof RangeError &&
      typeof e.message === 'string' && e.message.includes('call stack size');
  }

  function classify(e, gen, strict) {
    // Traps first: the commonest abort, on a path that runs cold.
    if (e instanceof RuntimeError) return gen.memoryExhausted() ? 'oom' : 'trap';
    if (e instanceof WasmException) {
      // A JS value under WebAssembly.JSTag: the binding unwraps it and asks
      // classifyJsValue (host/wasm/exceptions.js).
      if (gen.jsTag !== undefined && e.is(gen.jsTag)) return 'jstag';
      for (const tag of gen.unwindTags) {
        if (e.is(tag)) return 'unwind';
      }
      return 'unmarked-exception';
    }
    if (e instanceof WasmAbortError || e instanceof StaleObjectError) return 'ours';
    if (isStackOverflow(e)) return 'stack-overflow';
    if (gen.crossing !== undefined && e === gen.crossing) return crossingKind(gen, strict);
    // V8 refusing a value at the JS boundary (an exnref, a value that is no
    // BigInt): at an export's edge nothing of Wasm ran or all of it had,
    // but at an import Wasm calls it leaves mid-function, as an exception an
    // import throws does: judged as one.
    if (e instanceof TypeError && isConversionError(e)) return crossingKind(gen, strict);
    // With a native WebAssembly.JSTag (V8 11+), a value Wasm threw under it
    // leaves bare: one it threw itself (Rust's throw_val) is ordinary.
    if (gen.jsTag !== undefined) return 'ordinary';
    // Nothing else can leave Wasm: unknown means unsafe.
    return 'unknown';
  }

  // A JS exception that crossed Wasm from an import and left it uncaught.
  function crossingKind(gen, strict) {
    if (strict) return 'js-exception';
    return gen.hasTerminatedFlag ? 'maybe' : 'ordinary';
  }

  // The value of a JSTag exception that left Wasm, judged as classify judges
  // what leaves bare: wbhost's own errors stay ours, a call-stack overflow
  // is one; a JS exception that crossed from an import is judged as any
  // crossing; a value Wasm threw itself (`throw $jstag`, as Rust's
  // throw_val does with JSTag) is ordinary.
  function classifyJsValue(value, gen, strict) {
    if (value instanceof WasmAbortError || value instanceof StaleObjectError) return 'ours';
    if (isStackOverflow(value)) return 'stack-overflow';
    if (gen.crossing !== undefined && value === gen.crossing) return crossingKind(gen, strict);
    return 'ordinary';
  }

  return { classify, classifyJsValue };
})
