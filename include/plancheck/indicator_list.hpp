#pragma once
/// The indicators of a plan as a data file meets them: every name a file may give an indicator,
/// every unit spelling its values may carry, and what the plan judges with it. docs/indicators.md.
///
///     auto plan = plancheck::load_shipped_plan("nmg-13fyp-energy").value();
///     for (const auto& e : plancheck::list_indicators(plan))
///         std::puts(plan.indicators[e.index].id.c_str());

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "plancheck/plan.hpp"
#include "plancheck/unit.hpp"

namespace plancheck {

/// One indicator of a plan, with what a data file may call it and what uses it.
struct indicator_entry {
    std::size_t index = 0;                    ///< into plan::indicators
    /// Every name a data file may give it, as the reader matches them: its id, then its
    /// aliases in rule-file order (the Chinese name among them when the rule file lists it).
    std::vector<std::string> names;
    /// Unit spellings its values may carry: the single-word spellings of its kind (as
    /// `unit_spellings()` lists them), then examples of quotients, then the plan's own.
    std::vector<std::string> unit_spellings;
    /// The plan's own spellings (`unit_aliases`, such as 克/千瓦时), also in unit_spellings.
    std::vector<std::string> plan_unit_spellings;
    /// For a quotient kind (an intensity, a rate): the kinds any numerator ÷ denominator
    /// spelling may combine, e.g. coal ÷ currency; empty otherwise.
    std::vector<quotient_rule> quotients;
    std::vector<std::size_t> targets;          ///< indices into plan::targets judged on it
    std::vector<std::size_t> inputs;           ///< indicators it is computed from, if derived
    std::vector<std::size_t> computes;         ///< indicators computed from it (directly)
    /// Targets judged on an indicator computed from it (at any depth), not on it directly:
    /// its values matter to them when the data do not carry the derived indicator itself.
    std::vector<std::size_t> targets_through;
};

/// Every indicator of the plan, in rule-file order.
[[nodiscard]] std::vector<indicator_entry> list_indicators(const plan& p);

}  // namespace plancheck
