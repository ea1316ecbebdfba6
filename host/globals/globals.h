// The host's global object. Each Add* function puts one family of globals on
// the template; host/context_factory.cc calls them in order.
#ifndef HOST_GLOBALS_GLOBALS_H_
#define HOST_GLOBALS_GLOBALS_H_

#include "v8.h"

namespace wbhost {

// print, printErr, write, read, readbuffer, readline, load, quit, version.
void AddD8Globals(v8::Isolate* isolate, v8::Local<v8::ObjectTemplate> global);
// Realm (d8's realm API, used by eshost for $262.createRealm).
void AddRealmGlobal(v8::Isolate* isolate, v8::Local<v8::ObjectTemplate> global);
// setTimeout, setInterval, clearTimeout, clearInterval, queueMicrotask.
void AddTimerGlobals(v8::Isolate* isolate, v8::Local<v8::ObjectTemplate> global);
// Worker (d8's: a script in a new isolate on its own thread).
void AddWorkerGlobal(v8::Isolate* isolate, v8::Local<v8::ObjectTemplate> global);
// Globals written in JS, made on first use (console, TextEncoder, URL, ...).
void AddLazyGlobals(v8::Isolate* isolate, v8::Local<v8::ObjectTemplate> global);
// WebAssembly.compileStreaming/instantiateStreaming (an isolate callback).
void InstallWasmStreaming(v8::Isolate* isolate);
// Replaces globals V8 itself installs (console) by the host's, once the
// context exists.
void ReplaceV8Globals(v8::Local<v8::Context> context);

}  // namespace wbhost

#endif  // HOST_GLOBALS_GLOBALS_H_
