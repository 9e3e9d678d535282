#pragma once
/// Reports: renderers of an evaluation. No arithmetic beyond formatting; no pass/fail decisions.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plancheck/error.hpp"
#include "plancheck/evaluate.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/plan.hpp"

namespace plancheck {

/// Output formats of `plancheck check`.
enum class report_format : std::uint8_t { text, json, csv, markdown, junit, github, html, xlsx };
/// "text", "json", "csv", "markdown", "junit", "github", "html", "xlsx".
[[nodiscard]] std::string_view to_string(report_format f);
/// The format named `name`, if any.
[[nodiscard]] std::optional<report_format> parse_report_format(std::string_view name);

/// What produced a report, for the audit trail of the JSON report.
struct run_info {
    std::string version;                              ///< plancheck version
    std::map<std::string, std::string> options;       ///< options as used, by name
    std::optional<double> fail_under;                 ///< --fail-under, in percent
    /// How many of the findings came from reading the inputs (the rest: checks of the values);
    /// the JSON report's `data` says so, for `plancheck merge`.
    std::size_t read_findings = 0;
    std::uint64_t read_left_out = 0;  ///< of findings_left_out, those from reading
};

/// Everything a renderer reads.
struct report_context {
    const plan& p;                        ///< the plan evaluated
    const evaluation& ev;                 ///< its evaluation
    const observation_set& data;          ///< the values it used, for origins and input lines
    const diagnostics& findings;          ///< warnings and notes from reading the inputs
    std::uint64_t findings_left_out = 0;  ///< findings not kept (--max-findings)
    language lang = language::en;         ///< language of the report
    bool color = false;                   ///< ANSI colours (text only)
    bool only_failed = false;             ///< list only results that are not met
    bool verbose = false;                 ///< list ignored rows too
    run_info run{};  ///< what produced it (JSON audit trail)
};

/// Renders the evaluation in a format. For xlsx, the workbook's bytes, or an empty string when it
/// could not be written (render_xlsx says why).
[[nodiscard]] std::string render(report_format format, const report_context& ctx);

/// The renderers, one per format.
/// Text: a table per section, columns aligned in terminal cells, then the compliance line.
[[nodiscard]] std::string render_text(const report_context& ctx);
/// JSON, schema plancheck-report/1 (docs/json-report.md).
[[nodiscard]] std::string render_json(const report_context& ctx);
/// CSV: one row per result.
[[nodiscard]] std::string render_csv(const report_context& ctx);
/// Markdown: a table per section and the compliance line.
[[nodiscard]] std::string render_markdown(const report_context& ctx);
/// An Excel workbook (.xlsx, as bytes): a summary sheet (compliance, coverage, the run's
/// metadata and SHA-256s, the inputs) and a results sheet, one row per result with the status
/// and grade cells coloured by the grade; headers and words in the report's language; every
/// cell from an input or a rule file text, never a formula. E-IO when it cannot be written.
[[nodiscard]] result<std::string> render_xlsx(const report_context& ctx);
/// One target's results explained: inputs with origins, each computation step, the verdict.
[[nodiscard]] std::string render_explanation(const report_context& ctx, const std::string& target_id);
/// JUnit XML for CI: a testsuite per plan and region, a testcase per target and year; a missed
/// target is a <failure> (gap, grade, the plan's sentence, origins), no data is <skipped>.
[[nodiscard]] std::string render_junit(const report_context& ctx);
/// JUnit XML when the inputs had errors and nothing was evaluated: one <error> per data error
/// (at file:line:column), plus one for findings not kept (`left_out`).
[[nodiscard]] std::string render_junit_input_errors(const plan_info& info, const diagnostics& findings,
                                                    std::uint64_t left_out = 0, language lang = language::en);
/// GitHub Actions workflow commands: `::error file=…,line=…,col=…` at the CSV cell of each
/// missed target, `::warning` for data-quality findings, a `::notice` with the compliance.
[[nodiscard]] std::string render_github(const report_context& ctx);
/// GitHub Actions `::error` commands for input errors (and `::warning` for warnings).
[[nodiscard]] std::string render_github_input_errors(const diagnostics& findings, std::uint64_t left_out = 0,
                                                     language lang = language::en);
/// HTML: one self-contained page (inline CSS and SVG, no script, nothing fetched; printable on
/// A4): the compliance gauges, per section a chart of each target judged in two or more years
/// and a table of the results, the league × target grid; every input string escaped.
[[nodiscard]] std::string render_html(const report_context& ctx);

/// One file's part of `check --per-file`.
struct file_report {
    std::string file;          ///< the file as named ("<stdin>" for standard input)
    bool evaluated = true;     ///< false when input errors stopped it and nothing was evaluated
    std::string report;        ///< its rendered report (GitHub commands of the errors when not evaluated)
    diagnostics input_errors;  ///< the errors that stopped it, when not evaluated
};

/// The reports of several files in one output (`check --per-file`): for JSON one document
/// (schema plancheck-reports/1: the reports, and each file not evaluated with its findings), for
/// CSV one table with a leading `file` column, for GitHub the commands one after another, for
/// Markdown and the rest each report under its file's name (`check` refuses --per-file for JUnit
/// and HTML, one document per run). `lang` names the CSV's `file` column (文件 in Chinese), as
/// the reports' own headers follow it.
[[nodiscard]] std::string combine_file_reports(report_format format, const std::vector<file_report>& each,
                                               language lang = language::en);

/// How a result's measure is shown: the number in a display unit and that unit's spelling.
struct shown_value {
    double number = 0;  ///< the value in `unit`
    std::string unit;   ///< the unit's spelling, e.g. 万吨标准煤 or %
};

/// The unit a result's values are shown in: the threshold's unit for amounts, % for changes.
[[nodiscard]] unit display_unit(const plan& p, const target_result& r);
/// A quantity in the result's display unit.
[[nodiscard]] std::optional<shown_value> show(const plan& p, const target_result& r,
                                              const std::optional<any_quantity>& q);
/// A number for people: at most `decimals` decimals, no trailing zeros.
[[nodiscard]] std::string format_display(double value, int decimals = 2);
/// Attainment as the plan prints it: rounded down to a whole percent ("138%").
[[nodiscard]] std::string format_attainment(const units::quantity_of<quantity_kind::share>& a);

}  // namespace plancheck
