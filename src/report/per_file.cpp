// The reports of `check --per-file` in one output.

#include <fmt/format.h>

#include "plancheck/report.hpp"
#include "report/json_common.hpp"

namespace plancheck {

namespace {

// Prefixes every record of a CSV report with a `file` field (records may span lines inside
// quotes), keeping the header once: --per-file CSV is one table.
std::string with_file_column(std::string_view csv, std::string_view file, bool keep_header, language lang) {
    const auto field = [](std::string_view s) {
        if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
        std::string out = "\"";
        for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        return out + "\"";
    };
    std::string out;
    bool header = true;
    bool at_start = true;
    bool quoted = false;
    for (const char c : csv) {
        if (at_start) {
            if (!header || keep_header) out += header ? (lang == language::zh ? "文件," : "file,") : field(file) + ",";
            at_start = false;
        }
        const bool record_ends = c == '\n' && !quoted;
        if (c == '"') quoted = !quoted;
        if (!header || keep_header) out += c;
        if (record_ends) {
            header = false;
            at_start = true;
        }
    }
    return out;
}

}  // namespace

std::string combine_file_reports(report_format format, const std::vector<file_report>& each, language lang) {
    using json = detail::ordered_json;
    if (format == report_format::json) {
        json reports = json::array();
        json failed = json::array();
        for (const file_report& f : each) {
            if (f.evaluated) {
                reports.push_back(json::parse(f.report));
                continue;
            }
            json findings = json::array();
            for (const error& e : f.input_errors) findings.push_back(detail::finding_json(e));
            failed.push_back(json{{"file", f.file}, {"findings", std::move(findings)}});
        }
        const json doc{{"schema", "plancheck-reports/1"}, {"reports", std::move(reports)}, {"failed", std::move(failed)}};
        return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    }
    std::string out;
    bool first = true;
    for (const file_report& f : each) {
        if (format == report_format::csv) {
            if (!f.evaluated) continue;  // no rows: the errors are on stderr
            out += with_file_column(f.report, f.file, first, lang);
        } else if (format == report_format::github) {
            out += f.report;
        } else if (format == report_format::markdown) {
            out += fmt::format("{}**{}**\n\n{}", first ? "" : "\n---\n\n", f.file,
                               f.evaluated ? f.report : "Nothing evaluated: input errors (see stderr).\n");
        } else {
            out += fmt::format("{}==> {} <==\n{}", first ? "" : "\n", f.file,
                               f.evaluated ? f.report : "nothing evaluated: input errors (see stderr)\n");
        }
        first = false;
    }
    return out;
}

}  // namespace plancheck
