// Milliseconds per MiB of module that the translation of modern exception
// handling takes (bindings/wasm/eh_translate.h), median of ROUNDS runs, for
// tools/bench's eh_translate_ms_per_mib. No V8: the translation alone.
// Usage: eh_translate_bench MODULE.wasm ROUNDS [OUT.wasm]
// (OUT.wasm: the translation written out, to read with wasm2wat.)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bindings/wasm/eh_translate.h"

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: eh_translate_bench MODULE.wasm ROUNDS [OUT.wasm]\n");
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  int rounds = std::max(1, std::atoi(argv[2]));
  std::vector<double> ms;
  size_t out_bytes = 0;
  for (int i = 0; i < rounds; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto out = wbhost::bindings::wasm::TranslateModernEh(bytes);
    auto end = std::chrono::steady_clock::now();
    if (!out.ok()) {
      std::fprintf(stderr, "eh_translate_bench: %s\n", std::string(out.status().message()).c_str());
      return 1;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    out_bytes = out->size();
    if (i == 0 && argc == 4)
      std::ofstream(argv[3], std::ios::binary) << *out;
  }
  std::sort(ms.begin(), ms.end());
  double mib = static_cast<double>(bytes.size()) / (1024 * 1024);
  std::printf("{\"bytes\": %zu, \"out_bytes\": %zu, \"ms\": %.3f, \"ms_per_mib\": %.3f}\n",
              bytes.size(), out_bytes, ms[ms.size() / 2], ms[ms.size() / 2] / mib);
  return 0;
}
