/*---
description: >
  Web-target glue whose Wasm is inlined as base64 in a JS module (no .wasm
  file anywhere) and given to initSync({module}) is a binding.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const dir = wbhostOut + '/gen/js-tests/packages/layouts/inline/';
const ns = await import(dir + 'demo.js');
const { default: bytes } = await import(dir + 'demo_wasm.js');
assert(bytes instanceof ArrayBuffer);
const exports = ns.initSync({ module: bytes });
assert.sameValue(typeof exports.increment, 'function', 'initSync returns the exports');
assert.sameValue(wbhost.bindings.of(exports), wbhost.bindings.of(ns), 'of(the exports)');
await checkDemoBinding(ns);
$DONE();
