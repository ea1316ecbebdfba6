// The translation of modern exception handling (bindings/wasm/eh_translate.h)
// through the JS API, as a program meets it (`WebAssembly.validate`, then
// `new WebAssembly.Module`: V8 10.2's compile of the translated bytes).
// An input whose first byte is even is a program for a generator of valid
// modules in the shapes toolchains emit (try_table with every clause kind
// and target, landing pads keeping the exnref in a local or on the stack,
// catch_ref whose exnref is dropped, throw_ref, legacy try/catch/rethrow
// beside them, blocks, loops and branches around them) and exnref as a
// value (kept past its landing and thrown later, a null one thrown: the
// try_table is outlined, bindings/wasm/eh_outline.h): each must compile.
// An odd first byte:
// the rest is the module, as it is. Either way validate() and the compile
// agree, and only a CompileError comes out. A generated module is also
// translated with every such try_table outlined (EhOptions::outline_all),
// and V8 must compile that as it is.
#include <unistd.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "bindings/wasm/eh_translate.h"
#include "host/options.h"
#include "tests/fuzz/v8_host.h"

namespace {

constexpr const char* kProgram = R"((function (path) {
  const bytes = new Uint8Array(readbuffer(path));
  let valid;
  try {
    valid = WebAssembly.validate(bytes);
  } catch (e) {
    return 'error: validate() threw ' + e;
  }
  try {
    new WebAssembly.Module(bytes);
  } catch (e) {
    if (!(e instanceof WebAssembly.CompileError)) return 'error: ' + e;
    if (valid) return 'error: valid, yet ' + e.message;
    return /has no equivalent/.test(e.message) ? 'unsupported' : 'invalid: ' + e.message;
  }
  return valid ? 'ok' : 'error: compiled, yet not valid';
}))";

void Leb(std::string* out, uint64_t value) {
  do {
    uint8_t b = value & 0x7f;
    value >>= 7;
    out->push_back(static_cast<char>(value ? b | 0x80 : b));
  } while (value);
}

void Section(std::string* module, uint8_t id, const std::string& body) {
  module->push_back(static_cast<char>(id));
  Leb(module, body.size());
  module->append(body);
}

// Writes a module from the input's bytes, read as choices. Types: 0 (func),
// 1 (i32)->i32, 2 ()->i32, 3 (i32)->(), 4 ()->(i32 exnref); function 0 is
// an import of type 1, the others are of type 1 with locals 1 (i32) and
// 2 (exnref); tag 0 ($e) carries an i32, tag 1 ($f) nothing.
class Generator {
 public:
  Generator(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  std::string Module() {
    functions_ = 1 + Next() % 3;
    std::string module("\0asm\1\0\0\0", 8);
    Section(&module, 1,
            std::string("\x05"
                        "\x60\x00\x00"
                        "\x60\x01\x7f\x01\x7f"
                        "\x60\x00\x01\x7f"
                        "\x60\x01\x7f\x00"
                        "\x60\x00\x02\x7f\x69",
                        22));
    Section(&module, 2,
            std::string("\x01\x01m\x01"
                        "f\x00\x01",
                        7));
    std::string functions;
    Leb(&functions, functions_);
    functions.append(functions_, '\x01');
    Section(&module, 3, functions);
    Section(&module, 13, std::string("\x02\x00\x03\x00\x00", 5));
    Section(&module, 7,
            std::string("\x01\x01"
                        "f\x00\x01",
                        5));
    std::string code;
    Leb(&code, functions_);
    for (uint32_t f = 0; f < functions_; ++f) {
      body_.assign("\x02\x01\x7f\x01\x69", 5);
      labels_.assign(1, false);  // the function's: it has a result
      Statements(0);
      body_.append("\x20\x00\x0b", 3);  // local.get 0, end
      Leb(&code, body_.size());
      code.append(body_);
    }
    Section(&module, 10, code);
    return module;
  }

 private:
  uint8_t Next() { return pos_ < size_ ? data_[pos_++] : 0; }
  void Emit(std::initializer_list<int> bytes) {
    for (int b : bytes)
      body_.push_back(static_cast<char>(b));
  }
  // A label branches can name (no values), as a depth from here; -1 if
  // none is open.
  int VoidLabel() {
    int open = 0;
    for (bool v : labels_)
      open += v;
    if (open == 0)
      return -1;
    int pick = Next() % open;
    for (size_t d = 0; d < labels_.size(); ++d) {
      size_t at = labels_.size() - 1 - d;
      if (labels_[at] && pick-- == 0)
        return static_cast<int>(d);
    }
    return -1;
  }
  void Open(bool void_label) { labels_.push_back(void_label); }
  void Close() { labels_.pop_back(); }
  // Statements inside the labels just opened in the code (outermost
  // first: whether each is void).
  void Body(std::initializer_list<bool> labels, int depth) {
    for (bool v : labels)
      Open(v);
    Statements(depth + 1);
    for (size_t k = 0; k < labels.size(); ++k)
      Close();
  }

  void Statements(int depth) {
    int count = 1 + Next() % 3;
    for (int i = 0; i < count && pos_ < size_ && body_.size() < 4000; ++i)
      Statement(depth);
  }

  // A statement: takes nothing from the stack and leaves nothing.
  void Statement(int depth) {
    uint8_t choice = Next() % (depth < 4 ? 17 : 3);
    uint8_t c = Next() & 0x3f;  // an i32.const that is one byte
    switch (choice) {
      case 0:  // local.get 0, i32.const, i32.add, local.set 0
        Emit({0x20, 0, 0x41, c, 0x6a, 0x21, 0});
        break;
      case 1:  // a call that may throw
        Emit({0x20, 0, 0x10, static_cast<int>(Next() % (functions_ + 1)), 0x21, 0});
        break;
      case 2:  // if (local 0 == c) throw $f or throw $e(c)
        Emit({0x20, 0, 0x41, c, 0x46, 0x04, 0x40});
        if (c & 1)
          Emit({0x08, 1});
        else
          Emit({0x41, c, 0x08, 0});
        Emit({0x0b});
        break;
      case 3:  // block
      case 4:  // loop
        Emit({choice == 3 ? 0x02 : 0x03, 0x40});
        Body({true}, depth);
        Emit({0x0b});
        break;
      case 5: {  // br_if or br_table to labels without values
        int a = VoidLabel(), b = VoidLabel();
        if (a < 0 || b < 0)
          break;
        if (c & 1)
          Emit({0x20, 0, 0x0d, a});
        else
          Emit({0x20, 0, 0x0e, 1, a, b});
        break;
      }
      case 6: {  // block $t, try_table (catch $f $t | catch_all $t | catch_all <outer>)
        Emit({0x02, 0x40});
        Open(true);
        int target = c % 3 == 2 ? VoidLabel() : 0;
        Emit({0x1f, 0x40, 1});
        if (c % 3 == 0)
          Emit({0x00, 1, target});
        else
          Emit({0x02, target});
        Body({true}, depth);
        Close();
        Emit({0x0b, 0x0b});
        break;
      }
      case 7:  // the payload of $e into local 0
        // block $done, block $t (result i32), try_table (catch $e $t) ..
        // end, br $done, end, local.set 0, end
        Emit({0x02, 0x40, 0x02, 0x7f, 0x1f, 0x40, 1, 0x00, 0, 0});
        Body({true, false, true}, depth);
        Emit({0x0b, 0x0c, 1, 0x0b, 0x21, 0, 0x0b});
        break;
      case 8:  // landing pad: exnref in local 2, cleanup, throw_ref
      case 9:  // landing pad: exnref on the stack
        Emit({0x02, 0x40, 0x02, 0x69, 0x1f, 0x40, 1, 0x03, 0});
        Body({true, false, true}, depth);
        Emit({0x0b, 0x0c, 1, 0x0b});
        if (choice == 8)
          Emit({0x21, 2, 0x20, 0, 0x41, c, 0x6a, 0x21, 0, 0x20, 2});
        Emit({0x0a, 0x0b});
        break;
      case 10:  // catch_ref $e whose exnref is dropped (block type 4)
        Emit({0x02, 0x40, 0x02, 0x04, 0x1f, 0x40, 1, 0x01, 0, 0});
        Body({true, false, true}, depth);
        Emit({0x0b, 0x0c, 1, 0x0b, 0x1a, 0x21, 0, 0x0b});
        break;
      case 11:  // legacy: try, catch $e (payload), catch_all (rethrow)
        Emit({0x06, 0x40});
        Body({true}, depth);
        Emit({0x07, 0, 0x21, 0, 0x19});
        if (c & 1)
          Emit({0x09, 0});
        Emit({0x0b});
        break;
      case 12:  // rustc's landing pad around a try_table with a result
        // block $o (result i32), block $l (result exnref),
        // try_table (result i32) (catch_all_ref $l)
        Emit({0x02, 0x7f, 0x02, 0x69, 0x1f, 0x7f, 1, 0x03, 0});
        if (c & 2)  // another way out of $o: local.get 0, br_if $o, drop
          Emit({0x20, 0, 0x20, 0, 0x0d, 2, 0x1a});
        Body({false, false, false}, depth);
        // local.get 0, end, br $o, end, local.set 2, cleanup, throw_ref
        Emit({0x20, 0, 0x0b, 0x0c, 1, 0x0b, 0x21, 2, 0x20, 2, 0x0a, 0x0b, 0x21, 0});
        break;
      case 13:  // nested try_tables: the inner's clause names the outer's target
        // block $t, try_table (catch_all $t), try_table (catch $f $t) (catch_all 0)
        Emit({0x02, 0x40, 0x1f, 0x40, 1, 0x02, 0, 0x1f, 0x40, 2, 0x00, 1, 1, 0x02, 0});
        Body({true, true, true}, depth);
        Emit({0x0b, 0x0b, 0x0b});
        break;
      case 14:  // if (local 0 == c) throw_ref of a null exnref (a trap)
        Emit({0x20, 0, 0x41, c, 0x46, 0x04, 0x40, 0xd0, 0x69, 0x0a, 0x0b});
        break;
      case 15:  // an exnref kept past its landing: block $done, block $h
        // (result exnref), try_table (catch_all_ref $h) .. end, br $done,
        // end, local.set 2, end; if (local 0 == c) throw_ref (local 2)
        Emit({0x02, 0x40, 0x02, 0x69, 0x1f, 0x40, 1, 0x03, 0});
        Body({true, false, true}, depth);
        Emit({0x0b, 0x0c, 1, 0x0b, 0x21, 2, 0x0b});
        Emit({0x20, 0, 0x41, c, 0x46, 0x04, 0x40, 0x20, 2, 0x0a, 0x0b});
        break;
      default:  // rethrow from a legacy catch_all, inside try_table
        Emit({0x02, 0x40, 0x1f, 0x40, 1, 0x02, 0, 0x06, 0x40});
        Body({true, true, true}, depth);
        Emit({0x19, 0x09, 0, 0x0b, 0x0b, 0x0b});
        break;
    }
  }

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  uint32_t functions_ = 1;
  std::string body_;
  std::vector<bool> labels_;  // open labels, outermost first: whether void
};

std::unique_ptr<wbhost::fuzz::V8Host> host;
int used = 0;
std::string path;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  wbhost::fuzz::V8Host::Initialize();
  char templ[] = "/tmp/wbhost-eh-fuzz-XXXXXX";
  path = std::string(mkdtemp(templ)) + "/m.wasm";
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0)
    return 0;
  if (!host || ++used > 500) {
    host.reset();
    host = std::make_unique<wbhost::fuzz::V8Host>(kProgram, wbhost::ShellOptions());
    used = 0;
  }
  bool generated = (data[0] & 1) == 0;
  Generator generator(data + 1, size - 1);
  std::string module = generated ? generator.Module()
                                 : std::string(reinterpret_cast<const char*>(data + 1), size - 1);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << module;
  std::string result = host->Call(path);
  if (result.rfind("error:", 0) == 0 || result.rfind("throw:", 0) == 0)
    __builtin_trap();  // validate() and the compile disagree, or something else came out
  // A valid module: compiled.
  if (generated && result != "ok")
    __builtin_trap();
  if (generated) {
    // And with every ref clause's try_table outlined: V8 compiles that
    // too (as it is: no modern exception handling is left).
    wbhost::bindings::wasm::EhOptions options;
    options.outline_all = true;
    auto outlined = wbhost::bindings::wasm::TranslateModernEh(module, options);
    if (!outlined.ok() && !absl::IsFailedPrecondition(outlined.status()))
      __builtin_trap();
    if (outlined.ok()) {
      std::ofstream(path, std::ios::binary | std::ios::trunc) << *outlined;
      if (host->Call(path) != "ok")
        __builtin_trap();
    }
  }
  return 0;
}
