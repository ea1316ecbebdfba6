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
//   an abort kind: 'trap' | 'oom' | 'stack-overflow' |
//               'unmarked-exception' | 'js-exception' | 'unknown'
(function (natives, require) {
  'use strict';
  const { RuntimeError, Exception: WasmException } = WebAssembly;
  const { WasmAbortError, StaleObjectError } = require('recovery_errors');

  function isStackOverflow(e) {
    return e instanceof RangeError &&
      typeof e.message === 'string' && e.message.includes('call stack size');
  }

  function classify(e, gen, strict) {
    // Traps first: the commonest abort, on a path that runs cold.
    if (e instanceof RuntimeError) return gen.memoryExhausted() ? 'oom' : 'trap';
    if (e instanceof WasmException) {
      for (const tag of gen.unwindTags) {
        if (e.is(tag)) return 'unwind';
      }
      return 'unmarked-exception';
    }
    if (e instanceof WasmAbortError || e instanceof StaleObjectError) return 'ours';
    if (isStackOverflow(e)) return 'stack-overflow';
    if (gen.crossing !== undefined && e === gen.crossing) {
      if (strict) return 'js-exception';
      return gen.hasTerminatedFlag ? 'maybe' : 'ordinary';
    }
    // Nothing else can leave Wasm: unknown means unsafe.
    return 'unknown';
  }

  return { classify };
})
