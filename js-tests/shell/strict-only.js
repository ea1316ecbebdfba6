/*---
description: onlyStrict tests run in strict mode.
flags: [onlyStrict]
---*/
assert.sameValue((function () { return this; })(), undefined);
