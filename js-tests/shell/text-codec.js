/*---
description: TextEncoder and TextDecoder round-trip and replace invalid UTF-8.
---*/
var bytes = new TextEncoder().encode('h\u00e9\u20ac\ud83d\ude00');
assert.sameValue(bytes.length, 10);
assert.sameValue(new TextDecoder().decode(bytes), 'h\u00e9\u20ac\ud83d\ude00');
assert.sameValue(new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0x62])), 'a\ufffdb');
assert.throws(TypeError, function () {
  new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff]));
});
assert.throws(RangeError, function () { new TextDecoder('nope'); });
