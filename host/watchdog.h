// --timeout: a thread that stops the run when its time is up, through
// Environment::RequestStop (TerminateExecution, then the loop wakes).
#ifndef HOST_WATCHDOG_H_
#define HOST_WATCHDOG_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace wbhost {

class Environment;

class Watchdog {
 public:
  Watchdog(Environment* env, int64_t timeout_ms);
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;
  // Disarms and joins.
  ~Watchdog();

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace wbhost

#endif  // HOST_WATCHDOG_H_
