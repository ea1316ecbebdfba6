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
      // The checkpoint the next generation was restored from (its
      // description), or null: set once the binding has recovered.
      this.restoredFrom = null;
    }
  }
  Object.defineProperty(WasmAbortError.prototype, 'name', {
    value: 'WasmAbortError', writable: true, configurable: true,
  });
  // The WasmAbortErrors that reached the program through a call into a
  // binding (binding.afterThrow). One that leaves a callback V8 runs
  // without reaching the program had no caller to throw to: the glue's
  // FinalizationRegistry cleanup freeing an object, or its microtask
  // polling a Rust future (whose promise rejects with the error). The host
  // asks through the brand (host/event_loop.h ReportUncaught) and reports
  // such an error as a notice, not as the program's uncaught error.
  const delivered = new WeakSet();
  function markDelivered(error) {
    delivered.add(error);
  }
  function hadNoCaller(error) {
    return !delivered.has(error);
  }
  natives.brandRecoveredAbort(WasmAbortError.prototype, hadNoCaller);

  // A WasmAbortError made ahead of its abort, off the failing call's path
  // (a standby's): on that path, making an Error costs as much again as
  // capturing its stack (~5 us each, cold as the path is). fillAbortError
  // sets what only the abort knows and captures the stack then, so the
  // result matches a WasmAbortError made at the abort.
  const captureStackTrace = Error.captureStackTrace;
  // Whether capturing a stack again gives it the error's message of then:
  // V8 13.6 fixes the message of the header when the error is made, so an
  // error made ahead would keep its blank one. Probed with V8's own
  // formatting (a program's Error.prepareStackTrace set aside).
  const reheads = typeof captureStackTrace === 'function' && (() => {
    const prepare = Error.prepareStackTrace;
    try {
      Error.prepareStackTrace = undefined;
      const probe = new Error('');
      probe.message = 'probe';
      captureStackTrace(probe);
      return typeof probe.stack === 'string' && probe.stack.startsWith('Error: probe');
    } catch (e) {
      return false;
    } finally {
      Error.prepareStackTrace = prepare;
    }
  })();

  function blankAbortError() {
    if (!reheads) return undefined;  // made when needed instead
    const error = new WasmAbortError('', { kind: '', cause: null, generation: 0, binding: '' });
    captureStackTrace(error, blankAbortError);  // see fillAbortError
    return error;
  }
  function fillAbortError(error, message, kind, cause, generation, binding, from) {
    error.message = message;
    error.cause = cause;
    error.kind = kind;
    error.generation = generation;
    error.binding = binding;
    error.restoredFrom = null;
    // The stack from below `from` on (or from the caller on, as `new`
    // would have taken it). Made ahead, the error is already in the
    // (dictionary) shape capturing a stack puts an object in: changing its
    // shape here would cost more.
    captureStackTrace(error, from !== undefined ? from : fillAbortError);
    return error;
  }

  // Takes `error`'s stack again from below the frame of `from`.
  function restackFrom(error, from) {
    if (typeof captureStackTrace === 'function') captureStackTrace(error, from);
  }

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

  return {
    WasmAbortError, StaleObjectError, blankAbortError, fillAbortError, restackFrom, markDelivered,
  };
})
