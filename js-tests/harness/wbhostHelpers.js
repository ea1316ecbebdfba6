// Helpers for js-tests of host features. The build puts the recovery demo
// package (examples/recovery-demo/pkg) in out/gen; the runner runs from the
// repository's root, so the path is relative to it.
function loadDemo() {
  return require(wbhostOut + '/gen/examples/recovery-demo/pkg/demo.js');
}

// The build folder: out/, or what WBHOST_OUT names (tools/test sets it).
var wbhostOut = (function () {
  try {
    var env = read('/proc/self/environ').split('\0');
    for (var i = 0; i < env.length; i++) {
      if (env[i].indexOf('WBHOST_OUT=') === 0) return env[i].slice(11);
    }
  } catch (e) {}
  return require('path').resolve('out');
})();

// Runs fn, which must abort: returns the WasmAbortError after checking its
// kind.
function assertAbort(fn, kind) {
  var caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (!caught) throw new Test262Error('expected an abort of kind ' + kind + ', but nothing was thrown');
  if (!(caught instanceof wbhost.bindings.WasmAbortError)) {
    throw new Test262Error('expected a WasmAbortError, got ' + caught);
  }
  assert.sameValue(caught.kind, kind, 'abort kind');
  return caught;
}

// js-tests/packages/textkit (no-modules glue, panic=abort), initialised.
function loadTextkit() {
  var kit = wbhost.bindings.load(wbhostOut + '/gen/js-tests/packages/textkit/textkit.js');
  kit.initSync();
  return kit;
}
