/*---
description: $262.detachArrayBuffer detaches.
---*/
var buffer = new ArrayBuffer(8);
$262.detachArrayBuffer(buffer);
assert.sameValue(buffer.byteLength, 0);
