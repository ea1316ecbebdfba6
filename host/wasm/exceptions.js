// WebAssembly.JSTag and WebAssembly.Exception as the WebAssembly JS API
// specifies them, on V8 10.2, which has neither JSTag nor the API's
// Exception (its Exception is an Error with a stack).
//
// JSTag is a real WebAssembly.Tag of type [externref]; what 10.2 lacks is
// the engine's side of it, done here for the instances that import it (and
// only those: an instance that does not import JSTag is V8's own, nothing
// on its calls changes):
//   - a JS exception thrown by one of their imported functions enters Wasm
//     as WebAssembly.Exception(JSTag, [value]), so `catch $jstag` gets the
//     value and catch_all catches it; a WebAssembly.Exception thrown by JS
//     enters as it is (caught by its own tag, not by JSTag);
//   - a JSTag exception leaving one of their exports (thrown by `throw
//     $jstag`, or a JS exception Wasm did not catch) reaches JS as the bare
//     value, the same value a JS import threw.
// new WebAssembly.Exception(JSTag, ...) is a TypeError, as the API says.
//
// Every way bytes become a module here (Module, compile, validate,
// instantiate, compileStreaming, instantiateStreaming) compiles modern
// exception handling too: what V8 refuses and uses try_table, throw_ref or
// exnref is translated (compile.h) and compiled again.
//
// The C++ half (exceptions.cc) makes WebAssembly.Exception.prototype an
// ordinary object (not an Error) in every context, makes the functions
// above lazy properties whose values are these, with V8's own as
// `natives.real`, and JSTag a getter calling `jsTag()`. The bindings layer
// handles JSTag in its own wrappers (recovery/js/), with `isJSTag`,
// `intoWasm` and V8's `RealInstance`.
(function (natives, require) {
  'use strict';
  const real = natives.real;
  const { Module: RealModule, Instance: RealInstance, Exception: RealException } = real;
  const { Tag, CompileError } = WebAssembly;
  const MAX_ARITY = 8;
  let JSTag;  // made on first read of WebAssembly.JSTag

  function define(fn, name, length) {
    Object.defineProperty(fn, 'name', { value: name });
    Object.defineProperty(fn, 'length', { value: length });
    return fn;
  }

  // The API's Exception: JSTag refused; a stack only with traceStack.
  const Exception = define(function Exception(tag, payload, options) {
    if (new.target === undefined) {
      throw new TypeError("WebAssembly.Exception must be invoked with 'new'");
    }
    if (tag !== undefined && tag === JSTag) {
      throw new TypeError('WebAssembly.Exception(): Argument 0 must not be WebAssembly.JSTag');
    }
    require('wasm_exnref').checkTag(tag);
    const e = Reflect.construct(RealException, [tag, payload], new.target);
    // 10.2 gives each its own `message` (and `stack`), as to an Error.
    delete e.message;
    if (options !== undefined && options !== null && options.traceStack) return e;
    delete e.stack;
    return e;
  }, 'Exception', 2);
  Exception.prototype = RealException.prototype;
  Object.defineProperty(RealException.prototype, 'constructor', {
    value: Exception, writable: true, configurable: true,
  });

  function isJSTag(value) {
    return JSTag !== undefined && value === JSTag;
  }

  // What a JS exception becomes as it enters Wasm through an import of an
  // instance that imports JSTag.
  function intoWasm(e) {
    return e instanceof RealException ? e : new RealException(JSTag, [e]);
  }

  // What an exception leaving Wasm becomes in JS.
  function outOfWasm(e) {
    return e instanceof RealException && e.is(JSTag) ? e.getArg(JSTag, 0) : e;
  }

  function params(n) {
    return Array.from({ length: n }, (_, i) => 'a' + i).join(', ');
  }

  // Arity-specialised (nothing allocated per call; V8 inlines them): a
  // try/catch is free on the path that throws nothing.
  const importFactories = [];
  const exportFactories = [];
  for (let n = 0; n <= MAX_ARITY; n++) {
    const p = params(n);
    importFactories.push(new Function('fn', 'intoWasm', `
      return function (${p}) {
        try {
          return fn(${p});
        } catch (e) {
          throw intoWasm(e);
        }
      };`));
    exportFactories.push(new Function('fn', 'outOfWasm', `
      return function (${p}) {
        try {
          return fn(${p});
        } catch (e) {
          throw outOfWasm(e);
        }
      };`));
  }

  // Whether a function with no declared parameters reads `arguments`
  // (wasm-bindgen's catch imports: `function () { return handleError(f,
  // arguments); }`): as an import it must get every argument Wasm passes,
  // whatever its length says. The bindings' wrappers ask it too.
  function readsArguments(fn) {
    return /\barguments\b/.test(Function.prototype.toString.call(fn));
  }

  function wrapImport(fn) {
    const n = fn.length;
    if (n <= MAX_ARITY && (n > 0 || !readsArguments(fn))) {
      return importFactories[n](fn, intoWasm);
    }
    return function (...args) {
      try {
        return Reflect.apply(fn, this, args);
      } catch (e) {
        throw intoWasm(e);
      }
    };
  }

  function wrapExport(fn) {
    const n = fn.length;
    const wrapper = n <= MAX_ARITY ? exportFactories[n](fn, outOfWasm) : function (...args) {
      try {
        return Reflect.apply(fn, undefined, args);
      } catch (e) {
        throw outOfWasm(e);
      }
    };
    // The export's own name (its function index) and length; tables take
    // it for `fn` (tables.js).
    define(wrapper, fn.name, n);
    require('wasm_tables').register(fn, wrapper);
    return wrapper;
  }

  // Per module: its tag imports as [module, name] pairs (none: null).
  const tagImports = new WeakMap();

  function importsJSTag(module, imports) {
    if (JSTag === undefined || !(module instanceof RealModule)) return false;
    let tags = tagImports.get(module);
    if (tags === undefined) {
      tags = RealModule.imports(module).filter((i) => i.kind === 'tag');
      if (tags.length === 0) tags = null;
      tagImports.set(module, tags);
    }
    if (tags === null || typeof imports !== 'object' || imports === null) return false;
    for (const { module: from, name } of tags) {
      const namespace = imports[from];
      if (namespace !== null && typeof namespace === 'object' && namespace[name] === JSTag) {
        return true;
      }
    }
    return false;
  }

  // The import object with every function of it wrapped (intoWasm); its
  // tables noted as a JSTag instance's (tables.js).
  function wrapImports(imports) {
    const result = {};
    // Inherited names too: V8 reads each import with a Get.
    for (const from in imports) {
      const namespace = imports[from];
      if (namespace === null || typeof namespace !== 'object') {
        result[from] = namespace;
        continue;
      }
      const target = {};
      for (const name in namespace) {
        const value = namespace[name];
        target[name] = typeof value === 'function' ? wrapImport(value) : value;
        if (value instanceof WebAssembly.Table) require('wasm_tables').jsTagTable(value);
      }
      result[from] = target;
    }
    return result;
  }

  // `instance` (V8's, of `module`) as a program sees it: the helpers of an
  // outlined exnref in place (exnref.js) and the translation's own exports
  // left out; each export function mapped by `map` if given.
  function published(module, instance, map) {
    const exnref = require('wasm_exnref');
    const outlined = exnref.finish(module, instance);
    if (!outlined && map === undefined) return instance;
    const exports = outlined ? exnref.publicExports(module, instance.exports)
                             : Object.assign(Object.create(null), instance.exports);
    if (map !== undefined) {
      for (const [name, value] of Object.entries(exports)) {
        if (typeof value === 'function' && !exnref.isGuard(value)) exports[name] = map(value);
      }
    }
    Object.freeze(exports);
    Object.defineProperty(instance, 'exports', { value: exports, enumerable: true });
    return instance;
  }

  // An Instance of `module` whose exports unwrap JSTag exceptions.
  function jsTagInstance(module, imports, newTarget) {
    const real = Reflect.construct(RealInstance, [module, wrapImports(imports)], newTarget);
    // Its functions read from its tables come out wrapped (tables.js); the
    // tables it imports were noted by wrapImports.
    for (const value of Object.values(real.exports)) {
      if (value instanceof WebAssembly.Table) require('wasm_tables').jsTagTable(value);
    }
    return published(module, real, wrapExport);
  }

  const Instance = define(function Instance(module, imports) {
    if (new.target === undefined) {
      throw new TypeError("WebAssembly.Instance must be invoked with 'new'");
    }
    imports = require('wasm_exnref').importsFor(module, imports);
    return importsJSTag(module, imports)
        ? jsTagInstance(module, imports, new.target)
        : published(module, Reflect.construct(RealInstance, [module, imports], new.target));
  }, 'Instance', 1);
  Instance.prototype = RealInstance.prototype;
  Object.defineProperty(RealInstance.prototype, 'constructor', {
    value: Instance, writable: true, configurable: true,
  });

  // --- Bytes to modules: V8's compile, and when V8 refuses a module that
  // uses modern exception handling, its translation (compile.h). A module
  // V8 compiles costs nothing more.

  // The bytes to compile instead after V8 threw `error` for `bytes`, or
  // undefined for V8's error to stand; a CompileError of its own for a
  // module that cannot be translated.
  // `api` names the call in a CompileError's message, as V8's do.
  function translation(error, bytes, api) {
    if (!(error instanceof CompileError)) return undefined;
    return natives.translateEh(bytes, api);
  }

  // The translation of bytes V8 10.2 would refuse for their exnref
  // declarations (compile.h), made without asking V8; else undefined.
  function translatedAhead(bytes, api) {
    return natives.declaresExnRef(bytes) ? natives.translateEh(bytes, api) : undefined;
  }

  // An error out of `fn` (one of the functions here) gets its stack taken
  // again from the caller on, as V8's own functions' errors have it: no
  // frame of wbhost's.
  const captureStackTrace = Error.captureStackTrace;
  function fromCaller(error, fn) {
    if (typeof error === 'object' && error !== null && typeof captureStackTrace === 'function') {
      captureStackTrace(error, fn);
    }
    return error;
  }

  // What `use` makes of a translation's bytes (a module, a promise of one,
  // validity), which are freed then: V8 has compiled, copied or read them.
  function withTranslation(translated, use) {
    try {
      return use(translated);
    } finally {
      natives.releaseTranslation(translated);
    }
  }

  const Module = define(function Module(bytes) {
    if (new.target === undefined) {
      throw new TypeError("WebAssembly.Module must be invoked with 'new'");
    }
    try {
      const ahead = translatedAhead(bytes, 'WebAssembly.Module()');
      if (ahead !== undefined) {
        return withTranslation(ahead, (b) => Reflect.construct(RealModule, [b], new.target));
      }
      try {
        return Reflect.construct(RealModule, [bytes], new.target);
      } catch (e) {
        const translated = translation(e, bytes, 'WebAssembly.Module()');
        if (translated === undefined) throw e;
        return withTranslation(translated, (b) => Reflect.construct(RealModule, [b], new.target));
      }
    } catch (e) {
      throw fromCaller(e, Module);
    }
  }, 'Module', 1);
  Module.prototype = RealModule.prototype;
  Object.defineProperty(Module, 'imports', Object.getOwnPropertyDescriptor(RealModule, 'imports'));
  // What the translation of an outlined exnref adds is not the module's.
  const moduleExports = RealModule.exports;
  const moduleCustomSections = RealModule.customSections;
  const exportsOf = define(function exports(module) {
    try {
      const list = Reflect.apply(moduleExports, RealModule, [module]);
      const { hidden } = require('wasm_exnref');
      return list.some((e) => hidden(e.name)) ? list.filter((e) => !hidden(e.name)) : list;
    } catch (e) {
      throw fromCaller(e, exportsOf);
    }
  }, 'exports', 1);
  const customSectionsOf = define(function customSections(module, name) {
    try {
      const list = Reflect.apply(moduleCustomSections, RealModule, [module, name]);
      return `${name}`.startsWith(require('wasm_exnref').SECTION) ? [] : list;
    } catch (e) {
      throw fromCaller(e, customSectionsOf);
    }
  }, 'customSections', 2);
  for (const fn of [exportsOf, customSectionsOf]) {
    Object.defineProperty(Module, fn.name, {
      value: fn, writable: true, enumerable: true, configurable: true,
    });
  }
  Object.defineProperty(RealModule.prototype, 'constructor', {
    value: Module, writable: true, configurable: true,
  });

  // A promise of the module; `api` (the caller, "WebAssembly.compile()")
  // names it in the translation's errors.
  function compileBytes(bytes, api) {
    try {
      const ahead = translatedAhead(bytes, api);
      // V8 copies the bytes before compile() returns.
      if (ahead !== undefined) return withTranslation(ahead, real.compile);
    } catch (e) {
      return Promise.reject(e);
    }
    return real.compile(bytes).catch((e) => {
      const translated = translation(e, bytes, api);
      if (translated === undefined) throw e;
      return withTranslation(translated, real.compile);
    });
  }

  const compile = define(function compile(bytes) {
    return compileBytes(bytes, 'WebAssembly.compile()');
  }, 'compile', 1);

  const validate = define(function validate(bytes) {
    if (real.validate(bytes)) return true;
    try {
      const translated = natives.translateEh(bytes);
      return translated !== undefined && withTranslation(translated, real.validate);
    } catch (e) {
      return false;
    }
  }, 'validate', 1);

  function isBufferSource(value) {
    return value instanceof ArrayBuffer || ArrayBuffer.isView(value) ||
        (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer);
  }

  function instantiateModule(module, imports) {
    try {
      imports = require('wasm_exnref').importsFor(module, imports);
    } catch (e) {
      return Promise.reject(e);
    }
    if (!importsJSTag(module, imports)) {
      return real.instantiate(module, imports).then((instance) => published(module, instance));
    }
    return new Promise((resolve) => resolve(jsTagInstance(module, imports, RealInstance)));
  }

  const instantiate = define(function instantiate(source, imports) {
    if (source instanceof RealModule) return instantiateModule(source, imports);
    // Not bytes: V8's own refusal.
    if (!isBufferSource(source)) return real.instantiate(source, imports);
    return compileBytes(source, 'WebAssembly.instantiate()').then(
        (module) => instantiateModule(module, imports).then((instance) => ({ module, instance })));
  }, 'instantiate', 1);

  // wbhost's streaming reads the whole Response first (host/js/fetch.js)
  // then compiles: the same, here, with the translation when needed.
  function streamedModule(source, api) {
    return new Promise((resolve) => resolve(require('fetch').streamingBytes(source)))
        .then((bytes) => compileBytes(bytes, api));
  }

  const compileStreaming = define(function compileStreaming(source) {
    return streamedModule(source, 'WebAssembly.compileStreaming()');
  }, 'compileStreaming', 1);

  const instantiateStreaming = define(function instantiateStreaming(source, imports) {
    return streamedModule(source, 'WebAssembly.instantiateStreaming()').then(
        (module) => instantiateModule(module, imports).then((instance) => ({ module, instance })));
  }, 'instantiateStreaming', 1);

  // WebAssembly.JSTag's getter: the tag, made on first read (no instance
  // can import it before).
  function jsTag() {
    if (JSTag === undefined) JSTag = new Tag({ parameters: ['externref'] });
    return JSTag;
  }

  return {
    Exception, Module, Instance, compile, validate, instantiate, compileStreaming,
    instantiateStreaming, jsTag, isJSTag, intoWasm, outOfWasm, RealInstance, RealModule,
    readsArguments, fromCaller, published, wrapExport,
  };
})
