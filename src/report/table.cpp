// The CSV and Markdown reports: one row per result. The CSV's header and words follow --lang
// (English ids for scripts; Chinese for a reader in Excel).

#include <fmt/format.h>

#include "plancheck/report.hpp"
#include "report/common.hpp"
#include "report/result_columns.hpp"

namespace plancheck {

namespace {

// RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// Markdown table cells cannot hold | or line breaks.
std::string md_cell(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string number_text(const std::optional<shown_value>& v) { return v ? format_display(v->number, 4) : ""; }

}  // namespace

std::string render_csv(const report_context& ctx) {
    const plan& p = ctx.p;
    std::string out;
    for (const detail::result_column& c : detail::result_columns) out += fmt::format("{}{}", out.empty() ? "" : ",", c.csv(ctx.lang));
    out += '\n';
    for (const target_result& r : ctx.ev.results) {
        const target& t = p.targets[r.target_index];
        if (!detail::listed(ctx, r)) continue;
        const std::vector<std::string> fields{
            t.id,
            p.indicator_of(t).id,
            r.region,
            fmt::to_string(r.year),
            std::string(status_label(r.verdict, ctx.lang)),
            number_text(show(p, r, r.actual)),
            number_text(show(p, r, r.required)),
            number_text(show(p, r, r.target_value)),
            number_text(show(p, r, r.gap)),
            display_unit(p, r).spelling(),
            r.attainment ? format_display(r.attainment->value(), 4) : "",
            std::string(grade_label(r.warning, ctx.lang)),
            std::string(detail::basis_word(r.basis, ctx.lang)),
            std::string(detail::binding_word(t.binding, ctx.lang)),
            t.section,
            t.source,
            r.reason.in(ctx.lang)};
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i > 0) out += ',';
            out += csv_field(fields[i]);
        }
        out += "\n";
    }
    return out;
}

std::string render_markdown(const report_context& ctx) {
    const plan& p = ctx.p;
    const bool zh = ctx.lang == language::zh;
    std::string out = fmt::format("# {} ({})\n", md_cell(p.info.title.in(ctx.lang)), md_cell(p.info.document));
    const auto& years = ctx.ev.years;
    const std::string years_text = years.empty()       ? std::to_string(p.info.target_year)
                                   : years.size() == 1 ? std::to_string(years.front())
                                                       : fmt::format("{}–{}", years.front(), years.back());
    out += fmt::format("\n{} {} · {} {}\n", zh ? "地区：" : "Region:",
                       md_cell(ctx.ev.options.region ? *ctx.ev.options.region : p.info.region.in(ctx.lang)),
                       zh ? "年份：" : "Year:", years_text);
    std::string current;
    for (const target_result& r : ctx.ev.results) {
        const target& t = p.targets[r.target_index];
        if (!detail::listed(ctx, r)) continue;
        if (t.section != current) {
            current = t.section;
            out += fmt::format("\n## {}\n\n", md_cell(current));
            out += zh ? "| 状态 | 目标 | 名称 | 年份 | 实际值 | 要求值 | 差距 | 单位 | 完成率 | 预警 |\n"
                      : "| Status | Target | Name | Year | Actual | Required | Gap | Unit | Attainment | Grade |\n";
            out += "|---|---|---|---:|---:|---:|---:|---|---:|---|\n";
        }
        out += fmt::format("| {} | `{}` | {} | {} | {} | {} | {} | {} | {} | {} |\n", status_label(r.verdict, ctx.lang),
                           t.id, md_cell(t.name.in(ctx.lang)), r.year, number_text(show(p, r, r.actual)),
                           number_text(show(p, r, r.required)), number_text(show(p, r, r.gap)),
                           md_cell(display_unit(p, r).spelling()),
                           !r.attainment                                          ? std::string()
                           : r.attainment_is == attainment_meaning::allowance_used ? format_attainment(*r.attainment) + (zh ? "（已用）" : " used")
                                                                                  : format_attainment(*r.attainment),
                           grade_label(r.warning, ctx.lang));
    }
    const auto c = ctx.ev.summary.all.compliance();
    out += fmt::format("\n**{}** {}/{} ({}) · {}\n", zh ? "达标率：" : "Compliance:", ctx.ev.summary.all.met,
                       ctx.ev.summary.all.evaluated, c ? fmt::format("{:.1f}%", c->value()) : "n/a",
                       detail::coverage_text(ctx.ev.summary.all, ctx.lang));
    return out;
}

}  // namespace plancheck
