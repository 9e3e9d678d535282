#pragma once
/// Merging: the JSON reports of separate runs (shards of one job, over processes or machines)
/// combined into the report one run over all their inputs would have given.
///
/// The reports must come from one plan (same id, same rule-file SHA-256) and from runs with the
/// options that change results (year, region, path, tolerance, yellow band, --require-all,
/// --all-years, --fail-under) set alike. Results are united by (target, region, year): identical
/// results collapse; a `no data` or `not evaluable` result that used no value from the data (the
/// shard had nothing for that region or indicator) yields to a result of another shard that did,
/// and is dropped before the latest year, as one run only judges earlier years that hold data;
/// any other disagreement is an error (the shards were not independent). The summary is
/// recomputed as evaluation computes it: the latest year of each target and region counts.
/// docs/batch.md says when shards are independent.
///
///     auto a = plancheck::read_report_file("shard-1.json");
///     auto b = plancheck::read_report_file("shard-2.json");
///     auto merged = plancheck::merge_reports({*a, *b});
///     if (merged) std::cout << merged->document;

#include <optional>
#include <string>
#include <vector>

#include "plancheck/error.hpp"
#include "plancheck/evaluate.hpp"
#include "plancheck/report.hpp"

namespace plancheck {

/// A JSON report as read: its name (for messages) and its text. A `plancheck-reports/1`
/// document (`check --per-file --format json`) counts as each of the reports it holds.
struct report_text {
    std::string name;     ///< the file's name, or "<stdin>"
    std::string content;  ///< the JSON text
};

/// Reads a report file; E-IO when it cannot be read.
[[nodiscard]] result<report_text> read_report_file(const std::string& path);

/// One result of a merged report, as its report gives it.
struct merged_result {
    std::string target;              ///< target id
    localized_text name;             ///< the target's short title
    std::string region;              ///< canonical region name
    int year = 0;                    ///< the year judged
    status verdict = status::no_data;  ///< the verdict
    bool binding = false;            ///< 约束性 (true) or 预期性 (false)
    grade warning = grade::none;     ///< early-warning grade
    std::optional<shown_value> actual;    ///< in the result's display unit
    std::optional<shown_value> required;  ///< in the result's display unit
    localized_text reason;           ///< why no data / not evaluable, or a note
    std::string from;                ///< name of the report it came from
};

/// The merged report.
struct merged_report {
    std::string document;                ///< the merged JSON report, schema plancheck-report/1
    std::string plan_id;                 ///< the reports' plan
    localized_text plan_title;           ///< its title
    std::vector<merged_result> results;  ///< ordered by target (rule-file order), region, year
    compliance_summary summary;          ///< recomputed over the latest year of each target
    std::vector<int> years;              ///< every year judged, ascending
    bool require_all = false;  ///< the runs used --require-all
    std::optional<units::quantity_of<quantity_kind::share>> fail_under;  ///< the runs' --fail-under
    std::size_t reports = 0;             ///< reports merged
    std::size_t collapsed = 0;           ///< identical results given by more than one report
    std::size_t superseded = 0;          ///< results without data replaced or dropped
    std::size_t findings = 0;            ///< findings of all reports
};

/// Merges reports; E-USAGE for a text that is not a plancheck report (with line:column for
/// broken JSON), E-PLAN for reports of different plans or rule files, E-USAGE for reports made
/// with different result-changing options, E-DUPLICATE for two different results of one target,
/// region and year.
[[nodiscard]] result<merged_report> merge_reports(const std::vector<report_text>& reports);

/// A compact text rendering: one line per result, then the compliance line.
[[nodiscard]] std::string render_merged_text(const merged_report& merged, language lang);

}  // namespace plancheck
