// no-modules wasm-bindgen glue given as a string, to eval or new Function,
// or as a script to d8's load(): the host's source hook
// (host/modules/package_hook.h). The text runs as written but for one
// call: the `Object.assign(__wbg_init, ...)` that makes the glue's global
// (wasm_bindgen) becomes wbhost's, which answers with the binding's stable
// object instead. The binding's generations are wbhost's own evaluations
// of the same text (bindings/js/package.js), so the one the program's eval
// made is never initialised and goes with its garbage.
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "bindings/recognizer.h"
#include "bindings/string_glue.h"
#include "host/environment.h"
#include "host/js_builtins.h"
#include "host/v8_util.h"

namespace wbhost::bindings {

namespace {

constexpr char kHook[] = "globalThis[Symbol.for('wbhost.stringGlue')]";
constexpr size_t kAssignLength = sizeof("Object.assign(") - 1;

// The name of the package: the script's file, or the .wasm its glue names.
std::string FileNameFor(const std::string& name, const GlueInfo* glue) {
  if (!name.empty())
    return name.substr(name.find_last_of('/') + 1);
  if (glue != nullptr && glue->wasm_file.ends_with("_bg.wasm"))
    return glue->wasm_file.substr(0, glue->wasm_file.size() - 8) + ".js";
  return "glue.js";
}

// What the binding's generations evaluate: for new Function, whose text V8
// hands over as `(function anonymous(PARAMS\n) {\nBODY\n})`, the body.
std::string GlueText(const std::string& source) {
  constexpr std::string_view kFunction = "(function anonymous(";
  constexpr std::string_view kOpen = "\n) {\n";
  constexpr std::string_view kClose = "\n})";
  if (!source.starts_with(kFunction) || !source.ends_with(kClose))
    return source;
  size_t open = source.find(kOpen);
  if (open == std::string::npos)
    return source;
  size_t body = open + kOpen.size();
  return source.substr(body, source.size() - kClose.size() - body);
}

}  // namespace

std::optional<std::string> GlueFromString(v8::Local<v8::Context> context,
                                          const std::string& source,
                                          const std::string& name) {
  v8::Isolate* isolate = context->GetIsolate();
  Environment* env = Environment::From(isolate);
  if (env == nullptr || !env->options().recovery)
    return std::nullopt;
  auto glue = RecognizeGlue(FileNameFor(name, nullptr), source);
  if (!glue.ok() || glue->target != GlueTarget::kNoModules ||
      glue->global_assign == std::string::npos) {
    return std::nullopt;
  }
  // bindings/js/entry.js registerStringGlue: the text, kept for the
  // binding's generations; answers the id its call names.
  v8::Local<v8::Object> entry;
  v8::Local<v8::Value> fn, id;
  v8::Local<v8::Value> args[] = {ToV8(isolate, GlueText(source)), ToV8(isolate, name),
                                 ToV8(isolate, FileNameFor(name, &*glue)),
                                 ToV8(isolate, glue->global_name)};
  if (!LoadBuiltin(context, "bindings_entry").ToLocal(&entry) ||
      !entry->Get(context, Symbolic(isolate, "registerStringGlue")).ToLocal(&fn) ||
      !fn->IsFunction() ||
      !fn.As<v8::Function>()->Call(context, v8::Undefined(isolate), 4, args).ToLocal(&id) ||
      !id->IsNumber()) {
    return std::nullopt;
  }
  return absl::StrCat(source.substr(0, glue->global_assign), kHook, ".finish(",
                      static_cast<int64_t>(id.As<v8::Number>()->Value()), ", ",
                      source.substr(glue->global_assign + kAssignLength));
}

}  // namespace wbhost::bindings
