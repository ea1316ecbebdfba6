#include "host/test262/runner.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "host/error_report.h"
#include "host/file_util.h"
#include "host/output.h"
#include "host/test262/frontmatter.h"
#include "host/test262/job.h"
#include "host/test262/options.h"
#include "host/test262/reports.h"
#include "host/test262/unsupported_features.h"
#include "host/test262/worker.h"
#include "host/test262/worker_pool.h"

namespace wbhost::test262 {

namespace {

bool IsDirectory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

void CollectFiles(const std::string& path, std::vector<std::string>* out) {
  if (!IsDirectory(path)) {
    out->push_back(path);
    return;
  }
  DIR* dir = opendir(path.c_str());
  if (dir == nullptr)
    return;
  std::vector<std::string> names;
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name == "." || name == ".." || name == "node_modules")
      continue;
    names.push_back(name);
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string child = path + "/" + name;
    if (IsDirectory(child)) {
      if (name == "harness" || name == "packages" || name == "fixtures")
        continue;
      CollectFiles(child, out);
    } else if (absl::EndsWith(name, ".js") || absl::EndsWith(name, ".mjs")) {
      if (name.find("_FIXTURE") != std::string::npos)
        continue;
      out->push_back(child);
    }
  }
}

// The folder holding harness/ for `path`: walking up from it.
std::string FindRoot(const std::string& path) {
  std::string dir = IsDirectory(path) ? path : path.substr(0, path.find_last_of('/'));
  while (true) {
    if (access((dir + "/harness/assert.js").c_str(), R_OK) == 0)
      return dir;
    if (dir == "/" || dir.empty())
      return std::string();
    size_t slash = dir.find_last_of('/');
    dir = slash == 0 ? "/" : dir.substr(0, slash);
  }
}

std::string RelativeTo(const std::string& path, const std::string& root) {
  if (!root.empty() && absl::StartsWith(path, root + "/"))
    return path.substr(root.size() + 1);
  return path;
}

std::set<std::string> UnsupportedFeatures() {
  // What V8 10.2 lacks (host/test262/unsupported-features.txt, embedded by
  // the build, says why).
  std::set<std::string> out;
  for (absl::string_view line : absl::StrSplit(kUnsupportedFeatures, '\n')) {
    std::string text(line.substr(0, line.find('#')));
    while (!text.empty() && isspace(text.back()))
      text.pop_back();
    while (!text.empty() && isspace(text.front()))
      text.erase(0, 1);
    if (!text.empty())
      out.insert(text);
  }
  return out;
}

std::vector<std::string> ScenariosOf(const TestMetadata& meta) {
  // A raw module is a module (the worker leaves out the harness for raw).
  if (meta.HasFlag("module"))
    return {"module"};
  if (meta.HasFlag("raw"))
    return {"raw"};
  if (meta.HasFlag("onlyStrict"))
    return {"strict"};
  if (meta.HasFlag("noStrict"))
    return {"sloppy"};
  return {"sloppy", "strict"};
}

}  // namespace

int RunTest262(const std::vector<std::string>& args, V8Runtime& runtime) {
  std::string error;
  std::optional<Options> parsed = ParseArgs(args, &error);
  if (!parsed) {
    HostError(absl::StrCat("test262: ", error, " (wbhost test262 --help)"));
    return 2;
  }
  Options options = *parsed;
  if (options.worker_process)
    return RunWorkerProcessLoop(runtime, options);
  if (!options.merge_files.empty())
    return MergeReports(options);
  std::set<std::string> unsupported = UnsupportedFeatures();

  // Jobs, in a stable order; skipped ones are results already.
  std::vector<Job> jobs;
  std::vector<std::pair<Job, Result>> skipped;
  for (const std::string& given : options.paths) {
    std::string path = AbsolutePath(given);
    if (access(path.c_str(), R_OK) != 0) {
      HostError(absl::StrCat("test262: cannot read '", given, "'"));
      return 2;
    }
    std::string root =
        options.test262_dir.empty() ? FindRoot(path) : AbsolutePath(options.test262_dir);
    if (root.empty()) {
      HostError(
          absl::StrCat("test262: no harness/ found above '", given, "' (give --test262-dir)"));
      return 2;
    }
    std::vector<std::string> files;
    CollectFiles(path, &files);
    for (const std::string& file : files) {
      Job job;
      job.path = file;
      job.relative = RelativeTo(file, root);
      job.harness_dir = root + "/harness";
      auto source = ReadFileBytes(file);
      TestMetadata meta;
      if (source.ok()) {
        auto parsed_meta = ParseFrontmatter(*source);
        if (parsed_meta.ok())
          meta = *parsed_meta;
      }
      bool wanted_flag = options.flags.empty();
      for (const std::string& flag : meta.flags)
        wanted_flag |= options.flags.count(flag) > 0;
      bool wanted_feature = options.features.empty();
      for (const std::string& f : meta.features)
        wanted_feature |= options.features.count(f) > 0;
      if (!wanted_flag || !wanted_feature)
        continue;
      std::string skip_reason;
      for (const std::string& f : meta.features) {
        if (options.exclude_features.count(f))
          skip_reason = absl::StrCat("excluded feature ", f);
        else if (unsupported.count(f))
          skip_reason = absl::StrCat("V8 10.2 lacks ", f);
      }
      // The main agent may block (Atomics.wait), as in d8 and node.
      if (meta.HasFlag("CanBlockIsFalse"))
        skip_reason = "the main agent can block";
      for (const std::string& scenario : ScenariosOf(meta)) {
        job.scenario = scenario;
        if (!skip_reason.empty())
          skipped.push_back({job, {"skip", skip_reason, 0}});
        else
          jobs.push_back(job);
      }
    }
  }
  if (!options.parser_tests_dir.empty()) {
    std::string root = AbsolutePath(options.parser_tests_dir);
    for (const char* folder : {"pass", "pass-explicit", "fail", "early"}) {
      std::vector<std::string> files;
      CollectFiles(root + "/" + folder, &files);
      for (const std::string& file : files) {
        Job job;
        job.path = file;
        job.relative = RelativeTo(file, root);
        job.scenario = "parse";
        job.parser_expect = absl::StartsWith(folder, "pass") ? "pass" : "fail";
        job.module_source = absl::EndsWith(file, ".module.js");
        jobs.push_back(job);
      }
    }
  }
  if (options.shard_count > 1) {
    // Skipped tests are sharded too, so merged shards count each once.
    std::vector<Job> mine;
    for (size_t i = 0; i < jobs.size(); ++i) {
      if (static_cast<int>(i % options.shard_count) == options.shard_index)
        mine.push_back(jobs[i]);
    }
    jobs.swap(mine);
    std::vector<std::pair<Job, Result>> my_skips;
    for (size_t i = 0; i < skipped.size(); ++i) {
      if (static_cast<int>(i % options.shard_count) == options.shard_index) {
        my_skips.push_back(skipped[i]);
      }
    }
    skipped.swap(my_skips);
  }

  // Run them, each in a worker process of its own (a test that crashes its
  // process is that test's result; the run goes on with a new worker).
  int jobs_count =
      options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<Result> results(jobs.size());
  auto started = std::chrono::steady_clock::now();
  RunInWorkerProcesses(jobs, options, jobs_count, &results);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  // Everything, in order: run results, then skips.
  std::vector<std::pair<Job, Result>> all;
  for (size_t i = 0; i < jobs.size(); ++i)
    all.push_back({jobs[i], results[i]});
  for (auto& entry : skipped)
    all.push_back(entry);

  // Expectations: known failures don't fail the run.
  std::set<std::string> expected_failures;
  if (!options.expectations_file.empty()) {
    auto data = ReadFileBytes(options.expectations_file);
    if (data.ok()) {
      for (absl::string_view line : absl::StrSplit(*data, '\n', absl::SkipEmpty())) {
        if (line[0] != '#')
          expected_failures.insert(std::string(line));
      }
    }
  }
  size_t passed = 0, failures = 0, skips = 0, unexpected = 0;
  std::map<std::string, std::array<size_t, 3>> by_dir;
  std::vector<std::string> new_failures, newly_passing, known;
  for (const auto& [job, result] : all) {
    std::string key = absl::StrCat(job.relative, " ", job.scenario);
    std::string dir = job.relative.substr(0, job.relative.find_last_of('/'));
    bool known_failure = expected_failures.count(key) > 0;
    if (result.status == "pass") {
      ++passed;
      by_dir[dir][0]++;
      if (known_failure)
        newly_passing.push_back(key);
    } else if (result.status == "skip") {
      ++skips;
      by_dir[dir][2]++;
    } else {
      ++failures;
      by_dir[dir][1]++;
      known.push_back(key);
      if (!known_failure) {
        ++unexpected;
        new_failures.push_back(absl::StrCat(key, ": ", result.status,
                                            result.message.empty() ? "" : " - ", result.message));
      }
    }
  }
  for (const std::string& line : new_failures)
    WriteStdout(absl::StrCat("FAIL ", line, "\n"));
  for (const std::string& line : newly_passing) {
    WriteStdout(absl::StrCat("NEWLY PASSING ", line, "\n"));
  }
  if (by_dir.size() > 1) {
    for (const auto& [dir, counts] : by_dir) {
      WriteStdout(absl::StrCat(dir, ": ", counts[0], " passed, ", counts[1], " failed, ", counts[2],
                               " skipped\n"));
    }
  }
  WriteStdout(absl::StrCat(jobs.size(), " run in ", absl::StrFormat("%.1f", seconds), " s (",
                           absl::StrFormat("%.0f", jobs.size() / std::max(seconds, 0.001)),
                           " tests/s, ", jobs_count, " workers)\n"));
  if (!options.json_file.empty() || !options.junit_file.empty()) {
    std::vector<Record> records;
    for (const auto& [job, result] : all) {
      records.push_back(
          {job.relative, job.scenario, result.status, result.message, result.duration_ms});
    }
    if (!options.json_file.empty())
      WriteJson(options.json_file, records);
    if (!options.junit_file.empty())
      WriteJunit(options.junit_file, records);
  }
  if (options.update_expectations && !options.expectations_file.empty()) {
    std::ofstream out(options.expectations_file);
    out << "# Known failures: '<path> <scenario>' per line (wbhost test262 "
           "--update-expectations writes this).\n";
    std::sort(known.begin(), known.end());
    for (const std::string& key : known)
      out << key << "\n";
    unexpected = 0;
  }
  // The closing line counts known failures as failed; the exit code only
  // reflects unexpected ones.
  WriteStdout(absl::StrCat(passed, " passed, ", failures, " failed, ", skips, " skipped\n"));
  FlushStdout();
  return unexpected > 0 || !newly_passing.empty() ? 1 : 0;
}

}  // namespace wbhost::test262
