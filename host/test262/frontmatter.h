// test262's test metadata: the YAML block between /*--- and ---*/, in the
// subset test262 uses (INTERPRETING.md): scalars, [a, b] flow lists, "- x"
// block lists, the `negative` map, and | / > block scalars (description,
// info), which are read past and not kept.
#ifndef HOST_TEST262_FRONTMATTER_H_
#define HOST_TEST262_FRONTMATTER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace wbhost::test262 {

struct TestMetadata {
  std::vector<std::string> includes;
  std::vector<std::string> flags;
  std::vector<std::string> features;
  std::vector<std::string> locale;
  // negative: the phase ("parse", "resolution", "runtime") and the error
  // constructor's name; empty when the test is not negative.
  std::string negative_phase;
  std::string negative_type;

  bool HasFlag(std::string_view flag) const;
};

// The metadata of a test's source. A test with no frontmatter has empty
// metadata; InvalidArgument says what is malformed.
absl::StatusOr<TestMetadata> ParseFrontmatter(std::string_view source);

}  // namespace wbhost::test262

#endif  // HOST_TEST262_FRONTMATTER_H_
