// The text report: a table per chapter and section, then what could not be judged, then the
// compliance line. Columns align in cells, so Chinese text (two cells a character) lines up.

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "plancheck/report.hpp"
#include "plancheck/text.hpp"
#include "report/common.hpp"

namespace plancheck {

namespace {

using detail::status_symbol;
using detail::tally_text;
using detail::with_unit;

constexpr std::size_t column_count = 9;
constexpr std::size_t name_width = 40;  // cells; longer names are cut with …
using row = std::array<std::string, column_count>;

std::string_view status_colour(status s) {
    switch (s) {
        case status::met:
        case status::on_track: return "\x1b[32m";
        case status::not_met: return "\x1b[31m";
        case status::behind: return "\x1b[33m";
        default: return "\x1b[2m";
    }
}

std::string input_line(const input_summary& in, language lang) {
    if (lang == language::zh)
        return fmt::format("{}：{} 行，已用 {}，忽略 {}，拒绝 {}{}", in.name, in.rows, in.used, in.ignored, in.rejected,
                           in.encoding != "utf-8" ? fmt::format("（编码 {}）", in.encoding) : "");
    return fmt::format("{}: {} rows, {} used, {} ignored, {} rejected{}", in.name, in.rows, in.used, in.ignored,
                       in.rejected, in.encoding != "utf-8" ? fmt::format(" (encoding {})", in.encoding) : "");
}

// Leagues and cities × annex targets, each cell the latest verdict and grade, then each
// region's compliance and worst grade.
std::string region_matrix(const report_context& ctx) {
    const language lang = ctx.lang;
    const detail::region_grid grid = detail::build_region_grid(ctx);
    if (grid.lines.empty()) return {};
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header{lang == language::zh ? "地区" : "Region"};
    header.insert(header.end(), grid.columns.begin(), grid.columns.end());
    header.push_back(lang == language::zh ? "达标率" : "Compliance");
    header.push_back(lang == language::zh ? "预警" : "Grade");
    rows.push_back(header);
    for (const detail::region_grid::line& g : grid.lines) {
        std::vector<std::string> line{g.region};
        for (const target_result* r : g.cells) {
            if (r == nullptr) {
                line.emplace_back("");
                continue;
            }
            std::string cell(status_symbol(r->verdict));
            if (r->warning != grade::none) cell += " " + std::string(grade_label(r->warning, lang));
            line.push_back(cell);
        }
        line.push_back(g.totals != nullptr ? tally_text(*g.totals, lang) : "");
        line.emplace_back(grade_label(g.worst, lang));
        rows.push_back(std::move(line));
    }
    std::vector<std::size_t> width(header.size(), 0);
    for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], text::display_width(r[c]));
    std::string out = lang == language::zh ? "\n各盟市目标（地区 × 目标）\n" : "\nLeague and city targets (region × target)\n";
    for (const auto& r : rows) {
        std::string line = " ";
        for (std::size_t c = 0; c < r.size(); ++c) line += " " + text::pad_right(r[c], width[c]) + " ";
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

// The targets without a verdict, folded: per status one wrapped list of ids (with the year in a
// trajectory); with --verbose one line per target with its reason.
std::string unjudged_list(const report_context& ctx, bool several_years) {
    const language lang = ctx.lang;
    const bool zh = lang == language::zh;
    std::vector<std::pair<status, std::vector<std::string>>> groups;
    std::string reasons;
    std::size_t count = 0;
    for (const target_result& r : ctx.ev.results) {
        if (is_evaluated(r.verdict)) continue;
        ++count;
        const std::string& id = ctx.p.targets[r.target_index].id;
        const std::string item = several_years ? fmt::format("{} ({})", id, r.year) : id;
        auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& e) { return e.first == r.verdict; });
        if (g == groups.end()) g = groups.insert(groups.end(), {r.verdict, {}});
        g->second.push_back(item);
        if (ctx.verbose)
            reasons += fmt::format("  {} {} {}: {}\n", status_symbol(r.verdict), id, r.year, r.reason.in(lang));
    }
    if (count == 0) return {};
    std::string out = zh ? fmt::format("\n未评价的目标（{} 项）：\n", count) : fmt::format("\nNot judged ({}):\n", count);
    constexpr std::size_t wrap = 96;  // cells
    for (const auto& [verdict, items] : groups) {
        std::string line = fmt::format("  {} {} ({}):", status_symbol(verdict), status_label(verdict, lang), items.size());
        std::size_t width = text::display_width(line);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string piece = " " + items[i] + (i + 1 < items.size() ? "," : "");
            const std::size_t w = text::display_width(piece);
            if (width + w > wrap) {
                out += line + "\n";
                line = "     ";
                width = 5;
            }
            line += piece;
            width += w;
        }
        out += line + "\n";
    }
    if (ctx.verbose) out += reasons;
    else out += zh ? "  （原因见 --verbose 或 JSON 报告）\n" : "  (the reasons: --verbose, or the JSON report)\n";
    return out;
}

}  // namespace

std::string render_text(const report_context& ctx) {
    const plan& p = ctx.p;
    const evaluation& ev = ctx.ev;
    const language lang = ctx.lang;
    const bool zh = lang == language::zh;
    const bool several_years = ev.years.size() > 1;
    std::string out;

    out += fmt::format("{} ({}) [{}]\n", p.info.title.in(lang), p.info.document, p.info.id);
    const int year = ev.years.empty() ? p.info.target_year : ev.years.back();
    std::string years_text = several_years ? fmt::format("{}–{}", ev.years.front(), ev.years.back())
                                           : fmt::to_string(year);
    const std::string region_text = ev.options.region ? *ev.options.region : p.info.region.in(lang);
    out += zh ? fmt::format("地区：{} · 年份：{} · 阶段路径：{} · 约数（左右）容差：{}%\n", region_text, years_text,
                            ev.options.path == progress_path::linear ? "线性（时间进度）" : "几何（复合）",
                            format_display(ev.options.tolerance.value()))
              : fmt::format("Region: {} · Year: {} · Interim path: {} · Tolerance of approximate (左右) targets: {}%\n",
                            region_text, years_text, to_string(ev.options.path),
                            format_display(ev.options.tolerance.value()));
    for (const input_summary& in : ctx.data.inputs()) out += (zh ? "输入 " : "Input ") + input_line(in, lang) + "\n";
    // Which year is judged, when the inputs hold more values of an earlier one (W-YEAR-MIXED).
    for (const error& e : ctx.findings)
        if (e.code == error_code::year_not_judged) out += (zh ? "注意：" : "Note: ") + e.message.in(lang) + "\n";

    const row header = zh ? row{"状态", "目标", "名称", "年份", "实际值", "要求值", "差距", "完成率", "预警"}
                          : row{"Status", "Target", "Name", "Year", "Actual", "Required", "Gap", "Attain.", "Grade"};

    // Rows grouped by section, in the rule file's order.
    std::vector<std::pair<std::string, std::vector<std::pair<row, status>>>> sections;
    bool any_plan_base = false;
    for (const target_result& r : ev.results) {
        const target& t = p.targets[r.target_index];
        // Judged targets first; the unjudged are folded into one list at the end.
        if (!is_evaluated(r.verdict) || !detail::listed(ctx, r)) continue;
        if (sections.empty() || sections.back().first != t.section) sections.push_back({t.section, {}});
        std::string attainment = r.attainment ? format_attainment(*r.attainment) : "—";
        if (r.attainment && r.attainment_is == attainment_meaning::allowance_used)
            attainment = zh ? "已用 " + attainment : attainment + " used";
        const bool plan_base = r.basis == base_source::plan;
        any_plan_base = any_plan_base || plan_base;
        std::string actual = with_unit(show(p, r, r.actual));
        if (plan_base) actual += "†";
        row cells{fmt::format("{} {}", status_symbol(r.verdict), status_label(r.verdict, lang)),
                  t.id,
                  text::truncate_to_width(t.name.in(lang), name_width),
                  fmt::to_string(r.year),
                  actual,
                  with_unit(show(p, r, r.required)),
                  with_unit(show(p, r, r.gap)),
                  attainment,
                  std::string(grade_label(r.warning, lang))};
        sections.back().second.push_back({std::move(cells), r.verdict});
    }

    std::array<std::size_t, column_count> width{};
    for (std::size_t c = 0; c < column_count; ++c) width[c] = text::display_width(header[c]);
    for (const auto& [section, rows] : sections)
        for (const auto& [cells, verdict] : rows)
            for (std::size_t c = 0; c < column_count; ++c) width[c] = std::max(width[c], text::display_width(cells[c]));
    const auto visible = [&](std::size_t c) { return c != 3 || several_years; };
    const auto line = [&](const row& cells, std::string_view colour) {
        std::string s = "  ";
        for (std::size_t c = 0; c < column_count; ++c) {
            if (!visible(c)) continue;
            const bool numeric = c >= 4 && c <= 7;
            std::string cell = numeric ? text::pad_left(cells[c], width[c]) : text::pad_right(cells[c], width[c]);
            if (c == 0 && !colour.empty()) cell = fmt::format("{}{}\x1b[0m", colour, cell);
            s += cell;
            if (c + 1 < column_count) s += "  ";
        }
        while (!s.empty() && s.back() == ' ') s.pop_back();
        return s + "\n";
    };

    for (const auto& [section, rows] : sections) {
        out += fmt::format("\n{}\n", section);
        out += line(header, "");
        for (const auto& [cells, verdict] : rows) out += line(cells, ctx.color ? status_colour(verdict) : "");
    }
    if (any_plan_base)
        out += zh ? "\n† 按规划文本中的基年数值计算（数据中没有该年数值）。\n"
                  : "\n† computed against the base-year value stated in the plan's text (the data has none for that year).\n";

    // Notes on judged results: a lapse after a deadline, a tolerance that decided, a price basis.
    std::string judged_notes;
    for (const target_result& r : ev.results) {
        if (!is_evaluated(r.verdict) || r.reason.en.empty() || !detail::listed(ctx, r)) continue;
        judged_notes += fmt::format("  {} {} {}: {}\n", status_symbol(r.verdict), p.targets[r.target_index].id, r.year,
                             r.reason.in(lang));
    }
    if (!judged_notes.empty()) out += (zh ? "\n说明：\n" : "\nNotes:\n") + judged_notes;

    // What could not be judged: one compact list per status (the reasons with --verbose and in
    // the JSON report), so 73 targets without data do not bury the 9 judged ones. --only-failed
    // lists failures only; the coverage line still counts the rest.
    if (!ctx.only_failed) out += unjudged_list(ctx, several_years);
    if (ctx.verbose && !p.unevaluable.empty()) {
        out += zh ? "\n规划中未编码为规则的条目：\n" : "\nPlan statements not encoded as rules:\n";
        for (const unevaluable_target& u : p.unevaluable)
            out += fmt::format("  – {}: {}\n", u.id, u.reason.in(lang));
    }
    if (ctx.verbose) {
        std::string notes;
        for (const error& e : ctx.findings)
            if (e.level == severity::note) notes += "  " + e.format(lang) + "\n";
        if (!notes.empty()) out += (zh ? "\n已忽略的行：\n" : "\nIgnored rows:\n") + notes;
    }

    out += region_matrix(ctx);

    const compliance_summary& s = ev.summary;
    out += "\n";
    const auto c = s.all.compliance();
    if (zh) {
        out += fmt::format("达标率：{}/{} 项目标达标（{}）· {} · 约束性 {} · 预期性 {}", s.all.met, s.all.evaluated,
                           c ? fmt::format("{:.1f}%", c->value()) : "无可评价目标", detail::coverage_text(s.all, lang),
                           tally_text(s.binding, lang), tally_text(s.expected, lang));
        if (s.all.no_data > 0) out += fmt::format(" · 无数据 {}", s.all.no_data);
        if (s.all.not_evaluable > 0) out += fmt::format(" · 无法评价 {}", s.all.not_evaluable);
    } else {
        out += fmt::format("compliance: {}/{} targets met ({}) · {} · binding {} · expected {}", s.all.met,
                           s.all.evaluated, c ? fmt::format("{:.1f}%", c->value()) : "nothing evaluated",
                           detail::coverage_text(s.all, lang), tally_text(s.binding, lang), tally_text(s.expected, lang));
        if (s.all.no_data > 0) out += fmt::format(" · no data {}", s.all.no_data);
        if (s.all.not_evaluable > 0) out += fmt::format(" · not evaluable {}", s.all.not_evaluable);
    }
    if (ev.options.require_all) out += zh ? "（--require-all：无数据计为未达标）" : " (--require-all: no data counts as not met)";
    out += "\n";
    return out;
}

}  // namespace plancheck
