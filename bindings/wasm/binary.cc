#include "bindings/wasm/binary.h"

#include "absl/status/status.h"

namespace wbhost::bindings::wasm {

uint64_t Reader::LongLeb() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b = Byte();
    if (!ok_)
      return 0;
    value |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0)
      return value;
  }
  ok_ = false;
  return 0;
}

void Reader::Skip(uint64_t n) {
  if (!ok_ || n > bytes_.size() - pos_) {
    ok_ = false;
    return;
  }
  pos_ += static_cast<size_t>(n);
}

std::string_view Reader::Name() {
  uint64_t length = Leb();
  size_t start = pos_;
  Skip(length);
  return ok_ ? bytes_.substr(start, static_cast<size_t>(length)) : std::string_view();
}

void Reader::SkipLimits() {
  uint8_t flags = Byte();
  Leb();
  if (flags & 1)
    Leb();
}

void Reader::SkipConstExpr() {
  while (ok_) {
    uint8_t op = Byte();
    switch (op) {
      case 0x0b:  // end
        return;
      case 0x41:  // i32.const
      case 0x42:  // i64.const
      case 0x23:  // global.get
      case 0xd2:  // ref.func
        Leb();
        break;
      case 0x43:  // f32.const
        Skip(4);
        break;
      case 0x44:  // f64.const
        Skip(8);
        break;
      case 0xd0:  // ref.null heaptype
        Leb();
        break;
      case 0x6a:
      case 0x6b:
      case 0x6c:  // i32.add, sub, mul (extended const)
      case 0x7c:
      case 0x7d:
      case 0x7e:  // i64.add, sub, mul
        break;
      case 0xfd:  // v128.const
        if (Leb() != 12)
          ok_ = false;
        Skip(16);
        break;
      default:
        ok_ = false;
    }
  }
}

void SkipValueType(Reader& in) {
  uint8_t type = in.Byte();
  if (type == 0x63 || type == 0x64)  // (ref null? heaptype)
    in.Leb();
}

bool ForEachImport(std::string_view body, const std::function<void(const Import&)>& visit) {
  Reader s(body);
  uint64_t count = s.Leb();
  for (uint64_t i = 0; i < count && s.ok(); ++i) {
    Import entry;
    entry.module = s.Name();
    entry.name = s.Name();
    uint8_t kind = entry.kind = s.Byte();
    entry.description = s.pos();
    entry.type = 0;
    switch (kind) {
      case kFunctionKind:  // type index
        entry.type = s.Leb();
        break;
      case kTableKind:  // reference type, limits
        SkipValueType(s);
        s.SkipLimits();
        break;
      case kMemoryKind:
        s.SkipLimits();
        break;
      case kGlobalKind:  // value type, mutability
        SkipValueType(s);
        s.Byte();
        break;
      case kTagKind:  // attribute, type index
        s.Byte();
        entry.type = s.Leb();
        break;
      default:
        return false;
    }
    if (s.ok())
      visit(entry);
  }
  return s.ok() && s.AtEnd();
}

bool ForEachTableOrGlobal(uint8_t section_id,
                          std::string_view body,
                          const std::function<void(const TableOrGlobal&)>& visit) {
  Reader s(body);
  uint64_t count = s.Leb();
  for (uint64_t i = 0; i < count && s.ok(); ++i) {
    TableOrGlobal entry;
    entry.type = s.pos();
    SkipValueType(s);
    entry.type_end = s.pos();
    if (!s.ok())
      break;
    visit(entry);
    if (section_id == kTableSection) {
      s.SkipLimits();
    } else {
      s.Byte();  // mutability
      s.SkipConstExpr();
    }
  }
  return s.ok();
}

void AppendLongLeb(std::string* out, uint64_t value) {
  do {
    uint8_t b = value & 0x7f;
    value >>= 7;
    if (value != 0)
      b |= 0x80;
    out->push_back(static_cast<char>(b));
  } while (value != 0);
}

void AppendName(std::string* out, std::string_view name) {
  AppendLeb(out, name.size());
  out->append(name);
}

absl::StatusOr<std::vector<Section>> ReadSections(std::string_view module) {
  if (module.size() < 8 || module.substr(0, 4) != std::string_view("\0asm", 4))
    return absl::InvalidArgumentError("not a WebAssembly module");
  std::vector<Section> sections;
  Reader in(module);
  in.Seek(8);
  while (!in.AtEnd()) {
    uint8_t id = in.Byte();
    uint64_t size = in.Leb();
    size_t body = in.pos();
    in.Skip(size);
    if (!in.ok())
      return absl::InvalidArgumentError("truncated section");
    sections.push_back({id, module.substr(body, static_cast<size_t>(size))});
  }
  return sections;
}

void AppendSection(std::string* out, uint8_t id, std::string_view body) {
  out->push_back(static_cast<char>(id));
  AppendLeb(out, body.size());
  out->append(body);
}

}  // namespace wbhost::bindings::wasm
