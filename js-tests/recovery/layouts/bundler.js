/*---
description: >
  bundler-target glue whose entry imports its .wasm as an ES module: a
  binding that recovers from a trap and an allocation failure.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/examples/recovery-demo/pkg-bundler/demo.js');
await checkDemoBinding(ns);
$DONE();
