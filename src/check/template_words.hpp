#pragma once
// Private: the words of the blank statistics file, shared by its CSV (template.cpp) and its
// workbook (template_xlsx.cpp), so both have the same header and indicator names.

#include <array>
#include <string>
#include <string_view>

#include "plancheck/plan.hpp"

namespace plancheck::detail {

/// region, indicator, year, value, unit — or 地区, 指标, 年份, 数值, 单位.
[[nodiscard]] inline std::array<std::string_view, 5> template_header(language lang) {
    if (lang == language::zh) return {"地区", "指标", "年份", "数值", "单位"};
    return {"region", "indicator", "year", "value", "unit"};
}

/// The name a template row gives an indicator: in Chinese its Chinese name, where that reads
/// back as this indicator (it is an alias by rule, but a rule file from elsewhere may not
/// declare it); else its id.
[[nodiscard]] inline const std::string& template_indicator_name(const plan& p, const indicator& ind, language lang) {
    const bool name_resolves = lang == language::zh && !ind.name.zh.empty() && p.find_indicator(ind.name.zh) == &ind;
    return name_resolves ? ind.name.zh : ind.id;
}

}  // namespace plancheck::detail
