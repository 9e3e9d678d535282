// The JUnit XML report, for CI systems (Jenkins, GitLab, Azure, …): one testsuite per plan and
// region, one testcase per target and year. A missed target is a <failure> whose text is
// everything a reviewer needs to act (actual vs required, gap, grade, the plan's sentence and
// where each value came from); a target that could not be judged is <skipped>, unless
// --require-all made it count as a failure. When the inputs had errors, a separate report
// lists each data error as an <error>, so CI shows what to fix even though nothing was judged.
//
// Every string from the inputs (region and file names, plan text, messages) passes through
// `clean`, which keeps only characters XML 1.0 allows, then through attribute or text escaping.

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "plancheck/report.hpp"
#include "report/common.hpp"
#include "plancheck/text.hpp"

namespace plancheck {

namespace {

using detail::comparison_symbol;
using detail::plan_words;
using detail::tally_text;
using detail::tr;
// CI messages are read beside the data: values to 12 significant digits, so 0.935 is not shown as
// 0.94, a value the input does not hold.
std::string with_unit(const std::optional<shown_value>& v, bool sign = false) { return detail::with_unit_exact(v, sign); }

// ---- XML ----------------------------------------------------------------------------------

// XML 1.0 Char production: a document holding anything else is not well-formed, and no
// escaping can express it (&#1; is forbidden too).
bool allowed_in_xml(char32_t cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
           (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Valid UTF-8 holding only XML characters: disallowed characters (control characters other
// than tab, LF and CR; U+FFFE, U+FFFF) are dropped; bytes that are not UTF-8 at all become
// U+FFFD, so a file name in another encoding still shows that something was there.
std::string clean(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    while (!s.empty()) {
        const auto bad = text::find_invalid_utf8(s);
        const std::string_view valid = s.substr(0, bad.value_or(s.size()));
        for (const char32_t cp : text::decode(valid))
            if (allowed_in_xml(cp)) text::append_utf8(out, cp);
        if (!bad) break;
        text::append_utf8(out, U'\uFFFD');
        s.remove_prefix(*bad + 1);
    }
    return out;
}

// Character data. CR is written as a reference because parsers turn a literal CR into LF.
std::string xml_text(std::string_view s) {
    std::string out;
    for (const char c : clean(s)) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;  // also keeps "]]>" out of the text
            case '\r': out += "&#13;"; break;
            default: out += c;
        }
    }
    return out;
}

// An attribute value in double quotes. Tab, LF and CR are written as references because
// attribute-value normalisation would otherwise turn them into spaces.
std::string xml_attr(std::string_view s) {
    std::string out;
    for (const char c : clean(s)) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\t': out += "&#9;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string property(std::string_view name, std::string_view value) {
    return fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", xml_attr(name), xml_attr(value));
}

// ---- wording ------------------------------------------------------------------------------

// A value that entered the judgement and where it came from.
std::string input_text(const plan& p, const target& t, const input_value& v, language lang) {
    const indicator& ind = p.indicator_of(t);
    const unit vu = v.value.kind() == ind.kind() ? ind.declared_unit : unit::canonical(v.value.kind());
    const std::string value = with_unit(shown_value{vu.value_of(v.value), vu.spelling()});
    std::string where = v.where ? v.where->to_string() : std::string();
    if (where.empty() && v.from_plan) where = std::string(tr(lang, "stated by the plan", "规划文本"));
    return fmt::format("{} {} = {}{}", v.role, v.year, value, where.empty() ? "" : fmt::format(" ({})", where));
}

bool is_missed(status s) { return s == status::not_met || s == status::behind; }

// Short enough for the one-line message CI tools show next to the test name.
std::string failure_message(const plan& p, const target_result& r, language lang) {
    const target& t = p.targets[r.target_index];
    if (!is_missed(r.verdict)) return r.reason.in(lang).empty() ? std::string(status_label(r.verdict, lang)) : r.reason.in(lang);
    const std::string required = fmt::format("{} {}", comparison_symbol(t), with_unit(show(p, r, r.required)));
    return lang == language::zh ? fmt::format("差距 {}：实际 {}，要求 {}", with_unit(show(p, r, r.gap), true),
                                              with_unit(show(p, r, r.actual)), required)
                                : fmt::format("gap {}: actual {}, required {}", with_unit(show(p, r, r.gap), true),
                                              with_unit(show(p, r, r.actual)), required);
}

// The full account of a result that did not pass, one fact a line.
std::string failure_body(const plan& p, const target_result& r, language lang) {
    const target& t = p.targets[r.target_index];
    const auto line = [&](std::string_view en, std::string_view zh, std::string_view value) {
        return fmt::format("{}{}{}\n", tr(lang, en, zh), tr(lang, ": ", "："), value);
    };
    std::string out = fmt::format("{} · {} [{}]\n", t.id, t.name.in(lang),
                                  t.binding ? tr(lang, "binding", "约束性") : tr(lang, "expected", "预期性"));
    out += line("status", "状态", fmt::format("{} ({}, {})", status_label(r.verdict, lang), r.region, r.year));
    if (is_missed(r.verdict)) {
        out += line("actual", "实际值", with_unit(show(p, r, r.actual)));
        out += line("required", "要求值",
                    fmt::format("{} {}{}", comparison_symbol(t), with_unit(show(p, r, r.required)),
                                r.interim ? fmt::format(" ({} {})", tr(lang, "expected path, target", "阶段要求，目标"),
                                                        with_unit(show(p, r, r.target_value)))
                                          : std::string()));
        out += line("gap", "差距", with_unit(show(p, r, r.gap), true));
        if (r.attainment) {
            std::string a = format_attainment(*r.attainment);
            if (r.attainment_is == attainment_meaning::allowance_used) a = std::string(tr(lang, "used ", "已用 ")) + a;
            out += line("attainment", "完成率", a);
        }
        // In the target year time progress is 100% by definition; it matters only on the way.
        if (r.interim && r.time_progress)
            out += line("time progress", "时间进度", format_display(r.time_progress->value(), 1) + "%");
        if (r.warning != grade::none)
            out += line("grade", "预警",
                        lang == language::zh ? fmt::format("{}（{}）", grade_label(r.warning, lang), to_string(r.warning))
                                             : std::string(to_string(r.warning)));
        if (!r.reason.in(lang).empty()) out += line("note", "说明", r.reason.in(lang));
    } else if (!r.reason.in(lang).empty()) {
        out += line("reason", "原因", r.reason.in(lang));
    }
    out += line("plan", "规划", plan_words(t));
    out += line("rule", "规则", t.where.to_string());
    if (!r.inputs.empty()) out += std::string(tr(lang, "values:", "数值：")) + "\n";
    for (const input_value& v : r.inputs) out += "  " + input_text(p, t, v, lang) + "\n";
    return out;
}

// A target's earlier years, one a line: what the gate does not judge, kept for the record.
std::string past_years(const plan& p, const std::vector<const target_result*>& past, language lang) {
    std::string out(tr(lang, "earlier years (not judged by this test):\n", "以往年份（不计入本测试）：\n"));
    for (const target_result* r : past) {
        out += fmt::format("  {} {}", r->year, status_label(r->verdict, lang));
        if (is_missed(r->verdict) || counts_as_met(r->verdict))
            out += lang == language::zh ? fmt::format("：实际 {}，要求 {}", with_unit(show(p, *r, r->actual)),
                                                      with_unit(show(p, *r, r->required)))
                                        : fmt::format(": actual {}, required {}", with_unit(show(p, *r, r->actual)),
                                                      with_unit(show(p, *r, r->required)));
        out += "\n";
    }
    return out;
}

std::string inputs_and_findings(const report_context& ctx) {
    std::string out;
    for (const input_summary& in : ctx.data.inputs())
        out += ctx.lang == language::zh
                   ? fmt::format("输入 {}：{} 行，已用 {}，忽略 {}，拒绝 {}，sha256 {}\n", in.name, in.rows, in.used,
                                 in.ignored, in.rejected, in.sha256)
                   : fmt::format("input {}: {} rows, {} used, {} ignored, {} rejected, sha256 {}\n", in.name, in.rows,
                                 in.used, in.ignored, in.rejected, in.sha256);
    for (const error& e : ctx.findings)
        if (e.level != severity::note || ctx.verbose) out += e.format(ctx.lang) + "\n";
    if (ctx.findings_left_out > 0)
        out += fmt::format("{} {}\n", ctx.findings_left_out, tr(ctx.lang, "more findings not kept (--max-findings)",
                                                                "条发现未保留（--max-findings）"));
    return out;
}

std::string suites_header(std::size_t tests, std::size_t failures, std::size_t errors, std::size_t skipped) {
    return fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"plancheck\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\">\n",
        tests, failures, errors, skipped);
}

std::string suite_open(std::string_view name, std::size_t tests, std::size_t failures, std::size_t errors,
                       std::size_t skipped) {
    return fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\">\n",
                       xml_attr(name), tests, failures, errors, skipped);
}

}  // namespace

std::string render_junit(const report_context& ctx) {
    const plan& p = ctx.p;
    const evaluation& ev = ctx.ev;
    const language lang = ctx.lang;
    const bool require_all = ev.options.require_all;
    // With --require-all a result without a judgement counts against compliance, so CI must see
    // it as a failure too; otherwise it is skipped, never passed.
    const auto fails = [&](status s) { return is_missed(s) || (require_all && !is_evaluated(s)); };

    // Results by region, in the order regions first appear (results are ordered by target).
    std::vector<std::pair<std::string, std::vector<const target_result*>>> suites;
    for (const target_result& r : ev.results) {
        auto it = std::find_if(suites.begin(), suites.end(), [&](const auto& s) { return s.first == r.region; });
        if (it == suites.end()) it = suites.insert(suites.end(), {r.region, {}});
        it->second.push_back(&r);
    }
    if (suites.empty()) suites.push_back({p.info.region.zh, {}});

    std::size_t all_tests = 0;
    std::size_t all_failures = 0;
    std::size_t all_skipped = 0;
    std::string body;
    for (const auto& [region, results] : suites) {
        std::size_t failures = 0;
        std::size_t skipped = 0;
        // The suite's compliance counts each target's latest year, as the summary does.
        // The gate is the latest year of each target: a trajectory's earlier years (behind in 2017,
        // long since caught up) are history, shown in the testcase's system-out, never failures,
        // or a CI gate over --all-years could never turn green.
        std::vector<target_result> latest;
        std::vector<std::pair<const target_result*, std::vector<const target_result*>>> cases;
        std::vector<const target_result*> earlier;
        for (std::size_t i = 0; i < results.size(); ++i) {
            const target_result& r = *results[i];
            if (i + 1 < results.size() && results[i + 1]->target_index == r.target_index) {
                earlier.push_back(&r);
                continue;
            }
            if (fails(r.verdict))
                ++failures;
            else if (!counts_as_met(r.verdict))
                ++skipped;
            latest.push_back(r);
            cases.emplace_back(&r, std::move(earlier));
            earlier.clear();
        }
        all_failures += failures;
        all_skipped += skipped;
        all_tests += cases.size();
        const compliance_summary s = summarize(p, latest, require_all);
        const auto c = s.all.compliance();

        body += suite_open(fmt::format("{} · {}", p.info.id, region), cases.size(), failures, 0, skipped);
        body += "    <properties>\n";
        body += property("plan", p.info.id);
        body += property("plan_title", p.info.title.in(lang));
        body += property("document", p.info.document);
        body += property("rule_file", p.file);
        body += property("rule_file_sha256", p.sha256);
        body += property("region", region);
        std::string years;
        for (const int y : ev.years) years += (years.empty() ? "" : ",") + fmt::to_string(y);
        body += property("years", years);
        body += property("compliance", tally_text(s.all, lang));
        body += property("compliance_percent", c ? format_display(c->value(), 1) : "");
        body += property("binding", tally_text(s.binding, lang));
        body += property("expected", tally_text(s.expected, lang));
        body += property("coverage", detail::coverage_text(s.all, lang));
        body += property("coverage_percent", s.all.coverage() ? format_display(s.all.coverage()->value(), 1) : "");
        body += property("no_data", fmt::to_string(s.all.no_data));
        body += property("not_evaluable", fmt::to_string(s.all.not_evaluable));
        body += property("require_all", require_all ? "true" : "false");
        if (ctx.run.fail_under) body += property("fail_under_percent", format_display(*ctx.run.fail_under));
        if (!ctx.run.version.empty()) body += property("plancheck_version", ctx.run.version);
        // sha256sum's own line format, so a reviewer can verify the exact file checked.
        for (const input_summary& in : ctx.data.inputs()) body += property("input", fmt::format("{}  {}", in.sha256, in.name));
        body += "    </properties>\n";

        for (const auto& [rp, past] : cases) {
            const target_result& r = *rp;
            const target& t = p.targets[r.target_index];
            body += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"", xml_attr(p.info.id + "." + t.section),
                                xml_attr(fmt::format("{} ({})", t.id, r.year)));
            if (counts_as_met(r.verdict) && past.empty()) {
                body += "/>\n";
                continue;
            }
            body += ">\n";
            if (fails(r.verdict))
                body += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                                    xml_attr(failure_message(p, r, lang)), xml_attr(to_string(r.verdict)),
                                    xml_text(failure_body(p, r, lang)));
            else
                body += fmt::format("      <skipped message=\"{}\"/>\n",
                                    xml_attr(fmt::format("{}: {}", status_label(r.verdict, lang), r.reason.in(lang))));
            if (!past.empty()) body += fmt::format("      <system-out>{}</system-out>\n", xml_text(past_years(p, past, lang)));
            body += "    </testcase>\n";
        }

        std::string out = fmt::format("{}{} · {}", tr(lang, "compliance: ", "达标率："), tally_text(s.all, lang),
                                      detail::coverage_text(s.all, lang));
        if (s.all.no_data > 0) out += fmt::format(" · {} {}", tr(lang, "no data", "无数据"), s.all.no_data);
        if (s.all.not_evaluable > 0) out += fmt::format(" · {} {}", tr(lang, "not evaluable", "无法评价"), s.all.not_evaluable);
        out += "\n" + inputs_and_findings(ctx);
        body += fmt::format("    <system-out>{}</system-out>\n", xml_text(out));
        body += "  </testsuite>\n";
    }

    return suites_header(all_tests, all_failures, 0, all_skipped) + body + "</testsuites>\n";
}

std::string render_junit_input_errors(const plan_info& info, const diagnostics& findings, std::uint64_t left_out,
                                      language lang) {
    std::string cases;
    std::string out;
    std::size_t errors = 0;
    for (const error& e : findings) {
        if (e.level != severity::error) {
            if (e.level == severity::warning) out += e.format(lang) + "\n";
            continue;
        }
        ++errors;
        const std::string where = e.where.to_string();
        cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n", xml_attr(info.id + ".input"),
                             xml_attr(where.empty() ? std::string(to_string(e.code))
                                                    : fmt::format("{} {}", where, to_string(e.code))));
        cases += fmt::format("      <error message=\"{}\" type=\"{}\">{}</error>\n", xml_attr(e.message.in(lang)),
                             xml_attr(to_string(e.code)), xml_text(e.format(lang)));
        cases += "    </testcase>\n";
    }
    // An input that failed always yields at least one <error>, so CI never reads it as a pass.
    if (errors == 0 || left_out > 0) {
        ++errors;
        const std::string message =
            left_out > 0 ? fmt::format("{} {}", left_out, tr(lang, "more findings not shown (raise --max-findings)",
                                                             "条发现未显示（可提高 --max-findings）"))
                         : std::string(tr(lang, "nothing was evaluated: the inputs had errors", "未进行评价：输入有错误"));
        cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n", xml_attr(info.id + ".input"),
                             to_string(error_code::input_failed));
        cases += fmt::format("      <error message=\"{0}\" type=\"{1}\">{0}</error>\n", xml_attr(message),
                             to_string(error_code::input_failed));
        cases += "    </testcase>\n";
    }
    std::string xml = suites_header(errors, 0, errors, 0);
    xml += suite_open(fmt::format("{} · {}", info.id, tr(lang, "input", "输入")), errors, 0, errors, 0);
    xml += "    <properties>\n";
    xml += property("plan", info.id);
    xml += property("document", info.document);
    xml += property("result", tr(lang, "nothing was evaluated: fix the input errors", "未进行评价：请先修正输入错误"));
    xml += "    </properties>\n";
    xml += cases;
    if (!out.empty()) xml += fmt::format("    <system-out>{}</system-out>\n", xml_text(out));
    xml += "  </testsuite>\n</testsuites>\n";
    return xml;
}

}  // namespace plancheck
