/*---
description: >
  nodejs-target glue (CommonJS reading its .wasm with fs) beside its .wasm,
  required: a binding that recovers from a trap and an allocation failure.
flags: [async]
includes: [wbhostHelpers.js]
---*/
checkDemoBinding(loadDemo()).then($DONE, $DONE);
