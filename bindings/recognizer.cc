#include "bindings/recognizer.h"

#include <cctype>
#include <cstring>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "bindings/js_text.h"

namespace wbhost::bindings {

namespace {

bool Has(std::string_view code, std::string_view needle) {
  return code.find(needle) != std::string_view::npos;
}

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// Whether an identifier or property name starting with `prefix` (and
// longer than it) occurs in `code`, other than those in `except`.
bool HasWordWithPrefix(std::string_view code,
                       std::string_view prefix,
                       std::initializer_list<std::string_view> except = {}) {
  size_t pos = 0;
  while ((pos = code.find(prefix, pos)) != std::string_view::npos) {
    size_t end = pos + prefix.size();
    bool starts = pos == 0 || !IsIdentChar(code[pos - 1]);
    size_t word_end = end;
    while (word_end < code.size() && IsIdentChar(code[word_end]))
      ++word_end;
    std::string_view word = code.substr(pos, word_end - pos);
    bool excluded = false;
    for (std::string_view e : except)
      excluded = excluded || word == e;
    if (starts && word_end > end && !excluded)
      return true;
    pos = word_end;
  }
  return false;
}

std::string Stem(std::string_view file_name) {
  size_t slash = file_name.find_last_of('/');
  if (slash != std::string_view::npos)
    file_name.remove_prefix(slash + 1);
  size_t dot = file_name.find('.');
  std::string stem(file_name.substr(0, dot));
  if (stem.ends_with("_bg") && stem.size() > 3)
    stem.resize(stem.size() - 3);
  return stem.empty() ? "glue" : stem;
}

std::string WithoutDotSlash(std::string_view spec) {
  if (spec.starts_with("./"))
    spec.remove_prefix(2);
  return std::string(spec);
}

// Names that only wasm-bindgen's generated glue defines or reads, whichever
// its version: one of them is enough.
constexpr std::string_view kDefiningNames[] = {
    "__wbindgen_wasm_module",    // init.__wbindgen_wasm_module = module (..0.2.106)
    "__wbg_get_imports",         // 0.2.85+
    "__wbg_finalize_init",       // 0.2.85+
    "__wbg_init_memory",         // 0.2.85..0.2.104
    "__wbindgen_placeholder__",  // nodejs, deno, module imports (..0.2.106)
    "__wbg_set_wasm",            // bundler (0.2.84+)
};

// How much of wasm-bindgen's machinery `code` has: a defining name, or two
// kinds of weaker evidence (minified bundles keep property names only).
bool HasGlueMachinery(std::string_view code) {
  for (std::string_view name : kDefiningNames) {
    if (HasWord(code, name))
      return true;
  }
  int kinds = 0;
  // The Wasm's import namespace of web and no-modules glue before 0.2.107.
  if (Has(code, ".wbg") || Has(code, "wbg:") || Has(code, "'wbg'") || Has(code, "\"wbg\""))
    ++kinds;
  // The namespace of every target since 0.2.107.
  if (!StringLiteralsEndingWith(code, "_bg.js").empty())
    ++kinds;
  // Intrinsics: imports the glue defines (__wbindgen_throw, ...) and
  // exports it calls (__wbindgen_malloc, __wbindgen_start, ...).
  if (HasWordWithPrefix(code, "__wbindgen_"))
    ++kinds;
  // Imports named __wbg_<name>_<hash>, class frees __wbg_<class>_free.
  if (HasWordWithPrefix(code, "__wbg_", {"__wbg_ptr"}))
    ++kinds;
  if (HasWord(code, "__wbg_ptr"))
    ++kinds;
  // The glue's helpers, by the names every version gives them.
  if (HasWord(code, "getUint8Memory0") || HasWord(code, "getUint8ArrayMemory0") ||
      HasWord(code, "passStringToWasm0") || HasWord(code, "getStringFromWasm0") ||
      HasWord(code, "cachedTextDecoder"))
    ++kinds;
  return kinds >= 2;
}

// The argument of the glue's `__wbg_set_wasm(<name>)` call, if it makes one.
std::string SetWasmArgument(std::string_view code) {
  size_t pos = 0;
  while ((pos = code.find("__wbg_set_wasm(", pos)) != std::string_view::npos) {
    size_t start = pos + 15;
    size_t end = start;
    while (end < code.size() && IsIdentChar(code[end]))
      ++end;
    if (end < code.size() && code[end] == ')' && end > start)
      return std::string(code.substr(start, end - start));
    pos = start;
  }
  return std::string();
}

// Whether an import clause binds `name` ("* as wasm", "wasm", "{ x as wasm }").
bool ClauseBinds(std::string_view clause, std::string_view name) {
  return HasWord(clause, name);
}

// The global a no-modules glue assigns: `NAME = Object.assign(` (..0.2.106)
// or `let NAME = (function(exports)` (0.2.107+).
std::string NoModulesGlobal(std::string_view code) {
  for (std::string_view marker :
       {std::string_view("= Object.assign("), std::string_view("= (function(")}) {
    size_t pos = code.find(marker);
    if (pos == std::string_view::npos)
      continue;
    size_t end = pos;
    while (end > 0 && code[end - 1] == ' ')
      --end;
    size_t start = end;
    while (start > 0 && IsIdentChar(code[start - 1]))
      --start;
    if (start < end && !std::isdigit(static_cast<unsigned char>(code[start])))
      return std::string(code.substr(start, end - start));
  }
  return "wasm_bindgen";
}

// The bundler entry of wasm-bindgen before 0.2.84: it imports the .wasm
// as a namespace and re-exports its _bg.js (which wires the two itself).
bool LegacyBundlerEntry(std::string_view code, GlueInfo* info) {
  if (!HasModuleSyntax(code))
    return false;
  std::string wasm_import, bg_import;
  for (const ImportDecl& decl : FindImportDecls(code)) {
    if (!decl.is_export && decl.specifier.ends_with(".wasm") && decl.clause.starts_with("* as "))
      wasm_import = decl.specifier;
    if (decl.is_export && decl.clause == "*" && decl.specifier.ends_with("_bg.js"))
      bg_import = decl.specifier;
  }
  if (wasm_import.empty() || bg_import.empty() ||
      code.find("__wbg_set_wasm") != std::string_view::npos)
    return false;
  info->target = GlueTarget::kBundler;
  info->wasm_import = wasm_import;
  info->bg_import = bg_import;
  info->wasm_file = WithoutDotSlash(wasm_import);
  return true;
}

// The `Object.assign(` whose result a no-modules glue's global is:
// `NAME = Object.assign(__wbg_init, ...)` (..0.2.106) or `return
// Object.assign(__wbg_init, ...)` in the function NAME is the result of
// (0.2.107+); the last such.
size_t GlobalAssign(std::string_view code) {
  size_t found = std::string_view::npos;
  size_t pos = 0;
  while ((pos = code.find("Object.assign(", pos)) != std::string_view::npos) {
    size_t k = pos;
    while (k > 0 && code[k - 1] == ' ')
      --k;
    bool assigned =
        k > 0 && code[k - 1] == '=' && (k < 2 || std::strchr("=!<>", code[k - 2]) == nullptr);
    bool returned =
        k >= 6 && code.substr(k - 6, 6) == "return" && (k == 6 || !IsIdentChar(code[k - 7]));
    if (assigned || returned)
      found = pos;
    pos += 14;
  }
  return found;
}

bool Instantiates(std::string_view code) {
  return Has(code, "WebAssembly.Instance") || Has(code, "WebAssembly.instantiate") ||
         Has(code, ".instantiateStreaming");
}

}  // namespace

const char* GlueTargetName(GlueTarget target) {
  switch (target) {
    case GlueTarget::kWeb:
      return "web";
    case GlueTarget::kNoModules:
      return "no-modules";
    case GlueTarget::kNodejs:
      return "nodejs";
    case GlueTarget::kBundler:
      return "bundler";
    case GlueTarget::kBundlerBg:
      return "bundler-bg";
    case GlueTarget::kDeno:
      return "deno";
    case GlueTarget::kNodeModule:
      return "experimental-nodejs-module";
    case GlueTarget::kSourcePhase:
      return "module";
  }
  return "unknown";
}

absl::StatusOr<GlueInfo> RecognizeGlue(std::string_view file_name, std::string_view source) {
  // The cheap negative: every version's glue names its intrinsics so.
  if (!Has(source, "__wbindgen") && !Has(source, "__wbg_"))
    return absl::NotFoundError("not wasm-bindgen glue");
  const std::string code = BlankComments(source);
  GlueInfo info;
  info.name = Stem(file_name);
  if (LegacyBundlerEntry(code, &info))
    return info;
  if (!HasGlueMachinery(code))
    return absl::NotFoundError("not wasm-bindgen glue");

  std::vector<std::string> wasm_files = StringLiteralsEndingWith(code, ".wasm");
  if (!wasm_files.empty())
    info.wasm_file = WithoutDotSlash(wasm_files.front());
  info.has_init_sync = HasWord(code, "initSync");
  info.init_takes_object = Has(code, "module_or_path") && Has(code, "Object.prototype");
  info.has_get_imports = HasWord(code, "__wbg_get_imports");
  info.has_wrapped_jstag = Has(code, "__wbindgen_wrapped_jstag");
  info.has_terminated_flag = Has(code, "__instance_terminated");
  info.has_start = Has(code, "__wbindgen_start");
  info.has_finalization = Has(code, "FinalizationRegistry");
  info.uses_wbg_ptr = HasWord(code, "__wbg_ptr");

  if (HasWord(code, "__wbindgen_thread_destroy") || HasWord(code, "thread_stack_size")) {
    return absl::UnimplementedError(
        "glue version not supported: a multi-threaded (atomics) build, whose memory other "
        "threads share, so its instance cannot be recreated alone");
  }

  const bool esm = HasModuleSyntax(code);
  // nodejs glue of every version reads its .wasm with require('fs'); the
  // no-modules glue of 0.2.107+ also has an `exports` (a parameter).
  const bool cjs = !esm && Has(code, "require(");
  std::vector<ImportDecl> decls = esm ? FindImportDecls(code) : std::vector<ImportDecl>();

  for (const ImportDecl& decl : decls) {
    if (!decl.is_export && decl.clause.starts_with("source ")) {
      info.target = GlueTarget::kSourcePhase;
      info.source_import_begin = decl.begin;
      info.source_import_end = decl.end;
      info.source_import_name = decl.clause.substr(7);
      info.wasm_file = WithoutDotSlash(decl.specifier);
      return info;
    }
  }

  // A bundler entry wires the module it imports to its _bg.js.
  std::string set_wasm_arg = SetWasmArgument(code);
  bool defines_set_wasm = Has(code, "function __wbg_set_wasm");
  if (esm && !set_wasm_arg.empty() && !defines_set_wasm) {
    for (const ImportDecl& decl : decls) {
      if (decl.is_export)
        continue;
      if (HasWord(decl.clause, "__wbg_set_wasm"))
        info.bg_import = decl.specifier;
      else if (ClauseBinds(decl.clause, set_wasm_arg))
        info.wasm_import = decl.specifier;
    }
    if (!info.bg_import.empty()) {
      info.target = GlueTarget::kBundler;
      if (!info.wasm_import.empty() && info.wasm_import.ends_with(".wasm"))
        info.wasm_file = WithoutDotSlash(info.wasm_import);
      // Without an import of the module: it reads its .wasm itself
      // (experimental-nodejs-module 0.2.93..0.2.106) and names the file.
      if (info.wasm_import.empty() && info.wasm_file.empty()) {
        return absl::UnimplementedError(
            "glue version not supported: a bundler entry that names no Wasm module");
      }
      return info;
    }
  }
  if (esm && defines_set_wasm) {
    info.target = GlueTarget::kBundlerBg;
    return info;
  }
  // Bundler glue before 0.2.84: the _bg.js imports the .wasm itself
  // (`import * as wasm from './x_bg.wasm'`), which wbhost replaces with a
  // __wbg_set_wasm of its own.
  if (esm) {
    for (const ImportDecl& decl : decls) {
      if (!decl.is_export && decl.specifier.ends_with(".wasm") &&
          decl.clause.starts_with("* as ")) {
        info.target = GlueTarget::kBundlerBg;
        info.source_import_begin = decl.begin;
        info.source_import_end = decl.end;
        info.source_import_name = decl.clause.substr(5);
        return info;
      }
    }
  }

  if (!Instantiates(code))
    return absl::NotFoundError("not wasm-bindgen glue");

  if (esm) {
    bool has_init = info.has_init_sync || HasWord(code, "__wbg_init") ||
                    HasWord(code, "__wbg_load") || Has(code, "__wbindgen_wasm_module") ||
                    Has(code, "export default");
    if (Has(code, "Deno.readFile") || (Has(code, "await WebAssembly.instantiate") && !has_init)) {
      info.target = GlueTarget::kDeno;
    } else if (HasWord(code, "readFileSync") && Has(code, "new WebAssembly.Instance") &&
               !info.has_init_sync && !HasWord(code, "__wbg_init")) {
      info.target = GlueTarget::kNodeModule;
    } else {
      info.target = GlueTarget::kWeb;
    }
    return info;
  }
  if (cjs) {
    info.target = GlueTarget::kNodejs;
    return info;
  }
  info.target = GlueTarget::kNoModules;
  info.global_name = NoModulesGlobal(code);
  info.global_assign = GlobalAssign(code);
  return info;
}

}  // namespace wbhost::bindings
