/*---
negative:
  phase: parse
  type: SyntaxError
flags: [onlyStrict, raw]
features: [Atomics, "BigInt"]
includes: [a.js, b.js]
---*/
$DONOTEVALUATE();
