// IDNA and hosts: non-ASCII hosts, punycode, invalid labels, IPv4 and IPv6
// (compared with node 20). Left out: 'http://\u0661\u0662.com/', which the
// standard's CheckBidi makes invalid (whatwg-url, browsers) and node 20 takes.
const cases = [
  'http://münchen.de/', 'http://MÜNCHEN.de/', 'https://xn--mnchen-3ya.de/', 'http://例え.テスト/パス',
  'http://faß.de/', 'http://ᵷ.com/', 'http://a.b.c.xn--pokxncvks/', 'http://☃.net/',
  'http://xn--/', 'http://xn--a.com/', 'http://a..b/', 'http://xn--ls8h.la/', 'http://💩.la/',
  'http://ＧＯ.com/', 'http://0x7f.1/', 'http://127.0.0.1.:80/', 'http://1.2.3.4.5/', 'http://[0:0::1]/',
  'http://[::ffff:1.2.3.4]/', 'http://256.0.0.1/', 'http://0xffffffff/', 'http://a\u00adb.com/',
  'http://\u200d.com/', 'http://xn--zca.de/', 'http://-x.com/', 'http://x-.com/', 'http://ab--c.com/',
  'foo://münchen/', 'http://%F0%9F%92%A9.la/', 'http://a.xn--nxa/',
  'http://xn--ab\u00fc.com/', 'http://' + 'a'.repeat(64) + '.com/', 'http://.com/', 'http://。/',
];
for (const input of cases) {
  try { const u = new URL(input); console.log(input, '->', u.href, u.hostname, u.origin); }
  catch (e) { console.log(input, '->', e.name, e.message, e.code); }
}
console.log(URL.canParse('http://xn--/'), URL.canParse('http://ü/'));
const u = new URL('http://a/');
u.hostname = 'bücher.example'; console.log(u.href);
u.host = 'ÉCOLE.fr:8080'; console.log(u.href);
u.hostname = 'xn--'; console.log(u.href);
console.log(new URL('https://ümlaut.test/?q=ü#ü').toString());
