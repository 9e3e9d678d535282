// plancheck indicators [NAME]: every indicator of a plan as a data file meets it — its id, its
// Chinese and English names, every name a file may give it, its kind of quantity and units, the
// unit spellings its values may carry, and the targets judged on it. The facts come from the
// library (plancheck/indicator_list.hpp); this file only words them. JSON and CSV fields are
// documented in docs/indicators.md.

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/plan_options.hpp"
#include "plancheck/indicator_list.hpp"
#include "plancheck/text.hpp"

namespace plancheck::cli {

namespace {

using json = nlohmann::ordered_json;

struct indicators_options {
    std::string name;
    plan_selection plan;
    std::string format = "text";
};

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : std::string(separator)) + s;
    return out;
}

std::vector<std::string> target_ids(const plan& p, const std::vector<std::size_t>& indices) {
    std::vector<std::string> out;
    for (const std::size_t t : indices) out.push_back(p.targets[t].id);
    return out;
}

std::vector<std::string> indicator_ids(const plan& p, const std::vector<std::size_t>& indices) {
    std::vector<std::string> out;
    for (const std::size_t i : indices) out.push_back(p.indicators[i].id);
    return out;
}

// "any coal equivalent ÷ currency unit" for each quotient the kind accepts.
std::vector<std::string> quotient_words(const indicator_entry& e, language lang) {
    std::vector<std::string> out;
    for (const quotient_rule& q : e.quotients)
        out.push_back(lang == language::zh
                          ? fmt::format("任一{}单位 / {}单位", kind_name(q.numerator).zh, kind_name(q.denominator).zh)
                          : fmt::format("any {} unit / {} unit", kind_name(q.numerator).en, kind_name(q.denominator).en));
    return out;
}

// "克/千瓦时 = 0.000001 吨标准煤/千瓦时": a plan spelling and what it means.
std::string plan_unit_text(const indicator& ind, const std::string& spelling) {
    for (const auto& [s, u] : ind.unit_aliases)
        if (s == spelling)
            return fmt::format("{} = {} {}", s, format_number(ind.declared_unit.value_of(u.quantity(1.0)), 10),
                               ind.declared_unit.spelling());
    return spelling;
}

// A block of "label  value" lines, labels padded to one width (Han characters take two cells).
std::string field_lines(const std::vector<std::pair<std::string, std::string>>& lines) {
    std::size_t width = 0;
    for (const auto& [label, value] : lines) width = std::max(width, text::display_width(label));
    std::string out;
    for (const auto& [label, value] : lines) out += fmt::format("  {}  {}\n", text::pad_right(label, width), value);
    return out;
}

std::string render_text(const plan& p, const std::vector<indicator_entry>& entries, language lang) {
    const bool zh = lang == language::zh;
    std::string out = fmt::format("{}  {}\n", p.info.id, p.info.title.in(lang));
    // The region a data file's rows must name, and its declared spellings (issue 17 class 5).
    out += fmt::format("{}{}{}\n", zh ? "地区：" : "region: ", p.info.region.zh,
                       p.info.region_aliases.empty()
                           ? std::string()
                       : zh ? fmt::format("（亦写作 {}）", join(p.info.region_aliases, "、"))
                            : fmt::format(" (also written {})", join(p.info.region_aliases, ", ")));
    for (const indicator_entry& e : entries) {
        const indicator& ind = p.indicators[e.index];
        out += fmt::format("\n{} — {} / {}\n", ind.id, ind.name.zh, ind.name.en);
        std::vector<std::pair<std::string, std::string>> f;
        f.emplace_back(zh ? "量的种类" : "kind", fmt::format("{} ({})", kind_name(ind.kind()).in(lang), kind_id(ind.kind())));
        f.emplace_back(zh ? "计量单位" : "unit", fmt::format("{} ({} {})", ind.declared_unit.spelling(),
                                                              zh ? "基准单位" : "canonical", canonical_spelling(ind.kind(), lang)));
        f.emplace_back(zh ? "可用名称" : "names", join(e.names, ", "));
        // Yearbook names of the rate stated positive for a fall (降低率): the sign convention.
        if (!ind.fall_aliases.empty())
            f.emplace_back(zh ? "降低率名称" : "fall names",
                           fmt::format("{} ({})", join(ind.fall_aliases, ", "),
                                       zh ? "正数表示下降，按相反符号读取：3.2 即 −3.2%"
                                          : "positive for a fall, read with the opposite sign: 3.2 is −3.2%"));
        std::vector<std::string> spellings;
        for (const std::string& s : e.unit_spellings)
            if (std::find(e.plan_unit_spellings.begin(), e.plan_unit_spellings.end(), s) == e.plan_unit_spellings.end())
                spellings.push_back(s);
        for (const std::string& q : quotient_words(e, lang)) spellings.push_back(q);
        f.emplace_back(zh ? "单位写法" : "unit spellings", join(spellings, ", "));
        if (!e.plan_unit_spellings.empty()) {
            std::vector<std::string> shown;
            for (const std::string& s : e.plan_unit_spellings) shown.push_back(plan_unit_text(ind, s));
            f.emplace_back(zh ? "规划的单位写法" : "plan's spellings", join(shown, ", "));
        }
        if (ind.derived)
            f.emplace_back(zh ? "推算自" : "computed from",
                           fmt::format("{} ({})", join(indicator_ids(p, e.inputs), ", "), to_string(ind.derived->how)));
        if (!e.computes.empty()) f.emplace_back(zh ? "用于推算" : "used to compute", join(indicator_ids(p, e.computes), ", "));
        f.emplace_back(zh ? "目标" : "targets", e.targets.empty() ? "—" : join(target_ids(p, e.targets), ", "));
        if (!e.targets_through.empty())
            f.emplace_back(zh ? "间接用于目标" : "targets through", join(target_ids(p, e.targets_through), ", "));
        out += field_lines(f);
    }
    out += '\n';
    out += zh ? fmt::format("{} 个指标\n", entries.size())
              : fmt::format("{} indicator{}\n", entries.size(), entries.size() == 1 ? "" : "s");
    return out;
}

json localized(const localized_text& t) { return json{{"zh", t.zh}, {"en", t.en}}; }

json render_json(const plan& p, const std::vector<indicator_entry>& entries) {
    json list = json::array();
    for (const indicator_entry& e : entries) {
        const indicator& ind = p.indicators[e.index];
        json plan_spellings = json::array();
        for (const auto& [spelling, u] : ind.unit_aliases)
            plan_spellings.push_back(json{{"spelling", spelling},
                                          {"equals", ind.declared_unit.value_of(u.quantity(1.0))},
                                          {"unit", ind.declared_unit.spelling()}});
        json quotients = json::array();
        for (const quotient_rule& q : e.quotients)
            quotients.push_back(json{{"numerator", kind_id(q.numerator)}, {"denominator", kind_id(q.denominator)}});
        json derived = nullptr;
        if (ind.derived) derived = json{{"method", to_string(ind.derived->how)}, {"inputs", indicator_ids(p, e.inputs)}};
        list.push_back(json{{"id", ind.id},
                            {"name", localized(ind.name)},
                            {"aliases", ind.aliases},
                            {"names", e.names},
                            {"fall_aliases", ind.fall_aliases},
                            {"quantity_kind", kind_id(ind.kind())},
                            {"kind_name", localized(kind_name(ind.kind()))},
                            {"unit", ind.declared_unit.spelling()},
                            {"canonical_unit", unit::canonical(ind.kind()).spelling()},
                            {"unit_spellings", e.unit_spellings},
                            {"plan_unit_spellings", std::move(plan_spellings)},
                            {"quotients", std::move(quotients)},
                            {"derived", std::move(derived)},
                            {"computes", indicator_ids(p, e.computes)},
                            {"targets", target_ids(p, e.targets)},
                            {"targets_through", target_ids(p, e.targets_through)},
                            {"note", ind.note.empty() ? json(nullptr) : json(ind.note)},
                            {"origin", ind.where.to_string()}});
    }
    const json doc{{"schema", "plancheck-indicators/1"},
                   {"plan",
                    {{"id", p.info.id},
                     {"title", localized(p.info.title)},
                     {"document", p.info.document},
                     {"region", localized(p.info.region)},
                     {"region_aliases", p.info.region_aliases},
                     {"rule_file", p.file},
                     {"rule_file_sha256", p.sha256}}},
                   {"indicators", std::move(list)}};
    return doc;
}

// RFC 4180 quoting, for a name or unit with a comma, quote or line break.
std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// One row per indicator; a list in one cell is joined by "; " (no name or spelling holds one).
std::string render_csv(const plan& p, const std::vector<indicator_entry>& entries, language lang) {
    std::string out = lang == language::zh
                          ? "编号,中文名称,英文名称,可用名称,量的种类,计量单位,基准单位,单位写法,推算自,目标,间接用于目标\n"
                          : "id,name_zh,name_en,names,quantity_kind,unit,canonical_unit,unit_spellings,computed_from,targets,"
                            "targets_through\n";
    for (const indicator_entry& e : entries) {
        const indicator& ind = p.indicators[e.index];
        const std::vector<std::string> fields{ind.id,
                                              ind.name.zh,
                                              ind.name.en,
                                              join(e.names, "; "),
                                              std::string(kind_id(ind.kind())),
                                              ind.declared_unit.spelling(),
                                              unit::canonical(ind.kind()).spelling(),
                                              join(e.unit_spellings, "; "),
                                              join(indicator_ids(p, e.inputs), "; "),
                                              join(target_ids(p, e.targets), "; "),
                                              join(target_ids(p, e.targets_through), "; ")};
        for (std::size_t i = 0; i < fields.size(); ++i) out += (i == 0 ? "" : ",") + csv_field(fields[i]);
        out += '\n';
    }
    return out;
}

int run_indicators(const context& ctx, const indicators_options& raw) {
    auto catalog = open_catalog(ctx, raw.plan);
    if (!catalog) return exit_bad_input;
    const plan* p = choose_plan(ctx, *catalog, raw.plan);
    if (p == nullptr) return exit_bad_input;

    std::vector<indicator_entry> entries = list_indicators(*p);
    if (!raw.name.empty()) {
        const auto index = p->indicator_index(raw.name);
        if (!index) {
            const auto near = text::nearest(raw.name, p->indicator_names());
            return usage_error(ctx,
                               fmt::format("plan {} has no indicator named \"{}\"{}", p->info.id, raw.name,
                                           near ? fmt::format(" (did you mean {}?)", *near) : ""),
                               fmt::format("规划 {} 没有名为“{}”的指标{}", p->info.id, raw.name,
                                           near ? fmt::format("（是否应为 {}？）", *near) : ""));
        }
        entries = {entries[*index]};
    }
    if (ctx.quiet) return exit_ok;
    if (raw.format == "json")
        write_stdout(render_json(*p, entries).dump(2, ' ', false, json::error_handler_t::replace) + "\n");
    else if (raw.format == "csv")
        write_stdout(render_csv(*p, entries, ctx.lang));
    else
        write_stdout(render_text(*p, entries, ctx.lang));
    return exit_ok;
}

}  // namespace

command add_indicators_command(CLI::App& root) {
    auto raw = std::make_shared<indicators_options>();
    CLI::App* app = root.add_subcommand(
        "indicators", "List every indicator of a plan: its names and aliases, kind of quantity, units, accepted unit "
                      "spellings and the targets that use it\n"
                      "列出规划的全部指标：名称与别名、量的种类、单位、可用的单位写法及使用它的目标");
    app->add_option("name", raw->name, "Show only the indicator with this id or alias")->type_name("NAME");
    add_plan_options(app, raw->plan);
    app->add_option("--format", raw->format, "Output format: text, json or csv (fields: docs/indicators.md)")
        ->check(CLI::IsMember({"text", "json", "csv"}));
    return {app, [raw](const context& ctx) { return run_indicators(ctx, *raw); }};
}

}  // namespace plancheck::cli
