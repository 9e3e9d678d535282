// Merging JSON reports. The documents are combined as JSON, so every field a report carries
// reaches the merged one unchanged; only the summary is recomputed, the way evaluate() and
// summarize() compute it for one run.

#include "plancheck/merge.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/common.hpp"
#include "report/json_common.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "plancheck/text.hpp"

namespace plancheck {

namespace {

using json = nlohmann::ordered_json;
using detail::tally_json;
using detail::tally_text;
using detail::with_unit;

// Options that change which results a run gives or how they are judged or counted: reports
// made with different values cannot be merged into what one run would give. Input names,
// encodings and the path of a regional targets table may differ between shards.
constexpr std::array<std::string_view, 9> result_options{"plan",      "year",        "path",
                                                         "tolerance_percent", "yellow_band_percent", "require_all",
                                                         "all_years", "fail_under_percent", "region"};

struct loaded {
    std::string name;
    json doc;
};

std::optional<status> parse_status(std::string_view s) {
    for (const status v : {status::met, status::not_met, status::on_track, status::behind, status::no_data,
                           status::not_evaluable})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

grade parse_grade(std::string_view s) {
    for (const grade g : {grade::green, grade::yellow, grade::red})
        if (to_string(g) == s) return g;
    return grade::none;
}

localized_text localized_of(const json& j) {
    if (!j.is_object()) return {};
    return {j.value("en", std::string()), j.value("zh", std::string())};
}

// Line and column (in characters) of a byte offset, for a JSON syntax error.
origin position_of(const std::string& name, const std::string& content, std::size_t byte) {
    origin o{name, 1, 1};
    const std::size_t end = std::min(byte, content.size());
    for (std::size_t i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(content[i]);
        if (c == '\n') {
            ++o.line;
            o.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++o.column;
        }
    }
    // nlohmann counts the offending byte as read: point at it, not after it.
    if (o.column > 1) --o.column;
    return o;
}

error not_a_report(const std::string& name, const std::string& why_en, const std::string& why_zh) {
    return make_error(error_code::usage, fmt::format("{} is not a plancheck JSON report: {}", name, why_en),
                      fmt::format("{} 不是 plancheck 的 JSON 报告：{}", name, why_zh), origin{name, 0, 0});
}

// Reads every text into report documents; a plancheck-reports/1 bundle gives its reports.
result<std::vector<loaded>> parse_all(const std::vector<report_text>& reports) {
    std::vector<loaded> out;
    for (const report_text& r : reports) {
        json doc;
        try {
            doc = json::parse(r.content);
        } catch (const json::parse_error& e) {
            return make_error(error_code::usage, fmt::format("not valid JSON: {}", e.what()),
                              fmt::format("不是有效的 JSON：{}", e.what()), position_of(r.name, r.content, e.byte));
        }
        const std::string schema = doc.is_object() ? doc.value("schema", std::string()) : std::string();
        if (schema == "plancheck-reports/1" && doc.contains("reports") && doc["reports"].is_array()) {
            std::size_t k = 0;
            for (json& one : doc["reports"]) out.push_back({fmt::format("{}#{}", r.name, ++k), std::move(one)});
            continue;
        }
        if (schema != "plancheck-report/1")
            return not_a_report(r.name, "its \"schema\" is not \"plancheck-report/1\" (made by `plancheck check --format json`)",
                                "其 \"schema\" 不是 \"plancheck-report/1\"（应由 `plancheck check --format json` 生成）");
        out.push_back({r.name, std::move(doc)});
    }
    return out;
}

// A result that used no value from the data: the shard had nothing for its region or
// indicator, so it says nothing another shard could contradict.
bool informative(const json& r) {
    const std::string s = r.at("status").get<std::string>();
    if (s != to_string(status::no_data) && s != to_string(status::not_evaluable)) return true;
    return std::any_of(r.at("inputs").begin(), r.at("inputs").end(),
                       [](const json& in) { return !in.at("from_plan").get<bool>(); });
}

bool same_number(const json& a, const json& b) {
    if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
    const double x = a.get<double>();
    const double y = b.get<double>();
    return std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y));
}

// Two results are the same verdict on the same numbers (their origins may name other files).
bool same_result(const json& a, const json& b) {
    return a.at("status") == b.at("status") && same_number(a.at("actual"), b.at("actual")) &&
           same_number(a.at("required"), b.at("required")) && same_number(a.at("gap"), b.at("gap"));
}

std::string result_text(const json& r) {
    const std::string status_text = r.at("status").get<std::string>();
    if (r.at("actual").is_null()) return status_text;
    const std::string unit_text = r.at("unit").get<std::string>();
    return fmt::format("{} (actual {}{}{})", status_text, format_number(r.at("actual").get<double>()),
                       unit_text == "%" ? "" : " ", unit_text);
}

std::optional<shown_value> shown_of(const json& number, const json& unit_text) {
    if (!number.is_number()) return std::nullopt;
    return shown_value{number.get<double>(), unit_text.get<std::string>()};
}

result<merged_report> merge_documents(std::vector<loaded> docs) {
    if (docs.empty())
        return make_error(error_code::usage, "no reports to merge", "没有要合并的报告");
    const loaded& first = docs.front();
    const json& first_plan = first.doc.at("run").at("plan");
    const json& first_options = first.doc.at("run").at("options");
    const json& first_summary = first.doc.at("summary");

    for (const loaded& d : docs) {
        const json& plan_json = d.doc.at("run").at("plan");
        if (plan_json.at("id") != first_plan.at("id") || plan_json.at("rule_file_sha256") != first_plan.at("rule_file_sha256"))
            return make_error(error_code::plan_unknown,
                              fmt::format("{} was made with plan {} (rule file {}, sha256 {}), {} with plan {} (rule file "
                                          "{}, sha256 {}): only reports of one plan and rule file can be merged",
                                          d.name, plan_json.at("id").get<std::string>(), plan_json.at("rule_file").get<std::string>(),
                                          plan_json.at("rule_file_sha256").get<std::string>(), first.name,
                                          first_plan.at("id").get<std::string>(), first_plan.at("rule_file").get<std::string>(),
                                          first_plan.at("rule_file_sha256").get<std::string>()),
                              fmt::format("{} 使用规划 {}（规则文件 {}，sha256 {}），{} 使用规划 {}（规则文件 {}，sha256 {}）：只能合并同一规划、"
                                          "同一规则文件的报告",
                                          d.name, plan_json.at("id").get<std::string>(), plan_json.at("rule_file").get<std::string>(),
                                          plan_json.at("rule_file_sha256").get<std::string>(), first.name,
                                          first_plan.at("id").get<std::string>(), first_plan.at("rule_file").get<std::string>(),
                                          first_plan.at("rule_file_sha256").get<std::string>()),
                              origin{d.name, 0, 0});
        const json& options = d.doc.at("run").at("options");
        for (const std::string_view name : result_options) {
            const std::string key(name);
            if (!options.contains(key) || !first_options.contains(key) || options[key] == first_options[key]) continue;
            return make_error(error_code::usage,
                              fmt::format("{} was made with {} = {}, {} with {} = {}: shards must be checked with the same "
                                          "options (with --all-years, so that each gives every year with data)",
                                          d.name, key, options[key].dump(), first.name, key, first_options[key].dump()),
                              fmt::format("{} 的 {} = {}，而 {} 的 {} = {}：各分片须使用相同的选项检查（并加 --all-years，使每个分片给出"
                                          "所有有数据的年份）",
                                          d.name, key, options[key].dump(), first.name, key, first_options[key].dump()),
                              origin{d.name, 0, 0});
        }
        const json& summary = d.doc.at("summary");
        if (summary.at("require_all") != first_summary.at("require_all") ||
            !same_number(summary.at("fail_under_percent"), first_summary.at("fail_under_percent")))
            return make_error(error_code::usage,
                              fmt::format("{} and {} differ in --require-all or --fail-under, which change the summary",
                                          d.name, first.name),
                              fmt::format("{} 与 {} 的 --require-all 或 --fail-under 不同，二者会改变汇总", d.name, first.name),
                              origin{d.name, 0, 0});
    }

    merged_report out;
    out.reports = docs.size();

    // Unite the results by (target, region, year).
    struct entry {
        json result;
        std::size_t report;
    };
    using key = std::tuple<std::string, std::string, int>;
    std::map<key, entry> by_key;
    std::map<std::string, std::size_t> target_rank;  // first appearance: rule-file order
    for (std::size_t d = 0; d < docs.size(); ++d) {
        for (json& r : docs[d].doc.at("results")) {
            const std::string target = r.at("target").get<std::string>();
            target_rank.emplace(target, target_rank.size());
            const key k{target, r.at("region").get<std::string>(), r.at("year").get<int>()};
            auto [it, inserted] = by_key.try_emplace(k, entry{r, d});
            if (inserted) continue;
            json& kept = it->second.result;
            if (same_result(kept, r)) {
                ++out.collapsed;
                continue;
            }
            const bool kept_informs = informative(kept);
            const bool new_informs = informative(r);
            if (kept_informs != new_informs) {
                ++out.superseded;
                if (new_informs) it->second = entry{std::move(r), d};
                continue;
            }
            const std::string& other = docs[it->second.report].name;
            return make_error(
                error_code::duplicate_conflict,
                fmt::format("{} for {} in {}: {} says {}, {} says {}; the shards are not independent (docs/batch.md)",
                            std::get<0>(k), std::get<1>(k), std::get<2>(k), other, result_text(kept), docs[d].name,
                            result_text(r)),
                fmt::format("{}（{}，{} 年）：{} 的结果为 {}，{} 的结果为 {}；各分片并不相互独立（见 docs/batch.md）",
                            std::get<0>(k), std::get<1>(k), std::get<2>(k), other, result_text(kept), docs[d].name,
                            result_text(r)),
                origin{docs[d].name, 0, 0});
        }
    }

    // One run judges the latest year of every target, and an earlier year only where the data
    // holds a value for it: results of a shard's own latest year that used no data go.
    std::map<std::pair<std::string, std::string>, int> latest;
    for (const auto& [k, e] : by_key) {
        int& y = latest[{std::get<0>(k), std::get<1>(k)}];
        y = std::max(y, std::get<2>(k));
    }
    std::vector<std::pair<key, entry*>> ordered;
    for (auto& [k, e] : by_key) {
        const bool is_latest = latest.at({std::get<0>(k), std::get<1>(k)}) == std::get<2>(k);
        if (!is_latest && !informative(e.result)) {
            ++out.superseded;
            continue;
        }
        ordered.emplace_back(k, &e);
    }
    std::sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) {
        return std::tuple(target_rank.at(std::get<0>(a.first)), std::get<1>(a.first), std::get<2>(a.first)) <
               std::tuple(target_rank.at(std::get<0>(b.first)), std::get<1>(b.first), std::get<2>(b.first));
    });

    // The summary, as summarize() counts it: the latest result of each target and region.
    out.require_all = first_summary.at("require_all").get<bool>();
    if (first_summary.at("fail_under_percent").is_number())
        out.fail_under = first_summary.at("fail_under_percent").get<double>() * units::per_cent;
    std::set<int> years;
    json results = json::array();
    for (const auto& [k, e] : ordered) {
        const json& r = e->result;
        merged_result m;
        m.target = std::get<0>(k);
        m.name = localized_of(r.at("name"));
        m.region = std::get<1>(k);
        m.year = std::get<2>(k);
        const auto verdict = parse_status(r.at("status").get<std::string>());
        if (!verdict)
            return not_a_report(docs[e->report].name, fmt::format("unknown status \"{}\"", r.at("status").get<std::string>()),
                                fmt::format("未知状态“{}”", r.at("status").get<std::string>()));
        m.verdict = *verdict;
        m.binding = r.at("binding").get<bool>();
        m.warning = parse_grade(r.at("grade").get<std::string>());
        m.actual = shown_of(r.at("actual"), r.at("unit"));
        m.required = shown_of(r.at("required"), r.at("unit"));
        m.reason = localized_of(r.at("reason"));
        m.from = docs[e->report].name;
        years.insert(m.year);
        if (latest.at({m.target, m.region}) == m.year)
            add_to_summary(out.summary, m.region, m.binding, m.verdict, m.warning, out.require_all);
        out.results.push_back(std::move(m));
        results.push_back(r);
    }
    out.years.assign(years.begin(), years.end());
    out.plan_id = first_plan.at("id").get<std::string>();
    out.plan_title = localized_of(first_plan.at("title"));

    // The document: the first report's plan and options, everyone's inputs and findings.
    json inputs = json::array();
    json findings = json::array();
    std::uint64_t left_out = 0;
    std::string input_names;
    std::string report_names;
    for (const loaded& d : docs) {
        for (const json& in : d.doc.at("run").at("inputs")) {
            inputs.push_back(in);
            input_names += (input_names.empty() ? "" : " ") + in.at("file").get<std::string>();
        }
        for (const json& f : d.doc.at("findings")) findings.push_back(f);
        left_out += d.doc.at("findings_left_out").get<std::uint64_t>();
        report_names += (report_names.empty() ? "" : " ") + d.name;
    }
    out.findings = findings.size();
    json options = first_options;
    if (options.contains("inputs")) options["inputs"] = input_names;
    options["merged_from"] = report_names;

    const compliance_summary& s = out.summary;
    json summary = tally_json(s.all);
    summary["year"] = out.years.empty() ? json(nullptr) : json(out.years.back());
    summary["years"] = out.years;
    summary["fail_under_percent"] = first_summary.at("fail_under_percent");
    summary["require_all"] = out.require_all;
    summary["binding"] = tally_json(s.binding);
    summary["expected"] = tally_json(s.expected);
    json regions = json::array();
    for (const auto& [region, t] : s.by_region) {
        json entry_json = tally_json(t);
        entry_json["region"] = region;
        const auto g = s.region_grade.find(region);
        entry_json["grade"] = to_string(g != s.region_grade.end() ? g->second : grade::none);
        regions.push_back(std::move(entry_json));
    }
    summary["regions"] = std::move(regions);

    json run{{"plancheck_version", first.doc.at("run").at("plancheck_version")},
             {"plan", first_plan},
             {"inputs", std::move(inputs)},
             {"options", std::move(options)}};
    json doc{{"schema", "plancheck-report/1"},
             {"run", std::move(run)},
             {"summary", std::move(summary)},
             {"results", std::move(results)},
             {"not_encoded", first.doc.at("not_encoded")},
             {"findings", std::move(findings)},
             {"findings_left_out", left_out}};
    out.document = doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    return out;
}

}  // namespace

result<report_text> read_report_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return make_error(error_code::io, fmt::format("cannot open {}: {}", path, std::strerror(errno)),
                          fmt::format("无法打开 {}：{}", path, std::strerror(errno)), origin{path, 0, 0});
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad())
        return make_error(error_code::io, fmt::format("cannot read {}", path), fmt::format("无法读取 {}", path),
                          origin{path, 0, 0});
    return report_text{path, content.str()};
}

result<merged_report> merge_reports(const std::vector<report_text>& reports) {
    auto docs = parse_all(reports);
    if (!docs) return std::move(docs).error();
    // Missing fields and fields of the wrong type surface as json exceptions while merging.
    try {
        return merge_documents(std::move(*docs));
    } catch (const json::exception& e) {
        return make_error(error_code::usage, fmt::format("a report lacks a field of plancheck-report/1: {}", e.what()),
                          fmt::format("报告缺少 plancheck-report/1 的字段：{}", e.what()));
    }
}

std::string render_merged_text(const merged_report& merged, language lang) {
    const bool zh = lang == language::zh;
    std::string out = fmt::format("{} [{}]\n", merged.plan_title.in(lang), merged.plan_id);
    out += zh ? fmt::format("合并 {} 份报告 · 年份 {}\n\n", merged.reports,
                            merged.years.empty() ? std::string("—")
                                                 : fmt::format("{}–{}", merged.years.front(), merged.years.back()))
              : fmt::format("Merged from {} reports · years {}\n\n", merged.reports,
                            merged.years.empty() ? std::string("—")
                                                 : fmt::format("{}–{}", merged.years.front(), merged.years.back()));

    std::vector<std::array<std::string, 6>> rows;
    rows.push_back(zh ? std::array<std::string, 6>{"状态", "目标", "地区", "年份", "实际值", "要求值"}
                      : std::array<std::string, 6>{"Status", "Target", "Region", "Year", "Actual", "Required"});
    for (const merged_result& r : merged.results)
        rows.push_back({std::string(status_label(r.verdict, lang)), r.target, r.region, fmt::to_string(r.year),
                        with_unit(r.actual), with_unit(r.required)});
    std::array<std::size_t, 6> width{};
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], text::display_width(row[c]));
    for (const auto& row : rows) {
        std::string line = " ";
        for (std::size_t c = 0; c < row.size(); ++c)
            line += " " + (c >= 4 ? text::pad_left(row[c], width[c]) : text::pad_right(row[c], width[c]));
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }

    const compliance_summary& s = merged.summary;
    const auto c = s.all.compliance();
    out += "\n";
    if (zh) {
        out += fmt::format("达标率：{}/{} 项目标达标（{}）· 约束性 {} · 预期性 {}", s.all.met, s.all.evaluated,
                           c ? fmt::format("{:.1f}%", c->value()) : "无可评价目标", tally_text(s.binding, lang),
                           tally_text(s.expected, lang));
        if (s.all.no_data > 0) out += fmt::format(" · 无数据 {}", s.all.no_data);
        if (s.all.not_evaluable > 0) out += fmt::format(" · 无法评价 {}", s.all.not_evaluable);
        if (merged.require_all) out += "（--require-all：无数据计为未达标）";
    } else {
        out += fmt::format("compliance: {}/{} targets met ({}) · binding {} · expected {}", s.all.met, s.all.evaluated,
                           c ? fmt::format("{:.1f}%", c->value()) : "nothing evaluated", tally_text(s.binding, lang),
                           tally_text(s.expected, lang));
        if (s.all.no_data > 0) out += fmt::format(" · no data {}", s.all.no_data);
        if (s.all.not_evaluable > 0) out += fmt::format(" · not evaluable {}", s.all.not_evaluable);
        if (merged.require_all) out += " (--require-all: no data counts as not met)";
    }
    out += "\n";
    return out;
}

}  // namespace plancheck
