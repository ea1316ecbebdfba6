#include "bindings/wasm/code.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bindings/wasm/binary.h"
#include "bindings/wasm/opcodes.h"

namespace wbhost::bindings::wasm {

namespace {

size_t OffsetIn(std::string_view module, std::string_view part) {
  return static_cast<size_t>(part.data() - module.data());
}

uint32_t ImportedFunctions(std::string_view body, bool* ok) {
  uint32_t functions = 0;
  *ok = ForEachImport(body, [&](const Import& i) { functions += i.kind == kFunctionKind; });
  return functions;
}

std::string Where(size_t offset, uint32_t function) {
  return absl::StrFormat("at offset 0x%x in function #%u", offset, function);
}

// Whether a section that declares value types (types, globals, tables)
// holds exnref, read just far enough to tell.
bool TypesHoldExnRef(std::string_view body) {
  Reader s(body);
  uint64_t count = s.Leb();
  for (uint64_t i = 0; i < count && s.ok(); ++i) {
    if (s.Byte() != 0x60)
      return false;  // not a function type: V8 10.2 rejects it by itself
    for (int list = 0; list < 2 && s.ok(); ++list) {
      uint64_t n = s.Leb();
      for (uint64_t k = 0; k < n && s.ok(); ++k) {
        size_t at = s.pos();
        SkipValueType(s);
        if (s.ok() && static_cast<uint8_t>(body[at]) == kExnRef)
          return true;
      }
    }
  }
  return false;
}

bool TablesOrGlobalsHoldExnRef(const Section& section) {
  bool exn = false;
  ForEachTableOrGlobal(section.id, section.body, [&](const TableOrGlobal& entry) {
    exn = exn || static_cast<uint8_t>(section.body[entry.type]) == kExnRef;
  });
  return exn;
}

// Whether a section that declares value types holds exnref.
bool SectionHoldsExnRef(const Section& section) {
  return (section.id == kTypeSection && TypesHoldExnRef(section.body)) ||
         ((section.id == kGlobalSection || section.id == kTableSection) &&
          TablesOrGlobalsHoldExnRef(section));
}

}  // namespace

absl::StatusOr<FunctionBody> ReadFunctionBody(std::string_view bytes,
                                              size_t offset,
                                              uint32_t index) {
  FunctionBody body;
  body.index = index;
  body.offset = offset;
  Reader s(bytes);
  s.Seek(offset);
  uint64_t size = s.Leb();
  size_t start = s.pos();
  s.Skip(size);
  if (!s.ok())
    return absl::InvalidArgumentError("unreadable code section");
  body.end = s.pos();
  Reader locals(bytes.substr(start, static_cast<size_t>(size)));
  uint64_t groups = locals.Leb();
  uint64_t total = 0;
  for (uint64_t g = 0; g < groups && locals.ok(); ++g) {
    uint64_t n = locals.Leb();
    if (n > 50000 || total + n > 50000)  // V8's limit on locals per function
      return absl::InvalidArgumentError(absl::StrCat("too many locals in function #", index));
    total += n;
    uint8_t type = locals.Byte();
    if (type == 0x63 || type == 0x64)
      locals.Leb();
    if (type == kExnRef) {
      for (uint64_t k = total - n; k < total; ++k)
        body.exnref_locals.push_back(static_cast<uint32_t>(k));
    }
  }
  if (!locals.ok())
    return absl::InvalidArgumentError(absl::StrCat("unreadable locals of function #", index));
  body.local_count = static_cast<uint32_t>(total);
  body.code_offset = start + locals.pos();
  return body;
}

absl::StatusOr<std::vector<FunctionBody>> ReadFunctionBodies(std::string_view module) {
  auto sections = ReadSections(module);
  if (!sections.ok())
    return sections.status();
  uint32_t imported = 0;
  std::vector<FunctionBody> bodies;
  for (const Section& section : *sections) {
    if (section.id == kImportSection) {
      bool ok = true;
      imported = ImportedFunctions(section.body, &ok);
      if (!ok)
        return absl::InvalidArgumentError("unreadable import section");
    }
    if (section.id != kCodeSection)
      continue;
    Reader s(section.body);
    uint64_t count = s.Leb();
    size_t base = OffsetIn(module, section.body);
    bodies.reserve(std::min<uint64_t>(count, section.body.size()));  // a body is 2 bytes at least
    for (uint64_t i = 0; i < count && s.ok(); ++i) {
      auto body = ReadFunctionBody(module.substr(0, base + section.body.size()), base + s.pos(),
                                   imported + static_cast<uint32_t>(i));
      if (!body.ok())
        return body.status();
      s.Seek(body->end - base);
      bodies.push_back(*std::move(body));
    }
    if (!s.ok() || !s.AtEnd())
      return absl::InvalidArgumentError("unreadable code section");
  }
  return bodies;
}

namespace internal {

absl::Status WalkFailed(WalkError error, Opcode opcode, size_t offset, uint32_t function) {
  switch (error) {
    case WalkError::kUnknown:
      return absl::InvalidArgumentError(
          absl::StrCat("unknown opcode ", OpcodeName(opcode), " ", Where(offset, function)));
    case WalkError::kBadImmediates:
      return absl::InvalidArgumentError(absl::StrCat(
          "unreadable immediates of ", OpcodeName(opcode), " ", Where(offset, function)));
    case WalkError::kAfterEnd:
      return absl::InvalidArgumentError(
          absl::StrCat("code after the final end ", Where(offset, function)));
    case WalkError::kNoEnd:
      break;
  }
  return absl::InvalidArgumentError(absl::StrCat("function #", function, " has no final end"));
}

}  // namespace internal

OpcodeFilter::OpcodeFilter(absl::Span<const uint8_t> visited,
                           const std::vector<uint8_t>* watched_locals)
    : step_{}, visit_{}, watched_(watched_locals) {
  for (uint8_t byte : visited)
    visit_[byte] = true;
  for (int op = 0; op < 256; ++op) {
    if (OpensBlock(static_cast<Opcode>(op)) || ClosesBlock(static_cast<Opcode>(op)))
      continue;
    if (watched_ != nullptr && op >= 0x20 && op <= 0x22) {  // local.get, local.set, local.tee
      step_[op] = Step::kLocal;
    } else if (!visit_[op]) {
      switch (internal::kFastImm[op]) {
        case internal::kFastNone:
          step_[op] = Step::kNone;
          break;
        case internal::kFastLeb:
          step_[op] = Step::kLeb;
          break;
        case internal::kFastMemArg:
          step_[op] = Step::kMemArg;
          break;
        default:
          break;
      }
    }
  }
}

absl::Status ForEachInstruction(std::string_view module,
                                const FunctionBody& body,
                                const std::function<void(const Instruction&)>& visit) {
  return WalkInstructions(module, body, visit);
}

absl::StatusOr<CodeFeatures> ScanCode(std::string_view module) {
  auto sections = ReadSections(module);
  if (!sections.ok())
    return sections.status();
  CodeFeatures features;
  // `what` says where; made only for the first.
  auto modern = [&](auto&& what) {
    if (!features.modern_eh)
      features.first_modern = what();
    features.modern_eh = true;
  };
  for (const Section& section : *sections) {
    if (SectionHoldsExnRef(section))
      modern([&] { return absl::StrFormat("exnref in section %u", section.id); });
  }
  auto bodies = ReadFunctionBodies(module);
  if (!bodies.ok())
    return bodies.status();
  const OpcodeFilter kEhOpcodes(
      {kTryTable, kThrowRef, kTry, kCatch, kRethrow, kDelegate, kCatchAll, 0xd0});
  for (const FunctionBody& body : *bodies) {
    if (!body.exnref_locals.empty())
      modern([&] { return absl::StrCat("an exnref local in function #", body.index); });
    absl::Status status = WalkInstructions(module, body, kEhOpcodes, [&](const Instruction& i) {
      switch (i.opcode) {
        case kTryTable:
        case kThrowRef:
          modern(
              [&] { return absl::StrCat(OpcodeName(i.opcode), " ", Where(i.offset, body.index)); });
          break;
        case kTry:
        case kCatch:
        case kRethrow:
        case kDelegate:
        case kCatchAll:
          features.legacy_eh = true;
          break;
        case 0xd0:  // ref.null exn
          if (static_cast<uint8_t>(module[i.offset + 1]) == kExnRef)
            modern([&] { return absl::StrCat("ref.null exn ", Where(i.offset, body.index)); });
          break;
        default:
          break;
      }
    });
    if (!status.ok())
      return status;
  }
  return features;
}

bool DeclaresExnRef(std::string_view module) {
  auto sections = ReadSections(module);
  if (!sections.ok())
    return false;
  for (const Section& section : *sections) {
    if (SectionHoldsExnRef(section))
      return true;
  }
  // The locals, read here rather than by ReadFunctionBodies: the first
  // exnref ends it, before the bodies of thousands of functions are kept.
  for (const Section& section : *sections) {
    if (section.id != kCodeSection)
      continue;
    Reader s(section.body);
    uint64_t count = s.Leb();
    for (uint64_t i = 0; i < count && s.ok(); ++i) {
      uint64_t size = s.Leb();
      if (!s.ok() || size > section.body.size() - s.pos())
        return false;
      size_t next = s.pos() + static_cast<size_t>(size);
      uint64_t groups = s.Leb();
      for (uint64_t g = 0; g < groups && s.ok() && s.pos() < next; ++g) {
        s.SkipLeb();
        size_t at = s.pos();
        SkipValueType(s);
        if (s.ok() && static_cast<uint8_t>(section.body[at]) == kExnRef)
          return true;
      }
      s.Seek(next);
    }
  }
  return false;
}

}  // namespace wbhost::bindings::wasm
