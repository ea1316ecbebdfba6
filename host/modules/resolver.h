// Module resolution, the node way: what file (or built-in) a specifier names
// when imported or required from a given file. Pure: file-system queries go
// through a small interface, so unit tests can give a tree of their own.
//
// - "./x", "../x", "/x" and "file:///x" name files; relative ones resolve
//   against the importing file's folder.
// - "node:x" and the bare names of supported built-ins ("fs", "path",
//   "util") name built-ins.
// - Other bare specifiers ("pkg", "pkg/sub", "@scope/pkg") walk up the
//   node_modules folders; in the package, "exports" (strings, subpath maps,
//   conditions) wins, else "module" (for import) or "main", else index.js.
// - Files: the exact path, then with .js, .mjs, .cjs, .json, then a
//   folder's package.json "main" or index.js (what node's require does;
//   for import too, for convenience).
#ifndef HOST_MODULES_RESOLVER_H_
#define HOST_MODULES_RESOLVER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace wbhost {

class FileSystemView {
 public:
  virtual ~FileSystemView() = default;
  virtual bool IsFile(const std::string& path) const = 0;
  virtual bool IsDirectory(const std::string& path) const = 0;
  // Contents of a file; nullopt if unreadable.
  virtual std::optional<std::string> Read(const std::string& path) const = 0;
};

// The real file system.
const FileSystemView& RealFileSystem();

enum class ModuleFormat {
  kEsm,       // .mjs, or .js in a package with "type": "module"
  kCommonJs,  // .cjs, or .js elsewhere
  kJson,
  kWasm,
  kBuiltin,
};

struct ResolvedModule {
  std::string path;  // absolute path, or the built-in's name ("fs")
  ModuleFormat format;
};

enum class ResolveMode { kImport, kRequire };

// Resolves `specifier` as imported/required from the file `referrer` (an
// absolute path; for code with no file, a path in the folder it runs in).
// NotFound names the specifier and the referrer.
absl::StatusOr<ResolvedModule> ResolveModule(const std::string& specifier,
                                             const std::string& referrer,
                                             ResolveMode mode,
                                             const FileSystemView& fs = RealFileSystem());

// The format of a file by its extension and its nearest package.json.
ModuleFormat FormatOfFile(const std::string& path, const FileSystemView& fs = RealFileSystem());

// The "type" the nearest package.json above `path` gives ("module",
// "commonjs"), or empty when it gives none or there is none.
std::string PackageTypeOf(const std::string& path, const FileSystemView& fs = RealFileSystem());

// "file:///a/b%20c" -> "/a/b c"; empty when not a file: URL.
std::string FileUrlToPath(const std::string& url);
// "/a/b c" -> "file:///a/b%20c".
std::string PathToFileUrl(const std::string& path);

// Whether `name` is a built-in module wbhost provides.
bool IsBuiltinModule(const std::string& name);
// Whether `name` is one of node's core modules (provided or not).
bool IsNodeCoreModuleName(const std::string& name);

}  // namespace wbhost

#endif  // HOST_MODULES_RESOLVER_H_
