// setImmediate and clearImmediate: a callback in a later turn of the event
// loop (a macrotask), after the promise jobs of this one.
(function (natives, require) {
  'use strict';
  class Immediate {
    constructor(callback, args) {
      this._onImmediate = callback;
      this._args = args;
      this._cleared = false;
    }
    hasRef() { return !this._cleared; }
    ref() { return this; }
    unref() { return this; }
  }
  function setImmediate(callback, ...args) {
    if (typeof callback !== 'function') {
      throw new TypeError('The "callback" argument must be of type function');
    }
    const immediate = new Immediate(callback, args);
    natives.postImmediate(() => {
      if (!immediate._cleared) {
        immediate._cleared = true;
        callback(...args);
      }
    });
    return immediate;
  }
  function clearImmediate(immediate) {
    if (immediate instanceof Immediate) immediate._cleared = true;
  }
  return { setImmediate, clearImmediate };
})
