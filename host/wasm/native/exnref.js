// V8 13.6 has exnref: nothing is outlined, nothing hidden, and V8 guards
// the JS boundary itself (a TypeError), so the bindings layer's hooks are
// identities.
(function (natives, require) {
  'use strict';
  return {
    finish: () => false,
    publicExports: (module, exports) => exports,
    isGuard: () => false,
    importsFor: (module, imports) => imports,
    hidden: () => false,
  };
})
