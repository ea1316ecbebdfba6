// The host side of a test262 run: each test's fresh context with `$262`
// (createRealm, evalScript, detachArrayBuffer, gc, global, IsHTMLDDA) and a
// `print` whose output the runner reads (async tests report through it).
#ifndef HOST_TEST262_HOST262_H_
#define HOST_TEST262_HOST262_H_

#include <string>

#include "v8.h"

namespace wbhost {
class Environment;
}

namespace wbhost::test262 {

// A new context for one test: host globals, `$262`, and `print` appending
// to `*printed` (which must outlive the context's use).
v8::MaybeLocal<v8::Context> NewTestContext(Environment* env, std::string* printed);

}  // namespace wbhost::test262

#endif  // HOST_TEST262_HOST262_H_
