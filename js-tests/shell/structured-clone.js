/*---
description: structuredClone copies maps, dates and cycles.
---*/
var o = { m: new Map([[1, 'one']]), d: new Date(7) };
o.self = o;
var c = structuredClone(o);
assert.notSameValue(c, o);
assert.sameValue(c.self, c);
assert.sameValue(c.m.get(1), 'one');
assert.sameValue(c.d.getTime(), 7);
