// Loads rule files. toml++ is compiled header-only into this one translation unit, without
// exceptions, so a malformed file is an error value like any other.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "plancheck/number.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/sha256.hpp"
#include "plancheck/text.hpp"
#include "rules/embedded_plans.hpp"

namespace plancheck {

namespace {

constexpr int min_year = 1900;
constexpr int max_year = 2199;

// Collects errors; in lint mode keeps going, otherwise the first error ends the load.
class error_sink {
public:
    explicit error_sink(diagnostics* all) : all_(all) {}
    void add(error e) {
        if (!first_) first_ = e;
        if (all_ != nullptr) all_->push_back(std::move(e));
    }
    [[nodiscard]] bool failed() const { return first_.has_value(); }
    [[nodiscard]] bool stop() const { return failed() && all_ == nullptr; }
    [[nodiscard]] const error& first() const { return *first_; }

private:
    diagnostics* all_;
    std::optional<error> first_;
};

class loader {
public:
    loader(std::string file, diagnostics* all) : file_(std::move(file)), sink_(all) {}

    result<plan> load(std::string_view text);

private:
    origin at(const toml::node* node) const {
        if (node == nullptr) return origin{file_, 0, 0};
        const auto& b = node->source().begin;
        return origin{file_, static_cast<std::uint32_t>(b.line), static_cast<std::uint32_t>(b.column)};
    }
    origin at(const toml::source_region& r) const {
        return origin{file_, static_cast<std::uint32_t>(r.begin.line), static_cast<std::uint32_t>(r.begin.column)};
    }

    void fail(error_code code, const origin& where, std::string en, std::string zh) {
        sink_.add(make_error(code, std::move(en), std::move(zh), where));
    }

    // Refuses keys a table may not have, so a misspelt field is never silently ignored.
    void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                    std::string_view where_name) {
        for (auto&& [key, node] : table) {
            if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
            std::vector<std::string> names(allowed.begin(), allowed.end());
            const auto near = text::nearest(key.str(), names);
            const std::string hint_en = near ? fmt::format(" (did you mean {}?)", *near) : "";
            const std::string hint_zh = near ? fmt::format("（是否应为 {}？）", *near) : "";
            fail(error_code::rule_field, at(key.source()),
                 fmt::format("unknown field \"{}\" in {}{}", key.str(), where_name, hint_en),
                 fmt::format("{} 中有未知字段“{}”{}", where_name, key.str(), hint_zh));
        }
    }

    const toml::node* required(const toml::table& table, std::string_view key, std::string_view where_name) {
        const toml::node* node = table.get(key);
        if (node == nullptr)
            fail(error_code::rule_field, at(&table),
                 fmt::format("{} is missing the required field \"{}\"", where_name, key),
                 fmt::format("{} 缺少必填字段“{}”", where_name, key));
        return node;
    }

    void wrong_type(const toml::node* node, std::string_view key, std::string_view expected_en,
                    std::string_view expected_zh) {
        fail(error_code::rule_field, at(node), fmt::format("field \"{}\" must be {}", key, expected_en),
             fmt::format("字段“{}”应为{}", key, expected_zh));
    }

    std::optional<std::string> get_string(const toml::table& t, std::string_view key, std::string_view where_name,
                                          bool is_required, bool non_empty = true) {
        const toml::node* node = is_required ? required(t, key, where_name) : t.get(key);
        if (node == nullptr) return std::nullopt;
        const auto* s = node->as_string();
        if (s == nullptr) {
            wrong_type(node, key, "a string", "字符串");
            return std::nullopt;
        }
        if (non_empty && text::trim(s->get()).empty()) {
            fail(error_code::rule_field, at(node), fmt::format("field \"{}\" is empty", key),
                 fmt::format("字段“{}”为空", key));
            return std::nullopt;
        }
        return std::string(text::trim(s->get()));
    }

    std::optional<bool> get_bool(const toml::table& t, std::string_view key, std::string_view where_name,
                                 bool is_required) {
        const toml::node* node = is_required ? required(t, key, where_name) : t.get(key);
        if (node == nullptr) return std::nullopt;
        if (const auto* b = node->as_boolean()) return b->get();
        wrong_type(node, key, "true or false", "true 或 false");
        return std::nullopt;
    }

    std::optional<int> get_year(const toml::table& t, std::string_view key, std::string_view where_name,
                                bool is_required) {
        const toml::node* node = is_required ? required(t, key, where_name) : t.get(key);
        if (node == nullptr) return std::nullopt;
        const auto* i = node->as_integer();
        if (i == nullptr) {
            wrong_type(node, key, "a year (an integer such as 2020)", "年份（如 2020 的整数）");
            return std::nullopt;
        }
        if (i->get() < min_year || i->get() > max_year) {
            fail(error_code::rule_year, at(node), fmt::format("year {} is out of range ({}–{})", i->get(), min_year, max_year),
                 fmt::format("年份 {} 超出范围（{}–{}）", i->get(), min_year, max_year));
            return std::nullopt;
        }
        return static_cast<int>(i->get());
    }

    std::optional<localized_text> get_localized(const toml::table& t, std::string_view key,
                                                std::string_view where_name, bool is_required) {
        const toml::node* node = is_required ? required(t, key, where_name) : t.get(key);
        if (node == nullptr) return std::nullopt;
        if (const auto* s = node->as_string()) return localized_text{std::string(s->get()), std::string(s->get())};
        const auto* table = node->as_table();
        if (table == nullptr) {
            wrong_type(node, key, "a table { zh = \"…\", en = \"…\" }", "表 { zh = \"…\", en = \"…\" }");
            return std::nullopt;
        }
        check_keys(*table, {"zh", "en"}, key);
        localized_text out;
        out.zh = get_string(*table, "zh", key, true).value_or("");
        out.en = get_string(*table, "en", key, false).value_or(out.zh);
        return out;
    }

    std::vector<std::string> get_strings(const toml::table& t, std::string_view key) {
        std::vector<std::string> out;
        const toml::node* node = t.get(key);
        if (node == nullptr) return out;
        const auto* array = node->as_array();
        if (array == nullptr) {
            wrong_type(node, key, "an array of strings", "字符串数组");
            return out;
        }
        for (const toml::node& item : *array) {
            if (const auto* s = item.as_string())
                out.emplace_back(text::trim(s->get()));
            else
                wrong_type(&item, key, "an array of strings", "字符串数组");
        }
        return out;
    }

    std::vector<int> get_ints(const toml::table& t, std::string_view key) {
        std::vector<int> out;
        const toml::node* node = t.get(key);
        if (node == nullptr) return out;
        const auto* array = node->as_array();
        if (array == nullptr) {
            wrong_type(node, key, "an array of integers", "整数数组");
            return out;
        }
        for (const toml::node& item : *array) {
            if (const auto* i = item.as_integer())
                out.push_back(static_cast<int>(i->get()));
            else
                wrong_type(&item, key, "an array of integers", "整数数组");
        }
        return out;
    }

    // "2.25 亿吨标准煤" → 2.25 in the unit 亿吨标准煤, checked against the indicator and the kind.
    std::optional<std::pair<any_quantity, unit>> get_amount(const toml::table& t, std::string_view key,
                                                            const indicator& ind, target_kind kind,
                                                            std::string_view where_name) {
        const auto text_value = get_string(t, key, where_name, true);
        if (!text_value) return std::nullopt;
        const toml::node* node = t.get(key);
        const std::string_view s = *text_value;
        std::size_t split = s.find_first_of(" \t");
        if (split == std::string_view::npos) {
            split = 0;
            while (split < s.size() && std::string_view("+-0123456789.eE").find(s[split]) != std::string_view::npos)
                ++split;
        }
        const std::string_view number_text = text::trim(s.substr(0, split));
        const std::string_view unit_text = text::trim(s.substr(split));
        const auto number = parse_decimal(number_text);
        if (!number || number->percent_sign || unit_text.empty()) {
            fail(error_code::rule_field, at(node),
                 fmt::format("\"{}\" must be a number and a unit, e.g. \"77.63 万吨\" or \"-14 %\"", s),
                 fmt::format("“{}”应为数值加单位，例如 \"77.63 万吨\" 或 \"-14 %\"", s));
            return std::nullopt;
        }
        auto threshold = make_threshold(ind, kind, number->value, unit_text);
        if (!threshold) {
            error e = std::move(threshold).error();
            e.where = at(node);
            sink_.add(std::move(e));
            return std::nullopt;
        }
        return std::move(*threshold);
    }

    void load_plan_table(const toml::table& root, plan& out);
    void load_indicator(const toml::table& t, plan& out);
    void load_target(const toml::table& t, plan& out);
    void load_unevaluable(const toml::table& t, plan& out);
    void load_annex(const toml::table& t, plan& out);

    std::string file_;
    error_sink sink_;
    std::set<std::string, std::less<>> ids_;  // targets and unevaluable rows share one namespace
    std::unordered_map<std::string, std::string> names_;  // indicator name/alias → indicator id
    // Indicators whose unit did not resolve: their values cannot be checked, and checking them
    // against the default kind would report errors that are not there (lint mode goes on).
    std::set<std::string, std::less<>> unitless_;

    // Derivations name other indicators, perhaps declared later: resolved once all are loaded.
    struct pending_derivation {
        std::size_t indicator;
        derivation::method how;
        std::vector<std::pair<std::string, origin>> names;
        std::string target_id;
        origin where;
    };
    std::vector<pending_derivation> pending_;
    void read_derivation(const toml::table& t, std::size_t index);
    void resolve_derivations(plan& out);
};

void loader::load_plan_table(const toml::table& root, plan& out) {
    const toml::node* node = required(root, "plan", "the rule file");
    if (node == nullptr) return;
    const auto* t = node->as_table();
    if (t == nullptr) {
        wrong_type(node, "plan", "a table [plan]", "表 [plan]");
        return;
    }
    check_keys(*t, {"id", "title", "document", "issuer", "date", "region", "region_aliases", "subregions",
                    "base_year", "target_year", "source_url"},
               "[plan]");
    plan_info& info = out.info;
    info.id = get_string(*t, "id", "[plan]", true).value_or("");
    if (!info.id.empty() && info.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
        fail(error_code::rule_field, at(t->get("id")),
             fmt::format("plan id \"{}\" may use only a-z, 0-9 and -", info.id),
             fmt::format("规划 id“{}”只能使用 a-z、0-9 和 -", info.id));
    info.title = get_localized(*t, "title", "[plan]", true).value_or(localized_text{});
    info.document = get_string(*t, "document", "[plan]", true).value_or("");
    info.issuer = get_localized(*t, "issuer", "[plan]", false).value_or(localized_text{});
    if (const toml::node* d = t->get("date")) {
        if (const auto* date = d->as_date())
            info.date = fmt::format("{:04}-{:02}-{:02}", date->get().year, date->get().month, date->get().day);
        else
            wrong_type(d, "date", "a date such as 2018-03-23", "日期（如 2018-03-23）");
    }
    info.region = get_localized(*t, "region", "[plan]", true).value_or(localized_text{});
    info.region_aliases = get_strings(*t, "region_aliases");
    if (const toml::node* subs = t->get("subregions")) {
        if (const auto* array = subs->as_array()) {
            for (const toml::node& item : *array) {
                if (const auto* s = item.as_string()) {
                    info.subregions.push_back({std::string(s->get()), std::string(s->get())});
                } else if (const auto* st = item.as_table()) {
                    check_keys(*st, {"zh", "en"}, "subregions");
                    localized_text l;
                    l.zh = get_string(*st, "zh", "subregions", true).value_or("");
                    l.en = get_string(*st, "en", "subregions", false).value_or(l.zh);
                    info.subregions.push_back(std::move(l));
                } else {
                    wrong_type(&item, "subregions", "an array of names or { zh, en } tables", "名称或 { zh, en } 表的数组");
                }
            }
        } else {
            wrong_type(subs, "subregions", "an array", "数组");
        }
    }
    info.base_year = get_year(*t, "base_year", "[plan]", true).value_or(0);
    info.target_year = get_year(*t, "target_year", "[plan]", true).value_or(0);
    if (info.base_year != 0 && info.target_year != 0 && info.base_year >= info.target_year)
        fail(error_code::rule_year, at(t->get("base_year")),
             fmt::format("base year {} is not before the target year {}", info.base_year, info.target_year),
             fmt::format("基年 {} 不早于目标年 {}", info.base_year, info.target_year));
    info.source_url = get_string(*t, "source_url", "[plan]", false).value_or("");
}

void loader::load_indicator(const toml::table& t, plan& out) {
    check_keys(t, {"id", "name", "unit", "aliases", "unit_aliases", "base", "note", "price_base", "ratio", "growth_of",
                   "saving", "task_completion"},
               "[[indicator]]");
    indicator ind;
    ind.where = at(&t);
    ind.id = get_string(t, "id", "[[indicator]]", true).value_or("");
    const std::string label = ind.id.empty() ? "[[indicator]]" : fmt::format("indicator {}", ind.id);
    if (!ind.id.empty() && ind.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") != std::string::npos)
        fail(error_code::rule_field, at(t.get("id")),
             fmt::format("indicator id \"{}\" may use only a-z, 0-9, _ and .", ind.id),
             fmt::format("指标 id“{}”只能使用 a-z、0-9、_ 和 .", ind.id));
    ind.name = get_localized(t, "name", label, true).value_or(localized_text{});
    if (const auto u = get_string(t, "unit", label, true)) {
        auto parsed = parse_unit(*u);
        if (parsed) {
            ind.declared_unit = *parsed;
        } else {
            error e = std::move(parsed).error();
            e.code = error_code::rule_unit;
            e.where = at(t.get("unit"));
            sink_.add(std::move(e));
            unitless_.insert(ind.id);
        }
    }
    ind.aliases = get_strings(t, "aliases");
    if (!ind.name.zh.empty() && std::find(ind.aliases.begin(), ind.aliases.end(), ind.name.zh) == ind.aliases.end())
        ind.aliases.insert(ind.aliases.begin(), ind.name.zh);
    ind.note = get_string(t, "note", label, false).value_or("");
    ind.price_base = static_cast<std::int16_t>(get_year(t, "price_base", label, false).value_or(0));
    read_derivation(t, out.indicators.size());

    if (const toml::node* ua = t.get("unit_aliases")) {
        if (const auto* table = ua->as_table()) {
            for (auto&& [key, value] : *table) {
                const auto* s = value.as_string();
                if (s == nullptr) {
                    wrong_type(&value, "unit_aliases", "a table of unit spellings", "单位写法的表");
                    continue;
                }
                auto target_unit = parse_unit(s->get());
                if (!target_unit || target_unit->kind() != ind.kind()) {
                    fail(error_code::rule_unit, at(&value),
                         fmt::format("unit alias {} = \"{}\" must name a unit of {}", key.str(), s->get(),
                                     kind_name(ind.kind()).en),
                         fmt::format("单位别名 {} = “{}”必须是{}的单位", key.str(), s->get(), kind_name(ind.kind()).zh));
                    continue;
                }
                ind.unit_aliases.emplace_back(std::string(key.str()),
                                              unit(std::string(key.str()), target_unit->kind(),
                                                   target_unit->quantity(1.0).canonical_value()));
            }
        } else {
            wrong_type(ua, "unit_aliases", "a table", "表");
        }
    }

    if (const toml::node* bases = t.get("base")) {
        const auto* array = bases->as_array();
        if (array == nullptr) {
            wrong_type(bases, "base", "an array of tables [[indicator.base]]", "表数组 [[indicator.base]]");
        } else {
            for (const toml::node& item : *array) {
                const auto* bt = item.as_table();
                if (bt == nullptr) {
                    wrong_type(&item, "base", "an array of tables [[indicator.base]]", "表数组 [[indicator.base]]");
                    continue;
                }
                const std::string base_label = fmt::format("a base value of {}", ind.id);
                check_keys(*bt, {"year", "value", "derived", "section", "source", "note", "price_base"}, base_label);
                plan_value b;
                b.where = at(bt);
                b.year = get_year(*bt, "year", base_label, true).value_or(0);
                if (unitless_.count(ind.id) == 0)
                    if (auto amount = get_amount(*bt, "value", ind, target_kind::at_least, base_label)) b.value = amount->first;
                b.derived = get_bool(*bt, "derived", base_label, false).value_or(false);
                b.section = get_string(*bt, "section", base_label, true).value_or("");
                b.source = get_string(*bt, "source", base_label, true).value_or("");
                b.note = get_string(*bt, "note", base_label, false).value_or("");
                b.price_base = static_cast<std::int16_t>(get_year(*bt, "price_base", base_label, false).value_or(0));
                if (ind.base_for(b.year) != nullptr)
                    fail(error_code::rule_duplicate, b.where,
                         fmt::format("indicator {} has two base values for {}", ind.id, b.year),
                         fmt::format("指标 {} 有两个 {} 年的基数", ind.id, b.year));
                ind.bases.push_back(std::move(b));
            }
        }
    }

    // Ids and aliases must name exactly one indicator, or a CSV row would be ambiguous.
    for (const std::string& name : [&] {
             std::vector<std::string> all{ind.id};
             all.insert(all.end(), ind.aliases.begin(), ind.aliases.end());
             return all;
         }()) {
        if (name.empty()) continue;
        const auto [it, inserted] = names_.emplace(name, ind.id);
        if (!inserted && it->second != ind.id)
            fail(error_code::rule_duplicate, ind.where,
                 fmt::format("name \"{}\" is used by indicators {} and {}", name, it->second, ind.id),
                 fmt::format("名称“{}”同时用于指标 {} 和 {}", name, it->second, ind.id));
        else if (!inserted && name == ind.id)
            fail(error_code::rule_duplicate, at(t.get("id")), fmt::format("indicator id {} is declared twice", name),
                 fmt::format("指标 id {} 重复声明", name));
    }
    out.indicators.push_back(std::move(ind));
}

void loader::load_target(const toml::table& t, plan& out) {
    check_keys(t, {"id", "name", "indicator", "kind", "comparison", "value", "approximate", "base_year", "year",
                   "binding", "region", "section", "source", "checklist", "note", "path"},
               "[[target]]");
    target tg;
    tg.where = at(&t);
    tg.id = get_string(t, "id", "[[target]]", true).value_or("");
    const std::string label = tg.id.empty() ? "[[target]]" : fmt::format("target {}", tg.id);
    if (!tg.id.empty()) {
        if (tg.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
            fail(error_code::rule_field, at(t.get("id")), fmt::format("target id \"{}\" may use only a-z, 0-9 and -", tg.id),
                 fmt::format("目标 id“{}”只能使用 a-z、0-9 和 -", tg.id));
        if (!ids_.insert(tg.id).second)
            fail(error_code::rule_duplicate, at(t.get("id")), fmt::format("target id {} is declared twice", tg.id),
                 fmt::format("目标 id {} 重复声明", tg.id));
    }
    tg.name = get_localized(t, "name", label, true).value_or(localized_text{});

    const indicator* ind = nullptr;
    if (const auto ind_name = get_string(t, "indicator", label, true)) {
        if (const auto index = out.indicator_index(*ind_name)) {
            tg.indicator_index = *index;
            ind = &out.indicators[*index];
        } else {
            const auto near = text::nearest(*ind_name, out.indicator_names());
            fail(error_code::rule_reference, at(t.get("indicator")),
                 fmt::format("{} refers to indicator \"{}\", which no [[indicator]] declares{}", label, *ind_name,
                             near ? fmt::format(" (did you mean {}?)", *near) : ""),
                 fmt::format("{} 引用的指标“{}”未在 [[indicator]] 中声明{}", label, *ind_name,
                             near ? fmt::format("（是否应为 {}？）", *near) : ""));
        }
    }

    if (const auto kind_text = get_string(t, "kind", label, true)) {
        if (const auto k = parse_target_kind(*kind_text)) {
            tg.kind = *k;
        } else {
            fail(error_code::rule_kind, at(t.get("kind")),
                 fmt::format("unknown target kind \"{}\" (one of at_most, at_least, change_vs_base, increment_at_most, "
                             "annual_growth_at_most, no_growth, cumulative_at_least, deadline)",
                             *kind_text),
                 fmt::format("未知的目标类型“{}”（应为 at_most、at_least、change_vs_base、increment_at_most、"
                             "annual_growth_at_most、no_growth、cumulative_at_least、deadline 之一）",
                             *kind_text));
            return;
        }
    } else {
        return;
    }

    if (tg.kind == target_kind::no_growth) {
        if (t.get("value") != nullptr)
            fail(error_code::rule_field, at(t.get("value")), "a no_growth target takes no value (it compares with the base year)",
                 "no_growth 目标不取 value（与基年比较）");
        if (ind != nullptr) tg.threshold_unit = ind->declared_unit;
    } else if (ind != nullptr && unitless_.count(ind->id) == 0) {
        if (auto amount = get_amount(t, "value", *ind, tg.kind, label)) {
            tg.threshold = amount->first;
            tg.threshold_unit = amount->second;
        }
    }

    // The comparison defaults from the kind, and for a change from its sign.
    std::optional<comparison> cmp;
    if (const auto c = get_string(t, "comparison", label, false)) {
        cmp = parse_comparison(*c);
        if (!cmp)
            fail(error_code::rule_kind, at(t.get("comparison")),
                 fmt::format("unknown comparison \"{}\" (one of <=, <, >=, >)", *c),
                 fmt::format("未知的比较符“{}”（应为 <=、<、>=、> 之一）", *c));
    }
    if (tg.kind == target_kind::deadline && !cmp && t.get("comparison") == nullptr)
        fail(error_code::rule_field, tg.where, fmt::format("{}: a deadline target needs a comparison", label),
             fmt::format("{}：deadline 目标需要 comparison", label));
    tg.cmp = cmp.value_or(default_comparison(tg.kind, tg.threshold));
    if (!comparison_fits(tg.kind, tg.cmp))
        fail(error_code::rule_kind, at(t.get("comparison")),
             fmt::format("comparison {} contradicts kind {}", to_string(tg.cmp), to_string(tg.kind)),
             fmt::format("比较符 {} 与类型 {} 矛盾", to_string(tg.cmp), to_string(tg.kind)));

    tg.approximate = get_bool(t, "approximate", label, false).value_or(false);
    tg.binding = get_bool(t, "binding", label, true).value_or(false);
    tg.year = get_year(t, "year", label, false).value_or(out.info.target_year);
    tg.base_year = get_year(t, "base_year", label, false);
    if (!tg.base_year && needs_base_year(tg.kind)) tg.base_year = out.info.base_year;
    if (tg.base_year && *tg.base_year >= tg.year)
        fail(error_code::rule_year, at(t.get("base_year") ? t.get("base_year") : &t),
             fmt::format("{}: base year {} is not before the target year {}", label, *tg.base_year, tg.year),
             fmt::format("{}：基年 {} 不早于目标年 {}", label, *tg.base_year, tg.year));

    tg.region = out.canonical_region(get_string(t, "region", label, false).value_or(out.info.region.zh));
    tg.section = get_string(t, "section", label, true).value_or("");
    tg.source = get_string(t, "source", label, true).value_or("");
    tg.checklist = get_ints(t, "checklist");
    tg.note = get_string(t, "note", label, false).value_or("");
    if (const auto p = get_string(t, "path", label, false)) {
        if (*p == "linear")
            tg.path = progress_path::linear;
        else if (*p == "compound")
            tg.path = progress_path::compound;
        else
            fail(error_code::rule_kind, at(t.get("path")), fmt::format("unknown path \"{}\" (linear or compound)", *p),
                 fmt::format("未知的路径“{}”（应为 linear 或 compound）", *p));
    }
    out.targets.push_back(std::move(tg));
}

void loader::load_unevaluable(const toml::table& t, plan& out) {
    check_keys(t, {"id", "section", "source", "reason", "checklist", "note"}, "[[not_evaluable]]");
    unevaluable_target u;
    u.where = at(&t);
    u.id = get_string(t, "id", "[[not_evaluable]]", true).value_or("");
    const std::string label = u.id.empty() ? "[[not_evaluable]]" : fmt::format("not_evaluable {}", u.id);
    if (!u.id.empty() && !ids_.insert(u.id).second)
        fail(error_code::rule_duplicate, at(t.get("id")), fmt::format("id {} is declared twice", u.id),
             fmt::format("id {} 重复声明", u.id));
    u.section = get_string(t, "section", label, true).value_or("");
    u.source = get_string(t, "source", label, true).value_or("");
    u.reason = get_localized(t, "reason", label, true).value_or(localized_text{});
    u.checklist = get_ints(t, "checklist");
    out.unevaluable.push_back(std::move(u));
}

void loader::read_derivation(const toml::table& t, std::size_t index) {
    const auto name_at = [&](const toml::table& table, std::string_view key, std::string_view label)
        -> std::optional<std::pair<std::string, origin>> {
        if (auto s = get_string(table, key, label, true)) return std::pair{*s, at(table.get(key))};
        return std::nullopt;
    };
    int declared = 0;
    for (const std::string_view key : {"ratio", "growth_of", "saving", "task_completion"})
        if (t.get(key) != nullptr) ++declared;
    if (declared > 1)
        fail(error_code::rule_field, at(&t), "an indicator may have only one of ratio, growth_of, saving, task_completion",
             "一个指标只能有 ratio、growth_of、saving、task_completion 之一");
    if (const toml::node* n = t.get("growth_of")) {
        const auto* s = n->as_string();
        if (s == nullptr) {
            wrong_type(n, "growth_of", "an indicator id", "指标 id");
            return;
        }
        pending_.push_back({index, derivation::method::growth_of, {{std::string(s->get()), at(n)}}, {}, at(n)});
        return;
    }
    for (const std::string_view key : {"ratio", "saving", "task_completion"}) {
        const toml::node* n = t.get(key);
        if (n == nullptr) continue;
        const auto* table = n->as_table();
        if (table == nullptr) {
            wrong_type(n, key, "a table", "表");
            return;
        }
        pending_derivation d{index, derivation::method::ratio, {}, {}, at(n)};
        const std::string label(key);
        if (key == "ratio") {
            check_keys(*table, {"numerator", "denominator"}, label);
            for (const std::string_view part : {"numerator", "denominator"})
                if (auto name = name_at(*table, part, label)) d.names.push_back(*name);
        } else if (key == "saving") {
            check_keys(*table, {"intensity", "output", "method"}, label);
            for (const std::string_view part : {"intensity", "output"})
                if (auto name = name_at(*table, part, label)) d.names.push_back(*name);
            const std::string method = get_string(*table, "method", label, false).value_or("chain");
            if (method == "chain") {
                d.how = derivation::method::saving_chain;
            } else if (method == "fixed_base") {
                d.how = derivation::method::saving_fixed_base;
            } else {
                fail(error_code::rule_kind, at(table->get("method")),
                     fmt::format("unknown saving method \"{}\" (chain or fixed_base)", method),
                     fmt::format("未知的节能量算法“{}”（应为 chain 或 fixed_base）", method));
                return;
            }
        } else {
            check_keys(*table, {"intensity", "output", "savings", "target"}, label);
            d.how = derivation::method::task_completion;
            for (const std::string_view part : {"intensity", "output"})
                if (auto name = name_at(*table, part, label)) d.names.push_back(*name);
            for (const std::string& saving : get_strings(*table, "savings")) d.names.push_back({saving, at(table->get("savings"))});
            d.target_id = get_string(*table, "target", label, true).value_or("");
        }
        pending_.push_back(std::move(d));
        return;
    }
}

void loader::resolve_derivations(plan& out) {
    for (const pending_derivation& d : pending_) {
        indicator& ind = out.indicators[d.indicator];
        derivation result{d.how, {}, d.target_id, d.where};
        bool ok = true;
        for (const auto& [name, where] : d.names) {
            const auto index = out.indicator_index(name);
            if (!index) {
                const auto near = text::nearest(name, out.indicator_names());
                fail(error_code::rule_reference, where,
                     fmt::format("indicator {} is derived from \"{}\", which no [[indicator]] declares{}", ind.id, name,
                                 near ? fmt::format(" (did you mean {}?)", *near) : ""),
                     fmt::format("指标 {} 由“{}”推算，但该指标未声明{}", ind.id, name,
                                 near ? fmt::format("（是否应为 {}？）", *near) : ""));
                ok = false;
                continue;
            }
            result.inputs.push_back(*index);
        }
        if (!ok) continue;
        const auto kind_of = [&](std::size_t i) { return out.indicators[result.inputs[i]].kind(); };
        const auto mismatch = [&](std::string_view what_en, std::string_view what_zh, std::optional<quantity_kind> got) {
            fail(error_code::rule_dimension, d.where,
                 fmt::format("indicator {} is measured in {} ({}), but {} gives {}", ind.id, ind.declared_unit.spelling(),
                             kind_name(ind.kind()).en, what_en, got ? kind_name(*got).en : "no known kind of quantity"),
                 fmt::format("指标 {} 以 {}（{}）计量，但{}得到的是{}", ind.id, ind.declared_unit.spelling(),
                             kind_name(ind.kind()).zh, what_zh, got ? kind_name(*got).zh : "无法识别的量"));
        };
        switch (d.how) {
            case derivation::method::ratio: {
                const auto k = quotient_kind(kind_of(0), kind_of(1));
                if (k != ind.kind()) {
                    mismatch(fmt::format("{} ÷ {}", out.indicators[result.inputs[0]].id, out.indicators[result.inputs[1]].id),
                             fmt::format("{}÷{}", out.indicators[result.inputs[0]].name.zh, out.indicators[result.inputs[1]].name.zh), k);
                    continue;
                }
                break;
            }
            case derivation::method::growth_of:
                if (ind.kind() != quantity_kind::share) {
                    mismatch("a growth rate", "增速", quantity_kind::share);
                    continue;
                }
                break;
            case derivation::method::saving_chain:
            case derivation::method::saving_fixed_base: {
                const auto k = product_kind(kind_of(0), kind_of(1));
                if (k != ind.kind()) {
                    mismatch("intensity × output", "强度×产出", k);
                    continue;
                }
                break;
            }
            case derivation::method::task_completion: {
                if (ind.kind() != quantity_kind::share) {
                    mismatch("a completion rate", "完成率", quantity_kind::share);
                    continue;
                }
                const auto saved = product_kind(kind_of(0), kind_of(1));
                for (std::size_t i = 2; i < result.inputs.size(); ++i)
                    if (kind_of(i) != saved) {
                        mismatch(fmt::format("saving {} (not {})", out.indicators[result.inputs[i]].id,
                                             saved ? kind_name(*saved).en : "?"),
                                 fmt::format("节能量 {}", out.indicators[result.inputs[i]].id), kind_of(i));
                        ok = false;
                    }
                const target* task = out.find_target(d.target_id);
                if (task == nullptr || task->kind != target_kind::change_vs_base ||
                    task->indicator_index != result.inputs[0]) {
                    fail(error_code::rule_reference, d.where,
                         fmt::format("task_completion of {} needs target \"{}\" to be a change_vs_base target on {}", ind.id,
                                     d.target_id, out.indicators[result.inputs[0]].id),
                         fmt::format("{} 的 task_completion 需要目标“{}”是关于 {} 的 change_vs_base 目标", ind.id, d.target_id,
                                     out.indicators[result.inputs[0]].id));
                    ok = false;
                }
                if (!ok) continue;
                break;
            }
        }
        ind.derived = std::move(result);
    }
    // A derivation may not depend on itself, directly or through others.
    for (std::size_t start = 0; start < out.indicators.size(); ++start) {
        std::vector<std::size_t> stack{start};
        std::vector<bool> seen(out.indicators.size(), false);
        while (!stack.empty()) {
            const std::size_t i = stack.back();
            stack.pop_back();
            const auto& der = out.indicators[i].derived;
            if (!der) continue;
            for (const std::size_t next : der->inputs) {
                if (next == start) {
                    fail(error_code::rule_reference, out.indicators[start].derived->where,
                         fmt::format("indicator {} is derived from itself", out.indicators[start].id),
                         fmt::format("指标 {} 的推算依赖其自身", out.indicators[start].id));
                    out.indicators[start].derived.reset();
                    stack.clear();
                    break;
                }
                if (!seen[next]) {
                    seen[next] = true;
                    stack.push_back(next);
                }
            }
        }
    }
}

void loader::load_annex(const toml::table& t, plan& out) {
    check_keys(t, {"id", "title", "binding", "targets"}, "[[annex]]");
    annex a;
    a.where = at(&t);
    a.id = get_string(t, "id", "[[annex]]", true).value_or("");
    const std::string label = a.id.empty() ? "[[annex]]" : fmt::format("annex {}", a.id);
    a.title = get_string(t, "title", label, true).value_or("");
    a.binding = get_bool(t, "binding", label, true).value_or(false);
    const toml::node* list = required(t, "targets", label);
    const auto* array = list != nullptr ? list->as_array() : nullptr;
    if (list != nullptr && array == nullptr) wrong_type(list, "targets", "an array of tables", "表数组");
    if (array == nullptr) return;
    for (const toml::node& item : *array) {
        const auto* row = item.as_table();
        if (row == nullptr) {
            wrong_type(&item, "targets", "an array of tables", "表数组");
            continue;
        }
        check_keys(*row, {"id", "indicator", "kind", "comparison", "unit"}, label);
        annex_target at_row;
        at_row.id = get_string(*row, "id", label, true).value_or("");
        const auto ind_name = get_string(*row, "indicator", label, true);
        const auto index = ind_name ? out.indicator_index(*ind_name) : std::nullopt;
        if (ind_name && !index) {
            fail(error_code::rule_reference, at(row->get("indicator")),
                 fmt::format("{} refers to indicator \"{}\", which no [[indicator]] declares", label, *ind_name),
                 fmt::format("{} 引用的指标“{}”未在 [[indicator]] 中声明", label, *ind_name));
            continue;
        }
        const auto kind_text = get_string(*row, "kind", label, true);
        const auto kind = kind_text ? parse_target_kind(*kind_text) : std::nullopt;
        if (kind_text && !kind) {
            fail(error_code::rule_kind, at(row->get("kind")), fmt::format("unknown target kind \"{}\"", *kind_text),
                 fmt::format("未知的目标类型“{}”", *kind_text));
            continue;
        }
        if (!index || !kind) continue;
        at_row.indicator_index = *index;
        at_row.kind = *kind;
        at_row.unit_text = get_string(*row, "unit", label, true).value_or("");
        // The unit must fit the kind: checked now with a probe value, so a table never meets it.
        if (!at_row.unit_text.empty()) {
            auto probe = make_threshold(out.indicators[*index], *kind, 1.0, at_row.unit_text);
            if (!probe) {
                error e = std::move(probe).error();
                e.where = at(row->get("unit"));
                sink_.add(std::move(e));
                continue;
            }
        }
        at_row.cmp = default_comparison(*kind, std::nullopt);
        if (const auto c = get_string(*row, "comparison", label, false)) {
            const auto parsed = parse_comparison(*c);
            if (!parsed || !comparison_fits(*kind, *parsed))
                fail(error_code::rule_kind, at(row->get("comparison")),
                     fmt::format("comparison \"{}\" does not fit kind {}", *c, to_string(*kind)),
                     fmt::format("比较符“{}”与类型 {} 不符", *c, to_string(*kind)));
            else
                at_row.cmp = *parsed;
        }
        a.targets.push_back(std::move(at_row));
    }
    out.annexes.push_back(std::move(a));
}

result<plan> loader::load(std::string_view text) {
    if (const auto bad = text::find_invalid_utf8(text)) {
        std::uint32_t line = 1;
        std::size_t line_start = 0;
        for (std::size_t i = 0; i < *bad; ++i)
            if (text[i] == '\n') {
                ++line;
                line_start = i + 1;
            }
        sink_.add(make_error(error_code::encoding, "rule file is not valid UTF-8", "规则文件不是有效的 UTF-8",
                             origin{file_, line,
                                    static_cast<std::uint32_t>(text::count_code_points(text.substr(line_start, *bad - line_start)) + 1)}));
        return sink_.first();
    }
    toml::parse_result parsed = toml::parse(text, file_);
    if (!parsed) {
        const toml::parse_error& e = parsed.error();
        sink_.add(make_error(error_code::rule_syntax, fmt::format("not valid TOML: {}", e.description()),
                             fmt::format("不是有效的 TOML：{}", e.description()), at(e.source())));
        return sink_.first();
    }
    const toml::table& root = parsed.table();
    plan out;
    out.file = file_;
    out.sha256 = sha256_hex(text);
    check_keys(root, {"format", "plan", "indicator", "target", "not_evaluable", "annex"}, "the rule file");
    if (const toml::node* f = root.get("format")) {
        const auto* i = f->as_integer();
        if (i == nullptr || i->get() != 1)
            fail(error_code::rule_field, at(f), "format must be 1 (the only rule-file format so far)",
                 "format 必须为 1（目前唯一的规则文件格式）");
    }
    load_plan_table(root, out);

    const auto each_table = [&](std::string_view key, auto&& fn) {
        const toml::node* node = root.get(key);
        if (node == nullptr) return;
        const auto* array = node->as_array();
        if (array == nullptr) {
            wrong_type(node, key, fmt::format("an array of tables [[{}]]", key), fmt::format("表数组 [[{}]]", key));
            return;
        }
        for (const toml::node& item : *array) {
            if (sink_.stop()) return;
            if (const auto* table = item.as_table())
                fn(*table);
            else
                wrong_type(&item, key, fmt::format("an array of tables [[{}]]", key), fmt::format("表数组 [[{}]]", key));
        }
    };
    if (!sink_.stop()) each_table("indicator", [&](const toml::table& t) { load_indicator(t, out); });
    out.index();
    if (!sink_.stop()) each_table("target", [&](const toml::table& t) { load_target(t, out); });
    if (!sink_.stop()) each_table("not_evaluable", [&](const toml::table& t) { load_unevaluable(t, out); });
    if (!sink_.stop()) each_table("annex", [&](const toml::table& t) { load_annex(t, out); });
    if (!sink_.stop()) {
        out.index();
        resolve_derivations(out);
    }
    // Asks the TOML, not out.targets: a [[target]] refused for its own error is still declared.
    const toml::array* declared_targets = root.get("target") ? root.get("target")->as_array() : nullptr;
    if (!sink_.stop() && (declared_targets == nullptr || declared_targets->empty()))
        fail(error_code::rule_field, origin{file_, 1, 1}, "the rule file declares no [[target]]",
             "规则文件没有声明任何 [[target]]");
    if (sink_.failed()) return sink_.first();
    out.index();
    return out;
}

std::string read_whole_file(const std::string& path, std::optional<error>& failure) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        failure = make_error(error_code::io, fmt::format("cannot open rule file {}", path),
                             fmt::format("无法打开规则文件 {}", path), origin{path, 0, 0});
        return {};
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

}  // namespace

result<plan> load_plan(std::string_view toml_text, std::string file, diagnostics* all_errors) {
    loader l(std::move(file), all_errors);
    return l.load(toml_text);
}

result<plan> load_plan_file(const std::string& path, diagnostics* all_errors) {
    std::optional<error> failure;
    const std::string text = read_whole_file(path, failure);
    if (failure) {
        if (all_errors != nullptr) all_errors->push_back(*failure);
        return *failure;
    }
    return load_plan(text, path, all_errors);
}

std::vector<std::string> shipped_plan_ids() {
    std::vector<std::string> ids;
    for (const auto& f : detail::embedded_plan_files()) {
        std::string_view name = f.name;
        if (name.ends_with(".toml")) name.remove_suffix(5);
        ids.emplace_back(name);
    }
    return ids;
}

std::string_view shipped_plan_text(std::string_view id) {
    for (const auto& f : detail::embedded_plan_files())
        if (f.name.starts_with(id) && f.name.size() == id.size() + 5) return f.content;
    return {};
}

result<plan> load_shipped_plan(std::string_view id) {
    const std::string_view text = shipped_plan_text(id);
    if (text.empty()) {
        std::vector<std::string> ids = shipped_plan_ids();
        return make_error(error_code::plan_unknown,
                          fmt::format("no plan \"{}\" (shipped plans: {})", id, fmt::join(ids, ", ")),
                          fmt::format("没有规划“{}”（内置规划：{}）", id, fmt::join(ids, "、")));
    }
    return load_plan(text, fmt::format("<shipped>/targets/{}.toml", id));
}

}  // namespace plancheck
