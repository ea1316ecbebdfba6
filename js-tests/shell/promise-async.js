/*---
description: Promises settle through microtasks; async tests finish with $DONE.
flags: [async]
---*/
Promise.resolve(21).then(function (v) { return v * 2; }).then(function (v) {
  assert.sameValue(v, 42);
}).then($DONE, $DONE);
