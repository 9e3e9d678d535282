#pragma once
/// Templates: the blank statistics file a submitter fills in, and the list of values behind it.
///
/// A template has one row per value the plan's targets need from the data to be judged in a
/// year — the value of that year, the base-year value of a relative target the plan does not
/// state, every yearly value of a cumulative target — in the canonical long format, the value
/// empty and the unit the indicator's declared unit. Checked unfilled, it gives `no data` for
/// every target (empty values are ignored rows, not errors). docs/template.md.
///
///     auto plan = plancheck::load_shipped_plan("nmg-13fyp-energy").value();
///     std::string csv = plancheck::statistics_template(plan, 2020, plan.info.region.zh);

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plancheck/error.hpp"
#include "plancheck/plan.hpp"

namespace plancheck {

/// Why a target needs a value.
enum class value_role : std::uint8_t {
    actual,       ///< the value of the year judged
    base,         ///< the base-year value (a relative target, or the path of an interim year)
    yearly_flow,  ///< one year of the sum of a cumulative target
};
/// "actual", "base", "yearly flow".
[[nodiscard]] std::string_view to_string(value_role r);

/// One value the data must hold for some targets to be judged.
struct needed_value {
    std::string region;                ///< canonical region name
    std::size_t indicator_index = 0;   ///< into plan::indicators
    int year = 0;                      ///< the year of the value
    value_role role = value_role::actual;  ///< the first reason found (actual before base before flow)
    std::vector<std::size_t> targets;  ///< indices into plan::targets of the targets that need it
};

/// The values the targets need from the data to be judged in `year`, each once, ordered by
/// region (in the order the plan's targets name them), then indicator (plan order), then year.
/// Only targets of `region` when one is given (canonical name). A base value the plan itself
/// states is not needed (evaluation takes it from the plan), nor is anything for a target that
/// cannot be judged in `year` (not after its base year).
[[nodiscard]] std::vector<needed_value> values_needed(const plan& p, int year,
                                                      const std::optional<std::string>& region = std::nullopt);

/// A blank statistics file for one region and year: header `region,indicator,year,value,unit`
/// (in Chinese, `地区,指标,年份,数值,单位`, with the indicators' Chinese names), one row per
/// value of values_needed(p, year, region), the value empty. `region` may be any spelling the
/// plan knows; rows carry its canonical name. Only the header when no target of the region can
/// be judged in `year`.
[[nodiscard]] std::string statistics_template(const plan& p, int year, const std::string& region,
                                              language lang = language::en);

/// The same blank statistics file as an Excel workbook (.xlsx, as bytes): one sheet with the
/// same header and rows (the year a number, every other cell text, never a formula), on each
/// value cell a comment with the unit, why the value is needed and the plan's sentence of every
/// target that needs it, and the year column validated as a whole year of the plan. E-IO when
/// the workbook cannot be written. docs/template.md.
[[nodiscard]] result<std::string> statistics_template_xlsx(const plan& p, int year, const std::string& region,
                                                           language lang = language::en);

}  // namespace plancheck
