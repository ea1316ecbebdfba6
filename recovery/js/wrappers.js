// Arity-specialised wrappers, so that the wrappers on the call path pass
// arguments without allocating (no rest parameters, no `arguments`) and
// stay small enough for V8 to inline. Made once per arity from a template.
//
//   exportWrapper(gen, fn, onDead)  guards a Wasm export of generation `gen`:
//     refuses once gen is dead; records what left Wasm (gen.raw); counts
//     Wasm frames (gen.active); lets the binding handle an abort that no
//     binding call is on the stack to handle (closures, finalizers).
//   importWrapper(gen, fn)  guards a JS import of `gen`: refuses once gen is
//     dead (nothing of a dead generation reaches JS); records a JS exception
//     crossing into Wasm (gen.crossing); refuses to return into a
//     generation that died while the import ran (reentrant abort).
//   freeCall / methodCall  a call into the binding as the program makes it:
//     stats, depth, promise tracking, and the boundary on the way out.
(function (natives, require) {
  'use strict';
  const MAX_ARITY = 8;

  function params(n) {
    const list = [];
    for (let i = 0; i < n; i++) list.push('a' + i);
    return list.join(', ');
  }

  function makeExportFactory(n) {
    const p = params(n);
    return new Function('gen', 'fn', 'onDead', `
      return function (${p}) {
        if (gen.dead) return onDead();
        gen.active++;
        try {
          return fn(${p});
        } catch (e) {
          gen.raw = e;
          if (gen.active === 1) gen.leftWasm(e);
          throw e;
        } finally {
          gen.active--;
        }
      };`);
  }

  function makeImportFactory(n) {
    const p = params(n);
    return new Function('gen', 'fn', `
      return function (${p}) {
        if (gen.dead) throw gen.refuseImport();
        let result;
        try {
          result = fn(${p});
        } catch (e) {
          gen.crossing = e;
          throw e;
        }
        if (gen.dead) throw gen.refuseImport();
        return result;
      };`);
  }

  // A free function of the binding: always the current generation's.
  function makeFreeCallFactory(n) {
    const p = params(n);
    return new Function('binding', 'idx', `
      return function (${p}) {
        const gen = binding.enter();
        try {
          const r = gen.fns[idx](${p});
          return r instanceof Promise ? binding.track(gen, r) : r;
        } catch (e) {
          throw binding.boundary(gen, e);
        } finally {
          binding.depth--;
        }
      };`);
  }

  // A method or accessor of a class instance: the instance's own generation,
  // refused once that generation is gone.
  function makeMethodCallFactory(n) {
    const p = params(n);
    return new Function('binding', 'gen', 'orig', 'onDead', `
      return function (${p}) {
        if (gen.dead) return onDead();
        binding.enterGeneration(gen);
        try {
          const r = orig.call(this${n ? ', ' : ''}${p});
          return r instanceof Promise ? binding.track(gen, r) : r;
        } catch (e) {
          throw binding.boundary(gen, e);
        } finally {
          binding.depth--;
        }
      };`);
  }

  const exportFactories = [];
  const importFactories = [];
  const freeCallFactories = [];
  const methodCallFactories = [];
  for (let n = 0; n <= MAX_ARITY; n++) {
    exportFactories.push(makeExportFactory(n));
    importFactories.push(makeImportFactory(n));
    freeCallFactories.push(makeFreeCallFactory(n));
    methodCallFactories.push(makeMethodCallFactory(n));
  }

  function genericFreeCall(binding, idx) {
    return function (...args) {
      const gen = binding.enter();
      try {
        const r = Reflect.apply(gen.fns[idx], undefined, args);
        return r instanceof Promise ? binding.track(gen, r) : r;
      } catch (e) {
        throw binding.boundary(gen, e);
      } finally {
        binding.depth--;
      }
    };
  }

  function genericMethodCall(binding, gen, orig, onDead) {
    return function (...args) {
      if (gen.dead) return onDead();
      binding.enterGeneration(gen);
      try {
        const r = Reflect.apply(orig, this, args);
        return r instanceof Promise ? binding.track(gen, r) : r;
      } catch (e) {
        throw binding.boundary(gen, e);
      } finally {
        binding.depth--;
      }
    };
  }

  function genericExport(gen, fn, onDead) {
    return function (...args) {
      if (gen.dead) return onDead();
      gen.active++;
      try {
        return Reflect.apply(fn, undefined, args);
      } catch (e) {
        gen.raw = e;
        if (gen.active === 1) gen.leftWasm(e);
        throw e;
      } finally {
        gen.active--;
      }
    };
  }

  function genericImport(gen, fn) {
    return function (...args) {
      if (gen.dead) throw gen.refuseImport();
      let result;
      try {
        result = Reflect.apply(fn, this, args);
      } catch (e) {
        gen.crossing = e;
        throw e;
      }
      if (gen.dead) throw gen.refuseImport();
      return result;
    };
  }

  function exportWrapper(gen, fn, onDead) {
    const n = fn.length;
    return n <= MAX_ARITY ? exportFactories[n](gen, fn, onDead)
                          : genericExport(gen, fn, onDead);
  }

  function importWrapper(gen, fn) {
    const n = fn.length;
    return n <= MAX_ARITY ? importFactories[n](gen, fn) : genericImport(gen, fn);
  }

  function freeCall(binding, idx, arity) {
    return arity <= MAX_ARITY ? freeCallFactories[arity](binding, idx)
                              : genericFreeCall(binding, idx);
  }

  function methodCall(binding, gen, orig, onDead) {
    const n = orig.length;
    return n <= MAX_ARITY ? methodCallFactories[n](binding, gen, orig, onDead)
                          : genericMethodCall(binding, gen, orig, onDead);
  }

  return { exportWrapper, importWrapper, freeCall, methodCall, MAX_ARITY };
})
