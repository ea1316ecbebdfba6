// WasmAbortError and StaleObjectError: what a program sees when a binding
// aborts, and when it uses an object of a generation that is gone.
(function (natives, require) {
  'use strict';

  class WasmAbortError extends Error {
    constructor(message, { kind, cause, generation, binding } = {}) {
      super(message, cause === undefined ? undefined : { cause });
      // Plain stores: this is made on the failing call's path.
      this.kind = kind;
      this.generation = generation;
      this.binding = binding;
    }
  }
  Object.defineProperty(WasmAbortError.prototype, 'name', {
    value: 'WasmAbortError', writable: true, configurable: true,
  });

  class StaleObjectError extends Error {
    constructor(message, { className, generation, current, binding } = {}) {
      super(message);
      Object.defineProperty(this, 'className', { value: className, enumerable: true, writable: true, configurable: true });
      Object.defineProperty(this, 'generation', { value: generation, enumerable: true, writable: true, configurable: true });
      Object.defineProperty(this, 'currentGeneration', { value: current, enumerable: true, writable: true, configurable: true });
      Object.defineProperty(this, 'binding', { value: binding, writable: true, configurable: true });
    }
  }
  Object.defineProperty(StaleObjectError.prototype, 'name', {
    value: 'StaleObjectError', writable: true, configurable: true,
  });

  return { WasmAbortError, StaleObjectError };
})
