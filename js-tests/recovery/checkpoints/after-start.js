/*---
description: >
  With checkpointAfterStart set before its first init (the per-binding
  --checkpoint=after-start), a binding is checkpointed once its glue has
  started, so an abort restores what the start built, not the state before
  it; reset() starts over and checkpoints the new start again.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const textkit = wbhost.bindings.load(wbhostOut + '/gen/js-tests/packages/textkit/textkit.js');
const binding = wbhost.bindings.of(textkit);
binding.checkpointAfterStart = true;
assert.sameValue(binding.lastCheckpoint, null);
textkit.initSync();
assert.sameValue(binding.lastCheckpoint.generation, 1, 'taken after start');
assert.sameValue(textkit.started(), true, '__wbindgen_start ran');
assertAbort(() => textkit.shout('!'), 'trap');
// A restored generation does not run the start function: what it set (a
// global the module does not export) is the checkpoint's.
assert.sameValue(textkit.started(), true, 'the start\'s state, restored');
assert.sameValue(textkit.shout('ok'), 'OK');
binding.reset();
assert.sameValue(binding.lastCheckpoint.generation, binding.generation, 'a new one after reset');
$DONE();
