// plancheck rules [ID]: every target of a plan as a table (and the rows it does not evaluate,
// with the reason), or one target whole with its indicator, the plan's base values and the
// plan's own sentence. The JSON field names are documented in docs/rule-files.md.

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/plan_options.hpp"
#include "plancheck/audit.hpp"
#include "plancheck/text.hpp"
#include "plancheck/unit.hpp"

namespace plancheck::cli {

namespace {

using json = nlohmann::ordered_json;

struct rules_options {
    std::string id;
    plan_selection plan;
    std::string format = "text";
};

std::string number_text(double v) { return format_number(v, 10); }

std::string threshold_text(const target& t) {
    if (!t.threshold) return {};
    return fmt::format("{} {}", number_text(t.threshold_unit.value_of(*t.threshold)), t.threshold_unit.spelling());
}

// "<= 77.63 万吨", "change <= -7.1 %", "sum 2016–2020 >= 5000 万平方米".
std::string condition_text(const target& t, language lang) {
    const bool zh = lang == language::zh;
    const std::string cmp(to_string(t.cmp));
    const std::string value = threshold_text(t);
    switch (t.kind) {
        case target_kind::at_most:
        case target_kind::at_least: return fmt::format("{} {}", cmp, value);
        case target_kind::change_vs_base: return fmt::format("{} {} {}", zh ? "变化" : "change", cmp, value);
        case target_kind::increment_at_most: return fmt::format("{} {} {}", zh ? "增量" : "increment", cmp, value);
        case target_kind::annual_growth_at_most: return fmt::format("{} {} {}", zh ? "年均增速" : "growth/yr", cmp, value);
        case target_kind::no_growth: return fmt::format("{} {}", cmp, zh ? "基年值" : "base");
        case target_kind::cumulative_at_least: {
            const int from = t.base_year ? *t.base_year + 1 : t.year;
            return fmt::format("{} {}–{} {} {}", zh ? "累计" : "sum", from, t.year, cmp, value);
        }
        case target_kind::deadline:
            return zh ? fmt::format("{} 年起 {} {}", t.year, cmp, value) : fmt::format("{} {} from {} on", cmp, value, t.year);
    }
    return value;
}

std::string base_value_text(const indicator& ind, const plan_value& b) {
    return fmt::format("{} {}", number_text(ind.declared_unit.value_of(b.value)), ind.declared_unit.spelling());
}

// "2015: 83.56 万吨" when the plan states it; "2015: from data" when the kind needs a value the
// plan does not give; "2015" when the base year only starts a sum or an interim path.
std::string base_text(const target& t, const indicator& ind, language lang) {
    const bool zh = lang == language::zh;
    if (!t.base_year) return "—";
    if (const plan_value* b = ind.base_for(*t.base_year))
        return fmt::format("{}: {}{}", *t.base_year, base_value_text(ind, *b),
                           b->derived ? (zh ? "（推算）" : " (derived)") : "");
    if (needs_base_value(t.kind)) return fmt::format("{}: {}", *t.base_year, zh ? "取自数据" : "from data");
    return std::to_string(*t.base_year);
}

std::string type_text(bool binding, language lang) {
    if (lang == language::zh) return binding ? "约束性" : "预期性";
    return binding ? "binding" : "expected";
}

// Columns aligned by display width: Han characters take two cells. The last column is not padded.
std::string render_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths(header.size(), 0);
    const auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], text::display_width(row[i]));
    };
    measure(header);
    for (const auto& row : rows) measure(row);
    std::string out;
    const auto emit = [&](const std::vector<std::string>& row) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i)
            line += i + 1 == row.size() ? row[i] : text::pad_right(row[i], widths[i]) + "  ";
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
    };
    emit(header);
    for (const auto& row : rows) emit(row);
    return out;
}

std::string render_list(const plan& p, language lang) {
    const bool zh = lang == language::zh;
    std::string out = fmt::format("{}  {}\n", p.info.id, p.info.title.in(lang));
    std::size_t binding = 0;
    std::vector<std::vector<std::string>> rows;
    for (const target& t : p.targets) {
        const indicator& ind = p.indicator_of(t);
        binding += t.binding ? 1 : 0;
        rows.push_back({t.id, ind.id, std::string(to_string(t.kind)), condition_text(t, lang), t.approximate ? "≈" : "",
                        base_text(t, ind, lang), std::to_string(t.year), type_text(t.binding, lang), t.section, t.source});
    }
    out += '\n';
    out += render_table(zh ? std::vector<std::string>{"编号", "指标", "类型", "条件", "约", "基数", "年份", "性质", "章节", "原文"}
                           : std::vector<std::string>{"ID", "INDICATOR", "KIND", "CONDITION", "≈", "BASE", "YEAR", "TYPE",
                                                      "SECTION", "SOURCE"},
                        rows);
    if (!p.unevaluable.empty()) {
        out += '\n';
        out += zh ? fmt::format("不可评价的条目（{}）：\n", p.unevaluable.size())
                  : fmt::format("Not evaluable ({}):\n", p.unevaluable.size());
        std::vector<std::vector<std::string>> u_rows;
        for (const unevaluable_target& u : p.unevaluable) u_rows.push_back({u.id, u.section, u.source, u.reason.in(lang)});
        out += render_table(zh ? std::vector<std::string>{"编号", "章节", "原文", "原因"}
                               : std::vector<std::string>{"ID", "SECTION", "SOURCE", "REASON"},
                            u_rows);
    }
    out += '\n';
    out += zh ? fmt::format("{} 项目标（约束性 {}，预期性 {}），{} 项不可评价\n", p.targets.size(), binding,
                            p.targets.size() - binding, p.unevaluable.size())
              : fmt::format("{} targets ({} binding, {} expected), {} not evaluable\n", p.targets.size(), binding,
                            p.targets.size() - binding, p.unevaluable.size());
    return out;
}

// A block of "label  value" lines, labels padded to one width.
class field_block {
public:
    void add(std::string label, std::string value) { lines_.emplace_back(std::move(label), std::move(value)); }
    [[nodiscard]] std::string render() const {
        std::size_t width = 0;
        for (const auto& [label, value] : lines_) width = std::max(width, text::display_width(label));
        std::string out;
        for (const auto& [label, value] : lines_) out += fmt::format("  {}  {}\n", text::pad_right(label, width), value);
        return out;
    }

private:
    std::vector<std::pair<std::string, std::string>> lines_;
};

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : std::string(separator)) + s;
    return out;
}

std::string render_target(const plan& p, const target& t, language lang) {
    const bool zh = lang == language::zh;
    const indicator& ind = p.indicator_of(t);
    std::string out = fmt::format("{} — {}\n", t.id, t.name.in(lang));
    field_block f;
    f.add(zh ? "规划" : "plan", fmt::format("{}  {}", p.info.id, p.info.title.in(lang)));
    f.add(zh ? "指标" : "indicator", fmt::format("{} — {} / {}", ind.id, ind.name.zh, ind.name.en));
    f.add(zh ? "计量单位" : "unit", fmt::format("{} ({}, {} {})", ind.declared_unit.spelling(), kind_name(ind.kind()).in(lang),
                                                  zh ? "基准单位" : "canonical", canonical_spelling(ind.kind(), lang)));
    if (!ind.aliases.empty()) f.add(zh ? "别名" : "aliases", join(ind.aliases, ", "));
    if (!ind.fall_aliases.empty())
        f.add(zh ? "降低率名称" : "fall aliases",
              fmt::format("{} ({})", join(ind.fall_aliases, ", "),
                          zh ? "正数表示下降，按相反符号读取：3.2 即 −3.2%" : "positive for a fall, read negated: 3.2 is −3.2%"));
    if (!ind.unit_aliases.empty()) {
        std::vector<std::string> shown;
        for (const auto& [spelling, u] : ind.unit_aliases)
            shown.push_back(fmt::format("{} = {} {}", spelling, number_text(ind.declared_unit.value_of(u.quantity(1.0))),
                                        ind.declared_unit.spelling()));
        f.add(zh ? "单位别名" : "unit aliases", join(shown, ", "));
    }
    f.add(zh ? "类型" : "kind", std::string(to_string(t.kind)));
    f.add(zh ? "条件" : "condition", condition_text(t, lang));
    if (t.threshold) {
        const unit canonical = unit::canonical(t.threshold->kind());
        f.add(zh ? "阈值" : "threshold",
              canonical.same_as(t.threshold_unit)
                  ? threshold_text(t)
                  : fmt::format("{} (= {} {})", threshold_text(t), number_text(t.threshold->canonical_value()),
                                canonical.spelling()));
    }
    f.add(zh ? "比较" : "comparison", std::string(to_string(t.cmp)));
    f.add(zh ? "左右（约）" : "approximate", t.approximate ? (zh ? "是（左右）" : "yes (左右)") : (zh ? "否" : "no"));
    if (t.base_year) {
        const plan_value* b = ind.base_for(*t.base_year);
        std::string v = std::to_string(*t.base_year);
        if (b != nullptr)
            v += zh ? fmt::format("（规划{}：{}）", b->derived ? "推算值" : "给出", base_value_text(ind, *b))
                    : fmt::format(" (the plan {} {})", b->derived ? "implies" : "states", base_value_text(ind, *b));
        else if (needs_base_value(t.kind))
            v += zh ? "（规划未给出基数：统计数据须包含该年的值）" : " (the plan states no value: the statistics must carry it)";
        f.add(zh ? "基年" : "base year", v);
    } else {
        f.add(zh ? "基年" : "base year", "—");
    }
    f.add(zh ? "目标年" : "target year", std::to_string(t.year));
    f.add(zh ? "性质" : "type",
          zh ? type_text(t.binding, lang) : fmt::format("{} ({})", type_text(t.binding, lang), type_text(t.binding, language::zh)));
    f.add(zh ? "地区" : "region", t.region);
    f.add(zh ? "章节" : "section", t.section);
    if (!t.checklist.empty()) {
        std::vector<std::string> rows;
        for (int r : t.checklist) rows.push_back(std::to_string(r));
        f.add(zh ? "清单行" : "checklist", join(rows, ", "));
    }
    f.add(zh ? "进度路径" : "path", t.path ? std::string(to_string(*t.path)) : (zh ? "（按运行选项）" : "(the run's --path)"));
    if (!t.note.empty()) f.add(zh ? "说明" : "note", t.note);
    if (!ind.note.empty()) f.add(zh ? "指标说明" : "indicator note", ind.note);
    f.add(zh ? "规则位置" : "rule", t.where.to_string());
    out += f.render();

    out += '\n';
    if (ind.bases.empty()) {
        out += zh ? fmt::format("规划未给出 {} 的基数。\n", ind.id) : fmt::format("The plan states no base value of {}.\n", ind.id);
    } else {
        out += zh ? fmt::format("规划给出的 {} 基数：\n", ind.id) : fmt::format("Base values of {} in the plan:\n", ind.id);
        for (const plan_value& b : ind.bases) {
            out += fmt::format("  {}  {}  {}{}{}\n", b.year, base_value_text(ind, b),
                               b.derived ? (zh ? "推算" : "derived") : (zh ? "给出" : "stated"), zh ? "，" : ", ", b.section);
            out += fmt::format("        {}\n", b.source);
            if (!b.note.empty()) out += fmt::format("        {}{}\n", zh ? "说明：" : "note: ", b.note);
        }
    }
    out += '\n';
    out += zh ? fmt::format("原文（{}）：\n  {}\n", t.section, t.source) : fmt::format("Source ({}):\n  {}\n", t.section, t.source);
    return out;
}

std::string render_unevaluable(const plan& p, const unevaluable_target& u, language lang) {
    const bool zh = lang == language::zh;
    std::string out = fmt::format("{} — {}\n", u.id, zh ? "不可评价" : "not evaluable");
    field_block f;
    f.add(zh ? "规划" : "plan", fmt::format("{}  {}", p.info.id, p.info.title.in(lang)));
    f.add(zh ? "章节" : "section", u.section);
    f.add(zh ? "原因" : "reason", u.reason.in(lang));
    if (!u.checklist.empty()) {
        std::vector<std::string> rows;
        for (int r : u.checklist) rows.push_back(std::to_string(r));
        f.add(zh ? "清单行" : "checklist", join(rows, ", "));
    }
    f.add(zh ? "规则位置" : "rule", u.where.to_string());
    out += f.render();
    out += '\n';
    out += zh ? fmt::format("原文（{}）：\n  {}\n", u.section, u.source) : fmt::format("Source ({}):\n  {}\n", u.section, u.source);
    return out;
}

json localized(const localized_text& t) { return json{{"zh", t.zh}, {"en", t.en}}; }
json string_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json plan_json(const plan& p) {
    return json{{"id", p.info.id},
                {"title", localized(p.info.title)},
                {"document", p.info.document},
                {"region", localized(p.info.region)},
                {"base_year", p.info.base_year},
                {"target_year", p.info.target_year},
                {"rule_file", p.file},
                {"rule_file_sha256", p.sha256}};
}

json target_json(const plan& p, const target& t) {
    const indicator& ind = p.indicator_of(t);
    json threshold = nullptr;
    if (t.threshold)
        threshold = json{{"value", t.threshold_unit.value_of(*t.threshold)},
                         {"unit", t.threshold_unit.spelling()},
                         {"canonical_value", t.threshold->canonical_value()},
                         {"canonical_unit", unit::canonical(t.threshold->kind()).spelling()},
                         {"quantity_kind", kind_id(t.threshold->kind())}};
    json base = nullptr;
    if (t.base_year) {
        const plan_value* b = ind.base_for(*t.base_year);
        base = json{{"year", *t.base_year},
                    {"stated", b != nullptr},
                    {"derived", b != nullptr && b->derived},
                    {"value", b != nullptr ? json(ind.declared_unit.value_of(b->value)) : json(nullptr)},
                    {"unit", ind.declared_unit.spelling()},
                    {"needed", needs_base_value(t.kind)}};
    }
    return json{{"id", t.id},
                {"name", localized(t.name)},
                {"indicator", ind.id},
                {"kind", to_string(t.kind)},
                {"comparison", to_string(t.cmp)},
                {"threshold", std::move(threshold)},
                {"condition", condition_text(t, language::en)},
                {"approximate", t.approximate},
                {"base_year", t.base_year ? json(*t.base_year) : json(nullptr)},
                {"base", std::move(base)},
                {"year", t.year},
                {"binding", t.binding},
                {"region", t.region},
                {"section", t.section},
                {"chapter", t.chapter()},
                {"source", t.source},
                {"checklist", t.checklist},
                {"path", t.path ? json(to_string(*t.path)) : json(nullptr)},
                {"note", string_or_null(t.note)},
                {"origin", t.where.to_string()}};
}

json unevaluable_json(const unevaluable_target& u) {
    return json{{"id", u.id},           {"section", u.section},     {"source", u.source},
                {"reason", localized(u.reason)}, {"checklist", u.checklist}, {"origin", u.where.to_string()}};
}

json indicator_json(const indicator& ind) {
    json unit_aliases = json::array();
    for (const auto& [spelling, u] : ind.unit_aliases)
        unit_aliases.push_back(json{{"spelling", spelling},
                                    {"equals", ind.declared_unit.value_of(u.quantity(1.0))},
                                    {"unit", ind.declared_unit.spelling()}});
    json bases = json::array();
    for (const plan_value& b : ind.bases)
        bases.push_back(json{{"year", b.year},
                             {"value", ind.declared_unit.value_of(b.value)},
                             {"unit", ind.declared_unit.spelling()},
                             {"derived", b.derived},
                             {"section", b.section},
                             {"source", b.source},
                             {"note", string_or_null(b.note)},
                             {"origin", b.where.to_string()}});
    return json{{"id", ind.id},
                {"name", localized(ind.name)},
                {"unit", ind.declared_unit.spelling()},
                {"quantity_kind", kind_id(ind.kind())},
                {"canonical_unit", unit::canonical(ind.kind()).spelling()},
                {"aliases", ind.aliases},
                {"fall_aliases", ind.fall_aliases},
                {"unit_aliases", std::move(unit_aliases)},
                {"bases", std::move(bases)},
                {"note", string_or_null(ind.note)},
                {"origin", ind.where.to_string()}};
}

std::string dump(const json& doc) { return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

int run_rules(const context& ctx, const rules_options& raw) {
    auto catalog = open_catalog(ctx, raw.plan);
    if (!catalog) return exit_bad_input;
    const plan* p = choose_plan(ctx, *catalog, raw.plan);
    if (p == nullptr) return exit_bad_input;
    const bool as_json = raw.format == "json";

    if (raw.id.empty()) {
        if (ctx.quiet) return exit_ok;
        if (!as_json) {
            write_stdout(render_list(*p, ctx.lang));
            return exit_ok;
        }
        json targets = json::array();
        for (const target& t : p->targets) targets.push_back(target_json(*p, t));
        json unevaluable = json::array();
        for (const unevaluable_target& u : p->unevaluable) unevaluable.push_back(unevaluable_json(u));
        write_stdout(dump(json{{"schema", "plancheck-rules/1"},
                               {"plan", plan_json(*p)},
                               {"targets", std::move(targets)},
                               {"not_evaluable", std::move(unevaluable)}}));
        return exit_ok;
    }

    if (const target* t = p->find_target(raw.id)) {
        if (ctx.quiet) return exit_ok;
        write_stdout(as_json ? dump(json{{"schema", "plancheck-rule/1"},
                                         {"plan", plan_json(*p)},
                                         {"target", target_json(*p, *t)},
                                         {"indicator", indicator_json(p->indicator_of(*t))}})
                             : render_target(*p, *t, ctx.lang));
        return exit_ok;
    }
    for (const unevaluable_target& u : p->unevaluable) {
        if (u.id != raw.id) continue;
        if (ctx.quiet) return exit_ok;
        write_stdout(as_json ? dump(json{{"schema", "plancheck-rule/1"},
                                         {"plan", plan_json(*p)},
                                         {"not_evaluable", unevaluable_json(u)}})
                             : render_unevaluable(*p, u, ctx.lang));
        return exit_ok;
    }

    std::vector<std::string> ids;
    for (const target& t : p->targets) ids.push_back(t.id);
    for (const unevaluable_target& u : p->unevaluable) ids.push_back(u.id);
    const auto near = text::nearest(raw.id, ids);
    return usage_error(ctx,
                       fmt::format("no target \"{}\" in plan {}{}", raw.id, p->info.id,
                                   near ? fmt::format(" (did you mean {}?)", *near)
                                        : "; `plancheck rules` lists every target"),
                       fmt::format("规划 {} 中没有目标“{}”{}", p->info.id, raw.id,
                                   near ? fmt::format("（是否应为 {}？）", *near) : "；`plancheck rules` 列出所有目标"));
}

}  // namespace

command add_rules_command(CLI::App& root) {
    auto raw = std::make_shared<rules_options>();
    CLI::App* app = root.add_subcommand(
        "rules", "List every target of a plan (and the rows it does not evaluate), or show one target whole with the "
                 "plan's own sentence\n"
                 "列出规划的全部目标（及不可评价的条目），或完整显示一个目标及规划原文");
    app->add_option("id", raw->id, "Show this target (or not-evaluable entry) in full")->type_name("ID");
    add_plan_options(app, raw->plan);
    app->add_option("--format", raw->format, "Output format: text or json (fields: docs/rule-files.md)")
        ->check(CLI::IsMember({"text", "json"}));
    return {app, [raw](const context& ctx) { return run_rules(ctx, *raw); }};
}

}  // namespace plancheck::cli
