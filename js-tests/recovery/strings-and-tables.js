/*---
description: >
  A no-modules package built with panic=abort: strings cross through
  __wbindgen_malloc/__wbindgen_realloc and a return pointer; a panic traps
  and is recovered; the new instance has fresh glue state (memory views,
  an externref table set up again by __wbindgen_start).
includes: [wbhostHelpers.js]
---*/
var kit = loadTextkit();
var binding = wbhost.bindings.of(kit);
assert.sameValue(binding.generation, 1);
assert.sameValue(kit.started(), true, '__wbindgen_start ran');
assert.sameValue(kit.shout('hello'), 'HELLO');
// Non-ASCII text takes the glue's realloc path.
assert.sameValue(kit.shout('grüße, wörld'), 'GRüßE, WöRLD');
var big = 'x'.repeat(70000) + 'é';  // past the first page: memory grows
assert.sameValue(kit.shout(big).length, big.length);

var kept = { id: 1 };
kit.remember(kept);
assert.sameValue(kit.recall(), kept, 'the externref table holds the object');

var error = assertAbort(function () { kit.shout('!panic'); }, 'trap');
assert(error.cause instanceof WebAssembly.RuntimeError, 'the cause is the trap');
assert.sameValue(binding.generation, 2);
assert.sameValue(kit.started(), true, '__wbindgen_start ran again');
assert.sameValue(kit.recall(), undefined, 'the new table does not hold the old object');
assert.sameValue(kit.shout('again ü'), 'AGAIN ü', 'fresh memory views after the memory grew');
assert.sameValue(binding.stats.aborts, 1);
