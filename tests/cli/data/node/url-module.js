// node's url module (compared with node 20).
const url = require('url');
console.log(url.fileURLToPath('file:///a/b%20c/d'), url.pathToFileURL('/x y/%z#?').href, url.pathToFileURL('/tmp/').href);
console.log(url.URL === URL, require('node:url').URLSearchParams === URLSearchParams);
try { url.fileURLToPath('http://x/'); } catch (e) { console.log(e.constructor.name, e.message); }
try { url.fileURLToPath('file:///a%2Fb'); } catch (e) { console.log(e.constructor.name, e.message); }
console.log(url.pathToFileURL('rel').href === 'file://' + process.cwd() + '/rel');
for (const domain of ['español.com', 'xn--espaol-zwa.com', 'EXAMPLE.org', 'xn--iñvalid.com', '中文.com', 'a b']) {
  console.log(JSON.stringify(url.domainToASCII(domain)), JSON.stringify(url.domainToUnicode(domain)));
}
