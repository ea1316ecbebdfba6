#include "host/test262/reports.h"

#include <cstdio>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "host/error_report.h"
#include "host/file_util.h"
#include "host/output.h"

namespace wbhost::test262 {

namespace {

std::string JsonEscape(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
          out += ' ';
        else
          out.push_back(c);
    }
  }
  return out;
}

// Reads records written by WriteJson (one object per line).
bool ReadJson(const std::string& file, std::vector<Record>* out, std::string* error) {
  auto data = ReadFileBytes(file);
  if (!data.ok()) {
    *error = std::string(data.status().message());
    return false;
  }
  auto field = [](const std::string& line, const std::string& key) {
    std::string marker = "\"" + key + "\": ";
    size_t at = line.find(marker);
    if (at == std::string::npos)
      return std::string();
    at += marker.size();
    if (line[at] != '"') {
      size_t end = line.find_first_of(",}", at);
      return line.substr(at, end - at);
    }
    std::string value;
    for (size_t i = at + 1; i < line.size() && line[i] != '"'; ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        char e = line[++i];
        value.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
      } else {
        value.push_back(line[i]);
      }
    }
    return value;
  };
  for (absl::string_view piece : absl::StrSplit(*data, '\n')) {
    std::string line(piece);
    if (line.find("\"path\"") == std::string::npos)
      continue;
    Record r{field(line, "path"), field(line, "scenario"), field(line, "status"),
             field(line, "message"), 0};
    absl::SimpleAtod(field(line, "duration_ms"), &r.duration_ms);
    out->push_back(r);
  }
  return true;
}

}  // namespace

void WriteJson(const std::string& file, const std::vector<Record>& records) {
  std::ofstream json(file);
  json << "[\n";
  for (size_t i = 0; i < records.size(); ++i) {
    const Record& r = records[i];
    json << "  {\"path\": \"" << JsonEscape(r.path) << "\", \"scenario\": \"" << r.scenario
         << "\", \"status\": \"" << r.status
         << "\", \"duration_ms\": " << absl::StrFormat("%.3f", r.duration_ms) << ", \"message\": \""
         << JsonEscape(r.message) << "\"}" << (i + 1 < records.size() ? "," : "") << "\n";
  }
  json << "]\n";
}

void WriteJunit(const std::string& file, const std::vector<Record>& records) {
  size_t failures = 0, skipped = 0;
  double total = 0;
  for (const Record& r : records) {
    if (r.status == "skip")
      ++skipped;
    else if (r.status != "pass")
      ++failures;
    total += r.duration_ms;
  }
  std::ofstream xml(file);
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuite name=\"test262\" tests=\"" << records.size() << "\" failures=\"" << failures
      << "\" skipped=\"" << skipped << "\" time=\"" << absl::StrFormat("%.3f", total / 1000)
      << "\">\n";
  for (const Record& r : records) {
    xml << "  <testcase classname=\"" << XmlEscape(r.path) << "\" name=\"" << r.scenario
        << "\" time=\"" << absl::StrFormat("%.3f", r.duration_ms / 1000) << "\">";
    if (r.status == "skip") {
      xml << "<skipped message=\"" << XmlEscape(r.message) << "\"/>";
    } else if (r.status != "pass") {
      xml << "<failure type=\"" << r.status << "\" message=\"" << XmlEscape(r.message) << "\"/>";
    }
    xml << "</testcase>\n";
  }
  xml << "</testsuite>\n";
}

int MergeReports(const Options& options) {
  std::vector<Record> records;
  for (const std::string& file : options.merge_files) {
    std::string error;
    if (!ReadJson(file, &records, &error)) {
      HostError(absl::StrCat("test262: --merge: ", error));
      return 2;
    }
  }
  size_t passed = 0, failed = 0, skipped = 0;
  for (const Record& r : records) {
    if (r.status == "pass")
      ++passed;
    else if (r.status == "skip")
      ++skipped;
    else {
      ++failed;
      WriteStdout(absl::StrCat("FAIL ", r.path, " ", r.scenario, ": ", r.status,
                               r.message.empty() ? "" : " - ", r.message, "\n"));
    }
  }
  if (!options.json_file.empty())
    WriteJson(options.json_file, records);
  if (!options.junit_file.empty())
    WriteJunit(options.junit_file, records);
  WriteStdout(absl::StrCat(passed, " passed, ", failed, " failed, ", skipped, " skipped\n"));
  FlushStdout();
  return failed > 0 ? 1 : 0;
}

}  // namespace wbhost::test262
