#pragma once
/// Picking the plan by the data's years: what `plancheck check` does without --plan and
/// --targets (docs/check.md, docs/plan-14fyp-notes.md).

#include <optional>
#include <string>
#include <vector>

#include "plancheck/catalog.hpp"
#include "plancheck/check.hpp"
#include "plancheck/plan.hpp"

namespace plancheck {

/// How the values read for a plan sit in its period.
struct plan_fit {
    std::string plan_id;               ///< the plan
    int base_year = 0;                 ///< its base year
    int target_year = 0;               ///< its target year
    std::optional<int> latest_year;    ///< latest year with a value for the plan's own region
    std::size_t targets_with_data = 0;  ///< own-region targets whose indicator has a value then

    /// The latest year is one the plan judges: after its base year, up to its target year.
    [[nodiscard]] bool in_period() const {
        return latest_year && *latest_year > base_year && *latest_year <= target_year;
    }
};

/// The fit of the values read for `p` (an observation_set read for that plan).
[[nodiscard]] plan_fit fit_of(const plan& p, const observation_set& data);

/// What choose_by_years decided.
struct plan_choice {
    const plan* chosen = nullptr;      ///< the plan picked; nullptr: keep the one already read for
    std::vector<plan_fit> fits;        ///< that plan first, then every other shipped plan read
    std::optional<int> latest_year;    ///< the data's latest year, over every plan read
    std::vector<std::string> tied;     ///< several plans fit equally well (chosen is nullptr)
    /// The other plans would have been read, but the data came from standard input, which
    /// cannot be read again: `chosen` is nullptr.
    bool stdin_not_reread = false;
};

/// The plan for the data's years. `read` is the check already run for `current` (the default
/// plan). When its values reach into that plan's period and no row was ignored or refused,
/// `current` stays and nothing is read again. Otherwise the inputs are read for every other
/// shipped plan (loaded through `catalog`): the data's latest year is the latest over all of
/// them, and the plans whose period (after the base year, up to the target year) holds it, with
/// values in it and without refusing the data, fit. `current` stays when it fits or nothing does;
/// one fitting plan is chosen; of several, the one with the most targets that have data, and on a
/// tie none (`tied` names them).
[[nodiscard]] plan_choice choose_by_years(plan_catalog& catalog, const plan& current, const check_outcome& read,
                                          const check_request& request);

}  // namespace plancheck
