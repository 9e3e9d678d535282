#include "plancheck/regional.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <set>

#include "plancheck/number.hpp"
#include "plancheck/text.hpp"

namespace plancheck {

namespace {

enum class column { region, indicator, kind, value, unit, base_year, target_year, comparison, binding, note, count };
constexpr auto column_count = static_cast<std::size_t>(column::count);

struct column_name {
    std::string_view name;
    column role;
};

constexpr std::array<column_name, 21> column_names{{
    {"region", column::region},         {"地区", column::region},           {"盟市", column::region},
    {"indicator", column::indicator},   {"指标", column::indicator},        {"kind", column::kind},
    {"类型", column::kind},             {"value", column::value},           {"数值", column::value},
    {"unit", column::unit},             {"单位", column::unit},             {"base_year", column::base_year},
    {"基年", column::base_year},        {"target_year", column::target_year}, {"目标年", column::target_year},
    {"comparison", column::comparison}, {"比较", column::comparison},       {"binding", column::binding},
    {"约束性", column::binding},        {"note", column::note},             {"备注", column::note},
}};

constexpr std::array<column, 7> required_columns{column::region,    column::indicator, column::kind,
                                                 column::value,     column::unit,      column::base_year,
                                                 column::target_year};

std::string_view column_label(column c) {
    for (const auto& n : column_names)
        if (n.role == c) return n.name;
    return "";
}

// The annex row a regional target instantiates, if the plan has one for it.
const annex_target* annex_row(const plan& p, std::size_t indicator, target_kind kind, const annex** which) {
    for (const annex& a : p.annexes)
        for (const annex_target& t : a.targets)
            if (t.indicator_index == indicator && t.kind == kind) {
                *which = &a;
                return &t;
            }
    return nullptr;
}

// A value cell with the direction of a change spelled out: 下降15% / 降低15 is −15; 增长15% is
// +15; a leading + or − counts as spelled out too. Only a bare number leaves it open.
struct directed_value {
    std::string_view number;  // the cell without its direction word
    bool fall_word = false;   // 下降, 降低, 减少
    bool rise_word = false;   // 增长, 上升, 提高
    bool signed_number = false;
};

directed_value direction_of(std::string_view cell) {
    directed_value out{cell};
    for (const std::string_view w : {"下降", "降低", "减少"})
        if (cell.starts_with(w)) {
            out.fall_word = true;
            out.number = text::trim(cell.substr(w.size()));
        }
    for (const std::string_view w : {"增长", "上升", "提高"})
        if (cell.starts_with(w)) {
            out.rise_word = true;
            out.number = text::trim(cell.substr(w.size()));
        }
    // ASCII, full-width and U+2212 signs.
    for (const std::string_view sign : {"+", "-", "＋", "－", "\u2212"})
        if (out.number.starts_with(sign)) out.signed_number = true;
    return out;
}

// True when the plan's own target that a regional row instantiates is a cut (a negative change):
// then a bare positive value is what 下降15% looks like with its word dropped.
bool is_cut(const plan& p, const annex_target* row) {
    if (row == nullptr || row->kind != target_kind::change_vs_base) return false;
    const target* own = p.find_target(row->id);
    return own != nullptr && own->kind == target_kind::change_vs_base && own->threshold &&
           own->threshold->canonical_value() < 0;
}

}  // namespace

result<regional_load> with_regional_targets(const plan& p, const std::string& path) {
    auto source = csv::open_file(path);
    if (!source) return std::move(source).error();
    return with_regional_targets(p, std::move(*source), path);
}

result<regional_load> with_regional_targets(const plan& p, std::unique_ptr<csv::byte_source> source,
                                            const std::string& name) {
    regional_load out{p, 0, 0};
    std::set<std::string> added_ids;
    // A target holds Boost.Units quantities, whose moves may throw, so a growing vector of them
    // copies every one it holds; they are gathered in a deque and moved in once at the end.
    std::deque<target> added;
    csv::reader reader(std::move(source), name);
    csv::record rec;
    const auto next = [&]() -> result<bool> { return reader.next(rec); };

    auto header = next();
    if (!header) return std::move(header).error();
    if (!*header)
        return make_error(error_code::csv_empty, "the regional targets table is empty", "地区目标表为空", origin{name, 1, 1});
    std::array<std::optional<std::size_t>, column_count> col{};
    for (std::size_t i = 0; i < rec.size(); ++i) {
        std::string key(text::trim(rec[i]));
        for (char& c : key)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        const auto it = std::find_if(column_names.begin(), column_names.end(), [&](const column_name& n) { return n.name == key; });
        if (it != column_names.end()) col[static_cast<std::size_t>(it->role)] = i;
    }
    for (const column c : required_columns)
        if (!col[static_cast<std::size_t>(c)])
            return make_error(error_code::csv_header,
                              fmt::format("the regional targets table has no \"{}\" column (needs region, indicator, "
                                          "kind, value, unit, base_year, target_year)",
                                          column_label(c)),
                              fmt::format("地区目标表缺少“{}”列（需要 region、indicator、kind、value、unit、base_year、target_year）",
                                          column_label(c)),
                              origin{name, rec.line(), 1});

    const auto cell = [&](column c) -> std::string_view {
        const auto i = col[static_cast<std::size_t>(c)];
        return i ? text::trim(rec[*i]) : std::string_view{};
    };
    const auto where = [&](column c) {
        const auto i = col[static_cast<std::size_t>(c)];
        return i ? rec.origin_of(*i) : rec.where();
    };
    const auto fail = [&](error_code code, column c, std::string en, std::string zh) {
        return make_error(code, std::move(en), std::move(zh), where(c));
    };

    while (true) {
        auto more = next();
        if (!more) return std::move(more).error();
        if (!*more) break;
        if (cell(column::value).empty()) {
            ++out.unfilled;
            continue;
        }
        // Region: any name; the plan's leagues and cities by their Chinese or English names. A
        // table may set targets for units the plan does not list (counties of a panel).
        const std::string region = p.canonical_region(cell(column::region));
        if (region.empty())
            return fail(error_code::rule_field, column::region, "the region is empty", "地区为空");
        const auto index = p.indicator_index(cell(column::indicator));
        if (!index) {
            const auto near = text::nearest(cell(column::indicator), p.indicator_names());
            return fail(error_code::indicator_unknown, column::indicator,
                        fmt::format("unknown indicator \"{}\"{}", cell(column::indicator),
                                    near ? fmt::format(" (did you mean {}?)", *near) : ""),
                        fmt::format("未知指标“{}”{}", cell(column::indicator), near ? fmt::format("（是否应为 {}？）", *near) : ""));
        }
        const indicator& ind = p.indicators[*index];
        const auto kind = parse_target_kind(cell(column::kind));
        if (!kind)
            return fail(error_code::rule_kind, column::kind, fmt::format("unknown target kind \"{}\"", cell(column::kind)),
                        fmt::format("未知的目标类型“{}”", cell(column::kind)));
        const directed_value directed = direction_of(cell(column::value));
        auto number = parse_decimal(directed.number);
        if (!number) {
            error e = std::move(number).error();
            e.where = where(column::value);
            return e;
        }
        if ((directed.fall_word || directed.rise_word) && directed.signed_number)
            return fail(error_code::rule_field, column::value,
                        fmt::format("\"{}\" has both a direction word and a sign; write one of them (下降15% or -15)",
                                    cell(column::value)),
                        fmt::format("“{}”既有方向词又有正负号，请只写一种（下降15% 或 -15）", cell(column::value)));
        if (directed.fall_word) number->value = -number->value;
        const annex* cut_annex = nullptr;
        const annex_target* cut_row = annex_row(p, *index, *kind, &cut_annex);
        if (!directed.fall_word && !directed.rise_word && !directed.signed_number && number->value > 0 &&
            is_cut(p, cut_row)) {
            const std::string n = format_number(number->value);
            return fail(error_code::rule_field, column::value,
                        fmt::format("{} is a cut (下降) in the plan, but \"{}\" is a bare positive number, which "
                                    "would be judged as a rise of {}%; write -{} or 下降{}% for a fall (+{} if a rise "
                                    "is meant)",
                                    cut_row->id, cell(column::value), n, n, n, n),
                        fmt::format("规划中 {} 是下降目标，但“{}”是不带符号的正数，会被当作上升 {}% 评价；下降请写 -{} 或 "
                                    "下降{}%（确为上升请写 +{}）",
                                    cut_row->id, cell(column::value), n, n, n, n));
        }
        auto threshold = make_threshold(ind, *kind, number->value, cell(column::unit));
        if (!threshold) {
            error e = std::move(threshold).error();
            e.where = where(e.code == error_code::number_range ? column::value : column::unit);
            return e;
        }
        auto base_year = parse_year(cell(column::base_year));
        auto target_year = parse_year(cell(column::target_year));
        if (!base_year || !target_year || *base_year >= *target_year)
            return fail(error_code::rule_year, base_year ? column::target_year : column::base_year,
                        "base_year and target_year must be years, the base before the target",
                        "base_year 与 target_year 必须是年份，且基年早于目标年");

        const annex* from_annex = nullptr;
        const annex_target* row = annex_row(p, *index, *kind, &from_annex);
        target t;
        t.annex_target_id = row != nullptr ? row->id : fmt::format("{}-{}", ind.id, to_string(*kind));
        t.id = fmt::format("{}@{}", t.annex_target_id, region);
        // The plan's index is rebuilt once at the end, so the ids added so far are tracked here.
        if (out.with_regions.find_target(t.id) != nullptr || !added_ids.insert(t.id).second)
            return fail(error_code::rule_duplicate, column::region, fmt::format("target {} is given twice", t.id),
                        fmt::format("目标 {} 重复给出", t.id));
        t.name = {fmt::format("{} ({})", ind.name.en, region),
                  fmt::format("{}（{}）", ind.name.zh, region)};
        t.indicator_index = *index;
        t.kind = *kind;
        t.threshold = threshold->first;
        t.threshold_unit = threshold->second;
        t.cmp = row != nullptr ? row->cmp : default_comparison(*kind, t.threshold);
        if (const std::string_view c = cell(column::comparison); !c.empty()) {
            const auto parsed = parse_comparison(c);
            if (!parsed || !comparison_fits(*kind, *parsed))
                return fail(error_code::rule_kind, column::comparison,
                            fmt::format("comparison \"{}\" does not fit kind {}", c, to_string(*kind)),
                            fmt::format("比较符“{}”与类型 {} 不符", c, to_string(*kind)));
            t.cmp = *parsed;
        } else if (*kind == target_kind::change_vs_base) {
            t.cmp = default_comparison(*kind, t.threshold);
        }
        t.base_year = *base_year;
        t.year = *target_year;
        const std::string_view binding = cell(column::binding);
        t.binding = binding.empty() ? (from_annex != nullptr && from_annex->binding)
                                    : (binding == "true" || binding == "1" || binding == "约束性" || binding == "是");
        t.region = region;
        t.section = from_annex != nullptr ? from_annex->title : "地区目标";
        t.source = from_annex != nullptr ? from_annex->title : "地区目标表";
        t.note = fmt::format("value from the regional targets table {}{}", rec.where().to_string(),
                             cell(column::note).empty() ? "" : fmt::format(" — {}", cell(column::note)));
        t.where = rec.where();
        added.push_back(std::move(t));
        ++out.added;
    }
    out.with_regions.targets.reserve(out.with_regions.targets.size() + added.size());
    for (target& t : added) out.with_regions.targets.push_back(std::move(t));
    out.with_regions.index();
    return out;
}

std::string regional_targets_template(const plan& p, int base_year, int target_year) {
    std::string out = "region,indicator,kind,value,unit,base_year,target_year,comparison,binding,note\n";
    for (const localized_text& region : p.info.subregions)
        for (const annex& a : p.annexes)
            for (const annex_target& t : a.targets)
                out += fmt::format("{},{},{},,{},{},{},{},{},{}\n", region.zh, p.indicators[t.indicator_index].id,
                                   to_string(t.kind), t.unit_text, base_year, target_year, to_string(t.cmp),
                                   a.binding ? "true" : "false", a.id);
    return out;
}

}  // namespace plancheck
