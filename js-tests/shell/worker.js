/*---
description: >
  d8's Worker: a script on its own thread. Messages are structured clones;
  a SharedArrayBuffer stays shared, a transferred ArrayBuffer moves, a
  WebAssembly.Module crosses compiled, an uncloneable value throws
  DataCloneError, getMessage() is undefined once the worker has ended.
---*/
var worker = new Worker(`
  onmessage = function(event) {
    var data = event.data;
    if (data.kind === 'add') {
      Atomics.add(new Int32Array(data.sab), 0, data.by);
      postMessage('added');
    } else if (data.kind === 'length') {
      postMessage(data.buffer.byteLength);
    } else if (data.kind === 'wasm') {
      var instance = new WebAssembly.Instance(data.module);
      postMessage(instance.exports.answer());
    } else if (data.kind === 'bye') {
      postMessage('closing');
      close();
    } else {
      postMessage({echo: data});
    }
  };
  postMessage('ready');
`, {type: 'string'});

assert.sameValue(worker.getMessage(), 'ready', 'the script ran');

worker.postMessage({a: 1, list: [1, 2, 3], when: new Date(0)});
var echoed = worker.getMessage().echo;
assert.sameValue(echoed.a, 1);
assert.sameValue(echoed.list.join(), '1,2,3');
assert(echoed.when instanceof Date, 'a Date comes back a Date');

var sab = new SharedArrayBuffer(8);
var cells = new Int32Array(sab);
cells[0] = 1;
worker.postMessage({kind: 'add', sab: sab, by: 41});
assert.sameValue(worker.getMessage(), 'added');
assert.sameValue(cells[0], 42, 'the worker wrote into the same memory');

var buffer = new ArrayBuffer(16);
worker.postMessage({kind: 'length', buffer: buffer}, [buffer]);
assert.sameValue(worker.getMessage(), 16, 'the worker got the bytes');
assert.sameValue(buffer.byteLength, 0, 'the transferred buffer is detached here');

// (module (func (export "answer") (result i32) i32.const 42))
var module = new WebAssembly.Module(new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 10, 1,
  6, 97, 110, 115, 119, 101, 114, 0, 0, 10, 6, 1, 4, 0, 65, 42, 11]));
worker.postMessage({kind: 'wasm', module: module});
assert.sameValue(worker.getMessage(), 42, 'the module ran in the worker');

var threw = null;
try {
  worker.postMessage(function() {});
} catch (e) {
  threw = e;
}
assert.notSameValue(threw, null, 'a function cannot be cloned');
assert.sameValue(threw.name, 'DataCloneError');

worker.postMessage({kind: 'bye'});
assert.sameValue(worker.getMessage(), 'closing');
assert.sameValue(worker.getMessage(), undefined, 'nothing after close()');

var fromFunction = new Worker(function() { postMessage(6 * 7); }, {type: 'function'});
assert.sameValue(fromFunction.getMessage(), 42, "type: 'function' runs the function");
fromFunction.terminateAndWait();
assert.sameValue(fromFunction.getMessage(), undefined, 'nothing after terminateAndWait()');

assert.throws(TypeError, function() { new Worker('1', {type: 'nonsense'}); });
assert.throws(TypeError, function() { Worker('1'); }, 'Worker needs new');
