#include "bindings/js_text.h"

#include <cctype>
#include <cstring>

namespace wbhost::bindings {

namespace {

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         (static_cast<unsigned char>(c) >= 0x80);
}

// After these words a `/` starts a regular expression, not a division.
bool IsRegexKeyword(std::string_view word) {
  static constexpr const char* kWords[] = {"return", "typeof",     "case",  "do",     "else",
                                           "in",     "of",         "new",   "delete", "void",
                                           "throw",  "instanceof", "yield", "await"};
  for (const char* w : kWords) {
    if (word == w)
      return true;
  }
  return false;
}

size_t SkipQuoted(std::string_view s, size_t i) {
  char quote = s[i++];
  while (i < s.size() && s[i] != quote && s[i] != '\n') {
    if (s[i] == '\\')
      ++i;
    ++i;
  }
  return i < s.size() ? i + 1 : s.size();
}

size_t SkipRegex(std::string_view s, size_t i) {
  ++i;  // the opening '/'
  bool in_class = false;
  while (i < s.size() && s[i] != '\n') {
    char c = s[i];
    if (c == '\\') {
      i += 2;
      continue;
    }
    if (c == '[')
      in_class = true;
    else if (c == ']')
      in_class = false;
    else if (c == '/' && !in_class)
      break;
    ++i;
  }
  if (i < s.size() && s[i] == '/')
    ++i;
  while (i < s.size() && IsIdentChar(s[i]))
    ++i;
  return i;
}

void Blank(std::string& out, size_t from, size_t to) {
  for (size_t k = from; k < to && k < out.size(); ++k) {
    if (out[k] != '\n')
      out[k] = ' ';
  }
}

// The characters the scanner stops at; everything else is skipped a byte
// at a time in a tight loop.
struct StopTable {
  bool stop[256] = {};
  StopTable() {
    for (unsigned char c : std::string_view("/'\"`{}"))
      stop[c] = true;
  }
};

// Whether a `/` at `pos` of `code` (comments already blanked) starts a
// regular expression: it does after an operator, an opening bracket, a
// statement's end or a keyword such as `return`, not after a value.
bool SlashStartsRegex(std::string_view code, size_t pos) {
  size_t k = pos;
  while (k > 0 && std::isspace(static_cast<unsigned char>(code[k - 1])))
    --k;
  if (k == 0)
    return true;
  char last = code[k - 1];
  if (IsIdentChar(last)) {
    size_t start = k;
    while (start > 0 && IsIdentChar(code[start - 1]))
      --start;
    return IsRegexKeyword(code.substr(start, k - start));
  }
  return std::strchr("(,=:[!&|?{};+-*%<>~^", last) != nullptr;
}

}  // namespace

std::string BlankComments(std::string_view source) {
  static const StopTable kStops;
  std::string out(source);
  // Brace depths at which an enclosing template literal resumes (`${`).
  std::vector<int> template_resume;
  int depth = 0;
  size_t i = 0;
  auto scan_template = [&](size_t j) {
    // From inside a template literal: to its end, or into a `${`.
    while (j < source.size()) {
      char c = source[j];
      if (c == '\\') {
        j += 2;
        continue;
      }
      if (c == '`')
        return j + 1;
      if (c == '$' && j + 1 < source.size() && source[j + 1] == '{') {
        template_resume.push_back(depth);
        ++depth;
        return j + 2;
      }
      ++j;
    }
    return source.size();
  };
  const size_t size = source.size();
  while (i < size) {
    while (i < size && !kStops.stop[static_cast<unsigned char>(source[i])])
      ++i;
    if (i >= size)
      break;
    char c = source[i];
    if (c == '/' && i + 1 < size && source[i + 1] == '/') {
      size_t end = source.find('\n', i);
      if (end == std::string_view::npos)
        end = size;
      Blank(out, i, end);
      i = end;
    } else if (c == '/' && i + 1 < size && source[i + 1] == '*') {
      size_t end = source.find("*/", i + 2);
      end = end == std::string_view::npos ? size : end + 2;
      Blank(out, i, end);
      i = end;
    } else if (c == '/') {
      i = SlashStartsRegex(out, i) ? SkipRegex(source, i) : i + 1;
    } else if (c == '\'' || c == '"') {
      i = SkipQuoted(source, i);
    } else if (c == '`') {
      i = scan_template(i + 1);
    } else if (c == '{') {
      ++depth;
      ++i;
    } else {  // '}'
      --depth;
      ++i;
      if (!template_resume.empty() && template_resume.back() == depth) {
        template_resume.pop_back();
        i = scan_template(i);
      }
    }
  }
  return out;
}

namespace {

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
    ++i;
  return i;
}

// Whether the keyword at `pos` starts a statement (not `x.import`, `ximport`).
bool AtStatementStart(std::string_view code, size_t pos) {
  size_t k = pos;
  while (k > 0 && (code[k - 1] == ' ' || code[k - 1] == '\t'))
    --k;
  return k == 0 || std::strchr("\n;}{)", code[k - 1]) != nullptr;
}

// The string literal starting at `i`, if one does.
bool ReadString(std::string_view s, size_t i, std::string* value, size_t* end) {
  if (i >= s.size() || (s[i] != '"' && s[i] != '\''))
    return false;
  size_t close = SkipQuoted(s, i);
  if (close <= i + 1 || s[close - 1] != s[i])
    return false;
  *value = std::string(s.substr(i + 1, close - i - 2));
  *end = close;
  return true;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
    ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
    --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::vector<ImportDecl> FindImportDecls(std::string_view code) {
  constexpr size_t kMaxClause = 4096;
  std::vector<ImportDecl> decls;
  for (std::string_view keyword : {std::string_view("import"), std::string_view("export")}) {
    size_t pos = 0;
    while ((pos = code.find(keyword, pos)) != std::string_view::npos) {
      size_t after = pos + keyword.size();
      if (!AtStatementStart(code, pos) || (after < code.size() && IsIdentChar(code[after]))) {
        pos = after;
        continue;
      }
      ImportDecl decl;
      decl.begin = pos;
      decl.is_export = keyword == "export";
      size_t i = SkipSpace(code, after);
      size_t end = 0;
      if (!decl.is_export && ReadString(code, i, &decl.specifier, &end)) {
        decl.end = end;
      } else {
        // The clause runs to ` from "..."` within the statement.
        size_t from = i;
        bool found = false;
        while (from < code.size() && code[from] != ';') {
          if (code.compare(from, 4, "from") == 0 && from > 0 && !IsIdentChar(code[from - 1]) &&
              (from + 4 >= code.size() || !IsIdentChar(code[from + 4]))) {
            size_t str = SkipSpace(code, from + 4);
            if (ReadString(code, str, &decl.specifier, &end)) {
              decl.clause = Trim(code.substr(i, from - i));
              decl.end = end;
              found = true;
            }
            break;
          }
          // `export function f() {...}`, `export const x = ...`, `import(...)`
          // and `import.meta` have no `from`.
          if (code[from] == '(' || code[from] == '=' || from - i > kMaxClause)
            break;
          ++from;
        }
        if (!found) {
          pos = after;
          continue;
        }
      }
      size_t semi = SkipSpace(code, decl.end);
      if (semi < code.size() && code[semi] == ';')
        decl.end = semi + 1;
      decls.push_back(std::move(decl));
      pos = decls.back().end;
    }
  }
  return decls;
}

bool HasModuleSyntax(std::string_view code) {
  for (std::string_view keyword : {std::string_view("import"), std::string_view("export")}) {
    size_t pos = 0;
    while ((pos = code.find(keyword, pos)) != std::string_view::npos) {
      size_t after = pos + keyword.size();
      if (AtStatementStart(code, pos) && after < code.size() &&
          (code[after] == ' ' || code[after] == '{' || code[after] == '*' || code[after] == '\t' ||
           code[after] == '"' || code[after] == '\'')) {
        return true;
      }
      pos = after;
    }
  }
  return false;
}

std::vector<std::string> StringLiteralsEndingWith(std::string_view code, std::string_view suffix) {
  std::vector<std::string> found;
  size_t pos = 0;
  while ((pos = code.find(suffix, pos)) != std::string_view::npos) {
    size_t close = pos + suffix.size();
    pos = close;
    if (close >= code.size() || (code[close] != '\'' && code[close] != '"'))
      continue;
    char quote = code[close];
    size_t open = code.rfind(quote, close - 1);
    if (open == std::string_view::npos)
      continue;
    std::string_view value = code.substr(open + 1, close - open - 1);
    if (value.find('\n') != std::string_view::npos || value.find(' ') != std::string_view::npos)
      continue;
    found.emplace_back(value);
  }
  return found;
}

bool HasWord(std::string_view code, std::string_view word) {
  size_t pos = 0;
  while ((pos = code.find(word, pos)) != std::string_view::npos) {
    size_t end = pos + word.size();
    bool starts = pos == 0 || !IsIdentChar(code[pos - 1]);
    bool ends = end >= code.size() || !IsIdentChar(code[end]);
    if (starts && ends)
      return true;
    pos = end;
  }
  return false;
}

}  // namespace wbhost::bindings
