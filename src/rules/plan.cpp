#include "plancheck/plan.hpp"

#include <fmt/format.h>

#include "plancheck/text.hpp"

namespace plancheck {

std::string_view to_string(target_kind kind) {
    switch (kind) {
        case target_kind::at_most: return "at_most";
        case target_kind::at_least: return "at_least";
        case target_kind::change_vs_base: return "change_vs_base";
        case target_kind::increment_at_most: return "increment_at_most";
        case target_kind::annual_growth_at_most: return "annual_growth_at_most";
        case target_kind::no_growth: return "no_growth";
        case target_kind::cumulative_at_least: return "cumulative_at_least";
        case target_kind::deadline: return "deadline";
    }
    return "?";
}

std::optional<target_kind> parse_target_kind(std::string_view name) {
    for (const auto k : {target_kind::at_most, target_kind::at_least, target_kind::change_vs_base,
                         target_kind::increment_at_most, target_kind::annual_growth_at_most,
                         target_kind::no_growth, target_kind::cumulative_at_least, target_kind::deadline})
        if (to_string(k) == name) return k;
    return std::nullopt;
}

std::string_view to_string(comparison c) {
    switch (c) {
        case comparison::less_equal: return "<=";
        case comparison::less: return "<";
        case comparison::greater_equal: return ">=";
        case comparison::greater: return ">";
    }
    return "?";
}

std::optional<comparison> parse_comparison(std::string_view text) {
    if (text == "<=" || text == "≤") return comparison::less_equal;
    if (text == "<") return comparison::less;
    if (text == ">=" || text == "≥") return comparison::greater_equal;
    if (text == ">") return comparison::greater;
    return std::nullopt;
}

comparison default_comparison(target_kind kind, const std::optional<any_quantity>& threshold) {
    switch (kind) {
        case target_kind::at_least:
        case target_kind::cumulative_at_least:
        case target_kind::deadline: return comparison::greater_equal;
        case target_kind::change_vs_base:
            return threshold && threshold->canonical_value() > 0 ? comparison::greater_equal : comparison::less_equal;
        default: return comparison::less_equal;
    }
}

bool comparison_fits(target_kind kind, comparison c) {
    switch (kind) {
        case target_kind::at_most:
        case target_kind::increment_at_most:
        case target_kind::annual_growth_at_most:
        case target_kind::no_growth: return is_upper_bound(c);
        case target_kind::at_least:
        case target_kind::cumulative_at_least: return !is_upper_bound(c);
        default: return true;
    }
}

bool needs_base_year(target_kind kind) {
    return kind != target_kind::at_most && kind != target_kind::at_least && kind != target_kind::deadline;
}

result<std::pair<any_quantity, unit>> make_threshold(const indicator& ind, target_kind kind, double number,
                                                     std::string_view unit_text) {
    const bool relative = kind == target_kind::change_vs_base || kind == target_kind::annual_growth_at_most;
    const quantity_kind want = relative ? quantity_kind::share : ind.kind();
    result<unit> u = want == ind.kind() ? ind.resolve_unit(unit_text) : parse_unit(unit_text);
    if (!u) {
        error e = std::move(u).error();
        e.code = e.code == error_code::unit_dimension ? error_code::rule_dimension : error_code::rule_unit;
        return e;
    }
    if (u->kind() != want) {
        const std::string value = fmt::format("{} {}", format_number(number), unit_text);
        const std::string whose = relative ? fmt::format("this kind of target needs {}", canonical_spelling(want, language::zh))
                                           : fmt::format("indicator {} is measured in {}", ind.id, ind.declared_unit.spelling());
        const std::string whose_zh = relative ? fmt::format("此类目标需要 {}", canonical_spelling(want, language::zh))
                                              : fmt::format("指标 {} 以 {} 计量", ind.id, ind.declared_unit.spelling());
        return make_error(error_code::rule_dimension,
                          fmt::format("{} is {} ({}), but {} ({})", value, kind_name(u->kind()).en, u->spelling(), whose,
                                      kind_name(want).en),
                          fmt::format("{} 属于{}（{}），但{}（{}）", value, kind_name(u->kind()).zh, u->spelling(),
                                      whose_zh, kind_name(want).zh));
    }
    // Checked after conversion: 1e305 万吨 is a double, 1e309 t is not.
    const any_quantity q = u->quantity(number);
    if (!within_range(q.canonical_value())) return out_of_range(format_number(number), *u, q.canonical_value());
    return std::pair{q, *u};
}

std::string_view to_string(derivation::method m) {
    switch (m) {
        case derivation::method::ratio: return "ratio";
        case derivation::method::growth_of: return "growth_of";
        case derivation::method::saving_chain: return "saving_chain";
        case derivation::method::saving_fixed_base: return "saving_fixed_base";
        case derivation::method::task_completion: return "task_completion";
    }
    return "?";
}

std::string_view to_string(progress_path p) { return p == progress_path::linear ? "linear" : "compound"; }

const plan_value* indicator::base_for(int year) const {
    for (const plan_value& b : bases)
        if (b.year == year) return &b;
    return nullptr;
}

result<unit> indicator::resolve_unit(std::string_view spelling) const {
    const std::string_view s = text::trim(spelling);
    for (const auto& [alias, u] : unit_aliases)
        if (alias == s) return u;
    auto parsed = parse_unit(s);
    if (!parsed) return parsed;
    if (parsed->kind() != kind()) {
        auto err = dimension_mismatch("", *parsed, declared_unit);
        const std::string better = suggest_spelling(*parsed, kind());
        err.message.en = fmt::format("unit {} is {}, but {} is measured in {} ({}); did you mean {}?",
                                     parsed->spelling(), kind_name(parsed->kind()).en, id,
                                     declared_unit.spelling(), kind_name(kind()).en, better);
        err.message.zh = fmt::format("单位 {} 属于{}，而{}以 {}（{}）计量；是否应为 {}？", parsed->spelling(),
                                     kind_name(parsed->kind()).zh, name.zh.empty() ? id : name.zh,
                                     declared_unit.spelling(), kind_name(kind()).zh, better);
        return err;
    }
    return parsed;
}

std::string_view target::chapter() const {
    const std::string_view s = section;
    const auto space = s.find(' ');
    return space == std::string_view::npos ? s : s.substr(0, space);
}

const indicator* plan::find_indicator(std::string_view name) const {
    const auto i = indicator_index(name);
    return i ? &indicators[*i] : nullptr;
}

std::optional<std::size_t> plan::indicator_index(std::string_view name) const {
    const auto it = indicator_by_name_.find(std::string(text::trim(name)));
    if (it == indicator_by_name_.end()) return std::nullopt;
    return it->second;
}

const target* plan::find_target(std::string_view id) const {
    const auto it = target_by_id_.find(std::string(id));
    return it == target_by_id_.end() ? nullptr : &targets[it->second];
}

std::string plan::canonical_region(std::string_view name) const {
    // Compared after NFKC, without invisible characters and case-folded: "内蒙古自治区\u00A0",
    // "ＩＮＮＥＲ ＭＯＮＧＯＬＩＡ" and "全区\u200B" are the plan's region.
    const std::string key = text::fold_name(name);
    if (region_by_fold_.empty()) {
        for (const auto& [spelling, canonical] : region_spellings())
            if (text::fold_name(spelling) == key) return canonical;
    } else if (const auto it = region_by_fold_.find(key); it != region_by_fold_.end()) {
        return it->second;
    }
    return text::clean_name(name);
}

std::vector<std::pair<std::string, std::string>> plan::region_spellings() const {
    std::vector<std::pair<std::string, std::string>> out;
    const auto add = [&](const std::string& spelling, const std::string& canonical) {
        if (!spelling.empty() && !canonical.empty()) out.emplace_back(spelling, canonical);
    };
    add(info.region.zh, info.region.zh);
    add(info.region.en, info.region.zh);
    for (const std::string& a : info.region_aliases) add(a, info.region.zh);
    for (const localized_text& sub : info.subregions) {
        add(sub.zh, sub.zh);
        add(sub.en, sub.zh);
    }
    return out;
}

std::vector<std::string> plan::indicator_names() const {
    std::vector<std::string> names;
    for (const indicator& i : indicators) {
        names.push_back(i.id);
        for (const std::string& a : i.aliases) names.push_back(a);
        for (const std::string& a : i.fall_aliases) names.push_back(a);
    }
    return names;
}

void plan::index() {
    region_by_fold_.clear();
    for (const auto& [spelling, canonical] : region_spellings())
        region_by_fold_.emplace(text::fold_name(spelling), canonical);  // the first declaration wins
    indicator_by_name_.clear();
    target_by_id_.clear();
    for (std::size_t i = 0; i < indicators.size(); ++i) {
        indicator_by_name_.emplace(indicators[i].id, i);
        for (const std::string& a : indicators[i].aliases) indicator_by_name_.emplace(a, i);
    }
    for (std::size_t i = 0; i < targets.size(); ++i) target_by_id_.emplace(targets[i].id, i);
}

}  // namespace plancheck
