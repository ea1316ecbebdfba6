// GoogleTest's main for tests/unittests. V8 starts once, on first use, for
// the tests that need an isolate (see v8_test_env.h).
#include "gtest/gtest.h"

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
