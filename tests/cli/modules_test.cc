// ES modules, CommonJS, JSON and .wasm modules through the real binary.
#include <filesystem>

#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

// Import attributes are `with` on V8 13.6, `assert` on 10.2.
std::string Attributes() {
  return std::string(WBHOST_LIBNODE) == "108" ? "assert" : "with";
}

// The add.wasm the build makes from examples/hello-wasm/add.wat.
std::string AddWasm() {
  const char* out = getenv("WBHOST_OUT");
  std::string dir = out ? out : "out";
  return dir + "/gen/examples/hello-wasm/add.wasm";
}

std::string Tree(const std::string& name) {
  std::string dir = TempDir() + "/" + name;
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(ModulesTest, ImportsOfEveryKind) {
  std::string dir = Tree("kinds");
  WriteFile(dir, "sub/a.mjs", "export const a = 'A';");
  WriteFile(dir, "data.json", "{\"x\": 5}");
  WriteFile(dir, "node_modules/pkg/package.json",
            R"({"exports": {".": {"import": "./esm.mjs", "require": "./cjs.js"}}})");
  WriteFile(dir, "node_modules/pkg/esm.mjs", "export default 'esm'; export const n = 1;");
  WriteFile(dir, "node_modules/cjs/index.js",
            "exports.hello = 'hi ' + require('path').basename(__filename);");
  std::filesystem::copy_file(AddWasm(), dir + "/add.wasm");
  // import.meta.url is checked against the file's own path.
  std::string main = WriteFile(dir, "main.mjs",
                               "import { a } from './sub/a.mjs';\n"
                               "import data from './data.json' " +
                                   Attributes() +
                                   " { type: 'json' };\n"
                                   "import pkg, { n } from 'pkg';\n"
                                   "import cjs, { hello } from 'cjs';\n"
                                   "import * as wasm from './add.wasm';\n"
                                   "import path from 'node:path';\n"
                                   "print(a, data.x, pkg, n, cjs.hello === hello, hello);\n"
                                   "print(wasm.add(2, 3), path.join('/a', '../b'));\n"
                                   "print(import.meta.url);\n");
  auto r = RunProcess({WbhostPath(), main});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "A 5 esm 1 true hi index.js\n5 /b\nfile://" + main + "\n");
}

TEST(ModulesTest, DynamicImportAndTopLevelAwait) {
  std::string dir = Tree("dynamic");
  WriteFile(dir, "b.mjs", "export const b = await Promise.resolve('B');");
  std::string main = WriteFile(dir, "main.mjs",
                               "const { b } = await import('./b.mjs');\n"
                               "print(b, await new Promise(r => setTimeout(() => r(7), 5)));\n");
  auto r = RunProcess({WbhostPath(), main});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "B 7\n");
  // From a classic script too, relative to the current folder.
  auto e = RunProcess({WbhostPath(), "-e", "import('" + dir + "/b.mjs').then(m => print(m.b))"});
  EXPECT_EQ(e.out, "B\n");
}

// import() evaluates its module in a job of its own, never inside the call
// (which may be another module's evaluation): as the spec, d8 and node do.
TEST(ModulesTest, DynamicImportEvaluatesLater) {
  std::string dir = Tree("dynamic-later");
  WriteFile(dir, "d.mjs", "globalThis.log.push('d evaluated');");
  WriteFile(dir, "a.mjs", "import('./b.mjs'); globalThis.log.push('A');");
  WriteFile(dir, "b.mjs", "globalThis.log.push('B');");
  WriteFile(dir, "c.cjs", "globalThis.log.push('c evaluated');");
  std::string main = WriteFile(dir, "main.mjs",
                               "globalThis.log = [];\n"
                               "const p = import('./d.mjs');\n"
                               "log.push('after import()');\n"
                               "await p;\n"
                               "const q = import('./c.cjs');\n"
                               "log.push('after import() of CommonJS');\n"
                               "await q;\n"
                               "await import('./a.mjs');\n"
                               "await import('./b.mjs');\n"
                               "print(log.join(' | '));\n");
  auto r = RunProcess({WbhostPath(), main});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out,
            "after import() | d evaluated | after import() of CommonJS | c evaluated | A | B\n");
}

TEST(ModulesTest, ModuleFlagAndMjs) {
  auto r = RunProcess({WbhostPath(), "--module", "-e", "print(typeof import.meta.url)"});
  EXPECT_EQ(r.out, "string\n");
  std::string dir = Tree("flag");
  std::string file = WriteFile(dir, "m.js", "export const x = 1; print(import.meta.url);");
  EXPECT_EQ(RunProcess({WbhostPath(), "--module", file}).out, "file://" + file + "\n");
}

TEST(ModulesTest, CommonJsRequire) {
  std::string dir = Tree("cjs");
  WriteFile(dir, "a.js", "exports.a = 1; const b = require('./b.js'); exports.fromB = b.seen;");
  WriteFile(dir, "b.js", "const a = require('./a.js'); exports.seen = a.a;");
  WriteFile(dir, "data.json", "[1, 2]");
  std::string main = WriteFile(dir, "main.js",
                               "const a = require('./a.js');\n"
                               "print(a.fromB, require('./data.json').length,\n"
                               "      require('./a.js') === a, typeof require('fs').readFileSync,\n"
                               "      require('path').dirname(require.resolve('./a.js')) === '" +
                                   dir +
                                   "');\n"
                                   "print(new TextDecoder().decode(require('fs').readFileSync('" +
                                   dir +
                                   "/data.json')));\n"
                                   "try { require('http') } catch (e) { print(e.message) }\n");
  auto r = RunProcess({WbhostPath(), main});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  // The cycle hands b.js the partial exports of a.js, as node does.
  EXPECT_EQ(r.out,
            "1 2 true function true\n[1, 2]\nwbhost: node built-in 'http' is not available\n");
}

TEST(ModulesTest, CircularImportsWork) {
  std::string dir = Tree("cycle");
  WriteFile(dir, "one.mjs", "import { two } from './two.mjs'; export const one = 1; print(two());");
  WriteFile(dir, "two.mjs",
            "import { one } from './one.mjs'; export function two() { return one + 1; }");
  auto r = RunProcess({WbhostPath(), dir + "/one.mjs"});
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "2\n");
}

TEST(ModulesTest, BadImportsAreClearErrors) {
  std::string dir = Tree("bad");
  struct Case {
    std::string main;
    std::string expected;
  };
  WriteFile(dir, "syntax.mjs", "export const x = ;");
  WriteFile(dir, "bad.json", "{bad");
  WriteFile(dir, "bad.wasm", "garbage");
  std::vector<Case> cases = {
      {"import './missing.mjs';",
       "Error: Cannot find module './missing.mjs' imported from " + dir + "/case0.mjs"},
      {"import './syntax.mjs';", dir + "/syntax.mjs:1: SyntaxError: Unexpected token ';'"},
      {"import x from './bad.json' " + Attributes() + " { type: 'json' };", dir + "/bad.json: "},
      {"import './bad.wasm';", "CompileError: " + dir + "/bad.wasm: "},
      {"import x from './bad.json';", "needs an import attribute of type \"json\""},
      {"await Promise.reject(new RangeError('tla'));", "RangeError: tla"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    std::string file = WriteFile(dir, "case" + std::to_string(i) + ".mjs", cases[i].main);
    auto r = RunProcess({WbhostPath(), file});
    EXPECT_EQ(r.status, 1) << cases[i].main << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find(cases[i].expected), std::string::npos) << cases[i].main << "\n" << r.out;
    EXPECT_FALSE(r.signaled);
  }
}

}  // namespace
}  // namespace wbhost::testing
