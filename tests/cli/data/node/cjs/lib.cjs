exports.twice = (x) => 2 * x;
exports.loadedBy = module.parent === undefined ? 'unknown' : 'a parent';
exports.file = require('path').basename(__filename);
