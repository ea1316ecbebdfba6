// CommonJS: require(), module.exports, __dirname/__filename, require.cache
// and require.resolve, and the node built-ins wasm-bindgen's nodejs target
// uses (fs, path, util). Resolution and compiling are native
// (host/modules/commonjs_natives.cc); the module loader imports CommonJS
// files through loadForImport.
(function (natives, require) {
  'use strict';
  const cache = Object.create(null);

  // --- Built-ins.
  function pathModule() {
    function normalizeParts(parts, absolute) {
      const out = [];
      for (const part of parts) {
        if (part === '' || part === '.') continue;
        if (part === '..') {
          if (out.length && out[out.length - 1] !== '..') out.pop();
          else if (!absolute) out.push('..');
          continue;
        }
        out.push(part);
      }
      return out;
    }
    const path = {
      sep: '/',
      delimiter: ':',
      isAbsolute: (p) => `${p}`.startsWith('/'),
      normalize(p) {
        p = `${p}`;
        if (p === '') return '.';
        const absolute = p.startsWith('/');
        const trailing = p.endsWith('/');
        let out = normalizeParts(p.split('/'), absolute).join('/');
        if (!out && !absolute) out = '.';
        if (out && trailing) out += '/';
        return (absolute ? '/' : '') + out;
      },
      join(...parts) {
        const joined = parts.map((p) => `${p}`).filter((p) => p !== '').join('/');
        return joined === '' ? '.' : path.normalize(joined);
      },
      resolve(...parts) {
        let resolved = '';
        for (let i = parts.length - 1; i >= 0 && !resolved.startsWith('/'); i--) {
          const p = `${parts[i]}`;
          if (p !== '') resolved = resolved ? `${p}/${resolved}` : p;
        }
        if (!resolved.startsWith('/')) resolved = natives.absolutePath(resolved || '.');
        const out = '/' + normalizeParts(resolved.split('/'), true).join('/');
        return out;
      },
      dirname(p) {
        p = `${p}`;
        if (p === '') return '.';
        const trimmed = p.length > 1 ? p.replace(/\/+$/, '') : p;
        const i = trimmed.lastIndexOf('/');
        if (i < 0) return '.';
        if (i === 0) return '/';
        return trimmed.slice(0, i);
      },
      basename(p, ext) {
        p = `${p}`.replace(/\/+$/, '');
        let base = p.slice(p.lastIndexOf('/') + 1);
        if (ext !== undefined && base.endsWith(ext) && base !== ext) {
          base = base.slice(0, -ext.length);
        }
        return base;
      },
      extname(p) {
        const base = path.basename(p);
        const i = base.lastIndexOf('.');
        return i <= 0 ? '' : base.slice(i);
      },
    };
    path.posix = path;
    return path;
  }

  function fsModule() {
    return {
      readFileSync(file, options) {
        const encoding = typeof options === 'string' ? options : options && options.encoding;
        const isUrl = typeof URL === 'function' && file instanceof URL;
        const path = `${isUrl ? decodeURIComponent(file.pathname) : file}`;
        if (encoding) {
          if (!/^utf-?8$/i.test(encoding)) {
            throw new TypeError(`wbhost: fs.readFileSync supports only utf8, not '${encoding}'`);
          }
          return natives.readText(path);
        }
        return natives.readBytes(path);
      },
      existsSync(file) {
        return natives.exists(`${file}`);
      },
    };
  }

  function utilModule() {
    const util = {
      get TextEncoder() { return globalThis.TextEncoder; },
      get TextDecoder() { return globalThis.TextDecoder; },
      inspect: Object.assign(function inspect(value, options) {
        return require('inspect').inspect(value, options);
      }, { custom: Symbol.for('nodejs.util.inspect.custom') }),
      format(...args) {
        return require('format').format(...args);
      },
    };
    return util;
  }

  // node's url module over the global URL: file URLs to paths and back.
  function urlModule() {
    const { URL, URLSearchParams } = globalThis;
    function fileURLToPath(url) {
      const parsed = typeof url === 'string' ? new URL(url) : url;
      if (!(parsed instanceof URL)) {
        throw new TypeError('The "path" argument must be of type string or an instance of URL');
      }
      if (parsed.protocol !== 'file:') throw new TypeError('The URL must be of scheme file');
      if (parsed.hostname !== '') throw new TypeError('File URL host must be "localhost" or empty on linux');
      if (/%2f/i.test(parsed.pathname)) {
        throw new TypeError('File URL path must not include encoded / characters');
      }
      return decodeURIComponent(parsed.pathname);
    }
    function pathToFileURL(path) {
      let resolved = pathModule().resolve(String(path));
      if (String(path).endsWith('/') && !resolved.endsWith('/')) resolved += '/';
      const url = new URL('file://');
      url.pathname = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C')
          .replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
      return url;
    }
    // As node: '' for a domain that is not valid.
    function domainToASCII(domain) {
      try {
        return new URL(`ws://${domain}`).hostname;
      } catch {
        return '';
      }
    }
    function domainToUnicode(domain) {
      const ascii = domainToASCII(domain);
      if (ascii === '') return '';
      return require('tr46').toUnicode(ascii, { checkBidi: true, checkJoiners: true,
                                                checkHyphens: false, useSTD3ASCIIRules: false,
                                                processingOption: 'nontransitional' }).domain;
    }
    return { URL, URLSearchParams, fileURLToPath, pathToFileURL, domainToASCII, domainToUnicode };
  }

  const builtinMakers = {
    fs: fsModule,
    path: pathModule,
    util: utilModule,
    process: () => require('node_process').process,
    os: () => require('node_os').os,
    events: () => require('node_events').EventEmitter,
    buffer: () => require('node_buffer').exports,
    url: urlModule,
    timers: () => ({
      setTimeout, setInterval, clearTimeout, clearInterval,
      setImmediate: require('node_immediate').setImmediate,
      clearImmediate: require('node_immediate').clearImmediate,
    }),
    // wbhost's own: the bindings API (bindings/js/entry.js).
    'wbhost:bindings': () => globalThis.wbhost.bindings,
  };
  const builtins = Object.create(null);

  function builtin(name) {
    if (!(name in builtins)) {
      const make = builtinMakers[name];
      if (!make) {
        throw new Error(name.startsWith('wbhost:') ? `wbhost: no module '${name}'`
                                                   : `wbhost: node built-in '${name}' is not available`);
      }
      builtins[name] = make();
    }
    return builtins[name];
  }

  // --- Modules.
  class Module {
    constructor(filename) {
      this.id = filename;
      this.filename = filename;
      this.path = filename.slice(0, filename.lastIndexOf('/')) || '/';
      this.exports = {};
      this.loaded = false;
      this.children = [];
      this.require = makeRequire(filename);
    }
  }

  function loadFile(filename, format) {
    const cached = cache[filename];
    if (cached) return cached.exports;
    const replacement = natives.hook(filename);
    if (replacement !== undefined) {
      const module = new Module(filename);
      module.exports = replacement;
      module.loaded = true;
      cache[filename] = module;
      return replacement;
    }
    if (format === 'esm') {
      const error = new Error(`require() of ES module ${filename} is not supported; ` +
                              'use import()');
      error.code = 'ERR_REQUIRE_ESM';
      throw error;
    }
    const module = new Module(filename);
    cache[filename] = module;
    // try/finally, not catch: an error keeps the position it was thrown at.
    let done = false;
    try {
      if (format === 'json') {
        module.exports = JSON.parse(natives.readText(filename));
      } else if (format === 'wasm') {
        throw new Error(`wbhost: require() of a .wasm file (${filename}) is not supported`);
      } else {
        const fn = natives.compile(natives.readText(filename), filename);
        fn.call(module.exports, module.exports, module.require, module, filename, module.path);
      }
      done = true;
    } finally {
      if (!done) delete cache[filename];
    }
    module.loaded = true;
    return module.exports;
  }

  function makeRequire(referrer) {
    function require(id) {
      if (typeof id !== 'string' || id === '') {
        throw new TypeError('The "id" argument must be a non-empty string');
      }
      const target = natives.resolve(id, referrer);
      if (target.format === 'builtin') return builtin(target.path);
      return loadFile(target.path, target.format);
    }
    require.resolve = (id) => {
      const target = natives.resolve(id, referrer);
      return target.format === 'builtin' ? target.path : target.path;
    };
    require.cache = cache;
    Object.defineProperty(require, 'main', { get: () => mainModule, enumerable: true });
    return require;
  }

  // require() for classic scripts: relative to the calling script's file.
  function globalRequire(id) {
    return makeRequire(natives.callerPath())(id);
  }
  globalRequire.cache = cache;
  globalRequire.resolve = (id) => makeRequire(natives.callerPath()).resolve(id);

  // The program's main file as a CommonJS module (a .cjs FILE, or a .js in
  // a "type": "commonjs" package): `this` is module.exports and
  // require.main is its module, as in node.
  let mainModule;
  function runMain(filename) {
    const module = new Module(filename);
    module.id = '.';  // as node names the main module
    cache[filename] = module;
    mainModule = module;
    const fn = natives.compile(natives.readText(filename), filename);
    fn.call(module.exports, module.exports, module.require, module, filename, module.path);
    module.loaded = true;
    return module.exports;
  }

  // For the ES module loader: a CommonJS file's exports.
  function loadForImport(filename) {
    const exports = loadFile(filename, 'commonjs');
    if ((typeof exports === 'object' && exports !== null) || typeof exports === 'function') {
      const view = {};
      for (const key of Object.keys(exports)) {
        if (key !== 'default') view[key] = exports[key];
      }
      view.default = exports;
      return view;
    }
    return { default: exports };
  }

  Object.defineProperty(globalRequire, 'main', { get: () => mainModule, enumerable: true });

  return { require: globalRequire, builtin, loadForImport, makeRequire, runMain };
})
