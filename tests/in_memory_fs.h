// A file system in memory for tests of the module resolver (unit tests and
// tests/fuzz/module_resolver_fuzzer): files with contents; folders are
// implied by the files under them.
#ifndef TESTS_IN_MEMORY_FS_H_
#define TESTS_IN_MEMORY_FS_H_

#include <map>
#include <optional>
#include <string>

#include "host/modules/resolver.h"

namespace wbhost {

class InMemoryFs : public FileSystemView {
 public:
  explicit InMemoryFs(std::map<std::string, std::string> files) : files_(std::move(files)) {}

  bool IsFile(const std::string& path) const override { return files_.count(path) > 0; }
  bool IsDirectory(const std::string& path) const override {
    std::string prefix = path + "/";
    for (const auto& [name, unused] : files_) {
      if (name.compare(0, prefix.size(), prefix) == 0)
        return true;
    }
    return false;
  }
  std::optional<std::string> Read(const std::string& path) const override {
    auto it = files_.find(path);
    if (it == files_.end())
      return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace wbhost

#endif  // TESTS_IN_MEMORY_FS_H_
