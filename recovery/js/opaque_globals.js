// Mutable globals whose value JS cannot hold: exnref ones on an engine
// with exnref (V8 11+), which refuse JS through every path of the JS API.
// A checkpoint still keeps them: Wasm copies the value, from the
// instance's global into a holder global and back into the next
// instance's, through a module of one function made here on first need.
(function (natives, require) {
  'use strict';
  const { Global, Instance, Module } = WebAssembly;
  const readValue = Object.getOwnPropertyDescriptor(Global.prototype, 'value').get;
  const EXNREF = 0x69;
  const MUTABLE = 1;

  // (module (import "m" "src" (global (mut exnref)))
  //         (import "m" "dst" (global (mut exnref)))
  //         (func (export "copy") global.get 0 global.set 1))
  const COPIER = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
    0x02, 0x13, 0x02,
    0x01, 0x6d, 0x03, 0x73, 0x72, 0x63, 0x03, EXNREF, MUTABLE,
    0x01, 0x6d, 0x03, 0x64, 0x73, 0x74, 0x03, EXNREF, MUTABLE,
    0x03, 0x02, 0x01, 0x00,
    0x07, 0x08, 0x01, 0x04, 0x63, 0x6f, 0x70, 0x79, 0x00, 0x00,
    0x0a, 0x08, 0x01, 0x06, 0x00, 0x23, 0x00, 0x24, 0x01, 0x0b,
  ];
  let copier;  // the Module, or null where the engine has no exnref

  function copierModule() {
    if (copier === undefined) {
      try {
        copier = new Module(new Uint8Array(COPIER));
      } catch (e) {
        copier = null;
      }
    }
    return copier;
  }

  function copy(from, to) {
    new Instance(copier, { m: { src: from, dst: to } }).exports.copy();
  }

  // Whether `global` is a mutable exnref global (the copier links with it).
  function isOpaque(global) {
    try {
      Reflect.apply(readValue, global, []);
      return false;  // JS reads it
    } catch (e) {
      if (copierModule() === null) return false;
    }
    try {
      copy(global, global);
      return true;
    } catch (e) {
      return false;  // immutable, or another type (v128)
    }
  }

  // A holder with the value `global` has now.
  function save(global) {
    const held = new Global({ value: 'exnref', mutable: true });
    copy(global, held);
    return held;
  }

  function restore(held, global) {
    copy(held, global);
  }

  return { isOpaque, save, restore };
})
