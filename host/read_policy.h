// --allow-read=DIR[,DIR...]: the folders whose files scripts may read. One
// policy per process, set before any isolate starts and read-only after, so
// worker threads consult it without locks. Every read a script can cause
// (read/readbuffer/load, fetch of file: URLs, require('fs'), module and
// package loading, Worker scripts) goes through ReadFileBytes, which asks
// the policy about the file it actually opened: symlinks and ".." resolve
// before the check, and nothing can swap the file between check and read.
#ifndef HOST_READ_POLICY_H_
#define HOST_READ_POLICY_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace wbhost {

class ReadPolicy {
 public:
  // Restricts reads to `roots` (folders or single files), each resolved to
  // its real path now. InvalidArgument names one that does not exist.
  static absl::Status Restrict(const std::vector<std::string>& roots);

  // Also allows the file at `path` (the script named on the command line).
  static void AllowFile(const std::string& path);

  static bool restricted();

  // OK when the open file `fd` (opened as `shown`) lies under an allowed
  // root; PermissionDenied with a message naming both otherwise.
  static absl::Status CheckOpenFile(int fd, const std::string& shown);

  // The same for a path that may not exist (metadata probes): resolved as
  // far as it exists, the rest taken lexically.
  static absl::Status CheckPath(const std::string& path);
};

}  // namespace wbhost

#endif  // HOST_READ_POLICY_H_
