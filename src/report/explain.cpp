// --explain: one target's inputs with their origins, each step of the computation with its
// formula and units, and the verdict — what an analyst needs to defend the figure.

#include <fmt/format.h>

#include "plancheck/report.hpp"

namespace plancheck {

std::string render_explanation(const report_context& ctx, const std::string& target_id) {
    const plan& p = ctx.p;
    const language lang = ctx.lang;
    const bool zh = lang == language::zh;
    const target* t = p.find_target(target_id);
    if (t == nullptr) return {};
    const indicator& ind = p.indicator_of(*t);
    std::string out;
    out += fmt::format("{} — {} ({})\n", t->id, t->name.in(lang), t->binding ? (zh ? "约束性" : "binding") : (zh ? "预期性" : "expected"));
    out += fmt::format("{}{}：“{}”\n", zh ? "规划原文 " : "Plan, ", t->section, t->source);
    std::string rule = fmt::format("{} {} {}", to_string(t->kind), to_string(t->cmp),
                                   t->threshold ? fmt::format("{} {}", format_number(t->threshold_unit.value_of(*t->threshold)),
                                                              t->threshold_unit.spelling())
                                                : (zh ? "基年水平" : "the base-year level"));
    if (t->approximate) rule += zh ? "（左右）" : " (approximately, 左右)";
    if (t->base_year) rule += fmt::format(fmt::runtime(zh ? "，基年 {}" : ", base year {}"), *t->base_year);
    rule += fmt::format(fmt::runtime(zh ? "，目标年 {}" : ", target year {}"), t->year);
    out += fmt::format("{}{} [{}]\n", zh ? "规则：" : "Rule: ", rule, ind.id);

    for (const target_result& r : ctx.ev.results) {
        if (r.target_index >= p.targets.size() || p.targets[r.target_index].id != target_id) continue;
        out += fmt::format("\n{} {} {}{}\n", zh ? "年份" : "Year", r.year, r.region,
                           r.interim ? (zh ? "（阶段年份）" : " (interim year)") : "");
        if (!r.inputs.empty()) {
            out += zh ? "  输入：\n" : "  Inputs:\n";
            for (const input_value& v : r.inputs) {
                const indicator* of = p.find_indicator(v.role.substr(v.role.rfind(' ') == std::string::npos ? 0 : v.role.rfind(' ') + 1));
                const unit u = of != nullptr && of->kind() == v.value.kind() ? of->declared_unit
                               : ind.kind() == v.value.kind()                 ? ind.declared_unit
                                                                              : unit::canonical(v.value.kind());
                const std::string where = v.where ? v.where->to_string() : (zh ? "规划文本" : "the plan's text");
                out += fmt::format("    {} {} = {} {}    ({})\n", v.role, v.year, format_number(u.value_of(v.value), 10),
                                   u.spelling(), where);
            }
        }
        if (!r.steps.empty()) {
            out += zh ? "  计算：\n" : "  Steps:\n";
            for (std::size_t i = 0; i < r.steps.size(); ++i)
                out += fmt::format("    {}. {}\n", i + 1, r.steps[i].in(lang));
        }
        std::string verdict(status_label(r.verdict, lang));
        if (r.warning != grade::none) verdict += fmt::format(" ({})", grade_label(r.warning, lang));
        if (r.attainment)
            verdict += fmt::format(fmt::runtime(zh ? "；完成率 {}" : "; attainment {}"), format_attainment(*r.attainment)) +
                       (r.attainment_is == attainment_meaning::allowance_used ? (zh ? "（已用额度）" : " (of the allowance used)") : "");
        if (r.time_progress) verdict += fmt::format(fmt::runtime(zh ? "；时间进度 {}%" : "; time progress {}%"), format_display(r.time_progress->value()));
        if (r.basis == base_source::plan) verdict += zh ? "；基年数值取自规划文本" : "; base value from the plan's text";
        out += fmt::format("  {}{}\n", zh ? "结论：" : "Verdict: ", verdict);
        if (!r.reason.en.empty()) out += fmt::format("  {}{}\n", zh ? "说明：" : "Note: ", r.reason.in(lang));
    }
    return out;
}

}  // namespace plancheck
