// What console.js needs from C++: writing to the two streams and whether
// each wants colours.
#include "host/globals/natives.h"
#include "host/output.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

void WriteOut(const v8::FunctionCallbackInfo<v8::Value>& info) {
  WriteStdout(ToStd(info.GetIsolate(), info[0]));
}

void WriteErr(const v8::FunctionCallbackInfo<v8::Value>& info) {
  WriteStderr(ToStd(info.GetIsolate(), info[0]));
}

}  // namespace

void InstallConsoleNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  v8::Isolate* isolate = context->GetIsolate();
  SetMethod(context, natives, "writeStdout", WriteOut);
  SetMethod(context, natives, "writeStderr", WriteErr);
  SetValue(context, natives, "stdoutColors", v8::Boolean::New(isolate, ColorsFor(1)));
  SetValue(context, natives, "stderrColors", v8::Boolean::New(isolate, ColorsFor(2)));
}

}  // namespace wbhost
