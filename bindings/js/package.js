// A wasm-bindgen package: its glue facts (bindings/recognizer.cc), its
// compiled WebAssembly.Module (compiled once per process: invariant 5,
// however it arrived), and how its glue makes a generation.
//
// Every generation's glue runs with a `WebAssembly` of its own
// (glue_webassembly.js), so whatever the glue does to instantiate ends in
// `instanceFor`: one instance per generation, of the package's module.
// The first generation is how the package learns its module:
//   - glue that instantiates when it is evaluated (nodejs, the
//     experimental-nodejs-module and module targets) does so at once, from
//     the file it names;
//   - glue with an init function (web, no-modules, a bundle wrapping glue)
//     waits for the program's first init call, with whatever the program
//     passes (bytes, a Module, a Response, a URL, a path) or the glue's
//     default URL; the export the program called, and the shape of its
//     argument, are how later generations are initialised;
//   - bundler glue gets its module from the module its entry imports: a
//     .wasm file, or a JS module that builds one from inline bytes (its
//     instantiation is taken over, with this generation's _bg.js as the
//     imports).
// Later generations are made from the module alone: a fresh evaluation of
// the glue, then initSync({module}) (or the init the program used, given
// the module) or the glue's own instantiation at evaluation.
(function (natives, require) {
  'use strict';
  const { glueWebAssembly } = require('bindings_glue_webassembly');

  // Targets whose first generation waits for the program's init call.
  const INIT_DRIVEN = new Set(['web', 'no-modules']);

  function isPlainObject(value) {
    return typeof value === 'object' && value !== null &&
        Object.getPrototypeOf(value) === Object.prototype;
  }

  // How the program passed its Wasm to an init function: positionally, or
  // as {module} / {module_or_path} (wasm-bindgen 0.2.93+).
  function argShape(arg) {
    if (isPlainObject(arg)) {
      if ('module_or_path' in arg) return 'module_or_path';
      if ('module' in arg) return 'module';
    }
    return 'positional';
  }

  function argFor(shape, module) {
    return shape === 'positional' ? module : { [shape]: module };
  }

  function byteLength(bytes) {
    return bytes && typeof bytes.byteLength === 'number' ? bytes.byteLength : 0;
  }

  function dirname(path) {
    const i = path.lastIndexOf('/');
    return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
  }

  class Package {
    constructor(info) {
      this.info = info;
      this.name = info.name;
      this.target = info.target;
      this.initDriven = INIT_DRIVEN.has(info.target);
      this.module = undefined;
      this.maxPages = 0;
      // Memory sizes (in pages) below which a probe saw the memory grow.
      this.grewFromPages = 0;
      // Where the module came from (--trace-recovery).
      this.moduleSource = undefined;
      // How the program initialised generation 1: {name, shape}.
      this.init = undefined;
      this.initCandidate = undefined;
      // Glue whose only init is async (set at the first instantiation), or
      // that instantiates under a top-level await (deno).
      this.asyncOnly = info.target === 'deno';
      // The glue compiled once, run per generation (nodejs, no-modules).
      this.cjsGlue = undefined;
      this.classicGlue = undefined;
      // A .wasm file the nodejs glue read for the module (not read again).
      this.wasmReadPath = undefined;
      // bundler: import modules of the Wasm other than the _bg.js, and
      // what the recogniser says of the _bg.js.
      this.otherImports = undefined;
      this.bgInfo = undefined;
    }

    // --- The module, however it arrives.

    setModule(compiled, source) {
      this.module = compiled.module;
      this.maxPages = compiled.maxPages;
      this.moduleSource = `${source} compiled=${compiled.compiled}`;
    }

    moduleFromBytes(bytes) {
      if (this.module === undefined) {
        this.setModule(natives.compileBytes(bytes), `bytes (${byteLength(bytes)})`);
      }
      return this.module;
    }

    moduleFromFile(path) {
      if (this.module === undefined) this.setModule(natives.compile(path), path);
      return this.module;
    }

    // The generation's one instance, of the package's module. The first
    // module a glue instantiates is the package's (a Module the program
    // compiled is taken as it is, or compiled again bounded under
    // --wasm-max-memory).
    instanceFor(gen, module, imports) {
      if (gen.instance !== undefined) return gen.instanceView;
      if (this.module === undefined) this.setModule(natives.adoptModule(module), 'a Module');
      const view = gen.instantiate(this.importsFor(gen, imports));
      gen.binding.instantiated(gen);
      return view;
    }

    // The import object the generation's instance gets: the glue's own,
    // except for bundler glue, whose Wasm imports this generation's _bg.js.
    importsFor(gen, imports) {
      if (this.target !== 'bundler') return imports;
      const from = dirname(this.info.wasmImportPath);
      const result = {};
      const others = this.otherImports || (this.otherImports = {});
      for (const { module: name } of WebAssembly.Module.imports(this.module)) {
        if (name in result) continue;
        if (natives.normalizePath(`${from}/${name}`) === this.info.bgPath) {
          result[name] = gen.ns;
        } else {
          if (!(name in others)) {
            others[name] = imports && name in imports
                ? imports[name] : natives.evalGlue(natives.normalizePath(`${from}/${name}`));
          }
          result[name] = others[name];
        }
      }
      return result;
    }

    // --- Generations.

    // Generation 1, at load: its namespace, for the facade. Glue that
    // instantiates at evaluation is instantiated now; init-driven glue
    // waits for the program's init call (the facade's first calls note
    // which export that is).
    startFirst(binding, gen) {
      if (this.initDriven) {
        gen.ns = this.freshNamespace(gen);
        gen.installOnInstance = true;
        return;
      }
      this.makeGeneration(binding, gen);
    }

    // The program called `name` on generation 1's glue before it had an
    // instance: the last such call is the init (bindings/js/facade.js).
    noteFirstCall(name, arg) {
      this.initCandidate = { name, shape: argShape(arg) };
    }

    // The arguments of the program's init call on generation 1. wbhost's
    // one addition to the glue's own rules: `initSync()` with no module
    // takes the .wasm file the glue names (its async init's default URL),
    // as it did before wbhost learnt modules from the program.
    firstInitArguments(name, args) {
      if (name !== 'initSync' || args[0] !== undefined || !this.info.wasmPath) return args;
      const module = this.moduleFromFile(this.info.wasmPath);
      return [this.info.initTakesObject ? { module } : module];
    }

    // Generation 1 has its instance: how later ones will be initialised.
    learnInit(gen) {
      if (!this.initDriven || this.init !== undefined) return;
      this.init = this.initCandidate || { name: 'default', shape: 'positional' };
      this.asyncOnly = typeof gen.ns.initSync !== 'function';
    }

    freshNamespace(gen) {
      const info = this.info;
      const WebAssembly = glueWebAssembly(this, gen);
      switch (info.target) {
        case 'no-modules': {
          if (this.classicGlue === undefined) {
            this.classicGlue = natives.compileClassicGlue(info.gluePath, info.globalName,
                                                          info.source);
          }
          const fn = this.classicGlue.call(undefined, {}, WebAssembly);
          // The facade's view: the global is the default init.
          return Object.assign({ default: fn }, fn);
        }
        case 'bundler': {
          // A _bg.js before 0.2.84 imports the .wasm itself: that import
          // becomes the __wbg_set_wasm later ones have.
          const bg = this.bgInfo || (this.bgInfo = natives.recognize(info.bgPath) || {});
          if (!bg.sourceImportName) return natives.evalGlue(info.bgPath, { WebAssembly });
          const name = bg.sourceImportName;
          return natives.evalGlue(info.bgPath, { WebAssembly }, {
            blankFrom: bg.sourceImportBegin,
            blankTo: bg.sourceImportEnd,
            prefix: `let ${name}; export function __wbg_set_wasm(value) { ${name} = value; }`,
          });
        }
        case 'module':
          return natives.evalGlue(info.gluePath,
                                  { WebAssembly, [info.sourceImportName]: this.module },
                                  { blankFrom: info.sourceImportBegin, blankTo: info.sourceImportEnd });
        default:
          return natives.evalGlue(info.gluePath, { WebAssembly });
      }
    }

    makeGeneration(binding, gen) {
      const info = this.info;
      gen.ready = false;
      switch (info.target) {
        case 'nodejs':
          this.runCjs(gen);
          break;
        case 'bundler':
          gen.ns = this.freshNamespace(gen);
          this.wireBundler(gen);
          break;
        case 'module':
          this.moduleFromFile(info.wasmPath);
          gen.ns = this.freshNamespace(gen);
          break;
        case 'experimental-nodejs-module':
          gen.ns = this.freshNamespace(gen);
          break;
        case 'deno': {
          // Instantiates under a top-level await: ready when that settles.
          // Before 0.2.104 it reads a file: URL with Deno.readFile.
          const Deno = {
            readFile: async (url) => natives.readFile(decodeURIComponent(new URL(url).pathname)),
          };
          const { ns, done } = natives.evalGlue(
              info.gluePath, { WebAssembly: glueWebAssembly(this, gen), Deno }, { async: true });
          gen.ns = ns;
          gen.readyPromise = done.then(() => {
            if (!gen.instance) throw new Error(`${this.name}: the glue made no instance`);
            gen.ready = true;
          });
          return;
        }
        default:
          gen.ns = this.freshNamespace(gen);
          this.initLater(gen);
          return;
      }
      if (!gen.instance) throw new Error(`${this.name}: the glue made no instance`);
      gen.ready = true;
    }

    // An init-driven glue's later generation: initSync when it has one,
    // else the init the program used, given the module.
    initLater(gen) {
      const ns = gen.ns;
      const init = this.init || { name: 'default', shape: 'positional' };
      if (typeof ns.initSync === 'function') {
        ns.initSync(this.info.initTakesObject || init.shape !== 'positional'
            ? { module: this.module } : this.module);
        if (!gen.instance) throw new Error(`${this.name}: initSync made no instance`);
        gen.ready = true;
        return;
      }
      const fn = ns[init.name];
      if (typeof fn !== 'function') {
        throw new Error(`${this.name}: the glue has no init function '${init.name}'`);
      }
      gen.readyPromise = Promise.resolve(fn(argFor(init.shape, this.module))).then(() => {
        if (!gen.instance) throw new Error(`${this.name}: init made no instance`);
        gen.ready = true;
      });
    }

    // Bundler glue: the module its entry imports, instantiated with this
    // generation's _bg.js, handed to it as the entry would.
    wireBundler(gen) {
      const source = this.info.wasmImportPath;
      if (this.module === undefined && !source.endsWith('.wasm')) {
        // A JS module that builds the module from inline bytes: evaluated
        // once, its instantiation becomes this generation's.
        natives.evalGlue(source, { WebAssembly: glueWebAssembly(this, gen) });
        if (this.module === undefined) {
          throw new Error(`${this.name}: ${source} made no WebAssembly instance`);
        }
      } else {
        this.moduleFromFile(source);
      }
      if (gen.instance === undefined) this.instanceFor(gen, this.module, undefined);
      gen.ns.__wbg_set_wasm(gen.exports, this.module);
      if (typeof gen.exports.__wbindgen_start === 'function') gen.exports.__wbindgen_start();
    }

    runCjs(gen) {
      const info = this.info;
      if (this.cjsGlue === undefined) this.cjsGlue = natives.compileCjs(info.gluePath);
      const module = { exports: {} };
      this.cjsGlue.call(module.exports, module.exports, this.requireShim(), module,
                        info.gluePath, dirname(info.gluePath), glueWebAssembly(this, gen));
      gen.ns = module.exports;
    }

    // What nodejs glue requires: fs (to read its .wasm, which later
    // generations need not read again: the module is compiled), path and
    // util. Anything else goes to the host's require when there is one.
    requireShim() {
      const pkg = this;
      const fs = {
        readFileSync(path) {
          const file = String(path);
          if (pkg.module !== undefined && file === pkg.wasmReadPath) return new Uint8Array(0);
          if (file.endsWith('.wasm')) pkg.wasmReadPath = file;
          return natives.readFile(file);
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
        dirname,
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
