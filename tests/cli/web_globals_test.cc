// TextEncoder/TextDecoder, atob/btoa, performance, crypto, structuredClone,
// as a script sees them.
#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

std::string Eval(const std::string& code) {
  auto r = RunProcess({WbhostPath(), "-e", code});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  return r.out;
}

TEST(WebGlobalsTest, TextDecoderReplacesAndStreams) {
  EXPECT_EQ(Eval("const d = new TextDecoder();"
                 "print(d.decode(new Uint8Array([0x68, 0xc3, 0xa9, 0xff, 0x41])));"
                 "print(d.decode(new Uint8Array([0xe2, 0x82]), {stream: true}) + '|' +"
                 "      d.decode(new Uint8Array([0xac])));"
                 "print(d.encoding, new TextDecoder('UTF-16').encoding);"),
            "h\xC3\xA9\xEF\xBF\xBD"
            "A\n|\xE2\x82\xAC\nutf-8 utf-16le\n");
}

TEST(WebGlobalsTest, TextDecoderFatalAndBom) {
  EXPECT_EQ(Eval("try { new TextDecoder('utf-8', {fatal: true}).decode(new Uint8Array([0xc0])) }"
                 "catch (e) { print(e instanceof TypeError) }"
                 "print(new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).length);"
                 "print(new TextDecoder('utf-8', {ignoreBOM: true})"
                 "      .decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).length);"
                 "try { new TextDecoder('klingon') } catch (e) { print(e.name) }"),
            "true\n1\n2\nRangeError\n");
}

TEST(WebGlobalsTest, TextEncoderEncodeAndEncodeInto) {
  EXPECT_EQ(Eval("const e = new TextEncoder();"
                 "print(e.encode('h\u00e9\u20ac').join(','));"
                 "const buf = new Uint8Array(5);"
                 "const r = e.encodeInto('h\u00e9\u20ac', buf);"
                 "print(r.read, r.written, buf.join(','));"
                 "print(e.encode('\\ud800').join(','));"),
            "104,195,169,226,130,172\n2 3 104,195,169,0,0\n239,191,189\n");
}

TEST(WebGlobalsTest, Base64) {
  EXPECT_EQ(Eval("print(btoa('hello'), atob('aGVsbG8='), atob(' aGVs\\nbG8 '));"
                 "try { btoa('\u20ac') } catch (e) { print(e.name) }"
                 "try { atob('abcde') } catch (e) { print(e.name) }"
                 "print(atob(btoa('\\xff\\x00\\x80')).split('').map(c => c.charCodeAt(0)));"),
            "aGVsbG8= hello hello\nInvalidCharacterError\nInvalidCharacterError\n255,0,128\n");
}

TEST(WebGlobalsTest, PerformanceIsMonotonic) {
  EXPECT_EQ(Eval("const a = performance.now(); let x = 0;"
                 "for (let i = 0; i < 1e5; i++) x += i;"
                 "const b = performance.now();"
                 "print(b >= a, a >= 0, Math.abs(performance.timeOrigin + b - Date.now()) < 1000)"),
            "true true true\n");
}

TEST(WebGlobalsTest, Crypto) {
  EXPECT_EQ(
      Eval("const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;"
           "print(re.test(crypto.randomUUID()), crypto.randomUUID() !== crypto.randomUUID());"
           "const a = crypto.getRandomValues(new Uint8Array(64));"
           "print(a.some(x => x !== 0));"
           "try { crypto.getRandomValues(new Float64Array(1)) } catch (e) { print(e.name) }"
           "try { crypto.getRandomValues(new Uint8Array(65537)) } catch (e) { print(e.name) }"),
      "true true\ntrue\nTypeMismatchError\nQuotaExceededError\n");
}

TEST(WebGlobalsTest, StructuredClone) {
  EXPECT_EQ(Eval("const o = {m: new Map([[1, {x: 1}]]), s: new Set([2]), d: new Date(5),"
                 "           t: new Int16Array([-1, 7]), big: 10n};"
                 "o.self = o;"
                 "const c = structuredClone(o);"
                 "print(c !== o, c.self === c, c.m.get(1).x, c.s.has(2), c.d.getTime(),"
                 "      c.t[0], c.t[1], c.big);"
                 "try { structuredClone({f() {}}) } catch (e) { print(e.name) }"
                 "const ab = new ArrayBuffer(8);"
                 "const moved = structuredClone(ab, {transfer: [ab]});"
                 "print(ab.byteLength, moved.byteLength);"),
            "true true 1 true 5 -1 7 10\nDataCloneError\n0 8\n");
}

}  // namespace
}  // namespace wbhost::testing
