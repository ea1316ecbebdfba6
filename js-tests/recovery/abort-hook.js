/*---
description: >
  The crate's own abort hook (wasm_bindgen::handler::set_on_abort, called by
  panic=unwind glue after it marks the instance terminated) runs before the
  onAbort listeners and before the caller gets the WasmAbortError; once per
  abort; a new generation starts without it (fresh Rust state) until the
  crate registers it again; a hook that throws does not hide the abort.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var binding = wbhost.bindings.of(demo);
var order = [];
globalThis.onDemoAbortHook = function () { order.push('hook'); };
binding.onAbort(function (event) { order.push('onAbort:' + event.kind); });

function abortNow() {
  try {
    demo.abort();
  } catch (e) {
    order.push('caught:' + e.name);
  }
}

demo.set_abort_hook();
abortNow();
assert.compareArray(order, ['hook', 'onAbort:trap', 'caught:WasmAbortError']);
assert.sameValue(demo.increment(), 1, 'generation 2 works');

order = [];
abortNow();
assert.compareArray(order, ['onAbort:trap', 'caught:WasmAbortError'],
                    'generation 2 has no hook until the crate sets one');

order = [];
demo.set_abort_hook();
globalThis.onDemoAbortHook = function () {
  order.push('hook');
  throw new Error('the hook failed');
};
abortNow();
assert.compareArray(order, ['hook', 'onAbort:trap', 'caught:WasmAbortError']);
assert.sameValue(binding.generation, 4);
assert.sameValue(binding.stats.aborts, 3);
assert.sameValue(demo.increment(), 1);
