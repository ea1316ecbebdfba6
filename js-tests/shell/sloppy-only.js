/*---
description: noStrict tests run in sloppy mode.
flags: [noStrict]
---*/
with ({ a: 1 }) { assert.sameValue(a, 1); }
