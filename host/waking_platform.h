// The platform V8 runs on: V8's default platform, except that a task
// posted to an isolate's foreground runner also wakes that isolate's
// EventLoop. Without it a loop asleep on its own condition variable would
// not see a task V8 posts from another thread: the resolution of an
// Atomics.waitAsync notified by a worker, say.
//
// Invariants:
// - Everything but the foreground runners' Post*Task is the default
//   platform's own; tasks still run only through PumpMessageLoop on the
//   default platform (V8Runtime::platform()).
// - A loop is registered from its construction to its destruction; a wake
//   for an isolate without one is dropped.
#ifndef HOST_WAKING_PLATFORM_H_
#define HOST_WAKING_PLATFORM_H_

#include <memory>

#include "v8-platform.h"

namespace wbhost {

class EventLoop;

// Wraps `inner`, which must outlive the result.
std::unique_ptr<v8::Platform> NewWakingPlatform(v8::Platform* inner);

// Which loop to wake for `isolate`; null unregisters.
void SetLoopToWake(v8::Isolate* isolate, EventLoop* loop);

}  // namespace wbhost

#endif  // HOST_WAKING_PLATFORM_H_
