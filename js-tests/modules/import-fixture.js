/*---
description: Module tests import their _FIXTURE files.
flags: [module]
---*/
import { value } from './value_FIXTURE.js';
assert.sameValue(value, 'fixture');
assert.sameValue(typeof import.meta.url, 'string');
