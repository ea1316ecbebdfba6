// A .js main file in a package whose package.json says "type": "module":
// an ES module, with no CommonJS scope (wbhost keeps its global require,
// which node does not have, so that is not compared).
import { basename } from 'node:path';
import process from 'node:process';
import fs from 'node:fs';
console.log(typeof module, typeof exports, typeof __dirname);
console.log(basename(new URL(import.meta.url).pathname), this === undefined);
console.log(typeof process.argv, typeof fs.readFileSync);
