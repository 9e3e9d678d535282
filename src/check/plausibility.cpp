// Submission checks. Each looks at values as typed quantities of their indicator's kind and
// reports in the indicator's declared unit, at the cell the value came from.

#include "plancheck/plausibility.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <vector>

#include "plancheck/template.hpp"

namespace plancheck {

namespace {

// Entries listed in the completeness finding; the report lists every target without data anyway.
constexpr std::size_t completeness_listed = 30;

bool is_level_kind(target_kind k) {
    return k == target_kind::at_most || k == target_kind::at_least || k == target_kind::deadline;
}

// Kinds whose values are amounts or ratios of amounts, which cannot be negative. Shares have
// their own range; percentage points (a change) and index points may be negative.
bool is_amount(quantity_kind k) {
    return k != quantity_kind::share && k != quantity_kind::percentage_points && k != quantity_kind::index;
}

// True when the plan's own numbers for the indicator exceed 100 %: then it is a rate that may
// (a completion rate, 完成率 113%), and only a negative value is implausible.
bool may_exceed_hundred(const plan& p, std::size_t indicator_index) {
    const indicator& ind = p.indicators[indicator_index];
    for (const plan_value& b : ind.bases)
        if (const auto* s = b.value.get_if<quantity_kind::share>(); s != nullptr && s->value() > 100.0) return true;
    for (const target& t : p.targets) {
        if (t.indicator_index != indicator_index || !is_level_kind(t.kind) || !t.threshold) continue;
        if (const auto* s = t.threshold->get_if<quantity_kind::share>(); s != nullptr && s->value() > 100.0) return true;
    }
    return false;
}

// Kinds whose values a unit slip (万 dropped, 亿 read as 万, kg for t) moves by powers of ten
// and which do not themselves range over orders of magnitude: counts may fall to a tenth (small
// boilers eliminated), shares and points have their own checks.
bool has_stable_magnitude(quantity_kind k) {
    return k != quantity_kind::share && k != quantity_kind::percentage_points && k != quantity_kind::index &&
           k != quantity_kind::count && k != quantity_kind::duration;
}

// Beyond this factor from the plan's base value or the file's other years, a value is taken for
// a unit slip rather than a change: no statistic of a region moves tenfold within a plan.
constexpr double magnitude_factor = 10.0;

// The likely slip behind a ratio: the scale word whose power of ten is nearest.
localized_text likely_slip(double ratio) {
    const int power = static_cast<int>(std::lround(std::log10(ratio)));
    const int size = std::abs(power);
    const std::string_view word = size == 4 ? "万" : size == 8 ? "亿" : size == 3 ? "千 (k)" : size == 6 ? "百万 (M)" : "";
    const std::string factor = fmt::format("10^{}", size);
    if (word.empty())
        return {fmt::format("a factor of about {}: check the unit", factor), fmt::format("相差约 {} 倍：请检查单位", factor)};
    return {fmt::format("a factor of about {}: is a {} {} the unit?", factor, word,
                        power < 0 ? "missing from" : "too many in"),
            fmt::format("相差约 {} 倍：单位是否{}了“{}”？", factor, power < 0 ? "漏写" : "多写", word)};
}

// A yearly rate of change (growth_of): in %, but no share; a fall is negative.
bool is_rate_of_change(const indicator& ind) {
    return ind.derived && ind.derived->how == derivation::method::growth_of;
}

class checker {
public:
    checker(const plan& p, const observation_set& data, const plausibility_options& opts)
        : p_(p), data_(data), opts_(opts) {
        const std::vector<int> years = data.years();
        year_ = opts.year ? *opts.year : (years.empty() ? p.info.target_year : years.back());
        // Facts of each indicator that depend on the plan's targets, found once: looking them up
        // per region would scan every target (a county panel has tens of thousands) per region.
        over_hundred_ok_.resize(p.indicators.size());
        yearly_flow_.resize(p.indicators.size());
        for (std::size_t i = 0; i < p.indicators.size(); ++i)
            over_hundred_ok_[i] = p.indicators[i].kind() == quantity_kind::share && may_exceed_hundred(p, i);
        for (const target& t : p.targets)
            if (t.kind == target_kind::cumulative_at_least) yearly_flow_[t.indicator_index] = true;
    }

    diagnostics run() {
        completeness();
        for (std::uint32_t r = 0; r < data_.regions().size(); ++r)
            for (std::size_t i = 0; i < p_.indicators.size(); ++i) values_of(r, i);
        comparability();
        return std::move(out_);
    }

private:
    std::string shown(std::size_t indicator_index, const any_quantity& q) const {
        const unit& u = p_.indicators[indicator_index].declared_unit;
        const std::string number = format_number(u.value_of(q));
        return u.spelling() == "%" ? number + "%" : fmt::format("{} {}", number, u.spelling());
    }

    // A finding at a value's cell: a warning, an error under --strict.
    void finding(const value_origin& where, std::string en, std::string zh) {
        error e = make_error(opts_.strict ? error_code::plausibility_refused : error_code::plausibility, std::move(en),
                             std::move(zh), data_.resolve(where));
        out_.push_back(std::move(e));
    }

    void completeness();
    void values_of(std::uint32_t region, std::size_t indicator_index);
    void comparability();
    void magnitudes(std::uint32_t region, std::size_t indicator_index);
    bool magnitude_finding(std::size_t indicator_index, const std::string& region_name, int year,
                           const observation& o, const any_quantity& reference, const localized_text& what);

    const plan& p_;
    const observation_set& data_;
    const plausibility_options& opts_;
    int year_ = 0;
    std::vector<bool> over_hundred_ok_;  // by indicator: a share the plan lets exceed 100 %
    std::vector<bool> yearly_flow_;      // by indicator: a yearly flow some target sums
    std::vector<int> years_;             // values_of: years with a value
    std::vector<const observation*> values_;  // values_of: their values
    diagnostics out_;
};

void checker::completeness() {
    std::vector<const needed_value*> missing;
    const std::vector<needed_value> needed = values_needed(p_, year_, opts_.region);
    std::set<std::size_t> targets;
    for (const needed_value& v : needed) {
        const auto region = data_.region_index(v.region);
        if (region && data_.find(*region, v.indicator_index, v.year) != nullptr) continue;
        missing.push_back(&v);
        targets.insert(v.targets.begin(), v.targets.end());
    }
    if (missing.empty()) return;

    std::vector<std::string> en;
    std::vector<std::string> zh;
    std::string last_region;
    for (std::size_t k = 0; k < missing.size() && k < completeness_listed; ++k) {
        const needed_value& v = *missing[k];
        const indicator& ind = p_.indicators[v.indicator_index];
        const bool new_region = v.region != last_region;
        last_region = v.region;
        const std::string role_en = v.role == value_role::base ? " (base)" : "";
        const std::string role_zh = v.role == value_role::base ? "（基年）" : "";
        en.push_back(fmt::format("{}{} {}{}", new_region ? v.region + ": " : "", ind.id, v.year, role_en));
        zh.push_back(fmt::format("{}{} {}{}", new_region ? v.region + "：" : "", ind.name.zh, v.year, role_zh));
    }
    const std::size_t more = missing.size() - en.size();
    const std::string more_en = more > 0 ? fmt::format(" and {} more", more) : "";
    const std::string more_zh = more > 0 ? fmt::format(" 等，另有 {} 项", more) : "";
    origin where;
    if (data_.inputs().size() == 1) where.file = data_.inputs().front().name;
    error e = make_error(
        error_code::plausibility,
        fmt::format("incomplete for {}: {} of the {} values the targets need are missing, so {} targets cannot be "
                    "judged: {}{}",
                    year_, missing.size(), needed.size(), targets.size(), fmt::join(en, ", "), more_en),
        fmt::format("{} 年数据不完整：目标所需的 {} 个数值中缺少 {} 个，{} 项目标无法评价：{}{}", year_, needed.size(),
                    missing.size(), targets.size(), fmt::join(zh, "，"), more_zh),
        std::move(where));
    // Missing data is not a suspicious value: a note, or a warning when --require-all counts
    // it as a failure. --strict leaves it alone; --require-all already fails the run for it.
    e.level = opts_.require_all ? severity::warning : severity::note;
    out_.push_back(std::move(e));
}

void checker::values_of(std::uint32_t region, std::size_t indicator_index) {
    // The years with a value and the values, from the group's slots (buffers reused: this runs
    // once per region and indicator).
    std::vector<int>& years = years_;
    std::vector<const observation*>& values = values_;
    years.clear();
    values.clear();
    const auto slots = data_.values_of(region, indicator_index);
    for (std::size_t k = 0; k < slots.size(); ++k) {
        if (!slots[k]) continue;
        years.push_back(data_.first_year() + static_cast<int>(k));
        values.push_back(&*slots[k]);
    }
    if (years.empty()) return;
    const indicator& ind = p_.indicators[indicator_index];
    const std::string& region_name = data_.regions()[region];
    const quantity_kind kind = ind.kind();
    const bool over_hundred_ok = over_hundred_ok_[indicator_index];

    // Range.
    for (std::size_t k = 0; k < years.size(); ++k) {
        const int y = years[k];
        const observation& o = *values[k];
        const double v = o.value.canonical_value();
        if (kind == quantity_kind::share && !is_rate_of_change(ind) && (v < 0 || (v > 100.0 && !over_hundred_ok))) {
            finding(o.where,
                    fmt::format("{} of {} in {} is {}: a share lies between 0% and 100%", ind.id, region_name, y,
                                shown(indicator_index, o.value)),
                    fmt::format("{}{} 年{}为 {}：比重应在 0% 到 100% 之间", region_name, y, ind.name.zh,
                                shown(indicator_index, o.value)));
        } else if (is_amount(kind) && v < 0) {
            finding(o.where,
                    fmt::format("{} of {} in {} is negative ({}): an amount of {} cannot be", ind.id, region_name, y,
                                shown(indicator_index, o.value), kind_name(kind).en),
                    fmt::format("{}{} 年{}为负数（{}）：{}不能为负", region_name, y, ind.name.zh,
                                shown(indicator_index, o.value), kind_name(kind).zh));
        }
    }

    if (has_stable_magnitude(kind)) magnitudes(region, indicator_index);

    // Year-over-year change, between consecutive years only, of levels: a yearly flow that a
    // target sums (capacity retired, energy saved in the year) may swing from year to year.
    if (yearly_flow_[indicator_index]) return;
    const double bound = opts_.max_yoy_change.value();
    const bool in_points = kind == quantity_kind::share || kind == quantity_kind::percentage_points;
    for (std::size_t k = 1; k < years.size(); ++k) {
        if (years[k] != years[k - 1] + 1) continue;
        const observation& before = *values[k - 1];
        const observation& now = *values[k];
        const double a = before.value.canonical_value();
        const double b = now.value.canonical_value();
        if (in_points) {
            const double change = b - a;
            if (std::abs(change) <= bound) continue;
            const std::string from = data_.resolve(before.where).to_string();
            finding(now.where,
                    fmt::format("{} of {} moves by {:+.1f} percentage points from {} ({}, at {}) to {} ({}), more "
                                "than the {} points expected in a year (--max-yoy-change)",
                                ind.id, region_name, change, years[k - 1], shown(indicator_index, before.value), from,
                                years[k], shown(indicator_index, now.value), format_number(bound)),
                    fmt::format("{}{}从 {} 年的 {}（{}）变为 {} 年的 {}，变动 {:+.1f} 个百分点，超过一年 {} 个百分点的预期"
                                "（--max-yoy-change）",
                                region_name, ind.name.zh, years[k - 1], shown(indicator_index, before.value), from,
                                years[k], shown(indicator_index, now.value), change, format_number(bound)));
            continue;
        }
        if (a == 0) continue;  // no relative change from zero
        const double change = (b - a) / std::abs(a) * 100.0;
        if (std::abs(change) <= bound) continue;
        const std::string from = data_.resolve(before.where).to_string();
        finding(now.where,
                fmt::format("{} of {} changes by {:+.1f}% from {} ({}, at {}) to {} ({}), more than the ±{}% expected "
                            "in a year (--max-yoy-change)",
                            ind.id, region_name, change, years[k - 1], shown(indicator_index, before.value), from,
                            years[k], shown(indicator_index, now.value), format_number(bound)),
                fmt::format("{}{}从 {} 年的 {}（{}）变为 {} 年的 {}，变动 {:+.1f}%，超过一年 ±{}% 的预期（--max-yoy-change）",
                            region_name, ind.name.zh, years[k - 1], shown(indicator_index, before.value), from,
                            years[k], shown(indicator_index, now.value), change, format_number(bound)));
    }
}

// A value more than tenfold above or below what it is compared with: a finding naming both and
// the likely slip. False when the two are within the factor (or not comparable: zero, signs).
bool checker::magnitude_finding(std::size_t indicator_index, const std::string& region_name, int year,
                                const observation& o, const any_quantity& reference, const localized_text& what) {
    const double v = o.value.canonical_value();
    const double r = reference.canonical_value();
    if (v <= 0 || r <= 0) return false;
    const double ratio = v / r;
    if (ratio <= magnitude_factor && ratio >= 1.0 / magnitude_factor) return false;
    const indicator& ind = p_.indicators[indicator_index];
    const localized_text slip = likely_slip(ratio);
    const double factor = ratio >= 1 ? ratio : 1.0 / ratio;
    const std::string times = factor >= 100 ? fmt::format("{:.0f}", factor) : format_number(factor, 3);
    finding(o.where,
            fmt::format("{} of {} in {} is {}, {} times {} {} ({}): {}", ind.id, region_name, year,
                        shown(indicator_index, o.value), times, ratio >= 1 ? "above" : "below", what.en,
                        shown(indicator_index, reference), slip.en),
            fmt::format("{}{} 年{}为 {}，{}{}（{}）的 {} {}：{}", region_name, year, ind.name.zh,
                        shown(indicator_index, o.value), ratio >= 1 ? "是" : "仅为", what.zh,
                        shown(indicator_index, reference), times, ratio >= 1 ? "倍" : "分之一", slip.zh));
    return true;
}

// Unit slips: a value of the plan's own region against the plan's stated base value; a value of
// any region against the median of the file's other years of the indicator.
void checker::magnitudes(std::uint32_t region, std::size_t indicator_index) {
    const indicator& ind = p_.indicators[indicator_index];
    const std::string& region_name = data_.regions()[region];
    const bool own_region = region_name == p_.info.region.zh;
    const plan_value* base = ind.base_for(p_.info.base_year);
    if (base == nullptr && !ind.bases.empty()) base = &ind.bases.front();
    std::vector<bool> flagged(years_.size(), false);
    if (own_region && base != nullptr) {
        for (std::size_t k = 0; k < years_.size(); ++k)
            flagged[k] = magnitude_finding(indicator_index, region_name, years_[k], *values_[k], base->value,
                                           {fmt::format("the plan's {} value", base->year),
                                            fmt::format("规划所列 {} 年数值", base->year)});
    }
    // A yearly flow a target sums may swing; two years cannot say which one slipped. With three
    // or more, the median of all of them stands for the indicator's size (most years are right).
    if (yearly_flow_[indicator_index] || years_.size() < 3) return;
    std::vector<double> all;
    for (const observation* o : values_) all.push_back(o->value.canonical_value());
    std::nth_element(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2), all.end());
    const any_quantity median = any_quantity::from_canonical(ind.kind(), all[all.size() / 2]);
    for (std::size_t k = 0; k < years_.size(); ++k) {
        if (flagged[k]) continue;
        magnitude_finding(indicator_index, region_name, years_[k], *values_[k], median,
                          {"the median of its years in the file", "文件中该指标各年的中位数"});
    }
}

// Values a target compares across years must be on one price basis and should come from one
// data release; each (region, indicator, years) comparison is looked at once.
void checker::comparability() {
    std::set<std::tuple<std::uint32_t, std::size_t, std::vector<int>>> seen;  // region, indicator, years
    for (const target& t : p_.targets) {
        if (opts_.region && t.region != *opts_.region) continue;
        const auto region = data_.region_index(t.region);
        if (!region) continue;
        std::vector<int> years;
        if (t.kind == target_kind::cumulative_at_least) {
            for (int y = *t.base_year + 1; y <= std::min(year_, t.year); ++y) years.push_back(y);
        } else {
            // The target's base year, or for a level target the plan's (the start of the path).
            const bool has_base = t.base_year.has_value() || p_.info.base_year < t.year;
            const int base = t.base_year.value_or(p_.info.base_year);
            const bool compares_base = !is_level_kind(t.kind) || year_ < t.year;
            if (!has_base || year_ <= base || !compares_base) continue;
            years = {base, year_};
        }
        if (years.size() < 2 || !seen.insert({*region, t.indicator_index, years}).second) continue;

        struct used {
            int year;
            const observation* o;
        };
        std::vector<used> values;
        for (const int y : years)
            if (const observation* o = data_.find(*region, t.indicator_index, y)) values.push_back({y, o});
        const indicator& ind = p_.indicators[t.indicator_index];
        const auto list = [&](auto label, bool zh) {
            std::vector<std::string> parts;
            for (const used& u : values)
                parts.push_back(zh ? fmt::format("{} 年 {}（{}）", u.year, label(u.o), data_.resolve(u.o->where).to_string())
                                   : fmt::format("{}: {} ({})", u.year, label(u.o), data_.resolve(u.o->where).to_string()));
            return fmt::format("{}", fmt::join(parts, zh ? "；" : "; "));
        };

        std::set<std::int16_t> bases;
        std::set<std::uint16_t> vintages;
        const used* last_priced = nullptr;
        const used* last_versioned = nullptr;
        for (const used& u : values) {
            if (u.o->price_base != 0) {
                bases.insert(u.o->price_base);
                last_priced = &u;
            }
            if (u.o->vintage != 0) {
                vintages.insert(u.o->vintage);
                last_versioned = &u;
            }
        }
        if (bases.size() > 1) {
            const auto price = [&](const observation* o) {
                return o->price_base != 0 ? fmt::format("{} prices", o->price_base) : std::string("price basis not given");
            };
            const auto price_zh = [&](const observation* o) {
                return o->price_base != 0 ? fmt::format("{} 年价格", o->price_base) : std::string("未注明价格基年");
            };
            finding(last_priced->o->where,
                    fmt::format("{} of {} is compared across years on different constant-price bases ({}): values on "
                                "different price bases are not comparable; restate them on one basis",
                                ind.id, t.region, list(price, false)),
                    fmt::format("{}{}跨年比较所用数值的不变价基年不同（{}）：不同价格基年的数值不可比，请统一价格基年",
                                t.region, ind.name.zh, list(price_zh, true)));
        }
        if (vintages.size() > 1) {
            const auto release = [&](const observation* o) {
                return o->vintage != 0 ? data_.vintages()[o->vintage] : std::string("-");
            };
            error e = make_error(
                error_code::plausibility,
                fmt::format("{} of {} is compared across years using values from different data releases ({}); "
                            "revisions between releases enter the comparison",
                            ind.id, t.region, list(release, false)),
                fmt::format("{}{}跨年比较所用数值来自不同的数据版本（{}）；版本之间的修订会计入比较结果", t.region,
                            ind.name.zh, list(release, true)),
                data_.resolve(last_versioned->o->where));
            // A different release is common and often right (a revised base year); it is said,
            // not held against the file.
            e.level = severity::note;
            out_.push_back(std::move(e));
        }
    }
}

}  // namespace

diagnostics plausibility_findings(const plan& p, const observation_set& data, const plausibility_options& opts) {
    return checker(p, data, opts).run();
}

}  // namespace plancheck
