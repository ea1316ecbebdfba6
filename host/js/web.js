// Small web-platform globals: atob/btoa, performance, crypto and
// structuredClone. The work is native (host/globals/web_natives.cc).
(function (natives, require) {
  'use strict';

  function needsArgument(name, args) {
    if (args.length === 0) {
      throw new TypeError(`${name}: 1 argument required, but only 0 present.`);
    }
  }

  function atob(data) {
    needsArgument('atob', arguments);
    return natives.atob(`${data}`);
  }

  function btoa(data) {
    needsArgument('btoa', arguments);
    return natives.btoa(`${data}`);
  }

  const timeOrigin = natives.timeOrigin;
  const performance = {
    now: () => natives.now(),
    get timeOrigin() {
      return timeOrigin;
    },
    toJSON() {
      return { timeOrigin };
    },
  };
  Object.defineProperty(performance, Symbol.toStringTag, { value: 'Performance' });

  const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
                          Int32Array, Uint32Array, BigInt64Array, BigUint64Array];
  const crypto = {
    getRandomValues(array) {
      if (!INTEGER_ARRAYS.some((T) => array instanceof T)) {
        const error = new TypeError(
            "Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView " +
            'is not an integer array type');
        error.name = 'TypeMismatchError';
        throw error;
      }
      if (array.byteLength > 65536) {
        const error = new Error(
            `The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of ` +
            'bytes of entropy available via this API (65536)');
        error.name = 'QuotaExceededError';
        throw error;
      }
      natives.fillRandom(array);
      return array;
    },
    randomUUID() {
      const bytes = new Uint8Array(16);
      natives.fillRandom(bytes);
      bytes[6] = (bytes[6] & 0x0f) | 0x40;
      bytes[8] = (bytes[8] & 0x3f) | 0x80;
      const hex = Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-` +
             `${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
  Object.defineProperty(crypto, Symbol.toStringTag, { value: 'Crypto' });

  function structuredClone(value, options = undefined) {
    needsArgument('structuredClone', arguments);
    const transfer = options && options.transfer ? Array.from(options.transfer) : [];
    return natives.structuredClone(value, transfer);
  }

  return { atob, btoa, performance, crypto, structuredClone };
})
