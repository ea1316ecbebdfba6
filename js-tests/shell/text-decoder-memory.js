/*---
description: >
  TextDecoders that are no longer reachable are collected with all they
  hold (wasm-bindgen glue makes one per evaluation, so each recovery of a
  binding made one): 50,000 of them leave the resident size about where it
  was (each kept about a kilobyte for good before).
includes: [wbhostHelpers.js]
---*/
function rssKiB() {
  return Number(/VmRSS:\s+(\d+) kB/.exec(read('/proc/self/status'))[1]);
}
function make(n) {
  for (var i = 0; i < n; i++) new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  $262.gc();
}
make(5000);
var before = rssKiB();
make(50000);
var grown = rssKiB() - before;
assert(grown < 16 * 1024, 'resident size grew by ' + grown + ' KiB');
