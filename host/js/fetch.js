// fetch() for file: URLs, with Response and a minimal Headers; other
// schemes reject with a clear TypeError. The file is read when a task of
// the event loop runs, never inside the call. Also what the Wasm streaming
// callback (host/globals/wasm_streaming.cc) uses to get a Response's bytes.
(function (natives, require) {
  'use strict';
  const kBody = Symbol('body');

  class Headers {
    constructor(init = undefined) {
      this._map = new Map();
      if (init instanceof Headers) init = [...init];
      if (init && typeof init[Symbol.iterator] === 'function') {
        for (const [k, v] of init) this.append(k, v);
      } else if (init && typeof init === 'object') {
        for (const k of Object.keys(init)) this.append(k, init[k]);
      }
    }
    append(name, value) {
      name = `${name}`.toLowerCase();
      const old = this._map.get(name);
      this._map.set(name, old === undefined ? `${value}` : `${old}, ${value}`);
    }
    get(name) {
      const value = this._map.get(`${name}`.toLowerCase());
      return value === undefined ? null : value;
    }
    has(name) { return this._map.has(`${name}`.toLowerCase()); }
    set(name, value) { this._map.set(`${name}`.toLowerCase(), `${value}`); }
    delete(name) { this._map.delete(`${name}`.toLowerCase()); }
    forEach(fn, thisArg) { for (const [k, v] of this) fn.call(thisArg, v, k, this); }
    entries() { return [...this._map].sort(([a], [b]) => (a < b ? -1 : 1))[Symbol.iterator](); }
    keys() { return [...this.entries()].map(([k]) => k)[Symbol.iterator](); }
    values() { return [...this.entries()].map(([, v]) => v)[Symbol.iterator](); }
    [Symbol.iterator]() { return this.entries(); }
  }

  function toBytes(body) {
    if (body === undefined || body === null) return new Uint8Array(0);
    if (typeof body === 'string') return new TextEncoder().encode(body);
    if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
    if (ArrayBuffer.isView(body)) {
      return new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
    }
    if (body instanceof URLSearchParams) return new TextEncoder().encode(body.toString());
    return new TextEncoder().encode(`${body}`);
  }

  class Response {
    constructor(body = null, init = {}) {
      const status = init.status === undefined ? 200 : Number(init.status);
      if (!(status >= 200 && status <= 599)) {
        throw new RangeError(`Failed to construct 'Response': The status provided (${status}) ` +
                             'is outside the range [200, 599].');
      }
      this[kBody] = toBytes(body);
      this._used = false;
      this.status = status;
      this.statusText = init.statusText === undefined ? '' : `${init.statusText}`;
      this.headers = new Headers(init.headers);
      if (typeof body === 'string' && !this.headers.has('content-type')) {
        this.headers.set('content-type', 'text/plain;charset=UTF-8');
      }
      this.url = '';
      this.type = 'default';
      this.redirected = false;
    }
    get ok() { return this.status >= 200 && this.status <= 299; }
    get bodyUsed() { return this._used; }
    _consume() {
      if (this._used) {
        return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
      }
      this._used = true;
      return Promise.resolve(this[kBody]);
    }
    arrayBuffer() { return this._consume().then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); }
    bytes() { return this._consume().then((b) => new Uint8Array(b)); }
    text() { return this._consume().then((b) => new TextDecoder().decode(b)); }
    json() { return this.text().then((t) => JSON.parse(t)); }
    clone() {
      if (this._used) throw new TypeError('Response.clone: Body has already been consumed.');
      const copy = new Response(this[kBody], this);
      copy.url = this.url;
      copy.type = this.type;
      return copy;
    }
    static error() {
      const r = new Response(null, { status: 200 });
      r.status = 0;
      r.type = 'error';
      return r;
    }
    static json(data, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      return new Response(JSON.stringify(data), { ...init, headers });
    }
  }
  Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: 'Response' });

  function contentType(path) {
    if (path.endsWith('.wasm')) return 'application/wasm';
    if (path.endsWith('.json')) return 'application/json';
    if (/\.(m?js|cjs)$/.test(path)) return 'text/javascript';
    if (path.endsWith('.html')) return 'text/html';
    return 'application/octet-stream';
  }

  function fetch(input, init = undefined) {
    return new Promise((resolve, reject) => {
      let url;
      try {
        const href = input instanceof URL ? input.href
            : input && typeof input === 'object' && 'url' in input ? input.url : `${input}`;
        url = new URL(href, `file://${natives.cwd()}/`);
      } catch (e) {
        reject(new TypeError(`Failed to parse URL from ${input}`));
        return;
      }
      if (url.protocol !== 'file:') {
        reject(new TypeError(`wbhost: fetch supports only file: URLs, not '${url.protocol}'`));
        return;
      }
      const path = decodeURIComponent(url.pathname);
      natives.later(() => {
        let bytes;
        try {
          bytes = natives.readBytes(path);
        } catch (e) {
          reject(new TypeError(`fetch failed: ${e.message}`));
          return;
        }
        const response = new Response(bytes, {
          status: 200, headers: { 'content-type': contentType(path) },
        });
        response.url = url.href;
        response.type = 'basic';
        resolve(response);
      });
    });
  }

  // For WebAssembly.compileStreaming/instantiateStreaming: the bytes of a
  // Response, or of a promise of one.
  function streamingBytes(source) {
    return Promise.resolve(source).then((response) => {
      if (!(response instanceof Response)) {
        throw new TypeError('WebAssembly: Argument 0 must be provided and must be a Response');
      }
      if (!response.ok) {
        throw new TypeError(`WebAssembly: HTTP status code is not ok (${response.status})`);
      }
      return response.arrayBuffer();
    });
  }

  return { fetch, Response, Headers, streamingBytes };
})
