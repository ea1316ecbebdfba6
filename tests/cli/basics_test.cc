// The binary's command line, exit codes and d8-style error output.
#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

ProcessResult Wbhost(std::vector<std::string> args, const std::string& in = "") {
  args.insert(args.begin(), WbhostPath());
  return RunProcess(args, in);
}

TEST(CliTest, VersionNamesV8) {
  auto r = Wbhost({"--version"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("wbhost "), std::string::npos);
  const char* v8 = std::string(WBHOST_LIBNODE) == "108" ? "V8 10.2." : "V8 13.6.";
  EXPECT_NE(r.out.find(v8), std::string::npos) << r.out;
}

TEST(CliTest, HelpListsOptionsAndExitCodes) {
  auto r = Wbhost({"--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--timeout"), std::string::npos);
  EXPECT_NE(r.out.find("124"), std::string::npos);
}

TEST(CliTest, V8OptionsListsFlags) {
  auto r = Wbhost({"--v8-options"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--expose-gc"), std::string::npos);
}

TEST(CliTest, RunsFileWithArguments) {
  std::string f = WriteFile(TempDir(), "args.js", "print(arguments.join('|'), wbhost.args.length)");
  auto r = Wbhost({f, "a", "--b", "c"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "a|--b|c 3\n");
}

TEST(CliTest, EvalAndPrint) {
  EXPECT_EQ(Wbhost({"-e", "print(6 * 7)"}).out, "42\n");
  auto r = Wbhost({"-p", "'a' + 'b'"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("ab"), std::string::npos);
}

TEST(CliTest, ScriptFromStandardInput) {
  auto r = Wbhost({}, "print('from stdin')");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "from stdin\n");
}

TEST(CliTest, QuitGivesItsCode) {
  auto r = Wbhost({"-e", "print('before'); quit(7); print('after')"});
  EXPECT_EQ(r.status, 7);
  EXPECT_EQ(r.out, "before\n");
}

TEST(CliTest, UncaughtErrorInD8Format) {
  std::string f =
      WriteFile(TempDir(), "throws.js", "var x = 1;\nthrow new TypeError('bad thing');\n");
  auto r = Wbhost({f});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find(f +
                       ":2: TypeError: bad thing\n"
                       "throw new TypeError('bad thing');\n"
                       "^\n"
                       "TypeError: bad thing\n"
                       "    at " +
                       f + ":2:7"),
            std::string::npos)
      << r.out;
}

TEST(CliTest, SyntaxErrorWithCarets) {
  std::string f = WriteFile(TempDir(), "syntax.js", "let a = ;\n");
  auto r = Wbhost({f});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find(f + ":1: SyntaxError: Unexpected token ';'\nlet a = ;\n        ^\n"),
            std::string::npos)
      << r.out;
}

TEST(CliTest, UsageErrors) {
  auto missing = Wbhost({"/nonexistent/file.js"});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("/nonexistent/file.js"), std::string::npos);
  auto dir = Wbhost({TempDir()});
  EXPECT_EQ(dir.status, 2);
  EXPECT_NE(dir.err.find("is a directory"), std::string::npos);
  auto unknown = Wbhost({"-z"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("unknown option '-z'"), std::string::npos);
  auto not_v8 = Wbhost({"--no-such-flag-anywhere", "-e", "1"});
  EXPECT_EQ(not_v8.status, 2);
  auto bad_value = Wbhost({"--timeout=soon", "-e", "1"});
  EXPECT_EQ(bad_value.status, 2);
  // Each is one line.
  EXPECT_EQ(std::count(unknown.err.begin(), unknown.err.end(), '\n'), 1);
}

TEST(CliTest, V8FlagsReachV8) {
  auto r = Wbhost({"--expose-gc", "-e", "print(typeof gc)"});
  EXPECT_EQ(r.out, "function\n");
}

// The flag later V8s guarded modern exception handling with, still written
// in test files: accepted, next to a flag V8 10.2 knows, and changes nothing.
TEST(CliTest, ExnRefFlagIsAccepted) {
  auto r = Wbhost({"--experimental-wasm-exnref", "--expose-gc", "-e", "print(typeof gc)"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "function\n");
  EXPECT_EQ(Wbhost({"--experimental-wasm-exnref", "-e", "print(1)"}).out, "1\n");
}

TEST(CliTest, TimeoutTerminatesEndlessLoop) {
  auto r = Wbhost({"--timeout=300", "-e", "print('start'); while (true) {}"});
  EXPECT_EQ(r.status, 124);
  EXPECT_EQ(r.out, "start\n");
  EXPECT_NE(r.err.find("timeout"), std::string::npos);
}

TEST(CliTest, TimeoutTerminatesEndlessTimers) {
  auto r = Wbhost({"--timeout=300", "-e", "setInterval(() => {}, 10)"});
  EXPECT_EQ(r.status, 124);
}

TEST(CliTest, MaxHeapEndsCleanly) {
  auto r = Wbhost({"--max-heap=24", "-e", "const a = []; while (true) a.push({v: [1, 2, 3]});"});
  EXPECT_EQ(r.status, 125) << r.err;
  EXPECT_NE(r.err.find("out of memory"), std::string::npos);
  EXPECT_FALSE(r.signaled);
}

TEST(CliTest, InfiniteRecursionIsRangeError) {
  auto r = Wbhost({"-e", "function f() { return f() + 1 } f()"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("RangeError: Maximum call stack size exceeded"), std::string::npos);
}

TEST(CliTest, BinaryGarbageIsSyntaxError) {
  std::string f = WriteFile(TempDir(), "garbage.js",
                            std::string("\x7f"
                                        "ELF\x02\x01\x01\x00\xff\xfe",
                                        10));
  auto r = Wbhost({f});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("SyntaxError"), std::string::npos);
}

TEST(CliTest, InvalidUtf8ReadsAsReplacementCharacters) {
  // As node: bytes that are not UTF-8 become U+FFFD; the script still runs.
  std::string f = WriteFile(TempDir(), "latin1.js", "print('caf\xe9'.length, 'ok')");
  auto r = Wbhost({f});
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "4 ok\n");
}

TEST(CliTest, InvalidWasmIsCompileError) {
  auto r = Wbhost({"-e", "new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 9]))"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("CompileError"), std::string::npos);
}

TEST(CliTest, UnhandledRejectionExitsOne) {
  auto r = Wbhost({"-e", "Promise.reject(new Error('nope'))"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("Error: nope"), std::string::npos);
}

// Errors V8 reports itself (no TryCatch of the host's around them) are
// uncaught errors as node has them: printed with their stack, exit code 1,
// nothing after them runs.
TEST(CliTest, ErrorInAMicrotaskCallbackIsUncaught) {
  auto r = Wbhost({"-e",
                   "queueMicrotask(() => { throw new Error('in microtask'); });"
                   "setTimeout(() => print('timer ran'), 0); print('script ran')"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_EQ(r.out.find("script ran\n"), 0u) << r.out;
  EXPECT_NE(r.out.find("Error: in microtask\n    at "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\ntimer ran\n"), std::string::npos) << r.out;
}

TEST(CliTest, ErrorInAFinalizationRegistryCleanupIsUncaught) {
  auto r = Wbhost({"--expose-gc", "-e",
                   "const r = new FinalizationRegistry(() => { throw new Error('in cleanup'); });"
                   "(function () { r.register({}, 1); })();"
                   "let n = 0;"
                   "(function tick() { gc(); if (n++ < 200) setTimeout(tick, 1); "
                   "else print('never collected'); })();"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("Error: in cleanup\n    at "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\nnever collected\n"), std::string::npos) << r.out;
}

TEST(CliTest, RejectionHandledLaterInSameTickIsRetracted) {
  auto r = Wbhost({"-e",
                   "const p = Promise.reject(1);"
                   "Promise.resolve().then(() => p.catch(() => print('caught')))"});
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "caught\n");
}

TEST(CliTest, TimersRunInDeadlineOrder) {
  auto r = Wbhost({"-e",
                   "setTimeout(() => print('c'), 30);"
                   "setTimeout(() => print('a'), 0);"
                   "setTimeout(() => print('b'), 0);"
                   "const i = setInterval(() => { print('i'); clearInterval(i) }, 5);"
                   "queueMicrotask(() => print('micro'));"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "micro\na\nb\ni\nc\n");
}

TEST(CliTest, ClearedTimerNeverFires) {
  auto r = Wbhost({"-e", "const t = setTimeout(() => print('no'), 5); clearTimeout(t);"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "");
}

TEST(CliTest, AsyncWasmInstantiateSettles) {
  auto r = Wbhost({"-e",
                   "const b = new Uint8Array([0,97,115,109,1,0,0,0]);"
                   "WebAssembly.instantiate(b).then(r => print(typeof r.instance))"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "object\n");
}

TEST(CliTest, D8ReadFunctions) {
  std::string dir = TempDir();
  std::string data = WriteFile(dir, "data.txt", "héllo\nworld\n");
  std::string f = WriteFile(dir, "read.js",
                            "print(read(arguments[0]).length);"
                            "print(readbuffer(arguments[0]).byteLength);"
                            "print(readline()); print(readline()); print(readline());");
  auto r = RunProcess({WbhostPath(), f, data}, "line one\nline two\n");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "12\n13\nline one\nline two\nundefined\n");
}

TEST(CliTest, HostConsoleReplacesV8s) {
  // V8's own console prints nothing without an inspector.
  auto r = Wbhost({"-e", "console.log('out', 1); console.error('err')"});
  EXPECT_EQ(r.out, "out 1\n");
  EXPECT_EQ(r.err, "err\n");
}

TEST(CliTest, WriteAndPrintErr) {
  auto r = Wbhost({"-e", "write('a'); write('b'); printErr('to err')"});
  EXPECT_EQ(r.out, "ab");
  EXPECT_EQ(r.err, "to err\n");
}

TEST(CliTest, LoadRunsScriptInCurrentContext) {
  std::string dir = TempDir();
  WriteFile(dir, "lib.js", "var fromLib = 41;");
  std::string f = WriteFile(dir, "main.js", "load(arguments[0] + '/lib.js'); print(fromLib + 1)");
  auto r = RunProcess({WbhostPath(), f, dir});
  EXPECT_EQ(r.out, "42\n");
}

TEST(CliTest, RealmsAreSeparateGlobals) {
  auto r = Wbhost({"-e",
                   "const i = Realm.createAllowCrossRealmAccess();"
                   "Realm.eval(i, 'var x = 5');"
                   "print(Realm.global(i).x, typeof x, Realm.current(), i,"
                   " Realm.global(i).Array === Array,"
                   " Realm.owner(Realm.global(i)) === i)"});
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "5 undefined 0 1 false true\n");
}

}  // namespace
}  // namespace wbhost::testing
