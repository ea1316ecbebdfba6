// The recovery layer through the binary: real npm packages made by
// wasm-bindgen (installed by tools/setup into third_party/npm) and the
// wasm-bindgen-shaped benchmark packages the build makes.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

std::string OutDir() {
  const char* out = getenv("WBHOST_OUT");
  return out ? out : "out";
}

std::string CallsPackage() {
  return OutDir() + "/gen/tools/bench-data/calls/calls.js";
}
std::string BigPackage() {
  return OutDir() + "/gen/tools/bench-data/big_calls/big_calls.js";
}
// tools/test runs the tests from the repository's root.
const std::string kLz4 =
    std::filesystem::absolute("third_party/npm/node_modules/lz4-wasm-nodejs").string();

ProcessResult Script(const std::string& code, std::vector<std::string> flags = {}) {
  std::string file = WriteFile(TempDir(), "recovery-" + std::to_string(rand()) + ".js", code);
  flags.insert(flags.begin(), WbhostPath());
  flags.push_back(file);
  return RunProcess(flags);
}

TEST(RecoveryTest, RealNodejsPackageRecoversFromARealTrap) {
  auto r = Script(std::string("const lz4 = require('") + kLz4 + "');\n" + R"(
    const input = new TextEncoder().encode('wbhost '.repeat(50));
    const packed = lz4.compress(input);
    print(new TextDecoder().decode(lz4.decompress(packed)) === 'wbhost '.repeat(50));
    const ctl = wbhost.bindings.of(lz4);
    try {
      lz4.decompress(new Uint8Array([255, 255, 255, 255, 1, 2, 3]));
      print('no abort');
    } catch (e) {
      print(e.name, e.kind, e.cause instanceof WebAssembly.RuntimeError, e.generation);
    }
    print(ctl.generation, ctl.state, lz4.decompress(lz4.compress(input)).length);
    print(JSON.stringify(ctl.stats));
  )");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out,
            "true\nWasmAbortError trap true 1\n2 live 350\n"
            "{\"calls\":5,\"panics\":0,\"aborts\":1,\"resets\":0}\n");
}

TEST(RecoveryTest, RealNodejsPackageOutOfBoundedMemory) {
  auto r = Script(std::string("const lz4 = require('") + kLz4 + "');\n" + R"(
    const small = new Uint8Array(1000).fill(7);
    try { lz4.compress(new Uint8Array(48 << 20)); print('no abort'); }
    catch (e) { print(e.name); }
    print(lz4.decompress(lz4.compress(small)).length, wbhost.bindings.of(lz4).generation);
  )",
                  {"--wasm-max-memory=16"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "WasmAbortError\n1000 2\n");
}

TEST(RecoveryTest, RealWebPackageWithAsyncInitRecovers) {
  std::string main = WriteFile(TempDir(), "brotli.mjs", R"(
    import brotliPromise from 'brotli-wasm';
    const brotli = await brotliPromise;
    const small = new TextEncoder().encode('hello brotli');
    const round = () => new TextDecoder().decode(brotli.decompress(brotli.compress(small)));
    print(round());
    const big = new Uint8Array(64 << 20);
    try { brotli.compress(big); print('no abort'); }
    catch (e) { print(e.name, e.kind); }
    const ctl = wbhost.bindings.of(brotli);
    print(ctl.generation, ctl.state, round());
    // A Rust Err (bad input) is an ordinary error: no recovery.
    try { brotli.decompress(new Uint8Array([1, 2, 3])); } catch (e) { print(typeof e); }
    print(ctl.generation, JSON.stringify(ctl.stats));
  )");
  // Resolve 'brotli-wasm' through the repository's node_modules.
  std::string link = TempDir() + "/node_modules";
  symlink(std::filesystem::absolute("third_party/npm/node_modules").c_str(), link.c_str());
  auto r = RunProcess({WbhostPath(), "--wasm-max-memory=64", main});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out,
            "hello brotli\nWasmAbortError trap\n2 live hello brotli\nstring\n"
            "2 {\"calls\":7,\"panics\":0,\"aborts\":1,\"resets\":0}\n");
}

TEST(RecoveryTest, StableIdentityStaleObjectsAndListeners) {
  auto r = Script("const pkg = wbhost.bindings.load('" + CallsPackage() + "');\n" + R"(
    const { add, Counter } = pkg;
    const ctl = wbhost.bindings.of(add);
    const events = [];
    const off = ctl.onAbort((event) => events.push(`${event.kind}@${event.generation}`));
    const old = new Counter();
    old.inc();
    let caught;
    try { pkg.fail(); } catch (e) { caught = e; }
    print(caught.name, caught.kind, caught.generation, caught.cause.message);
    print(pkg.add === add, pkg.Counter === Counter, ctl === wbhost.bindings.of(pkg));
    print(add(2, 3), ctl.generation, events.join());
    try { old.inc(); } catch (e) { print(e.name, /Counter/.test(e.message), /generation 1/.test(e.message), /generation 2/.test(e.message)); }
    old.free();
    const fresh = new Counter();
    print(fresh instanceof Counter, old instanceof Counter, fresh.inc());
    off();
    try { pkg.fail(); } catch (e) {}
    print(events.length, ctl.generation, JSON.stringify(ctl.stats));
  )");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out,
            "WasmAbortError trap 1 unreachable\ntrue true true\n5 2 trap@1\n"
            "StaleObjectError true true true\ntrue true 1\n1 3 "
            "{\"calls\":7,\"panics\":0,\"aborts\":2,\"resets\":0}\n");
}

TEST(RecoveryTest, OtherBindingsAreUntouchedAndResetWorks) {
  auto r = Script("const a = wbhost.bindings.load('" + CallsPackage() + "');\n" +
                  "const b = wbhost.bindings.load('" + BigPackage() + "');\n" + R"(
    const counter = new b.Counter();
    counter.inc(); counter.inc();
    for (let i = 0; i < 5; i++) { try { a.fail(); } catch (e) {} }
    print(wbhost.bindings.of(a).generation, wbhost.bindings.of(b).generation, counter.inc());
    wbhost.bindings.of(b).reset();
    print(wbhost.bindings.of(b).generation, JSON.stringify(wbhost.bindings.of(b).stats));
    try { counter.inc(); } catch (e) { print(e.name); }
  )");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out,
            "6 1 3\n2 {\"calls\":4,\"panics\":0,\"aborts\":0,\"resets\":1}\nStaleObjectError\n");
}

TEST(RecoveryTest, TraceRecoveryPrintsALinePerAbort) {
  auto r = Script("const a = wbhost.bindings.load('" + CallsPackage() + "');\n" +
                      "try { a.fail(); } catch (e) {} print(a.add(1, 1));",
                  {"--trace-recovery"});
  EXPECT_EQ(r.out, "2\n");
  EXPECT_NE(r.err.find("wbhost: recovery: binding name=calls target=nodejs glue="),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("wbhost: recovery: instantiate binding=calls generation=1 wasm=bytes ("),
            std::string::npos)
      << r.err;
  // pages: the dead memory's size (a trap's probe of the memory may grow it).
  EXPECT_NE(r.err.find("wbhost: recovery: abort binding=calls kind=trap generation=1 pages="),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(" recovered=2 via=instantiate restored=initial ms="), std::string::npos)
      << r.err;
}

// An abort in the glue's FinalizationRegistry cleanup (a Label's free traps)
// or in its microtask polling an async export has no caller to throw to:
// the binding recovers, the host says so on stderr, and the program goes on
// with exit code 0. An abort in a call the program made from a microtask is
// the program's uncaught error.
TEST(RecoveryTest, AbortWithNoCallerIsANoticeAndTheProgramGoesOn) {
  const std::string textkit = OutDir() + "/gen/js-tests/packages/textkit/textkit.js";
  auto r = Script("const kit = wbhost.bindings.load('" + textkit +
                      "'); kit.initSync();\n"
                      "const binding = wbhost.bindings.of(kit);\n"
                      "(function () { kit.make_label('poison'); })();  // its free() traps\n"
                      "let n = 0;\n"
                      "(function tick() {\n"
                      "  gc();\n"
                      "  if (binding.generation === 1 && n++ < 200) return setTimeout(tick, 1);\n"
                      "  print(binding.generation, binding.state, kit.shout('on'));\n"
                      "})();\n",
                  {"--expose-gc"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "2 live ON\n") << r.err;
  EXPECT_NE(r.err.find("wbhost: an abort had no caller to throw to (it left a "
                       "FinalizationRegistry cleanup or a microtask of the glue's); the binding "
                       "was recovered:\nWasmAbortError: textkit aborted (trap) in generation 1"),
            std::string::npos)
      << r.err;

  // The glue's microtask polling an async export traps: the promise
  // rejects (the program's caller gets the error there), the notice goes
  // to stderr, nothing to stdout.
  auto p = Script("const kit = wbhost.bindings.load('" + textkit +
                  "'); kit.initSync();\n"
                  "kit.later(-1).then(v => print('value', v), e => print(e.name, e.kind));\n"
                  "setTimeout(() => kit.later(50).then(v => print('next', v)), 1);\n");
  EXPECT_EQ(p.status, 0) << p.out << p.err;
  EXPECT_EQ(p.out, "WasmAbortError trap\nnext 100\n") << p.err;
  EXPECT_NE(p.err.find("wbhost: an abort had no caller to throw to"), std::string::npos) << p.err;

  auto m = Script("const a = wbhost.bindings.load('" + CallsPackage() +
                  "');\n"
                  "queueMicrotask(() => a.fail());\n"
                  "setTimeout(() => print('timer ran'), 0);\n");
  EXPECT_EQ(m.status, 1) << m.out << m.err;
  EXPECT_NE(m.out.find("WasmAbortError: calls aborted (trap)"), std::string::npos) << m.out;
  EXPECT_EQ(m.out.find("\ntimer ran\n"), std::string::npos) << m.out;
}

// --standby: the spare is built in a macrotask after start-up and after
// each recovery, so an abort in the same task as the start (or as the
// previous recovery) makes a generation, and one after a turn of the event
// loop swaps the spare in. Both give the same WasmAbortError.
TEST(RecoveryTest, StandbyIsSwappedInAfterATurnOfTheEventLoop) {
  auto r = Script("const a = wbhost.bindings.load('" + CallsPackage() + "');\n" + R"(
    function caller() { a.fail(); }
    function abort() {
      try { caller(); } catch (e) { return e; }
      throw new Error('no abort');
    }
    const shape = (e) => [e.name, e.kind, e.generation, e.binding, e.cause.constructor.name,
                          Object.keys(e).join(','), /\n    at .*caller/.test(e.stack),
                          e.stack.startsWith('WasmAbortError: ' + e.message + '\n')].join(' ');
    const first = abort();
    print(shape(first), a.add(1, 1));
    setTimeout(() => {
      const second = abort();
      print(shape(second), a.add(2, 2), second !== first, first.generation);
      const third = abort();
      print(shape(third), a.add(3, 3));
      setTimeout(() => { print(shape(abort()), a.add(4, 4)); }, 0);
    }, 0);
  )",
                  {"--standby", "--trace-recovery"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "WasmAbortError trap 1 calls RuntimeError kind,generation,binding,restoredFrom true "
            "true 2\n"
            "WasmAbortError trap 2 calls RuntimeError kind,generation,binding,restoredFrom true "
            "true 4 true 1\n"
            "WasmAbortError trap 3 calls RuntimeError kind,generation,binding,restoredFrom true "
            "true 6\n"
            "WasmAbortError trap 4 calls RuntimeError kind,generation,binding,restoredFrom true "
            "true 8\n");
  std::vector<std::string> via;
  for (size_t at = r.err.find(" via="); at != std::string::npos; at = r.err.find(" via=", at + 1)) {
    via.push_back(r.err.substr(at + 5, r.err.find(' ', at + 5) - at - 5));
  }
  EXPECT_EQ(via, (std::vector<std::string>{"instantiate", "standby", "instantiate", "standby"}))
      << r.err;
}

TEST(RecoveryTest, NoRecoveryGivesTheRawGlue) {
  auto r = Script(std::string("const lz4 = require('") + kLz4 + "');\n" + R"(
    try { lz4.decompress(new Uint8Array([255, 255, 255, 255, 1])); } catch (e) { print(e.name); }
    try { wbhost.bindings.of(lz4); } catch (e) { print(e.name); }
  )",
                  {"--no-recovery"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "RuntimeError\nTypeError\n");
}

}  // namespace
}  // namespace wbhost::testing
