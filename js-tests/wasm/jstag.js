/*---
description: >
  WebAssembly.JSTag as the JS API specifies it, on V8 10.2 (host/wasm/):
  a JS exception thrown by an import enters Wasm under JSTag (caught by
  `catch $jstag` with the value as payload, and by catch_all); a JSTag
  exception leaving Wasm reaches JS as the bare value, the same value; a
  WebAssembly.Exception thrown by JS is caught by its own tag, not by
  JSTag; an instance that imports another tag is V8's own. Every way to
  instantiate: new Instance, instantiate(bytes), instantiate(module),
  instantiateStreaming. Their exports go into tables (set, grow, a new
  table's initial value) and come back out as themselves.
flags: [async]
includes: [wbhostHelpers.js]
---*/
const bytes = readbuffer(wasmFixture('jstag'));
const module = new WebAssembly.Module(bytes);

const descriptor = Object.getOwnPropertyDescriptor(WebAssembly, 'JSTag');
if (v8Major < 13) {
  assert.sameValue(typeof descriptor.get, 'function', 'JSTag is a getter (a namespace attribute)');
  assert.sameValue(descriptor.set, undefined);
} else {
  // V8's own: a read-only data property.
  assert.sameValue(descriptor.writable, false, 'JSTag is read-only');
  assert.sameValue(descriptor.enumerable, false);
}
const JSTag = WebAssembly.JSTag;
assert(JSTag instanceof WebAssembly.Tag, 'a WebAssembly.Tag');
assert.sameValue(WebAssembly.JSTag, JSTag, 'the same tag each read');
assert.throws(TypeError, () => new WebAssembly.Exception(JSTag, [1]), 'no Exception of JSTag');

let thrown;
const imports = (tag) => ({ m: { jstag: tag, f(what) {
  if (what === 1) throw thrown;
  if (what === 2) throw new WebAssembly.Exception(own, [7]);
} } });
let own;

function check(instance, how) {
  const x = instance.exports;
  own = x.own;
  thrown = new Error('from JS');
  assert.sameValue(x.catchJS(0), null, `${how}: nothing thrown`);
  assert.sameValue(x.catchJS(1), thrown, `${how}: catch $jstag gets the value itself`);
  assert.sameValue(x.catchAll(1), 1, `${how}: catch_all catches it`);
  assert.sameValue(x.catchAll(0), 0, how);
  let out;
  try { x.rethrow(1); } catch (e) { out = e; }
  assert.sameValue(out, thrown, `${how}: rethrown, the JS caller gets the same value`);
  out = undefined;
  try { x.throwJS(42); } catch (e) { out = e; }
  assert.sameValue(out, 42, `${how}: throw $jstag reaches JS as the bare value`);
  const value = {};
  try { x.throwJS(value); } catch (e) { out = e; }
  assert.sameValue(out, value, how);
  assert.sameValue(x.catchOwn(2), 7, `${how}: an Exception of another tag is caught by it`);
  assert.sameValue(x.add(2, 3), 5, how);
  assert.sameValue(x.add.name, new WebAssembly.Instance(module, imports(JSTag)).exports.add.name,
                   `${how}: exports keep their names`);
  assert(instance instanceof WebAssembly.Instance, how);
  // Its exports go into tables, and come out as themselves, still giving
  // JSTag exceptions as the bare value.
  const table = new WebAssembly.Table({ element: 'anyfunc', initial: 1 });
  table.set(0, x.throwJS);
  assert.sameValue(table.get(0), x.throwJS, `${how}: table.get gives the export itself`);
  out = undefined;
  try { table.get(0)(value); } catch (e) { out = e; }
  assert.sameValue(out, value, `${how}: called from the table, the bare value`);
  table.grow(1, x.add);
  assert.sameValue(table.get(1), x.add, `${how}: grow with an export`);
  assert.sameValue(table.get(1)(1, 2), 3, how);
  assert.throws(RangeError, () => table.get(5), `${how}: V8's own errors stand`);
  assert.sameValue(WebAssembly.Table.prototype.set.name, 'set', how);
  // And as a new table's initial value.
  const filled = new WebAssembly.Table({ element: 'anyfunc', initial: 2 }, x.throwJS);
  assert.sameValue(filled.get(1), x.throwJS, `${how}: a new table's initial value`);
  out = undefined;
  try { filled.get(0)(value); } catch (e) { out = e; }
  assert.sameValue(out, value, `${how}: called from it, the bare value`);
  assert(filled instanceof WebAssembly.Table, how);
  assert.sameValue(filled.constructor, WebAssembly.Table, how);
  assert.sameValue(WebAssembly.Table.name, 'Table', how);
  assert.sameValue(WebAssembly.Table.length, 1, how);
  assert.throws(TypeError, () => WebAssembly.Table({ element: 'anyfunc', initial: 1 }),
                `${how}: only with new`);
  assert.throws(TypeError, () => new WebAssembly.Table({ element: 'anyfunc', initial: 1 }, 5),
                `${how}: V8's own errors stand`);
  assert.sameValue(new WebAssembly.Table({ element: 'anyfunc', initial: 1 }).get(0), null, how);
  // A function it never exported, read from its table: the bare value too,
  // and the same function each read.
  const hidden = x.table.get(0);
  assert.sameValue(x.table.get(0), hidden, `${how}: a never-exported function, one function`);
  out = undefined;
  try { hidden(value); } catch (e) { out = e; }
  assert.sameValue(out, value, `${how}: a never-exported function, the bare value`);
  table.set(0, hidden);
  assert.sameValue(table.get(0), hidden, `${how}: it goes into another table as itself`);
}

check(new WebAssembly.Instance(module, imports(JSTag)), 'new Instance');

// Another tag of the same type: V8's own behaviour, which JSTag changes.
const plain = new WebAssembly.Instance(module, imports(new WebAssembly.Tag({ parameters: ['externref'] })));
thrown = new Error('plain');
assert.throws(Error, () => plain.exports.catchJS(1), 'another tag does not catch JS exceptions');
assert.sameValue(plain.exports.catchAll(1), 1);

(async () => {
  check(await WebAssembly.instantiate(module, imports(JSTag)), 'instantiate(module)');
  const both = await WebAssembly.instantiate(bytes, imports(JSTag));
  assert(both.module instanceof WebAssembly.Module);
  check(both.instance, 'instantiate(bytes)');
  const streamed = await WebAssembly.instantiateStreaming(
      fetch(new URL('file://' + wasmFixture('jstag'))), imports(JSTag));
  check(streamed.instance, 'instantiateStreaming');
})().then($DONE, $DONE);
