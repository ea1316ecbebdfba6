// exnref as a first-class value, the JS half (the Wasm half is
// bindings/wasm/eh_outline.h). A module whose exnref the landing
// translation could not place has its try_tables with catch_ref /
// catch_all_ref outlined; they run through `trampoline`, which catches what
// the outlined body lets go: that value is the exnref from then on (an
// externref in the translated module), and `throwException` throws it
// again as itself. Locals cross through globals the translation adds
// (registers), not through here. The module carries the helper module that gives these
// JS functions the Wasm types its helper table holds (custom section
// `__wbhost_eh`); each instance gets the table filled, then its start
// function run (exported as `__wbhost_eh_start` instead), before anyone
// sees it. Modules without that section cost a WeakMap lookup per
// instance.
(function (natives, require) {
  'use strict';
  const SECTION = '__wbhost_eh';
  const HIDDEN = '__wbhost_eh_';
  const { RuntimeError } = WebAssembly;
  // A thrown null, as an exnref (null is the null exnref).
  const NULL_EXCEPTION = Object.freeze(Object.create(null));
  // Whether an exception leaving the outlined body went through its
  // catch_all (which stores its locals and says so): else Wasm may not
  // catch it (a trap), and it goes on.
  let saved = false;

  // Calls the outlined body; what it let go (the exnref), or null.
  function trampoline(body) {
    saved = false;
    try {
      body();
      return null;
    } catch (e) {
      if (!saved) throw e;
      saved = false;
      // V8 10.2 cannot rethrow a null it caught (catch_all, then rethrow,
      // as the body does after saving): the trap it gives instead stands
      // for that null.
      if (e === null || (e instanceof RuntimeError && e.message === 'rethrowing null value')) {
        return NULL_EXCEPTION;
      }
      return e;
    }
  }

  function save() {
    saved = true;
  }

  function throwException(e) {
    throw e === NULL_EXCEPTION ? null : e;
  }

  // Per module: null if it is not one of these, else its helper
  // instance's exports (null for none) and its boundary: which imports
  // and exports carry exnref (custom section `__wbhost_eh_boundary`).
  const infoOf = new WeakMap();

  function utf8(buffer) {
    let binary = '';
    const bytes = new Uint8Array(buffer);
    for (let k = 0; k < bytes.length; k += 8192) {
      binary += String.fromCharCode.apply(null, bytes.subarray(k, k + 8192));
    }
    return decodeURIComponent(escape(binary));
  }

  function infoFor(module) {
    let info = infoOf.get(module);
    if (info !== undefined) return info;
    const { RealModule, RealInstance } = require('wasm_exceptions');
    info = null;
    const sections = RealModule.customSections(module, SECTION);
    if (sections.length > 0) {
      let helpers = null;
      if (sections[0].byteLength > 0) {
        const imports = { h: { throw: throwException, trampoline, save } };
        helpers = new RealInstance(new RealModule(sections[0]), imports).exports;
      }
      const [boundary] = RealModule.customSections(module, SECTION + '_boundary');
      info = { helpers, boundary: JSON.parse(utf8(boundary)) };
    }
    infoOf.set(module, info);
    return info;
  }

  // Whether `name` is one of the translation's own exports.
  function hidden(name) {
    return typeof name === 'string' && name.startsWith(HIDDEN);
  }

  // After V8 made `instance` of `module`: its helper table filled and its
  // start function run. Whether the module is one of these (its exports
  // then go through `publicExports`).
  function finish(module, instance) {
    if (!(module instanceof require('wasm_exceptions').RealModule)) return false;
    const info = infoFor(module);
    if (info === null) return false;
    const exports = instance.exports;
    if (info.helpers !== null) {
      const table = exports.__wbhost_eh_helpers;
      for (let k = 0; k < table.length; k++) table.set(k, info.helpers[k]);
      if (typeof exports.__wbhost_eh_start === 'function') exports.__wbhost_eh_start();
    }
    return true;
  }

  // exnref never crosses to or from JS (the JS API's TypeError).
  const rawOf = new WeakMap();     // a guard -> the Wasm function it stands for
  const fromWasm = new WeakSet();  // exnref globals and tables Wasm exported
  const exnParams = new WeakMap(); // a tag Wasm exported -> its exnref parameters
  function refuse() {
    throw new TypeError('WebAssembly: an exnref value cannot cross to or from JS');
  }

  // What a program sees of an export that carries exnref: a function that
  // refuses every call; the global or table, whose value JS may not read
  // or write.
  function guarded(value, kind, params) {
    if (kind === 'tag') {
      if (!exnParams.has(value)) {
        exnParams.set(value, params);
        guardGetArg();
      }
      return value;
    }
    if (kind === 'function') {
      const guard = { [value.name]() { refuse(); } }[value.name];
      Object.defineProperty(guard, 'length', { value: value.length });
      rawOf.set(guard, value);
      return guard;
    }
    if (fromWasm.has(value)) return value;
    fromWasm.add(value);
    const own = (name, fn) => Object.defineProperty(value, name, {
      value: fn, writable: true, enumerable: false, configurable: true,
    });
    if (kind === 'global') {
      Object.defineProperty(value, 'value', { get: refuse, set: refuse, configurable: true });
      own('valueOf', refuse);
    } else {
      own('get', refuse);
      own('set', refuse);
      const realGrow = value.grow;
      own('grow', function grow(delta, init) {
        if (arguments.length > 1 && init !== undefined) refuse();
        return Reflect.apply(realGrow, this, [delta]);
      });
    }
    return value;
  }

  // An exception's exnref arguments are not for JS either: getArg refuses
  // them (patched once such a tag exists).
  let getArgGuarded = false;
  function guardGetArg() {
    if (getArgGuarded) return;
    getArgGuarded = true;
    const { prototype } = require('wasm_exceptions').Exception;
    const getArg = prototype.getArg;
    const replacement = {
      getArg(tag, index) {
        const params = exnParams.get(tag);
        if (params !== undefined && params.includes(index >>> 0)) refuse();
        return Reflect.apply(getArg, this, arguments);
      },
    }.getArg;
    Object.defineProperty(replacement, 'length', { value: getArg.length });
    Object.defineProperty(prototype, 'getArg', {
      value: replacement, writable: true, enumerable: false, configurable: true,
    });
  }

  // new WebAssembly.Exception(tag, ...) for a tag with exnref parameters:
  // no JS value is one (the JS API's TypeError).
  function checkTag(tag) {
    const params = exnParams.get(tag);
    if (params !== undefined && params.length > 0) refuse();
  }

  // The export `name` of `module` (one `finish` said yes to) as a program
  // sees it.
  function exported(module, name, value) {
    const entry = infoFor(module).boundary.exports.find((e) => e[0] === name);
    return entry === undefined ? value : guarded(value, entry[1], entry[2]);
  }

  // The exports of an instance of `module` (one `finish` said yes to) as a
  // program sees them: the translation's own left out, those that carry
  // exnref guarded.
  function publicExports(module, exports) {
    const result = Object.create(null);
    for (const [name, value] of Object.entries(exports)) {
      if (!hidden(name)) result[name] = exported(module, name, value);
    }
    return result;
  }

  // Whether `value` is a guard: it runs no Wasm, so it needs no boundary.
  function isGuard(value) {
    return rawOf.has(value);
  }

  // The import object to instantiate `module` with: a guard given for an
  // exnref import is the Wasm function it stands for, a JS function throws
  // the TypeError when Wasm calls it, and an exnref global or table must be
  // one Wasm exported.
  function importsFor(module, imports) {
    if (!(module instanceof require('wasm_exceptions').RealModule)) return imports;
    const info = infoFor(module);
    if (info === null || info.boundary.imports.length === 0) return imports;
    if (imports === null || typeof imports !== 'object') return imports;
    // Names an import object inherits (as nodejs glue's module.exports
    // does) stay visible: its own are copied, its prototype kept, and a
    // namespace changed is derived from the one given.
    const result = Object.assign(Object.create(Object.getPrototypeOf(imports)), imports);
    for (const [from, name, kind] of info.boundary.imports) {
      const namespace = result[from];
      if (namespace === null || typeof namespace !== 'object') continue;
      const value = namespace[name];
      let given = value;
      if (kind === 'function') {
        if (rawOf.has(value)) given = rawOf.get(value);
        else if (typeof value === 'function') given = refuse;
      } else if (!(kind === 'tag' ? exnParams.has(value) : fromWasm.has(value))) {
        throw new WebAssembly.LinkError(`WebAssembly.Instance(): Import "${from}" "${name}": ` +
                                        `an exnref ${kind} must be one Wasm exported`);
      }
      if (given !== value) {
        const derived = Object.hasOwn(result, from) ? result[from] : Object.create(namespace);
        Object.defineProperty(derived, name, { value: given, enumerable: true, configurable: true });
        result[from] = derived;
      }
    }
    return result;
  }

  return { finish, publicExports, isGuard, importsFor, hidden, checkTag, SECTION };
})
