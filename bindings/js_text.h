// Reading JavaScript source as text, for the recogniser: the code with its
// comments blanked out, and the few statement shapes the recogniser looks
// for (import declarations, string literals). Not a parser: it knows
// strings, template literals, regular expression literals and comments,
// which is what it takes for a word in a comment not to count as code.
#ifndef BINDINGS_JS_TEXT_H_
#define BINDINGS_JS_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace wbhost::bindings {

// `source` with every comment replaced by spaces (newlines kept), so that
// offsets and line numbers into the result are those of the source.
std::string BlankComments(std::string_view source);

// An import declaration of an ES module: `import <clause> from "<spec>"`,
// `import "<spec>"`, `export ... from "<spec>"`.
struct ImportDecl {
  size_t begin = 0;    // offset of `import` / `export`
  size_t end = 0;      // just past the closing quote (and a `;` if one follows)
  std::string clause;  // between `import` and `from`, trimmed ("* as wasm", "{ x }")
  std::string specifier;
  bool is_export = false;
};

// The import and export-from declarations of `code` (comments blanked),
// found where a statement can start.
std::vector<ImportDecl> FindImportDecls(std::string_view code);

// Whether `code` has an `import`/`export` statement (an ES module).
bool HasModuleSyntax(std::string_view code);

// The contents of every string literal in `code` ('...' and "...") that
// ends with `suffix`, in order.
std::vector<std::string> StringLiteralsEndingWith(std::string_view code, std::string_view suffix);

// Whether `word` occurs in `code` as a whole identifier or property name.
bool HasWord(std::string_view code, std::string_view word);

}  // namespace wbhost::bindings

#endif  // BINDINGS_JS_TEXT_H_
