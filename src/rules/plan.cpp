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
    const std::string_view n = text::trim(name);
    if (n == info.region.zh || n == info.region.en) return info.region.zh;
    for (const std::string& a : info.region_aliases)
        if (n == a) return info.region.zh;
    for (const localized_text& sub : info.subregions)
        if (n == sub.en && !sub.zh.empty()) return sub.zh;
    return std::string(n);
}

std::vector<std::string> plan::indicator_names() const {
    std::vector<std::string> names;
    for (const indicator& i : indicators) {
        names.push_back(i.id);
        for (const std::string& a : i.aliases) names.push_back(a);
    }
    return names;
}

void plan::index() {
    indicator_by_name_.clear();
    target_by_id_.clear();
    for (std::size_t i = 0; i < indicators.size(); ++i) {
        indicator_by_name_.emplace(indicators[i].id, i);
        for (const std::string& a : indicators[i].aliases) indicator_by_name_.emplace(a, i);
    }
    for (std::size_t i = 0; i < targets.size(); ++i) target_by_id_.emplace(targets[i].id, i);
}

}  // namespace plancheck
