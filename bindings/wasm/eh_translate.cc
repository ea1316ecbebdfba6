#include "bindings/wasm/eh_translate.h"

#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bindings/wasm/binary.h"
#include "bindings/wasm/code.h"
#include "bindings/wasm/eh_function.h"
#include "bindings/wasm/eh_outline.h"
#include "bindings/wasm/opcodes.h"

namespace wbhost::bindings::wasm {

namespace {

using eh::ModuleInfo;
using eh::Unsupported;

constexpr uint8_t kI32 = 0x7f;

}  // namespace

namespace eh {

absl::StatusOr<ModuleInfo> ReadModuleInfo(std::string_view module,
                                          const std::vector<Section>& sections,
                                          bool outlining) {
  ModuleInfo info;
  for (const Section& section : sections) {
    Reader s(section.body);
    size_t base = static_cast<size_t>(section.body.data() - module.data());
    if (section.id == kTypeSection) {
      uint64_t count = s.Leb();
      for (uint64_t i = 0; i < count && s.ok(); ++i) {
        if (s.Byte() != 0x60)
          return absl::InvalidArgumentError("a type that is not a function type");
        std::vector<size_t> exn;
        std::vector<uint8_t> results;
        bool simple = true;
        for (int list = 0; list < 2 && s.ok(); ++list) {
          uint64_t n = s.Leb();
          if (list == 0)
            info.param_counts.push_back(static_cast<uint32_t>(n));
          for (uint64_t k = 0; k < n && s.ok(); ++k) {
            size_t at = s.pos();
            SkipValueType(s);
            if (!s.ok())
              break;
            uint8_t type = static_cast<uint8_t>(section.body[at]);
            if (s.ok() && type == kExnRef)
              exn.push_back(base + at);
            if (list == 1) {
              simple = simple && s.pos() == at + 1;
              results.push_back(type);
            }
          }
        }
        info.exnref_bytes.push_back(std::move(exn));
        info.results.push_back(simple ? std::move(results) : std::vector<uint8_t>());
      }
    } else if (section.id == kImportSection) {
      absl::Status status;
      bool read = ForEachImport(section.body, [&](const Import& i) {
        if (i.kind == kFunctionKind) {
          info.function_types.push_back(static_cast<uint32_t>(i.type));
        } else if (i.kind == kTableKind || i.kind == kGlobalKind) {
          info.tables += i.kind == kTableKind;
          info.globals += i.kind == kGlobalKind;
          if (static_cast<uint8_t>(section.body[i.description]) == kExnRef && !outlining &&
              status.ok()) {
            status = Unsupported("an imported exnref table or global");
          }
        } else if (i.kind == kTagKind) {
          info.tag_types.push_back(static_cast<uint32_t>(i.type));
          if (i.type < info.exnref_bytes.size() && !info.exnref_bytes[i.type].empty() &&
              !outlining && status.ok()) {
            status = Unsupported("an imported tag carrying an exnref");
          }
        }
      });
      if (!status.ok())
        return status;
      if (!read)
        return absl::InvalidArgumentError("unreadable import section");
    } else if (section.id == kFunctionSection) {
      uint64_t count = s.Leb();
      for (uint64_t i = 0; i < count && s.ok(); ++i)
        info.function_types.push_back(static_cast<uint32_t>(s.Leb()));
    } else if (section.id == kTableSection || section.id == kGlobalSection) {
      absl::Status status;
      bool read = ForEachTableOrGlobal(section.id, section.body, [&](const TableOrGlobal& entry) {
        ++(section.id == kTableSection ? info.tables : info.globals);
        if (static_cast<uint8_t>(section.body[entry.type]) == kExnRef && !outlining &&
            status.ok()) {
          status =
              Unsupported(section.id == kTableSection ? "an exnref table" : "an exnref global");
        }
      });
      if (!status.ok())
        return status;
      if (!read)
        return absl::InvalidArgumentError("an unreadable section");
    } else if (section.id == kTagSection) {
      uint64_t count = s.Leb();
      for (uint64_t i = 0; i < count && s.ok(); ++i) {
        s.Byte();
        uint64_t type = s.Leb();
        info.tag_types.push_back(static_cast<uint32_t>(type));
        if (type < info.exnref_bytes.size() && !info.exnref_bytes[type].empty() && !outlining)
          return Unsupported("a tag carrying an exnref");
      }
    }
    if (!s.ok())
      return absl::InvalidArgumentError("an unreadable section");
  }
  for (uint32_t type : info.function_types) {
    if (type < info.exnref_bytes.size() && !info.exnref_bytes[type].empty() && !outlining)
      return Unsupported(
          absl::StrCat("a function whose signature (type ", type, ") has an exnref"));
  }
  return info;
}

}  // namespace eh

namespace {

// Appends the entries (size, locals, expression) of bodies [from, to),
// translated; sets *modern if one used modern exception handling.
absl::Status AppendEntries(std::string_view module,
                           const ModuleInfo& info,
                           const std::vector<FunctionBody>& bodies,
                           size_t from,
                           size_t to,
                           std::string* out,
                           bool* modern) {
  eh::FunctionTranslator translator(module, info);
  std::string entry;
  for (size_t b = from; b < to; ++b) {
    entry.clear();
    bool body_modern = false;
    if (absl::Status s = translator.TranslateEntry(bodies[b], &entry, &body_modern); !s.ok())
      return s;
    *modern = *modern || body_modern;
    AppendLeb(out, entry.size());
    out->append(entry);
  }
  return absl::OkStatus();
}

// Code sections from this size on are translated on two threads (V8
// compiles on both cores too): a thread costs tens of microseconds, a MiB
// of code about three ms. The bodies go in chunks of about kChunkBytes,
// the calling thread taking them from the front and writing them in place,
// the other from the back: whichever the system runs more does more.
constexpr size_t kParallelCodeBytes = 256 * 1024;
constexpr size_t kChunkBytes = 32 * 1024;

// The entries of bodies translated on two threads, appended to `out`.
absl::Status AppendEntriesInParallel(std::string_view module,
                                     const ModuleInfo& info,
                                     const std::vector<FunctionBody>& bodies,
                                     std::string* out,
                                     bool* modern) {
  std::vector<size_t> starts = {0};  // each chunk's first body
  for (size_t b = 1; b < bodies.size(); ++b) {
    if (bodies[b].offset - bodies[starts.back()].offset >= kChunkBytes)
      starts.push_back(b);
  }
  const size_t chunks = starts.size();
  starts.push_back(bodies.size());
  struct Chunk {
    std::string out;
    absl::Status status;
    bool modern = false;
  };
  std::vector<Chunk> from_back(chunks);
  std::mutex mutex;
  size_t front = 0, back = chunks;  // chunks [front, back) are unclaimed
  std::thread worker([&] {
    for (;;) {
      size_t c;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (front == back)
          return;
        c = --back;
      }
      Chunk& chunk = from_back[c];
      chunk.status =
          AppendEntries(module, info, bodies, starts[c], starts[c + 1], &chunk.out, &chunk.modern);
      if (!chunk.status.ok())
        return;  // the chunks before it are the front's
    }
  });
  absl::Status status;
  size_t in_place = 0;  // chunks [0, in_place) are in `out`
  for (;;) {
    size_t c;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (front == back)
        break;
      c = front++;
    }
    status = AppendEntries(module, info, bodies, starts[c], starts[c + 1], out, modern);
    if (!status.ok())
      break;
    in_place = c + 1;
  }
  worker.join();
  // The first error in function order, as one pass would give: the
  // front's, else the first of the back's.
  if (!status.ok())
    return status;
  for (size_t c = in_place; c < chunks; ++c) {
    if (!from_back[c].status.ok())
      return from_back[c].status;
    *modern = *modern || from_back[c].modern;
    out->append(from_back[c].out);
  }
  return absl::OkStatus();
}

// Appends the code section, its bodies translated; sets *modern if one
// used modern exception handling. Its size is written as a 5-byte LEB (a
// valid encoding) in front once it is known.
absl::Status AppendCode(std::string_view module,
                        const ModuleInfo& info,
                        const std::vector<FunctionBody>& bodies,
                        std::string* out,
                        bool* modern) {
  out->push_back(static_cast<char>(kCodeSection));
  size_t size_at = out->size();
  out->append(5, '\0');
  AppendLeb(out, bodies.size());
  size_t code_bytes = bodies.empty() ? 0 : bodies.back().end - bodies.front().offset;
  absl::Status status = code_bytes < kParallelCodeBytes
                            ? AppendEntries(module, info, bodies, 0, bodies.size(), out, modern)
                            : AppendEntriesInParallel(module, info, bodies, out, modern);
  if (!status.ok())
    return status;
  size_t size = out->size() - size_at - 5;
  if (size > 0xffffffffu)
    return absl::InvalidArgumentError("a code section of more than 4 GiB");
  for (int k = 0; k < 5; ++k) {
    uint8_t byte = static_cast<uint8_t>((size >> (7 * k)) & 0x7f);
    (*out)[size_at + k] = static_cast<char>(k < 4 ? byte | 0x80 : byte);
  }
  return absl::OkStatus();
}

}  // namespace

bool TranslatedWithOutlining(std::string_view translated) {
  auto sections = ReadSections(translated);
  if (!sections.ok())
    return false;
  for (auto it = sections->rbegin(); it != sections->rend(); ++it) {
    if (it->id != kCustomSection)
      return false;  // the translation's sections come last
    Reader in(it->body);
    if (in.Name() == "__wbhost_eh_boundary")
      return true;
  }
  return false;
}

absl::StatusOr<std::string> ExnRefTypeTwin(std::string_view module, const EhOptions& options) {
  return eh::TranslateWithOutlining(module, options.outline_all, /*exn_type=*/0x70);
}

absl::StatusOr<std::string> TranslateModernEh(std::string_view module, const EhOptions& options) {
  auto sections = ReadSections(module);
  if (!sections.ok())
    return sections.status();
  if (options.outline_all) {
    auto features = ScanCode(module);
    if (!features.ok())
      return features.status();
    if (!features->modern_eh)
      return absl::FailedPreconditionError("no modern exception handling");
    return eh::TranslateWithOutlining(module, /*outline_all=*/true);
  }
  auto info = eh::ReadModuleInfo(module, *sections, /*outlining=*/false);
  if (eh::IsUnsupported(info.status()))
    return eh::TranslateWithOutlining(module);
  if (!info.ok())
    return info.status();
  auto bodies = ReadFunctionBodies(module);
  if (!bodies.ok())
    return bodies.status();

  bool modern = false;
  for (const auto& offsets : info->exnref_bytes)
    modern = modern || !offsets.empty();
  // Written once, in place: a module of a few MiB is not copied again
  // section by section.
  std::string out;
  out.reserve(module.size() + module.size() / 8 + 64);
  out.append(module.substr(0, 8));
  for (const Section& section : *sections) {
    if (section.id == kCodeSection) {
      if (absl::Status s = AppendCode(module, *info, *bodies, &out, &modern); !s.ok())
        return eh::IsUnsupported(s) ? eh::TranslateWithOutlining(module) : s;
    } else if (section.id == kTypeSection) {
      // exnref only in the block types of landing blocks, which are empty
      // now: the types stay (indices do not move), as i32.
      std::string body(section.body);
      size_t base = static_cast<size_t>(section.body.data() - module.data());
      for (const auto& offsets : info->exnref_bytes) {
        for (size_t offset : offsets) {
          if (offset >= base && offset - base < body.size())
            body[offset - base] = static_cast<char>(kI32);
        }
      }
      AppendSection(&out, kTypeSection, body);
    } else {
      AppendSection(&out, section.id, section.body);
    }
  }
  if (!modern)
    return absl::FailedPreconditionError("no modern exception handling");
  return out;
}

}  // namespace wbhost::bindings::wasm
