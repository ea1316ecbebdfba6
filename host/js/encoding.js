// TextEncoder and TextDecoder (WHATWG Encoding): UTF-8 both ways, UTF-16LE
// for decoding. The work is native (host/globals/encoding_natives.cc).
(function (natives, require) {
  'use strict';
  const kHandle = Symbol('decoder');
  const kEncoding = Symbol('encoding');

  class TextEncoder {
    get encoding() {
      return 'utf-8';
    }
    encode(input = '') {
      return natives.encode(`${input}`);
    }
    encodeInto(source, destination) {
      const result = { read: 0, written: 0 };
      natives.encodeInto(`${source}`, destination, result);
      return result;
    }
  }
  Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, {
    value: 'TextEncoder', configurable: true,
  });

  class TextDecoder {
    constructor(label = 'utf-8', options = {}) {
      const fatal = Boolean(options && options.fatal);
      const ignoreBOM = Boolean(options && options.ignoreBOM);
      this[kHandle] = natives.newDecoder(`${label}`, fatal, ignoreBOM);
      const name = `${label}`.trim().toLowerCase();
      this[kEncoding] = ['utf-16', 'utf-16le', 'unicode', 'ucs-2', 'csunicode',
                         'iso-10646-ucs-2', 'unicodefeff'].includes(name) ? 'utf-16le' : 'utf-8';
      Object.defineProperty(this, 'fatal', { value: fatal, enumerable: false });
      Object.defineProperty(this, 'ignoreBOM', { value: ignoreBOM, enumerable: false });
    }
    get encoding() {
      return this[kEncoding];
    }
    decode(input = undefined, options = undefined) {
      const stream = options !== undefined && options !== null && Boolean(options.stream);
      return natives.decode(this[kHandle], input, stream);
    }
  }
  Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, {
    value: 'TextDecoder', configurable: true,
  });

  return { TextEncoder, TextDecoder };
})
