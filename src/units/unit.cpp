#include "plancheck/unit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <vector>

#include "plancheck/text.hpp"
#include "units/unit_table.hpp"

namespace plancheck {

namespace {

struct canonical_text {
    std::string_view zh;
    std::string_view en;
};

// Display spellings of each kind's canonical unit; every one of them parses (a test checks).
constexpr std::array<canonical_text, units::quantity_kind_count> canonical_texts{{
    {"吨标准煤", "tce"},
    {"吨", "t"},
    {"元", "CNY"},
    {"千瓦时", "kWh"},
    {"千瓦", "kW"},
    {"平方米", "m²"},
    {"米", "m"},
    {"立方米/日", "m3/d"},
    {"吨/日", "t/d"},
    {"%", "%"},
    {"个百分点", "pp"},
    {"个", "item"},
    {"人", "person"},
    {"天", "d"},
    {"点", "pt"},
    {"吨公里", "t*km"},
    {"人公里", "person*km"},
    {"吨标准煤/万元", "tce/10k CNY"},
    {"克标准煤/千瓦时", "gce/kWh"},
    {"吨标准煤/吨", "tce/t"},
    {"千克标准煤/人", "kgce/person"},
    {"千克标准煤/平方米", "kgce/m2"},
    {"千克标准煤/百吨公里", "kgce/100 t*km"},
    {"千克标准煤/百人公里", "kgce/100 person*km"},
}};

// Quotient spellings worth showing in `plancheck units` and offering as suggestions.
const std::vector<std::pair<quantity_kind, std::string_view>>& quotient_example_list() {
    using K = quantity_kind;
    static const std::vector<std::pair<K, std::string_view>> list{
        {K::energy_intensity, "吨标准煤/万元"}, {K::energy_intensity, "tce/10k CNY"},
        {K::energy_intensity, "千克标准煤/万元"},
        {K::coal_per_energy, "克标准煤/千瓦时"}, {K::coal_per_energy, "gce/kWh"},
        {K::coal_per_energy, "kgce/MWh"},
        {K::coal_per_mass, "吨标准煤/吨"}, {K::coal_per_mass, "千克标准煤/吨"},
        {K::coal_per_mass, "tce/t"}, {K::coal_per_mass, "kgce/t"},
        {K::coal_per_person, "千克标准煤/人"}, {K::coal_per_person, "吨标准煤/人"},
        {K::coal_per_person, "kgce/person"},
        {K::coal_per_area, "千克标准煤/平方米"}, {K::coal_per_area, "kgce/m2"},
        {K::coal_per_tonne_km, "千克标准煤/百吨公里"}, {K::coal_per_tonne_km, "kgce/100 t*km"},
        {K::coal_per_person_km, "千克标准煤/百人公里"}, {K::coal_per_person_km, "千克标准煤/千人公里"},
        {K::coal_per_person_km, "kgce/100 person*km"},
        {K::mass_flow, "吨/日"}, {K::mass_flow, "万吨/日"}, {K::mass_flow, "吨/小时"},
        {K::mass_flow, "蒸吨/小时"}, {K::mass_flow, "t/d"}, {K::mass_flow, "t/h"},
    };
    return list;
}

struct lookup_tables {
    std::unordered_map<std::string, std::size_t> atomic;  // normalized spelling → table index
    std::vector<std::string> suggestions;                  // normalized spellings a typo is matched against
    std::unordered_map<std::string, std::string> shown;    // normalized spelling → the spelling suggested
};

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

const lookup_tables& tables() {
    static const lookup_tables t = [] {
        lookup_tables built;
        const auto& atoms = detail::atomic_spellings();
        // Typos are matched in normalized form, as spellings are parsed ("KWHH" is near "kWh").
        const auto add_suggestion = [&built](std::string_view matched, std::string_view shown) {
            std::string key = normalize_unit_spelling(matched);
            if (built.shown.emplace(key, shown).second) built.suggestions.push_back(std::move(key));
        };
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            built.atomic.emplace(normalize_unit_spelling(atoms[i].spelling), i);
            // A typo nearest to an abbreviation (万吨标煤) is answered with the first, standard
            // spelling of the same unit in the same script (万吨标准煤), as the docs promise.
            for (std::size_t j = 0; j <= i; ++j) {
                if (atoms[j].kind == atoms[i].kind && atoms[j].to_canonical == atoms[i].to_canonical &&
                    is_ascii(atoms[j].spelling) == is_ascii(atoms[i].spelling)) {
                    add_suggestion(atoms[i].spelling, atoms[j].spelling);
                    break;
                }
            }
        }
        for (const auto& [kind, spelling] : quotient_example_list()) add_suggestion(spelling, spelling);
        return built;
    }();
    return t;
}

const unit_spelling* find_atomic(std::string_view normalized) {
    const auto& map = tables().atomic;
    const auto it = map.find(std::string(normalized));
    return it == map.end() ? nullptr : &detail::atomic_spellings()[it->second];
}

// Kinds a Chinese scale prefix may compose with: amounts. 万% or 亿天 mean nothing.
bool takes_scale_prefix(quantity_kind k) {
    return k != quantity_kind::share && k != quantity_kind::percentage_points && k != quantity_kind::index &&
           k != quantity_kind::duration;
}

// A spelling resolved to a kind and factor: one of the table, or a Chinese scale prefix
// composed with a symbol of it (万t, 万tce, 亿kWh, ＋ full-width forms, folded before).
struct found_unit {
    std::string spelling;
    quantity_kind kind;
    double to_canonical;
};

std::optional<found_unit> find_unit(std::string_view normalized) {
    if (const unit_spelling* atom = find_atomic(normalized))
        return found_unit{std::string(atom->spelling), atom->kind, atom->to_canonical};
    for (const auto& p : detail::scale_prefixes()) {
        if (!normalized.starts_with(p.spelling)) continue;
        const std::string_view rest = normalized.substr(p.spelling.size());
        // The symbol carries no scale word of its own (万万吨, 万10kt are not units).
        if (rest.empty() || (rest.front() >= '0' && rest.front() <= '9') || rest.starts_with("万") ||
            rest.starts_with("亿") || rest.starts_with("百") || rest.starts_with("千") || rest.starts_with("十"))
            return std::nullopt;
        const unit_spelling* atom = find_atomic(rest);
        if (atom == nullptr || !takes_scale_prefix(atom->kind)) return std::nullopt;
        return found_unit{std::string(p.spelling) + std::string(atom->spelling), atom->kind,
                          p.factor * atom->to_canonical};
    }
    return std::nullopt;
}

// The scale words a spelling carries: a suggestion must carry the same, or "万t" → "t?" turns
// 75.92 万吨 into 75.92 吨.
constexpr std::array<std::pair<std::string_view, std::string_view>, 2> scale_words{{
    {"万", "10k"},
    {"亿", "100m"},
}};

bool keeps_scale(std::string_view given, std::string_view candidate) {
    for (const auto& [zh, en] : scale_words) {
        const bool in_given = given.find(zh) != std::string_view::npos || given.find(en) != std::string_view::npos;
        const bool in_candidate =
            candidate.find(zh) != std::string_view::npos || candidate.find(en) != std::string_view::npos;
        if (in_given != in_candidate) return false;
    }
    return true;
}

error unknown_unit(std::string_view spelling) {
    const std::string key = normalize_unit_spelling(spelling);
    std::vector<std::string> same_scale;
    for (const std::string& s : tables().suggestions)
        if (keeps_scale(key, s)) same_scale.push_back(s);
    auto near = text::nearest(key, same_scale);
    if (near) near = tables().shown.at(*near);
    if (near)
        return make_error(error_code::unit_unknown,
                          fmt::format("unknown unit \"{}\" (did you mean {}?)", spelling, *near),
                          fmt::format("无法识别的单位“{}”（是否应为 {}？）", spelling, *near));
    return make_error(error_code::unit_unknown,
                      fmt::format("unknown unit \"{}\" (`plancheck units` lists the accepted spellings)", spelling),
                      fmt::format("无法识别的单位“{}”（`plancheck units` 列出可用的写法）", spelling));
}

// Appends the ASCII replacement of a code point that has one, else the code point itself.
void append_folded(std::string& out, char32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) {  // full-width ASCII forms: ％ ／ ｋ ０ …
        cp -= 0xFEE0;
    }
    switch (cp) {
        case 0x3000: return;  // ideographic space
        case 0x33A1: out += "m2"; return;  // ㎡
        case 0x33A5: out += "m3"; return;  // ㎥
        case 0x338F: out += "kg"; return;  // ㎏
        case 0x339E: out += "km"; return;  // ㎞
        case 0x33BE: out += "kw"; return;  // ㎾
        case 0x33BF: out += "mw"; return;  // ㎿
        case 0x00B2: out += '2'; return;   // ²
        case 0x00B3: out += '3'; return;   // ³
        case 0x00B7: case 0x22C5: case 0x00D7: out += '*'; return;  // · ⋅ ×
        case 0x2215: case 0x2044: out += '/'; return;               // ∕ ⁄
        default: break;
    }
    if (cp < 0x80) {
        const char c = static_cast<char>(cp);
        if (c == ' ' || c == '\t') return;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        return;
    }
    text::append_utf8(out, cp);
}

}  // namespace

std::string normalize_unit_spelling(std::string_view spelling) {
    std::string out;
    out.reserve(spelling.size());
    for (const char32_t cp : text::decode(spelling)) append_folded(out, cp);
    return out;
}

result<unit> parse_unit(std::string_view spelling) {
    const std::string_view given = text::trim(spelling);
    if (given.empty())
        return make_error(error_code::unit_unknown, "empty unit", "单位为空");
    if (text::find_invalid_utf8(given))
        return make_error(error_code::encoding, "unit is not valid UTF-8", "单位不是有效的 UTF-8 文本");
    const std::string key = normalize_unit_spelling(given);
    // "MT" is often written for metric tonnes: read case-insensitively it would be megatonnes,
    // a factor of a million. Only the exact spelling Mt means megatonne.
    if (key == "mt" && given != "Mt")
        return make_error(error_code::unit_unknown,
                          fmt::format("ambiguous unit \"{}\": write t (吨) for tonnes or Mt (百万吨) for megatonnes", given),
                          fmt::format("单位“{}”有歧义：吨请写 t（吨），百万吨请写 Mt（百万吨）", given));
    if (const auto atom = find_unit(key)) return unit(std::string(given), atom->kind, atom->to_canonical);

    const auto slash = key.find('/');
    if (slash == std::string::npos || key.find('/', slash + 1) != std::string::npos)
        return unknown_unit(given);
    auto num = find_unit(std::string_view(key).substr(0, slash));
    const auto den = find_unit(std::string_view(key).substr(slash + 1));
    if (!num || !den) return unknown_unit(given);
    // g/kWh, 克/千瓦时: in energy statistics a mass per kWh is the coal consumption rate of
    // power supply, grams of standard coal (供电煤耗); the gram of coal equivalent has the
    // same factor to its canonical unit as the gram to the tonne.
    if (num->kind == quantity_kind::mass && den->kind == quantity_kind::energy) num->kind = quantity_kind::coal;
    for (const auto& entry : detail::quotient_table()) {
        if (entry.rule.numerator == num->kind && entry.rule.denominator == den->kind)
            return unit(std::string(given), entry.rule.result,
                        num->to_canonical / den->to_canonical * entry.factor);
    }
    // Both halves are known but their quotient is no kind plancheck has (克/千瓦时: mass per
    // energy). Suggest the same scale in a numerator kind that makes sense (克标准煤/千瓦时).
    auto err = unknown_unit(given);
    for (const auto& entry : detail::quotient_table()) {
        if (entry.rule.denominator != den->kind) continue;
        const unit numerator(num->spelling, num->kind, num->to_canonical);
        const std::string better =
            suggest_spelling(numerator, entry.rule.numerator) + "/" + std::string(den->spelling);
        err = make_error(error_code::unit_unknown,
                         fmt::format("unknown unit \"{}\" (did you mean {}?)", given, better),
                         fmt::format("无法识别的单位“{}”（是否应为 {}？）", given, better));
        break;
    }
    err.message.en += fmt::format("; {} per {} is not a kind of quantity plancheck knows",
                                  kind_name(num->kind).en, kind_name(den->kind).en);
    err.message.zh += fmt::format("；{}除以{}不是 plancheck 认识的量", kind_name(num->kind).zh,
                                  kind_name(den->kind).zh);
    return err;
}

unit unit::canonical(quantity_kind kind) {
    return unit(std::string(canonical_texts[static_cast<std::size_t>(kind)].zh), kind, 1.0);
}

double unit::value_of(const any_quantity& q) const {
    PLANCHECK_ENFORCE(q.kind() == kind_);
    return q.canonical_value() / to_canonical_;
}

bool unit::same_as(const unit& other) const {
    return kind_ == other.kind_ &&
           std::abs(to_canonical_ - other.to_canonical_) <=
               1e-12 * std::max(std::abs(to_canonical_), std::abs(other.to_canonical_));
}

std::span<const unit_spelling> unit_spellings() { return detail::atomic_spellings(); }

std::span<const std::string_view> quotient_examples(quantity_kind kind) {
    static const auto by_kind = [] {
        std::array<std::vector<std::string_view>, units::quantity_kind_count> grouped;
        for (const auto& [k, spelling] : quotient_example_list())
            grouped[static_cast<std::size_t>(k)].push_back(spelling);
        return grouped;
    }();
    return by_kind[static_cast<std::size_t>(kind)];
}

std::span<const quotient_rule> quotient_rules() {
    static const std::vector<quotient_rule> rules = [] {
        std::vector<quotient_rule> out;
        for (const auto& e : detail::quotient_table()) out.push_back(e.rule);
        return out;
    }();
    return rules;
}

std::optional<quantity_kind> quotient_kind(quantity_kind num, quantity_kind den) {
    if (num == den) return quantity_kind::share;
    for (const auto& e : detail::quotient_table())
        if (e.rule.numerator == num && e.rule.denominator == den) return e.rule.result;
    return std::nullopt;
}

std::optional<any_quantity> divide(const any_quantity& num, const any_quantity& den) {
    const double d = den.canonical_value();
    if (d == 0) return std::nullopt;
    if (num.kind() == den.kind())
        return any_quantity::from_canonical(quantity_kind::share,
                                            num.canonical_value() / d * detail::ratio_to_share_factor());
    for (const auto& e : detail::quotient_table())
        if (e.rule.numerator == num.kind() && e.rule.denominator == den.kind())
            return any_quantity::from_canonical(e.rule.result, num.canonical_value() / d * e.factor);
    return std::nullopt;
}

std::optional<quantity_kind> product_kind(quantity_kind rate, quantity_kind amount) {
    for (const auto& e : detail::quotient_table())
        if (e.rule.result == rate && e.rule.denominator == amount) return e.rule.numerator;
    return std::nullopt;
}

std::optional<any_quantity> multiply(const any_quantity& rate, const any_quantity& amount) {
    for (const auto& e : detail::quotient_table())
        if (e.rule.result == rate.kind() && e.rule.denominator == amount.kind())
            return any_quantity::from_canonical(e.rule.numerator, rate.canonical_value() * amount.canonical_value() / e.factor);
    return std::nullopt;
}

std::string_view canonical_spelling(quantity_kind kind, language lang) {
    const auto& t = canonical_texts[static_cast<std::size_t>(kind)];
    return lang == language::zh ? t.zh : t.en;
}

std::string suggest_spelling(const unit& given, quantity_kind wanted) {
    // Prefer a spelling of the wanted kind with the same scale (万吨 → 万吨标准煤) that shares
    // the longest prefix with what was written; else the wanted kind's canonical spelling.
    const std::u32string written = text::decode(given.spelling());
    const double scale = given.quantity(1.0).canonical_value();
    std::string best(canonical_spelling(wanted, language::zh));
    std::size_t best_prefix = 0;
    for (const auto& s : detail::atomic_spellings()) {
        if (s.kind != wanted) continue;
        if (std::abs(s.to_canonical - scale) > 1e-9 * std::max(std::abs(scale), 1e-300)) continue;
        const std::u32string candidate = text::decode(s.spelling);
        std::size_t prefix = 0;
        while (prefix < written.size() && prefix < candidate.size() && written[prefix] == candidate[prefix])
            ++prefix;
        if (prefix > best_prefix) {
            best_prefix = prefix;
            best = std::string(s.spelling);
        }
    }
    return best;
}

error dimension_mismatch(std::string_view value_text, const unit& from, const unit& to, origin where) {
    const std::string lhs = value_text.empty() ? from.spelling() : fmt::format("{} {}", value_text, from.spelling());
    return make_error(error_code::unit_dimension,
                      fmt::format("cannot convert {} ({}) to {} ({})", lhs, kind_name(from.kind()).en,
                                  to.spelling(), kind_name(to.kind()).en),
                      fmt::format("无法把 {}（{}）换算为 {}（{}）", lhs, kind_name(from.kind()).zh,
                                  to.spelling(), kind_name(to.kind()).zh),
                      std::move(where));
}

bool within_range(double canonical) {
    const double size = std::abs(canonical);
    return size == 0 || (size >= smallest_magnitude && size <= largest_magnitude);
}

error out_of_range(std::string_view value_text, const unit& u, double canonical) {
    const std::string_view canonical_unit = canonical_spelling(u.kind(), language::zh);
    const std::string size = std::isfinite(canonical) ? format_number(canonical, 6) : std::string("infinity");
    const std::string size_zh = std::isfinite(canonical) ? format_number(canonical, 6) : std::string("无穷大");
    return make_error(error_code::number_range,
                      fmt::format("{} {} is {} {}: outside the range plancheck computes with (0, or ±{} to ±{} {}), "
                                  "where a change or a ratio of it could overflow",
                                  value_text, u.spelling(), size, canonical_unit, format_number(smallest_magnitude),
                                  format_number(largest_magnitude), canonical_unit),
                      fmt::format("{} {} 即 {} {}：超出 plancheck 的计算范围（0，或绝对值 {} 至 {} {}），其变化率或比值可能溢出",
                                  value_text, u.spelling(), size_zh, canonical_unit, format_number(smallest_magnitude),
                                  format_number(largest_magnitude), canonical_unit));
}

result<any_quantity> convert(double value, const unit& from, const unit& to) {
    if (from.kind() != to.kind()) return dimension_mismatch(format_number(value), from, to);
    const any_quantity q = from.quantity(value);
    if (!std::isfinite(q.canonical_value()) || !std::isfinite(to.value_of(q)))
        return make_error(error_code::number_range,
                          fmt::format("{} {} in {} is not a finite number", format_number(value), from.spelling(),
                                      to.spelling()),
                          fmt::format("{} {} 换算为 {} 不是有限数", format_number(value), from.spelling(), to.spelling()));
    return q;
}

units::quantity_of<quantity_kind::energy> energy_of_coal(units::quantity_of<quantity_kind::coal> coal) {
    return units::quantity_of<quantity_kind::energy>(coal * units::calorific_value_of_standard_coal);
}

units::quantity_of<quantity_kind::coal> coal_of_energy(units::quantity_of<quantity_kind::energy> energy) {
    return units::quantity_of<quantity_kind::coal>(energy / units::calorific_value_of_standard_coal);
}

std::string format_number(double value, int significant) {
    if (value == 0) return "0";  // also folds -0
    std::string s = fmt::format("{:.{}g}", value, significant);
    return s;
}

}  // namespace plancheck
