// The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched) with
// the compliance gauges, per section the charts of the targets judged in several years and a
// table of every result, the league × target grid, and what could not be judged. Every string
// from the inputs (rule file, tables, statistics, file names) goes through escape_html.

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "plancheck/report.hpp"
#include "report/common.hpp"
#include "report/svg.hpp"

namespace plancheck {

namespace {

using detail::escape_html;
using detail::tr;
using detail::grade_class;

// No @font-face and no url(): the fonts are whatever the reader has, CJK ones named.
constexpr std::string_view stylesheet = R"css(
:root{--ink:#1d2733;--muted:#5b6675;--line:#dde2e8;--band:#f3f5f8;--accent:#0b5c7e;
--green:#1e8e3e;--yellow:#e3a008;--red:#d93025;--grey:#9aa0a6;
--green-t:#e6f4ea;--yellow-t:#fdf3d6;--red-t:#fce8e6;--grey-t:#f1f3f4}
*{box-sizing:border-box}
body{margin:0;background:#e9edf1;color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"WenQuanYi Micro Hei",sans-serif;font-variant-numeric:tabular-nums}
.page{max-width:1200px;margin:0 auto;padding:28px 32px 40px;background:#fff;min-height:100vh}
.report-header{display:flex;flex-wrap:wrap;gap:24px;justify-content:space-between;align-items:flex-start;
border-bottom:3px solid var(--accent);padding-bottom:18px}
.head-text{flex:1 1 420px}
.kicker{margin:0;color:var(--accent);font-size:12px;font-weight:700;letter-spacing:.08em;text-transform:uppercase}
h1{margin:4px 0 4px;font-size:25px;line-height:1.3}
.doc{margin:0 0 12px;color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0;font-size:13px}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
.gauges{display:flex;gap:10px;align-items:flex-end}
.gauge{margin:0;text-align:center}
.gauge figcaption{font-size:12px;font-weight:700;color:var(--muted)}
.gauge svg{display:block;width:210px;height:auto}
.gauge.small svg{width:140px}
.pc-gauge .track{fill:none;stroke:#e4e8ec;stroke-width:18}
.pc-gauge .fill{fill:none;stroke:var(--accent);stroke-width:18}
.pc-gauge .value{font-size:31px;font-weight:700;fill:var(--ink);text-anchor:middle}
.pc-gauge .detail{font-size:14px;fill:var(--muted);text-anchor:middle}
.gauge.small .pc-gauge .value{font-size:34px}
.gauge.small .pc-gauge .detail{font-size:17px}
.overview{display:flex;flex-wrap:wrap;gap:8px 28px;align-items:center;margin:16px 0 6px}
.pc-grades{display:block;width:320px;height:14px;border-radius:3px}
.key{display:flex;flex-wrap:wrap;gap:4px 16px;margin:0;padding:0;list-style:none;font-size:13px}
.chart-key{margin:2px 0 4px;color:var(--muted)}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;vertical-align:baseline}
.g-green{fill:var(--green);background:var(--green)}
.g-yellow{fill:var(--yellow);background:var(--yellow)}
.g-red{fill:var(--red);background:var(--red)}
.g-none{fill:var(--grey);background:var(--grey)}
nav.toc{margin:10px 0 0;font-size:13px;color:var(--muted)}
nav.toc a{color:var(--accent);text-decoration:none;margin-right:14px;white-space:nowrap}
.note{margin:14px 0;padding:8px 12px;border-left:4px solid var(--accent);background:var(--band);font-size:13px}
h2{margin:34px 0 12px;padding-bottom:4px;border-bottom:1px solid var(--line);font-size:19px}
h3{margin:0;font-size:15px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(470px,1fr));gap:16px;margin-bottom:18px}
figure.chart{margin:0;padding:12px 14px 10px;border:1px solid var(--line);border-radius:6px;background:#fff}
.chart .sub{margin:1px 0 4px;color:var(--muted);font-size:12px}
.tid{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px;color:var(--muted);font-weight:400}
.pc-chart{display:block;width:100%;height:auto}
.pc-chart text{font-size:11px;fill:var(--muted)}
.pc-chart .tick{text-anchor:end}
.pc-chart .year{text-anchor:middle}
.pc-chart .unit{font-weight:600}
.pc-chart .grid{stroke:#edf0f3;stroke-width:1}
.pc-chart .zero{stroke:#b9c1ca;stroke-width:1}
.pc-chart .axis{stroke:#9aa3ad;stroke-width:1}
.pc-chart .tick{dominant-baseline:middle}
.target{stroke:#6b3fa0;stroke-width:1.6;stroke-dasharray:7 4}
.target-mark{fill:#6b3fa0}
.expected{fill:none;stroke:var(--accent);stroke-width:1.8;stroke-dasharray:4 4}
.expected-point{fill:#fff;stroke:var(--accent);stroke-width:1.6}
.actual{fill:none;stroke:#34404d;stroke-width:2.2}
.point{stroke:#fff;stroke-width:1.6}
.pc-swatch{display:inline-block;width:28px;height:12px;vertical-align:-1px;margin-right:5px}
.chart .goal{color:#6b3fa0;font-weight:600;white-space:nowrap}
.chart figcaption{margin-top:4px;padding:6px 10px;border-left:3px solid var(--line);background:var(--band);
font-size:13px;line-height:1.55}
.chart figcaption .where{display:block;color:var(--muted);font-size:12px}
.chart q{quotes:none}
.table-wrap{overflow-x:auto}
table{width:100%;border-collapse:collapse;font-size:13px}
th{background:var(--band);color:var(--muted);font-weight:600;text-align:left;padding:6px 8px;
border-bottom:1px solid var(--line);white-space:nowrap}
td{padding:5px 8px;border-bottom:1px solid #eef1f4;vertical-align:top}
td.tid,h3 .tid{white-space:nowrap}
tr.first td{border-top:1px solid var(--line)}
.num{text-align:right;white-space:nowrap}
td.grade{white-space:nowrap}
tr.r-green td:first-child{box-shadow:inset 4px 0 var(--green)}
tr.r-yellow td:first-child{box-shadow:inset 4px 0 var(--yellow)}
tr.r-red td:first-child{box-shadow:inset 4px 0 var(--red)}
tr.r-none td:first-child{box-shadow:inset 4px 0 var(--grey)}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
.s-met,.s-on-track{background:var(--green-t);color:#13652b}
.s-not-met{background:var(--red-t);color:#a52714}
.s-behind{background:var(--yellow-t);color:#8a5a00}
.s-no-data,.s-not-evaluable{background:var(--grey-t);color:var(--muted)}
td a{color:inherit}
table.matrix td,table.matrix th{text-align:center}
table.matrix td:first-child,table.matrix th:first-child{text-align:left}
td.c-green{background:var(--green-t)}
td.c-yellow{background:var(--yellow-t)}
td.c-red{background:var(--red-t)}
td.c-none{background:var(--grey-t)}
ul.reasons{margin:6px 0;padding-left:20px;font-size:13px}
ul.reasons li{margin:2px 0}
details{margin:10px 0;font-size:13px}
summary{font-weight:600}
footer{margin-top:36px;padding-top:10px;border-top:1px solid var(--line);color:var(--muted);font-size:12px}
footer table{font-size:12px}
code,.hash{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:11.5px}
@page{size:A4;margin:14mm 12mm}
@media print{
body{background:#fff;font-size:10pt}
.page{max-width:none;padding:0;min-height:0}
nav.toc{display:none}
.charts{grid-template-columns:1fr 1fr;gap:8px}
.pc-chart text{font-size:17px}
figure.chart,tr,.gauges,table.matrix{break-inside:avoid}
h2,h3{break-after:avoid}
thead{display:table-header-group}
.table-wrap{overflow:visible}
a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)css";

// The results of one target for one region, in year order.
struct target_group {
    std::size_t target_index = 0;
    std::vector<const target_result*> results;
    bool listed = false;     // some result is in the table (--only-failed lists fewer)
    std::string chart_id;    // empty when it has no chart
};

// The tables list judged results (with --only-failed, failures only); the unjudged are folded into
// one list at the end, so they cannot bury the judged ones.
bool listed(const report_context& ctx, const target_result& r) {
    return is_evaluated(r.verdict) && detail::listed(ctx, r);
}

std::vector<target_group> group_results(const report_context& ctx) {
    std::vector<target_group> groups;
    for (const target_result& r : ctx.ev.results) {
        if (groups.empty() || groups.back().target_index != r.target_index ||
            groups.back().results.front()->region != r.region)
            groups.push_back({r.target_index, {}, false, {}});
        groups.back().results.push_back(&r);
        groups.back().listed = groups.back().listed || listed(ctx, r);
    }
    std::size_t charts = 0;
    for (target_group& g : groups) {
        const auto judged = std::count_if(g.results.begin(), g.results.end(),
                                          [](const target_result* r) { return r->actual.has_value(); });
        if (g.listed && judged >= 2) g.chart_id = fmt::format("chart-{}", ++charts);
    }
    return groups;
}

// A number with its unit to the precision the evaluation computed (for hover texts).
std::string exact(const std::optional<shown_value>& v) {
    if (!v) return "—";
    return v->unit == "%" ? format_number(v->number, 8) + "%" : fmt::format("{} {}", format_number(v->number, 8), v->unit);
}

std::string_view comparison_sign(comparison c) {
    switch (c) {
        case comparison::less_equal: return "≤";
        case comparison::less: return "<";
        case comparison::greater_equal: return "≥";
        case comparison::greater: return ">";
    }
    return "";
}

std::string status_class(status s) {
    std::string name(to_string(s));
    std::replace(name.begin(), name.end(), ' ', '-');
    return "s-" + name;
}

std::string badge(status s, language lang) {
    return fmt::format(R"(<span class="badge {}">{} {}</span>)", status_class(s), detail::status_symbol(s),
                       escape_html(status_label(s, lang)));
}

std::string grade_cell(grade g, language lang) {
    if (g == grade::none) return "";
    return fmt::format(R"(<span class="dot {}"></span>{})", grade_class(g), escape_html(grade_label(g, lang)));
}

std::string years_text(const report_context& ctx) {
    const std::vector<int>& years = ctx.ev.years;
    if (years.empty()) return std::to_string(ctx.p.info.target_year);
    return years.size() == 1 ? std::to_string(years.front()) : fmt::format("{}–{}", years.front(), years.back());
}

// ---- header ----

std::string gauge_figure(const tally& t, std::string_view caption, bool small, language lang) {
    const auto c = t.compliance();
    detail::gauge g;
    if (c) g.percent = c->value();
    g.value = c ? fmt::format("{:.1f}%", c->value()) : std::string(tr(lang, "n/a", "无"));
    g.detail = fmt::format("{}/{} {}", t.met, t.evaluated, tr(lang, "met", "达标"));
    g.hover = fmt::format("{}: {}", caption, detail::tally_text(t, lang));
    return fmt::format(R"(<figure class="gauge{}">{}<figcaption>{}</figcaption></figure>)", small ? " small" : "",
                       detail::svg_gauge(g), escape_html(caption));
}

std::string header(const report_context& ctx) {
    const plan& p = ctx.p;
    const language lang = ctx.lang;
    const evaluation& ev = ctx.ev;
    std::string out = R"(<header class="report-header"><div class="head-text">)";
    out += fmt::format(R"(<p class="kicker">{}</p>)", tr(lang, "Plan compliance report", "规划目标核查报告"));
    out += fmt::format("<h1>{}</h1>", escape_html(p.info.title.in(lang)));
    out += fmt::format(R"(<p class="doc">{} · <code>{}</code></p>)", escape_html(p.info.document), escape_html(p.info.id));
    const auto fact = [&](std::string_view en, std::string_view zh, const std::string& value) {
        return fmt::format("<dt>{}</dt><dd>{}</dd>", tr(lang, en, zh), escape_html(value));
    };
    out += R"(<dl class="facts">)";
    out += fact("Region", "地区", ev.options.region ? *ev.options.region : p.info.region.in(lang));
    out += fact(ev.years.size() > 1 ? "Years" : "Year", "年份", years_text(ctx));
    out += fact("Interim path", "阶段路径",
                std::string(lang == language::zh ? (ev.options.path == progress_path::linear ? "线性（时间进度）" : "几何（复合）")
                                                 : to_string(ev.options.path)));
    out += fact("Tolerance (左右)", "约数（左右）容差", format_display(ev.options.tolerance.value()) + "%");
    out += fact("Yellow band", "黄灯区间", format_display(ev.options.yellow_band.value()) + "%");
    std::string inputs;
    for (const input_summary& in : ctx.data.inputs()) inputs += (inputs.empty() ? "" : ", ") + in.name;
    out += fact("Inputs", "输入", inputs.empty() ? std::string("—") : inputs);
    out += fact("Coverage", "覆盖", detail::coverage_text(ev.summary.all, lang));
    out += "</dl></div>";

    const compliance_summary& s = ev.summary;
    out += R"(<div class="gauges">)";
    out += gauge_figure(s.all, tr(lang, "Compliance", "达标率"), false, lang);
    out += gauge_figure(s.binding, tr(lang, "Binding", "约束性"), true, lang);
    out += gauge_figure(s.expected, tr(lang, "Expected", "预期性"), true, lang);
    out += "</div></header>";
    return out;
}

// The grades of each target's latest result, as a bar and its key.
std::string grade_overview(const report_context& ctx, const std::vector<target_group>& groups) {
    const language lang = ctx.lang;
    std::array<std::size_t, 4> count{};  // green, yellow, red, none
    for (const target_group& g : groups) {
        switch (g.results.back()->warning) {
            case grade::green: ++count[0]; break;
            case grade::yellow: ++count[1]; break;
            case grade::red: ++count[2]; break;
            case grade::none: ++count[3]; break;
        }
    }
    const std::string band = format_display(ctx.ev.options.yellow_band.value());
    const std::array<std::string, 4> meaning{
        std::string(tr(lang, "green: met or on track", "绿灯：达标或进度正常")),
        lang == language::zh ? fmt::format("黄灯：差距不超过要求值的 {}%", band)
                             : fmt::format("yellow: missed by at most {}% of the required value", band),
        lang == language::zh ? fmt::format("红灯：差距超过要求值的 {}%", band)
                             : fmt::format("red: missed by more than {}%", band),
        std::string(tr(lang, "not judged (no data, not evaluable)", "未评价（无数据、无法评价）"))};
    const std::array<grade, 4> grades{grade::green, grade::yellow, grade::red, grade::none};
    std::vector<detail::bar_segment> segments;
    std::string key = R"(<ul class="key">)";
    for (std::size_t i = 0; i < grades.size(); ++i) {
        segments.push_back({std::string(grade_class(grades[i])), count[i], fmt::format("{} {}", count[i], meaning[i])});
        key += fmt::format(R"(<li><span class="dot {}"></span><strong>{}</strong> {}</li>)", grade_class(grades[i]),
                           count[i], escape_html(meaning[i]));
    }
    key += "</ul>";
    return fmt::format(R"(<div class="overview"><div><strong>{}</strong>{}</div>{}</div>)",
                       tr(lang, "Grades of the latest year", "最新年份预警"), detail::svg_bar(segments), key);
}

// ---- charts ----

// How to read every chart, said once.
std::string chart_key(const report_context& ctx) {
    const language lang = ctx.lang;
    std::string out = fmt::format(R"(<ul class="key chart-key"><li><strong>{}</strong></li>)", tr(lang, "Charts:", "图表："));
    out += fmt::format("<li>{}{}</li>", detail::svg_swatch(detail::swatch::actual),
                       tr(lang, "the value judged, each year (dot: its grade)", "各年评价值（圆点颜色为预警等级）"));
    out += fmt::format("<li>{}{}</li>", detail::svg_swatch(detail::swatch::expected),
                       tr(lang, "the expected path from the base year, as evaluated", "评价所用的预期进度路径（自基年起）"));
    out += fmt::format("<li>{}{}</li>", detail::svg_swatch(detail::swatch::target),
                       tr(lang, "the target and its year", "目标值及目标年份"));
    out += fmt::format("<li>{}</li></ul>", tr(lang, "Hover for exact values.", "悬停可见精确数值。"));
    return out;
}

bool has_path(target_kind k) { return k != target_kind::annual_growth_at_most && k != target_kind::no_growth; }
// Kinds whose measure is a change since the base year, zero in the base year itself.
bool measured_from_base(target_kind k) {
    return k == target_kind::change_vs_base || k == target_kind::increment_at_most || k == target_kind::cumulative_at_least;
}

std::string year_label(int year, language lang) { return lang == language::zh ? fmt::format("{}年", year) : std::to_string(year); }

std::string chart_figure(const report_context& ctx, const target_group& g) {
    const plan& p = ctx.p;
    const language lang = ctx.lang;
    const target& t = p.targets[g.target_index];
    const target_result& last = *g.results.back();
    const std::string sep = " · ";

    detail::line_chart c;
    c.unit = display_unit(p, last).spelling();
    c.title = fmt::format("{}: {} — {}", t.id, t.name.in(lang), last.region);
    for (const target_result* r : g.results) {
        const auto v = show(p, *r, r->actual);
        if (!v) continue;
        std::string hover = fmt::format("{}{}{} {}{}{} {}{}{}", year_label(r->year, lang), sep, tr(lang, "actual", "实际值"),
                                        exact(v), sep, tr(lang, "required", "要求值"), exact(show(p, *r, r->required)), sep,
                                        status_label(r->verdict, lang));
        if (r->warning != grade::none) hover += sep + std::string(grade_label(r->warning, lang));
        for (const input_value& in : r->inputs)
            if (in.role == "actual" && in.year == r->year && in.where) hover += sep + in.where->to_string();
        c.actual.push_back({r->year, v->number, std::string(grade_class(r->warning)), std::move(hover)});
    }

    // The expected path: the evaluation's expected values of the interim years, from the base to
    // the target; nothing is computed here but the start of a measure counted from the base.
    if (has_path(t.kind)) {
        const int base_year = t.base_year.value_or(p.info.base_year);
        if (measured_from_base(t.kind) && t.base_year) {
            const auto measured = std::find_if(g.results.begin(), g.results.end(),
                                               [](const target_result* r) { return r->actual.has_value(); });
            const auto zero = show(p, **measured, any_quantity::from_canonical((*measured)->actual->kind(), 0));
            c.expected.push_back({base_year, zero->number, {},
                                  fmt::format("{}{}{} {}", year_label(base_year, lang), sep, tr(lang, "base year", "基年"), exact(zero))});
        } else if (!measured_from_base(t.kind)) {
            for (auto r = g.results.rbegin(); r != g.results.rend(); ++r) {
                const auto base = std::find_if((*r)->inputs.begin(), (*r)->inputs.end(),
                                               [](const input_value& in) { return in.role == "base"; });
                if (base == (*r)->inputs.end()) continue;
                const auto v = show(p, **r, base->value);
                c.expected.push_back(
                    {base->year, v->number, {},
                     fmt::format("{}{}{} {}{}", year_label(base->year, lang), sep, tr(lang, "base", "基年值"), exact(v),
                                 base->from_plan ? sep + std::string(tr(lang, "stated in the plan", "规划所载"))
                                 : base->where   ? sep + base->where->to_string()
                                                 : std::string())});
                break;
            }
        }
        for (const target_result* r : g.results) {
            if (!r->interim || !r->required || !r->time_progress) continue;
            if (!measured_from_base(t.kind) && r->basis == base_source::none) continue;  // no path was drawn
            c.expected.push_back({r->year, show(p, *r, r->required)->number, {},
                                  fmt::format("{}{}{} {}{}{} {}%", year_label(r->year, lang), sep,
                                              tr(lang, "expected", "预期值"), exact(show(p, *r, r->required)), sep,
                                              tr(lang, "time progress", "时间进度"), format_display(r->time_progress->value(), 1))});
        }
    }
    const std::optional<any_quantity> final_value =
        last.target_value ? last.target_value : (t.kind == target_kind::no_growth ? last.required : std::nullopt);
    std::string target_text;
    if (const auto v = show(p, last, final_value)) {
        const std::string label = fmt::format("{} {} {}{}", tr(lang, "target", "目标"), comparison_sign(t.cmp),
                                              detail::with_unit(v), t.approximate ? tr(lang, " (approx.)", "（左右）") : "");
        target_text = fmt::format("{} ({})", label, t.year);
        c.target = detail::chart_point{t.year, v->number, {}, fmt::format("{}{}{}", year_label(t.year, lang), sep, label)};
        if (has_path(t.kind) && !c.expected.empty() && c.expected.back().year < t.year)
            c.expected.push_back({t.year, v->number, {}, c.target->hover});
    }
    std::sort(c.expected.begin(), c.expected.end(), [](const auto& a, const auto& b) { return a.year < b.year; });

    const indicator& ind = p.indicator_of(t);
    std::string out = fmt::format(R"(<figure class="chart" id="{}"><h3>{} <span class="tid">{}</span></h3>)", g.chart_id,
                                  escape_html(t.name.in(lang)), escape_html(t.id));
    out += fmt::format(R"(<p class="sub">{}{}{}{}{}{}{}</p>)", escape_html(ind.name.in(lang)), sep,
                       t.binding ? tr(lang, "binding", "约束性") : tr(lang, "expected", "预期性"), sep,
                       escape_html(last.region), target_text.empty() ? "" : sep,
                       target_text.empty() ? "" : R"(<span class="goal">)" + escape_html(target_text) + "</span>");
    out += detail::svg_line_chart(c);
    // A league's target has no sentence of its own (its annex's title stands for it): say where its value came from.
    const std::string where = t.annex_target_id.empty()
                                  ? fmt::format("{}{}", tr(lang, "The plan's text, ", "规划原文，"), t.section)
                                  : t.note;
    out += fmt::format(R"(<figcaption><q lang="zh-CN">{}</q><span class="where">{}</span></figcaption></figure>)",
                       escape_html(t.source), escape_html(where));
    return out;
}

// ---- tables ----

std::string targets_table(const report_context& ctx, const std::vector<const target_group*>& groups, bool& any_plan_base) {
    const plan& p = ctx.p;
    const language lang = ctx.lang;
    const bool several_years = ctx.ev.years.size() > 1;
    std::string out = R"(<div class="table-wrap"><table class="targets"><thead><tr>)";
    const auto th = [&](std::string_view en, std::string_view zh, bool numeric) {
        out += fmt::format("<th{}>{}</th>", numeric ? R"( class="num")" : "", tr(lang, en, zh));
    };
    th("Status", "状态", false);
    th("Target", "目标", false);
    th("Name", "名称", false);
    th("Type", "类别", false);
    if (several_years) th("Year", "年份", true);
    th("Actual", "实际值", true);
    th("Required", "要求值", true);
    th("Gap", "差距", true);
    th("Attainment", "完成率", true);
    th("Grade", "预警", false);
    out += "</tr></thead><tbody>";
    for (const target_group* g : groups) {
        const target& t = p.targets[g->target_index];
        // The target's id, name and type once, over the rows of its years.
        const auto rows = std::count_if(g->results.begin(), g->results.end(),
                                        [&](const target_result* r) { return listed(ctx, *r); });
        bool first = true;
        for (const target_result* r : g->results) {
            if (!listed(ctx, *r)) continue;
            const bool judged = is_evaluated(r->verdict);
            const bool plan_base = r->basis == base_source::plan;
            any_plan_base = any_plan_base || plan_base;
            const auto number_cell = [&](const std::optional<any_quantity>& q, std::string_view mark) {
                const auto v = show(p, *r, q);
                if (!v) return std::string(R"(<td class="num">—</td>)");
                return fmt::format(R"(<td class="num" title="{}">{}{}</td>)", escape_html(exact(v)),
                                   escape_html(detail::with_unit(v)), mark);
            };
            std::string attainment = "—";
            if (r->attainment) {
                attainment = format_attainment(*r->attainment);
                if (r->attainment_is == attainment_meaning::allowance_used)
                    attainment = lang == language::zh ? "已用 " + attainment : attainment + " used";
            }
            const std::string id_cell = g->chart_id.empty()
                                            ? escape_html(t.id)
                                            : fmt::format(R"(<a href="#{}">{}</a>)", g->chart_id, escape_html(t.id));
            out += fmt::format(R"(<tr class="r-{}{}"><td>{}</td>)", to_string(r->warning), first ? " first" : "",
                               badge(r->verdict, lang));
            if (first) {
                const std::string span = rows > 1 ? fmt::format(R"( rowspan="{}")", rows) : "";
                out += fmt::format(R"(<td class="tid"{}>{}</td><td{} title="{}">{}</td><td{}>{}</td>)", span, id_cell,
                                   span, escape_html(t.source), escape_html(t.name.in(lang)), span,
                                   t.binding ? tr(lang, "binding", "约束性") : tr(lang, "expected", "预期性"));
            }
            if (several_years) out += fmt::format(R"(<td class="num">{}</td>)", r->year);
            out += judged ? number_cell(r->actual, plan_base ? "†" : "") : std::string(R"(<td class="num">—</td>)");
            out += number_cell(judged ? r->required : r->target_value, "");
            out += judged ? number_cell(r->gap, "") : std::string(R"(<td class="num">—</td>)");
            out += fmt::format(R"(<td class="num">{}</td><td class="grade">{}</td></tr>)", escape_html(attainment),
                               grade_cell(r->warning, lang));
            first = false;
        }
    }
    return out + "</tbody></table></div>";
}

std::string region_matrix(const report_context& ctx) {
    const language lang = ctx.lang;
    const detail::region_grid grid = detail::build_region_grid(ctx);
    if (grid.lines.empty()) return {};
    std::string out = fmt::format(R"(<section id="regions"><h2>{}</h2><div class="table-wrap"><table class="matrix"><thead><tr><th>{}</th>)",
                                  tr(lang, "League and city targets (region × target)", "各盟市目标（地区 × 目标）"),
                                  tr(lang, "Region", "地区"));
    for (const std::string& c : grid.columns) out += fmt::format(R"(<th class="tid">{}</th>)", escape_html(c));
    out += fmt::format("<th>{}</th><th>{}</th></tr></thead><tbody>", tr(lang, "Compliance", "达标率"), tr(lang, "Grade", "预警"));
    for (const detail::region_grid::line& line : grid.lines) {
        out += fmt::format("<tr><td>{}</td>", escape_html(line.region));
        for (const target_result* r : line.cells) {
            if (r == nullptr) {
                out += "<td></td>";
                continue;
            }
            const std::string hover = fmt::format("{} {} · {} {} · {} {}", ctx.p.targets[r->target_index].id, r->year,
                                                  tr(lang, "actual", "实际值"), exact(show(ctx.p, *r, r->actual)),
                                                  tr(lang, "required", "要求值"), exact(show(ctx.p, *r, r->required)));
            out += fmt::format(R"(<td class="c-{}" title="{}">{} {}</td>)", to_string(r->warning), escape_html(hover),
                               detail::status_symbol(r->verdict),
                               escape_html(r->warning != grade::none ? grade_label(r->warning, lang) : status_label(r->verdict, lang)));
        }
        out += fmt::format(R"(<td class="num">{}</td><td class="grade">{}</td></tr>)",
                           line.totals != nullptr ? escape_html(detail::tally_text(*line.totals, lang)) : "",
                           grade_cell(line.worst, lang));
    }
    return out + "</tbody></table></div></section>";
}

// ---- what could not be judged, notes, findings ----

std::string reason_list(const report_context& ctx, bool (*keep)(const report_context&, const target_result&)) {
    std::string items;
    for (const target_result& r : ctx.ev.results) {
        if (!keep(ctx, r)) continue;
        items += fmt::format("<li>{} <span class=\"tid\">{}</span> {}: {}</li>", detail::status_symbol(r.verdict),
                             escape_html(ctx.p.targets[r.target_index].id), r.year, escape_html(r.reason.in(ctx.lang)));
    }
    return items.empty() ? items : R"(<ul class="reasons">)" + items + "</ul>";
}

bool judged_with_note(const report_context& ctx, const target_result& r) {
    return is_evaluated(r.verdict) && !r.reason.en.empty() && (!ctx.only_failed || !counts_as_met(r.verdict));
}
bool not_judged(const report_context& ctx, const target_result& r) {
    return !is_evaluated(r.verdict) && !ctx.only_failed;
}

// The targets without a verdict, folded: per status one line of ids (with the year in a
// trajectory); the reasons with --verbose (and in the JSON report).
std::string unjudged_list(const report_context& ctx) {
    const language lang = ctx.lang;
    std::vector<std::pair<status, std::string>> groups;
    std::vector<std::size_t> counts;
    for (const target_result& r : ctx.ev.results) {
        if (!not_judged(ctx, r)) continue;
        auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& e) { return e.first == r.verdict; });
        if (g == groups.end()) {
            g = groups.insert(groups.end(), {r.verdict, {}});
            counts.push_back(0);
        }
        ++counts[static_cast<std::size_t>(g - groups.begin())];
        const std::string& id = ctx.p.targets[r.target_index].id;
        g->second += fmt::format(R"({}<span class="tid">{}</span>{})", g->second.empty() ? "" : ", ", escape_html(id),
                                 ctx.ev.years.size() > 1 ? fmt::format(" ({})", r.year) : std::string());
    }
    std::string out;
    for (std::size_t i = 0; i < groups.size(); ++i)
        out += fmt::format(R"(<p class="unjudged">{} <strong>{} ({})</strong>: {}</p>)", detail::status_symbol(groups[i].first),
                           escape_html(status_label(groups[i].first, lang)), counts[i], groups[i].second);
    if (!out.empty() && ctx.verbose) out += reason_list(ctx, not_judged);
    return out;
}

std::string notes(const report_context& ctx, bool any_plan_base) {
    const language lang = ctx.lang;
    std::string out;
    if (any_plan_base)
        out += fmt::format(R"(<p class="note">{}</p>)",
                           tr(lang, "† computed against the base-year value stated in the plan's text (the data has none for that year).",
                              "† 按规划文本中的基年数值计算（数据中没有该年数值）。"));
    if (const std::string l = reason_list(ctx, judged_with_note); !l.empty())
        out += fmt::format("<h3>{}</h3>{}", tr(lang, "Notes", "说明"), l);
    if (const std::string l = unjudged_list(ctx); !l.empty())
        out += fmt::format("<h3>{}</h3>{}", tr(lang, "Not judged", "未能评价的目标"), l);
    if (ctx.verbose && !ctx.p.unevaluable.empty()) {
        out += fmt::format(R"(<h3>{}</h3><ul class="reasons">)",
                           tr(lang, "Plan statements not encoded as rules", "规划中未编码为规则的条目"));
        for (const unevaluable_target& u : ctx.p.unevaluable)
            out += fmt::format(R"(<li><span class="tid">{}</span>: {}</li>)", escape_html(u.id), escape_html(u.reason.in(lang)));
        out += "</ul>";
    }
    std::string findings;
    std::size_t count = 0;
    for (const error& e : ctx.findings) {
        if (e.level == severity::note && !ctx.verbose) continue;
        findings += "<li>" + escape_html(e.format(lang)) + "</li>";
        ++count;
    }
    if (count > 0)
        out += fmt::format(R"(<details{}><summary>{} ({})</summary><ul class="reasons">{}</ul></details>)",
                           count <= 10 ? " open" : "", tr(lang, "Findings in the inputs", "输入数据中的发现"), count, findings);
    if (out.empty()) return out;
    return fmt::format(R"(<section id="notes"><h2>{}</h2>{}</section>)", tr(lang, "Notes and what was not judged", "说明与未评价目标"), out);
}

std::string footer(const report_context& ctx) {
    const language lang = ctx.lang;
    const plan& p = ctx.p;
    std::string out = fmt::format(R"(<footer id="inputs"><div class="table-wrap"><table><thead><tr><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th>{}</th><th>SHA-256</th></tr></thead><tbody>)",
                                  tr(lang, "Input", "输入"), tr(lang, "Rows", "行"), tr(lang, "Used", "已用"),
                                  tr(lang, "Ignored", "忽略"), tr(lang, "Rejected", "拒绝"), tr(lang, "Encoding", "编码"));
    for (const input_summary& in : ctx.data.inputs())
        out += fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td class="hash">{}</td></tr>)",
                           escape_html(in.name), in.rows, in.used, in.ignored, in.rejected, escape_html(in.encoding),
                           escape_html(in.sha256));
    out += "</tbody></table></div>";
    out += fmt::format(R"(<p>{} <code>{}</code> · {} <code>{}</code> · SHA-256 <span class="hash">{}</span>{}</p>)",
                       tr(lang, "Plan", "规划"), escape_html(p.info.id), tr(lang, "rule file", "规则文件"), escape_html(p.file),
                       escape_html(p.sha256),
                       ctx.run.version.empty() ? std::string()
                                               : fmt::format(" · plancheck {}", escape_html(ctx.run.version)));
    return out + "</footer>";
}

}  // namespace

std::string render_html(const report_context& ctx) {
    const plan& p = ctx.p;
    const language lang = ctx.lang;
    const std::vector<target_group> groups = group_results(ctx);

    // Sections in the order the rule file first names them.
    std::vector<std::pair<std::string, std::vector<const target_group*>>> sections;
    for (const target_group& g : groups) {
        if (!g.listed) continue;
        const std::string& section = p.targets[g.target_index].section;
        auto it = std::find_if(sections.begin(), sections.end(), [&](const auto& s) { return s.first == section; });
        if (it == sections.end()) it = sections.insert(sections.end(), {section, {}});
        it->second.push_back(&g);
    }
    const bool any_chart = std::any_of(groups.begin(), groups.end(), [](const target_group& g) { return !g.chart_id.empty(); });

    std::string out = fmt::format(R"(<!DOCTYPE html>
<html lang="{}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="plancheck">
<title>{} — {}</title>
<style>{}</style>
</head>
<body>
<div class="page">
)",
                                  lang == language::zh ? "zh-CN" : "en", escape_html(p.info.title.in(lang)),
                                  tr(lang, "compliance report", "目标核查报告"), stylesheet);
    out += header(ctx);
    out += grade_overview(ctx, groups);
    if (any_chart) out += chart_key(ctx);
    out += fmt::format(R"(<nav class="toc"><strong>{}</strong> )", tr(lang, "Sections:", "章节："));
    for (std::size_t i = 0; i < sections.size(); ++i)
        out += fmt::format(R"(<a href="#s-{}">{}</a>)", i + 1, escape_html(sections[i].first));
    out += "</nav>\n";
    if (!any_chart)
        out += fmt::format(R"(<p class="note">{}</p>)",
                           tr(lang, "Charts show the targets judged in two or more years: check several files, or one file with --all-years.",
                              "图表展示在两个或以上年份评价的目标：请检查多个文件，或对单个文件使用 --all-years。"));
    out += region_matrix(ctx);

    bool any_plan_base = false;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        out += fmt::format("\n<section class=\"plan-section\" id=\"s-{}\"><h2>{}</h2>", i + 1, escape_html(sections[i].first));
        std::string charts;
        for (const target_group* g : sections[i].second)
            if (!g->chart_id.empty()) charts += chart_figure(ctx, *g);
        if (!charts.empty()) out += R"(<div class="charts">)" + charts + "</div>";
        out += targets_table(ctx, sections[i].second, any_plan_base);
        out += "</section>";
    }
    if (sections.empty())
        out += fmt::format(R"(<p class="note">{}</p>)", tr(lang, "No target to list.", "没有需要列出的目标。"));
    out += notes(ctx, any_plan_base);
    out += footer(ctx);
    out += "\n</div>\n</body>\n</html>\n";
    return out;
}

}  // namespace plancheck
