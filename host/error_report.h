// Prints uncaught errors the way d8 does, on the stream d8 uses (stdout), so
// that eshost and test262-harness can drive wbhost as --host-type=d8:
//
//   FILE:LINE: Type: message
//   <the source line>
//   <carets under the failing range>
//   <the error's stack>
#ifndef HOST_ERROR_REPORT_H_
#define HOST_ERROR_REPORT_H_

#include <string>

#include "v8.h"

namespace wbhost {

// Formats an exception and its message (either may be empty) in d8's form.
std::string FormatException(v8::Isolate* isolate,
                            v8::Local<v8::Value> exception,
                            v8::Local<v8::Message> message);

// Prints what a TryCatch caught. Nothing for a termination.
void ReportException(v8::Isolate* isolate, const v8::TryCatch& try_catch);

// Prints an unhandled rejection in the same form, after a first line that
// says it was one.
void ReportUnhandledRejection(v8::Isolate* isolate,
                              v8::Local<v8::Value> reason,
                              v8::Local<v8::Message> message);

// A one-line message from the host itself ("wbhost: ...") on stderr.
void HostError(const std::string& message);

// The private symbol on the prototype of errors that stand for an abort a
// binding recovers from (recovery/js/errors.js puts it on
// WasmAbortError.prototype); its value is a predicate: whether the error
// never reached the program (it left a FinalizationRegistry cleanup or a
// microtask of the glue's, with no caller to throw to).
v8::Local<v8::Private> RecoveredAbortBrand(v8::Isolate* isolate);
bool AbortHadNoCaller(v8::Local<v8::Context> context, v8::Local<v8::Value> error);

}  // namespace wbhost

#endif  // HOST_ERROR_REPORT_H_
