#pragma once
/// The audit of a plan's internal consistency: where the plan states one thing twice (a cap and
/// a percentage cut from a stated base; an increment, a yearly growth and a total for one
/// indicator), do the numbers agree? Plus what a user of the plan should know: targets whose
/// base value the statistics must carry, indicators no target uses, targets that name no row of
/// the checklist. No I/O; `plancheck lint` prints the findings.
///
///     auto plan = plancheck::load_shipped_plan("nmg-13fyp-energy");
///     for (const plancheck::error& e : plancheck::audit_plan(*plan)) std::cout << e.format(lang);
///     // …: warning[W-AUDIT]: nh3n-cap and nh3n-cut disagree: 4.69 万吨 × (1 − 7%) = 4.3617 万吨,
///     //    but the cap is 4.37 万吨 (the cap implies a fall of 6.82%)

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plancheck/error.hpp"
#include "plancheck/plan.hpp"
#include "plancheck/quantity.hpp"

namespace plancheck {

/// The checks the audit runs (docs/rule-files.md, section "The audit").
enum class audit_check : std::uint8_t {
    level_vs_change,     ///< a cap (floor) on a level and a % change from the base, same indicator and year
    increment_vs_level,  ///< base + an increment cap against a cap on the level, same indicator and year
    growth_vs_amount,    ///< the yearly growth an increment cap or a level cap allows against a growth cap
    implied_base,        ///< two targets imply a base value that the plan does not state
    missing_base,        ///< a target compares with a base value that the plan does not state
    unused_indicator,    ///< an indicator that no target uses
    empty_checklist,     ///< a target that names no row of the plan's checklist
};

/// The stable name of a check ("level_vs_change", …).
[[nodiscard]] std::string_view to_string(audit_check check);

/// What the audit concluded.
enum class audit_verdict : std::uint8_t {
    agree,          ///< the targets state the same thing (up to floating-point noise)
    agree_rounded,  ///< they differ only by the rounding of the numbers the plan prints
    disagree,       ///< they state different things: meeting one exactly can fail the other
    info,           ///< not a comparison: something a user of the plan should know
};

/// The stable name of a verdict ("agree", "agree_rounded", "disagree", "info").
[[nodiscard]] std::string_view to_string(audit_verdict verdict);

/// One finding of the audit, with the numbers behind it as typed quantities.
struct audit_finding {
    audit_check check = audit_check::level_vs_change;  ///< which check found it
    audit_verdict verdict = audit_verdict::info;       ///< what it concluded
    std::vector<std::string> targets;  ///< ids of the targets concerned, in file order
    std::string indicator;             ///< id of the indicator concerned
    std::optional<any_quantity> base;  ///< the base value used: stated, derived, or implied (implied_base)
    /// The value derived from the other target(s) for the measure of the target compared with:
    /// base × (1 + change) = 4.3617 万吨; base + increment = 22500 万吨标准煤; the yearly growth an
    /// increment allows, 3.516 %.
    std::optional<any_quantity> derived;
    /// The value that target states: the cap 4.37 万吨, the growth cap 3.5 %.
    std::optional<any_quantity> stated;
    /// The other way round: the change the cap implies (−6.82 %), the level the growth cap
    /// allows (base × (1 + 3.5 %)^5).
    std::optional<any_quantity> reverse;
    localized_text message;  ///< the finding in words, with the numbers
    origin where;            ///< the first target's (or the indicator's) position in the rule file

    /// The finding as a W-AUDIT diagnostic: a warning for `disagree` and unused indicators,
    /// a note otherwise.
    [[nodiscard]] error to_error() const;
};

/// True for the kinds judged against the indicator's value in the base year (change_vs_base,
/// increment_at_most, annual_growth_at_most, no_growth): the plan or the statistics must give it.
[[nodiscard]] bool needs_base_value(target_kind kind);

/// Every finding of the audit on `p`: disagreements and unused indicators first, then notes,
/// each group in rule-file order.
[[nodiscard]] std::vector<audit_finding> audit_findings(const plan& p);

/// The audit's findings as W-AUDIT diagnostics, in the order of `audit_findings`.
[[nodiscard]] std::vector<error> audit_plan(const plan& p);

}  // namespace plancheck
