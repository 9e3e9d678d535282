// The audit of a plan's internal consistency. Pure functions over a loaded plan: no I/O.
//
// The plan prints rounded numbers, so "agree" has to say to what precision. A cap and a cut
// state one level twice; the cap is the number the plan computed and rounded, so the level the
// cut implies is compared with the cap at the decimals the cap is written with. An increment, a
// yearly growth and a total are bounds stated separately; they agree when meeting the one
// exactly satisfies the other (with its strictness: 3.5%以下 is < 3.5 %).

#include "plancheck/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>

#include "plancheck/unit.hpp"

namespace plancheck {

namespace {

using share_quantity = units::quantity_of<quantity_kind::share>;

// A value the plan printed, in the unit it was printed in, with how many decimals it has.
struct written {
    double number = 0;
    int decimals = 0;
};

// Decimals of a number as a person wrote it: 77.63 → 2, 2.25 → 2, 3570 → 0, 2e-05 → 5. Twelve
// significant digits drop the noise of a unit conversion (77.63000000000001) and keep what the
// rule file said.
int decimals_of(double value) {
    const std::string s = fmt::format("{:.12g}", value);
    const auto e = s.find_first_of("eE");
    const std::string mantissa = s.substr(0, e);
    const auto dot = mantissa.find('.');
    const int fraction = dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
    const int exponent = e == std::string::npos ? 0 : std::stoi(s.substr(e + 1));
    return std::max(fraction - exponent, 0);
}

written as_written(const unit& u, const any_quantity& q) {
    const double n = u.value_of(q);
    return {n, decimals_of(n)};
}

// A number for a message: at most `decimals` decimals, trailing zeros dropped.
std::string show(double value, int decimals) {
    std::string s = fmt::format("{:.{}f}", value, std::max(decimals, 0));
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

std::string show_in(const unit& u, const any_quantity& q, int decimals) {
    return fmt::format("{} {}", show(u.value_of(q), decimals), u.spelling());
}

bool nearly_equal(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

bool same_when_rounded(double a, double b, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::llround(a * scale) == std::llround(b * scale);
}

// lhs (c) rhs, where values equal up to floating-point noise count as equal.
bool holds_with_noise(double lhs, comparison c, double rhs) {
    if (nearly_equal(lhs, rhs)) return c == comparison::less_equal || c == comparison::greater_equal;
    return holds(lhs, c, rhs);
}

// Typed arithmetic on the indicator's quantities: the kinds match by construction (the loader
// checked every value against its indicator), and PLANCHECK_ENFORCE says so.
any_quantity times(const any_quantity& q, double factor) {
    return q.visit([factor](const auto& x) { return any_quantity(x * factor); });
}

any_quantity plus(const any_quantity& a, const any_quantity& b) {
    auto sum = visit_same_kind(a, b, [](const auto& x, const auto& y) { return any_quantity(x + y); });
    PLANCHECK_ENFORCE(sum.has_value());
    return *sum;
}

any_quantity minus(const any_quantity& a, const any_quantity& b) {
    auto difference = visit_same_kind(a, b, [](const auto& x, const auto& y) { return any_quantity(x - y); });
    PLANCHECK_ENFORCE(difference.has_value());
    return *difference;
}

double ratio(const any_quantity& a, const any_quantity& b) {
    auto r = visit_same_kind(a, b, [](const auto& x, const auto& y) { return x.value() / y.value(); });
    PLANCHECK_ENFORCE(r.has_value());
    return *r;
}

// A share as a plain fraction (7 % → 0.07), through Boost.Units.
double fraction_of(const any_quantity& q) {
    const share_quantity* s = q.get_if<quantity_kind::share>();
    PLANCHECK_ENFORCE(s != nullptr);
    return units::bu::quantity<units::ratio>(*s).value();
}

any_quantity share_of_fraction(double f) {
    return share_quantity(units::bu::quantity<units::ratio>::from_value(f));
}

std::string names_of(const std::vector<const target*>& ts, std::string_view joiner, std::string_view last_joiner) {
    std::string out;
    for (std::size_t i = 0; i < ts.size(); ++i) {
        if (i > 0) out += i + 1 == ts.size() ? last_joiner : joiner;
        out += ts[i]->id;
    }
    return out;
}

std::string names_en(const std::vector<const target*>& ts) {
    return names_of(ts, ", ", ts.size() > 2 ? ", and " : " and ");
}
std::string names_zh(const std::vector<const target*>& ts) { return names_of(ts, "、", " 与 "); }

std::vector<std::string> ids_of(const std::vector<const target*>& ts) {
    std::vector<std::string> ids;
    for (const target* t : ts) ids.push_back(t->id);
    return ids;
}

bool is_warning(const audit_finding& f) {
    return f.verdict == audit_verdict::disagree || f.check == audit_check::unused_indicator;
}

class auditor {
public:
    explicit auditor(const plan& p) : p_(p) {}

    std::vector<audit_finding> run() {
        for (std::size_t i = 0; i < p_.indicators.size(); ++i) audit_indicator(i);
        for (const target& t : p_.targets) {
            audit_missing_base(t);
            if (t.checklist.empty()) {
                audit_finding f = finding(audit_check::empty_checklist, audit_verdict::info, {&t});
                f.message = {fmt::format("target {} names no row of the plan's checklist (checklist is empty)", t.id),
                             fmt::format("目标 {} 未对应清单中的任何一行（checklist 为空）", t.id)};
                out_.push_back(std::move(f));
            }
        }
        std::stable_sort(out_.begin(), out_.end(), [](const audit_finding& a, const audit_finding& b) {
            const auto rank = [](const audit_finding& f) { return is_warning(f) ? 0 : 1; };
            if (rank(a) != rank(b)) return rank(a) < rank(b);
            return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
        });
        return std::move(out_);
    }

private:
    audit_finding finding(audit_check check, audit_verdict verdict, const std::vector<const target*>& ts) const {
        audit_finding f;
        f.check = check;
        f.verdict = verdict;
        f.targets = ids_of(ts);
        if (!ts.empty()) {
            f.indicator = p_.indicator_of(*ts.front()).id;
            f.where = ts.front()->where;
        }
        return f;
    }

    void audit_indicator(std::size_t index) {
        const indicator& ind = p_.indicators[index];
        std::vector<const target*> mine;
        for (const target& t : p_.targets)
            if (t.indicator_index == index) mine.push_back(&t);
        // Components of another indicator's derivation (GDP for the energy intensity) are used
        // through it, even when no target names them.
        const auto feeds = [index](const indicator& other) {
            return other.derived && std::find(other.derived->inputs.begin(), other.derived->inputs.end(), index) !=
                                        other.derived->inputs.end();
        };
        const bool in_derivation =
            ind.derived.has_value() || std::any_of(p_.indicators.begin(), p_.indicators.end(), feeds);
        if (mine.empty() && !in_derivation) {
            audit_finding f;
            f.check = audit_check::unused_indicator;
            f.verdict = audit_verdict::info;
            f.indicator = ind.id;
            f.where = ind.where;
            f.message = {fmt::format("indicator {} ({}) is declared but no target uses it", ind.id, ind.name.en),
                         fmt::format("指标 {}（{}）已声明，但没有目标使用它", ind.id, ind.name.zh)};
            out_.push_back(std::move(f));
        }
        for (const target* level : mine) {
            if ((level->kind != target_kind::at_most && level->kind != target_kind::at_least) || !level->threshold)
                continue;
            for (const target* change : mine)
                if (change->kind == target_kind::change_vs_base && change->threshold && change->base_year &&
                    change->year == level->year && change->region == level->region &&
                    is_upper_bound(change->cmp) == is_upper_bound(level->cmp))
                    audit_level_vs_change(ind, *level, *change);
        }
        for (const target* increment : mine) {
            if (increment->kind != target_kind::increment_at_most || !increment->threshold || !increment->base_year)
                continue;
            for (const target* cap : mine)
                if (cap->kind == target_kind::at_most && cap->threshold && cap->year == increment->year &&
                    cap->region == increment->region)
                    audit_increment_vs_level(ind, *increment, *cap);
        }
        for (const target* growth : mine)
            if (growth->kind == target_kind::annual_growth_at_most && growth->threshold && growth->base_year)
                audit_growth(ind, *growth, mine);
    }

    // A cap (floor) on the level and a change from the base, for the same year: one level, stated twice.
    void audit_level_vs_change(const indicator& ind, const target& level, const target& change) {
        const unit& u = level.threshold_unit;
        const written cap = as_written(u, *level.threshold);
        const double c = fraction_of(*change.threshold);
        const written pct = as_written(change.threshold_unit, *change.threshold);
        const std::string sign = c < 0 ? "−" : "+";
        const std::string pct_text = fmt::format("{}%", show(std::abs(pct.number), pct.decimals));
        const bool upper = is_upper_bound(level.cmp);
        const std::string bound_en = upper ? "cap" : "floor";
        const std::string bound_zh = upper ? "上限" : "下限";
        const plan_value* base = ind.base_for(*change.base_year);

        if (base == nullptr) {
            // Without a stated base, the two targets together say what the base must have been.
            audit_finding f = finding(audit_check::implied_base, audit_verdict::info, {&level, &change});
            f.base = times(*level.threshold, 1.0 / (1.0 + c));
            f.stated = level.threshold;
            const std::string implied = show_in(u, *f.base, cap.decimals + 2);
            f.message = {fmt::format("{} and {} imply a {} value of {} ({} {} ÷ (1 {} {})), which the plan does not state",
                                     level.id, change.id, *change.base_year, implied, show(cap.number, cap.decimals),
                                     u.spelling(), sign, pct_text),
                         fmt::format("{} 与 {} 隐含 {} 年的值为 {}（{} {} ÷（1 {} {}）），规划未给出该值", level.id,
                                     change.id, *change.base_year, implied, show(cap.number, cap.decimals),
                                     u.spelling(), sign, pct_text)};
            out_.push_back(std::move(f));
            return;
        }

        const any_quantity derived = times(base->value, 1.0 + c);
        const double derived_number = u.value_of(derived);
        const double implied_change = ratio(*level.threshold, base->value) - 1.0;
        audit_verdict verdict = audit_verdict::disagree;
        if (nearly_equal(derived_number, cap.number))
            verdict = audit_verdict::agree;
        else if (same_when_rounded(derived_number, cap.number, cap.decimals))
            verdict = audit_verdict::agree_rounded;

        audit_finding f = finding(audit_check::level_vs_change, verdict, {&level, &change});
        f.base = base->value;
        f.derived = derived;
        f.stated = level.threshold;
        f.reverse = share_of_fraction(implied_change);

        const std::string base_text = show_in(u, base->value, decimals_of(u.value_of(base->value)));
        const std::string derived_text = show_in(u, derived, cap.decimals + 2);
        const std::string cap_text = fmt::format("{} {}", show(cap.number, cap.decimals), u.spelling());
        const std::string implied_text = show(std::abs(implied_change) * 100.0, pct.decimals + 2);
        const std::string direction_en = implied_change < 0 ? "fall" : "rise";
        const std::string direction_zh = implied_change < 0 ? "降幅" : "增幅";
        const std::string formula = fmt::format("{} × (1 {} {}) = {}", base_text, sign, pct_text, derived_text);
        const std::string formula_zh = fmt::format("{} ×（1 {} {}）= {}", base_text, sign, pct_text, derived_text);
        const std::string derived_label = base->derived ? fmt::format(" (the {} base is derived)", base->year) : "";
        const std::string derived_label_zh = base->derived ? fmt::format("（{} 年基数为推算值）", base->year) : "";

        // At exactly the cap, does the change target still hold? If not, say so: a value at the
        // cap passes one target and fails the other.
        const bool cap_meets_change = holds_with_noise(implied_change, change.cmp, c);
        const std::string edge_en = cap_meets_change ? ""
                                                     : fmt::format("; a value exactly at the {} misses {}", bound_en, change.id);
        const std::string edge_zh = cap_meets_change ? "" : fmt::format("；恰好等于{}的值达不到 {}", bound_zh, change.id);

        switch (verdict) {
            case audit_verdict::agree:
                f.message = {fmt::format("{} and {} agree: {}, the {}{}", level.id, change.id, formula, bound_en, derived_label),
                             fmt::format("{} 与 {} 一致：{}，即{}{}", level.id, change.id, formula_zh, bound_zh, derived_label_zh)};
                break;
            case audit_verdict::agree_rounded:
                f.message = {fmt::format("{} and {} agree to the {}'s rounding: {} ≈ {} (the {} implies a {} of {}%{}){}",
                                         level.id, change.id, bound_en, formula, cap_text, bound_en, direction_en,
                                         implied_text, edge_en, derived_label),
                             fmt::format("{} 与 {} 在{}的舍入精度内一致：{} ≈ {}（按{}计算{}为 {}%{}）{}", level.id,
                                         change.id, bound_zh, formula_zh, cap_text, bound_zh, direction_zh, implied_text,
                                         edge_zh, derived_label_zh)};
                break;
            default:
                f.message = {fmt::format("{} and {} disagree: {}, but the {} is {} (the {} implies a {} of {}%){}",
                                         level.id, change.id, formula, bound_en, cap_text, bound_en, direction_en,
                                         implied_text, derived_label),
                             fmt::format("{} 与 {} 不一致：{}，但{}为 {}（按{}计算{}为 {}%）{}", level.id, change.id,
                                         formula_zh, bound_zh, cap_text, bound_zh, direction_zh, implied_text,
                                         derived_label_zh)};
                break;
        }
        out_.push_back(std::move(f));
    }

    // base + increment against the cap on the level, for the same year.
    void audit_increment_vs_level(const indicator& ind, const target& increment, const target& cap) {
        const unit& u = ind.declared_unit;
        const written cap_w = as_written(cap.threshold_unit, *cap.threshold);
        const written inc_w = as_written(u, *increment.threshold);
        const plan_value* base = ind.base_for(*increment.base_year);
        const std::string cap_as_written = fmt::format("{} {}", show(cap_w.number, cap_w.decimals), cap.threshold_unit.spelling());
        const std::string cap_text = cap.threshold_unit.same_as(u)
                                         ? cap_as_written
                                         : fmt::format("{} ({})", cap_as_written,
                                                       show_in(u, *cap.threshold, inc_w.decimals + 2));
        const std::string inc_text = show_in(u, *increment.threshold, inc_w.decimals);

        if (base == nullptr) {
            audit_finding f = finding(audit_check::implied_base, audit_verdict::info, {&increment, &cap});
            f.base = minus(*cap.threshold, *increment.threshold);
            f.stated = cap.threshold;
            const std::string implied = show_in(u, *f.base, inc_w.decimals + 2);
            f.message = {fmt::format("{} and {} imply a {} value of {} ({} − {}), which the plan does not state",
                                     increment.id, cap.id, *increment.base_year, implied, cap_text, inc_text),
                         fmt::format("{} 与 {} 隐含 {} 年的值为 {}（{} − {}），规划未给出该值", increment.id, cap.id,
                                     *increment.base_year, implied, cap_text, inc_text)};
            out_.push_back(std::move(f));
            return;
        }

        const any_quantity derived = plus(base->value, *increment.threshold);
        const double derived_number = cap.threshold_unit.value_of(derived);
        audit_verdict verdict = audit_verdict::disagree;
        if (nearly_equal(derived_number, cap_w.number))
            verdict = audit_verdict::agree;
        else if (same_when_rounded(derived_number, cap_w.number, cap_w.decimals))
            verdict = audit_verdict::agree_rounded;

        audit_finding f = finding(audit_check::increment_vs_level, verdict, {&increment, &cap});
        f.base = base->value;
        f.derived = derived;
        f.stated = cap.threshold;
        f.reverse = minus(*cap.threshold, base->value);

        const int decimals = std::max(inc_w.decimals, decimals_of(u.value_of(base->value))) + 2;
        const std::string formula = fmt::format("{} ({}) + {} = {}", show_in(u, base->value, decimals), base->year,
                                                inc_text, show_in(u, derived, decimals));
        const std::string derived_en = base->derived ? fmt::format("; the {} base is derived from the plan's numbers", base->year) : "";
        const std::string derived_zh = base->derived ? fmt::format("；{} 年基数由规划的数字推算", base->year) : "";
        switch (verdict) {
            case audit_verdict::agree:
                f.message = {fmt::format("{} and {} agree: {}, the cap {}{}", increment.id, cap.id, formula, cap_text, derived_en),
                             fmt::format("{} 与 {} 一致：{}，即上限 {}{}", increment.id, cap.id, formula, cap_text, derived_zh)};
                break;
            case audit_verdict::agree_rounded:
                f.message = {fmt::format("{} and {} agree to the cap's rounding: {} ≈ {}{}", increment.id, cap.id, formula,
                                         cap_text, derived_en),
                             fmt::format("{} 与 {} 在上限的舍入精度内一致：{} ≈ {}{}", increment.id, cap.id, formula,
                                         cap_text, derived_zh)};
                break;
            default:
                f.message = {fmt::format("{} and {} disagree: {}, but the cap is {} (the cap allows an increment of {}){}",
                                         increment.id, cap.id, formula, cap_text, show_in(u, *f.reverse, decimals), derived_en),
                             fmt::format("{} 与 {} 不一致：{}，但上限为 {}（按上限计算增量为 {}）{}", increment.id, cap.id,
                                         formula, cap_text, show_in(u, *f.reverse, decimals), derived_zh)};
                break;
        }
        out_.push_back(std::move(f));
    }

    // The yearly growth that an increment cap or a level cap allows, against a growth cap.
    void audit_growth(const indicator& ind, const target& growth, const std::vector<const target*>& mine) {
        const int base_year = *growth.base_year;
        const int years = growth.year - base_year;
        if (years <= 0) return;
        const plan_value* base = ind.base_for(base_year);
        if (base == nullptr) return;  // reported by missing_base (and implied_base, when there is one)
        const unit& u = ind.declared_unit;

        // The amounts that bound the level in the growth target's year: base + increment, and caps.
        struct bound {
            std::vector<const target*> by;
            any_quantity level;
        };
        std::vector<bound> bounds;
        const auto add = [&](const target* t, const any_quantity& level) {
            for (bound& b : bounds)
                if (same_when_rounded(u.value_of(b.level), u.value_of(level),
                                      decimals_of(u.value_of(level)) + 2)) {
                    b.by.push_back(t);
                    return;
                }
            bounds.push_back({{t}, level});
        };
        for (const target* t : mine) {
            if (t->year != growth.year || t->region != growth.region || !t->threshold) continue;
            if (t->kind == target_kind::increment_at_most && t->base_year == base_year)
                add(t, plus(base->value, *t->threshold));
            else if (t->kind == target_kind::at_most)
                add(t, *t->threshold);
        }

        const double stated = fraction_of(*growth.threshold);
        const written stated_w = as_written(growth.threshold_unit, *growth.threshold);
        const std::string stated_text = fmt::format("{} {}%", to_string(growth.cmp), show(stated_w.number, stated_w.decimals));
        const int base_decimals = decimals_of(u.value_of(base->value));
        const any_quantity level_at_stated = times(base->value, std::pow(1.0 + stated, years));
        const std::string base_text = show_in(u, base->value, base_decimals);
        const std::string derived_en = base->derived ? fmt::format(" (the {} base is derived)", base_year) : "";
        const std::string derived_zh = base->derived ? fmt::format("（{} 年基数为推算值）", base_year) : "";

        for (const bound& b : bounds) {
            const double allowed = std::pow(ratio(b.level, base->value), 1.0 / years) - 1.0;
            const bool ok = holds_with_noise(allowed, growth.cmp, stated);
            std::vector<const target*> ts = b.by;
            ts.push_back(&growth);
            audit_finding f = finding(audit_check::growth_vs_amount, ok ? audit_verdict::agree : audit_verdict::disagree, ts);
            f.base = base->value;
            f.derived = share_of_fraction(allowed);
            f.stated = growth.threshold;
            f.reverse = level_at_stated;

            const std::string allowed_text = fmt::format("{}%", show(allowed * 100.0, stated_w.decimals + 2));
            const target* inc = nullptr;
            const target* cap = nullptr;
            for (const target* t : b.by) {
                if (t->kind == target_kind::increment_at_most)
                    inc = t;
                else
                    cap = t;
            }
            std::string what_en;
            std::string what_zh;
            if (inc != nullptr) {
                const std::string inc_text = show_in(u, *inc->threshold, decimals_of(u.value_of(*inc->threshold)));
                const std::string to_cap = cap != nullptr ? fmt::format(", to the {} cap,", show_in(u, b.level, base_decimals + 2)) : "";
                const std::string to_cap_zh = cap != nullptr ? fmt::format("（即达到上限 {}）", show_in(u, b.level, base_decimals + 2)) : "";
                what_en = fmt::format("a {} increment over {} years from {}{}{} is {}/yr", inc_text, years, base_text,
                                      derived_en, to_cap, allowed_text);
                what_zh = fmt::format("从 {}{}起 {} 年增加 {}{}，年均增速为 {}", base_text, derived_zh, years, inc_text,
                                      to_cap_zh, allowed_text);
            } else {
                what_en = fmt::format("growing from {}{} to the {} cap over {} years is {}/yr", base_text, derived_en,
                                      show_in(u, b.level, base_decimals + 2), years, allowed_text);
                what_zh = fmt::format("从 {}{} 用 {} 年增长到上限 {}，年均增速为 {}", base_text, derived_zh, years,
                                      show_in(u, b.level, base_decimals + 2), allowed_text);
            }
            const std::string at_stated_en = fmt::format("at {}%/yr the {} level would be {}", show(stated_w.number, stated_w.decimals),
                                                         growth.year, show_in(u, level_at_stated, base_decimals + 1));
            const std::string at_stated_zh = fmt::format("按年均 {}% 计 {} 年为 {}", show(stated_w.number, stated_w.decimals),
                                                         growth.year, show_in(u, level_at_stated, base_decimals + 1));
            if (ok) {
                f.message = {fmt::format("{} agree: {}, within the stated {} ({})", names_en(ts), what_en, stated_text, at_stated_en),
                             fmt::format("{} 一致：{}，符合规定的 {}（{}）", names_zh(ts), what_zh, stated_text, at_stated_zh)};
            } else {
                const bool above = allowed > stated && !nearly_equal(allowed, stated);
                f.message = {fmt::format("{} disagree: {}, {} the stated {} ({})", names_en(ts), what_en,
                                         above ? "above" : "not below",
                                         stated_text, at_stated_en),
                             fmt::format("{} 不一致：{}，{}规定的 {}（{}）", names_zh(ts), what_zh, above ? "高于" : "未低于",
                                         stated_text, at_stated_zh)};
            }
            out_.push_back(std::move(f));
        }
    }

    void audit_missing_base(const target& t) {
        if (!needs_base_value(t.kind) || !t.base_year) return;
        const indicator& ind = p_.indicator_of(t);
        if (ind.base_for(*t.base_year) != nullptr) return;
        audit_finding f = finding(audit_check::missing_base, audit_verdict::info, {&t});
        f.message = {fmt::format("{} ({}) compares {} with {}, for which the plan states no value of {}: the statistics "
                                 "must include the {} value",
                                 t.id, to_string(t.kind), t.year, *t.base_year, ind.id, *t.base_year),
                     fmt::format("{}（{}）以 {} 年与 {} 年比较，规划未给出 {} 的 {} 年数值：统计数据须包含 {} 年的值", t.id,
                                 to_string(t.kind), t.year, *t.base_year, ind.id, *t.base_year, *t.base_year)};
        out_.push_back(std::move(f));
    }

    const plan& p_;
    std::vector<audit_finding> out_;
};

}  // namespace

std::string_view to_string(audit_check check) {
    switch (check) {
        case audit_check::level_vs_change: return "level_vs_change";
        case audit_check::increment_vs_level: return "increment_vs_level";
        case audit_check::growth_vs_amount: return "growth_vs_amount";
        case audit_check::implied_base: return "implied_base";
        case audit_check::missing_base: return "missing_base";
        case audit_check::unused_indicator: return "unused_indicator";
        case audit_check::empty_checklist: return "empty_checklist";
    }
    return "?";
}

std::string_view to_string(audit_verdict verdict) {
    switch (verdict) {
        case audit_verdict::agree: return "agree";
        case audit_verdict::agree_rounded: return "agree_rounded";
        case audit_verdict::disagree: return "disagree";
        case audit_verdict::info: return "info";
    }
    return "?";
}

bool needs_base_value(target_kind kind) {
    return kind == target_kind::change_vs_base || kind == target_kind::increment_at_most ||
           kind == target_kind::annual_growth_at_most || kind == target_kind::no_growth;
}

error audit_finding::to_error() const {
    error e = make_error(error_code::audit, message.en, message.zh, where);
    e.level = is_warning(*this) ? severity::warning : severity::note;
    return e;
}

std::vector<audit_finding> audit_findings(const plan& p) { return auditor(p).run(); }

std::vector<error> audit_plan(const plan& p) {
    std::vector<error> out;
    for (const audit_finding& f : audit_findings(p)) out.push_back(f.to_error());
    return out;
}

}  // namespace plancheck
