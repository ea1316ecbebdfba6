// The `WebAssembly` a generation's glue sees. Every way glue of any
// version and target can turn its Wasm into an instance (new
// WebAssembly.Module and Instance, instantiate, instantiateStreaming,
// compile, compileStreaming) comes here, with whatever the program gave
// the glue: bytes, a WebAssembly.Module, a Response, a fetched URL. That is
// how a package's module is learnt however it is laid out (the first
// generation's instantiation) and compiled once (bindings/module_cache.cc),
// and how every later generation gets the same compiled module. The rest
// of WebAssembly (Memory, Table, Tag, Exception, errors, validate) is the
// real one, so `instanceof` in the glue holds.
//
// The glue's instance is made by `pkg.instanceFor(gen, module, imports)`:
// one per generation, whatever the glue asks.
(function (natives, require) {
  'use strict';
  const RealModule = WebAssembly.Module;
  const RealInstance = WebAssembly.Instance;
  // What wbhost added to a package's module for checkpoints (bindings/wasm/
  // state_exports.h, memory_import.h), which glue and programs never see.
  const HIDDEN_IMPORT_MODULE = '__wbhost';
  const HIDDEN_EXPORT_PREFIX = '__wbhost_';

  async function responseBytes(response) {
    if (response === null || typeof response !== 'object' ||
        typeof response.arrayBuffer !== 'function') {
      throw new TypeError('WebAssembly.instantiateStreaming(): Argument 0 must be a Response');
    }
    if (response.ok === false) {
      throw new TypeError(`WebAssembly.instantiateStreaming(): HTTP status ${response.status}`);
    }
    return response.arrayBuffer();
  }

  function define(fn, name, length) {
    Object.defineProperty(fn, 'name', { value: name });
    Object.defineProperty(fn, 'length', { value: length });
    return fn;
  }

  function glueWebAssembly(pkg, gen) {
    const Module = define(function Module(bytes) {
      if (new.target === undefined) {
        throw new TypeError("WebAssembly.Module must be invoked with 'new'");
      }
      return pkg.moduleFromBytes(bytes);
    }, 'Module', 1);
    Module.prototype = RealModule.prototype;
    Module.customSections = RealModule.customSections;
    Module.imports = define(function imports(module) {
      return RealModule.imports(module).filter((i) => i.module !== HIDDEN_IMPORT_MODULE);
    }, 'imports', 1);
    Module.exports = define(function exports(module) {
      return RealModule.exports(module).filter((e) => !e.name.startsWith(HIDDEN_EXPORT_PREFIX));
    }, 'exports', 1);

    const Instance = define(function Instance(module, imports) {
      if (new.target === undefined) {
        throw new TypeError("WebAssembly.Instance must be invoked with 'new'");
      }
      // Not a module: the real constructor's TypeError.
      if (!(module instanceof RealModule)) return new RealInstance(module, imports);
      return pkg.instanceFor(gen, module, imports);
    }, 'Instance', 1);
    Instance.prototype = RealInstance.prototype;

    const instantiate = define(async function instantiate(source, imports) {
      if (source instanceof RealModule) return pkg.instanceFor(gen, source, imports);
      const module = pkg.moduleFromBytes(source);
      return { module, instance: pkg.instanceFor(gen, module, imports) };
    }, 'instantiate', 1);
    const instantiateStreaming = define(async function instantiateStreaming(source, imports) {
      const bytes = await responseBytes(await source);
      const module = pkg.moduleFromBytes(bytes);
      return { module, instance: pkg.instanceFor(gen, module, imports) };
    }, 'instantiateStreaming', 1);
    const compile = define(async function compile(bytes) {
      return pkg.moduleFromBytes(bytes);
    }, 'compile', 1);
    const compileStreaming = define(async function compileStreaming(source) {
      return pkg.moduleFromBytes(await responseBytes(await source));
    }, 'compileStreaming', 1);

    const own = { Module, Instance, instantiate, instantiateStreaming, compile, compileStreaming };
    const descriptors = {};
    for (const key of Object.keys(own)) {
      descriptors[key] = { value: own[key], writable: true, configurable: true };
    }
    return Object.create(WebAssembly, descriptors);
  }

  return { glueWebAssembly, HIDDEN_IMPORT_MODULE };
})
