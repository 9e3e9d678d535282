// The blank statistics file as an Excel workbook: the same header and rows as the CSV template
// (plancheck/template.hpp), the year a whole number Excel checks as it is typed, and on each
// value cell a comment with the unit and the plan's sentences of the targets that need it, so a
// submitter in Excel or WPS sees what the number is for.

#include <fmt/format.h>

#include <algorithm>

#include "check/template_words.hpp"
#include "plancheck/template.hpp"
#include "report/xlsx_book.hpp"

namespace plancheck {

namespace {

// The comment on a value cell: its unit, why it is needed, and each target's words.
std::string value_note(const plan& p, const needed_value& v, language lang) {
    const bool zh = lang == language::zh;
    const indicator& ind = p.indicators[v.indicator_index];
    std::string note = zh ? fmt::format("单位：{}", ind.declared_unit.spelling()) : fmt::format("unit: {}", ind.declared_unit.spelling());
    if (v.role == value_role::base)
        note += zh ? fmt::format("\n{} 年基数（规划未给出）", v.year) : fmt::format("\nthe base-year value of {} (the plan states none)", v.year);
    else if (v.role == value_role::yearly_flow)
        note += zh ? fmt::format("\n{} 年当年值（累计目标逐年相加）", v.year) : fmt::format("\nthe value of {} alone (a cumulative target adds up the years)", v.year);
    for (const std::size_t i : v.targets) {
        const target& t = p.targets[i];
        note += zh ? fmt::format("\n{}：{}（{}）", t.id, t.source, t.section) : fmt::format("\n{}: {} ({})", t.id, t.source, t.section);
    }
    return note;
}

}  // namespace

result<std::string> statistics_template_xlsx(const plan& p, int year, const std::string& region, language lang) {
    const bool zh = lang == language::zh;
    const std::string canonical = p.canonical_region(region);
    const std::vector<needed_value> values = values_needed(p, year, canonical);

    auto book = detail::xlsx_book::create();
    if (!book) return std::move(book).error();
    lxw_workbook* wb = book->get();
    // Properties come from the rule file and the command line: the same care as cells.
    std::string title = detail::xlsx_text(fmt::format("{} — {} {}", p.info.title.in(lang), canonical, year));
    std::string subject = zh ? "plancheck 空白统计数据表" : "plancheck blank statistics file";
    lxw_doc_properties properties{};
    properties.title = title.data();
    properties.subject = subject.data();
    workbook_set_properties(wb, &properties);

    lxw_format* heading = workbook_add_format(wb);
    format_set_bold(heading);
    format_set_bg_color(heading, 0xD9E1F2);
    format_set_border(heading, LXW_BORDER_THIN);
    lxw_format* to_fill = workbook_add_format(wb);
    format_set_bg_color(to_fill, 0xFFF2CC);
    format_set_border(to_fill, LXW_BORDER_THIN);

    lxw_worksheet* sheet = workbook_add_worksheet(wb, zh ? "统计数据" : "statistics");
    const auto header = detail::template_header(lang);
    for (std::size_t c = 0; c < header.size(); ++c) detail::write_text(sheet, 0, static_cast<lxw_col_t>(c), header[c], heading);

    int first_year = p.info.base_year;
    int last_year = std::max(p.info.target_year, year);
    lxw_row_t row = 1;
    for (const needed_value& v : values) {
        const indicator& ind = p.indicators[v.indicator_index];
        detail::write_text(sheet, row, 0, v.region);
        detail::write_text(sheet, row, 1, detail::template_indicator_name(p, ind, lang));
        worksheet_write_number(sheet, row, 2, v.year, nullptr);
        worksheet_write_blank(sheet, row, 3, to_fill);
        detail::write_note(sheet, row, 3, value_note(p, v, lang));
        detail::write_text(sheet, row, 4, ind.declared_unit.spelling());
        first_year = std::min(first_year, v.year);
        last_year = std::max(last_year, v.year);
        ++row;
    }

    // The year column takes whole years of the plan; Excel refuses anything else as it is typed.
    std::string input_title = zh ? "年份" : "Year";
    std::string input_message = zh ? fmt::format("{}–{} 之间的四位整数年份", first_year, last_year)
                                   : fmt::format("a four-digit year from {} to {}", first_year, last_year);
    std::string error_title = zh ? "年份无效" : "Not a year of the plan";
    lxw_data_validation years{};
    years.validate = LXW_VALIDATION_TYPE_INTEGER;
    years.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    years.minimum_number = first_year;
    years.maximum_number = last_year;
    years.input_title = input_title.data();
    years.input_message = input_message.data();
    years.error_title = error_title.data();
    years.error_message = input_message.data();
    // Rows a submitter may add below count too: the rule covers the column down to row 10000.
    worksheet_data_validation_range(sheet, 1, 2, std::max<lxw_row_t>(row, 10000), 2, &years);

    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_set_column(sheet, 0, 0, 16, nullptr);
    worksheet_set_column(sheet, 1, 1, 34, nullptr);
    worksheet_set_column(sheet, 2, 2, 8, nullptr);
    worksheet_set_column(sheet, 3, 3, 14, nullptr);
    worksheet_set_column(sheet, 4, 4, 16, nullptr);
    return book->finish();
}

}  // namespace plancheck
