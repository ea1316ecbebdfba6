// Process-wide V8 set-up: flags (before V8::Initialize), ICU, the platform.
// Exactly one V8Runtime lives for the life of the process.
#ifndef HOST_V8_RUNTIME_H_
#define HOST_V8_RUNTIME_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "v8-platform.h"

namespace wbhost {

class V8Runtime {
 public:
  // Hands `flags` to V8. InvalidArgument names the first flag V8 did not
  // take; with kWarn (d8's command line) each such flag is a warning on
  // stderr, as d8 gives it, and the run goes on.
  enum class UnknownFlags { kRefuse, kWarn };
  static absl::Status SetFlags(const std::vector<std::string>& flags,
                               UnknownFlags unknown = UnknownFlags::kRefuse);

  // Initialises V8 with a default platform of `worker_threads` threads
  // (0: V8 picks).
  explicit V8Runtime(int worker_threads = 0);
  ~V8Runtime();

  // V8's default platform: what PumpMessageLoop takes. V8 itself runs on
  // a wrapper of it (host/waking_platform.h).
  v8::Platform* platform() const { return platform_.get(); }
  static v8::Platform* current_platform();

 private:
  std::unique_ptr<v8::Platform> platform_;
  std::unique_ptr<v8::Platform> waking_platform_;
};

// V8's flag list (--v8-options).
void PrintV8Options();

}  // namespace wbhost

#endif  // HOST_V8_RUNTIME_H_
