// Running one REPL input: node's REPL semantics on V8 10.2's public API.
//
// Decisions: top-level let/const/class become vars (V8 10.2 has no public
// REPL mode), so names can be declared again on a later line, at the price
// of const's immutability at the prompt; input with a top-level await is
// wrapped in an async function whose promise the loop runs until it
// settles (a Ctrl-C cancels the wait).
#ifndef HOST_REPL_EVALUATE_H_
#define HOST_REPL_EVALUATE_H_

#include <string>

#include "v8.h"

namespace wbhost {

class Environment;

namespace repl {

struct Result {
  bool ok = false;
  bool incomplete = false;  // more lines to come
  bool interrupted = false;
  v8::Local<v8::Value> value;
  v8::Local<v8::Value> exception;
  v8::Local<v8::Message> message;
};

// Whether `source` so far is an unfinished input (the prompt continues).
bool IsIncomplete(Environment* env, const std::string& source);

Result Evaluate(Environment* env, const std::string& source);

// node's REPL echo of a value (colours on a colour terminal).
std::string Inspect(Environment* env, v8::Local<v8::Value> value);

// "Uncaught " and the error's stack, or the thrown value inspected; sets _error.
void PrintUncaught(Environment* env, const Result& result);

}  // namespace repl
}  // namespace wbhost

#endif  // HOST_REPL_EVALUATE_H_
