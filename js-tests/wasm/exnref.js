/*---
description: >
  exnref as a value on V8 10.2 (bindings/wasm/eh_outline.h,
  host/wasm/exnref.js): an exception caught by catch_all_ref or catch_ref,
  kept in a global, a table or a local, passed to a function and thrown
  again later, reaches JS as the same value; locals written before the
  throw are seen after the catch; every way out of an outlined try_table
  (a branch with a value, return, its end) goes where it went; a null
  exnref thrown traps and traps are not caught; the start function runs
  with the helpers in place; what the translation adds is invisible
  (exports, custom sections); exnref never crosses to or from JS
  (TypeError: a JS function imported with exnref is never called), an
  exnref global import must be one Wasm exported, and an exnref function
  another instance exported passes the exnref as itself (in an import
  object that inherits its names); with JSTag imported too, every
  namespace of imports reaches the instance and a JSTag exception kept as
  an exnref reaches JS bare.
flags: [async]
includes: [wbhostHelpers.js]
---*/
const bytes = readbuffer(wbhostOut + '/gen/js-tests/wasm/exnref.modern.wasm');
// (module (global (export "g") (mut exnref) (ref.null exn)))
const providerBytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 6, 6, 1, 0x69, 1, 0xd0, 0x69,
                                      0x0b, 7, 5, 1, 1, 103, 3, 0]);
const provider = new WebAssembly.Instance(new WebAssembly.Module(providerBytes), {});
const g = provider.exports.g;
assert(g instanceof WebAssembly.Global, 'an exnref global is a WebAssembly.Global');
assert.throws(TypeError, () => g.value, 'its value is not for JS');

const kept = new Error('kept');
let tag;
function thrower(n) {
  if (n === 1) throw kept;
  if (n === 2) throw null;
  if (n === 3) throw 42;
  if (n === 4) throw new WebAssembly.Exception(tag, [77]);
}
let passed = 0;
function passExn() { passed++; }
const imports = { m: { thrower, exnGlobal: g, passExn } };

assert.sameValue(WebAssembly.validate(bytes), true, 'validate');
const module = new WebAssembly.Module(bytes);
assert.throws(WebAssembly.LinkError, () => new WebAssembly.Instance(module, {
  m: { thrower, passExn, exnGlobal: new WebAssembly.Global({ value: 'externref', mutable: true }, null) },
}), 'an externref global from JS is not an exnref');
assert.throws(WebAssembly.LinkError,
              () => new WebAssembly.Instance(module, { m: { thrower, passExn, exnGlobal: 1 } }),
              'nor is a number');

function thrownBy(fn) {
  try {
    fn();
  } catch (e) {
    return { value: e };
  }
  return undefined;
}

function check(instance, how) {
  const x = instance.exports;
  tag = x.e;
  assert.sameValue(x.started(), 1, `${how}: the start function ran`);
  assert.sameValue(x.importedIsNull(), 1, `${how}: the imported exnref global`);
  for (const [n, value] of [[1, kept], [2, null], [3, 42]]) {
    x.keep(n);
    assert.sameValue(x.hasSaved(), 1, `${how}: kept ${n}`);
    const caught = thrownBy(() => x.rethrowSaved());
    assert(caught !== undefined, `${how}: thrown again ${n}`);
    assert.sameValue(caught.value, value, `${how}: the same value ${String(value)}`);
  }
  x.keep(4);
  const exception = thrownBy(() => x.rethrowSaved()).value;
  assert(exception instanceof WebAssembly.Exception, `${how}: a WebAssembly.Exception`);
  assert.sameValue(exception.getArg(tag, 0), 77, `${how}: its payload`);
  assert.sameValue(thrownBy(() => x.rethrowSaved()).value, exception, `${how}: as itself`);
  x.keep(0);
  assert.sameValue(x.hasSaved(), 1, `${how}: nothing thrown, nothing changed`);
  x.clear();
  assert.throws(WebAssembly.RuntimeError, () => x.rethrowSaved(), `${how}: a null exnref traps`);
  assert.sameValue(thrownBy(() => x.rethrowSaved()).value.message, 'rethrowing null value',
                   `${how}: V8's trap for it`);
  assert.throws(WebAssembly.RuntimeError, () => x.nullRef(), `${how}: uncaught by catch_all_ref`);
  assert.throws(WebAssembly.RuntimeError, () => x.trapInside(), `${how}: a trap is not caught`);
  assert.sameValue(x.localWrites(), 12, `${how}: a local written before the throw`);
  assert.sameValue(x.exits(0), 100, `${how}: a branch out with a value`);
  assert.sameValue(x.exits(1), 200, `${how}: a return`);
  assert.sameValue(x.exits(2), 400, `${how}: the catch`);
  assert.sameValue(x.exits(3), 300, `${how}: the end`);
  assert.sameValue(thrownBy(() => x.viaTable(1)).value, kept, `${how}: through a table`);
  assert.sameValue(x.payload(), 42, `${how}: a payload with its exnref`);
  assert.sameValue(x.nested(), 9, `${how}: nested`);
  assert.sameValue(x.vector(), 8, `${how}: a v128 local written before the throw`);
  assert.sameValue(x.depth(5), 55, `${how}: recursion through an outlined body`);
  assert.sameValue(x.depth(3), 1033, `${how}: recursion, then the catch`);

  // The JS boundary.
  assert.throws(TypeError, () => x.takesExn(null), `${how}: an exnref parameter`);
  assert.throws(TypeError, () => x.givesExn(), `${how}: an exnref result`);
  assert.throws(TypeError, () => x.exnGlobal.value, `${how}: an exnref global's value`);
  assert.throws(TypeError, () => { x.exnGlobal.value = null; }, `${how}: set`);
  assert.throws(TypeError, () => x.exnGlobal.valueOf(), `${how}: valueOf`);
  assert.throws(TypeError, () => x.exnTable.get(0), `${how}: an exnref table's get`);
  assert.throws(TypeError, () => x.exnTable.set(0, null), `${how}: set`);
  assert.throws(TypeError, () => x.exnTable.grow(1, null), `${how}: grow with a value`);
  assert.sameValue(x.exnTable.grow(1), 1, `${how}: grow with none`);
  assert.sameValue(x.exnTable.length, 2, `${how}: length`);
  const tagged = thrownBy(() => x.throwsExnTag()).value;
  assert.sameValue(tagged.getArg(x.exnTag, 0), 5, `${how}: an i32 argument`);
  assert.throws(TypeError, () => tagged.getArg(x.exnTag, 1), `${how}: an exnref argument`);
  assert.throws(TypeError, () => new WebAssembly.Exception(x.exnTag, [1, null]),
                `${how}: an Exception of a tag with an exnref parameter`);
  assert.sameValue(Object.keys(x).filter((name) => name.startsWith('__wbhost')).length, 0,
                   `${how}: no export of the translation's`);
  x.keep(1);
  assert.throws(TypeError, () => x.handOver(), `${how}: a JS function imported with exnref`);
  assert.sameValue(passed, 0, `${how}: is never called`);
  // Another instance takes the exnref global and function exported here,
  // given in an import object that inherits its names.
  const other = new WebAssembly.Instance(module, {
    m: Object.create({ thrower, exnGlobal: x.exnGlobal, passExn: x.throwsExn }),
  });
  assert.sameValue(other.exports.importedIsNull(), 1, `${how}: a global exported by Wasm`);
  other.exports.keep(1);
  assert.sameValue(thrownBy(() => other.exports.handOver()).value, kept,
                   `${how}: an exnref through a function exported by Wasm, as itself`);
}

check(new WebAssembly.Instance(module, imports), 'new Instance');

// Invalid: an externref parameter thrown by throw_ref, in a module whose
// exnref is outlined (then externref too): validate() says false and the
// compile names it, as V8 would for the original.
// (func (param externref) (local exnref) (block (result exnref) (try_table
//   (catch_all_ref 0) (throw 0)) (unreachable)) (local.set 1)
//   (throw_ref (local.get 0)))
const mixed = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 2, 96, 0, 0, 96, 1, 111, 0, 3, 2,
                              1, 1, 13, 3, 1, 0, 0, 7, 5, 1, 1, 102, 0, 0, 10, 23, 1, 21, 1, 1,
                              105, 2, 105, 31, 64, 1, 3, 0, 8, 0, 11, 0, 11, 33, 1, 32, 0, 10, 11]);
assert.sameValue(WebAssembly.validate(mixed), false, 'exnref and externref mixed: invalid');
let mixedError;
try { new WebAssembly.Module(mixed); } catch (e) { mixedError = e; }
assert(mixedError instanceof WebAssembly.CompileError, 'a CompileError');
// 10.2: the twin's refusal (host/wasm/compile.cc); 13.6: V8's own.
assert(v8Major < 13
           ? /exnref used as another type: Compiling function #0 failed/.test(mixedError.message)
           : /Compiling function #0 failed: throw_ref\[0\] expected type exnref/.test(
                 mixedError.message),
       mixedError.message);
const names = WebAssembly.Module.exports(module).map((e) => e.name);
assert.sameValue(names.filter((name) => name.startsWith('__wbhost')).length, 0, 'Module.exports');
assert(names.includes('keep') && names.includes('exnTable'), 'the module\'s own exports');
assert.sameValue(WebAssembly.Module.imports(module).length, 3, 'Module.imports');
assert.sameValue(WebAssembly.Module.customSections(module, '__wbhost_eh').length, 0,
                 'Module.customSections');

// With JSTag imported and imports in three namespaces, inherited or own:
// each reaches the instance, the exnref import refuses a JS function, and
// a JSTag exception kept as an exnref reaches JS bare when thrown again.
const jsTagModule = new WebAssembly.Module(
    readbuffer(wbhostOut + '/gen/js-tests/wasm/exnref-jstag.modern.wasm'));
const jsTagImports = { js: { tag: WebAssembly.JSTag }, m: { passExn }, n: { seven: () => 7 } };
for (const [given, how] of [[jsTagImports, 'own'], [Object.create(jsTagImports), 'inherited']]) {
  const { exports: j } = new WebAssembly.Instance(jsTagModule, given);
  assert.sameValue(j.seven(), 7, `JSTag, ${how} namespaces: another namespace's import`);
  const value = { how };
  j.keep(value);
  assert.sameValue(thrownBy(() => j.rethrowSaved()).value, value, `JSTag, ${how}: bare`);
  assert.throws(TypeError, () => j.handOver(), `JSTag, ${how}: the exnref import refuses`);
}

(async () => {
  check((await WebAssembly.instantiate(bytes, imports)).instance, 'instantiate(bytes)');
  check(await WebAssembly.instantiate(await WebAssembly.compile(bytes), imports), 'compile');
  await WebAssembly.instantiate(module, { m: { thrower, passExn, exnGlobal: 1 } }).then(
      () => { throw new Test262Error('linked'); },
      (e) => assert(e instanceof WebAssembly.LinkError, 'instantiate rejects it'));
})().then($DONE, $DONE);
