// Events, as web and node code expects them: DOMException, Event,
// EventTarget, AbortController and AbortSignal (with abort, timeout and
// any), and node's EventEmitter (the `events` module, and what `process`
// is).
(function (natives, require) {
  'use strict';

  // DOMException's legacy codes, by name.
  const CODES = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4,
    InvalidCharacterError: 5, NoModificationAllowedError: 7, NotFoundError: 8,
    NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12,
    InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
    URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
    InvalidNodeTypeError: 24, DataCloneError: 25,
  };

  class DOMException extends Error {
    constructor(message = '', options = 'Error') {
      super(`${message}`);
      const name = typeof options === 'object' && options !== null
          ? (options.name === undefined ? 'Error' : `${options.name}`) : `${options}`;
      Object.defineProperty(this, 'name', { value: name, configurable: true, writable: true });
      if (typeof options === 'object' && options !== null && 'cause' in options) {
        Object.defineProperty(this, 'cause', {
          value: options.cause, configurable: true, writable: true,
        });
      }
    }
    get code() { return CODES[this.name] || 0; }
  }
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, {
    value: 'DOMException', configurable: true,
  });

  const kStop = Symbol('stop immediate propagation');
  class Event {
    #type;
    #bubbles;
    #cancelable;
    #composed;
    #defaultPrevented;
    #target;
    #currentTarget;
    #timeStamp;
    constructor(type, options = {}) {
      if (arguments.length === 0) throw new TypeError('The "type" argument must be specified');
      this.#type = `${type}`;
      this.#bubbles = Boolean(options && options.bubbles);
      this.#cancelable = Boolean(options && options.cancelable);
      this.#composed = Boolean(options && options.composed);
      this.#defaultPrevented = false;
      this.#target = null;
      this.#currentTarget = null;
      this.#timeStamp = globalThis.performance ? performance.now() : Date.now();
      this[kStop] = false;
    }
    get type() { return this.#type; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get composed() { return this.#composed; }
    get defaultPrevented() { return this.#cancelable && this.#defaultPrevented; }
    get target() { return this.#target; }
    get currentTarget() { return this.#currentTarget; }
    get srcElement() { return this.#target; }
    get timeStamp() { return this.#timeStamp; }
    get isTrusted() { return false; }
    get eventPhase() { return this.#currentTarget ? 2 : 0; }
    get returnValue() { return !this.defaultPrevented; }
    composedPath() { return this.#currentTarget ? [this.#currentTarget] : []; }
    preventDefault() { this.#defaultPrevented = true; }
    stopPropagation() {}
    stopImmediatePropagation() { this[kStop] = true; }
    // For EventTarget's dispatch.
    static setTargets(event, target, current) {
      event.#target = target;
      event.#currentTarget = current;
    }
  }
  Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event' });

  class EventTarget {
    #listeners = new Map();
    addEventListener(type, listener, options) {
      if (listener === null || listener === undefined) return;
      const once = typeof options === 'object' && options !== null && Boolean(options.once);
      const capture = typeof options === 'boolean' ? options
          : Boolean(options && options.capture);
      const signal = typeof options === 'object' && options !== null ? options.signal : undefined;
      if (signal && signal.aborted) return;
      const list = this.#listeners.get(`${type}`) || [];
      if (list.some((l) => l.listener === listener && l.capture === capture)) return;
      const entry = { listener, once, capture, removed: false };
      list.push(entry);
      this.#listeners.set(`${type}`, list);
      if (signal) signal.addEventListener('abort', () => this.removeEventListener(type, listener, { capture }));
    }
    removeEventListener(type, listener, options) {
      const capture = typeof options === 'boolean' ? options
          : Boolean(options && options.capture);
      const list = this.#listeners.get(`${type}`);
      if (!list) return;
      const index = list.findIndex((l) => l.listener === listener && l.capture === capture);
      if (index >= 0) {
        list[index].removed = true;
        list.splice(index, 1);
      }
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) throw new TypeError('The "event" argument must be an Event');
      Event.setTargets(event, this, this);
      const list = (this.#listeners.get(event.type) || []).slice();
      for (const entry of list) {
        if (entry.removed) continue;
        if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
        try {
          if (typeof entry.listener === 'function') entry.listener.call(this, event);
          else if (entry.listener && typeof entry.listener.handleEvent === 'function') {
            entry.listener.handleEvent(event);
          }
        } catch (e) {
          // As in node: the error is uncaught, the dispatch goes on.
          queueMicrotask(() => { throw e; });
        }
        if (event[kStop]) break;
      }
      Event.setTargets(event, this, null);
      return !event.defaultPrevented;
    }
  }
  Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget' });

  const kAbort = Symbol('abort');
  class AbortSignal extends EventTarget {
    #aborted;
    #reason;
    constructor(key) {
      if (key !== kAbort) throw new TypeError('Illegal constructor');
      super();
      this.#aborted = false;
      this.#reason = undefined;
      this.onabort = null;
    }
    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    throwIfAborted() {
      if (this.#aborted) throw this.#reason;
    }
    static abort(reason) {
      const signal = new AbortSignal(kAbort);
      signal[kAbort](reason);
      return signal;
    }
    static timeout(ms) {
      const signal = new AbortSignal(kAbort);
      setTimeout(() => signal[kAbort](new DOMException('The operation was aborted due to timeout',
                                                        'TimeoutError')), ms);
      return signal;
    }
    static any(signals) {
      const signal = new AbortSignal(kAbort);
      for (const source of signals) {
        if (source.aborted) {
          signal[kAbort](source.reason);
          return signal;
        }
      }
      for (const source of signals) {
        source.addEventListener('abort', () => signal[kAbort](source.reason), { once: true });
      }
      return signal;
    }
    [kAbort](reason) {
      if (this.#aborted) return;
      this.#aborted = true;
      this.#reason = reason === undefined
          ? new DOMException('This operation was aborted', 'AbortError') : reason;
      const event = new Event('abort');
      if (typeof this.onabort === 'function') this.onabort.call(this, event);
      this.dispatchEvent(event);
    }
  }
  Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal' });

  class AbortController {
    #signal = new AbortSignal(kAbort);
    get signal() { return this.#signal; }
    abort(reason) { this.#signal[kAbort](reason); }
  }
  Object.defineProperty(AbortController.prototype, Symbol.toStringTag,
                        { value: 'AbortController' });

  // node's EventEmitter, as far as programs and packages commonly use it.
  class EventEmitter {
    constructor() {
      this._events = Object.create(null);
      this._maxListeners = undefined;
    }
    _list(name) {
      if (!this._events) this._events = Object.create(null);
      return this._events[name] || (this._events[name] = []);
    }
    on(name, listener) {
      if (typeof listener !== 'function') {
        throw new TypeError('The "listener" argument must be of type function');
      }
      this._list(name).push({ listener, once: false });
      return this;
    }
    addListener(name, listener) { return this.on(name, listener); }
    prependListener(name, listener) {
      this._list(name).unshift({ listener, once: false });
      return this;
    }
    once(name, listener) {
      if (typeof listener !== 'function') {
        throw new TypeError('The "listener" argument must be of type function');
      }
      this._list(name).push({ listener, once: true });
      return this;
    }
    off(name, listener) {
      const list = this._events && this._events[name];
      if (!list) return this;
      const index = list.findIndex((l) => l.listener === listener);
      if (index >= 0) list.splice(index, 1);
      return this;
    }
    removeListener(name, listener) { return this.off(name, listener); }
    removeAllListeners(name) {
      if (name === undefined) this._events = Object.create(null);
      else if (this._events) delete this._events[name];
      return this;
    }
    emit(name, ...args) {
      const list = this._events && this._events[name];
      if (!list || list.length === 0) {
        if (name === 'error') throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error. (${args[0]})`);
        return false;
      }
      for (const entry of list.slice()) {
        if (entry.once) this.off(name, entry.listener);
        entry.listener.apply(this, args);
      }
      return true;
    }
    listeners(name) {
      return ((this._events && this._events[name]) || []).map((l) => l.listener);
    }
    listenerCount(name) {
      return ((this._events && this._events[name]) || []).length;
    }
    eventNames() {
      return this._events ? Reflect.ownKeys(this._events).filter((k) => this._events[k].length) : [];
    }
    setMaxListeners(n) {
      this._maxListeners = n;
      return this;
    }
    getMaxListeners() {
      return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners;
    }
  }
  EventEmitter.defaultMaxListeners = 10;
  EventEmitter.EventEmitter = EventEmitter;

  return { DOMException, Event, EventTarget, AbortController, AbortSignal, EventEmitter };
})
