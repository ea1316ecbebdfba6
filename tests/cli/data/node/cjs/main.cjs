// A CommonJS main module: node's module scope (compared with node 20).
const path = require('path');
const lib = require('./lib.cjs');
console.log(lib.twice(21), lib.file);
console.log(path.basename(__filename), path.basename(__dirname));
console.log(__dirname === path.dirname(__filename), path.isAbsolute(__filename));
console.log(require.main === module, this === module.exports, module.id);
console.log(module.filename === __filename, module.loaded, typeof exports);
console.log(require.resolve('./lib.cjs') === path.join(__dirname, 'lib.cjs'));
console.log(require('./lib.cjs') === lib, typeof require.cache);
exports.value = 1;
console.log(module.exports.value, this.value);
