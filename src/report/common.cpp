#include "report/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace plancheck::detail {

std::string_view tr(language lang, std::string_view en, std::string_view zh) { return lang == language::zh ? zh : en; }

std::string_view status_symbol(status s) {
    switch (s) {
        case status::met: return "✓";
        case status::not_met: return "✗";
        case status::on_track: return "↗";
        case status::behind: return "↘";
        case status::no_data: return "?";
        case status::not_evaluable: return "–";
    }
    return " ";
}

std::string with_unit(const std::optional<shown_value>& v, bool sign) {
    if (!v) return "—";
    std::string n = format_display(v->number);
    if (sign && n != "0" && v->number > 0) n = "+" + n;
    return v->unit == "%" ? n + "%" : fmt::format("{} {}", n, v->unit);
}

std::string with_unit_exact(const std::optional<shown_value>& v, bool sign) {
    if (!v) return "—";
    // Percentages are mostly computed (a change since the base year): four decimals say enough.
    std::string n = !std::isfinite(v->number) ? "—" : v->unit == "%" ? format_display(v->number, 4) : format_number(v->number, 12);
    if (sign && n != "0" && v->number > 0) n = "+" + n;
    return v->unit == "%" ? n + "%" : fmt::format("{} {}", n, v->unit);
}

std::string_view comparison_symbol(const target& t) {
    if (t.approximate) return "≈";
    switch (t.cmp) {
        case comparison::less_equal: return "≤";
        case comparison::less: return "<";
        case comparison::greater_equal: return "≥";
        case comparison::greater: return ">";
    }
    return "";
}

std::string plan_words(const target& t) {
    if (t.source.empty() || t.source == t.section) return t.section;
    if (t.section.empty()) return t.source;
    return t.section + ": " + t.source;
}

std::string tally_text(const tally& t, language lang) {
    const auto c = t.compliance();
    const std::string pct = c ? fmt::format("{:.1f}%", c->value()) : (lang == language::zh ? "无" : "n/a");
    return fmt::format("{}/{} ({})", t.met, t.evaluated, pct);
}

std::string coverage_text(const tally& t, language lang) {
    const auto c = t.coverage();
    const std::string pct = c ? fmt::format("{:.1f}%", c->value()) : (lang == language::zh ? "无" : "n/a");
    if (lang == language::zh) return fmt::format("已评价 {}/{} 项目标（{}）", t.judged(), t.results, pct);
    return fmt::format("judged {} of {} targets ({})", t.judged(), t.results, pct);
}

bool listed(const report_context& ctx, const target_result& r) {
    return !ctx.only_failed || r.verdict == status::not_met || r.verdict == status::behind;
}

region_grid build_region_grid(const report_context& ctx) {
    region_grid grid;
    std::map<std::string, std::map<std::string, const target_result*>> cells;  // region → column → latest
    for (const target_result& r : ctx.ev.results) {
        const target& t = ctx.p.targets[r.target_index];
        if (t.annex_target_id.empty()) continue;
        if (std::find(grid.columns.begin(), grid.columns.end(), t.annex_target_id) == grid.columns.end())
            grid.columns.push_back(t.annex_target_id);
        cells[r.region][t.annex_target_id] = &r;  // results are ordered by year: the last wins
    }
    for (const auto& [region, by_column] : cells) {
        region_grid::line l{region, {}, nullptr, grade::none};
        for (const std::string& c : grid.columns) {
            const auto it = by_column.find(c);
            l.cells.push_back(it == by_column.end() ? nullptr : it->second);
        }
        if (const auto t = ctx.ev.summary.by_region.find(region); t != ctx.ev.summary.by_region.end())
            l.totals = &t->second;
        if (const auto g = ctx.ev.summary.region_grade.find(region); g != ctx.ev.summary.region_grade.end())
            l.worst = g->second;
        grid.lines.push_back(std::move(l));
    }
    return grid;
}

}  // namespace plancheck::detail
