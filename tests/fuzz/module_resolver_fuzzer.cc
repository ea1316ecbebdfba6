// Module specifier resolution and file: URL conversion on arbitrary
// specifiers, against a small in-memory file system whose package.json
// files come from the input too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "host/modules/resolver.h"
#include "tests/in_memory_fs.h"

// Input: specifier, then a NUL, then the package.json of node_modules/pkg.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string specifier = input.substr(0, nul);
  std::string package_json = nul == std::string::npos ? "{}" : input.substr(nul + 1);
  wbhost::InMemoryFs fs({
      {"/app/node_modules/pkg/package.json", package_json},
      {"/app/node_modules/pkg/index.js", ""},
      {"/app/node_modules/pkg/lib/a.mjs", ""},
      {"/app/src/main.mjs", ""},
      {"/app/src/b.cjs", ""},
      {"/app/package.json", R"({"type":"module","imports":{"#x":"./src/b.cjs"}})"},
  });
  for (auto mode : {wbhost::ResolveMode::kImport, wbhost::ResolveMode::kRequire}) {
    auto resolved = wbhost::ResolveModule(specifier, "/app/src/main.mjs", mode, fs);
    if (resolved.ok())
      (void)wbhost::FormatOfFile(resolved->path, fs);
  }
  std::string path = wbhost::FileUrlToPath(specifier);
  std::string url = wbhost::PathToFileUrl(specifier);
  // A path survives the trip through a file: URL.
  if (!specifier.empty() && specifier[0] == '/' && wbhost::FileUrlToPath(url) != specifier) {
    __builtin_trap();
  }
  (void)path;
  return 0;
}
