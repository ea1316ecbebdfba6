#include "host/file_util.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "host/read_policy.h"

namespace wbhost {

absl::StatusOr<std::string> ReadFileBytes(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    std::string message = absl::StrCat("cannot read '", path, "': ", strerror(err));
    if (err == ENOENT)
      return absl::NotFoundError(message);
    if (err == EACCES)
      return absl::PermissionDeniedError(message);
    return absl::UnknownError(message);
  }
  if (absl::Status allowed = ReadPolicy::CheckOpenFile(fd, path); !allowed.ok()) {
    close(fd);
    return allowed;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    return absl::FailedPreconditionError(absl::StrCat("cannot read '", path, "': is a directory"));
  }
  std::string data;
  if (st.st_size > 0)
    data.reserve(static_cast<size_t>(st.st_size));
  char buffer[65536];
  while (true) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      int err = errno;
      close(fd);
      return absl::UnknownError(absl::StrCat("cannot read '", path, "': ", strerror(err)));
    }
    if (n == 0)
      break;
    data.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return data;
}

absl::Status CheckReadableFile(const std::string& path) {
  if (absl::Status allowed = ReadPolicy::CheckPath(path); !allowed.ok())
    return allowed;
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    int err = errno;
    std::string message = absl::StrCat("cannot read '", path, "': ", strerror(err));
    return err == ENOENT ? absl::NotFoundError(message) : absl::UnknownError(message);
  }
  if (S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat("cannot read '", path, "': is a directory"));
  }
  if (access(path.c_str(), R_OK) != 0) {
    return absl::PermissionDeniedError(absl::StrCat("cannot read '", path, "': ", strerror(errno)));
  }
  return absl::OkStatus();
}

std::string AbsolutePath(const std::string& path) {
  std::string full = path;
  if (full.empty() || full[0] != '/') {
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd) != nullptr)
      full = absl::StrCat(cwd, "/", path);
  }
  std::vector<absl::string_view> parts;
  for (absl::string_view part : absl::StrSplit(full, '/', absl::SkipEmpty())) {
    if (part == ".")
      continue;
    if (part == "..") {
      if (!parts.empty())
        parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string result;
  for (absl::string_view part : parts)
    absl::StrAppend(&result, "/", part);
  return result.empty() ? "/" : result;
}

bool IsValidUtf8(std::string_view bytes) {
  size_t i = 0;
  const size_t n = bytes.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra;
    uint32_t min;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      extra = 1, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, min = 0x10000, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<size_t>(extra) >= n)
      return false;
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(bytes[i + k]);
      if ((cc & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += static_cast<size_t>(extra) + 1;
  }
  return true;
}

}  // namespace wbhost
