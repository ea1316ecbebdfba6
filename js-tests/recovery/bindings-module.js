/*---
description: The host API is also the module wbhost:bindings.
flags: [module]
includes: [wbhostHelpers.js]
---*/
import { of, WasmAbortError, StaleObjectError } from 'wbhost:bindings';
import bindings from 'wbhost:bindings';
assert.sameValue(of, wbhost.bindings.of);
assert.sameValue(bindings, wbhost.bindings);
assert.sameValue(typeof WasmAbortError, 'function');
assert.sameValue(new StaleObjectError('x').name, 'StaleObjectError');
var demo = loadDemo();
assert.sameValue(of(demo).generation, 1);
