// Reading files for the host: scripts, modules, read()/readbuffer(), fetch.
#ifndef HOST_FILE_UTIL_H_
#define HOST_FILE_UTIL_H_

#include <string>

#include "absl/status/statusor.h"

namespace wbhost {

// The whole file as bytes. NotFound for a missing file, FailedPrecondition
// for a directory, PermissionDenied or Unknown with errno's text otherwise.
// The message names the path.
absl::StatusOr<std::string> ReadFileBytes(const std::string& path);

// OK when `path` names a regular file (or a device, or a pipe) this process
// may read; the message says why not otherwise.
absl::Status CheckReadableFile(const std::string& path);

// An absolute, lexically normalised path (no "." or ".." parts); relative
// paths are taken from the current directory. Symlinks are not resolved.
std::string AbsolutePath(const std::string& path);

// True when `bytes` is well-formed UTF-8.
bool IsValidUtf8(std::string_view bytes);

}  // namespace wbhost

#endif  // HOST_FILE_UTIL_H_
