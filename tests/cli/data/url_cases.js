const cases = [
  ['x_bg.wasm', 'file:///dir/pkg/x.js'], ['../a/b?q#h', 'file:///dir/sub/'], ['https://Example.COM:443/a/./b/../c?x=1#f'],
  ['http://u:p@h:8080/p'], ['//other/x', 'https://a/b'], ['?q2', 'http://a/b?q1#f'], ['#frag', 'http://a/b?q'],
  ['file:///tmp/a b/%.js'], ['mailto:someone@example.com'], ['data:text/plain,hi'], ['HTTP://a/b/c/d;p?q'],
  ['g;x?y#s', 'http://a/b/c/d;p?q'], ['../../../g', 'http://a/b/c/d;p?q'], ['http://a/ü?ä#ö'], ['file://localhost/etc/x'],
  ['blob:http://x/y'], ['http://[::1]:80/'], ['  http://a/ b '], ['/abs', 'file:///c/d'],
  ['http://%41.com/'], ['http://ex%2Eample.com/'],
  // Non-special schemes: an empty host is not no host (found by tests/fuzz/url_fuzzer).
  ['foo:////x'], ['foo://///x'], ['foo:///x'], ['foo://h//x'], ['foo:/.//x'], ['foo://'], ['foo:////'],
  // Backslashes are slashes in a special URL's path only (found by tests/fuzz/url_fuzzer).
  ['http://a\\b\\c?d\\e#f\\g'], ['\\\\h\\p?q\\#r\\', 'http://a/'], ['x\\y#z\\', 'http://a/b/'], ['foo://a\\b#c\\'],
  ['foo://a b/'], ['foo://a^b'], ['foo://\u00fc/'], ['foo://a%20b/'], ['foo://[::1]/'], ['foo://a\u0001b/'],
];
for (const [i, b] of cases) {
  try { const u = new URL(i, b); console.log(u.href, '|', u.origin, u.protocol, u.host, u.pathname, u.search, u.hash); }
  catch (e) { console.log('ERR', e.constructor.name, i); }
}
// Hosts with bad percent escapes (found by tests/fuzz/url_fuzzer).
for (const bad of ['', 'http://', 'nope', 'http://a:99999/', 'http://%x/', 'http://a%ZZ/', 'http://%C3%28/']) { try { new URL(bad); console.log('ok?', bad) } catch (e) { console.log('ERR', e.constructor.name) } }
const p = new URLSearchParams('a=1&b=2&a=3&c=%20x+y');
console.log(p.getAll('a'), p.get('c'), p.has('b'), [...p.keys()], p.toString());
p.append('d', 'é &='); p.delete('b'); p.set('a', '9'); p.sort(); console.log(p.toString());
const lone = new URLSearchParams(); lone.append('\ud800', 'x\udc00y'); console.log(lone.toString());
// Setters of the authority and scheme (they did nothing before).
for (const [href, key, value] of [
  ['http://a/p?q#h', 'username', 'us er'], ['http://a/', 'password', 'p@ss'], ['file:///x', 'username', 'u'],
  ['http://a:81/p', 'host', 'b.com:8080'], ['http://a:81/p', 'hostname', 'c.org'], ['http://a/p', 'port', '8080'],
  ['http://a:8080/p', 'port', ''], ['http://a/p', 'port', '80'], ['http://a/p', 'port', 'x1'], ['http://a/p', 'port', '99999'],
  ['http://a:443/p', 'protocol', 'https:'], ['http://a/p', 'protocol', 'foo'], ['foo://a/p', 'protocol', 'bar'],
  ['http://a/p', 'host', ''], ['http://u:pw@a:81/p?q#h', 'host', 'z'], ['foo://a/p', 'host', 'b'], ['mailto:x@y', 'host', 'b'],
  ['http://a/p', 'hostname', 'a b'], ['http://a/p', 'port', '12ab'],
]) { const v = new URL(href); v[key] = value; console.log(href, key, value, '->', v.href); }
const u = new URL('http://h/p?x=1'); u.searchParams.append('y', '2'); console.log(u.href, u.search);
console.log(new URLSearchParams({ k: 'v', n: 1 }).toString(), new URLSearchParams([['a', 'b']]).toString());
console.log(JSON.stringify({ u: new URL('http://a/b') }), String(new URL('http://a')));
// node's layout of URL and URLSearchParams under console.log, and its error.
console.log(new URL('http://u:p@h:81/p?x=1&y=%20#f'));
console.log({ nested: { url: new URL('file:///a/b') } }, [new URLSearchParams('a=1&b=2&a=3')]);
console.log(new URLSearchParams(), new URLSearchParams({ long: 'x'.repeat(40), longer: 'y'.repeat(40) }));
for (const args of [['nope'], ['x', 'nope'], ['http://a b']]) {
  try { new URL(...args); } catch (e) { console.log(e.name, e.message, e.code, e.input, e.base); }
}
console.log(URL.parse('x', 'http://a/b').href, URL.parse('nope'), URL.parse('http://a') instanceof URL);
