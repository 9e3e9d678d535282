// The workbook report (check --format xlsx), the form in which a report is passed around a
// bureau: a summary sheet (compliance, coverage, the run's metadata and SHA-256s) and a results
// sheet, one row per result, the status and grade cells coloured by the grade. Headers and words
// follow --lang from the same tables as the CSV report (report/result_columns.hpp); every cell
// from an input or a rule file is written as text, never as a formula.

#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <string>

#include "plancheck/report.hpp"
#include "report/common.hpp"
#include "report/result_columns.hpp"
#include "report/xlsx_book.hpp"

namespace plancheck {

namespace {

using detail::tr;
using detail::write_text;

// Fills of Excel's own "Good", "Neutral" and "Bad" cell styles, and a grey for what was not judged.
constexpr lxw_color_t fill_green = 0xC6EFCE;
constexpr lxw_color_t fill_yellow = 0xFFEB9C;
constexpr lxw_color_t fill_red = 0xFFC7CE;
constexpr lxw_color_t fill_grey = 0xE7E6E6;

struct formats {
    lxw_format* title = nullptr;
    lxw_format* heading = nullptr;
    lxw_format* label = nullptr;
    lxw_format* green = nullptr;
    lxw_format* yellow = nullptr;
    lxw_format* red = nullptr;
    lxw_format* grey = nullptr;

    explicit formats(lxw_workbook* book) {
        title = workbook_add_format(book);
        format_set_bold(title);
        format_set_font_size(title, 14);
        heading = workbook_add_format(book);
        format_set_bold(heading);
        format_set_bg_color(heading, 0xD9E1F2);
        format_set_border(heading, LXW_BORDER_THIN);
        label = workbook_add_format(book);
        format_set_bold(label);
        const auto fill = [&](lxw_color_t colour) {
            lxw_format* f = workbook_add_format(book);
            format_set_bg_color(f, colour);
            return f;
        };
        green = fill(fill_green);
        yellow = fill(fill_yellow);
        red = fill(fill_red);
        grey = fill(fill_grey);
    }

    // The colour of a result: its grade where it has one; else met green, missed red, and
    // whatever was not judged (no data, not evaluable, and any status added later) grey.
    [[nodiscard]] lxw_format* of(const target_result& r) const {
        switch (r.warning) {
            case grade::green: return green;
            case grade::yellow: return yellow;
            case grade::red: return red;
            case grade::none: break;
        }
        if (counts_as_met(r.verdict)) return green;
        if (is_evaluated(r.verdict)) return red;
        return grey;
    }
};

// A number as the CSV report shows it (the same rounding), written as a number so a reader can
// sort and sum; "—" (not finite) stays text.
void write_shown(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const std::string& text) {
    if (text.empty()) return;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != nullptr && *end == '\0')
        worksheet_write_number(sheet, row, col, v, nullptr);
    else
        write_text(sheet, row, col, text);
}

std::string shown_text(const std::optional<shown_value>& v) { return v ? format_display(v->number, 4) : ""; }

std::string percent_text(std::size_t part, std::size_t whole, language lang) {
    if (whole == 0) return std::string(tr(lang, "n/a", "无"));
    return fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

// A label and a value on one row of the summary sheet.
class summary_writer {
public:
    summary_writer(lxw_worksheet* sheet, const formats& f) : sheet_(sheet), f_(f) {}
    void line(std::string_view label, std::string_view value) {
        write_text(sheet_, row_, 0, label, f_.label);
        write_text(sheet_, row_, 1, value);
        ++row_;
    }
    void number(std::string_view label, double value) {
        write_text(sheet_, row_, 0, label, f_.label);
        worksheet_write_number(sheet_, row_, 1, value, nullptr);
        ++row_;
    }
    void heading(std::string_view text) {
        if (row_ > 0) ++row_;
        write_text(sheet_, row_++, 0, text, f_.title);
    }
    [[nodiscard]] lxw_row_t row() const { return row_; }

private:
    lxw_worksheet* sheet_;
    const formats& f_;
    lxw_row_t row_ = 0;
};

void write_summary(lxw_worksheet* sheet, const formats& f, const report_context& ctx) {
    const plan& p = ctx.p;
    const language lang = ctx.lang;
    const compliance_summary& s = ctx.ev.summary;
    worksheet_set_column(sheet, 0, 0, 28, nullptr);
    worksheet_set_column(sheet, 1, 1, 70, nullptr);
    worksheet_set_column(sheet, 2, 8, 14, nullptr);
    summary_writer w(sheet, f);

    w.heading(p.info.title.in(lang));
    w.line(tr(lang, "Plan", "规划"), p.info.id);
    w.line(tr(lang, "Document", "文号"), p.info.document);
    w.line(tr(lang, "Region", "地区"), ctx.ev.options.region ? *ctx.ev.options.region : p.info.region.in(lang));
    const auto& years = ctx.ev.years;
    w.line(tr(lang, "Years judged", "评价年份"),
           years.empty()       ? std::string(tr(lang, "none", "无"))
           : years.size() == 1 ? std::to_string(years.front())
                               : fmt::format("{}–{}", years.front(), years.back()));

    w.heading(tr(lang, "Compliance", "达标情况"));
    w.line(tr(lang, "Compliance (met / evaluated)", "达标率（达标/已评价）"), detail::tally_text(s.all, lang));
    w.line(tr(lang, "Binding targets", "约束性目标"), detail::tally_text(s.binding, lang));
    w.line(tr(lang, "Expected targets", "预期性目标"), detail::tally_text(s.expected, lang));
    w.line(tr(lang, "Coverage (evaluated / results)", "覆盖率（已评价/结果数）"),
           fmt::format("{}/{} ({})", s.all.evaluated, s.all.results, percent_text(s.all.evaluated, s.all.results, lang)));
    w.number(tr(lang, "Met", "达标"), static_cast<double>(s.all.met));
    w.number(tr(lang, "Not met", "未达标"), static_cast<double>(s.all.not_met));
    w.number(tr(lang, "No data", "无数据"), static_cast<double>(s.all.no_data));
    w.number(tr(lang, "Not evaluable", "无法评价"), static_cast<double>(s.all.not_evaluable));
    if (ctx.run.fail_under) w.line(tr(lang, "Pass mark (--fail-under)", "及格线（--fail-under）"), fmt::format("{}%", format_number(*ctx.run.fail_under)));
    if (s.by_region.size() > 1)
        for (const auto& [region, t] : s.by_region) w.line(region, detail::tally_text(t, lang));

    w.heading(tr(lang, "Run", "运行信息"));
    w.line(tr(lang, "plancheck version", "plancheck 版本"), ctx.run.version);
    w.line(tr(lang, "Rule file", "规则文件"), p.file);
    w.line(tr(lang, "Rule file SHA-256", "规则文件 SHA-256"), p.sha256);
    for (const auto& [name, value] : ctx.run.options) w.line(fmt::format("{} {}", tr(lang, "option", "选项"), name), value);
    w.number(tr(lang, "Findings (warnings, notes)", "发现（警告、提示）"), static_cast<double>(ctx.findings.size() + ctx.findings_left_out));

    w.heading(tr(lang, "Inputs", "输入文件"));
    const std::array<std::string_view, 8> columns{tr(lang, "File", "文件"),       tr(lang, "SHA-256", "SHA-256"),
                                                 tr(lang, "Encoding", "编码"),    tr(lang, "Layout", "格式"),
                                                 tr(lang, "Rows", "数据行"),      tr(lang, "Used", "已使用"),
                                                 tr(lang, "Ignored", "已忽略"),   tr(lang, "Rejected", "有错误")};
    const lxw_row_t header = w.row();
    for (std::size_t c = 0; c < columns.size(); ++c) write_text(sheet, header, static_cast<lxw_col_t>(c), columns[c], f.heading);
    lxw_row_t row = header + 1;
    for (const input_summary& in : ctx.data.inputs()) {
        write_text(sheet, row, 0, in.name);
        write_text(sheet, row, 1, in.sha256);
        write_text(sheet, row, 2, in.encoding);
        write_text(sheet, row, 3, in.format);
        worksheet_write_number(sheet, row, 4, static_cast<double>(in.rows), nullptr);
        worksheet_write_number(sheet, row, 5, static_cast<double>(in.used), nullptr);
        worksheet_write_number(sheet, row, 6, static_cast<double>(in.ignored), nullptr);
        worksheet_write_number(sheet, row, 7, static_cast<double>(in.rejected), nullptr);
        ++row;
    }
}

void write_results(lxw_worksheet* sheet, const formats& f, const report_context& ctx) {
    const plan& p = ctx.p;
    const language lang = ctx.lang;
    const auto& columns = detail::result_columns;
    for (std::size_t c = 0; c < columns.size(); ++c)
        write_text(sheet, 0, static_cast<lxw_col_t>(c), columns[c].heading(lang), f.heading);
    lxw_row_t row = 1;
    for (const target_result& r : ctx.ev.results) {
        const target& t = p.targets[r.target_index];
        if (ctx.only_failed && (counts_as_met(r.verdict) || r.verdict == status::not_evaluable)) continue;
        lxw_format* colour = f.of(r);
        write_text(sheet, row, 0, t.id);
        write_text(sheet, row, 1, p.indicator_of(t).id);
        write_text(sheet, row, 2, r.region);
        worksheet_write_number(sheet, row, 3, r.year, nullptr);
        write_text(sheet, row, 4, status_label(r.verdict, lang), colour);
        write_shown(sheet, row, 5, shown_text(show(p, r, r.actual)));
        write_shown(sheet, row, 6, shown_text(show(p, r, r.required)));
        write_shown(sheet, row, 7, shown_text(show(p, r, r.target_value)));
        write_shown(sheet, row, 8, shown_text(show(p, r, r.gap)));
        write_text(sheet, row, 9, display_unit(p, r).spelling());
        if (r.attainment) write_shown(sheet, row, 10, format_display(r.attainment->value(), 4));
        write_text(sheet, row, 11, grade_label(r.warning, lang), r.warning == grade::none ? nullptr : colour);
        write_text(sheet, row, 12, detail::basis_word(r.basis, lang));
        write_text(sheet, row, 13, detail::binding_word(t.binding, lang));
        write_text(sheet, row, 14, t.section);
        write_text(sheet, row, 15, t.source);
        write_text(sheet, row, 16, r.reason.in(lang));
        ++row;
    }
    worksheet_freeze_panes(sheet, 1, 1);
    worksheet_autofilter(sheet, 0, 0, row > 1 ? row - 1 : 1, static_cast<lxw_col_t>(columns.size() - 1));
    worksheet_set_column(sheet, 0, 1, 26, nullptr);
    worksheet_set_column(sheet, 2, 2, 14, nullptr);
    worksheet_set_column(sheet, 3, 3, 7, nullptr);
    worksheet_set_column(sheet, 4, 4, 12, nullptr);
    worksheet_set_column(sheet, 5, 13, 12, nullptr);
    worksheet_set_column(sheet, 14, 14, 24, nullptr);
    worksheet_set_column(sheet, 15, 16, 60, nullptr);
}

}  // namespace

result<std::string> render_xlsx(const report_context& ctx) {
    auto book = detail::xlsx_book::create();
    if (!book) return std::move(book).error();
    lxw_workbook* wb = book->get();
    const formats f(wb);

    // Properties come from the rule file too: the same care as cells.
    std::string title = detail::xlsx_text(ctx.p.info.title.in(ctx.lang));
    std::string subject = std::string(tr(ctx.lang, "plancheck report", "plancheck 核查报告"));
    std::string comments = detail::xlsx_text(fmt::format("plancheck {}; {} {}", ctx.run.version, ctx.p.info.id, ctx.p.sha256));
    lxw_doc_properties properties{};
    properties.title = title.data();
    properties.subject = subject.data();
    properties.comments = comments.data();
    workbook_set_properties(wb, &properties);

    lxw_worksheet* summary = workbook_add_worksheet(wb, ctx.lang == language::zh ? "概要" : "Summary");
    lxw_worksheet* results = workbook_add_worksheet(wb, ctx.lang == language::zh ? "结果" : "Results");
    write_summary(summary, f, ctx);
    write_results(results, f, ctx);
    return book->finish();
}

}  // namespace plancheck
