// --allow-read: scripts read under the allowed folders only, by any path
// the shell offers, and every way out (.., symlinks to files and folders,
// module imports, fetch, require('fs'), Workers) fails with a permission
// error.
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

ProcessResult Wbhost(std::vector<std::string> args, const std::string& in = "") {
  args.insert(args.begin(), WbhostPath());
  return RunProcess(args, in);
}

struct Sandbox {
  std::string root = TempDir();
  std::string allowed = root + "/allowed";
  std::string secret = root + "/secret";
  Sandbox() {
    mkdir(allowed.c_str(), 0755);
    mkdir((allowed + "/lib").c_str(), 0755);
    mkdir(secret.c_str(), 0755);
    WriteFile(allowed, "mine.txt", "mine");
    WriteFile(allowed + "/lib", "ok.mjs", "export default 'ok';");
    WriteFile(secret, "s.txt", "top secret");
    WriteFile(secret, "s.mjs", "export default 'secret';");
    WriteFile(secret, "s.cjs", "module.exports = 'secret';");
    WriteFile(secret, "w.js", "postMessage('secret');");
    symlink((secret + "/s.txt").c_str(), (allowed + "/link.txt").c_str());
    symlink(secret.c_str(), (allowed + "/dirlink").c_str());
    symlink("../secret/s.mjs", (allowed + "/rel.mjs").c_str());
  }
};

// Runs `body` (a module under allowed/) with --allow-read=allowed; each
// attempt prints "name: ok VALUE" or "name: denied MESSAGE".
ProcessResult RunIn(const Sandbox& box, const std::string& body) {
  std::string script = WriteFile(box.allowed, "main.mjs", R"(
async function attempt(name, f) {
  try {
    print(name + ': ok ' + JSON.stringify(await f()));
  } catch (e) {
    print(name + ': denied ' + e.message);
  }
}
)" + body);
  return Wbhost({"--allow-read=" + box.allowed, script});
}

TEST(ReadPolicyTest, EveryPathOutIsDenied) {
  Sandbox box;
  const std::string& s = box.secret;
  auto r = RunIn(box, R"(
await attempt('inside', () => read(')" +
                          box.allowed + R"(/mine.txt'));
await attempt('inside-import', async () => (await import('./lib/ok.mjs')).default);
await attempt('read', () => read(')" +
                          s + R"(/s.txt'));
await attempt('dotdot', () => read(')" +
                          box.allowed + R"(/../secret/s.txt'));
await attempt('relative-dotdot', async () => (await import('./lib/../../secret/s.mjs')).default);
await attempt('symlink', () => read(')" +
                          box.allowed + R"(/link.txt'));
await attempt('dir-symlink', () => read(')" +
                          box.allowed + R"(/dirlink/s.txt'));
await attempt('readbuffer', () => readbuffer(')" +
                          s + R"(/s.txt'));
await attempt('load', () => load(')" +
                          s + R"(/s.txt'));
await attempt('import', async () => (await import(')" +
                          s + R"(/s.mjs')).default);
await attempt('import-symlink', async () => (await import('./rel.mjs')).default);
await attempt('fetch', async () => (await fetch('file://)" +
                          s + R"(/s.txt')).text());
await attempt('fs', () => globalThis.require('fs').readFileSync(')" +
                          s + R"(/s.txt', 'utf8'));
await attempt('require', () => globalThis.require(')" +
                          s + R"(/s.cjs'));
await attempt('exists', () => globalThis.require('fs').existsSync(')" +
                          s + R"(/s.txt'));
await attempt('worker', () => new Worker(')" +
                          s + R"(/w.js').getMessage());
)");
  EXPECT_EQ(r.status, 0) << r.err << r.out;
  const std::string& out = r.out;
  EXPECT_NE(out.find("inside: ok \"mine\""), std::string::npos) << out;
  EXPECT_NE(out.find("inside-import: ok \"ok\""), std::string::npos) << out;
  for (const char* name :
       {"read", "dotdot", "relative-dotdot", "symlink", "dir-symlink", "readbuffer", "load",
        "import", "import-symlink", "fetch", "fs", "require", "worker"}) {
    std::string line = std::string(name) + ": denied ";
    size_t at = out.find(line);
    ASSERT_NE(at, std::string::npos) << name << " was not denied:\n" << out;
    std::string rest = out.substr(at, out.find('\n', at) - at);
    EXPECT_NE(rest.find("permission denied"), std::string::npos) << rest;
    EXPECT_NE(rest.find("--allow-read"), std::string::npos) << rest;
  }
  EXPECT_NE(out.find("exists: ok false"), std::string::npos) << out;
  EXPECT_EQ(out.find("secret\""), std::string::npos) << "a secret leaked:\n" << out;
}

TEST(ReadPolicyTest, WithoutTheOptionEverythingIsReadable) {
  Sandbox box;
  auto r = Wbhost({"-e", "print(read('" + box.secret + "/s.txt'))"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "top secret\n");
}

TEST(ReadPolicyTest, TheNamedScriptRunsFromOutside) {
  Sandbox box;
  std::string script =
      WriteFile(box.secret, "run.js", "print('ran'); read('" + box.secret + "/s.txt');");
  auto r = Wbhost({"--allow-read=" + box.allowed, script});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("ran\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("permission denied"), std::string::npos) << r.out;
}

TEST(ReadPolicyTest, SeveralFoldersAndBadValues) {
  Sandbox box;
  auto r = Wbhost({"--allow-read=" + box.allowed + "," + box.secret, "-e",
                   "print(read('" + box.secret + "/s.txt'))"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "top secret\n");
  auto missing = Wbhost({"--allow-read=" + box.root + "/nope", "-e", "1"});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
  auto empty = Wbhost({"--allow-read=", "-e", "1"});
  EXPECT_EQ(empty.status, 2);
  EXPECT_NE(empty.err.find("--allow-read"), std::string::npos) << empty.err;
}

}  // namespace
}  // namespace wbhost::testing
