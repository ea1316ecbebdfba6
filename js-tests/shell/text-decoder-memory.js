/*---
description: >
  TextDecoders that are no longer reachable are collected with all they
  hold (wasm-bindgen glue makes one per evaluation, so each recovery of a
  binding made one): 50,000 of them leave the JS heap about where it was
  (each kept about a kilobyte of it for good before).
includes: [wbhostHelpers.js]
---*/
function heapUsed() {
  $262.gc();
  return process.memoryUsage().heapUsed;
}
function make(n) {
  for (var i = 0; i < n; i++) new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
}
make(5000);
var before = heapUsed();
make(50000);
var grown = heapUsed() - before;
assert(grown < 8 * 1024 * 1024, 'the heap grew by ' + grown + ' bytes');
