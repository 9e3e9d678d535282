#pragma once
/// Evaluation: pure functions from (plan, observations, options) to results. No I/O.
///
/// Each target gives one result per region and year: met / not met in the target year (or from
/// a deadline on), on track / behind in an interim year against the expected path, or no data /
/// not evaluable with the reason. docs/methods.md gives every formula and its source.
///
///     plancheck::evaluation_options opts;                // latest year, linear path
///     auto ev = plancheck::evaluate(plan, data, opts);
///     fmt::print("{}/{} met\n", ev.summary.all.met, ev.summary.all.evaluated);

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plancheck/error.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/plan.hpp"
#include "plancheck/quantity.hpp"

namespace plancheck {

/// The verdict of one target for one region and year.
enum class status : std::uint8_t {
    met,            ///< target year (or after a deadline): the condition holds
    not_met,        ///< target year: it does not
    on_track,       ///< interim year: at or ahead of the expected path
    behind,         ///< interim year: short of the expected path
    no_data,        ///< a value the judgement needs is missing
    not_evaluable,  ///< the judgement is not defined for this year or target
};
/// "met", "not met", "on track", "behind", "no data", "not evaluable".
[[nodiscard]] std::string_view to_string(status s);
/// The status in a language (达标, 未达标, 进度正常, 进度滞后, 无数据, 无法评价).
[[nodiscard]] std::string_view status_label(status s, language lang);
/// Only met and on track count as met; nothing that could not be evaluated ever does.
[[nodiscard]] constexpr bool counts_as_met(status s) { return s == status::met || s == status::on_track; }
/// True for the four statuses that enter the compliance denominator.
[[nodiscard]] constexpr bool is_evaluated(status s) {
    return s == status::met || s == status::not_met || s == status::on_track || s == status::behind;
}

/// Early-warning grade of the national "晴雨表": green (三级) the progress target is met;
/// yellow (二级) missed by at most 10% of the target value; red (一级) missed by more.
enum class grade : std::uint8_t { none, green, yellow, red };
/// "none", "green", "yellow", "red".
[[nodiscard]] std::string_view to_string(grade g);
/// The grade in a language (绿灯, 黄灯, 红灯 / green, yellow, red); empty for none.
[[nodiscard]] std::string_view grade_label(grade g, language lang);

/// What an attainment figure means.
enum class attainment_meaning : std::uint8_t {
    completion,      ///< 完成率: achieved change ÷ required change (more is better)
    allowance_used,  ///< share of an allowed increase used (more than 100% is a miss)
};
/// "completion", "allowance_used".
[[nodiscard]] std::string_view to_string(attainment_meaning m);

/// Where the base-year value came from.
enum class base_source : std::uint8_t {
    none,  ///< the kind needs no base
    data,  ///< the user's files
    plan,  ///< the value the plan itself states (or implies)
};
/// "none", "data", "plan".
[[nodiscard]] std::string_view to_string(base_source b);

/// A value that entered a judgement, with where it came from.
struct input_value {
    std::string role;          ///< "actual", "base", or "year 2017" for a cumulative sum
    int year = 0;                 ///< the year of the value
    /// The value, typed.
    any_quantity value = any_quantity::from_canonical(quantity_kind::share, 0);
    std::optional<origin> where;  ///< file:line:column in the user's data
    bool from_plan = false;       ///< the plan's stated value, not the user's
};

/// The result of one target for one region and year.
struct target_result {
    std::size_t target_index = 0;   ///< into plan::targets
    std::string region;             ///< the target's region (canonical name)
    int year = 0;                   ///< the year judged
    bool interim = false;           ///< before the target (or deadline) year
    status verdict = status::no_data;  ///< the verdict
    /// The measure compared: a level, a change (%), an increment, a growth rate or a sum.
    std::optional<any_quantity> actual;
    /// What that measure had to reach this year: the threshold, or the expected path value.
    std::optional<any_quantity> required;
    /// The final threshold of the target (equal to `required` in the target year).
    std::optional<any_quantity> target_value;
    /// actual − required, in the measure's unit (negative below, positive above).
    std::optional<any_quantity> gap;
    /// 完成率: achieved change ÷ required change (for an increment cap, the share of the
    /// allowance used; for a cumulative target, the sum ÷ the total). Absent where undefined.
    std::optional<units::quantity_of<quantity_kind::share>> attainment;
    /// What `attainment` measures.
    attainment_meaning attainment_is = attainment_meaning::completion;
    /// Share of the period elapsed: (year − base) ÷ (target year − base).
    std::optional<units::quantity_of<quantity_kind::share>> time_progress;
    grade warning = grade::none;           ///< early-warning grade; none where nothing was judged
    base_source basis = base_source::none; ///< where the base-year value came from
    std::vector<input_value> inputs;       ///< every value the judgement used
    /// How the values were computed and compared, step by step (for --explain).
    std::vector<localized_text> steps;
    localized_text reason;          ///< why no data / not evaluable, or a note on the judgement
    localized_text attainment_note; ///< why there is no attainment figure, where the kind has none
};

/// How to evaluate.
struct evaluation_options {
    std::optional<int> year;                 ///< evaluate this year; default the latest with data
    bool every_year = false;                 ///< one result per target and year with data (trajectory)
    progress_path path = progress_path::linear;  ///< default interim path (a target may override)
    /// Tolerance of approximate (左右) targets, relative to the required value.
    units::quantity_of<quantity_kind::share> tolerance = 2.0 * units::per_cent;
    /// Share of the required value by which a miss is still yellow rather than red.
    units::quantity_of<quantity_kind::share> yellow_band = 10.0 * units::per_cent;
    bool require_all = false;                ///< no data and not evaluable count as failures
    std::optional<std::string> region;       ///< only the targets of this region (canonical name)
};

/// Counts of results.
struct tally {
    std::size_t results = 0;        ///< results counted
    std::size_t evaluated = 0;      ///< in the denominator
    std::size_t met = 0;            ///< met or on track
    std::size_t not_met = 0;        ///< not met or behind
    std::size_t no_data = 0;        ///< results without data
    std::size_t not_evaluable = 0;  ///< results not evaluable
    /// met ÷ evaluated, absent when nothing was evaluated.
    [[nodiscard]] std::optional<units::quantity_of<quantity_kind::share>> compliance() const;
    /// Results with a verdict (met, on track, not met or behind): the rest had no data or could
    /// not be evaluated. A compliance of 2/2 means little when 80 targets were not judged.
    [[nodiscard]] std::size_t judged() const { return met + not_met; }
    /// judged ÷ results, absent when there are no results.
    [[nodiscard]] std::optional<units::quantity_of<quantity_kind::share>> coverage() const;
};

/// The summary of an evaluation, counted on the latest year of each target.
struct compliance_summary {
    tally all;        ///< every target
    tally binding;    ///< 约束性
    tally expected;   ///< 预期性
    std::map<std::string, tally> by_region;   ///< per region, when targets concern several
    std::map<std::string, grade> region_grade;  ///< the worst grade of each region's results
};

/// The results of an evaluation.
struct evaluation {
    std::vector<target_result> results;   ///< ordered by target, region, year
    compliance_summary summary;  ///< counted on the latest year of each target and region
    std::vector<int> years;               ///< the years judged
    evaluation_options options;  ///< the options it was made with
};

/// Evaluates every target of the plan on the data.
[[nodiscard]] evaluation evaluate(const plan& p, const observation_set& data, const evaluation_options& opts);

/// Evaluates one target for one region and year.
[[nodiscard]] target_result evaluate_target(const plan& p, std::size_t target_index, const std::string& region,
                                            int year, const observation_set& data,
                                            const evaluation_options& opts);

/// Adds one result (the latest year of a target and region) to a summary: the one place that
/// says what counts as met, evaluated and not met.
void add_to_summary(compliance_summary& s, const std::string& region, bool binding, status verdict, grade warning,
                    bool require_all);

/// Counts results into a summary, following the rule that only met and on track count as met;
/// with require_all, results without a judgement count as failures.
[[nodiscard]] compliance_summary summarize(const plan& p, const std::vector<target_result>& latest,
                                           bool require_all);

}  // namespace plancheck
