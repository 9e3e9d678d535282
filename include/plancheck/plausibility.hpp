#pragma once
/// Submission checks: what a CI job wants to know about a statistics file before it trusts the
/// verdicts computed from it. Each finding is W-PLAUSIBILITY with the file:line:column of the
/// value concerned; none is about the CSV's form (the reader refuses what it cannot read).
///
/// - completeness: values some target needs in the evaluated year that the data lacks, in one
///   finding (a note; a warning with require_all, where they count as failures);
/// - a share (%) below 0 or above 100, unless the plan's own numbers for that indicator exceed
///   100 (a completion rate such as 节能任务完成率 113%);
/// - a negative amount (coal, mass, energy, area, counts, flows, intensities, …);
/// - a value of an amount more than tenfold above or below the plan's base value of its
///   indicator (the plan's own region) or the median of the file's years of it (any region,
///   three years or more): the likely unit slip (万 missing, 亿 read as 万) is named;
/// - a change from one year to the next beyond max_yoy_change (relative to the earlier value;
///   for a share, in percentage points);
/// - values compared across years (the base year and the evaluated year, or the years of a
///   cumulative sum) on different constant-price bases (a warning: an intensity at 2010 prices
///   is not comparable with one at 2015 prices) or from different data vintages (a note).
///
/// With `strict`, every warning (all but the completeness finding) is an error, so that the
/// data is not evaluated. docs/batch.md.
///
///     plancheck::plausibility_options opts;
///     opts.max_yoy_change = 30.0 * plancheck::units::per_cent;
///     for (const plancheck::error& e : plancheck::plausibility_findings(plan, data, opts)) print(e);

#include <optional>
#include <string>

#include "plancheck/error.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/plan.hpp"
#include "plancheck/quantity.hpp"

namespace plancheck {

/// What to check, and how strictly.
struct plausibility_options {
    /// Largest change from one year to the next that passes without a finding: relative to the
    /// earlier year's value, or in percentage points for a share.
    units::quantity_of<quantity_kind::share> max_yoy_change = 50.0 * units::per_cent;
    bool strict = false;  ///< findings are errors (completeness excepted): nothing is evaluated
    // The evaluation's own settings; run_check copies them from evaluation_options so that the
    // completeness check looks at the same year and targets as the verdicts.
    std::optional<int> year;            ///< the evaluated year; default the latest year with data
    std::optional<std::string> region;  ///< only the targets of this region (canonical name)
    bool require_all = false;           ///< completeness is a warning, not a note
};

/// Every plausibility finding on the data, in a stable order: completeness first, then per
/// region, indicator and year.
[[nodiscard]] diagnostics plausibility_findings(const plan& p, const observation_set& data,
                                                const plausibility_options& opts);

}  // namespace plancheck
