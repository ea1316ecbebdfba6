#include "host/test262/job.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace wbhost::test262 {

namespace {

std::string Clean(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r')
      c = ' ';
  }
  return out;
}

}  // namespace

std::string EncodeJob(const Job& job) {
  return absl::StrCat(job.path, "\t", job.relative, "\t", job.scenario, "\t", job.harness_dir, "\t",
                      job.parser_expect, "\t", job.module_source ? "1" : "0", "\n");
}

bool DecodeJob(const std::string& line, Job* job) {
  std::vector<std::string> f = absl::StrSplit(line, '\t');
  if (f.size() != 6)
    return false;
  *job = Job{f[0], f[1], f[2], f[3], f[4], f[5] == "1"};
  return true;
}

std::string EncodeResult(const Result& result) {
  return absl::StrCat(result.status, "\t", absl::StrFormat("%.3f", result.duration_ms), "\t",
                      Clean(result.message), "\n");
}

Result DecodeResult(const std::string& line) {
  std::vector<std::string> f = absl::StrSplit(line, absl::MaxSplits('\t', 2));
  Result result;
  result.status = f.size() > 0 ? f[0] : "error";
  if (f.size() > 1)
    absl::SimpleAtod(f[1], &result.duration_ms);
  result.message = f.size() > 2 ? f[2] : "";
  return result;
}

}  // namespace wbhost::test262
