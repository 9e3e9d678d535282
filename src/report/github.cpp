// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message` for each
// missed target, pointing at the CSV cell that carries the actual value, so the annotation
// appears on that line of the pull request; `::warning` for data-quality findings; one
// `::notice` with the compliance. Escaping follows GitHub's toolkit (escapeData and
// escapeProperty in @actions/core): without it a newline in a region name or a comma in a file
// name would end the command early, or start another one.

#include <fmt/format.h>

#include <string_view>
#include <vector>

#include "plancheck/report.hpp"
#include "report/common.hpp"

namespace plancheck {

namespace {

using detail::comparison_symbol;
using detail::plan_words;
using detail::tally_text;
using detail::tr;
// CI messages are read beside the data: values to 12 significant digits, so 0.935 is not shown as
// 0.94, a value the input does not hold.
std::string with_unit(const std::optional<shown_value>& v, bool sign = false) { return detail::with_unit_exact(v, sign); }

std::string escape_data(std::string_view s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            default: out += c;
        }
    }
    return out;
}

std::string escape_property(std::string_view s) {
    std::string out;
    for (const char c : escape_data(s)) {
        switch (c) {
            case ':': out += "%3A"; break;
            case ',': out += "%2C"; break;
            default: out += c;
        }
    }
    return out;
}

// A workflow command. Names that are not paths ("<stdin>", "<plan:…>") get no file property:
// GitHub would attach the annotation to a file that does not exist.
std::string command(std::string_view name, const origin* where, std::string_view title, std::string_view message) {
    std::vector<std::string> props;
    if (where != nullptr && !where->file.empty() && where->file.front() != '<') {
        props.push_back("file=" + escape_property(where->file));
        if (where->line > 0) props.push_back(fmt::format("line={}", where->line));
        if (where->line > 0 && where->column > 0) props.push_back(fmt::format("col={}", where->column));
    }
    if (!title.empty()) props.push_back("title=" + escape_property(title));
    std::string out = fmt::format("::{}", name);
    for (std::size_t i = 0; i < props.size(); ++i) out += (i == 0 ? " " : ",") + props[i];
    return out + "::" + escape_data(message) + "\n";
}

// The CSV cell an annotation points at: the actual value's, else the first value with an
// origin (a base year, a year of a cumulative sum); none when every value came from the plan.
const origin* annotated_origin(const target_result& r) {
    for (const input_value& v : r.inputs)
        if (v.role == "actual" && v.where) return &*v.where;
    for (const input_value& v : r.inputs)
        if (v.where) return &*v.where;
    return nullptr;
}

std::string left_out_text(std::uint64_t n, language lang) {
    return lang == language::zh ? fmt::format("另有 {} 条发现未显示（可提高 --max-findings）", n)
                                : fmt::format("{} more findings not shown (raise --max-findings)", n);
}

std::string_view severity_command(severity level) {
    return level == severity::error ? "error" : level == severity::warning ? "warning" : "notice";
}

}  // namespace

std::string render_github(const report_context& ctx) {
    const plan& p = ctx.p;
    const evaluation& ev = ctx.ev;
    const language lang = ctx.lang;
    const bool zh = lang == language::zh;
    std::string out;

    for (const target_result& r : ev.results) {
        const target& t = p.targets[r.target_index];
        const bool missed = r.verdict == status::not_met || r.verdict == status::behind;
        // Without --require-all a target without data is not a failure, so it is not annotated
        // (the summary counts it); with it, it is one, and CI must say which.
        if (!missed && !(ev.options.require_all && !is_evaluated(r.verdict))) continue;
        const std::string title = fmt::format("{} {} ({})", t.id, status_label(r.verdict, lang), r.year);
        std::string message;
        if (missed) {
            const std::string actual = with_unit(show(p, r, r.actual));
            const std::string required = fmt::format("{} {}", comparison_symbol(t), with_unit(show(p, r, r.required)));
            const std::string gap = with_unit(show(p, r, r.gap), true);
            message = zh ? fmt::format("{}（{}，{}年）：实际 {}，要求 {}，差距 {}", t.name.in(lang), r.region, r.year, actual,
                                       required, gap)
                         : fmt::format("{} ({}, {}): actual {}, required {}, gap {}", t.name.in(lang), r.region, r.year,
                                       actual, required, gap);
            if (r.warning != grade::none)
                message += (zh ? "，预警 " : ", grade ") + std::string(grade_label(r.warning, lang));
        } else {
            message = zh ? fmt::format("{}（{}，{}年）：{}", t.name.in(lang), r.region, r.year, r.reason.in(lang))
                         : fmt::format("{} ({}, {}): {}", t.name.in(lang), r.region, r.year, r.reason.in(lang));
        }
        message += "\n" + plan_words(t);
        out += command("error", annotated_origin(r), title, message);
    }

    for (const error& e : ctx.findings)
        if (e.level != severity::note || ctx.verbose)
            out += command(severity_command(e.level), &e.where, to_string(e.code), e.message.in(lang));
    if (ctx.findings_left_out > 0)
        out += command("warning", nullptr, to_string(error_code::findings_truncated), left_out_text(ctx.findings_left_out, lang));

    const compliance_summary& s = ev.summary;
    std::string summary = fmt::format("{} {} · {} · {} {} · {} {}", tr(lang, "compliance", "达标率"), tally_text(s.all, lang),
                                      detail::coverage_text(s.all, lang), tr(lang, "binding", "约束性"), tally_text(s.binding, lang),
                                      tr(lang, "expected", "预期性"), tally_text(s.expected, lang));
    if (s.all.no_data > 0) summary += fmt::format(" · {} {}", tr(lang, "no data", "无数据"), s.all.no_data);
    if (s.all.not_evaluable > 0)
        summary += fmt::format(" · {} {}", tr(lang, "not evaluable", "无法评价"), s.all.not_evaluable);
    if (ev.options.require_all) summary += zh ? "（--require-all）" : " (--require-all)";
    out += command("notice", nullptr, fmt::format("plancheck {}", p.info.id), summary);
    return out;
}

std::string render_github_input_errors(const diagnostics& findings, std::uint64_t left_out, language lang) {
    std::string out;
    for (const error& e : findings)
        if (e.level != severity::note) out += command(severity_command(e.level), &e.where, to_string(e.code), e.message.in(lang));
    if (left_out > 0)
        out += command("error", nullptr, to_string(error_code::findings_truncated), left_out_text(left_out, lang));
    out += command("error", nullptr, to_string(error_code::input_failed),
                   lang == language::zh ? "未进行评价：请先修正以上错误" : "nothing was evaluated: fix the errors above");
    return out;
}

}  // namespace plancheck
