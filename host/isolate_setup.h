// Making an isolate the way every part of the host wants it: explicit
// microtask checkpoints, the heap limit of --max-heap with a near-limit
// callback that stops the script cleanly, and the host's callbacks for
// promise rejections, modules and Wasm streaming.
#ifndef HOST_ISOLATE_SETUP_H_
#define HOST_ISOLATE_SETUP_H_

#include <cstdint>
#include <memory>

#include "v8.h"

namespace wbhost {

struct IsolateDeleter {
  void operator()(v8::Isolate* isolate) const;
};
using IsolatePtr = std::unique_ptr<v8::Isolate, IsolateDeleter>;

// A new isolate; `max_heap_mb` 0 keeps V8's default limit.
IsolatePtr NewHostIsolate(int64_t max_heap_mb);

}  // namespace wbhost

#endif  // HOST_ISOLATE_SETUP_H_
