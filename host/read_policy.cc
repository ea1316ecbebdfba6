#include "host/read_policy.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "host/file_util.h"

namespace wbhost {

namespace {

struct Policy {
  bool restricted = false;
  std::vector<std::string> roots;  // real paths
  std::vector<std::string> shown;  // as given to --allow-read
  std::vector<std::string> files;  // real paths of single files allowed
};

Policy& ThePolicy() {
  static auto* policy = new Policy();
  return *policy;
}

std::optional<std::string> RealPath(const std::string& path) {
  char buffer[PATH_MAX];
  if (realpath(path.c_str(), buffer) == nullptr)
    return std::nullopt;
  return std::string(buffer);
}

bool Under(const std::string& path, const std::string& root) {
  if (path == root)
    return true;
  if (root == "/")
    return true;
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         path[root.size()] == '/';
}

absl::Status Decide(const std::string& real, const std::string& shown) {
  for (const std::string& root : ThePolicy().roots) {
    if (Under(real, root))
      return absl::OkStatus();
  }
  for (const std::string& file : ThePolicy().files) {
    if (real == file)
      return absl::OkStatus();
  }
  std::string via = real == AbsolutePath(shown) ? "" : absl::StrCat(" (", real, ")");
  return absl::PermissionDeniedError(
      absl::StrCat("permission denied: cannot read '", shown, "'", via,
                   ": outside --allow-read=", absl::StrJoin(ThePolicy().shown, ",")));
}

}  // namespace

absl::Status ReadPolicy::Restrict(const std::vector<std::string>& roots) {
  Policy& policy = ThePolicy();
  for (const std::string& root : roots) {
    if (root.empty())
      continue;
    std::optional<std::string> real = RealPath(root);
    if (!real) {
      return absl::InvalidArgumentError(absl::StrCat("--allow-read: '", root, "' does not exist"));
    }
    policy.roots.push_back(*real);
    policy.shown.push_back(root);
  }
  policy.restricted = true;
  return absl::OkStatus();
}

void ReadPolicy::AllowFile(const std::string& path) {
  if (std::optional<std::string> real = RealPath(path))
    ThePolicy().files.push_back(*real);
}

bool ReadPolicy::restricted() {
  return ThePolicy().restricted;
}

absl::Status ReadPolicy::CheckOpenFile(int fd, const std::string& shown) {
  if (!restricted())
    return absl::OkStatus();
  // The file actually opened, whatever links led there.
  std::optional<std::string> real = RealPath(absl::StrCat("/proc/self/fd/", fd));
  if (!real) {
    return absl::PermissionDeniedError(
        absl::StrCat("permission denied: cannot tell where '", shown, "' leads"));
  }
  return Decide(*real, shown);
}

absl::Status ReadPolicy::CheckPath(const std::string& path) {
  if (!restricted())
    return absl::OkStatus();
  // Resolve the longest prefix that exists; what follows is lexical (no
  // links can hide in parts that do not exist).
  std::string absolute = AbsolutePath(path);
  std::string head = absolute;
  std::string tail;
  while (true) {
    if (std::optional<std::string> real = RealPath(head)) {
      std::string whole = tail.empty() ? *real : absl::StrCat(*real == "/" ? "" : *real, tail);
      return Decide(whole, path);
    }
    size_t slash = head.find_last_of('/');
    if (slash == std::string::npos || head == "/")
      return Decide(absolute, path);
    tail = absl::StrCat(head.substr(slash), tail);
    head = slash == 0 ? "/" : head.substr(0, slash);
  }
}

}  // namespace wbhost
