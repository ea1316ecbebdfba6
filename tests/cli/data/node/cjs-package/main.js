// A .js main file in a package whose package.json says "type": "commonjs".
const helper = require('./helper.js');
console.log(require.main === module, this === module.exports, helper.name);
console.log(require('path').basename(__dirname));
