// node's counterpart of hello.js (node has no print()).
console.log('hello');
