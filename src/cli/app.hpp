#pragma once
// The CLI's shared pieces: exit codes, the run context, and how subcommands register.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "plancheck/error.hpp"
#include "plancheck/evaluate.hpp"

namespace plancheck::cli {

/// Exit codes, defined once: a missed target is a result, not a failure of the tool.
enum exit_code : int {
    exit_ok = 0,             ///< compliance at or above --fail-under (or nothing to judge)
    exit_targets_missed = 1, ///< compliance below --fail-under
    exit_bad_input = 2,      ///< bad input or usage; nothing evaluated
};

/// Options every subcommand accepts, as CLI11 leaves them (strings), before validation.
struct global_options {
    std::string lang;            ///< zh | en | "" (from the locale)
    std::string color = "auto";  ///< auto | always | never
    bool quiet = false;
};

/// What a subcommand runs with once arguments are validated.
struct context {
    language lang = language::en;
    bool color_stderr = false;  ///< colour diagnostics on stderr
    bool color_stdout = false;  ///< colour the report on stdout
    bool quiet = false;
};

/// A registered subcommand: its CLI11 node and what to run when it was chosen.
struct command {
    CLI::App* app;
    std::function<int(const context&)> run;
};

/// Each subcommand's file provides one of these.
command add_units_command(CLI::App& root);
command add_convert_command(CLI::App& root);
command add_check_command(CLI::App& root);
command add_plans_command(CLI::App& root);
command add_rules_command(CLI::App& root);
command add_lint_command(CLI::App& root);
command add_template_command(CLI::App& root);
command add_merge_command(CLI::App& root);
command add_indicators_command(CLI::App& root);

/// Writes text to stdout; on a closed pipe (`| head`) exits quietly with the given code.
void write_stdout(std::string_view text, int exit_code_if_closed = exit_ok);
/// Prints a diagnostic on stderr (coloured when the context says so).
void print_diagnostic(const context& ctx, const error& e);
/// The --min-coverage gate: true when at least `min_coverage` percent of the targets were judged;
/// otherwise says so on stderr (E-COVERAGE) and returns false.
bool coverage_gate(const context& ctx, const tally& all, double min_coverage);
/// E-USAGE printed on stderr; returns exit_bad_input.
int usage_error(const context& ctx, std::string en, std::string zh);

}  // namespace plancheck::cli
