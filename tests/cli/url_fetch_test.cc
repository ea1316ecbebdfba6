// URL, URLSearchParams, fetch of file: URLs and Wasm streaming.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

// Each script's output is node 20's on it (the .expected file); url_idna.js
// holds the IDNA cases: non-ASCII hosts, punycode, invalid labels.
TEST(UrlFetchTest, UrlParsingMatchesNode) {
  for (std::string name : {"url_cases", "url_idna"}) {
    std::ifstream file("tests/cli/data/" + name + ".expected");
    ASSERT_TRUE(file.good()) << name;
    std::stringstream expected;
    expected << file.rdbuf();
    auto r = RunProcess({WbhostPath(), "tests/cli/data/" + name + ".js"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, expected.str()) << name;
  }
}

TEST(UrlFetchTest, FetchFileUrlsAndStreaming) {
  std::string dir = TempDir() + "/fetch";
  std::filesystem::create_directories(dir);
  const char* out = getenv("WBHOST_OUT");
  std::filesystem::copy_file(std::string(out ? out : "out") + "/gen/examples/hello-wasm/add.wasm",
                             dir + "/add.wasm");
  WriteFile(dir, "data.json", "{\"x\": 5}");
  std::string main = WriteFile(dir, "main.mjs",
                               R"(
    const r = await fetch(new URL('./data.json', import.meta.url));
    print(r.ok, r.status, r.headers.get('content-type'), (await r.json()).x, r.bodyUsed);
    try { await r.text(); } catch (e) { print(e.name); }
    try { await fetch('https://example.com/'); } catch (e) { print(e.name, e.message); }
    try { await fetch(new URL('./missing.txt', import.meta.url)); } catch (e) { print(e.name, /missing.txt/.test(e.message)); }
    const { instance } = await WebAssembly.instantiateStreaming(fetch(new URL('./add.wasm', import.meta.url)));
    print(instance.exports.add(20, 22));
    const module = await WebAssembly.compileStreaming(Promise.resolve(new Response(readbuffer(')" +
                                   dir + R"(/add.wasm'))));
    print(module instanceof WebAssembly.Module);
    try { await WebAssembly.compileStreaming(42); } catch (e) { print(e.name); }
    let order = [];
    fetch(new URL('./data.json', import.meta.url)).then(() => order.push('fetched'));
    order.push('sync');
    await new Promise((resolve) => setTimeout(resolve, 20));
    print(order.join());
  )");
  auto r = RunProcess({WbhostPath(), main});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out,
            "true 200 application/json 5 true\nTypeError\n"
            "TypeError wbhost: fetch supports only file: URLs, not 'https:'\n"
            "TypeError true\n42\ntrue\nTypeError\nsync,fetched\n");
}

TEST(UrlFetchTest, ResponseFromValues) {
  auto r =
      RunProcess({WbhostPath(), "-e",
                  "const r = new Response('héllo', {status: 201});"
                  "r.text().then(t => print(t, r.status, r.ok, r.headers.get('content-type')));"
                  "try { new Response('', {status: 99}) } catch (e) { print(e.name) }"});
  EXPECT_EQ(r.out, "RangeError\nhéllo 201 true text/plain;charset=UTF-8\n");
}

}  // namespace
}  // namespace wbhost::testing
