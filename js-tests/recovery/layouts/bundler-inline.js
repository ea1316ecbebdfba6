/*---
description: >
  Bundler-target glue whose entry imports demo_bg.wasm.js, a JS module that
  builds the instance from inline base64 with the _bg.js as its imports
  (no .wasm file), is a binding.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/layouts/bundler-inline/demo.js');
await checkDemoBinding(ns);
$DONE();
