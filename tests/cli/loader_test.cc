// How the build's binaries find their libraries. V8 13.6's build links
// against this machine's older libc with --allow-shlib-undefined, which
// would hide a missing symbol until its first call: every binary must bind
// every symbol when started with LD_BIND_NOW. glibc's libraries must all
// come from the loader's own folder (a newer libc with an older libm, or
// the reverse, fails in ways that look like anything else), and the loader
// and the libraries must be this checkout's, so that two checkouts at two
// paths share nothing.
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

namespace fs = std::filesystem;

std::string OutDir() {
  return fs::path(WbhostPath()).parent_path().string();
}

// The loader's trace of what a binary loads: name -> path, the loader as
// "(loader)".
std::map<std::string, std::string> LoadedLibraries(const std::string& binary) {
  ProcessResult r = RunProcess({binary}, "", {"LD_TRACE_LOADED_OBJECTS=1"});
  EXPECT_EQ(r.status, 0) << r.err;
  std::map<std::string, std::string> libraries;
  std::istringstream lines(r.out);
  std::string line;
  static const std::regex kMapped(R"(^\s*(\S+) => (\S+) \(0x[0-9a-f]+\)$)");
  static const std::regex kLoader(R"(^\s*(/\S*ld-linux[^ ]*) \(0x[0-9a-f]+\)$)");
  static const std::regex kMissing(R"(^\s*(\S+) => not found$)");
  std::smatch m;
  while (std::getline(lines, line)) {
    if (std::regex_match(line, m, kMapped)) {
      libraries[m[1]] = m[2];
    } else if (std::regex_match(line, m, kLoader)) {
      libraries["(loader)"] = m[1];
    } else if (std::regex_match(line, m, kMissing)) {
      ADD_FAILURE() << binary << ": " << m[1] << " not found";
    }
  }
  return libraries;
}

std::string RealFolder(const std::string& path) {
  return fs::canonical(path).parent_path().string();
}

bool IsGlibcLibrary(const std::string& name) {
  static const std::regex kGlibc(
      R"(^(libc|libm|libmvec|libpthread|libdl|librt|libresolv|libutil|libanl|libnss_\w+)\.so\.\d+$)");
  return std::regex_match(name, kGlibc);
}

const char* const kBinaries[] = {"wbhost", "unittests", "clitests", "repltests"};

TEST(LoaderTest, EveryBinaryBindsEverySymbolAtStart) {
  for (const char* name : kBinaries) {
    std::string binary = OutDir() + "/" + name;
    std::vector<std::string> argv = {binary};
    if (std::string(name) == "wbhost") {
      argv.insert(argv.end(), {"-e", "print(typeof WebAssembly)"});
    } else {
      argv.push_back("--gtest_list_tests");
    }
    ProcessResult r = RunProcess(argv, "", {"LD_BIND_NOW=1"});
    EXPECT_EQ(r.status, 0) << name << ": " << r.err;
    EXPECT_EQ(r.err.find("symbol lookup error"), std::string::npos) << name << ": " << r.err;
    EXPECT_EQ(r.err.find("undefined symbol"), std::string::npos) << name << ": " << r.err;
  }
}

TEST(LoaderTest, GlibcComesFromTheLoadersFolder) {
  for (const char* name : kBinaries) {
    auto libraries = LoadedLibraries(OutDir() + "/" + name);
    ASSERT_TRUE(libraries.count("(loader)")) << name;
    ASSERT_TRUE(libraries.count("libc.so.6")) << name;
    std::string folder = RealFolder(libraries["(loader)"]);
    for (const auto& [library, path] : libraries) {
      if (IsGlibcLibrary(library)) {
        EXPECT_EQ(RealFolder(path), folder) << name << ": " << library << " from " << path;
      }
    }
  }
}

TEST(LoaderTest, LibnodeAndItsRuntimeAreThisCheckouts) {
  const std::string third_party = fs::canonical(WBHOST_SOURCE_ROOT "/third_party").string();
  auto libraries = LoadedLibraries(WbhostPath());
  std::string libnode;
  for (const auto& [library, path] : libraries) {
    if (library.rfind("libnode.so.", 0) == 0)
      libnode = path;
  }
  ASSERT_FALSE(libnode.empty());
  EXPECT_EQ(RealFolder(libnode).rfind(third_party + "/", 0), 0u) << libnode;
  if (std::string(WBHOST_LIBNODE) == "108")
    return;  // V8 10.2 runs on this machine's own libc
  // A sysroot build: the loader, libc, libstdc++ and libgcc_s are the
  // sysroot's, beside libnode.
  for (const char* library : {"(loader)", "libc.so.6", "libstdc++.so.6", "libgcc_s.so.1"}) {
    ASSERT_TRUE(libraries.count(library)) << library;
    EXPECT_EQ(RealFolder(libraries[library]), RealFolder(libnode))
        << library << " from " << libraries[library];
  }
}

// The newer libc must not load this machine's iconv modules (built for its
// older libc): wbhost points GCONV_PATH at the sysroot's before any script.
TEST(LoaderTest, IconvModulesAreTheSysroots) {
  if (std::string(WBHOST_LIBNODE) == "108")
    GTEST_SKIP() << "V8 10.2 runs on this machine's own libc";
  ProcessResult r = RunProcess({WbhostPath(), "-e", "print(process.env.GCONV_PATH)"});
  EXPECT_EQ(r.status, 0) << r.err;
  ASSERT_FALSE(r.out.empty());
  auto libraries = LoadedLibraries(WbhostPath());
  std::string gconv = r.out.substr(0, r.out.size() - 1);
  EXPECT_EQ(fs::canonical(gconv).string(), RealFolder(libraries["libc.so.6"]) + "/gconv");
}

}  // namespace
}  // namespace wbhost::testing
