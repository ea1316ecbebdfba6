// Module specifier resolution and file: URL conversion on arbitrary
// specifiers, against a small in-memory file system whose package.json
// files come from the input too.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "host/modules/resolver.h"

namespace {

class FuzzFs : public wbhost::FileSystemView {
 public:
  explicit FuzzFs(std::string package_json) {
    files_["/app/node_modules/pkg/package.json"] = std::move(package_json);
    files_["/app/node_modules/pkg/index.js"] = "";
    files_["/app/node_modules/pkg/lib/a.mjs"] = "";
    files_["/app/src/main.mjs"] = "";
    files_["/app/src/b.cjs"] = "";
    files_["/app/package.json"] = "{\"type\":\"module\",\"imports\":{\"#x\":\"./src/b.cjs\"}}";
  }
  bool IsFile(const std::string& path) const override { return files_.count(path) != 0; }
  bool IsDirectory(const std::string& path) const override {
    for (const auto& [name, unused] : files_) {
      if (name.size() > path.size() && name.compare(0, path.size(), path) == 0 &&
          name[path.size()] == '/') {
        return true;
      }
    }
    return false;
  }
  std::optional<std::string> Read(const std::string& path) const override {
    auto it = files_.find(path);
    if (it == files_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace

// Input: specifier, then a NUL, then the package.json of node_modules/pkg.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string specifier = input.substr(0, nul);
  std::string package_json = nul == std::string::npos ? "{}" : input.substr(nul + 1);
  FuzzFs fs(package_json);
  for (auto mode : {wbhost::ResolveMode::kImport, wbhost::ResolveMode::kRequire}) {
    auto resolved = wbhost::ResolveModule(specifier, "/app/src/main.mjs", mode, fs);
    if (resolved.ok()) (void)wbhost::FormatOfFile(resolved->path, fs);
  }
  std::string path = wbhost::FileUrlToPath(specifier);
  std::string url = wbhost::PathToFileUrl(specifier);
  // A path survives the trip through a file: URL.
  if (!specifier.empty() && specifier[0] == '/' &&
      wbhost::FileUrlToPath(url) != specifier) {
    __builtin_trap();
  }
  (void)path;
  return 0;
}
