// The `wbhost` global: versions and the script's arguments. Later layers
// (bindings/) add properties such as `wbhost.bindings`.
(function (natives, require) {
  'use strict';
  const wbhost = {};
  Object.defineProperties(wbhost, {
    version: {
      value: Object.freeze({ wbhost: natives.wbhostVersion, v8: natives.v8Version }),
      enumerable: true,
    },
    args: { value: Object.freeze(natives.args.slice()), enumerable: true },
  });
  for (const [property, builtin, exportName] of natives.extensions) {
    Object.defineProperty(wbhost, property, {
      get() {
        const value = require(builtin)[exportName];
        Object.defineProperty(wbhost, property, { value, enumerable: true });
        return value;
      },
      enumerable: true,
      configurable: true,
    });
  }
  Object.defineProperty(wbhost, Symbol.toStringTag, { value: 'wbhost' });
  return { wbhost };
})
