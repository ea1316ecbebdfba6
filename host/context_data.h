// What the host keeps per context: the exports of host JS builtins already
// loaded into it (see js_builtins.h), keyed by builtin name.
#ifndef HOST_CONTEXT_DATA_H_
#define HOST_CONTEXT_DATA_H_

#include <map>
#include <string>

#include "v8.h"

namespace wbhost {

class ContextData {
 public:
  // Embedder data slot; V8 reserves none below this for the embedder.
  static constexpr int kContextSlot = 2;

  static ContextData* From(v8::Local<v8::Context> context) {
    return static_cast<ContextData*>(context->GetAlignedPointerFromEmbedderData(kContextSlot));
  }

  std::map<std::string, v8::Global<v8::Object>>& builtins() { return builtins_; }
  // Per-context host state owned elsewhere (e.g. the bindings layer).
  void* bindings_state = nullptr;
  // The module loader of this context (may be null: scripts only).
  void* module_loader = nullptr;
  // Every .js file this context imports is an ES module (test262's rule),
  // whatever package.json says. A flag here rather than on the loader, so
  // that setting it makes no loader for a context that never imports.
  bool js_always_esm = false;

 private:
  std::map<std::string, v8::Global<v8::Object>> builtins_;
};

}  // namespace wbhost

#endif  // HOST_CONTEXT_DATA_H_
