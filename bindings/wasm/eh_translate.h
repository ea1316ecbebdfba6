// Modern Wasm exception handling (try_table, throw_ref, exnref) turned into
// the legacy form V8 10.2 compiles (try, catch, catch_all, rethrow), with
// the same behaviour, for the shapes toolchains emit:
//   - try_table with catch / catch_all clauses: a try whose handlers branch
//     to the clause's label with the tag's values;
//   - catch_ref / catch_all_ref whose label is a block that the exnref
//     leaves only to be thrown again: `end` then `throw_ref`, or `end`,
//     `local.set $e`, code, `local.get $e`, `throw_ref` (LLVM's landing
//     pads for Rust's destructors). That code moves into the handler and
//     the throw_ref becomes a rethrow, so the exception keeps its identity.
// Function, tag, type and local indices never move; imports, exports and
// custom sections are copied byte for byte; code that throws nothing runs
// the same instructions. exnref elsewhere (a value passed, stored, made
// with ref.null, a signature, a global or a table), which the legacy form
// has no equivalent for, makes the module's translation outline those
// functions' try_tables behind a JS trampoline (eh_outline.h); what even
// that cannot take (a legacy rethrow or delegate crossing the outlined
// body's edge) is an error naming what and where.
#ifndef BINDINGS_WASM_EH_TRANSLATE_H_
#define BINDINGS_WASM_EH_TRANSLATE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace wbhost::bindings::wasm {

struct EhOptions {
  // Every try_table with a catch_ref or catch_all_ref outlined
  // (eh_outline.h), also those the landing translation places: for tests
  // that hold the outlining to the landing translation's results
  // (WBHOST_EH_OUTLINE=all, host/wasm/compile.cc).
  bool outline_all = false;
};

// The translated module. FailedPrecondition when it uses no modern
// exception handling (compile it as it is); InvalidArgument, with what and
// where, for a module it cannot read or a construct it cannot translate.
absl::StatusOr<std::string> TranslateModernEh(std::string_view module,
                                              const EhOptions& options = {});

// Whether TranslateModernEh's output outlined exnref (exnref became
// externref: a module that mixed the two, which is invalid, translates to
// a valid one).
bool TranslatedWithOutlining(std::string_view translated);

// The same translation with exnref as funcref, never run: V8 validates it
// only if the original keeps exnref apart from externref (and the
// translation itself, apart from funcref), which the caller of a
// TranslatedWithOutlining module checks before it compiles.
absl::StatusOr<std::string> ExnRefTypeTwin(std::string_view module, const EhOptions& options = {});

}  // namespace wbhost::bindings::wasm

#endif  // BINDINGS_WASM_EH_TRANSLATE_H_
