#pragma once
// --plan and --targets, shared by the subcommands that work on a plan.

#include <string>
#include <vector>

#include "cli/app.hpp"
#include "plancheck/catalog.hpp"

namespace plancheck::cli {

/// The raw --plan and --targets values.
struct plan_selection {
    std::string plan_id;
    std::vector<std::string> rule_files;
};

/// Adds --plan ID and --targets FILE (repeatable) to a subcommand; `by_years` when the command
/// picks the plan by the data's years without them (check).
void add_plan_options(CLI::App* app, plan_selection& selection, bool by_years = false);

/// Loads the rule files; prints the error and returns nullopt when one does not load.
std::optional<plan_catalog> open_catalog(const context& ctx, const plan_selection& selection);

/// The chosen plan; prints the error and returns nullptr when there is none.
const plan* choose_plan(const context& ctx, plan_catalog& catalog, const plan_selection& selection);

/// True when an output file's name ends in .xlsx (any case): the user asks for a workbook.
bool names_workbook(std::string_view path);

/// Writes a report to a file atomically (a temporary file renamed into place), so the file is
/// either complete or absent. Returns false after printing the error.
bool write_output_file(const context& ctx, const std::string& path, std::string_view content);

}  // namespace plancheck::cli
