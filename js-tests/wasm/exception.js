/*---
description: >
  WebAssembly.Exception as the JS API specifies it, where V8 10.2 differs
  (host/wasm/): not an Error (neither made by JS nor thrown by Wasm), no
  name or message, a stack only with traceStack, tagged
  "WebAssembly.Exception".
includes: [wbhostHelpers.js]
---*/
const tag = new WebAssembly.Tag({ parameters: ['i32'] });
const e = new WebAssembly.Exception(tag, [7]);
assert.sameValue(e instanceof Error, false, 'not an Error');
assert(e instanceof WebAssembly.Exception);
assert.sameValue(e.constructor, WebAssembly.Exception);
assert.sameValue(Object.getPrototypeOf(WebAssembly.Exception.prototype), Object.prototype);
assert.sameValue(Object.prototype.toString.call(e), '[object WebAssembly.Exception]');
assert.sameValue(e.message, undefined, 'no message');
assert.sameValue(e.name, undefined, 'no name');
assert.sameValue(e.stack, undefined, 'no stack without traceStack');
assert.sameValue(typeof new WebAssembly.Exception(tag, [1], { traceStack: true }).stack, 'string',
                 'a stack with traceStack');
assert(e.is(tag));
assert.sameValue(e.getArg(tag, 0), 7);
assert.throws(TypeError, () => WebAssembly.Exception(tag, [1]), 'needs new');
// V8 13.6 adds a `stack` accessor (undefined without traceStack).
assert.sameValue(Object.getOwnPropertyNames(WebAssembly.Exception.prototype).sort().join(),
                 v8Major < 13 ? 'constructor,getArg,is' : 'constructor,getArg,is,stack');

// Thrown by Wasm in a realm whose scripts never named WebAssembly.Exception:
// the same prototype there.
const other = $262.createRealm();
const result = other.evalScript(`
  const bytes = readbuffer(${JSON.stringify(wasmFixture('jstag'))});
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    m: { jstag: new WebAssembly.Tag({ parameters: ['externref'] }), f() {} },
  });
  let caught;
  try { instance.exports.throwOwn(3); } catch (e) { caught = e; }
  [caught instanceof Error, Object.prototype.toString.call(caught), caught.getArg(instance.exports.own, 0)];
`);
assert.sameValue(result[0], false, 'a Wasm-thrown exception is not an Error');
assert.sameValue(result[1], '[object WebAssembly.Exception]');
assert.sameValue(result[2], 3);
