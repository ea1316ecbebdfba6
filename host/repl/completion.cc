#include "host/repl/completion.h"

#include <editline/readline.h>

#include <algorithm>
#include <cstring>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "host/environment.h"
#include "host/script_runner.h"
#include "host/v8_util.h"

namespace wbhost::repl {

namespace {

Environment* g_env = nullptr;

std::vector<std::string> PropertyNames(Environment* env, const std::string& object_expr) {
  v8::Isolate* isolate = env->isolate();
  v8::Local<v8::Context> context = env->main_context();
  v8::TryCatch try_catch(isolate);
  std::string code = absl::StrCat(
      "(() => { let o = ", object_expr.empty() ? "globalThis" : object_expr,
      "; const names = new Set(); for (; o !== null && o !== undefined; o = "
      "Object.getPrototypeOf(o)) {"
      " for (const k of Object.getOwnPropertyNames(o)) names.add(k); } return [...names]; })()");
  // Side-effect free enough for identifiers and property chains only.
  static const std::regex kSafe("^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$");
  std::vector<std::string> names;
  if (!object_expr.empty() && !std::regex_match(object_expr, kSafe))
    return names;
  v8::Local<v8::Value> value;
  if (!CompileAndRunScript(context, code, "(completion)").ToLocal(&value) || !value->IsArray()) {
    return names;
  }
  v8::Local<v8::Array> array = value.As<v8::Array>();
  for (uint32_t i = 0; i < array->Length(); ++i) {
    v8::Local<v8::Value> name;
    if (array->Get(context, i).ToLocal(&name))
      names.push_back(ToStd(isolate, name));
  }
  return names;
}

std::vector<std::string> g_matches;

char* MatchGenerator(const char* text, int state) {
  if (state >= static_cast<int>(g_matches.size()))
    return nullptr;
  return strdup(g_matches[state].c_str());
}

char** Complete(const char* text, int start, int end) {
  rl_completion_append_character = '\0';
  std::string word(text);
  size_t dot = word.find_last_of('.');
  std::string object = dot == std::string::npos ? "" : word.substr(0, dot);
  std::string prefix = dot == std::string::npos ? word : word.substr(dot + 1);
  g_matches.clear();
  v8::HandleScope scope(g_env->isolate());
  for (const std::string& name : PropertyNames(g_env, object)) {
    if (absl::StartsWith(name, prefix)) {
      g_matches.push_back(object.empty() ? name : absl::StrCat(object, ".", name));
    }
  }
  std::sort(g_matches.begin(), g_matches.end());
  g_matches.erase(std::unique(g_matches.begin(), g_matches.end()), g_matches.end());
  if (g_matches.empty())
    return nullptr;
  return rl_completion_matches(text, MatchGenerator);
}

}  // namespace

void InstallCompletion(Environment* env) {
  g_env = env;
  rl_attempted_completion_function = Complete;
}

}  // namespace wbhost::repl
