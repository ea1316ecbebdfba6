// setImmediate and clearImmediate (compared with node 20).
const order = [];
const cancelled = setImmediate(() => order.push('cancelled'));
clearImmediate(cancelled);
setImmediate((a, b) => order.push(`immediate ${a} ${b}`), 'x', 'y');
Promise.resolve().then(() => order.push('promise'));
process.nextTick(() => order.push('tick'));
setTimeout(() => {
  setImmediate(() => {
    order.push('immediate after a timer');
    console.log(order.join(', '));
  });
}, 5);
console.log(typeof setImmediate(() => {}).hasRef, global === globalThis, typeof global.setImmediate);
const timers = require('timers');
console.log(timers.setImmediate === setImmediate, typeof timers.setTimeout);
