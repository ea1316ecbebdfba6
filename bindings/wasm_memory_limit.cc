#include "bindings/wasm_memory_limit.h"

#include <algorithm>

namespace wbhost::bindings {

namespace {

constexpr uint8_t kImportSection = 2;
constexpr uint8_t kMemorySection = 5;

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool ok() const { return ok_; }
  size_t pos() const { return pos_; }
  void Seek(size_t pos) { pos_ = pos; }
  bool AtEnd() const { return pos_ >= bytes_.size(); }

  uint8_t Byte() {
    if (pos_ >= bytes_.size()) {
      ok_ = false;
      return 0;
    }
    return static_cast<uint8_t>(bytes_[pos_++]);
  }

  uint64_t Leb() {
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

  void Skip(uint64_t n) {
    if (n > bytes_.size() - pos_) {
      ok_ = false;
      return;
    }
    pos_ += static_cast<size_t>(n);
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void AppendLeb(std::string* out, uint64_t value) {
  do {
    uint8_t b = value & 0x7f;
    value >>= 7;
    if (value != 0)
      b |= 0x80;
    out->push_back(static_cast<char>(b));
  } while (value != 0);
}

// Reads one `limits` at the reader and appends it, bounded, to `out`.
bool RewriteLimits(Reader& in, std::string* out, uint32_t max_pages) {
  uint8_t flags = in.Byte();
  bool has_max = flags & 1;
  bool memory64 = flags & 4;
  uint64_t initial = in.Leb();
  uint64_t maximum = has_max ? in.Leb() : UINT64_MAX;
  if (!in.ok() || memory64)
    return false;
  uint64_t bounded = std::max<uint64_t>(initial, std::min<uint64_t>(maximum, max_pages));
  out->push_back(static_cast<char>(flags | 1));
  AppendLeb(out, initial);
  AppendLeb(out, bounded);
  return true;
}

// Copies the remainder of one import entry's description (after its kind).
bool CopyImportDesc(Reader& in,
                    uint8_t kind,
                    std::string_view bytes,
                    std::string* out,
                    uint32_t max_pages) {
  size_t start = in.pos();
  switch (kind) {
    case 0:  // function: type index
      in.Leb();
      break;
    case 1: {  // table: reftype, limits
      in.Byte();
      uint8_t flags = in.Byte();
      in.Leb();
      if (flags & 1)
        in.Leb();
      break;
    }
    case 2:  // memory
      return RewriteLimits(in, out, max_pages);
    case 3:  // global: valtype, mutability
      in.Byte();
      in.Byte();
      break;
    case 4:  // tag: attribute, type index
      in.Byte();
      in.Leb();
      break;
    default:
      return false;
  }
  if (!in.ok())
    return false;
  out->append(bytes.substr(start, in.pos() - start));
  return true;
}

}  // namespace

absl::StatusOr<std::string> LimitWasmMemory(std::string_view bytes, uint32_t max_pages) {
  if (bytes.size() < 8 || bytes.substr(0, 4) != std::string_view("\0asm", 4)) {
    return absl::InvalidArgumentError("not a WebAssembly module");
  }
  std::string out(bytes.substr(0, 8));
  Reader in(bytes);
  in.Seek(8);
  while (!in.AtEnd()) {
    uint8_t id = in.Byte();
    uint64_t size = in.Leb();
    size_t body = in.pos();
    in.Skip(size);
    if (!in.ok())
      return absl::InvalidArgumentError("truncated section");
    std::string_view section = bytes.substr(body, static_cast<size_t>(size));
    if (id != kImportSection && id != kMemorySection) {
      out.push_back(static_cast<char>(id));
      AppendLeb(&out, size);
      out.append(section);
      continue;
    }
    Reader s(section);
    std::string rewritten;
    uint64_t count = s.Leb();
    AppendLeb(&rewritten, count);
    for (uint64_t i = 0; i < count && s.ok(); ++i) {
      if (id == kMemorySection) {
        if (!RewriteLimits(s, &rewritten, max_pages)) {
          return absl::InvalidArgumentError("unreadable memory limits");
        }
        continue;
      }
      size_t entry = s.pos();
      uint64_t module_len = s.Leb();
      s.Skip(module_len);
      uint64_t field_len = s.Leb();
      s.Skip(field_len);
      uint8_t kind = s.Byte();
      if (!s.ok())
        return absl::InvalidArgumentError("unreadable import");
      rewritten.append(section.substr(entry, s.pos() - entry));
      if (!CopyImportDesc(s, kind, section, &rewritten, max_pages)) {
        return absl::InvalidArgumentError("unreadable import description");
      }
    }
    if (!s.ok() || !s.AtEnd())
      return absl::InvalidArgumentError("bad section");
    out.push_back(static_cast<char>(id));
    AppendLeb(&out, rewritten.size());
    out.append(rewritten);
  }
  return out;
}

}  // namespace wbhost::bindings
