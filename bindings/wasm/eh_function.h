// One function body of a module that uses modern exception handling,
// translated to the legacy form (eh_translate.h says what and how). Internal
// to the translation: eh_translate.cc reads the module, this its functions.
#ifndef BINDINGS_WASM_EH_FUNCTION_H_
#define BINDINGS_WASM_EH_FUNCTION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bindings/wasm/binary.h"
#include "bindings/wasm/code.h"

namespace wbhost::bindings::wasm::eh {

// What of the module the function translation needs.
struct ModuleInfo {
  std::vector<std::vector<size_t>> exnref_bytes;  // per type: offsets of its exnref valtypes
  std::vector<uint32_t> param_counts;             // per type
  // Per type: its results as one-byte value types, or empty if any is not
  // (a reference type with a heap type): what a block of it leaves.
  std::vector<std::vector<uint8_t>> results;
  std::vector<uint32_t> function_types;  // per function, imports first
  std::vector<uint32_t> tag_types;       // per tag, imports first
  uint64_t tables = 0;                   // imported and defined
  uint64_t globals = 0;                  // imported and defined
};

// What of the module the translation needs, from its sections. With
// `outlining`, exnref in signatures, globals, tables and tags is allowed
// (it becomes externref); without, it is Unsupported.
absl::StatusOr<ModuleInfo> ReadModuleInfo(std::string_view module,
                                          const std::vector<Section>& sections,
                                          bool outlining);

// An error for exnref where the legacy form has no equivalent (what the
// outlining, eh_outline.h, then takes on).
absl::Status Unsupported(std::string what);
bool IsUnsupported(const absl::Status& status);

class FunctionTranslation;

// Translates a module's function bodies, one after another (its buffers
// serve them all).
class FunctionTranslator {
 public:
  FunctionTranslator(std::string_view module, const ModuleInfo& info);
  ~FunctionTranslator();

  // Appends the body's expression (its instructions through the final
  // end), translated, to `out`; *modern says whether it used modern
  // exception handling (if not, it is appended as it was).
  absl::Status Translate(const FunctionBody& body, std::string* out, bool* modern);
  // The body's entry, its locals then its expression: exnref locals
  // declared as i32 (never read: their uses moved), those after the last
  // other local left out.
  absl::Status TranslateEntry(const FunctionBody& body, std::string* entry, bool* modern);

 private:
  std::string_view module_;
  std::unique_ptr<FunctionTranslation> impl_;
};

}  // namespace wbhost::bindings::wasm::eh

#endif  // BINDINGS_WASM_EH_FUNCTION_H_
