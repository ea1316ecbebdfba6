/*---
description: >
  Glue of wasm-bindgen's module target, which imports its .wasm with a source-phase import (import source), which V8 10.2 cannot parse, and instantiates when evaluated: a binding that
  recovers from a trap and an allocation failure and refuses stale objects.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/targets/source_phase/demo.js');
assert.sameValue(wbhost.bindings.of(ns).target, 'module');
await checkDemoBinding(ns);
$DONE();
