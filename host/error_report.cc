#include "host/error_report.h"

#include <cstdio>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "host/output.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost {

std::string FormatException(v8::Isolate* isolate,
                            v8::Local<v8::Value> exception,
                            v8::Local<v8::Message> message) {
  v8::HandleScope scope(isolate);
  v8::TryCatch nested(isolate);  // formatting must never throw outward
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::string text = exception.IsEmpty() ? "undefined" : ToStd(isolate, exception);
  std::string stack;
  if (!exception.IsEmpty() && exception->IsObject() && !context.IsEmpty()) {
    v8::Local<v8::Value> value;
    if (exception.As<v8::Object>()->Get(context, Symbolic(isolate, "stack")).ToLocal(&value) &&
        value->IsString()) {
      stack = ToStd(isolate, value);
    }
  }
  v8::Local<v8::Value> resource;
  if (!message.IsEmpty())
    resource = message->GetScriptOrigin().ResourceName();
  std::string out;
  // Thrown from wbhost's own JS (a WasmAbortError on its way out of a
  // binding, a read the policy refused): that line would show wbhost's
  // source, not the program's; the stack shows where the program was.
  const bool thrown_by_host = !stack.empty() && !resource.IsEmpty() && resource->IsString() &&
                              absl::StartsWith(ToStd(isolate, resource), "wbhost:");
  if (message.IsEmpty() || context.IsEmpty() || resource.IsEmpty() || resource->IsUndefined() ||
      thrown_by_host) {
    // Thrown by the host with no script position (a module not found):
    // the error alone, as its stack or its text.
    if (stack.empty())
      absl::StrAppend(&out, text, "\n");
  } else if (message->GetScriptOrigin().Options().IsWasm()) {
    absl::StrAppend(&out, "wasm-function[", message->GetWasmFunctionIndex(),
                    "]:", message->GetStartPosition(), ": ", text, "\n");
  } else {
    std::string file = ToStd(isolate, resource);
    int line = message->GetLineNumber(context).FromMaybe(-1);
    absl::StrAppend(&out, file, ":", line, ": ", text, "\n");
    v8::Local<v8::String> source_line;
    if (message->GetSourceLine(context).ToLocal(&source_line)) {
      absl::StrAppend(&out, ToStd(isolate, source_line), "\n");
      int start = message->GetStartColumn(context).FromMaybe(0);
      int end = message->GetEndColumn(context).FromMaybe(start + 1);
      out.append(static_cast<size_t>(std::max(start, 0)), ' ');
      out.append(static_cast<size_t>(std::max(end - start, 1)), '^');
      out.append("\n");
    }
  }
  if (!stack.empty())
    absl::StrAppend(&out, stack, "\n");
  return out;
}

void ReportException(v8::Isolate* isolate, const v8::TryCatch& try_catch) {
  if (try_catch.HasTerminated())
    return;
  std::string text = FormatException(isolate, try_catch.Exception(), try_catch.Message());
  WriteStdout(text);
  WriteStdout("\n");
  FlushStdout();
}

void ReportUnhandledRejection(v8::Isolate* isolate,
                              v8::Local<v8::Value> reason,
                              v8::Local<v8::Message> message) {
  std::string text = FormatException(isolate, reason, message);
  WriteStdout(absl::StrCat("Unhandled promise rejection: ", text, "\n"));
  FlushStdout();
}

void HostError(const std::string& message) {
  WriteStderr(absl::StrCat("wbhost: ", message, "\n"));
}

v8::Local<v8::Private> RecoveredAbortBrand(v8::Isolate* isolate) {
  return v8::Private::ForApi(isolate, ToV8(isolate, "wbhost:recovered-abort"));
}

bool AbortHadNoCaller(v8::Local<v8::Context> context, v8::Local<v8::Value> error) {
  v8::Isolate* isolate = context->GetIsolate();
  if (!error->IsObject())
    return false;
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Private> brand = RecoveredAbortBrand(isolate);
  v8::Local<v8::Value> proto = v8compat::GetPrototype(error.As<v8::Object>());
  // A few steps up is enough: the brand is on WasmAbortError.prototype.
  for (int depth = 0; depth < 8 && proto->IsObject(); ++depth) {
    v8::Local<v8::Value> predicate;
    if (proto.As<v8::Object>()->GetPrivate(context, brand).ToLocal(&predicate) &&
        predicate->IsFunction()) {
      v8::Local<v8::Value> answer;
      return predicate.As<v8::Function>()
                 ->Call(context, v8::Undefined(isolate), 1, &error)
                 .ToLocal(&answer) &&
             answer->IsTrue();
    }
    proto = v8compat::GetPrototype(proto.As<v8::Object>());
  }
  return false;
}

}  // namespace wbhost
