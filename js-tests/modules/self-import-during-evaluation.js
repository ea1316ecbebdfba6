/*---
description: >
  import() of the module whose evaluation is under way (here: itself)
  settles with its namespace once that evaluation ends, instead of asking
  V8 to evaluate it again (which V8 10.2 answers with a fatal CHECK).
flags: [module, async]
---*/
export const value = 42;
var settled = false;
import('./self-import-during-evaluation.js').then(function (ns) {
  settled = true;
  assert.sameValue(ns.value, 42);
}).then($DONE, $DONE);
assert.sameValue(settled, false, 'not settled while the module still evaluates');
