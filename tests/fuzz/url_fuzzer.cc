// wbhost's URL and URLSearchParams (host/js/url.js) on arbitrary input and
// base strings. A URL that parses must serialise to an href that parses to
// itself, with consistent parts; anything but a TypeError from a bad input
// is a bug, and so is a program that runs away.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "tests/fuzz/v8_host.h"

namespace {

constexpr const char* kProgram = R"((function (input) {
  const nul = input.indexOf('\0');
  const text = nul < 0 ? input : input.slice(0, nul);
  const base = nul < 0 ? undefined : input.slice(nul + 1);
  let url;
  try {
    url = base === undefined ? new URL(text) : new URL(text, base);
  } catch (e) {
    if (!(e instanceof TypeError)) return 'BUG: ' + e;
    return 'invalid';
  }
  const again = new URL(url.href);
  if (again.href !== url.href) return 'BUG: href not stable: ' + url.href + ' / ' + again.href;
  for (const part of ['protocol', 'username', 'password', 'host', 'hostname', 'port',
                      'pathname', 'search', 'hash', 'origin']) {
    if (typeof url[part] !== 'string') return 'BUG: ' + part + ' is not a string';
  }
  if (!url.href.startsWith(url.protocol)) return 'BUG: href does not start with the protocol';
  const params = new URLSearchParams(url.search);
  params.append(text.slice(0, 8), base === undefined ? '' : base.slice(0, 8));
  params.sort();
  const round = new URLSearchParams(params.toString()).toString();
  if (round !== params.toString()) return 'BUG: search params not stable';
  url.search = params.toString();
  url.hash = text.slice(0, 4);
  if (new URL(url.href).href !== url.href) return 'BUG: href not stable after setters';
  // Authority and scheme setters: whatever they accept must still be a URL
  // that reparses to itself.
  const piece = base === undefined ? text.slice(-6) : base.slice(0, 6);
  for (const key of ['host', 'hostname', 'port', 'username', 'password', 'protocol']) {
    url[key] = piece;
    if (new URL(url.href).href !== url.href) return 'BUG: href not stable after setting ' + key;
  }
  return 'ok';
}))";

std::unique_ptr<wbhost::fuzz::V8Host> host;
int used = 0;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  wbhost::fuzz::V8Host::Initialize();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!host || ++used > 2000) {
    host.reset();
    host = std::make_unique<wbhost::fuzz::V8Host>(kProgram, wbhost::ShellOptions());
    used = 0;
  }
  std::string result = host->Call(std::string(reinterpret_cast<const char*>(data), size));
  if (result.rfind("BUG", 0) == 0 || result.rfind("throw:", 0) == 0) {
    fprintf(stderr, "url_fuzzer: %s\n", result.c_str());
    __builtin_trap();
  }
  return 0;
}
