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
// The C++ half (exceptions.cc) makes WebAssembly.Exception.prototype an
// ordinary object (not an Error) in every context, makes
// WebAssembly.Exception a lazy property whose value is `Exception` here,
// and JSTag a getter calling `jsTag()`: the first read of JSTag installs
// the instantiation paths that honour it (WebAssembly.Instance,
// instantiate, instantiateStreaming). The bindings layer handles JSTag in
// its own wrappers (recovery/js/), with `isJSTag` and `intoWasm`.
(function (natives, require) {
  'use strict';
  const RealException = natives.Exception;
  const { Module, Instance: RealInstance, Tag } = WebAssembly;
  const realInstantiate = WebAssembly.instantiate;
  const realCompile = WebAssembly.compile;
  const realCompileStreaming = WebAssembly.compileStreaming;
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

  // An import's declared parameters are not what Wasm passes when it reads
  // `arguments` (wasm-bindgen's catch imports): such a one gets them all.
  function wrapImport(fn) {
    const n = fn.length;
    if (n <= MAX_ARITY && (n > 0 || !/\barguments\b/.test(Function.prototype.toString.call(fn)))) {
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
    // The export's own name (its function index) and length.
    return define(wrapper, fn.name, n);
  }

  // Per module: its tag imports as [module, name] pairs (none: null).
  const tagImports = new WeakMap();

  function importsJSTag(module, imports) {
    if (JSTag === undefined || !(module instanceof Module)) return false;
    let tags = tagImports.get(module);
    if (tags === undefined) {
      tags = Module.imports(module).filter((i) => i.kind === 'tag');
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

  // The import object with every function of it wrapped (intoWasm).
  function wrapImports(imports) {
    const result = {};
    for (const from of Object.keys(imports)) {
      const namespace = imports[from];
      if (namespace === null || typeof namespace !== 'object') {
        result[from] = namespace;
        continue;
      }
      const target = {};
      for (const name in namespace) {
        const value = namespace[name];
        target[name] = typeof value === 'function' ? wrapImport(value) : value;
      }
      result[from] = target;
    }
    return result;
  }

  // An Instance of `module` whose exports unwrap JSTag exceptions.
  function jsTagInstance(module, imports, newTarget) {
    const real = Reflect.construct(RealInstance, [module, wrapImports(imports)], newTarget);
    const exports = Object.create(null);
    for (const [name, value] of Object.entries(real.exports)) {
      exports[name] = typeof value === 'function' ? wrapExport(value) : value;
    }
    Object.freeze(exports);
    Object.defineProperty(real, 'exports', { value: exports, enumerable: true });
    return real;
  }

  const Instance = define(function Instance(module, imports) {
    if (new.target === undefined) {
      throw new TypeError("WebAssembly.Instance must be invoked with 'new'");
    }
    return importsJSTag(module, imports) ? jsTagInstance(module, imports, new.target)
                                         : Reflect.construct(RealInstance, [module, imports],
                                                             new.target);
  }, 'Instance', 1);
  Instance.prototype = RealInstance.prototype;

  const instantiate = define(function instantiate(source, imports) {
    if (source instanceof Module) {
      if (!importsJSTag(source, imports)) return realInstantiate(source, imports);
      return new Promise((resolve) => resolve(jsTagInstance(source, imports, RealInstance)));
    }
    return realCompile(source).then((module) => {
      if (!importsJSTag(module, imports)) return realInstantiate(module, imports).then(
          (instance) => ({ module, instance }));
      return { module, instance: jsTagInstance(module, imports, RealInstance) };
    });
  }, 'instantiate', 1);

  const instantiateStreaming = define(function instantiateStreaming(source, imports) {
    return realCompileStreaming(source).then((module) => instantiate(module, imports).then(
        (instance) => ({ module, instance })));
  }, 'instantiateStreaming', 1);

  // WebAssembly.JSTag's getter: the tag, made (and the instantiation paths
  // that honour it installed) on first read.
  function jsTag() {
    if (JSTag === undefined) {
      JSTag = new Tag({ parameters: ['externref'] });
      for (const [name, value] of [['Instance', Instance], ['instantiate', instantiate],
                                   ['instantiateStreaming', instantiateStreaming]]) {
        Object.defineProperty(WebAssembly, name, { value, writable: true, configurable: true });
      }
      Object.defineProperty(RealInstance.prototype, 'constructor', {
        value: Instance, writable: true, configurable: true,
      });
    }
    return JSTag;
  }

  return { Exception, jsTag, isJSTag, intoWasm, outOfWasm };
})
