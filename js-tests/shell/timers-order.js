/*---
description: Timers fire in deadline order, ties in creation order, after microtasks.
flags: [async]
---*/
var order = [];
setTimeout(function () { order.push('c'); }, 20);
setTimeout(function () { order.push('a'); }, 0);
setTimeout(function () { order.push('b'); }, 0);
queueMicrotask(function () { order.push('micro'); });
var cleared = setTimeout(function () { order.push('never'); }, 1);
clearTimeout(cleared);
setTimeout(function () {
  try {
    assert.compareArray(order, ['micro', 'a', 'b', 'c']);
    $DONE();
  } catch (e) {
    $DONE(e);
  }
}, 40);
