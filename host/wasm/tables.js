// WebAssembly.Table with the exports of instances that import JSTag
// (exceptions.js): those exports are JS functions around V8's (so that a
// JSTag exception leaves them as the bare value), which V8's tables refuse.
// Once such an instance exists, the Table constructor's initial value and
// Table.prototype.set and grow put the Wasm function a wrapper stands for,
// and get gives the wrapper back for one, so `table.set(0,
// instance.exports.f)` works and `table.get(0) === instance.exports.f`, as
// without JSTag; a function read from a table such an instance exports or
// imports that has no wrapper yet (one it never exported) gets one, so a
// JSTag exception leaves it bare too. Until then nothing is patched: programs that never import
// JSTag pay nothing. (A reference to WebAssembly.Table a program took
// before is V8's constructor still.)
(function (natives, require) {
  'use strict';
  const rawOf = new WeakMap();      // wrapper -> V8's exported function
  const wrapperOf = new WeakMap();  // and back
  let patched = false;

  function unwrap(value) {
    return typeof value === 'function' ? (rawOf.get(value) ?? value) : value;
  }

  // Replaces `proto[name]` by a function of the same name and length that
  // calls V8's with its argument `at` unwrapped, and maps the result.
  function patch(proto, name, at, result) {
    const original = proto[name];
    if (typeof original !== 'function') return;
    const replacement = {
      [name](...args) {
        if (args.length > at) args[at] = unwrap(args[at]);
        try {
          return result(Reflect.apply(original, this, args), this);
        } catch (e) {
          throw require('wasm_exceptions').fromCaller(e, replacement);
        }
      },
    }[name];
    Object.defineProperty(replacement, 'length', { value: original.length });
    Object.defineProperty(proto, name, {
      value: replacement, writable: true, enumerable: false, configurable: true,
    });
  }

  // WebAssembly.Table in the API's shape, its initial value unwrapped.
  function patchConstructor() {
    const RealTable = WebAssembly.Table;
    const Table = function Table(descriptor, value) {
      if (new.target === undefined) {
        throw new TypeError("WebAssembly.Table must be invoked with 'new'");
      }
      const args = arguments.length > 1 ? [descriptor, unwrap(value)] : [descriptor];
      try {
        return Reflect.construct(RealTable, args, new.target);
      } catch (e) {
        throw require('wasm_exceptions').fromCaller(e, Table);
      }
    };
    Object.defineProperty(Table, 'length', { value: RealTable.length });
    Object.defineProperty(Table, 'prototype', { value: RealTable.prototype, writable: false });
    Object.defineProperty(RealTable.prototype, 'constructor', {
      value: Table, writable: true, configurable: true,
    });
    Object.defineProperty(WebAssembly, 'Table', {
      value: Table, writable: true, enumerable: false, configurable: true,
    });
  }

  // Tables an instance that imports JSTag exports or imports: a function
  // read from one that it never exported is one of its own (or another's:
  // wrapping does what the engine would at any Wasm-to-JS edge).
  const jsTagTables = new WeakSet();

  // What `get` gives for V8's function `raw` read from `table`.
  function read(raw, table) {
    const wrapper = wrapperOf.get(raw);
    if (wrapper !== undefined || !jsTagTables.has(table)) return wrapper ?? raw;
    return require('wasm_exceptions').wrapExport(raw);
  }

  // `table` belongs to an instance that imports JSTag.
  function jsTagTable(table) {
    jsTagTables.add(table);
    patchAll();
  }

  // `wrapper` stands for V8's exported function `raw` from now on.
  function register(raw, wrapper) {
    rawOf.set(wrapper, raw);
    wrapperOf.set(raw, wrapper);
    patchAll();
  }

  function patchAll() {
    if (patched) return;
    patched = true;
    const proto = WebAssembly.Table.prototype;
    const same = (value) => value;
    try {
      patchConstructor();
      patch(proto, 'set', 1, same);
      patch(proto, 'grow', 1, same);
      patch(proto, 'get', Infinity, (value, table) =>
        (typeof value === 'function' ? read(value, table) : value));
    } catch (e) {
      // A program made the prototype read-only first: its tables stay V8's.
    }
  }

  return { register, jsTagTable };
})
