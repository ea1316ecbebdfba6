// The bindings layer's entry: what the module loader calls for a file the
// recogniser takes for wasm-bindgen glue, and the host API (`wbhost.bindings`
// and the module `wbhost:bindings`).
//
// A binding is one glue: one per glue file (the bundler target's entry and
// its _bg.js are one), whatever gives it its Wasm (bindings/js/package.js).
(function (natives, require) {
  'use strict';
  const { Binding } = require('recovery_binding');
  const { Generation, generationOfExports } = require('recovery_generation');
  const { WasmAbortError, StaleObjectError } = require('recovery_errors');
  const { Facade, isClass } = require('bindings_facade');
  const { Package } = require('bindings_package');

  const byGlue = new Map();       // glue path (bundler: its _bg.js) -> Binding
  const byObject = new WeakMap();  // facade function/class/namespace -> Binding

  function register(binding, facade) {
    for (const value of facade.values.values()) {
      if (typeof value === 'function' || (typeof value === 'object' && value !== null)) {
        byObject.set(value, binding);
      }
    }
  }

  // What each target's facade answers for itself instead of the glue.
  function specialsOf(target) {
    if (target === 'nodejs') return { __wasm: undefined };
    // The program's entry hands the module to the _bg.js; wbhost has done so.
    if (target === 'bundler') return { __wbg_set_wasm: () => {} };
    return undefined;
  }

  // Called by the loader. info: recogniser facts plus paths. Returns the
  // binding, whose facade is ready, or (glue that awaits at top level)
  // will be when binding.facadeReady settles.
  function load(info) {
    const key = info.key || (info.target === 'bundler' ? info.bgPath : info.gluePath);
    const known = byGlue.get(key);
    if (known !== undefined) return known;
    const pkg = new Package(info);
    const binding = new Binding(pkg, natives.options);
    byGlue.set(key, binding);
    binding.trace(`binding name=${info.name} target=${info.target} glue=${info.gluePath}`);
    try {
      const gen = new Generation(binding, 1);
      if (pkg.initDriven) {
        pkg.startFirst(binding, gen);
        binding.facade = new Facade(binding, gen.ns, specialsOf(info.target));
        binding.facade.awaitFirstInit(gen);
      } else if (info.target === 'deno') {
        pkg.makeGeneration(binding, gen);
        // Its names, not its values: those are set as its evaluation goes on.
        binding.exportNames = Reflect.ownKeys(gen.ns).filter((k) => typeof k === 'string');
        binding.facadeReady = gen.readyPromise.then(() => {
          binding.facade = new Facade(binding, gen.ns, specialsOf(info.target));
          register(binding, binding.facade);
          binding.install(gen);
          binding.startedFresh();
          // It recovers by swapping in a standby: one before the first call.
          return binding.standby.make().then(() => binding.facade, () => binding.facade);
        }, (e) => {
          byGlue.delete(key);
          throw e;
        });
        return binding;
      } else if (info.target === 'bundler') {
        // Its _bg.js is the facade, in place before the Wasm's provider (a
        // JS module may import the _bg.js) runs.
        gen.ns = pkg.freshNamespace(gen);
        binding.facade = new Facade(binding, gen.ns, specialsOf(info.target));
        register(binding, binding.facade);
        pkg.wireBundler(gen);
        gen.ready = true;
        binding.install(gen);
        binding.startedFresh();
        binding.standby.prepare();
      } else {
        pkg.startFirst(binding, gen);
        binding.facade = new Facade(binding, gen.ns, specialsOf(info.target));
        binding.install(gen);
        binding.startedFresh();
        binding.standby.prepare();
      }
    } catch (e) {
      byGlue.delete(key);
      throw e;
    }
    register(binding, binding.facade);
    return binding;
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
    get target() { return this._binding.pkg.target; }
    get generation() { this._binding.settle(); return this._binding.generation; }
    get state() { this._binding.settle(); return this._binding.state; }
    get stats() { this._binding.settle(); return this._binding.statsSnapshot(); }
    reset() { this._binding.reset(); }
    // Checkpoints (docs/recovery.md): the instance's state now, which an
    // abort restores (and rollback() on request) instead of the initial.
    checkpoint() { return this._binding.checkpoints.take(); }
    dropCheckpoint() { this._binding.checkpoints.drop(); }
    rollback() { this._binding.rollback(); }
    get lastCheckpoint() {
      const checkpoint = this._binding.checkpoints.current;
      return checkpoint === undefined ? null : checkpoint.describe();
    }
    // The per-binding --checkpoint=after-start: for a generation made from
    // scratch later (the first, or after reset()).
    get checkpointAfterStart() { return this._binding.checkpoints.afterStart; }
    set checkpointAfterStart(value) { this._binding.checkpoints.afterStart = Boolean(value); }
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
    if ((typeof value !== 'function' && typeof value !== 'object') || value === null) {
      return undefined;
    }
    const direct = byObject.get(value);
    if (direct) return direct;
    // What an init returned: a generation's exports.
    const gen = generationOfExports(value);
    if (gen !== undefined) return gen.binding;
    // A module namespace, an exports object.
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
    // An instance of one of the binding's classes.
    let proto = Object.getPrototypeOf(value);
    while (proto) {
      const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor');
      const found = ctor && byObject.get(ctor.value);
      if (found) return found;
      proto = Object.getPrototypeOf(proto);
    }
    return undefined;
  }

  // What a value is, for an error message.
  function describe(value) {
    if (value === null || value === undefined) return String(value);
    switch (typeof value) {
      case 'string': {
        const text = value.length > 40 ? `${value.slice(0, 40)}...` : value;
        return `the string ${JSON.stringify(text)}`;
      }
      case 'function':
        if (isClass(value)) return value.name ? `class ${value.name}` : 'an anonymous class';
        return value.name ? `function ${value.name}` : 'an anonymous function';
      case 'object': {
        if (value[Symbol.toStringTag] === 'Module') return 'a module namespace';
        if (Array.isArray(value)) return 'an array';
        const proto = Object.getPrototypeOf(value);
        if (proto === null || proto === Object.prototype) return 'an object';
        const ctor = proto.constructor;
        return typeof ctor === 'function' && ctor.name ? `an instance of ${ctor.name}`
                                                       : 'an object';
      }
      case 'symbol':
        return `a symbol (${String(value.description)})`;
      default:
        return `the ${typeof value} ${String(value)}`;
    }
  }

  function of(value) {
    const binding = bindingOf(value);
    if (!binding) {
      throw new TypeError(`wbhost.bindings.of: ${describe(value)} is not part of a ` +
                          'wasm-bindgen binding (give an export of its glue, one of its ' +
                          'classes or their instances, or its module namespace)');
    }
    let controller = controllers.get(binding);
    if (!controller) {
      controller = new Controller(binding);
      controllers.set(binding, controller);
    }
    return controller;
  }

  // wbhost.bindings.load(path): the stable bindings of the wasm-bindgen glue
  // at `path`, for programs that load glue themselves (no-modules glue, or
  // glue outside the module graph). Imports and require() get the same; a
  // promise of them for glue that awaits at top level (deno).
  function loadPath(path) {
    const info = natives.recognize(String(path));
    if (info === null) throw new TypeError(`wbhost.bindings.load: cannot read '${path}'`);
    if (info.target === undefined) {
      throw new TypeError(`wbhost.bindings.load: '${path}' is ${info.reason}`);
    }
    const binding = load(info);
    if (binding.facade === undefined) return binding.facadeReady.then((f) => f.toObject());
    const facade = binding.facade;
    if (info.target === 'no-modules') return noModulesObject(facade);
    return info.target === 'nodejs' ? cjsExports(facade) : facade.toObject();
  }

  // no-modules glue given as a string (bindings/string_glue.cc): the text
  // runs with its global made by finish(id, ...) below, which answers with
  // the binding's stable object. Each string evaluated is a binding.
  const stringGlue = new Map();  // id -> {source, name, fileName, globalName}
  let nextStringGlue = 1;

  function registerStringGlue(source, name, fileName, globalName) {
    const id = nextStringGlue++;
    stringGlue.set(id, { source, name, fileName, globalName });
    if (!Object.prototype.hasOwnProperty.call(globalThis, HOOK)) {
      Object.defineProperty(globalThis, HOOK, { value: Object.freeze({ finish }) });
    }
    return id;
  }

  // Where the glue's `Object.assign(__wbg_init, { initSync }, exports)`
  // was: the text's own global object is left aside.
  function finish(id) {
    const glue = stringGlue.get(id);
    if (glue === undefined) throw new Error('wbhost: unknown glue evaluation');
    stringGlue.delete(id);
    const stem = glue.fileName.replace(/\.[^.]*$/, '');
    const info = natives.stringGlueInfo(glue.source, glue.fileName);
    info.name = stem;
    info.gluePath = glue.name || '(eval)';
    info.key = `string ${id}`;  // each evaluation its own binding
    info.source = glue.source;
    info.globalName = glue.globalName;
    return noModulesObject(load(info).facade);
  }
  const HOOK = Symbol.for('wbhost.stringGlue');

  // What no-modules glue's global is: its init, with the exports on it.
  function noModulesObject(facade) {
    const init = facade.values.get('default');
    const object = facade.toObject();
    delete object.default;
    return Object.assign(init, object);
  }

  // The module loader's hook (bindings/natives.cc BindingsHook): the
  // replacement for the glue file at `path`, imported ('import': an object
  // of exports) or required ('require': the value require returns).
  function hook(path, use) {
    const info = natives.recognize(path);
    if (info === null || info.target === undefined) return undefined;
    // Glue that awaits at top level is an ES module only.
    if (info.target === 'deno' && use === 'require') return undefined;
    const binding = load(info);
    if (binding.facade === undefined) {
      // [names, ready]: importers wait for the facade, as for the glue's
      // own top-level await (bindings/natives.cc BindingsHook).
      return [binding.exportNames, binding.facadeReady.then((f) => f.toObject())];
    }
    const facade = binding.facade;
    if (info.target === 'nodejs') {
      const exports = cjsExports(facade);
      if (use === 'require') return exports;
      const view = facade.toObject();
      view.default = exports;
      return view;
    }
    return facade.toObject();
  }

  const api = Object.freeze({ of, load: loadPath, WasmAbortError, StaleObjectError });
  return { load, hook, namesAndValues, cjsExports, api, registerStringGlue };
})
