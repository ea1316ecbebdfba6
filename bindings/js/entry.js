// The bindings layer's entry: what the module loader calls for a file the
// recogniser marked as wasm-bindgen glue, and the host API (`wbhost.bindings`
// and the module `wbhost:bindings`).
(function (natives, require) {
  'use strict';
  const { Binding } = require('recovery_binding');
  const { Generation } = require('recovery_generation');
  const { WasmAbortError, StaleObjectError } = require('recovery_errors');
  const { Facade } = require('bindings_facade');
  const { Package } = require('bindings_package');

  const byWasmPath = new Map();   // wasm path -> Binding
  const byObject = new WeakMap(); // facade function/class/namespace -> Binding

  function options() {
    return natives.options;
  }

  function register(binding, facade) {
    for (const value of facade.values.values()) {
      if (typeof value === 'function' || (typeof value === 'object' && value !== null)) {
        byObject.set(value, binding);
      }
    }
  }

  function startSync(binding) {
    if (binding.current) return binding.current;
    const gen = new Generation(binding, 1);
    binding.pkg.makeGeneration(binding, gen);
    if (!gen.ready) throw new Error(`${binding.name}: its glue can only start asynchronously`);
    binding.install(gen);
    binding.prepareStandby();
    return gen;
  }

  async function startAsync(binding) {
    if (binding.current) return binding.current;
    if (binding.starting) return binding.starting;
    const gen = new Generation(binding, 1);
    binding.pkg.makeGeneration(binding, gen);
    if (!gen.ready) {
      binding.starting = gen.readyPromise.then(() => gen);
      try {
        await binding.starting;
      } finally {
        binding.starting = undefined;
      }
    }
    if (!binding.current) {
      binding.install(gen);
      if (binding.pkg.asyncOnly) {
        // Glue that can only start asynchronously recovers by swapping in
        // a standby: have one ready before the program's first call.
        await binding.makeStandby();
      } else {
        binding.prepareStandby();
      }
    }
    return binding.current;
  }

  // Called by the loader. info: recogniser facts plus paths. Returns the
  // facade: { names, values } for an ES module, `exports` for CommonJS.
  function load(info) {
    let binding = byWasmPath.get(info.wasmPath);
    if (binding === undefined) {
      const pkg = new Package(info);
      binding = new Binding(pkg, options());
      byWasmPath.set(info.wasmPath, binding);
      let ns;
      let special;
      if (info.target === 'nodejs') {
        // Requiring nodejs glue instantiates at once: generation 1 now.
        const gen = new Generation(binding, 1);
        pkg.makeGeneration(binding, gen);
        ns = gen.ns;
        binding.facade = new Facade(binding, ns, { __wasm: undefined });
        binding.install(gen);
        binding.prepareStandby();
      } else {
        ns = pkg.evaluateGlue();
        pkg.firstNs = ns;
        special = {};
        if (info.target === 'bundler') {
          binding.facade = new Facade(binding, ns, { __wbg_set_wasm: () => {} });
          startSync(binding);
        } else {
          const init = async function __wbg_init() {
            return (await startAsync(binding)).exports;
          };
          const initSync = function initSync() {
            return startSync(binding).exports;
          };
          if ('default' in ns) special.default = init;
          if ('initSync' in ns) special.initSync = initSync;
          binding.facade = new Facade(binding, ns, special);
        }
      }
      register(binding, binding.facade);
    }
    return binding.facade;
  }

  function namesAndValues(facade) {
    return { names: facade.names, values: facade.names.map((n) => facade.values.get(n)) };
  }

  function cjsExports(facade) {
    const binding = facade.binding;
    return facade.toObject({
      __wasm: { get: () => binding.current && binding.current.exports, enumerable: false },
    });
  }

  class Controller {
    constructor(binding) {
      this._binding = binding;
    }
    // Every read settles an abort still under way, so what it reports is
    // what the next call will meet.
    get name() { return this._binding.name; }
    get generation() { this._binding.settle(); return this._binding.generation; }
    get state() { this._binding.settle(); return this._binding.state; }
    get stats() { this._binding.settle(); return this._binding.statsSnapshot(); }
    reset() { this._binding.reset(); }
    onAbort(fn) {
      if (typeof fn !== 'function') throw new TypeError('onAbort needs a function');
      const binding = this._binding;
      const entry = (event) => fn(event);
      binding.listeners.add(entry);
      return () => { binding.listeners.delete(entry); };
    }
    registerUnwindTag(tag) {
      if (!(tag instanceof WebAssembly.Tag)) throw new TypeError('not a WebAssembly.Tag');
      this._binding.extraUnwindTags.push(tag);
      if (this._binding.current) this._binding.current.unwindTags.push(tag);
    }
  }
  const controllers = new WeakMap();

  function bindingOf(value) {
    if ((typeof value === 'function' || typeof value === 'object') && value !== null) {
      const direct = byObject.get(value);
      if (direct) return direct;
      // A module namespace, an exports object, or an instance.
      for (const key of Object.keys(value)) {
        let member;
        try {
          member = value[key];
        } catch {
          continue;
        }
        const found = byObject.get(member);
        if (found) return found;
      }
      let proto = Object.getPrototypeOf(value);
      while (proto) {
        const found = proto.constructor && byObject.get(proto.constructor);
        if (found) return found;
        proto = Object.getPrototypeOf(proto);
      }
    }
    return undefined;
  }

  function of(value) {
    const binding = bindingOf(value);
    if (!binding) throw new TypeError('wbhost.bindings.of: not a wasm-bindgen binding');
    let controller = controllers.get(binding);
    if (!controller) {
      controller = new Controller(binding);
      controllers.set(binding, controller);
    }
    return controller;
  }

  // wbhost.bindings.load(path): the stable bindings of the wasm-bindgen glue
  // at `path`, for programs that load glue themselves (no-modules glue, or
  // glue outside the module graph). Imports and require() get the same.
  function loadPath(path) {
    const info = natives.recognize(String(path));
    if (info === null) {
      throw new TypeError(`wbhost.bindings.load: '${path}' is not wasm-bindgen glue ` +
                          'with its .wasm beside it');
    }
    const facade = load(info);
    if (info.target === 'no-modules') {
      const init = facade.values.get('default') || (() => {});
      return Object.assign(init, facade.toObject());
    }
    return info.target === 'nodejs' ? cjsExports(facade) : facade.toObject();
  }

  // The module loader's hook (bindings/natives.cc BindingsHook): the
  // replacement for the glue file at `path`, imported ('import': an object
  // of exports) or required ('require': the value require returns).
  function hook(path, use) {
    const info = natives.recognize(path);
    if (info === null) return undefined;
    const facade = load(info);
    if (info.target === 'nodejs') {
      const exports = cjsExports(facade);
      if (use === 'require') return exports;
      const view = facade.toObject();
      view.default = exports;
      return view;
    }
    if (use === 'require') return facade.toObject();
    return facade.toObject();
  }

  const api = Object.freeze({ of, load: loadPath, WasmAbortError, StaleObjectError });
  return { load, hook, namesAndValues, cjsExports, api };
})
