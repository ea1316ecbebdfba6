/*---
description: >
  Glue inside a package's own module, initialised through that module's
  async initialize() (no default init, no initSync), is a binding; later
  generations are initialised the way the program did.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/layouts/bundled/index.js');
assert.sameValue(ns.initSync, undefined, 'no initSync');
assert.sameValue(typeof ns.initialize, 'function');
await ns.initialize(readbuffer(wbhostOut + '/gen/examples/recovery-demo/pkg/demo_bg.wasm'));
await checkDemoBinding(ns);
$DONE();
