// A wasm-bindgen package: its glue facts (from bindings/recognizer.cc), its
// compiled WebAssembly.Module (compiled once per process: invariant 5), and
// how each target's glue makes a generation from that module.
//
// Every target ends in Generation.instantiate(imports), reached through the
// glue's own code path: a WebAssembly shim given to the CommonJS wrapper
// (nodejs), WebAssembly.Instance swapped for the span of a synchronous
// initSync (web, no-modules), WebAssembly.instantiate intercepted for the
// package's module only (glue with an asynchronous init alone), or the
// bundler's _bg.js wired here as its own entry module does.
(function (natives, require) {
  'use strict';
  const RealInstance = WebAssembly.Instance;
  const realInstantiate = WebAssembly.instantiate;
  const pendingByModule = new Map();
  let instantiateHooked = false;

  function hookInstantiate() {
    if (instantiateHooked) return;
    instantiateHooked = true;
    const hooked = {
      instantiate(source, imports) {
        const gen = pendingByModule.get(source);
        if (gen !== undefined) {
          pendingByModule.delete(source);
          try {
            return Promise.resolve(gen.instantiate(imports));
          } catch (e) {
            return Promise.reject(e);
          }
        }
        return Reflect.apply(realInstantiate, this, arguments);
      },
    }.instantiate;
    Object.defineProperty(hooked, 'length', { value: realInstantiate.length });
    WebAssembly.instantiate = hooked;
  }

  function withInstanceHook(gen, fn) {
    const module = gen.binding.pkg.module;
    function Instance(m, imports) {
      if (m === module) return gen.instantiate(imports);
      return Reflect.construct(RealInstance, [m, imports], new.target || RealInstance);
    }
    Instance.prototype = RealInstance.prototype;
    WebAssembly.Instance = Instance;
    try {
      return fn();
    } finally {
      WebAssembly.Instance = RealInstance;
    }
  }

  class Package {
    constructor(info) {
      this.info = info;
      this.name = info.name;
      this.target = info.target;
      this.module = undefined;
      this.maxPages = 0;
      // Memory sizes (in pages) below which a probe saw the memory grow.
      this.grewFromPages = 0;
      // The glue compiled once, run per generation (nodejs, no-modules).
      this.cjsGlue = undefined;
      this.classicGlue = undefined;
      this.firstNs = undefined;
      this.asyncOnly = (info.target === 'web' || info.target === 'no-modules') &&
          !info.hasInitSync;
    }

    ensureModule() {
      if (this.module !== undefined) return;
      const compiled = natives.compile(this.info.wasmPath);
      this.module = compiled.module;
      this.maxPages = compiled.maxPages;
    }

    // The glue namespace of a new generation; the first one is the
    // evaluation the program's import already made.
    freshNamespace() {
      if (this.firstNs !== undefined) {
        const ns = this.firstNs;
        this.firstNs = undefined;
        return ns;
      }
      return this.evaluateGlue();
    }

    evaluateGlue() {
      const info = this.info;
      switch (info.target) {
        case 'nodejs':
          return undefined;  // evaluated with its shims in makeGeneration
        case 'bundler':
          return natives.evalEsm(info.bgPath);
        case 'no-modules':
          if (this.classicGlue === undefined) {
            this.classicGlue = natives.compileClassicGlue(info.gluePath);
          }
          return this.classicGlue.call(undefined, {});
        default:
          return natives.evalEsm(info.gluePath);
      }
    }

    makeGeneration(binding, gen) {
      this.ensureModule();
      const info = this.info;
      gen.ready = false;
      if (info.target === 'nodejs') {
        this.firstNs = undefined;
        if (this.cjsGlue === undefined) this.cjsGlue = natives.compileCjs(info.gluePath);
        const module = { exports: {} };
        const dir = info.gluePath.slice(0, info.gluePath.lastIndexOf('/'));
        this.cjsGlue.call(module.exports, module.exports, this.requireShim(), module,
                          info.gluePath, dir, this.webAssemblyShim(gen));
        gen.ns = module.exports;
        if (!gen.instance) throw new Error(`${this.name}: the glue made no instance`);
        gen.ready = true;
        return;
      }
      gen.ns = this.freshNamespace();
      if (info.target === 'bundler') {
        const imports = {};
        for (const { module } of WebAssembly.Module.imports(this.module)) {
          imports[module] = gen.ns;
        }
        gen.instantiate(imports);
        gen.ns.__wbg_set_wasm(gen.exports);
        if (typeof gen.exports.__wbindgen_start === 'function') gen.exports.__wbindgen_start();
        gen.ready = true;
        return;
      }
      // web and no-modules
      const init = gen.ns.initSync;
      if (typeof init === 'function') {
        const arg = info.initTakesObject ? { module: this.module } : this.module;
        withInstanceHook(gen, () => init(arg));
        if (!gen.instance) throw new Error(`${this.name}: initSync made no instance`);
        gen.ready = true;
        return;
      }
      const asyncInit = gen.ns.default;
      if (typeof asyncInit !== 'function') {
        throw new Error(`${this.name}: the glue has no init function`);
      }
      hookInstantiate();
      pendingByModule.set(this.module, gen);
      const arg = info.initTakesObject ? { module_or_path: this.module } : this.module;
      gen.readyPromise = Promise.resolve(asyncInit(arg)).then(() => {
        if (!gen.instance) throw new Error(`${this.name}: init made no instance`);
        gen.ready = true;
      });
    }

    // The nodejs glue's `WebAssembly`: its own module and instance, nothing
    // compiled again.
    webAssemblyShim(gen) {
      const pkg = this;
      function Module() {
        return pkg.module;
      }
      Module.prototype = WebAssembly.Module.prototype;
      function Instance(module, imports) {
        if (module === pkg.module) return gen.instantiate(imports);
        return Reflect.construct(RealInstance, [module, imports], new.target || RealInstance);
      }
      Instance.prototype = RealInstance.prototype;
      return Object.create(WebAssembly, {
        Module: { value: Module },
        Instance: { value: Instance },
      });
    }

    // What nodejs glue requires: fs (to read its .wasm, which it need not
    // read again: the module is compiled), path and util. Anything else goes
    // to the host's require when there is one.
    requireShim() {
      const info = this.info;
      const fs = {
        readFileSync(path) {
          if (String(path).endsWith('/' + info.wasmFile) || path === info.wasmFile) {
            return new Uint8Array(0);
          }
          return natives.readFile(String(path));
        },
        existsSync(path) {
          return natives.exists(String(path));
        },
      };
      const path = {
        sep: '/',
        join(...parts) {
          return natives.normalizePath(parts.filter((p) => p !== '').join('/'));
        },
        dirname(p) {
          const i = String(p).lastIndexOf('/');
          return i <= 0 ? (i === 0 ? '/' : '.') : String(p).slice(0, i);
        },
      };
      const util = {
        get TextEncoder() { return globalThis.TextEncoder; },
        get TextDecoder() { return globalThis.TextDecoder; },
      };
      const known = { fs, path, util };
      return function require(id) {
        const name = String(id).replace(/^node:/, '');
        if (Object.prototype.hasOwnProperty.call(known, name)) return known[name];
        if (typeof globalThis.require === 'function') return globalThis.require(id);
        throw new Error(`wbhost: node built-in '${name}' is not available`);
      };
    }
  }

  return { Package };
})
