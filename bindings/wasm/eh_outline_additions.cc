// What the outlining adds to a module besides code (eh_outline.h): the
// helper module, the registers' globals, the boundary JSON.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bindings/wasm/binary.h"
#include "bindings/wasm/eh_function.h"
#include "bindings/wasm/eh_outline.h"
#include "bindings/wasm/opcodes.h"

namespace wbhost::bindings::wasm::eh {

namespace {

void AppendJsonString(std::string* out, std::string_view text) {
  out->push_back('"');
  for (char ch : text) {
    uint8_t c = static_cast<uint8_t>(ch);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(ch);
    } else if (c < 0x20) {
      absl::StrAppend(out, "\\u00", absl::Hex(c, absl::kZeroPad2));
    } else {
      out->push_back(ch);  // UTF-8 as it is: the JS side decodes it
    }
  }
  out->push_back('"');
}

}  // namespace

void AppendFuncTypes(std::string* out, const std::vector<FuncType>& types) {
  AppendLeb(out, types.size());
  for (const FuncType& type : types) {
    out->push_back(0x60);
    AppendLeb(out, type.params.size());
    out->append(type.params);
    AppendLeb(out, type.results.size());
    out->append(type.results);
  }
}

std::string HelperModule(Outliner& outliner) {
  std::string module("\0asm\x01\0\0\0", 8);
  std::vector<FuncType> types;
  for (uint32_t type : outliner.HelperTypes())
    types.push_back(outliner.types()[type]);
  std::string section;
  AppendFuncTypes(&section, types);
  AppendSection(&module, kTypeSection, section);
  section.clear();
  AppendLeb(&section, types.size());
  for (size_t k = 0; k < types.size(); ++k) {
    AppendName(&section, "h");
    AppendName(&section, k == 0 ? "throw" : k == 1 ? "trampoline" : "save");
    section.push_back(static_cast<char>(kFunctionKind));
    AppendLeb(&section, k);
  }
  AppendSection(&module, kImportSection, section);
  section.clear();
  AppendLeb(&section, types.size());
  for (size_t k = 0; k < types.size(); ++k) {
    AppendName(&section, absl::StrCat(k));
    section.push_back(static_cast<char>(kFunctionKind));
    AppendLeb(&section, k);
  }
  AppendSection(&module, kExportSection, section);
  return module;
}

std::string RegisterGlobals(const std::string& registers) {
  std::string out;
  for (char c : registers) {
    uint8_t type = static_cast<uint8_t>(c);
    out.push_back(c);
    out.push_back(0x01);
    switch (type) {
      case 0x7f:
        out.append("\x41\x00", 2);
        break;
      case 0x7e:
        out.append("\x42\x00", 2);
        break;
      case 0x7d:
        out.append("\x43", 1).append(4, '\0');
        break;
      case 0x7c:
        out.append("\x44", 1).append(8, '\0');
        break;
      case 0x7b:
        out.append("\xfd\x0c", 2).append(16, '\0');
        break;
      default:  // a reference type
        out.push_back(static_cast<char>(0xd0));
        out.push_back(c);
        break;
    }
    out.push_back(0x0b);
  }
  return out;
}

std::string ExnRefBoundary(const std::vector<Section>& sections, const ModuleInfo& info) {
  auto function_has = [&](uint64_t index) {
    if (index >= info.function_types.size())
      return false;
    uint32_t type = info.function_types[index];
    return type < info.exnref_bytes.size() && !info.exnref_bytes[type].empty();
  };
  std::vector<bool> tables, globals;  // per index: of exnref
  // Per type: which of its parameters are exnref, as a JSON list (a tag's
  // payload); per tag, its type.
  std::vector<std::string> exn_params;
  auto tag_params = [&](uint64_t tag) -> std::string {
    if (tag >= info.tag_types.size() || info.tag_types[tag] >= exn_params.size())
      return "";
    return exn_params[info.tag_types[tag]];
  };
  const char* kKinds[] = {"function", "table", "memory", "global", "tag"};
  std::string imports, exports;
  uint64_t functions = 0, tags = 0;
  for (const Section& section : sections) {
    Reader in(section.body);
    if (section.id == kTypeSection) {
      uint64_t count = in.Leb();
      for (uint64_t i = 0; i < count && in.ok(); ++i) {
        in.Byte();
        std::string list;
        for (int results = 0; results < 2 && in.ok(); ++results) {
          uint64_t n = in.Leb();
          for (uint64_t k = 0; k < n && in.ok(); ++k) {
            if (results == 0 && static_cast<uint8_t>(section.body[in.pos()]) == kExnRef)
              absl::StrAppend(&list, list.empty() ? "" : ",", k);
            SkipValueType(in);
          }
        }
        exn_params.push_back(list.empty() ? "" : absl::StrCat("[", list, "]"));
      }
    } else if (section.id == kImportSection) {
      ForEachImport(section.body, [&](const Import& i) {
        bool exn = false;
        if (i.kind == kFunctionKind) {
          exn = function_has(functions++);
        } else if (i.kind == kTableKind || i.kind == kGlobalKind) {
          exn = static_cast<uint8_t>(section.body[i.description]) == kExnRef;
          (i.kind == kTableKind ? tables : globals).push_back(exn);
        } else if (i.kind == kTagKind) {
          exn = !tag_params(tags++).empty();
        }
        if (exn) {
          imports.append(imports.empty() ? "[" : ",[");
          AppendJsonString(&imports, i.module);
          imports.push_back(',');
          AppendJsonString(&imports, i.name);
          imports.push_back(',');
          AppendJsonString(&imports, kKinds[i.kind]);
          imports.push_back(']');
        }
      });
    } else if (section.id == kTableSection || section.id == kGlobalSection) {
      ForEachTableOrGlobal(section.id, section.body, [&](const TableOrGlobal& entry) {
        bool exn = static_cast<uint8_t>(section.body[entry.type]) == kExnRef;
        (section.id == kTableSection ? tables : globals).push_back(exn);
      });
    } else if (section.id == kExportSection) {
      uint64_t count = in.Leb();
      for (uint64_t i = 0; i < count && in.ok(); ++i) {
        std::string_view name = in.Name();
        uint8_t kind = in.Byte();
        uint64_t index = in.Leb();
        bool exn = kind == kFunctionKind ? function_has(index)
                   : kind == kTableKind  ? index < tables.size() && tables[index]
                   : kind == kGlobalKind ? index < globals.size() && globals[index]
                   : kind == kTagKind    ? !tag_params(index).empty()
                                         : false;
        if (exn) {
          exports.append(exports.empty() ? "[" : ",[");
          AppendJsonString(&exports, name);
          exports.push_back(',');
          AppendJsonString(&exports, kKinds[kind]);
          if (kind == kTagKind)
            absl::StrAppend(&exports, ",", tag_params(index));
          exports.push_back(']');
        }
      }
    }
  }
  return absl::StrCat("{\"imports\":[", imports, "],\"exports\":[", exports, "]}");
}

}  // namespace wbhost::bindings::wasm::eh
