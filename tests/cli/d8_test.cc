// d8's habits: --d8 runs several files in order in one global scope (a
// V8-style harness, then a test that loads a helper with d8.file.execute),
// failing as d8 fails; and each member of the `d8` object.
#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

const std::string kData = "tests/cli/data/d8/";

ProcessResult D8(std::vector<std::string> args) {
  args.insert(args.begin(), {WbhostPath(), "--d8"});
  return RunProcess(args);
}

ProcessResult Eval(const std::string& code) {
  return RunProcess({WbhostPath(), "-e", code});
}

TEST(D8Test, HarnessThenTestInOneGlobalScope) {
  ProcessResult r = D8({kData + "harness.js", kData + "test.js", "--", "x", "y"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "arguments [\"x\",\"y\"]\ntimer after the files\n");
  // Without "--" d8 gives no arguments; every name is a file.
  ProcessResult none = D8({kData + "harness.js", kData + "test.js"});
  EXPECT_EQ(none.out, "arguments []\ntimer after the files\n") << none.err;
}

// V8's test runner passes d8 --test and flags of its own V8 version: d8
// takes the first and warns of any flag it does not know, then runs.
TEST(D8Test, TestRunnersCommandLine) {
  ProcessResult r = D8(
      {"--test", kData + "harness.js", kData + "test.js", "--no-such-v8-flag", "--random-seed=5"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "arguments []\ntimer after the files\n");
  EXPECT_EQ(r.err, "Warning: unknown flag --no-such-v8-flag.\nTry --help for options\n");
  // Outside d8's command line an unknown flag stays a usage error.
  ProcessResult plain = RunProcess({WbhostPath(), "--no-such-v8-flag", "-e", "1"});
  EXPECT_EQ(plain.status, 2) << plain.err;
}

TEST(D8Test, AFailingFileEndsTheRunAsInD8) {
  ProcessResult r = D8({kData + "harness.js", kData + "fail.js", kData + "after.js"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(
      r.out.rfind(kData + "harness.js:4: Error: Fail: one is two: expected <1> found <2>\n", 0), 0u)
      << r.out;
  EXPECT_NE(r.out.find("at tests/cli/data/d8/fail.js:2:1"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("should not"), std::string::npos) << r.out;
  // d8 still runs what is pending once the files stop.
  EXPECT_NE(r.out.find("timers still run\n"), std::string::npos) << r.out;
  // A missing file is a clear error, not a crash.
  ProcessResult missing = D8({kData + "harness.js", kData + "none.js"});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("none.js"), std::string::npos) << missing.err;
}

TEST(D8Test, FileRead) {
  ProcessResult r = Eval(
      "const f = 'tests/cli/data/d8/helper.js';"
      "print(d8.file.read(f).startsWith('function helperValue'));"
      "const b = d8.file.read(f, 'binary'); print(b instanceof ArrayBuffer, b.byteLength > 10);"
      "try { d8.file.read('tests/cli/data/d8/none.js') } catch (e) { print(e.message) }"
      "try { d8.file.read() } catch (e) { print(e.message) }");
  EXPECT_EQ(r.out,
            "true\ntrue true\nError loading file: tests/cli/data/d8/none.js\n"
            "Error converting filename to string\n")
      << r.err;
}

TEST(D8Test, FileExecute) {
  ProcessResult r = Eval(
      "d8.file.execute('tests/cli/data/d8/harness.js', 'tests/cli/data/d8/helper.js');"
      "print(harnessLoaded, helperValue());"
      "try { d8.file.execute('tests/cli/data/d8/throws.js') } catch (e) { print('caught', "
      "e.message) }"
      "print(beforeThrow);"
      "try { d8.file.execute('tests/cli/data/d8/none.js') } catch (e) { print(e.message) }");
  EXPECT_EQ(r.status, 0) << r.err;
  // d8 prints the executed file's error, then throws its own.
  EXPECT_NE(r.out.find("true 42\ntests/cli/data/d8/throws.js:2: TypeError: thrown in an executed "
                       "file\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("caught Error executing file: \"tests/cli/data/d8/throws.js\"\nset\n"
                       "Error loading file: tests/cli/data/d8/none.js\n"),
            std::string::npos)
      << r.out;
}

TEST(D8Test, PromiseSetHooks) {
  ProcessResult r = Eval(
      "const seen = []; const ids = new Map(); const id = (p) => ids.get(p) ?? (ids.set(p, "
      "ids.size + 1), ids.size);"
      "d8.promise.setHooks((p, parent) => seen.push(`init ${id(p)} ${parent ? id(parent) : '-'}`),"
      " (p) => seen.push(`before ${id(p)}`), (p) => seen.push(`after ${id(p)}`),"
      " (p) => seen.push(`resolve ${id(p)}`));"
      "const a = Promise.resolve(1); const b = a.then(() => {});"
      "b.then(() => { d8.promise.setHooks(); print(seen.join(', ')); });"
      "print(d8.promise.setHooks.length)");
  EXPECT_EQ(r.out,
            "4\ninit 1 -, resolve 1, init 2 1, init 3 2, before 2, resolve 2, after 2, before 3\n")
      << r.err;
}

TEST(D8Test, Serializer) {
  ProcessResult r = Eval(
      "const buffer = d8.serializer.serialize({a: [1, 2n, 'x'], m: new Map([[1, {b: true}]])});"
      "const back = d8.serializer.deserialize(buffer);"
      "print(buffer instanceof ArrayBuffer, back.a[1] === 2n, back.m.get(1).b);"
      "try { d8.serializer.serialize(new SharedArrayBuffer(4)) } catch (e) { print(e.message) }"
      "try { d8.serializer.deserialize('x') } catch (e) { print(e.message) }"
      "try { d8.serializer.deserialize(new Uint8Array([255, 15, 99]).buffer) }"
      " catch (e) { print(e.message) }");
  EXPECT_EQ(r.out,
            "true true true\n#<SharedArrayBuffer> could not be cloned.\n"
            "Can only deserialize from an ArrayBuffer\nUnable to deserialize cloned data.\n")
      << r.err;
}

TEST(D8Test, TerminateEndsTheScript) {
  ProcessResult r = Eval("print('before'); d8.terminate(); print('after')");
  EXPECT_EQ(r.out, "before\n");
  EXPECT_EQ(r.status, 1);
  // In --d8, the files after it do not run either.
  ProcessResult files =
      RunProcess({WbhostPath(), "--d8", "-e", "d8.terminate()", kData + "after.js"});
  EXPECT_EQ(files.out.find("should not"), std::string::npos) << files.out;
}

TEST(D8Test, DomAndTest) {
  ProcessResult r = Eval(
      "const div = new d8.dom.Div(); print(div.nodeType, div instanceof d8.dom.Div);"
      "print(d8.test.installConditionalFeatures(), Object.keys(d8).join())");
  EXPECT_EQ(r.out, "1 true\nundefined file,promise,serializer,terminate,dom,test\n") << r.err;
}

}  // namespace
}  // namespace wbhost::testing
