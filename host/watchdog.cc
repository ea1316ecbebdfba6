#include "host/watchdog.h"

#include <chrono>

#include "host/environment.h"
#include "host/exit_codes.h"

namespace wbhost {

Watchdog::Watchdog(Environment* env, int64_t timeout_ms) {
  thread_ = std::thread([this, env, timeout_ms] {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [this] { return done_; })) {
      env->RequestStop(StopReason::kTimeout, kExitTimeout);
    }
  });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

}  // namespace wbhost
