// The contents of unsupported-features.txt, embedded by the build.
#ifndef HOST_TEST262_UNSUPPORTED_FEATURES_H_
#define HOST_TEST262_UNSUPPORTED_FEATURES_H_

namespace wbhost::test262 {

extern const char kUnsupportedFeatures[];

}  // namespace wbhost::test262

#endif  // HOST_TEST262_UNSUPPORTED_FEATURES_H_
