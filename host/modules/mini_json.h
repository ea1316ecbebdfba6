// A small JSON reader for package.json files: enough for the resolver to
// read "exports", "main", "module", "type" and "name" without V8, so that
// resolution stays a pure function the unit tests can call.
#ifndef HOST_MODULES_MINI_JSON_H_
#define HOST_MODULES_MINI_JSON_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wbhost {

struct JsonMember;

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> array;
  // Keys in document order matter for "exports" conditions. (A struct, not
  // a std::pair: a pair of an incomplete type is not portable.)
  std::vector<JsonMember> object;

  const JsonValue* Find(std::string_view key) const;
  bool IsString() const { return type == Type::kString; }
  bool IsObject() const { return type == Type::kObject; }
};

struct JsonMember {
  std::string key;
  JsonValue value;
};

// Parses a JSON document; nullopt when it is not valid JSON.
std::optional<JsonValue> ParseJson(std::string_view text);

}  // namespace wbhost

#endif  // HOST_MODULES_MINI_JSON_H_
