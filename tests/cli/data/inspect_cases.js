const o = { a: 1, s: 'str', n: null, u: undefined, arr: [1, 'two', [3, [4, [5]]]], nested: { x: { y: { z: { w: 1 } } } } };
console.log(o);
const c = { name: 'c' }; c.self = c; console.log(c);
console.log(new Map([[1, 'a'], ['b', { k: 2 }]]), new Set([1, 2]));
console.log(new Uint8Array([1, 2, 3]), new ArrayBuffer(4));
class Foo { constructor() { this.x = 1 } } console.log(new Foo(), Foo, function named() {}, () => {});
console.log([1, , 3], new Array(120).fill(0).length, -0, 10n, Symbol('s'));
console.log(Promise.resolve(4), Promise.reject(new Error('r')).catch(() => {}) && 'x', new Promise(() => {}));
console.log('%s is %d years and %i, %f, %j, %o %%', 'Bob', 42.5, 42.9, '3.5', { j: 1 }, [1]);
console.log({ get g() { return 1 }, [Symbol('k')]: 2, 'needs-quote': 3 });
console.log(Object.create(null), new Date(0), /re/g, new Error('boom').message);
console.log([new Array(120).fill(0)]);
console.log({ long1: 'aaaaaaaaaaaaaaaaaaaa', long2: 'bbbbbbbbbbbbbbbbbbbbbbb', long3: 'cccccccccccccccccccccc', long4: 1 });
console.table([{ a: 1, b: 'x' }, { a: 2 }]);
console.count(); console.count(); console.group('G'); console.log('inner'); console.groupEnd(); console.log('outer');
console.log([1.5, 22, 333, 4444, 5, 6, 7, 8, 9, 10]);
console.log(['a', 'bb', 'ccc', 'dddd', 'e', 'f', 'g', 'h']);
console.log(new Array(200).fill('x'));
console.log({ a: [{ b: { c: {} } }] }, [[[[1]]]]);
console.log(new Error('boom').stack.split('\n')[0]);
console.log([undefined, null, NaN, Infinity], { 'a b': 1, 1: 2 }, [function f() {}, class A {}, class B extends Array {}]);
console.log(new Uint8Array(30));
console.log('a\nb', ['a\nb', "it's"], Object.assign(() => {}, { p: 1 }));
// One line or several, as node decides: how deep the entries go and how wide they are, colour codes not counted.
{
  const util = require('util');
  for (const v of [{calls: 3, panics: 0, aborts: 1, resets: 0}, [1, 'two', null, undefined, true, 3n, Symbol('s')], {a: {b: {c: [1, 2, 3]}}, s: 'str'}, new Map([[1, 'a'], ['b', {c: 2}]]), [new Array(30).fill(7)], {f() {}, d: new Date(0), r: /x/g, e: null}])
    console.log(JSON.stringify(util.inspect(v, {colors: true})));
  for (const v of [{ f() {}, d: new Date(0), r: /x/g, e: null }, { aaaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbbbbb', cccccccccc: 'dddddddddddddddd', e: 1 }, ['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(5)], { k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6 }, { k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7 }, { a: [{ b: { c: {} } }] }, [[1, [2, [3, [4]]]]], { x: 'y'.repeat(58) }, { x: 'y'.repeat(62) }]) {
    console.log(v);
    console.log(JSON.stringify(util.inspect(v, { colors: true })));
  }
}
