// The test262 frontmatter parser on arbitrary test files.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "host/test262/frontmatter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  auto metadata = wbhost::test262::ParseFrontmatter(source);
  if (metadata.ok()) {
    // Touch what the runner reads, so a bad index or view shows.
    for (const auto& include : metadata->includes)
      (void)include.size();
    for (const auto& flag : metadata->flags)
      (void)flag.size();
  }
  return 0;
}
