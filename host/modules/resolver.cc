#include "host/modules/resolver.h"

#include <sys/stat.h>

#include <cctype>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "host/file_util.h"
#include "host/modules/mini_json.h"

namespace wbhost {

namespace {

class RealFs : public FileSystemView {
 public:
  bool IsFile(const std::string& path) const override {
    struct stat st;
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
  }
  bool IsDirectory(const std::string& path) const override {
    struct stat st;
    return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  }
  std::optional<std::string> Read(const std::string& path) const override {
    auto data = ReadFileBytes(path);
    if (!data.ok())
      return std::nullopt;
    return *std::move(data);
  }
};

std::string Dirname(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos)
    return ".";
  if (slash == 0)
    return "/";
  return path.substr(0, slash);
}

std::string Join(const std::string& dir, const std::string& rest) {
  return AbsolutePath(dir == "/" ? "/" + rest : dir + "/" + rest);
}

std::optional<JsonValue> ReadPackageJson(const std::string& dir, const FileSystemView& fs) {
  auto text = fs.Read(dir + "/package.json");
  if (!text)
    return std::nullopt;
  return ParseJson(*text);
}

// ES module syntax as node's module detection sees it: a line that starts
// with an import or export declaration or a top-level await, or
// import.meta anywhere.
bool LooksLikeEsm(std::string_view source) {
  if (source.find("import.meta") != std::string_view::npos)
    return true;
  size_t pos = 0;
  while (pos < source.size()) {
    size_t end = source.find('\n', pos);
    if (end == std::string_view::npos)
      end = source.size();
    std::string_view line = source.substr(pos, end - pos);
    size_t start = line.find_first_not_of(" \t\r");
    if (start != std::string_view::npos) {
      line.remove_prefix(start);
      for (std::string_view keyword :
           {"import ", "import{", "import*", "export ", "export{", "export*", "await "}) {
        if (line.substr(0, keyword.size()) == keyword)
          return true;
      }
    }
    pos = end + 1;
  }
  return false;
}

}  // namespace

std::string PackageTypeOf(const std::string& path, const FileSystemView& fs) {
  for (std::string dir = Dirname(path);; dir = Dirname(dir)) {
    if (auto pkg = ReadPackageJson(dir, fs)) {
      const JsonValue* type = pkg->Find("type");
      return type && type->IsString() ? type->string : std::string();
    }
    if (dir == "/" || dir == ".")
      return std::string();
  }
}

namespace {

ModuleFormat FormatByExtension(const std::string& path, const FileSystemView& fs) {
  if (absl::EndsWith(path, ".mjs"))
    return ModuleFormat::kEsm;
  if (absl::EndsWith(path, ".cjs"))
    return ModuleFormat::kCommonJs;
  if (absl::EndsWith(path, ".json"))
    return ModuleFormat::kJson;
  if (absl::EndsWith(path, ".wasm"))
    return ModuleFormat::kWasm;
  // .js and anything else: the nearest package.json's "type"; with none,
  // the file's own syntax decides (as node's module detection does), so
  // that packages shipping ES modules without "type" load.
  std::string type = PackageTypeOf(path, fs);
  if (!type.empty())
    return type == "module" ? ModuleFormat::kEsm : ModuleFormat::kCommonJs;
  auto source = fs.Read(path);
  return source && LooksLikeEsm(*source) ? ModuleFormat::kEsm : ModuleFormat::kCommonJs;
}

// A folder's "main" may name another folder with a "main" of its own; a
// chain longer than this is a cycle ("main": "../pkg" back and forth).
constexpr int kMaxMainHops = 8;

// The exact file, or with an extension added, or a folder's entry.
std::optional<std::string> ResolveFile(const std::string& path,
                                       const FileSystemView& fs,
                                       ResolveMode mode,
                                       int hops = 0) {
  if (fs.IsFile(path))
    return path;
  for (const char* ext : {".js", ".mjs", ".cjs", ".json"}) {
    std::string candidate = path + ext;
    if (fs.IsFile(candidate))
      return candidate;
  }
  if (fs.IsDirectory(path)) {
    if (auto pkg = ReadPackageJson(path, fs)) {
      for (const char* field : {mode == ResolveMode::kImport ? "module" : "main", "main"}) {
        const JsonValue* entry = pkg->Find(field);
        if (!entry || !entry->IsString() || hops >= kMaxMainHops)
          continue;
        // "main": "" or "." names the folder itself: node falls back to
        // its index, and so does this (it used to recurse until the stack
        // overflowed; found by tests/fuzz/module_resolver_fuzzer).
        std::string target = Join(path, entry->string);
        if (target == path || target == path + "/")
          continue;
        if (auto found = ResolveFile(target, fs, mode, hops + 1))
          return found;
      }
    }
    for (const char* index : {"/index.js", "/index.mjs", "/index.cjs", "/index.json"}) {
      if (fs.IsFile(path + index))
        return path + index;
    }
  }
  return std::nullopt;
}

// Picks a target out of an "exports" value for the given conditions.
std::optional<std::string> ExportTarget(const JsonValue& value,
                                        ResolveMode mode,
                                        const std::string& star) {
  if (value.IsString()) {
    std::string target = value.string;
    size_t at = target.find('*');
    if (at != std::string::npos)
      target.replace(at, 1, star);
    return target;
  }
  if (value.type == JsonValue::Type::kArray) {
    for (const JsonValue& item : value.array) {
      if (auto target = ExportTarget(item, mode, star))
        return target;
    }
    return std::nullopt;
  }
  if (value.IsObject()) {
    for (const auto& [condition, target] : value.object) {
      bool match =
          condition == "default" || condition == "node" || condition == "wbhost" ||
          (mode == ResolveMode::kImport && (condition == "import" || condition == "module")) ||
          (mode == ResolveMode::kRequire && condition == "require");
      if (!match)
        continue;
      if (auto found = ExportTarget(target, mode, star))
        return found;
    }
  }
  return std::nullopt;
}

// A subpath ("." or "./sub") through a package's "exports".
std::optional<std::string> ResolveExports(const JsonValue& exports,
                                          const std::string& subpath,
                                          ResolveMode mode) {
  bool is_map = exports.IsObject() && !exports.object.empty() &&
                absl::StartsWith(exports.object.front().key, ".");
  if (!is_map) {
    if (subpath != ".")
      return std::nullopt;
    return ExportTarget(exports, mode, "");
  }
  if (const JsonValue* exact = exports.Find(subpath))
    return ExportTarget(*exact, mode, "");
  for (const auto& [key, target] : exports.object) {
    size_t star = key.find('*');
    if (star == std::string::npos)
      continue;
    std::string prefix = key.substr(0, star);
    std::string suffix = key.substr(star + 1);
    if (absl::StartsWith(subpath, prefix) && absl::EndsWith(subpath, suffix) &&
        subpath.size() >= prefix.size() + suffix.size()) {
      std::string middle =
          subpath.substr(prefix.size(), subpath.size() - prefix.size() - suffix.size());
      return ExportTarget(target, mode, middle);
    }
  }
  return std::nullopt;
}

absl::Status NotFound(const std::string& specifier, const std::string& referrer) {
  return absl::NotFoundError(
      absl::StrCat("Cannot find module '", specifier, "' imported from ", referrer));
}

}  // namespace

const FileSystemView& RealFileSystem() {
  static const RealFs* fs = new RealFs();
  return *fs;
}

bool IsBuiltinModule(const std::string& name) {
  return name == "fs" || name == "path" || name == "util";
}

bool IsNodeCoreModuleName(const std::string& name) {
  // node's own modules: naming one gets a clear "not available" from
  // require/import instead of a search through node_modules.
  static const char* const kNames[] = {"assert",
                                       "async_hooks",
                                       "buffer",
                                       "child_process",
                                       "cluster",
                                       "console",
                                       "constants",
                                       "crypto",
                                       "dgram",
                                       "diagnostics_channel",
                                       "dns",
                                       "domain",
                                       "events",
                                       "fs/promises",
                                       "http",
                                       "http2",
                                       "https",
                                       "inspector",
                                       "module",
                                       "net",
                                       "os",
                                       "perf_hooks",
                                       "process",
                                       "punycode",
                                       "querystring",
                                       "readline",
                                       "repl",
                                       "stream",
                                       "string_decoder",
                                       "sys",
                                       "timers",
                                       "tls",
                                       "trace_events",
                                       "tty",
                                       "url",
                                       "v8",
                                       "vm",
                                       "wasi",
                                       "worker_threads",
                                       "zlib"};
  for (const char* known : kNames) {
    if (name == known)
      return true;
  }
  return false;
}

std::string FileUrlToPath(const std::string& url) {
  if (!absl::StartsWith(url, "file://"))
    return std::string();
  std::string rest = url.substr(7);
  // file://host/path: only an empty host or localhost name this machine.
  if (!rest.empty() && rest[0] != '/') {
    if (!absl::StartsWith(rest, "localhost/"))
      return std::string();
    rest = rest.substr(9);
  }
  size_t cut = rest.find_first_of("?#");
  if (cut != std::string::npos)
    rest = rest.substr(0, cut);
  std::string out;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() &&
        std::isxdigit(static_cast<unsigned char>(rest[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(rest[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(rest.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(rest[i]);
    }
  }
  return out;
}

std::string PathToFileUrl(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c == '@' ||
        c == '+' || c == ',' || c == '=' || c == ':' || c == '!' || c == '$' || c == '&' ||
        c == '\'' || c == '(' || c == ')' || c == '*' || c == ';') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

ModuleFormat FormatOfFile(const std::string& path, const FileSystemView& fs) {
  return FormatByExtension(path, fs);
}

absl::StatusOr<ResolvedModule> ResolveModule(const std::string& specifier,
                                             const std::string& referrer,
                                             ResolveMode mode,
                                             const FileSystemView& fs) {
  if (specifier.empty())
    return NotFound(specifier, referrer);
  std::string name = specifier;
  if (absl::StartsWith(name, "node:")) {
    name = name.substr(5);
    return ResolvedModule{name, ModuleFormat::kBuiltin};
  }
  // wbhost's own modules: "wbhost:bindings".
  if (absl::StartsWith(name, "wbhost:"))
    return ResolvedModule{name, ModuleFormat::kBuiltin};
  if (IsBuiltinModule(name) || IsNodeCoreModuleName(name)) {
    return ResolvedModule{name, ModuleFormat::kBuiltin};
  }

  std::string path;
  if (absl::StartsWith(specifier, "file:")) {
    path = FileUrlToPath(specifier);
    if (path.empty())
      return NotFound(specifier, referrer);
  } else if (specifier[0] == '/') {
    path = AbsolutePath(specifier);
  } else if (absl::StartsWith(specifier, "./") || absl::StartsWith(specifier, "../") ||
             specifier == "." || specifier == "..") {
    path = Join(Dirname(referrer), specifier);
  }
  if (!path.empty()) {
    auto file = ResolveFile(path, fs, mode);
    if (!file)
      return NotFound(specifier, referrer);
    return ResolvedModule{*file, FormatByExtension(*file, fs)};
  }

  // A bare specifier: "pkg", "pkg/sub", "@scope/pkg/sub".
  size_t name_end = specifier.find('/');
  if (specifier[0] == '@' && name_end != std::string::npos) {
    name_end = specifier.find('/', name_end + 1);
  }
  std::string package = specifier.substr(0, name_end);
  std::string subpath = name_end == std::string::npos ? "." : "." + specifier.substr(name_end);
  for (std::string dir = Dirname(referrer);; dir = Dirname(dir)) {
    std::string root = (dir == "/" ? "" : dir) + "/node_modules/" + package;
    if (fs.IsDirectory(root)) {
      auto pkg = ReadPackageJson(root, fs);
      if (pkg) {
        if (const JsonValue* exports = pkg->Find("exports")) {
          auto target = ResolveExports(*exports, subpath, mode);
          if (!target) {
            return absl::NotFoundError(absl::StrCat("Package subpath '", subpath,
                                                    "' is not defined by \"exports\" in ", root,
                                                    "/package.json imported from ", referrer));
          }
          std::string file = Join(root, *target);
          if (!fs.IsFile(file))
            return NotFound(specifier, referrer);
          return ResolvedModule{file, FormatByExtension(file, fs)};
        }
      }
      auto file = ResolveFile(subpath == "." ? root : Join(root, subpath), fs, mode);
      if (file)
        return ResolvedModule{*file, FormatByExtension(*file, fs)};
      return NotFound(specifier, referrer);
    }
    if (dir == "/" || dir == ".")
      break;
  }
  return NotFound(specifier, referrer);
}

}  // namespace wbhost
