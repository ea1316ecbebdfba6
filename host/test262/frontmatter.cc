#include "host/test262/frontmatter.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace wbhost::test262 {

namespace {

std::string Trim(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r");
  if (start == std::string_view::npos)
    return std::string();
  size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(start, end - start + 1));
}

int Indent(std::string_view line) {
  int n = 0;
  while (n < static_cast<int>(line.size()) && line[n] == ' ')
    ++n;
  return n;
}

std::string Unquote(std::string value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

// "[a, b, c]" -> {a, b, c}; false when not a flow list.
bool ParseFlowList(const std::string& value, std::vector<std::string>* out) {
  if (value.empty() || value.front() != '[')
    return false;
  if (value.back() != ']')
    return false;
  std::string inner = value.substr(1, value.size() - 2);
  for (absl::string_view item : absl::StrSplit(inner, ',')) {
    std::string trimmed = Unquote(Trim(std::string(item)));
    if (!trimmed.empty())
      out->push_back(trimmed);
  }
  return true;
}

}  // namespace

bool TestMetadata::HasFlag(std::string_view flag) const {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

absl::StatusOr<TestMetadata> ParseFrontmatter(std::string_view source) {
  TestMetadata metadata;
  size_t start = source.find("/*---");
  if (start == std::string_view::npos)
    return metadata;
  size_t end = source.find("---*/", start);
  if (end == std::string_view::npos) {
    return absl::InvalidArgumentError("frontmatter starts with /*--- but never ends with ---*/");
  }
  std::string_view yaml = source.substr(start + 5, end - start - 5);
  // Lines end in LF, CRLF or a lone CR (test262 has a test written with
  // CRs only, to check their normalisation).
  std::vector<std::string> lines;
  std::string text = absl::StrReplaceAll(absl::string_view(yaml.data(), yaml.size()),
                                         {{"\r\n", "\n"}, {"\r", "\n"}});
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    lines.emplace_back(line);
  }

  std::vector<std::string>* list = nullptr;  // the key whose "- item" lines follow
  bool in_negative = false;
  int block_indent = -1;  // inside a | or > block scalar: its key's indent
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& raw = lines[i];
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#')
      continue;
    int indent = Indent(raw);
    if (block_indent >= 0) {
      if (indent > block_indent)
        continue;
      block_indent = -1;
    }
    if (line.rfind("- ", 0) == 0 || line == "-") {
      if (list == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("frontmatter line ", i + 1, ": a list item outside a list"));
      }
      list->push_back(Unquote(Trim(line.substr(1))));
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("frontmatter line ", i + 1, ": expected 'key: value', got '", line, "'"));
    }
    std::string key = Trim(line.substr(0, colon));
    std::string value = Trim(line.substr(colon + 1));
    if (indent == 0)
      in_negative = false;
    list = nullptr;
    if (value == "|" || value == ">" || value == "|-" || value == ">-" || value == "|+" ||
        value == ">+") {
      block_indent = indent;
      continue;
    }
    if (in_negative && indent > 0) {
      if (key == "phase")
        metadata.negative_phase = Unquote(value);
      else if (key == "type")
        metadata.negative_type = Unquote(value);
      continue;
    }
    std::vector<std::string>* target = nullptr;
    if (key == "includes")
      target = &metadata.includes;
    else if (key == "flags")
      target = &metadata.flags;
    else if (key == "features")
      target = &metadata.features;
    else if (key == "locale")
      target = &metadata.locale;
    if (key == "negative") {
      in_negative = true;
      continue;
    }
    if (target != nullptr) {
      if (value.empty()) {
        list = target;
      } else if (!ParseFlowList(value, target)) {
        return absl::InvalidArgumentError(absl::StrCat("frontmatter line ", i + 1, ": '", key,
                                                       "' takes a list, got '", value, "'"));
      }
    }
  }
  if (!metadata.negative_phase.empty() || !metadata.negative_type.empty()) {
    static const char* const kPhases[] = {"parse", "resolution", "runtime"};
    if (std::find(std::begin(kPhases), std::end(kPhases), metadata.negative_phase) ==
        std::end(kPhases)) {
      return absl::InvalidArgumentError(
          absl::StrCat("negative.phase must be parse, resolution or runtime, not '",
                       metadata.negative_phase, "'"));
    }
    if (metadata.negative_type.empty()) {
      return absl::InvalidArgumentError("negative needs a type");
    }
  }
  return metadata;
}

}  // namespace wbhost::test262
