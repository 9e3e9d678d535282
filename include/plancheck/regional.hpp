#pragma once
/// Regional targets: the targets a plan's annexes set for each league and city (盟市), read
/// from a table because the annexes' figures are not in the plan's text.
///
/// The table is a CSV with the columns `region,indicator,kind,value,unit,base_year,target_year`
/// (Chinese names accepted: 地区, 指标, 类型, 数值, 单位, 基年, 目标年) and optional
/// `comparison`, `binding`, `note`. Each filled row becomes a target of the plan for that region,
/// checked as strictly as a rule file; rows with no value are skipped (counted).
///
///     auto with_regions = plancheck::with_regional_targets(plan, "regional-targets.csv");

#include <string>

#include "plancheck/csv.hpp"
#include "plancheck/error.hpp"
#include "plancheck/plan.hpp"

namespace plancheck {

/// What reading a regional targets table found.
struct regional_load {
    plan with_regions;            ///< the plan with one target per filled row added
    std::size_t added = 0;        ///< targets added
    std::size_t unfilled = 0;     ///< rows without a value, skipped
};

/// Reads a regional targets table for the plan; errors carry file:line:column.
[[nodiscard]] result<regional_load> with_regional_targets(const plan& p, const std::string& path);
/// The same from any byte source.
[[nodiscard]] result<regional_load> with_regional_targets(const plan& p, std::unique_ptr<csv::byte_source> source,
                                                          const std::string& name);

/// A blank table for the plan: one row per league/city and per annex target, value empty.
[[nodiscard]] std::string regional_targets_template(const plan& p, int base_year, int target_year);

}  // namespace plancheck
