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
  const { glueWebAssembly, HIDDEN_IMPORT_MODULE } = require('bindings_glue_webassembly');

  // Targets whose first generation waits for the program's init call.
  const INIT_DRIVEN = new Set(['web', 'no-modules']);

  // The accessor of the JS state the glue keeps for its Wasm, as it is
  // written into the glue's scope: with no argument it reads, with one it
  // puts back what it read. The heap slab of glue without reference types
  // (`heap`, its free list `heap_next`, `stack_pointer` of borrowed
  // values); names the glue does not have are left alone.
  const GLUE_STATE = `function (put) {
    if (put === undefined) {
      return {
        heap: typeof heap !== 'undefined' && Array.isArray(heap) ? heap.slice() : undefined,
        heap_next: typeof heap_next === 'number' ? heap_next : undefined,
        stack_pointer: typeof stack_pointer === 'number' ? stack_pointer : undefined,
      };
    }
    try {
      if (put.heap !== undefined) {
        heap.length = 0;
        for (let i = 0; i < put.heap.length; i++) heap.push(put.heap[i]);
      }
      if (put.heap_next !== undefined) heap_next = put.heap_next;
      if (put.stack_pointer !== undefined) stack_pointer = put.stack_pointer;
    } catch (e) {}
  }`;
  const ESM_STATE_SUFFIX = `\n;import.meta.wbhostGlue.state = ${GLUE_STATE};`;

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
      // The limits of the memory its instances import from wbhost
      // (bindings/wasm/memory_import.h), if the module was rewritten so.
      this.memoryLimits = undefined;
      // Memory sizes (in pages) below which a probe saw the memory grow,
      // and from which it saw it refuse (recovery/js/generation.js).
      this.grewFromPages = 0;
      this.stuckAtPages = 0;
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
      this.heapSlab = undefined;
      // bundler: import modules of the Wasm other than the _bg.js, and
      // what the recogniser says of the _bg.js.
      this.otherImports = undefined;
      this.bgInfo = undefined;
    }

    // --- The module, however it arrives.

    setModule(compiled, source) {
      this.module = compiled.module;
      this.maxPages = compiled.maxPages;
      this.memoryLimits = compiled.memory;
      this.moduleSource = `${source} compiled=${compiled.compiled}`;
    }

    // Puts into `imports` (a generation's) the memory wbhost gives it.
    addMemoryImport(imports, memory) {
      imports[HIDDEN_IMPORT_MODULE] = { memory };
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
        if (name in result || name === HIDDEN_IMPORT_MODULE) continue;
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

    // What a generation's glue sees in place of globals of the same name:
    // its WebAssembly (glue_webassembly.js), and a FinalizationRegistry
    // that gives each object the binding's epoch (recovery/js/
    // checkpoint.js). Its `state` is set by the glue's last line.
    givenTo(gen) {
      const given = { WebAssembly: glueWebAssembly(this, gen) };
      const registry = gen.binding.checkpoints.registryClass();
      if (registry !== undefined) given.FinalizationRegistry = registry;
      return given;
    }

    freshNamespace(gen) {
      return gen.binding.checkpoints.evaluation(gen, () => this.evaluate(gen));
    }

    evaluate(gen) {
      const info = this.info;
      const given = this.givenTo(gen);
      let ns;
      switch (info.target) {
        case 'no-modules':
          return this.runClassic(gen, given);
        case 'bundler': {
          // A _bg.js before 0.2.84 imports the .wasm itself: that import
          // becomes the __wbg_set_wasm later ones have.
          const bg = this.bgInfo || (this.bgInfo = natives.recognize(info.bgPath) || {});
          const name = bg.sourceImportName;
          ns = natives.evalGlue(info.bgPath, given, name ? {
            blankFrom: bg.sourceImportBegin,
            blankTo: bg.sourceImportEnd,
            prefix: `let ${name}; export function __wbg_set_wasm(value) { ${name} = value; }`,
            suffix: ESM_STATE_SUFFIX,
          } : { suffix: ESM_STATE_SUFFIX });
          break;
        }
        case 'module':
          given[info.sourceImportName] = this.module;
          ns = natives.evalGlue(info.gluePath, given, {
            blankFrom: info.sourceImportBegin,
            blankTo: info.sourceImportEnd,
            suffix: ESM_STATE_SUFFIX,
          });
          break;
        default:
          ns = natives.evalGlue(info.gluePath, given, { suffix: ESM_STATE_SUFFIX });
      }
      gen.glueState = given.state;
      return ns;
    }

    // no-modules glue: a function of its globals, compiled once; the
    // accessor of its JS state is made where it makes its global, inside
    // its closure (at the recogniser's globalAssign).
    runClassic(gen, given) {
      const info = this.info;
      const name = /^[A-Za-z_$][\w$]*$/.test(info.globalName) ? info.globalName : 'wasm_bindgen';
      if (this.classicGlue === undefined) {
        this.classicGlue = natives.compileGlue(info.gluePath, {
          params: ['self', 'WebAssembly', 'FinalizationRegistry', '__wbhostGlue'],
          source: info.source,
          inject: info.globalAssign >= 0 ? {
            at: info.globalAssign,
            length: 'Object.assign('.length,
            text: `(__wbhostGlue.state = ${GLUE_STATE}, Object.assign)(`,
          } : undefined,
          // (Text given to new Function may return the global itself.)
          suffix: `\n;return typeof ${name} !== 'undefined' ? ${name} : self.${name};`,
        });
      }
      const holder = {};
      const fn = this.classicGlue.call(
          undefined, {}, given.WebAssembly,
          given.FinalizationRegistry || globalThis.FinalizationRegistry, holder);
      gen.glueState = holder.state;
      // The facade's view: the global is the default init.
      return Object.assign({ default: fn }, fn);
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
          const given = this.givenTo(gen);
          given.Deno = Deno;
          const { ns, done } = binding.checkpoints.evaluation(gen, () => natives.evalGlue(
              info.gluePath, given, { async: true, suffix: ESM_STATE_SUFFIX }));
          gen.ns = ns;
          gen.readyPromise = done.then(() => {
            if (!gen.instance) throw new Error(`${this.name}: the glue made no instance`);
            gen.glueState = given.state;
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
      if (this.cjsGlue === undefined) {
        this.cjsGlue = natives.compileGlue(info.gluePath, {
          params: ['exports', 'require', 'module', '__filename', '__dirname', 'WebAssembly',
                   'FinalizationRegistry'],
          suffix: `\n;return ${GLUE_STATE};`,
        });
      }
      const given = this.givenTo(gen);
      const module = { exports: {} };
      gen.glueState = gen.binding.checkpoints.evaluation(gen, () => this.cjsGlue.call(
          module.exports, module.exports, this.requireShim(), module, info.gluePath,
          dirname(info.gluePath), given.WebAssembly,
          given.FinalizationRegistry || globalThis.FinalizationRegistry));
      gen.ns = module.exports;
    }

    // Whether the module's glue keeps JS values by index in a heap slab
    // (glue without reference types imports these to drop and clone them).
    keepsHeapSlab() {
      if (this.heapSlab === undefined) {
        this.heapSlab = WebAssembly.Module.imports(this.module).some(
            (i) => i.name === '__wbindgen_object_drop_ref' || i.name === '__wbindgen_object_clone_ref');
      }
      return this.heapSlab;
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
