#pragma once
/// Loading rule files (TOML, docs/rule-files.md) into plans. Loading is checking: an unknown
/// unit, a threshold whose dimension does not fit its indicator, an unknown kind, a missing or
/// unknown field, a duplicate id, a bad year or a base year after the target year is refused
/// with file:line:column and a stable code.
///
///     auto plan = plancheck::load_shipped_plan("nmg-13fyp-energy");
///     for (const auto& t : plan->targets) std::cout << t.id << ": " << t.source << '\n';

#include <string>
#include <string_view>
#include <vector>

#include "plancheck/error.hpp"
#include "plancheck/plan.hpp"

namespace plancheck {

/// The plan used when none is chosen.
inline constexpr std::string_view default_plan_id = "nmg-13fyp-energy";

/// Loads rule-file text. `file` names it in origins. When `all_errors` is given, loading goes
/// on after the first error and every error found is appended there (for `plancheck lint`);
/// the result is then the first error.
[[nodiscard]] result<plan> load_plan(std::string_view toml_text, std::string file,
                                     diagnostics* all_errors = nullptr);

/// Loads a rule file from disk.
[[nodiscard]] result<plan> load_plan_file(const std::string& path, diagnostics* all_errors = nullptr);

/// The ids of the rule sets compiled into plancheck, in order.
[[nodiscard]] std::vector<std::string> shipped_plan_ids();

/// The text of a shipped rule set, or empty when there is none with that id.
[[nodiscard]] std::string_view shipped_plan_text(std::string_view id);

/// Loads a shipped rule set; E-PLAN when there is none with that id.
[[nodiscard]] result<plan> load_shipped_plan(std::string_view id);

}  // namespace plancheck
