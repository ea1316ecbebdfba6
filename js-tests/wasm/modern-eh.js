/*---
description: >
  Modern exception handling (try_table, throw_ref, exnref) on V8 10.2,
  translated at load (bindings/wasm/eh_translate.h): catch payloads,
  clauses in order, a clause naming the function's label, landing pads
  that clean up and rethrow the same exception (shared by two calls, with
  a payload, at once, and one that may swallow it), through new Module,
  compile, validate, instantiate, instantiateStreaming, compileStreaming,
  an ES module import, another realm, a Worker and a $262.agent; what it cannot translate is a CompileError naming it (and the
  call, as V8's errors do), with no frame of wbhost's in its stack; a
  module V8 refuses that uses no modern exception handling keeps V8's
  error.
flags: [async]
includes: [wbhostHelpers.js]
---*/
const path = wbhostOut + '/gen/js-tests/wasm/eh.modern.wasm';
const bytes = readbuffer(path);
let t;
const thrown = new Error('from JS');
const imports = { m: { jstag: WebAssembly.JSTag, f(what) {
  if (what === 1) throw thrown;
  if (what >= 100) throw new WebAssembly.Exception(t, [what]);
} } };

function check(instance, how) {
  const x = instance.exports;
  t = x.t;
  assert.sameValue(x.payload(0), -1, `${how}: nothing thrown`);
  assert.sameValue(x.payload(123), 123, `${how}: catch gives the payload`);
  assert.throws(Error, () => x.payload(1), `${how}: a JS error is not $t`);
  assert.sameValue(x.toFunction(105), 105, `${how}: a clause naming the function's label`);
  assert.sameValue(x.toFunction(0), -1, how);
  assert.sameValue(x.ordered(100), 100, `${how}: the first clause that matches`);
  assert.sameValue(x.ordered(1), 2, `${how}: then catch_all`);
  assert.sameValue(x.ordered(0), 0, how);

  const cleanups = x.cleanups.value;
  let out;
  try { x.landing(1); } catch (e) { out = e; }
  assert.sameValue(out, thrown, `${how}: a landing pad rethrows the same value`);
  assert.sameValue(x.cleanups.value, cleanups + 1, `${how}: after its cleanup`);
  x.landing(0);
  assert.sameValue(x.cleanups.value, cleanups + 1, `${how}: no cleanup without a throw`);
  try { x.shared(0, 1); } catch (e) { out = e; }
  assert.sameValue(out, thrown, `${how}: the second call's pad`);
  try { x.shared(1, 0); } catch (e) { out = e; }
  assert.sameValue(out, thrown, `${how}: the first call's`);
  assert.sameValue(x.cleanups.value, cleanups + 21, how);
  try { x.payloadRef(107); } catch (e) { out = e; }
  assert(out instanceof WebAssembly.Exception && out.getArg(t, 0) === 107,
         `${how}: catch_ref rethrows the Exception itself`);
  assert.sameValue(x.last.value, 107, `${how}: after keeping its payload`);
  try { x.direct(1); } catch (e) { out = e; }
  assert.sameValue(out, thrown, `${how}: throw_ref right after the block`);
  assert.sameValue(x.swallow(1, 0), 1, `${how}: a branch out of the pad swallows it`);
  try { x.swallow(1, 1); } catch (e) { out = e; }
  assert.sameValue(out, thrown, `${how}: or it rethrows`);
  assert.sameValue(x.swallow(0, 1), 0, `${how}: nothing thrown`);
}

assert.sameValue(WebAssembly.validate(bytes), true, 'validate');
const module = new WebAssembly.Module(bytes);
assert.sameValue(WebAssembly.Module.exports(module).length, 11, 'the module\'s own exports');
assert.sameValue(WebAssembly.Module.imports(module).length, 2, 'and imports');
check(new WebAssembly.Instance(module, imports), 'new Module');

const unsupported = readbuffer(wbhostOut + '/gen/js-tests/wasm/unsupported.modern.wasm');
let message;
let stack;
if (v8Major < 13) {
  // What the translation to the legacy form cannot express.
  assert.throws(WebAssembly.CompileError, () => new WebAssembly.Module(unsupported));
  try { new WebAssembly.Module(unsupported); } catch (e) { message = e.message; }
  assert(/a rethrow of a catch outside .* at offset 0x[0-9a-f]+ in function #0/.test(message), message);
  try { new WebAssembly.Module(unsupported); } catch (e) { stack = e.stack; }
  assert(!/wbhost:/.test(stack), `no frame of wbhost's in the error's stack: ${stack}`);
} else {
  // V8 13.6 compiles every form itself.
  assert(new WebAssembly.Module(unsupported) instanceof WebAssembly.Module, 'V8 compiles it');
}
// A module that uses no modern exception handling and that V8 refuses
// keeps V8's error (a cut-off section: not the translation's reading of it).
const cut = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 3, 2, 0, 0, 10, 7]);
try { new WebAssembly.Module(cut); } catch (e) { message = e.message; stack = e.stack; }
assert(/^WebAssembly\.Module\(\): .*@\+\d+$/.test(message), `V8's own error: ${message}`);
assert(!/wbhost:/.test(stack), `its stack starts at the caller: ${stack}`);
const invalid = new Uint8Array(bytes.slice(0));
invalid[invalid.length - 1] ^= 0xff;  // the last function's end
assert.sameValue(WebAssembly.validate(invalid), false, 'an invalid one');

(async () => {
  check(await WebAssembly.instantiate(await WebAssembly.compile(bytes), imports), 'compile');
  check((await WebAssembly.instantiate(bytes, imports)).instance, 'instantiate(bytes)');
  check((await WebAssembly.instantiateStreaming(fetch(new URL('file://' + path)), imports))
            .instance, 'instantiateStreaming');
  if (v8Major < 13) {
    await WebAssembly.compile(unsupported).then(
        () => { throw new Test262Error('compiled'); },
        (e) => assert(e instanceof WebAssembly.CompileError, 'compile rejects it'));
    // Each call names itself in the message, as V8's own errors do.
    for (const [api, call] of [['compile', () => WebAssembly.compile(unsupported)],
                               ['instantiate', () => WebAssembly.instantiate(unsupported)]]) {
      await call().then(() => { throw new Test262Error(`${api}: compiled`); }, (e) => {
        assert(e.message.startsWith(`WebAssembly.${api}(): a rethrow of a catch outside`), e.message);
      });
    }
  } else {
    assert(await WebAssembly.compile(unsupported) instanceof WebAssembly.Module, 'compile');
  }
  await WebAssembly.compile(cut).then(() => { throw new Test262Error('compiled'); }, (e) => {
    assert(/^WebAssembly\.compile\(\): .*@\+\d+$/.test(e.message), `V8's own: ${e.message}`);
  });
  const esmPath = wbhostOut + '/gen/js-tests/wasm/esm.modern.wasm';
  const esm = await import(esmPath);
  assert.sameValue(esm.caught(), 42, 'an ES module import');
  assert.sameValue(esm.kept(), 7, 'an exnref kept, in an ES module');
  assert(!Object.keys(esm).some((name) => name.startsWith('__wbhost')), 'its own exports only');
  // A module compiled here crosses to a Worker compiled.
  const worker = new Worker(`onmessage = (event) => {
    postMessage(new WebAssembly.Instance(event.data).exports.kept());
  };`, { type: 'string' });
  worker.postMessage(new WebAssembly.Module(readbuffer(esmPath)));
  assert.sameValue(worker.getMessage(), 7, 'an exnref kept, in a Worker');
  worker.terminate();

  // Bytes compiled by compileStreaming, another realm, a Worker and a
  // $262.agent.
  const streamed = await WebAssembly.compileStreaming(fetch(new URL('file://' + esmPath)));
  assert.sameValue(new WebAssembly.Instance(streamed).exports.kept(), 7, 'compileStreaming');
  const compileHere = `new WebAssembly.Instance(
      new WebAssembly.Module(readbuffer(${JSON.stringify(esmPath)}))).exports.kept()`;
  assert.sameValue($262.createRealm().evalScript(compileHere), 7, 'another realm');
  const compiler = new Worker(`postMessage(${compileHere});`, { type: 'string' });
  assert.sameValue(compiler.getMessage(), 7, 'a Worker compiling the bytes');
  compiler.terminate();
  $262.agent.start(`$262.agent.receiveBroadcast(function () {
    $262.agent.report(${compileHere});
    $262.agent.leaving();
  });`);
  $262.agent.broadcast(new SharedArrayBuffer(8));
  let report;
  while ((report = $262.agent.getReport()) === null) $262.agent.sleep(5);
  assert.sameValue(report, '7', 'a $262.agent');
})().then($DONE, $DONE);
