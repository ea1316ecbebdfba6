// Module bytes written out in the tests of bindings/wasm.
#ifndef TESTS_WASM_BYTES_H_
#define TESTS_WASM_BYTES_H_

#include <initializer_list>
#include <string>

namespace wbhost::bindings::testing {

// The bytes, each int taken as one.
inline std::string Bytes(std::initializer_list<int> list) {
  std::string s;
  for (int b : list)
    s.push_back(static_cast<char>(b));
  return s;
}

// "\0asm", version 1.
inline const std::string kHeader = Bytes({0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});

}  // namespace wbhost::bindings::testing

#endif  // TESTS_WASM_BYTES_H_
