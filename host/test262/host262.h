// The host side of a test262 run: each test's fresh context with `$262`
// (createRealm, evalScript, detachArrayBuffer, gc, global, IsHTMLDDA, agent)
// and a `print` whose output the runner reads (async tests report through
// it).
#ifndef HOST_TEST262_HOST262_H_
#define HOST_TEST262_HOST262_H_

#include <string>

#include "v8.h"

namespace wbhost {
class Environment;
}

namespace wbhost::test262 {

class AgentGroup;

// What a test's contexts report to; must outlive their use.
struct TestHooks {
  std::string* printed;  // print() appends here
  AgentGroup* agents;    // $262.agent; null leaves it out
};

// A new context for one test: host globals, `$262` and `print`.
v8::MaybeLocal<v8::Context> NewTestContext(Environment* env, TestHooks* hooks);

}  // namespace wbhost::test262

#endif  // HOST_TEST262_HOST262_H_
