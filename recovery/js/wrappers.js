// Arity-specialised wrappers, so that nothing on the call path allocates
// (no rest parameters, no `arguments`) and V8 can inline each. Made once
// per arity from a template. A try/catch stands where an exception leaves
// Wasm (the export wrapper) and where it leaves the program's call into
// the binding (free calls, methods): nowhere on the normal path in between.
//
//   exportWrapper(gen, fn)  a Wasm export as generation `gen`'s glue sees
//     it: hands what leaves Wasm to the binding's boundary, which throws it
//     on unchanged, or a WasmAbortError in its place. Nothing else: a dead
//     generation's glue no longer reaches it (Generation.kill replaces the
//     wrappers on the exports object the glue reads).
//   importWrapper(gen, fn)  a JS import as gen's Wasm sees it (with every
//     argument Wasm passes, whatever fn declares): refuses once
//     gen is dead (nothing of a dead generation reaches JS); counts the
//     imports running (gen.inImport: while it is not 0, Wasm frames of gen
//     are on the stack below whatever JS runs); notes a JS exception
//     crossing into Wasm (gen.crossing), under WebAssembly.JSTag if gen's
//     instance imports it (gen.intoWasm); refuses to return into a
//     generation that began to abort while the import ran (reentrancy: an
//     inner call aborted and JS in between swallowed the error). Imports
//     the glue's own abort hook calls afterwards still work.
//   freeCall(binding, cell)  a function of the binding as the program holds
//     it: the current generation's glue function is cell.fn, or a settler
//     while an abort is pending (bindings/js/facade.js), so the call path
//     checks nothing; what it throws passes binding.afterThrow.
//   trackingCall(binding, gen, fn)  gen's glue function `fn` as a cell holds
//     it when the binding can make promises: its promises are tracked
//     (binding.track) so that they reject if gen dies. Only bindings whose
//     glue functions or imports can make a promise get these
//     (makesPromises): Wasm has no promise but those JS gives it.
//   methodCall(binding, gen, orig, onDead)  a method or accessor of gen's
//     glue class, refused once gen is gone: onDead(wrapper, receiver,
//     arguments) throws or returns in its place (the wrapper, so that an
//     error's stack can start at the program's frame; the receiver and
//     arguments, so that an object a checkpoint restored can be served by
//     the live generation).
//
// A result is tracked (binding.track) only if it is a Promise: the typeof
// test first, as V8 folds it for the numbers most exports return.
(function (natives, require) {
  'use strict';
  const MAX_ARITY = 8;
  const { readsArguments } = require('wasm_exceptions');

  function params(n) {
    const list = [];
    for (let i = 0; i < n; i++) list.push('a' + i);
    return list.join(', ');
  }

  function makeExportFactory(n) {
    const p = params(n);
    return new Function('gen', 'fn', `
      return function wasmExport(${p}) {
        try {
          return fn(${p});
        } catch (e) {
          throw gen.binding.leftWasm(gen, e, wasmExport);
        }
      };
      //# sourceURL=wbhost:recovery_wrappers/export`);
  }

  function makeImportFactory(n) {
    const p = params(n);
    return new Function('gen', 'fn', `
      return function (${p}) {
        if (gen.dead) throw gen.refuseImport();
        const aborts = gen.aborts;
        let result;
        gen.inImport++;
        try {
          result = fn(${p});
        } catch (e) {
          gen.crossing = e;
          throw gen.jsTag === undefined ? e : gen.intoWasm(e);
        } finally {
          gen.inImport--;
        }
        if (gen.aborts !== aborts || gen.dead) throw gen.refuseImport();
        return result;
      };
      //# sourceURL=wbhost:recovery_wrappers/import`);
  }

  function makeFreeCallFactory(n) {
    const p = params(n);
    return new Function('binding', 'cell', `
      return function (${p}) {
        binding.calls++;
        try {
          return cell.fn(${p});
        } catch (e) {
          throw binding.afterThrow(e);
        }
      };
      //# sourceURL=wbhost:recovery_wrappers/call`);
  }

  function makeTrackingCallFactory(n) {
    const p = params(n);
    return new Function('binding', 'gen', 'fn', `
      return function (${p}) {
        const r = fn(${p});
        return typeof r === 'object' && r instanceof Promise ? binding.track(gen, r) : r;
      };
      //# sourceURL=wbhost:recovery_wrappers/call`);
  }

  function makeMethodCallFactory(n) {
    const p = params(n);
    return new Function('binding', 'gen', 'orig', 'onDead', `
      return function bindingMethod(${p}) {
        if (gen.dead) return onDead(bindingMethod, this, [${p}]);
        if (binding.pendingAbort !== undefined) {
          binding.settle();
          if (gen.dead) return onDead(bindingMethod, this, [${p}]);
        }
        binding.calls++;
        try {
          const r = orig.call(this${n ? ', ' : ''}${p});
          return typeof r === 'object' && r instanceof Promise ? binding.track(gen, r) : r;
        } catch (e) {
          throw binding.afterThrow(e);
        }
      };
      //# sourceURL=wbhost:recovery_wrappers/method`);
  }

  const exportFactories = [];
  const importFactories = [];
  const freeCallFactories = [];
  const methodCallFactories = [];
  const trackingCallFactories = [];
  for (let n = 0; n <= MAX_ARITY; n++) {
    exportFactories.push(makeExportFactory(n));
    importFactories.push(makeImportFactory(n));
    freeCallFactories.push(makeFreeCallFactory(n));
    methodCallFactories.push(makeMethodCallFactory(n));
    trackingCallFactories.push(makeTrackingCallFactory(n));
  }

  function genericExport(gen, fn) {
    return function wasmExport(...args) {
      try {
        return Reflect.apply(fn, undefined, args);
      } catch (e) {
        throw gen.binding.leftWasm(gen, e, wasmExport);
      }
    };
  }

  function genericImport(gen, fn) {
    return function (...args) {
      if (gen.dead) throw gen.refuseImport();
      const aborts = gen.aborts;
      let result;
      gen.inImport++;
      try {
        result = Reflect.apply(fn, this, args);
      } catch (e) {
        gen.crossing = e;
        throw gen.jsTag === undefined ? e : gen.intoWasm(e);
      } finally {
        gen.inImport--;
      }
      if (gen.aborts !== aborts || gen.dead) throw gen.refuseImport();
      return result;
    };
  }

  function genericFreeCall(binding, cell) {
    return function (...args) {
      binding.calls++;
      try {
        return Reflect.apply(cell.fn, undefined, args);
      } catch (e) {
        throw binding.afterThrow(e);
      }
    };
  }

  function genericTrackingCall(binding, gen, fn) {
    return function (...args) {
      const r = Reflect.apply(fn, undefined, args);
      return typeof r === 'object' && r instanceof Promise ? binding.track(gen, r) : r;
    };
  }

  function genericMethodCall(binding, gen, orig, onDead) {
    return function bindingMethod(...args) {
      if (gen.dead) return onDead(bindingMethod, this, args);
      if (binding.pendingAbort !== undefined) {
        binding.settle();
        if (gen.dead) return onDead(bindingMethod, this, args);
      }
      binding.calls++;
      try {
        const r = Reflect.apply(orig, this, args);
        return typeof r === 'object' && r instanceof Promise ? binding.track(gen, r) : r;
      } catch (e) {
        throw binding.afterThrow(e);
      }
    };
  }

  function exportWrapper(gen, fn) {
    const n = fn.length;
    return n <= MAX_ARITY ? exportFactories[n](gen, fn) : genericExport(gen, fn);
  }

  // An import that reads `arguments` gets every argument Wasm passes
  // (host/wasm/exceptions.js readsArguments).
  function importWrapper(gen, fn) {
    const n = fn.length;
    return n <= MAX_ARITY && (n > 0 || !readsArguments(fn)) ? importFactories[n](gen, fn)
                                                            : genericImport(gen, fn);
  }


  function freeCall(binding, cell, arity) {
    return arity <= MAX_ARITY ? freeCallFactories[arity](binding, cell)
                              : genericFreeCall(binding, cell);
  }

  // Whether a glue function can make a promise (wasm-bindgen's async
  // exports get theirs from an import that calls `new Promise`; hand-written
  // glue may make one itself): decides whether the binding's results are
  // looked at for promises at all. False positives only cost a test.
  function makesPromises(fn) {
    return /Promise|\basync\b|\bawait\b/.test(Function.prototype.toString.call(fn));
  }

  function trackingCall(binding, gen, fn) {
    const n = fn.length;
    return n <= MAX_ARITY ? trackingCallFactories[n](binding, gen, fn)
                          : genericTrackingCall(binding, gen, fn);
  }

  function methodCall(binding, gen, orig, onDead) {
    const n = orig.length;
    return n <= MAX_ARITY ? methodCallFactories[n](binding, gen, orig, onDead)
                          : genericMethodCall(binding, gen, orig, onDead);
  }

  return {
    exportWrapper, importWrapper, freeCall, trackingCall, methodCall, makesPromises, MAX_ARITY,
  };
})
