// URL and URLSearchParams: the WHATWG URL model for the cases scripts and
// wasm-bindgen glue meet: absolute and relative URLs against a base
// (new URL('x_bg.wasm', import.meta.url)), file:, http(s): and opaque
// schemes, dot segments, default ports, percent-encoding, and query
// parameters with application/x-www-form-urlencoded rules.
(function (natives, require) {
  'use strict';
  const SPECIAL = { 'ftp:': 21, 'file:': null, 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };
  const kState = Symbol('url');

  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

  function percentEncode(text, keep) {
    let out = '';
    for (const ch of text) {
      if (keep.test(ch)) {
        out += ch;
        continue;
      }
      for (const byte of new TextEncoder().encode(ch)) {
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
    }
    return out;
  }
  // What the path, query and fragment keep as they are (the rest, and
  // anything not ASCII, is percent-encoded; '%' stays).
  const PATH_KEEP = /[A-Za-z0-9\-._~!$&'()*+,;=:@\/%\[\]|^`{}]/;
  const QUERY_KEEP = /[A-Za-z0-9\-._~!$&'()*+,;=:@\/?%\[\]\\^`{|}]/;
  const SPECIAL_QUERY_KEEP = /[A-Za-z0-9\-._~!$&()*+,;=:@\/?%\[\]\\^`{|}]/;
  const FRAGMENT_KEEP = /[A-Za-z0-9\-._~!$&'()*+,;=:@\/?%\[\]\\^{|}#]/;
  const USERINFO_KEEP = /[A-Za-z0-9\-._~!$&'()*+,%]/;
  // The standard's forbidden host code points; a domain (a special URL's
  // host) may not hold '%' either, once percent-decoded.
  const FORBIDDEN_HOST = /[\x00\t\n\r #/:<>?@[\\\]^|]/;
  const IPV6 = /^\[.*\]$/;

  function invalid(input) {
    const error = new TypeError(`Invalid URL: ${input}`);
    error.code = 'ERR_INVALID_URL';
    return error;
  }

  function normalizePath(segments, special) {
    const out = [];
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i];
      const lower = seg.toLowerCase();
      const isDot = seg === '.' || lower === '%2e';
      const isDotDot = seg === '..' || lower === '.%2e' || lower === '%2e.' || lower === '%2e%2e';
      const last = i === segments.length - 1;
      if (isDotDot) {
        if (out.length) out.pop();
        if (last) out.push('');
      } else if (isDot) {
        if (last) out.push('');
      } else {
        out.push(seg);
      }
    }
    return out;
  }

  function parseAuthority(state, authority, input) {
    let userinfo = '';
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      userinfo = authority.slice(0, at);
      authority = authority.slice(at + 1);
    }
    if (userinfo) {
      const colon = userinfo.indexOf(':');
      state.username = percentEncode(colon >= 0 ? userinfo.slice(0, colon) : userinfo, USERINFO_KEEP);
      state.password = colon >= 0 ? percentEncode(userinfo.slice(colon + 1), USERINFO_KEEP) : '';
    }
    let host = authority;
    let port = '';
    const match = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority);
    if (match) {
      host = match[1];
      port = match[2] === undefined ? '' : match[2];
    }
    if (port !== '') {
      if (!/^[0-9]+$/.test(port) || Number(port) > 65535) throw invalid(input);
      port = String(Number(port));
      if (SPECIAL[state.protocol] === Number(port)) port = '';
    }
    if (state.special) {
      // Percent-decoding is lenient ("%x" stays as it is, and the '%' left
      // then makes the host invalid); bytes that are not UTF-8 make it
      // invalid too: a TypeError, never decodeURIComponent's URIError
      // (found by tests/fuzz/url_fuzzer).
      try {
        host = decodeURIComponent(host.replace(/%(?![0-9A-Fa-f]{2})/g, '%25')).toLowerCase();
      } catch {
        throw invalid(input);
      }
      if (host === '' && state.protocol !== 'file:') throw invalid(input);
      const bare = host.replace(IPV6, '');
      if (FORBIDDEN_HOST.test(bare) || bare.includes('%')) throw invalid(input);
      if (state.protocol === 'file:' && host === 'localhost') host = '';
    } else if (!IPV6.test(host)) {
      // The standard's opaque host: forbidden code points fail, the rest
      // is percent-encoded as C0 controls are.
      if (FORBIDDEN_HOST.test(host)) throw invalid(input);
      host = percentEncode(host, /[\x20-\x7e]/);
    }
    state.hostname = host;
    state.port = port;
  }

  // In a special URL a backslash counts as a slash in the authority and
  // path, not in the query or fragment.
  function backslashesAsSlashes(rest) {
    const end = rest.search(/[?#]/);
    if (end < 0) return rest.replace(/\\/g, '/');
    return rest.slice(0, end).replace(/\\/g, '/') + rest.slice(end);
  }

  function parse(input, base) {
    input = `${input}`.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '').replace(/[\t\n\r]/g, '');
    const state = {
      protocol: '', username: '', password: '', hostname: '', port: '', path: [],
      opaque: null, query: null, fragment: null, special: false,
      // An authority was given ("foo://" has an empty host, "foo:/x" none):
      // the standard's host being null or not.
      hasAuthority: false,
    };
    let rest = input;
    const scheme = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(rest);
    if (scheme) {
      state.protocol = `${scheme[1].toLowerCase()}:`;
      rest = rest.slice(scheme[0].length);
      state.special = state.protocol in SPECIAL;
      if (state.special && base && base.protocol === state.protocol && !/^[\/\\]/.test(rest)) {
        // "http:foo" relative to an http: base.
        return resolve(rest, base, input);
      }
    } else {
      if (!base) throw invalid(input);
      return resolve(rest, base, input);
    }
    if (state.special) rest = backslashesAsSlashes(rest);
    const fragmentAt = rest.indexOf('#');
    if (fragmentAt >= 0) {
      state.fragment = percentEncode(rest.slice(fragmentAt + 1), FRAGMENT_KEEP);
      rest = rest.slice(0, fragmentAt);
    }
    const queryAt = rest.indexOf('?');
    if (queryAt >= 0) {
      state.query = percentEncode(rest.slice(queryAt + 1), state.special ? SPECIAL_QUERY_KEEP : QUERY_KEEP);
      rest = rest.slice(0, queryAt);
    }
    if (state.special || rest.startsWith('//')) {
      if (state.protocol === 'file:') {
        if (!rest.startsWith('//')) rest = `//${rest.startsWith('/') ? '' : '/'}${rest}`;
      } else if (state.special) {
        rest = rest.replace(/^\/*/, '//');
      }
      const end = rest.indexOf('/', 2);
      const authority = end >= 0 ? rest.slice(2, end) : rest.slice(2);
      state.hasAuthority = true;
      parseAuthority(state, authority, input);
      rest = end >= 0 ? rest.slice(end) : '';
      state.path = normalizePath(rest === '' ? (state.special ? [''] : []) : rest.slice(1).split('/'),
                                 state.special).map((s) => percentEncode(s, PATH_KEEP));
      if (state.special && state.path.length === 0) state.path = [''];
    } else if (rest.startsWith('/')) {
      state.path = normalizePath(rest.slice(1).split('/')).map((s) => percentEncode(s, PATH_KEEP));
    } else {
      state.opaque = percentEncode(rest, /[\x20-\x7e]/);
    }
    return state;
  }

  function resolve(rest, base, input) {
    if (base.opaque !== null) {
      if (rest.startsWith('#')) {
        const state = { ...base, path: [], fragment: percentEncode(rest.slice(1), FRAGMENT_KEEP) };
        return state;
      }
      throw invalid(input);
    }
    const state = { ...base, path: base.path.slice(), query: base.query, fragment: null };
    if (state.special) rest = backslashesAsSlashes(rest);
    if (rest.startsWith('//')) return parse(`${base.protocol}${rest}`, null);
    const fragmentAt = rest.indexOf('#');
    let fragment = null;
    if (fragmentAt >= 0) {
      fragment = percentEncode(rest.slice(fragmentAt + 1), FRAGMENT_KEEP);
      rest = rest.slice(0, fragmentAt);
    }
    const queryAt = rest.indexOf('?');
    let query = null;
    let hasQuery = false;
    if (queryAt >= 0) {
      hasQuery = true;
      query = percentEncode(rest.slice(queryAt + 1), state.special ? SPECIAL_QUERY_KEEP : QUERY_KEEP);
      rest = rest.slice(0, queryAt);
    }
    if (rest === '') {
      if (hasQuery) state.query = query;
    } else {
      let segments;
      if (rest.startsWith('/')) {
        segments = rest.slice(1).split('/');
      } else {
        segments = base.path.slice(0, -1).concat(rest.split('/'));
      }
      state.path = normalizePath(segments, state.special).map((s) => percentEncode(s, PATH_KEEP));
      state.query = hasQuery ? query : null;
    }
    state.fragment = fragment;
    return state;
  }

  // The standard's path serialisation: "/" before each segment.
  function pathText(path) {
    let out = '';
    for (const segment of path) out += `/${segment}`;
    return out;
  }

  function serialize(state, excludeFragment) {
    let out = state.protocol;
    if (state.opaque !== null) {
      out += state.opaque;
    } else {
      if (state.hasAuthority || state.special || state.hostname !== '' ||
          state.protocol === 'file:') {
        out += '//';
        if (state.username || state.password) {
          out += state.username + (state.password ? `:${state.password}` : '') + '@';
        }
        out += state.hostname + (state.port ? `:${state.port}` : '');
      } else if (state.path.length > 1 && state.path[0] === '') {
        // No host and a path starting "//": "/." keeps it from reading as
        // an authority when parsed again (found by tests/fuzz/url_fuzzer).
        out += '/.';
      }
      out += pathText(state.path);
    }
    if (state.query !== null) out += `?${state.query}`;
    if (!excludeFragment && state.fragment !== null) out += `#${state.fragment}`;
    return out;
  }

  class URLSearchParams {
    constructor(init = '') {
      this._list = [];
      this._url = null;
      if (typeof init === 'object' && init !== null) {
        if (typeof init[Symbol.iterator] === 'function') {
          for (const pair of init) {
            const items = [...pair];
            if (items.length !== 2) {
              throw new TypeError('Each query pair must be an iterable [name, value] tuple');
            }
            this._list.push([`${items[0]}`, `${items[1]}`]);
          }
        } else {
          for (const key of Object.keys(init)) this._list.push([key, `${init[key]}`]);
        }
      } else {
        this._parse(`${init}`.replace(/^\?/, ''));
      }
    }
    _parse(text) {
      this._list = [];
      for (const piece of text.split('&')) {
        if (piece === '') continue;
        const eq = piece.indexOf('=');
        const name = eq >= 0 ? piece.slice(0, eq) : piece;
        const value = eq >= 0 ? piece.slice(eq + 1) : '';
        const decode = (s) => {
          try {
            return decodeURIComponent(s.replace(/\+/g, ' '));
          } catch {
            return s.replace(/\+/g, ' ');
          }
        };
        this._list.push([decode(name), decode(value)]);
      }
    }
    _update() {
      if (this._url) {
        const text = this.toString();
        this._url[kState].query = text === '' ? null : text;
      }
    }
    get size() { return this._list.length; }
    append(name, value) { this._list.push([`${name}`, `${value}`]); this._update(); }
    delete(name, value) {
      this._list = this._list.filter(([n, v]) => n !== `${name}` || (value !== undefined && v !== `${value}`));
      this._update();
    }
    get(name) {
      const found = this._list.find(([n]) => n === `${name}`);
      return found ? found[1] : null;
    }
    getAll(name) { return this._list.filter(([n]) => n === `${name}`).map(([, v]) => v); }
    has(name, value) {
      return this._list.some(([n, v]) => n === `${name}` && (value === undefined || v === `${value}`));
    }
    set(name, value) {
      name = `${name}`;
      const index = this._list.findIndex(([n]) => n === name);
      if (index < 0) {
        this._list.push([name, `${value}`]);
      } else {
        this._list[index][1] = `${value}`;
        this._list = this._list.filter(([n], i) => n !== name || i === index);
      }
      this._update();
    }
    sort() {
      this._list = this._list.map((e, i) => [e, i]).sort((a, b) =>
        (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1])).map(([e]) => e);
      this._update();
    }
    forEach(fn, thisArg) { for (const [n, v] of this._list) fn.call(thisArg, v, n, this); }
    keys() { return this._list.map(([n]) => n)[Symbol.iterator](); }
    values() { return this._list.map(([, v]) => v)[Symbol.iterator](); }
    entries() { return this._list.map(([n, v]) => [n, v])[Symbol.iterator](); }
    [Symbol.iterator]() { return this.entries(); }
    toString() {
      // Names and values are USVStrings: a lone surrogate is U+FFFD, not
      // encodeURIComponent's URIError (found by tests/fuzz/url_fuzzer).
      const encode = (s) => encodeURIComponent(s.replace(LONE_SURROGATE, '\ufffd'))
          .replace(/%20/g, '+')
          .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      return this._list.map(([n, v]) => `${encode(n)}=${encode(v)}`).join('&');
    }
  }
  Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams' });

  class URL {
    constructor(input, base = undefined) {
      const baseState = base === undefined ? null
          : base instanceof URL ? base[kState] : parse(`${base}`, null);
      this[kState] = parse(`${input}`, baseState);
      this._params = null;
    }
    static canParse(input, base = undefined) {
      try {
        new URL(input, base);
        return true;
      } catch {
        return false;
      }
    }
    get href() { return serialize(this[kState], false); }
    set href(value) { this[kState] = parse(`${value}`, null); this._syncParams(); }
    get origin() {
      const s = this[kState];
      if (s.protocol === 'blob:') {
        try {
          return new URL(s.opaque).origin;
        } catch {
          return 'null';
        }
      }
      if (!s.special || s.protocol === 'file:') return 'null';
      return `${s.protocol}//${s.hostname}${s.port ? `:${s.port}` : ''}`;
    }
    // The authority setters rebuild the href with the new part and parse it
    // again; what does not parse leaves the URL as it was (the standard's
    // setters ignore failures, they do not throw).
    _withAuthority(change) {
      const s = this[kState];
      if (s.opaque !== null || (!s.special && !s.hasAuthority)) return;
      const parts = {
        userinfo: s.username || s.password
          ? `${s.username}${s.password ? `:${s.password}` : ''}@` : '',
        hostname: s.hostname,
        port: s.port,
      };
      change(parts);
      const tail = serialize({ ...s, protocol: '', hasAuthority: false, special: false,
                               hostname: '', username: '', password: '', port: '' }, false);
      const portText = parts.port === '' ? '' : `:${parts.port}`;
      let next;
      try {
        next = parse(`${s.protocol}//${parts.userinfo}${parts.hostname}${portText}${tail}`, null);
      } catch {
        return;
      }
      this[kState] = next;
    }
    get protocol() { return this[kState].protocol; }
    set protocol(value) {
      const s = this[kState];
      const scheme = /^([A-Za-z][A-Za-z0-9+\-.]*)(?::|$)/.exec(`${value}`);
      if (!scheme) return;
      const protocol = `${scheme[1].toLowerCase()}:`;
      const special = protocol in SPECIAL;
      if (special !== s.special) return;
      if (protocol === 'file:' && (s.username || s.password || s.port)) return;
      if (s.protocol === 'file:' && s.hostname === '' && protocol !== 'file:') return;
      s.protocol = protocol;
      if (s.port !== '' && SPECIAL[protocol] === Number(s.port)) s.port = '';
    }
    get username() { return this[kState].username; }
    set username(value) {
      const s = this[kState];
      if (s.hostname === '' || s.protocol === 'file:') return;
      s.username = percentEncode(`${value}`, USERINFO_KEEP);
    }
    get password() { return this[kState].password; }
    set password(value) {
      const s = this[kState];
      if (s.hostname === '' || s.protocol === 'file:') return;
      s.password = percentEncode(`${value}`, USERINFO_KEEP);
    }
    get host() { const s = this[kState]; return s.hostname + (s.port ? `:${s.port}` : ''); }
    set host(value) {
      const text = `${value}`;
      if (text === '' && this[kState].special) return;
      const m = /^(\[[^\]]*\]|[^:/?#\\]*)(?::([^/?#\\]*))?/.exec(text);
      if (!m) return;
      this._withAuthority((parts) => {
        parts.hostname = m[1];
        if (m[2] !== undefined && /^[0-9]+$/.test(m[2])) parts.port = m[2];
      });
    }
    get hostname() { return this[kState].hostname; }
    set hostname(value) {
      const text = `${value}`;
      if (text === '' && this[kState].special) return;
      const m = /^(\[[^\]]*\]|[^:/?#\\]*)/.exec(text);
      this._withAuthority((parts) => { parts.hostname = m[1]; });
    }
    get port() { return this[kState].port; }
    set port(value) {
      const s = this[kState];
      if (s.hostname === '' || s.protocol === 'file:') return;
      const digits = /^[0-9]*/.exec(`${value}`)[0];
      if (`${value}` !== '' && digits === '') return;
      this._withAuthority((parts) => { parts.port = digits; });
    }
    get pathname() {
      const s = this[kState];
      return s.opaque !== null ? s.opaque : pathText(s.path);
    }
    set pathname(value) {
      const s = this[kState];
      if (s.opaque !== null) return;
      s.path = normalizePath(`${value}`.replace(/^\//, '').split('/'), s.special)
          .map((seg) => percentEncode(seg, PATH_KEEP));
    }
    get search() { const q = this[kState].query; return q ? `?${q}` : ''; }
    set search(value) {
      const text = `${value}`.replace(/^\?/, '');
      this[kState].query = text === '' ? null : percentEncode(text, QUERY_KEEP);
      this._syncParams();
    }
    get searchParams() {
      if (!this._params) {
        this._params = new URLSearchParams(this[kState].query || '');
        this._params._url = this;
      }
      return this._params;
    }
    _syncParams() {
      if (this._params) this._params._parse(this[kState].query || '');
    }
    get hash() { const f = this[kState].fragment; return f ? `#${f}` : ''; }
    set hash(value) {
      const text = `${value}`.replace(/^#/, '');
      this[kState].fragment = text === '' ? null : percentEncode(text, FRAGMENT_KEEP);
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
  }
  Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL' });

  return { URL, URLSearchParams };
})
