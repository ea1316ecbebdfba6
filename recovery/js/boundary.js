// The host boundary's policy: which exception leaving a Wasm call is which
// kind. docs/recovery.md holds the same table with the reasons; each row has
// a test in js-tests/recovery/.
//
// Inputs, per call into a binding:
//   raw     what left the Wasm code itself (seen by the exports wrapper,
//           below the glue), or undefined if Wasm returned normally
//   thrown  what left the glue function (after the glue's own catch)
//   gen     the generation: its unwind tags, the import that last threw
//           (a JS exception crossing Wasm frames), its terminated flag
//   strict  --recovery=strict
// Output: 'unwind' | 'ordinary' (both pass the exception unchanged) or an
// abort kind: 'trap' | 'oom' | 'stack-overflow' | 'unmarked-exception' |
// 'terminated' | 'js-exception' | 'unknown'.
(function (natives, require) {
  'use strict';
  const { RuntimeError, Exception: WasmException } = WebAssembly;
  const ABORT_KINDS = new Set([
    'trap', 'oom', 'stack-overflow', 'unmarked-exception', 'terminated',
    'js-exception', 'unknown',
  ]);

  function isStackOverflow(e) {
    return e instanceof RangeError &&
      typeof e.message === 'string' && e.message.includes('call stack size');
  }

  function isPanic(e) {
    return e !== null && typeof e === 'object' && e.name === 'PanicError';
  }

  function isTerminatedGuard(e) {
    return e instanceof Error && e.message === 'Module terminated';
  }

  function classifyRaw(raw, gen) {
    if (raw instanceof WasmException) {
      for (const tag of gen.unwindTags) {
        if (raw.is(tag)) return 'unwind';
      }
      return 'unmarked-exception';
    }
    if (raw instanceof RuntimeError) return gen.memoryExhausted() ? 'oom' : 'trap';
    if (isStackOverflow(raw)) return 'stack-overflow';
    if (gen.threwFromImport(raw)) return 'js-crossing';
    return 'unknown';
  }

  function classify(raw, thrown, gen, strict) {
    if (raw === undefined) {
      // Nothing left Wasm: the glue threw on its own.
      if (isTerminatedGuard(thrown)) return 'terminated';
      if (isStackOverflow(thrown) && gen.wasmOnStack) return 'stack-overflow';
      return 'ordinary';
    }
    const kind = classifyRaw(raw, gen);
    if (kind === 'js-crossing') {
      // The glue of panic=unwind builds declares the instance dead itself
      // when an unmarked exception reaches its catch.
      if (gen.terminatedFlagSet()) return 'js-exception';
      return strict ? 'js-exception' : 'ordinary';
    }
    if (kind === 'unwind') return 'unwind';
    return kind;
  }

  return { classify, isPanic, ABORT_KINDS };
})
