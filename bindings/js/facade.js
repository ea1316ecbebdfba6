// The stable objects a program holds for a binding: its functions, classes
// and namespace (design invariant 2). Made once from the first
// generation's glue; each later generation is adopted behind them.
//
// Classes: the facade class is what the program sees. Each generation's
// glue class gets the facade's prototype spliced into its prototype chain
// (so `instanceof` holds for objects any generation makes, including those
// the glue makes with Class.__wrap), and its methods and accessors wrapped
// to refuse use once that generation is gone (free and Symbol.dispose
// become no-ops).
(function (natives, require) {
  'use strict';
  const { freeCall, trackingCall, methodCall, makesPromises } = require('recovery_wrappers');
  const { StaleObjectError, restackFrom } = require('recovery_errors');

  function isClass(value) {
    return typeof value === 'function' &&
        /^class\b/.test(Function.prototype.toString.call(value));
  }

  // Its stack starts at the program's frame that called `from` (the
  // method wrapper), as if the method itself had thrown.
  function staleError(binding, className, gen, from) {
    const error = new StaleObjectError(
        `${className} object of ${binding.name} generation ${gen.number} used after ` +
        `that generation ended (now generation ${binding.generation})`,
        { className, generation: gen.number, current: binding.generation,
          binding: binding.name });
    restackFrom(error, from);
    return error;
  }

  // When `object`, of a dead generation, was valid at the checkpoint the
  // live generation was restored from: moves it to the live generation's
  // class (its pointer is valid there) and returns that prototype.
  function adoptRestored(binding, object, className) {
    if ((typeof object !== 'object' && typeof object !== 'function') || object === null) {
      return undefined;
    }
    const live = binding.checkpoints.servingPrototype(object, className);
    if (live !== undefined) Object.setPrototypeOf(object, live);
    return live;
  }

  class Facade {
    // ns: the first generation's glue namespace (or module.exports).
    // special: { name: value } overrides (init functions).
    constructor(binding, ns, special) {
      this.binding = binding;
      this.names = [];
      this.values = new Map();
      this.fnCells = [];       // [export name, {fn}] per free function
      this.classes = new Map();  // export name -> facade class
      this.classCells = [];      // [export name, {cls}] per class
      this.protoGen = new WeakMap();  // a generation's glue prototype -> generation
      for (const name of Object.keys(ns)) {
        this.names.push(name);
        if (special && Object.prototype.hasOwnProperty.call(special, name)) {
          this.values.set(name, special[name]);
          continue;
        }
        const value = ns[name];
        if (isClass(value)) {
          this.values.set(name, this.makeClass(name, value));
        } else if (typeof value === 'function') {
          if (makesPromises(value)) binding.makesPromises = true;
          const cell = { fn: value, settler: undefined };
          cell.settler = this.settler(cell, 'fn');
          this.fnCells.push([name, cell]);
          this.values.set(name, freeCall(binding, cell, value.length));
          Object.defineProperty(this.values.get(name), 'name', { value: name });
        } else {
          this.values.set(name, value);
        }
      }
    }

    makeClass(name, glueClass) {
      const binding = this.binding;
      const cell = { cls: glueClass, settler: undefined };
      cell.settler = this.settler(cell, 'cls');
      this.classCells.push([name, cell]);
      const FacadeClass = {
        [name]: class {
          constructor(...args) {
            binding.calls++;
            try {
              const object = Reflect.construct(cell.cls, args);
              binding.checkpoints.mark(object);
              return object;
            } catch (e) {
              throw binding.afterThrow(e);
            }
          }
        },
      }[name];
      for (const key of Reflect.ownKeys(glueClass)) {
        if (key === 'length' || key === 'name' || key === 'prototype') continue;
        const desc = Object.getOwnPropertyDescriptor(glueClass, key);
        if (typeof desc.value !== 'function') continue;
        Object.defineProperty(FacadeClass, key, {
          value: this.staticCall(cell, key),
          writable: true, configurable: true,
        });
      }
      // The facade's prototype takes the glue class's place in the chain:
      // glue prototype -> facade prototype -> what the glue class extends
      // (Error for a PanicError), so instanceof holds for both.
      Object.setPrototypeOf(FacadeClass.prototype, Object.getPrototypeOf(glueClass.prototype));
      Object.setPrototypeOf(FacadeClass, Object.getPrototypeOf(glueClass));
      this.classes.set(name, FacadeClass);
      this.binding.classPrefixes.push([name.toLowerCase() + '_', name]);
      this.binding.classPrefixes.push([`__wbg_${name.toLowerCase()}_`, name]);
      return FacadeClass;
    }

    staticCall(cell, key) {
      const binding = this.binding;
      return function (...args) {
        if (binding.pendingAbort !== undefined) binding.settle();
        binding.calls++;
        const gen = binding.current;
        try {
          const r = Reflect.apply(cell.cls[key], cell.cls, args);
          return typeof r === 'object' && r instanceof Promise ? binding.track(gen, r) : r;
        } catch (e) {
          throw binding.afterThrow(e);
        }
      };
    }

    // What cell[key] holds while an abort is pending: settles it, then
    // calls (or, for a class, constructs) whatever the cell holds now (the
    // next generation's function or class, or a thrower when none is live).
    settler(cell, key) {
      const binding = this.binding;
      const settler = function (...args) {
        binding.settle();
        const target = cell[key];
        if (target === settler) throw new Error(`${binding.name}: no generation to call`);
        return new.target ? Reflect.construct(target, args) : Reflect.apply(target, this, args);
      };
      return settler;
    }

    // Until generation 1 of glue with an init function has its instance,
    // calls go to its glue through functions that note which export the
    // program calls (the last before the instance is its init: package.js
    // noteFirstCall); a promise they return settles once the binding is
    // ready for its first abort (binding.afterFirstInit). Installing the
    // generation puts the plain cells back.
    awaitFirstInit(gen) {
      const binding = this.binding;
      for (const [name, cell] of this.fnCells) {
        const fn = gen.ns[name];
        if (typeof fn !== 'function') continue;
        cell.fn = function () {
          let args = arguments;
          if (binding.current === undefined) {
            args = binding.pkg.firstInitArguments(name, args);
            binding.pkg.noteFirstCall(name, args[0]);
          }
          const result = Reflect.apply(fn, this, args);
          if (typeof result !== 'object' || !(result instanceof Promise)) {
            binding.startedFresh();
            return result;
          }
          return result.then((value) => {
            binding.startedFresh();
            return binding.afterFirstInit().then(() => value);
          });
        };
      }
    }

    // An abort is pending: the next call through the facade settles it.
    intercept() {
      const fnCells = this.fnCells;
      const classCells = this.classCells;
      for (let i = 0; i < fnCells.length; i++) fnCells[i][1].fn = fnCells[i][1].settler;
      for (let i = 0; i < classCells.length; i++) classCells[i][1].cls = classCells[i][1].settler;
    }

    // Readies a generation for the facade: its classes guarded and linked
    // to the facade's. Done when the generation is made (for a standby,
    // long before it is needed), so that installing it is a swap.
    prepare(gen) {
      if (gen.prepared) return;
      gen.prepared = true;
      const ns = gen.ns;
      const binding = this.binding;
      gen.fnList = this.fnCells.map(([name]) => {
        const fn = ns[name];
        return binding.makesPromises && typeof fn === 'function'
            ? trackingCall(binding, gen, fn) : fn;
      });
      gen.classList = this.classCells.map(([name]) => ns[name]);
      gen.classMap = new Map();
      for (let i = 0; i < this.classCells.length; i++) {
        const name = this.classCells[i][0];
        gen.classMap.set(name, gen.classList[i]);
        this.guardClass(gen, name, gen.classList[i], this.classes.get(name));
      }
    }

    // Puts a new generation behind the facade.
    adopt(gen) {
      this.prepare(gen);
      for (let i = 0; i < this.fnCells.length; i++) this.fnCells[i][1].fn = gen.fnList[i];
      for (let i = 0; i < this.classCells.length; i++) this.classCells[i][1].cls = gen.classList[i];
    }

    // No generation is live: every call throws `error` until one is.
    unavailable(error) {
      const thrower = function () {
        throw error;
      };
      for (const [, cell] of this.fnCells) cell.fn = thrower;
      for (const [, cell] of this.classCells) cell.cls = thrower;
    }

    guardClass(gen, className, glueClass, FacadeClass) {
      const binding = this.binding;
      const proto = glueClass.prototype;
      for (const key of Reflect.ownKeys(proto)) {
        if (key === 'constructor') continue;
        const desc = Object.getOwnPropertyDescriptor(proto, key);
        const quiet = key === 'free' || key === Symbol.dispose;
        const onDeadFor = (slot) => (from, object, args) => {
          // An object a checkpoint restored is the live generation's now.
          const live = adoptRestored(binding, object, className);
          if (live !== undefined) {
            return Reflect.apply(Object.getOwnPropertyDescriptor(live, key)[slot], object, args);
          }
          if (quiet) return undefined;
          throw staleError(binding, className, gen, from);
        };
        if (typeof desc.value === 'function') {
          desc.value = methodCall(binding, gen, desc.value, onDeadFor('value'));
        } else {
          if (desc.get) desc.get = methodCall(binding, gen, desc.get, onDeadFor('get'));
          if (desc.set) desc.set = methodCall(binding, gen, desc.set, onDeadFor('set'));
        }
        Object.defineProperty(proto, key, desc);
      }
      Object.setPrototypeOf(proto, FacadeClass.prototype);
      // Instances report the class the program holds.
      Object.defineProperty(proto, 'constructor', {
        value: FacadeClass, writable: true, configurable: true,
      });
      this.protoGen.set(proto, gen);
      this.refuseStaleArguments(gen, className, glueClass, FacadeClass);
    }

    // The glue checks a class argument with `instanceof` (its
    // _assertClass): an object of a dead generation of the class is refused
    // there with a StaleObjectError, not the glue's "expected instance of".
    // Objects of any other generation are not instances (their pointers
    // mean nothing to this one).
    refuseStaleArguments(gen, className, glueClass, FacadeClass) {
      const binding = this.binding;
      const protoGen = this.protoGen;
      const proto = glueClass.prototype;
      const facadeProto = FacadeClass.prototype;
      const hasInstance = function (value) {
        if ((typeof value !== 'object' && typeof value !== 'function') || value === null) {
          return false;
        }
        for (let p = Object.getPrototypeOf(value); p !== null; p = Object.getPrototypeOf(p)) {
          if (p === proto) return true;
          if (p === facadeProto) return false;
          const other = protoGen.get(p);
          if (other !== undefined && other.dead) {
            if (gen === binding.current && adoptRestored(binding, value, className) === proto) {
              return true;
            }
            throw staleError(binding, className, other, hasInstance);
          }
        }
        return false;
      };
      Object.defineProperty(glueClass, Symbol.hasInstance, { value: hasInstance });
    }

    // The facade as a plain object (CommonJS exports, wbhost.bindings).
    // `extra` descriptors replace names of the same key: a data property
    // redefined as an accessor would turn the object into dictionary mode,
    // and every `pkg.fn(...)` would pay a hash lookup (~4 ns a call).
    toObject(extra) {
      const object = {};
      for (const name of this.names) {
        if (extra && Object.prototype.hasOwnProperty.call(extra, name)) continue;
        object[name] = this.values.get(name);
      }
      if (extra) Object.defineProperties(object, extra);
      return object;
    }
  }

  return { Facade, isClass };
})
