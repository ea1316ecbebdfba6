// Installers of the C++ functions that host JS builtins receive as
// `natives`. One per builtin that needs any; natives.cc maps names to them.
#ifndef HOST_GLOBALS_NATIVES_H_
#define HOST_GLOBALS_NATIVES_H_

#include "v8.h"

namespace wbhost {

using NativesInstaller = void (*)(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);

void InstallConsoleNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);
void InstallCommonJsNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);
void InstallEncodingNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);
void InstallFetchNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);
void InstallInspectNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);
void InstallWebNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);
void InstallWbhostNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);

}  // namespace wbhost

#endif  // HOST_GLOBALS_NATIVES_H_
