// Node-like inspection of values, for console.log, -p and the REPL:
// nesting to a depth, cycles, Map/Set/typed arrays/ArrayBuffer, class names,
// errors with their stacks, promise state, getters, symbols (format
// strings: format.js). Colours are an option the caller sets only for a
// terminal.
(function (natives, require) {
  'use strict';
  const STYLES = {
    number: '33', bigint: '33', boolean: '33', string: '32', symbol: '32',
    undefined: '90', null: '1', special: '36', date: '35', regexp: '31', module: '4',
  };
  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArray.prototype,
                                                        Symbol.toStringTag).get;
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

  function stylize(ctx, text, style) {
    return ctx.colors && STYLES[style] ? `\x1b[${STYLES[style]}m${text}\x1b[${style === 'null' ? 22 : 39}m` : text;
  }

  function quote(s) {
    const q = !s.includes("'") ? "'" : !s.includes('"') ? '"' : !s.includes('`') ? '`' : "'";
    const escaped = s.replace(/[\\\n\r\t\b\f\v\0]|[\x00-\x1f\x7f]/g, (c) => {
      const map = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b',
                    '\f': '\\f', '\v': '\\v', '\0': '\\x00' };
      return map[c] || `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    });
    return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
  }

  function constructorName(obj) {
    let proto = obj;
    try {
      while (proto) {
        const desc = Object.getOwnPropertyDescriptor(proto, 'constructor');
        if (desc && typeof desc.value === 'function' && desc.value.name !== '') {
          return desc.value.name;
        }
        proto = Object.getPrototypeOf(proto);
      }
    } catch {
      return null;
    }
    return null;
  }

  function formatKey(ctx, key) {
    if (typeof key === 'symbol') return `[${stylize(ctx, key.toString(), 'symbol')}]`;
    return IDENTIFIER.test(key) ? key : stylize(ctx, quote(key), 'string');
  }

  function formatPrimitive(ctx, value, nested) {
    switch (typeof value) {
      case 'string':
        return nested ? stylize(ctx, quote(value), 'string') : value;
      case 'number':
        return stylize(ctx, Object.is(value, -0) ? '-0' : `${value}`, 'number');
      case 'bigint':
        return stylize(ctx, `${value}n`, 'bigint');
      case 'boolean':
        return stylize(ctx, `${value}`, 'boolean');
      case 'undefined':
        return stylize(ctx, 'undefined', 'undefined');
      case 'symbol':
        return stylize(ctx, value.toString(), 'symbol');
      default:
        return stylize(ctx, 'null', 'null');
    }
  }

  function functionBase(ctx, fn) {
    let source = '';
    try {
      source = Function.prototype.toString.call(fn);
    } catch {}
    if (source.startsWith('class') && /^class\b/.test(source)) {
      const base = Object.getPrototypeOf(fn);
      const ext = base && base.name ? ` extends ${base.name}` : '';
      return stylize(ctx, `[class ${fn.name || '(anonymous)'}${ext}]`, 'special');
    }
    const kind = source.startsWith('async') ? 'AsyncFunction'
        : /^(async\s*)?function\s*\*/.test(source) ? 'GeneratorFunction' : 'Function';
    return stylize(ctx, `[${kind}${fn.name ? `: ${fn.name}` : ' (anonymous)'}]`, 'special');
  }

  function formatError(err) {
    let stack;
    try {
      stack = err.stack;
    } catch {}
    const head = `${err.name || 'Error'}: ${err.message}`;
    if (typeof stack !== 'string' || stack === '') return `[${Error.prototype.toString.call(err)}]`;
    return stack.includes(head) || stack.startsWith(err.name) ? stack : `${head}\n${stack}`;
  }

  // Long lists of short entries go in aligned columns, as node prints them.
  function groupArrayElements(ctx, output, value, hasMore) {
    let totalLength = 0;
    let maxLength = 0;
    const outputLength = output.length;
    const separatorSpace = 2;
    const dataLen = new Array(outputLength);
    for (let i = 0; i < outputLength; i++) {
      const len = output[i].replace(/\x1b\[\d+m/g, '').length;
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
        (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = Math.sqrt(actualMax - totalLength / (output.length + (hasMore ? 1 : 0)));
      const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      const columns = Math.min(
          Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
          Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
          ctx.compact * 4, 15);
      if (columns <= 1) return output;
      const maxLineLength = [];
      for (let i = 0; i < columns; i++) {
        let lineLength = 0;
        for (let j = i; j < output.length; j += columns) {
          if (dataLen[j] > lineLength) lineLength = dataLen[j];
        }
        maxLineLength.push(lineLength + separatorSpace);
      }
      const numeric = value !== undefined &&
          (typeof value[0] === 'number' || typeof value[0] === 'bigint');
      const grouped = [];
      for (let i = 0; i < outputLength; i += columns) {
        const max = Math.min(i + columns, outputLength);
        let str = '';
        let j = i;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - i] + output[j].length - dataLen[j];
          str += numeric ? `${output[j]}, `.padStart(padding, ' ') : `${output[j]}, `.padEnd(padding, ' ');
        }
        if (numeric) {
          const padding = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
          str += output[j].padStart(padding, ' ');
        } else {
          str += output[j];
        }
        grouped.push(str);
      }
      if (output.length > outputLength) grouped.push(...output.slice(outputLength));
      return grouped;
    }
    return output;
  }

  // As node: entries go on one line when they fit and hold no more than
  // `compact` levels of objects within (ctx.currentDepth is the deepest
  // level the entries reached).
  function reduceToSingleString(ctx, output, base, braces, recurseTimes, grouped) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    if (!grouped && ctx.compact >= 1 && ctx.currentDepth - recurseTimes < ctx.compact) {
      // As node's isBelowBreakLength: colour codes take no room.
      let totalLength = output.length + start;
      const room = totalLength + output.length <= ctx.breakLength;
      for (const entry of output) {
        totalLength += (ctx.colors ? entry.replace(/\x1b\[\d+m/g, '') : entry).length;
      }
      if (room && totalLength <= ctx.breakLength &&
          !output.some((entry) => entry.includes('\n'))) {
        const body = output.join(', ');
        return `${base ? `${base} ` : ''}${braces[0]} ${body} ${braces[1]}`;
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${
      output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }

  function formatProperty(ctx, obj, key, recurseTimes, isArrayIndex) {
    const desc = Object.getOwnPropertyDescriptor(obj, key) || { value: obj[key], enumerable: true };
    let str;
    if (desc.value !== undefined || !('get' in desc || 'set' in desc)) {
      ctx.indentationLvl += 2;
      str = formatValue(ctx, desc.value, recurseTimes);
      ctx.indentationLvl -= 2;
    } else if (desc.get !== undefined) {
      str = stylize(ctx, desc.set !== undefined ? '[Getter/Setter]' : '[Getter]', 'special');
    } else {
      str = stylize(ctx, desc.set !== undefined ? '[Setter]' : 'undefined',
                    desc.set !== undefined ? 'special' : 'undefined');
    }
    if (isArrayIndex) return str;
    const name = desc.enumerable === false ? `[${formatKey(ctx, key)}]` : formatKey(ctx, key);
    return `${name}: ${str}`;
  }

  function ownKeys(ctx, obj, skipIndices) {
    const keys = ctx.showHidden ? Reflect.ownKeys(obj)
        : Object.keys(obj).concat(Object.getOwnPropertySymbols(obj).filter(
              (s) => Object.prototype.propertyIsEnumerable.call(obj, s)));
    return skipIndices ? keys.filter((k) => typeof k !== 'string' || !/^(0|[1-9][0-9]*)$/.test(k))
                       : keys;
  }

  const INSPECT_CUSTOM = Symbol.for('nodejs.util.inspect.custom');

  function formatValue(ctx, value, recurseTimes, nested = true) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      return formatPrimitive(ctx, value, nested);
    }
    if (natives.isProxy(value)) {
      return formatValue(ctx, natives.proxyTarget(value), recurseTimes, nested);
    }
    // An object's own inspection, as node's util.inspect.custom: what it
    // returns is shown (a string as it is).
    const custom = value[INSPECT_CUSTOM];
    if (typeof custom === 'function' && custom !== inspect) {
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      const shown = custom.call(value, depth, { ...ctx, stylize: (text) => text }, inspect);
      if (shown !== value) {
        // A string of several lines is indented to where it is shown, as node does.
        return typeof shown === 'string'
            ? shown.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`)
            : formatValue(ctx, shown, recurseTimes, nested);
      }
    }
    if (ctx.seen.includes(value)) {
      let index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
      return stylize(ctx, `[Circular *${index}]`, 'special');
    }
    return formatRaw(ctx, value, recurseTimes);
  }

  function formatRaw(ctx, value, recurseTimes) {
    const name = constructorName(value);
    let tag = value[Symbol.toStringTag];
    if (typeof tag !== 'string' || tag === name) tag = '';
    const prefixOf = (fallback, size) => {
      const n = name === null ? `[${fallback}: null prototype]` : name;
      return `${n}${size !== undefined ? `(${size})` : ''}${tag ? ` [${tag}]` : ''}`;
    };
    let base = '';
    let braces = ['{', '}'];
    let keys = ownKeys(ctx, value, false);
    let formatter = null;
    let extrasType = 'object';

    if (Array.isArray(value)) {
      keys = ownKeys(ctx, value, true);
      const prefix = name !== 'Array' || tag ? `${prefixOf('Array', value.length)} ` : '';
      braces = [`${prefix}[`, ']'];
      extrasType = 'array';
      formatter = () => formatList(ctx, value, recurseTimes);
      if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
    } else if (value instanceof Map) {
      braces = [`${prefixOf('Map', value.size)} {`, '}'];
      formatter = () => [...value].slice(0, ctx.maxArrayLength).map(([k, v]) => {
        ctx.indentationLvl += 2;
        const out = `${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`;
        ctx.indentationLvl -= 2;
        return out;
      });
      if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
    } else if (value instanceof Set) {
      braces = [`${prefixOf('Set', value.size)} {`, '}'];
      extrasType = 'array';
      formatter = () => [...value].slice(0, ctx.maxArrayLength).map((v) => {
        ctx.indentationLvl += 2;
        const out = formatValue(ctx, v, recurseTimes);
        ctx.indentationLvl -= 2;
        return out;
      });
      if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
    } else if (ArrayBuffer.isView(value) && typedArrayTag.call(value) !== undefined) {
      keys = ownKeys(ctx, value, true);
      braces = [`${prefixOf(typedArrayTag.call(value), value.length)} [`, ']'];
      extrasType = 'array';
      formatter = () => formatList(ctx, value, recurseTimes);
      if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
    } else if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
      const kind = value instanceof ArrayBuffer ? 'ArrayBuffer' : 'SharedArrayBuffer';
      let contents;
      try {
        const bytes = new Uint8Array(value, 0, Math.min(50, value.byteLength));
        contents = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
        if (value.byteLength > 50) contents += ` ... ${value.byteLength - 50} more bytes`;
        contents = `[Uint8Contents]: <${contents}>, byteLength: ${
          formatPrimitive(ctx, value.byteLength)}`;
      } catch {
        return `${kind} { (detached), byteLength: 0 }`;
      }
      return `${prefixOf(kind)} { ${contents} }`;
    } else if (typeof value === 'function') {
      base = functionBase(ctx, value);
      keys = keys.filter((k) => k !== 'prototype');
      if (keys.length === 0) return base;
    } else if (value instanceof RegExp) {
      base = stylize(ctx, RegExp.prototype.toString.call(value), 'regexp');
      if (keys.length === 0) return base;
    } else if (value instanceof Date) {
      base = stylize(ctx, Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString(), 'date');
      if (keys.length === 0) return base;
    } else if (value instanceof Error) {
      base = formatError(value);
      keys = keys.filter((k) => k !== 'stack' && k !== 'message');
      if (keys.length === 0) return base;
    } else if (value instanceof Promise) {
      const [state, result] = natives.promiseState(value);
      braces = [`${prefixOf('Promise')} {`, '}'];
      formatter = () => {
        if (state === 'pending') return [stylize(ctx, '<pending>', 'special')];
        ctx.indentationLvl += 2;
        const shown = formatValue(ctx, result, recurseTimes);
        ctx.indentationLvl -= 2;
        return [state === 'rejected' ? `${stylize(ctx, '<rejected>', 'special')} ${shown}` : shown];
      };
    } else if (value instanceof WeakMap || value instanceof WeakSet) {
      return `${prefixOf(value instanceof WeakMap ? 'WeakMap' : 'WeakSet')} { ${
        stylize(ctx, '<items unknown>', 'special')} }`;
    } else if (value instanceof Number || value instanceof String || value instanceof Boolean ||
               value instanceof BigInt || value instanceof Symbol) {
      const primitive = value.valueOf();
      const type = typeof primitive === 'string' ? 'String'
          : typeof primitive === 'number' ? 'Number' : typeof primitive === 'boolean' ? 'Boolean'
          : typeof primitive === 'bigint' ? 'BigInt' : 'Symbol';
      base = `[${type}: ${formatPrimitive(ctx, primitive, true)}]`;
      if (typeof primitive === 'string') keys = ownKeys(ctx, value, true);
      if (keys.length === 0) return base;
    } else if (typeof WebAssembly === 'object' && value instanceof WebAssembly.Module) {
      return `${prefixOf('Module')} {}`;
    } else {
      if (name === 'Object') {
        if (tag) braces[0] = `Object [${tag}] {`;
      } else {
        braces[0] = `${prefixOf('Object')} {`;
      }
      if (keys.length === 0) return `${braces[0]}}`;
    }

    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      const n = name === null ? 'Object: null prototype' : name || 'Object';
      return stylize(ctx, Array.isArray(value) ? '[Array]' : `[${n}]`, 'special');
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    let output;
    let grouped = false;
    try {
      output = formatter ? formatter() : [];
      if (extrasType === 'array' && output.length > 6 && ctx.compact >= 1) {
        const more = output.length && output[output.length - 1].startsWith('... ') ? output.pop() : null;
        const before = output.length;
        output = groupArrayElements(ctx, output,
                                    Array.isArray(value) || ArrayBuffer.isView(value) ? value : undefined,
                                    more !== null);
        grouped = output.length !== before;
        if (more) output.push(more);
      }
      for (const key of keys) {
        output.push(formatProperty(ctx, value, key, recurseTimes, false));
      }
    } finally {
      ctx.seen.pop();
    }
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = stylize(ctx, `<ref *${index}>`, 'special');
      base = base ? `${reference} ${base}` : reference;
    }
    return reduceToSingleString(ctx, output, base, braces, recurseTimes, grouped);
  }

  function formatList(ctx, list, recurseTimes) {
    const output = [];
    const shown = Math.min(list.length, ctx.maxArrayLength);
    let holes = 0;
    for (let i = 0; i < shown; i++) {
      if (!hasOwn(list, i) && Array.isArray(list)) {
        holes++;
        continue;
      }
      if (holes) {
        output.push(stylize(ctx, `<${holes} empty item${holes > 1 ? 's' : ''}>`, 'undefined'));
        holes = 0;
      }
      output.push(formatProperty(ctx, list, i, recurseTimes, true));
    }
    if (holes) output.push(stylize(ctx, `<${holes} empty item${holes > 1 ? 's' : ''}>`, 'undefined'));
    if (list.length > shown) {
      const rest = list.length - shown;
      output.push(`... ${rest} more item${rest > 1 ? 's' : ''}`);
    }
    return output;
  }

  function inspect(value, options = {}) {
    const ctx = {
      depth: options.depth === undefined ? 2 : options.depth === Infinity ? null : options.depth,
      colors: Boolean(options.colors),
      showHidden: Boolean(options.showHidden),
      breakLength: options.breakLength || 80,
      compact: options.compact === undefined ? 3 : options.compact,
      maxArrayLength: options.maxArrayLength === undefined ? 100 : options.maxArrayLength,
      indentationLvl: 0,
      currentDepth: 0,
      seen: [],
      circular: new Map(),
    };
    return formatValue(ctx, value, 0, options.nested !== false ? true : false);
  }

  return { inspect, formatPrimitive };
})
