// exnref as a first-class value, for the functions whose exnref the
// landing translation (eh_function.h) cannot place: the legacy form has no
// exception value, so a try_table with a catch_ref or catch_all_ref clause
// has its body outlined into a function of its own that a JS trampoline
// calls; the trampoline catches what the body lets go, and that value (the
// exception as JS sees it) is the exnref, an externref from then on.
//
// Locals cross between the function and its outlined body through
// "registers", mutable globals the translation appends (one per local of
// a type, shared by every site): each side stores them just before the
// other loads them, with no Wasm code between, so recursion and
// reentrancy cannot clobber them. At the try_table's place the function
//   - stores the try_table's parameters into locals, every local into the
//     registers, and calls the trampoline (a helper table's entry) with
//     the outlined function;
//   - loads every local back, then either
//   - rethrows what the trampoline caught inside a legacy `try` whose
//     handlers are the clauses (the catch_ref ones push the exnref too), or
//   - goes where the body went (the exit register): past the try_table
//     with its results, or to a label outside it, or out of the function,
//     with their values.
// An exception leaving the outlined function stores its locals first and
// calls the `save` helper, so that the trampoline knows Wasm could catch
// it (a trap it lets through) and the handlers see the writes made before
// it. throw_ref throws its exnref through the `throw` helper (after the
// trap for a null one). exnref becomes externref everywhere (the module's
// types are rewritten by the caller).
//
// Internal to the translation (eh_translate.cc).
#ifndef BINDINGS_WASM_EH_OUTLINE_H_
#define BINDINGS_WASM_EH_OUTLINE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bindings/wasm/binary.h"

namespace wbhost::bindings::wasm::eh {

namespace outline {
class BodyOutline;
}  // namespace outline

// A function type, one byte per value type (exnref written as externref).
struct FuncType {
  std::string params, results;
  bool operator==(const FuncType&) const = default;
};

// The helper table's entries, in order (host/wasm/exnref.js supplies them).
enum class Helper : uint8_t {
  kThrow,       // (externref) -> (): throws the exception
  kTrampoline,  // (funcref) -> (externref): calls it; what it threw, or null
  kSave,        // () -> (): an exception is leaving an outlined body
  kCount,
};

class Outliner {
 public:
  // `types`: the module's function types; `functions`, `globals`: its
  // function and global counts (imports included), where outlined
  // functions and registers start; `helper_table`: the index the helper
  // table will have; `exn_type`: what exnref becomes (externref, or
  // funcref for ExnRefTypeTwin's check).
  Outliner(std::vector<FuncType> types,
           uint32_t functions,
           uint32_t globals,
           uint32_t helper_table,
           uint8_t exn_type);

  // The entry (locals, then expression) of function `index` of type
  // `type`, from its original entry, into *out.
  absl::Status Run(uint32_t index, uint32_t type, std::string_view entry, std::string* out);

  // Each tag's type (imports first): what a catch clause gives.
  void set_tags(std::vector<uint32_t> tags) { tags_ = std::move(tags); }

  struct Function {
    uint32_t type;
    std::string entry;
  };
  // The types, the module's first.
  const std::vector<FuncType>& types() const { return types_; }
  // The outlined functions, numbered from `functions`.
  const std::vector<Function>& outlined() const { return outlined_; }
  // Whether a function was outlined or threw through the helpers (then
  // the module needs the table, the registers and exnref.js).
  bool used() const { return used_; }
  // The helpers' types, by Helper.
  const std::vector<uint32_t>& HelperTypes();
  // The registers' types, in global order (the first is the exit's, i32).
  const std::string& registers() const { return registers_; }

 private:
  const uint8_t exn_type_;
  uint32_t TypeIndex(const FuncType& type);
  // The global that carries the k-th local of `type`.
  uint32_t Register(uint8_t type, uint32_t k);

  std::vector<FuncType> types_;
  uint32_t functions_;
  uint32_t globals_;
  uint32_t helper_table_;
  std::vector<uint32_t> tags_;
  std::vector<Function> outlined_;
  bool used_ = false;
  std::vector<uint32_t> helper_types_;  // HelperTypes', once asked
  std::string registers_;
  // Per value type: its registers' globals, in order.
  std::vector<std::pair<uint8_t, std::vector<uint32_t>>> by_type_;
  friend class outline::BodyOutline;
};

// TranslateModernEh (eh_translate.h) for a module some of whose exnref the
// landing translation cannot place: those functions outlined, the others
// translated as there; exnref becomes externref in every type, global,
// table and local. The helper table is defined last and exported as
// `__wbhost_eh_helpers`, a start function is exported as
// `__wbhost_eh_start` instead (it may need the helpers), and the custom
// section `__wbhost_eh` holds the module whose exports fill the table
// (host/wasm/exnref.js does both). With `outline_all`, every function goes
// through the outlining (EhOptions); `exn_type` is what exnref becomes
// (0x6f, externref; 0x70, funcref, for ExnRefTypeTwin).
absl::StatusOr<std::string> TranslateWithOutlining(std::string_view module,
                                                   bool outline_all = false,
                                                   uint8_t exn_type = 0x6f);

struct ModuleInfo;

// A type section's body of these types.
void AppendFuncTypes(std::string* out, const std::vector<FuncType>& types);

// The helper module: each helper table entry's function (Helper order),
// imported from JS ("h" "throw" / "trampoline" / "save") and exported as
// its entry's index.
std::string HelperModule(Outliner& outliner);

// The registers' global entries: mutable, zero or null.
std::string RegisterGlobals(const std::string& registers);

// Which imports and exports carry exnref, which JS may not touch (the JS
// API's TypeError) and which only Wasm may give: JSON for exnref.js,
// {"imports": [[module, name, kind], ...], "exports": [[name, kind], ...]},
// kind "function", "table", "global" or "tag" (a tag's export also lists
// which of its parameters are exnref).
std::string ExnRefBoundary(const std::vector<Section>& sections, const ModuleInfo& info);

}  // namespace wbhost::bindings::wasm::eh

#endif  // BINDINGS_WASM_EH_OUTLINE_H_
