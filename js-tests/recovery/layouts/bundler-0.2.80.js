/*---
description: >
  bundler-target glue before 0.2.84: the entry only re-exports its _bg.js,
  which imports the .wasm itself (no __wbg_set_wasm). wbhost gives each
  generation's _bg.js its own instance in place of that import: a binding
  that recovers from a trap and an allocation failure.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/layouts/bundler-0.2.80/demo.js');
assert.sameValue(wbhost.bindings.of(ns).target, 'bundler');
await checkDemoBinding(ns);
$DONE();
