// V8 13.6 compiles modern exception handling and has WebAssembly.JSTag and
// the JS API's Exception itself: the builtin keeps only what the bindings
// layer (recovery/js/) asks of it, as V8's own behaviour.
(function (natives, require) {
  'use strict';
  const RealInstance = WebAssembly.Instance;
  const RealModule = WebAssembly.Module;
  const JSTag = WebAssembly.JSTag;

  function isJSTag(value) {
    return value === JSTag;
  }

  // A JS exception enters Wasm as itself: V8 puts it under JSTag.
  function intoWasm(e) {
    return e;
  }

  function readsArguments(fn) {
    return /\barguments\b/.test(Function.prototype.toString.call(fn));
  }

  return { RealInstance, RealModule, isJSTag, intoWasm, readsArguments };
})
