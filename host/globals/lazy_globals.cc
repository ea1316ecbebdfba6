// The globals written in JS (host/js/), each a lazy data property: the
// builtin that defines it is compiled the first time a script reads it.
#include "host/globals/globals.h"
#include "host/js_builtins.h"
#include "host/v8_util.h"

namespace wbhost {

void AddLazyGlobals(v8::Isolate* isolate, v8::Local<v8::ObjectTemplate> global) {
  struct Entry {
    const char* global;
    const char* builtin;
    const char* export_name;
  };
  static const Entry kEntries[] = {
      {"console", "console", "console"},
      {"require", "commonjs", "require"},
      {"TextDecoder", "encoding", "TextDecoder"},
      {"TextEncoder", "encoding", "TextEncoder"},
      {"Headers", "fetch", "Headers"},
      {"Response", "fetch", "Response"},
      {"URL", "url", "URL"},
      {"fetch", "fetch", "fetch"},
      {"URLSearchParams", "url", "URLSearchParams"},
      {"atob", "web", "atob"},
      {"btoa", "web", "btoa"},
      {"crypto", "web", "crypto"},
      {"performance", "web", "performance"},
      {"structuredClone", "web", "structuredClone"},
      {"wbhost", "wbhost", "wbhost"},
      // d8's `d8` object (host/d8/).
      {"d8", "d8_object", "d8"},
      // What programs written for node reach for (host/node/).
      {"process", "node_process", "process"},
      {"Buffer", "node_buffer", "Buffer"},
      {"setImmediate", "node_immediate", "setImmediate"},
      {"clearImmediate", "node_immediate", "clearImmediate"},
      {"global", "node_process", "global"},
      {"navigator", "node_os", "navigator"},
      {"DOMException", "node_events", "DOMException"},
      {"Event", "node_events", "Event"},
      {"EventTarget", "node_events", "EventTarget"},
      {"AbortController", "node_events", "AbortController"},
      {"AbortSignal", "node_events", "AbortSignal"},
  };
  for (const Entry& entry : kEntries) {
    SetLazyBuiltinGlobal(isolate, global, entry.global, entry.builtin, entry.export_name);
  }
}

void ReplaceV8Globals(v8::Local<v8::Context> context) {
  // V8 installs a `console` of its own that prints only through an
  // inspector; the host's replaces it, still lazily.
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::Object> global = context->Global();
  v8::Local<v8::String> name = Symbolic(isolate, "console");
  global->Delete(context, name).Check();
  global
      ->SetLazyDataProperty(context, name, LazyBuiltinGetter(), ToV8(isolate, "console:console"),
                            v8::DontEnum)
      .Check();
}

}  // namespace wbhost
