// The globals written in JS (host/js/), each a lazy data property: the
// builtin that defines it is compiled the first time a script reads it.
#include "host/globals/globals.h"
#include "host/js_builtins.h"

namespace wbhost {

void AddLazyGlobals(v8::Isolate* isolate, v8::Local<v8::ObjectTemplate> global) {
  struct Entry {
    const char* global;
    const char* builtin;
    const char* export_name;
  };
  static const Entry kEntries[] = {
      {"console", "console", "console"},
      {"wbhost", "wbhost", "wbhost"},
  };
  for (const Entry& entry : kEntries) {
    SetLazyBuiltinGlobal(isolate, global, entry.global, entry.builtin,
                         entry.export_name);
  }
}

}  // namespace wbhost
