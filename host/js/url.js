// URL and URLSearchParams: the npm whatwg-url package (the WHATWG URL
// standard's reference implementation, IDNA by tr46), bundled at build time
// as the builtin whatwg_url (host/BUILD.gn), with what node adds on top:
// its error for an invalid URL (TypeError 'Invalid URL', code
// ERR_INVALID_URL, input, base) and its layout under console.log.
(function (natives, require) {
  'use strict';
  const whatwg = require('whatwg_url');
  const INSPECT = Symbol.for('nodejs.util.inspect.custom');

  function invalidUrl(error, input, base, hasBase) {
    if (!(error instanceof TypeError) || !/^Invalid (base )?URL/.test(error.message)) return error;
    const invalid = new TypeError('Invalid URL');
    invalid.code = 'ERR_INVALID_URL';
    invalid.input = `${input}`;
    if (hasBase) invalid.base = `${base}`;
    return invalid;
  }

  class URL extends whatwg.URL {
    constructor(url, base = undefined) {
      const hasBase = arguments.length > 1 && base !== undefined;
      try {
        if (arguments.length === 0) super();
        else if (hasBase) super(url, base);
        else super(url);
      } catch (error) {
        throw invalidUrl(error, url, base, hasBase);
      }
    }

    // The base class's parse makes base-class objects.
    static parse(url, base = undefined) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to execute 'parse' on 'URL': 1 argument required, but only 0 present.");
      }
      try {
        return arguments.length > 1 && base !== undefined ? new URL(url, base) : new URL(url);
      } catch (error) {
        if (error && error.code === 'ERR_INVALID_URL') return null;
        throw error;
      }
    }

    [INSPECT](depth, options, inspect) {
      if (typeof depth === 'number' && depth < 0) return this;
      const shown = {};
      for (const key of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname',
                         'port', 'pathname', 'search', 'searchParams', 'hash']) {
        shown[key] = this[key];
      }
      return `URL ${inspect(shown, options)}`;
    }
  }

  const { URLSearchParams } = whatwg;
  Object.defineProperty(URLSearchParams.prototype, INSPECT, {
    value(depth, options, inspect) {
      if (typeof depth === 'number' && depth < 0) return '[Object]';
      const inner = { ...options, depth: depth === null ? null : depth - 1 };
      const pairs = [...this].map(([key, value]) => `${inspect(key, inner)} => ${inspect(value, inner)}`);
      const length = pairs.reduce((sum, pair) => sum + pair.replace(/\x1b\[\d+m/g, '').length + 2, -2);
      if (pairs.length === 0) return 'URLSearchParams {}';
      return length > (options.breakLength || 80) ? `URLSearchParams {\n  ${pairs.join(',\n  ')} }`
                                                   : `URLSearchParams { ${pairs.join(', ')} }`;
    },
  });

  return { URL, URLSearchParams };
})
