// A generation: one evaluation of a package's glue plus one Wasm instance
// (design invariant 1). It owns the wrappers around its instance's exports
// and imports, which are how it is poisoned: once `dead`, every export
// refuses (free functions quietly, so finalizers are no-ops), every import
// refuses, and nothing of it reaches JS or a newer instance again.
(function (natives, require) {
  'use strict';
  const { exportWrapper, importWrapper, makesPromises } = require('recovery_wrappers');
  const { StaleObjectError, WasmAbortError } = require('recovery_errors');
  // V8's own: the binding does what JSTag needs in its wrappers.
  const { RealInstance } = require('wasm_exceptions');
  const PAGE = 65536;
  const GEN = Symbol('generation');
  const RAW = Symbol('raw exports');
  const quiet = () => undefined;

  // Frees of a dead generation are quiet no-ops: the finalizers of its
  // orphans still call them.
  function isFree(name) {
    return /^__wbg_.*_free$/.test(name) || name === '__wbindgen_free';
  }

  // What a dead generation's glue finds in place of a table it exports:
  // the functions it holds are quiet no-ops (the glue's closure destructors
  // call them from finalizers), so that no code of a dead instance runs
  // again; its memory may be a new generation's now (memory_pool.js).
  function deadTable(table) {
    return Object.freeze({
      get: () => quiet, set: quiet, grow: () => table.length, length: table.length,
    });
  }

  // One per package: a getter per export name that wraps the export for
  // the generation it is read through, then caches it on that object. The
  // names read are remembered for the package (pkg.usedExports), so that a
  // standby wraps them ahead.
  function exportsPrototype(pkg, raw) {
    if (pkg.exportsPrototype !== undefined) return pkg.exportsPrototype;
    const proto = Object.create(null);
    const used = new Set();
    for (const name of Object.keys(raw)) {
      // What wbhost exported for checkpoints (bindings/wasm/state_exports.h)
      // is not the glue's.
      if (name.startsWith('__wbhost_')) continue;
      Object.defineProperty(proto, name, {
        get() {
          const gen = this[GEN];
          // A generation a checkpoint will be put into does not start: its
          // state is the checkpoint's.
          const value = gen.dead ? gen.refuser(name, this[RAW][name])
                                 : (gen.restoring !== undefined && name === '__wbindgen_start')
                                 ? quiet : gen.wrapExport(name, this[RAW][name]);
          // Writable: Generation.kill replaces it with a plain store.
          Object.defineProperty(this, name, {
            value, enumerable: true, configurable: true, writable: true,
          });
          used.add(name);
          return value;
        },
        enumerable: true,
      });
    }
    pkg.exportsPrototype = proto;
    pkg.usedExports = used;
    return proto;
  }

  class Generation {
    constructor(binding, number) {
      this.binding = binding;
      this.number = number;
      this.dead = false;
      // The JS exception an import last threw into Wasm.
      this.crossing = undefined;
      // The abort under way ({kind, cause, error, started}), and how many
      // began: imports compare it to refuse returning into an abort.
      this.abort = undefined;
      this.aborts = 0;
      // Its abort's WasmAbortError made ahead, if it was a standby.
      this.spareError = undefined;
      this.hasTerminatedFlag = false;
      // Imports of this generation running: Wasm frames of it are below.
      this.inImport = 0;
      this.unwindTags = [];
      // WebAssembly.JSTag, if its instance imports it: JS exceptions enter
      // its Wasm under it (intoWasm) and leave it bare (binding.leftWasm).
      this.jsTag = undefined;
      this.ns = undefined;        // the glue's namespace or module.exports
      this.instance = undefined;
      this.instanceView = undefined;  // the Instance the glue got
      this.installOnInstance = false;  // generation 1 of init-driven glue
      // Checkpoints (recovery/js/checkpoint.js): the one this generation is
      // made to be restored from, the one it was, the first epoch of its
      // objects, its glue's JS state (get, or put with an argument), and
      // whether its glue keeps JS values in a heap slab.
      this.restoring = undefined;
      this.restoredFrom = undefined;
      this.firstEpoch = 0;
      this.glueState = undefined;
      this.keepsHeapSlab = false;
      this.registries = [];  // FinalizationRegistries its glue made, in order
      this.exports = undefined;   // wrapped exports, as the glue sees them
      this.memory = undefined;
      // The memory wbhost gave its instance, when the module imports it
      // (bindings/wasm/memory_import.h).
      this.ownMemory = undefined;
      this.abortError = undefined;
      this.pending = new Set();   // reject functions of tracked promises
      this.classes = [];          // [glueClass, facadeClass] of this generation
      this.killList = [];         // [name, refuser, ...] of the wrapped exports
    }

    // Instantiates the package's compiled module for this generation; the
    // glue receives an Instance-like object whose exports are wrapped.
    instantiate(imports) {
      const pkg = this.binding.pkg;
      const exnref = require('wasm_exnref');
      // An exnref import given by JS refuses (host/wasm/exnref.js) inside
      // the import wrapper, so its TypeError crosses Wasm as any import's.
      const wrapped = this.wrapImports(exnref.importsFor(pkg.module, imports));
      if (pkg.memoryLimits !== undefined) {
        this.ownMemory = this.binding.memories.forGeneration(this, pkg.memoryLimits);
        pkg.addMemoryImport(wrapped, this.ownMemory);
      }
      const instance = new RealInstance(pkg.module, wrapped);
      // An outlined exnref's helpers in place, and its exports as the JS API
      // shows them (exnref refused).
      const outlined = exnref.finish(pkg.module, instance);
      this.keepsHeapSlab = pkg.keepsHeapSlab();
      this.instance = instance;
      this.exports = this.wrapExports(
          outlined ? exnref.publicExports(pkg.module, instance.exports) : instance.exports);
      this.hasTerminatedFlag =
          instance.exports.__instance_terminated instanceof WebAssembly.Global;
      this.instanceView = Object.create(RealInstance.prototype, {
        exports: { value: this.exports, enumerable: true },
      });
      return this.instanceView;
    }

    wrapImports(imports) {
      const result = {};
      // Inherited names too, at both levels: V8 reads each with a Get.
      for (const moduleName in imports || {}) {
        const source = imports[moduleName];
        const target = {};
        // Own and inherited names: nodejs glue passes its module.exports.
        for (const name in source) {
          const value = source[name];
          if (typeof value === 'function') {
            target[name] = importWrapper(this, value);
            if (!this.binding.makesPromises && makesPromises(value)) {
              this.binding.makesPromises = true;
            }
          } else {
            if (value instanceof WebAssembly.Tag) {
              if (name.includes('wrapped_jstag')) this.unwindTags.push(value);
              if (require('wasm_exceptions').isJSTag(value)) this.jsTag = value;
            }
            target[name] = value;
          }
        }
        result[moduleName] = target;
      }
      for (const tag of this.binding.extraUnwindTags) this.unwindTags.push(tag);
      return result;
    }

    // The exports as this generation's glue sees them. Each is wrapped on
    // first use (a getter on a prototype the package shares replaces itself
    // with the wrapper), so a recovery costs nothing for the exports a
    // program never calls: a 1 MiB module can have thousands.
    wrapExports(raw) {
      const memory = raw.memory;
      if (memory instanceof WebAssembly.Memory) this.memory = memory;
      const wrapped = Object.create(exportsPrototype(this.binding.pkg, raw));
      wrapped[GEN] = this;
      wrapped[RAW] = raw;
      return wrapped;
    }

    intoWasm(e) {
      return require('wasm_exceptions').intoWasm(e);
    }

    // Wraps now, rather than on first use, the exports any generation of
    // the package has used: a standby does this off the failing call's
    // path. Not all of them: poisoning costs a store per wrapped export,
    // and a large module may have thousands the program never calls.
    wrapUsedExports() {
      const exports = this.exports;
      const used = this.binding.pkg.usedExports;
      if (exports === undefined || used === undefined) return;
      for (const name of used) void exports[name];
    }

    // Wraps an export for this generation's glue, and makes ahead what
    // kill() puts in its place: poisoning is then a store per export.
    wrapExport(name, value) {
      if (value instanceof WebAssembly.Table) {
        this.killList.push(name, deadTable(value));
        return value;
      }
      if (typeof value !== 'function') return value;
      this.killList.push(name, this.refuser(name, value));
      // An exnref guard throws its TypeError before any Wasm runs.
      return require('wasm_exnref').isGuard(value) ? value : exportWrapper(this, value);
    }

    // What the dead generation's glue finds in place of an export: frees
    // are quiet no-ops (finalizers of orphans), the rest refuse.
    refuser(name, value) {
      if (value instanceof WebAssembly.Table) return deadTable(value);
      if (typeof value !== 'function') return value;
      return isFree(name) ? quiet : () => { throw this.refuseExport(name); };
    }

    // The address of the i32 the glue of panic=unwind builds sets when it
    // declares the instance dead (held by the exported global), if any.
    flagAddress() {
      const raw = this.instance && this.instance.exports;
      const global = raw && raw.__instance_terminated;
      if (!(global instanceof WebAssembly.Global) || !this.memory) return undefined;
      const address = global.value >>> 0;
      if (address % 4 !== 0 || address + 4 > this.memory.buffer.byteLength) return undefined;
      return address;
    }

    terminatedFlagSet() {
      const address = this.flagAddress();
      return address !== undefined && new Int32Array(this.memory.buffer)[address / 4] !== 0;
    }

    // A trap with the memory at its bound is an allocation failure. Below
    // the bound from --wasm-max-memory (or without one), the dead
    // instance's memory is asked to grow by a page: refusing means it is at
    // its declared maximum (or the system refused). A size a probe of this
    // package could grow from before is taken as not exhausted, and one it
    // could not as exhausted, without probing again (a probe costs ~10 us
    // of the failing call, detaching the buffer; a refusal, an exception).
    memoryExhausted() {
      if (!this.memory) return false;
      const pkg = this.binding.pkg;
      const pages = this.memory.buffer.byteLength / PAGE;
      // At wbhost's bound. Below it the module's own maximum may be lower:
      // ask as without a bound.
      if (pkg.maxPages > 0 && pages >= pkg.maxPages - 1) return true;
      if (pages < pkg.grewFromPages) return false;
      // A size a probe could not grow from is the module's maximum.
      if (pkg.stuckAtPages > 0 && pages >= pkg.stuckAtPages) return true;
      try {
        this.memory.grow(1);
        pkg.grewFromPages = pages + 1;
        return false;
      } catch (e) {
        pkg.stuckAtPages = pages;
        return true;
      }
    }

    refuseExport(name) {
      const binding = this.binding;
      const className = binding.classForExport(name);
      const what = className ? `${className} object` : `'${name}'`;
      return new StaleObjectError(
          `${what} of ${binding.name} generation ${this.number} used after ` +
          `that generation ended (now generation ${binding.generation})`,
          { className, generation: this.number, current: binding.generation,
            binding: binding.name });
    }

    refuseImport() {
      if (this.abort !== undefined) return this.abort.error;
      return this.abortError ||
          new WasmAbortError(`${this.binding.name} generation ${this.number} has ended`,
                             { kind: 'aborted', generation: this.number,
                               binding: this.binding.name });
    }

    // Poisons this generation for good.
    kill(abortError) {
      this.dead = true;
      this.abortError = abortError;
      const exports = this.exports;
      const list = this.killList;
      if (exports !== undefined) {
        for (let i = 0; i < list.length; i += 2) exports[list[i]] = list[i + 1];
      }
      if (this.pending.size === 0) return;
      for (const reject of this.pending) reject(abortError);
      this.pending.clear();
    }
  }

  // The generation whose glue was given `exports` (an init's result).
  function generationOfExports(exports) {
    return typeof exports === 'object' && exports !== null && GEN in exports
        ? exports[GEN] : undefined;
  }

  return { Generation, generationOfExports };
})
