/*---
description: Top-level await in a module test.
flags: [module, async]
---*/
const value = await Promise.resolve(5);
assert.sameValue(value, 5);
$DONE();
