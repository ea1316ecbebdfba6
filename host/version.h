// wbhost's own version, printed by --version and exposed as wbhost.version.
#ifndef HOST_VERSION_H_
#define HOST_VERSION_H_

namespace wbhost {

inline constexpr char kWbhostVersion[] = "0.1.0";

}  // namespace wbhost

#endif  // HOST_VERSION_H_
