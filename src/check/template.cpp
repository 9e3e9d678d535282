// What the targets need from the data, and the blank statistics file built from it. The rules
// here mirror what evaluation reads (src/evaluate/evaluate.cpp): a template row for a value the
// judgement never looks at would only make submitters fill in numbers for nothing.

#include "plancheck/template.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "check/template_words.hpp"

namespace plancheck {

namespace {

// The base year a judgement of `t` draws on: its own, or for a level target the plan's base year
// (the start of the interim path), as evaluation does.
std::optional<int> base_year_of(const plan& p, const target& t) {
    if (t.base_year) return t.base_year;
    if (p.info.base_year < t.year) return p.info.base_year;
    return std::nullopt;
}

bool is_level_kind(target_kind k) {
    return k == target_kind::at_most || k == target_kind::at_least || k == target_kind::deadline;
}

// RFC 4180 quoting, for the rare name or unit with a comma or quote.
std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string_view to_string(value_role r) {
    switch (r) {
        case value_role::actual: return "actual";
        case value_role::base: return "base";
        case value_role::yearly_flow: return "yearly flow";
    }
    return "?";
}

std::vector<needed_value> values_needed(const plan& p, int year, const std::optional<std::string>& region) {
    // Regions in the order the targets first name them, so the plan's own region comes first.
    // Hashed: a regional targets table for a county panel names thousands of regions.
    std::unordered_map<std::string_view, std::size_t> region_rank;
    region_rank.reserve(p.targets.size());
    for (const target& t : p.targets) region_rank.emplace(t.region, region_rank.size());

    using key = std::tuple<std::size_t, std::size_t, int>;  // region rank, indicator, year
    std::map<key, needed_value> needed;
    const auto need = [&](const target& t, std::size_t target_index, int y, value_role role) {
        needed_value& v = needed[key{region_rank.at(t.region), t.indicator_index, y}];
        if (v.targets.empty()) {
            v.region = t.region;
            v.indicator_index = t.indicator_index;
            v.year = y;
            v.role = role;
        }
        v.role = std::min(v.role, role);
        if (std::find(v.targets.begin(), v.targets.end(), target_index) == v.targets.end())
            v.targets.push_back(target_index);
    };

    for (std::size_t i = 0; i < p.targets.size(); ++i) {
        const target& t = p.targets[i];
        if (region && t.region != *region) continue;
        const std::optional<int> base = base_year_of(p, t);
        if (base && year <= *base) continue;  // not evaluable in that year: nothing to fill in

        if (t.kind == target_kind::cumulative_at_least) {
            // The sum runs over base+1 … the year judged and stops at the target year.
            for (int y = *t.base_year + 1; y <= std::min(year, t.year); ++y) need(t, i, y, value_role::yearly_flow);
            continue;
        }
        need(t, i, year, value_role::actual);

        // The base value: a relative kind always needs it; a level kind only for the path of an
        // interim year (in the target year it only adds an attainment figure).
        const bool relative = !is_level_kind(t.kind);
        const bool interim_path = is_level_kind(t.kind) && year < t.year;
        if (!base || !(relative || interim_path)) continue;
        const int base_year = relative ? *t.base_year : *base;
        const bool plan_states_it = t.region == p.info.region.zh && p.indicator_of(t).base_for(base_year) != nullptr;
        if (!plan_states_it) need(t, i, base_year, value_role::base);
    }

    std::vector<needed_value> out;
    out.reserve(needed.size());
    for (auto& [k, v] : needed) out.push_back(std::move(v));
    return out;
}

std::string statistics_template(const plan& p, int year, const std::string& region, language lang) {
    const std::string canonical = p.canonical_region(region);
    std::string out = fmt::format("{}\n", fmt::join(detail::template_header(lang), ","));
    for (const needed_value& v : values_needed(p, year, canonical)) {
        const indicator& ind = p.indicators[v.indicator_index];
        out += fmt::format("{},{},{},,{}\n", csv_field(v.region), csv_field(detail::template_indicator_name(p, ind, lang)),
                           v.year, csv_field(ind.declared_unit.spelling()));
    }
    return out;
}

}  // namespace plancheck
