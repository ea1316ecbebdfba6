#include "bindings/recognizer.h"

#include <cctype>

namespace wbhost::bindings {

namespace {

bool Has(std::string_view source, std::string_view needle) {
  return source.find(needle) != std::string_view::npos;
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

// The first "<name>_bg.wasm" string the glue mentions.
std::string FindWasmFile(std::string_view source) {
  size_t pos = 0;
  while ((pos = source.find("_bg.wasm", pos)) != std::string_view::npos) {
    size_t end = pos + 8;
    size_t start = pos;
    while (start > 0 && IsNameChar(source[start - 1]) && source[start - 1] != '.') {
      --start;
    }
    // Skip a "./" prefix and anything that is not a plain file name.
    if (start < pos)
      return std::string(source.substr(start, end - start));
    pos = end;
  }
  return std::string();
}

std::string Stem(std::string_view file_name) {
  size_t slash = file_name.find_last_of('/');
  if (slash != std::string_view::npos)
    file_name.remove_prefix(slash + 1);
  size_t dot = file_name.find_last_of('.');
  return std::string(file_name.substr(0, dot));
}

}  // namespace

const char* GlueTargetName(GlueTarget target) {
  switch (target) {
    case GlueTarget::kWeb:
      return "web";
    case GlueTarget::kBundler:
      return "bundler";
    case GlueTarget::kBundlerBg:
      return "bundler-bg";
    case GlueTarget::kNodejs:
      return "nodejs";
    case GlueTarget::kNoModules:
      return "no-modules";
  }
  return "unknown";
}

std::optional<GlueInfo> RecognizeGlue(std::string_view file_name, std::string_view source) {
  // The cheap negative: every generation of glue names its intrinsics so.
  if (!Has(source, "__wbindgen") && !Has(source, "__wbg_"))
    return std::nullopt;
  GlueInfo info;
  std::string stem = Stem(file_name);
  bool is_bg_js = stem.size() > 3 && stem.compare(stem.size() - 3, 3, "_bg") == 0;
  info.wasm_file = FindWasmFile(source);

  bool esm = Has(source, "export function") || Has(source, "export class") ||
             Has(source, "export default") || Has(source, "export {") || Has(source, "export *") ||
             Has(source, "import ");
  bool cjs = Has(source, "module.exports") || Has(source, "require(");

  if (is_bg_js && Has(source, "__wbg_set_wasm")) {
    // The bundler's _bg.js: the import object of the .wasm. It names no
    // .wasm of its own; it belongs to the glue "<stem minus _bg>.js".
    info.target = GlueTarget::kBundlerBg;
    info.wasm_file = stem + ".wasm";
  } else if (esm && Has(source, "__wbg_set_wasm") && !info.wasm_file.empty()) {
    info.target = GlueTarget::kBundler;
  } else if (cjs && Has(source, "readFileSync") && !info.wasm_file.empty()) {
    info.target = GlueTarget::kNodejs;
  } else if (Has(source, "wasm_bindgen") && !esm && !info.wasm_file.empty()) {
    info.target = GlueTarget::kNoModules;
  } else if (esm && !info.wasm_file.empty() &&
             (Has(source, "import.meta.url") || Has(source, "__wbg_init") ||
              Has(source, "export default"))) {
    info.target = GlueTarget::kWeb;
  } else {
    return std::nullopt;
  }
  if (info.wasm_file.empty())
    return std::nullopt;

  // The definition, not the word: a comment may say the glue has none.
  info.has_init_sync = Has(source, "function initSync");
  info.init_takes_object = Has(source, "module_or_path");
  info.has_get_imports = Has(source, "__wbg_get_imports");
  info.has_wrapped_jstag = Has(source, "__wbindgen_wrapped_jstag");
  info.has_terminated_flag = Has(source, "__instance_terminated");
  info.has_start = Has(source, "__wbindgen_start");
  info.has_finalization = Has(source, "FinalizationRegistry");
  info.uses_wbg_ptr = Has(source, "__wbg_ptr");
  return info;
}

}  // namespace wbhost::bindings
