#pragma once
// Private: the columns of the reports that are tables of results (CSV, the workbook's results
// sheet) and the words in their cells, so both speak the same language: English ids for
// scripts, Chinese headers and words with --lang zh. Status and grade words come from
// status_label and grade_label, as in every other report.

#include <array>
#include <string_view>

#include "plancheck/evaluate.hpp"

namespace plancheck::detail {

/// A column: its CSV name in English, its heading in a workbook, and both in Chinese.
struct result_column {
    std::string_view id;  ///< CSV header in English, e.g. "attainment_percent"
    std::string_view en;  ///< workbook heading in English, e.g. "Attainment (%)"
    std::string_view zh;  ///< CSV header and workbook heading in Chinese, e.g. "完成率(%)"
    /// The header or heading in a language: the id (CSV) or the heading (workbook) in English.
    [[nodiscard]] std::string_view csv(language lang) const { return lang == language::zh ? zh : id; }
    [[nodiscard]] std::string_view heading(language lang) const { return lang == language::zh ? zh : en; }
};

/// One row per result, in this order.
inline constexpr std::array<result_column, 17> result_columns{{
    {"target", "Target", "目标"},
    {"indicator", "Indicator", "指标"},
    {"region", "Region", "地区"},
    {"year", "Year", "年份"},
    {"status", "Status", "状态"},
    {"actual", "Actual", "实际值"},
    {"required", "Required", "要求值"},
    {"target_value", "Target value", "目标值"},
    {"gap", "Gap", "差距"},
    {"unit", "Unit", "单位"},
    {"attainment_percent", "Attainment (%)", "完成率(%)"},
    {"grade", "Grade", "预警"},
    {"basis", "Base value from", "基数来源"},
    {"binding", "Type", "性质"},
    {"section", "Section", "章节"},
    {"source", "Plan's words", "规划原文"},
    {"reason", "Reason", "说明"},
}};

/// binding / expected, 约束性 / 预期性.
[[nodiscard]] inline std::string_view binding_word(bool binding, language lang) {
    if (lang == language::zh) return binding ? "约束性" : "预期性";
    return binding ? "binding" : "expected";
}

/// Where the base value came from: none / data / plan, 无 / 数据 / 规划.
[[nodiscard]] inline std::string_view basis_word(base_source b, language lang) {
    if (lang == language::en) return to_string(b);
    switch (b) {
        case base_source::none: return "无";
        case base_source::data: return "数据";
        case base_source::plan: return "规划";
    }
    return to_string(b);
}

}  // namespace plancheck::detail
