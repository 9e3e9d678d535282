#pragma once
/// Merging: the JSON reports of separate runs (shards of one job, over processes or machines)
/// combined into the report one run over all their inputs gives, byte for byte.
///
/// A merge trusts no verdict of a report. Each report carries every value it read (`data`, in
/// the canonical unit, with its origin); the merge takes the values of all reports, in order,
/// as one run reads its files (a value given again by a later report is a note, a different
/// value an E-DUPLICATE error), and judges them with the code `check` uses
/// (judge_observations): submission checks, evaluation, summary. Each report is first
/// re-judged on its own values, so a report whose results say something its values do not (a
/// status edited by hand) is refused. Reports must be of one plan and rule file, and made with
/// the same result-changing options; `--all-years` is on when the reports hold more than one
/// input, as for one run over several files. docs/batch.md has the details.
///
///     auto plan = plancheck::load_shipped_plan("nmg-13fyp-energy").value();
///     auto a = plancheck::read_report_file("shard-1.json");
///     auto b = plancheck::read_report_file("shard-2.json");
///     auto merged = plancheck::merge_reports({*a, *b}, plan);
///     if (merged && !merged->outcome.input_failed) std::cout << merged->document;

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "plancheck/check.hpp"
#include "plancheck/error.hpp"
#include "plancheck/plan.hpp"
#include "plancheck/report.hpp"

namespace plancheck {

/// The largest JSON report merge reads: 64 MiB (about 150 000 values); a larger one is refused
/// (E-REPORT) before it is parsed.
inline constexpr std::size_t max_report_bytes = std::size_t{64} << 20;
/// The deepest nesting of arrays and objects a report may have (a real one has 5).
inline constexpr std::size_t max_report_depth = 32;

/// A JSON report as read: its name (for messages) and its text. A `plancheck-reports/1`
/// document (`check --per-file --format json`) counts as each of the reports it holds.
struct report_text {
    std::string name;     ///< the file's name, or "<stdin>"
    std::string content;  ///< the JSON text
};

/// Reads a report file ("-" or "/dev/stdin": standard input); E-IO when it cannot be read,
/// E-REPORT when it is larger than max_report_bytes.
[[nodiscard]] result<report_text> read_report_file(const std::string& path);

/// The plan a report names, so that the caller can load it before merging.
struct report_plan {
    std::string id;                ///< run.plan.id
    std::string rule_file;         ///< run.plan.rule_file
    std::string sha256;            ///< run.plan.rule_file_sha256
    std::string regional_targets;  ///< run.options.regional_targets (empty: none)
};

/// The plan of the first report in `r` (of a bundle, its first report); E-REPORT with the JSON
/// path when it is not a plancheck report.
[[nodiscard]] result<report_plan> plan_of_report(const report_text& r);

/// The merged report: what one run over every input of the reports gives.
struct merged_report {
    check_outcome outcome;  ///< the values, findings and evaluation; input_failed as for one run
    run_info run;           ///< version and options of the reports, the inputs of all of them
    std::string document;   ///< the JSON report, plancheck-report/1 (empty when input_failed)
    double fail_under = 100;   ///< the reports' --fail-under
    double min_coverage = 0;   ///< the reports' --min-coverage
    std::size_t reports = 0;   ///< reports merged (a bundle counts each of its reports)
};

/// Merges reports of plan `p`. Errors name the report and the JSON path: E-REPORT for a text
/// that is not a well-formed report (broken JSON with line:column, a field missing or of the
/// wrong type, a number out of range, an unknown target or indicator id, an impossible year, a
/// bundle inside a bundle, results its own values contradict), E-PLAN for another plan or rule
/// file, E-USAGE for different result-changing options, E-DUPLICATE for an input given by two
/// reports. A bundle's failed files and values two reports give differently are not errors of
/// the merge: they make `outcome.input_failed`, with their findings, as they would in one run.
[[nodiscard]] result<merged_report> merge_reports(const std::vector<report_text>& reports, const plan& p);

}  // namespace plancheck
