// Judging targets. Values enter and leave as typed quantities; inside, the arithmetic works on
// the canonical numbers of one kind at a time (the kind was checked when the rule loaded).

#include "plancheck/evaluate.hpp"

#include "evaluate/values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace plancheck {

namespace {

using share_quantity = units::quantity_of<quantity_kind::share>;

share_quantity percent(double fraction) { return share_quantity::from_value(fraction * 100.0); }
double fraction_of(const share_quantity& s) { return s.value() / 100.0; }

// Two results of decimal arithmetic that agree to 1 part in 10⁹ are the same number: binary
// floating point must not move a value that is exactly at a threshold (11 → 9.46 is exactly
// −14 %, computed as −13.999999999999998 %) to the wrong side of it.
bool same_number(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

// lhs (c) rhs, with numbers that are the same by same_number() counted as equal.
bool holds_at(double lhs, comparison c, double rhs) {
    const bool equal = same_number(lhs, rhs);
    switch (c) {
        case comparison::less_equal:
        case comparison::greater_equal: return equal || holds(lhs, c, rhs);
        case comparison::less:
        case comparison::greater: return !equal && holds(lhs, c, rhs);
    }
    return false;
}


// Everything one judgement needs, gathered once.
class judge {
public:
    judge(const plan& p, std::size_t target_index, const std::string& region, int year, const observation_set& data,
          const evaluation_options& opts)
        : p_(p), t_(p.targets[target_index]), ind_(p.indicator_of(t_)), data_(data), opts_(opts), values_(p, data) {
        r_.target_index = target_index;
        r_.region = region;
        r_.year = year;
        region_ = data.region_index(region);
        path_ = t_.path.value_or(opts.path);
        // Level kinds may still have a base for the path and attainment: the plan's base year.
        base_year_ = t_.base_year;
        if (!base_year_ && p.info.base_year < t_.year) base_year_ = p.info.base_year;
        if (t_.threshold) r_.target_value = *t_.threshold;
    }

    target_result run();

private:
    struct found {
        double value;  // canonical
        any_quantity quantity;
        std::int16_t price_base = 0;
    };

    // A value of the target's indicator: observed, or computed from other indicators as the
    // rule file declares; its inputs and steps go into the result.
    std::optional<found> value_at(int year, const std::string& role) {
        if (!region_) return std::nullopt;
        auto v = values_.level(*region_, t_.indicator_index, year);
        if (!v) return std::nullopt;
        for (input_value& in : v->inputs) {
            in.role = v->derived ? fmt::format("{} · {}", role, in.role) : role;
            r_.inputs.push_back(std::move(in));
        }
        r_.steps.insert(r_.steps.end(), v->steps.begin(), v->steps.end());
        return found{v->value.canonical_value(), v->value, v->price_base};
    }

    std::optional<found> actual_at(int year, const std::string& role) { return value_at(year, role); }

    // The base value: the user's data first, else the plan's stated value (and say which).
    std::optional<found> base_at(int year) {
        if (auto v = value_at(year, "base")) {
            r_.basis = base_source::data;
            return v;
        }
        if (r_.region == p_.info.region.zh) {
            if (const plan_value* b = ind_.base_for(year)) {
                r_.inputs.push_back({"base", year, b->value, std::nullopt, true});
                r_.basis = base_source::plan;
                return found{b->value.canonical_value(), b->value, b->price_base};
            }
        }
        return std::nullopt;
    }

    // Values on different constant-price bases are never compared (docs/derived.md).
    std::optional<target_result> price_bases_differ(const found& a, int year_a, const found& b, int year_b) {
        if (a.price_base == 0 || b.price_base == 0) {
            if (a.price_base != b.price_base)
                note({fmt::format("the {} value is at {} constant prices; the {} value's price base is not given, so "
                                  "check that both use the same",
                                  a.price_base != 0 ? year_a : year_b, a.price_base != 0 ? a.price_base : b.price_base,
                                  a.price_base != 0 ? year_b : year_a),
                      fmt::format("{} 年数值按 {} 年不变价；{} 年数值未给出价格基年，请确认两者一致",
                                  a.price_base != 0 ? year_a : year_b, a.price_base != 0 ? a.price_base : b.price_base,
                                  a.price_base != 0 ? year_b : year_a)});
            return std::nullopt;
        }
        if (a.price_base == b.price_base) return std::nullopt;
        return not_evaluable(
            fmt::format("the {} value is at {} constant prices and the {} value at {} prices: values on different price "
                        "bases are not comparable",
                        year_a, a.price_base, year_b, b.price_base),
            fmt::format("{} 年数值按 {} 年不变价，{} 年数值按 {} 年不变价：价格基期不同的数值不可比较", year_a,
                        a.price_base, year_b, b.price_base));
    }

    void note(localized_text text) {
        if (!r_.reason.en.empty()) {
            r_.reason.en += "; " + text.en;
            r_.reason.zh += "；" + text.zh;
        } else {
            r_.reason = std::move(text);
        }
    }

    any_quantity level(double canonical) const { return any_quantity::from_canonical(ind_.kind(), canonical); }

    target_result no_data(std::string en, std::string zh) {
        r_.verdict = status::no_data;
        r_.reason = {std::move(en), std::move(zh)};
        return r_;
    }
    target_result not_evaluable(std::string en, std::string zh) {
        r_.verdict = status::not_evaluable;
        r_.reason = {std::move(en), std::move(zh)};
        return r_;
    }
    target_result missing_value(int year) {
        return no_data(fmt::format("no value of {} for {} in {}", ind_.id, r_.region, year),
                       fmt::format("缺少{} {} 年{}的数值", r_.region, year, ind_.name.zh));
    }
    target_result missing_base(int year) {
        return no_data(fmt::format("needs the {} value of {} (base year), which neither the data nor the plan gives",
                                   year, ind_.id),
                       fmt::format("需要基年 {} 年{}的数值，数据和规划中均未提供", year, ind_.name.zh));
    }

    // A number of the measure's kind in the unit the target is written in.
    std::string show_measure(quantity_kind kind, double canonical) const {
        const unit u = t_.threshold_unit.kind() == kind ? t_.threshold_unit
                       : ind_.kind() == kind            ? ind_.declared_unit
                                                        : unit::canonical(kind);
        const double shown = u.value_of(any_quantity::from_canonical(kind, canonical));
        return u.spelling() == "%" ? fmt::format("{}%", format_number(shown, 8))
                                   : fmt::format("{} {}", format_number(shown, 8), u.spelling());
    }

    // The threshold adjusted by the tolerance of an approximate (左右) target, in the lenient
    // direction.
    double lenient(double required) const {
        if (!t_.approximate) return required;
        const double slack = fraction_of(opts_.tolerance) * std::abs(required);
        return is_upper_bound(t_.cmp) ? required + slack : required - slack;
    }

    // Sets verdict, gap and grade from the measure and what it had to reach.
    target_result decide(double actual, double required, quantity_kind measure_kind) {
        // Inputs are range-checked when read, so this holds; should a figure still overflow, it
        // is not judged at all: an infinite change would "meet" any cut.
        if (!std::isfinite(actual) || !std::isfinite(required))
            return not_evaluable("the figure computed for this target is not a finite number",
                                 "为此目标计算出的数值不是有限数");
        r_.actual = any_quantity::from_canonical(measure_kind, actual);
        r_.required = any_quantity::from_canonical(measure_kind, required);
        r_.gap = any_quantity::from_canonical(measure_kind, actual - required);
        const bool ok = holds_at(actual, t_.cmp, lenient(required));
        r_.verdict = r_.interim ? (ok ? status::on_track : status::behind) : (ok ? status::met : status::not_met);
        const std::string tolerance = t_.approximate ? fmt::format(" (±{}% for 左右: {})", format_number(opts_.tolerance.value()),
                                                                  show_measure(measure_kind, lenient(required)))
                                                     : "";
        r_.steps.push_back({fmt::format("{} {} {} {}{}: {}", r_.interim ? "expected by now" : "required",
                                        show_measure(measure_kind, actual), to_string(t_.cmp),
                                        show_measure(measure_kind, required), tolerance, to_string(r_.verdict)),
                            fmt::format("{}：{} {} {}{}：{}", r_.interim ? "阶段要求" : "目标要求",
                                        show_measure(measure_kind, actual), to_string(t_.cmp),
                                        show_measure(measure_kind, required), tolerance,
                                        status_label(r_.verdict, language::zh))});
        if (ok) {
            r_.warning = grade::green;
        } else {
            const double shortfall = std::abs(actual - required);
            const double band = fraction_of(opts_.yellow_band) * std::abs(required);
            r_.warning = shortfall <= band || same_number(shortfall, band) ? grade::yellow : grade::red;
        }
        if (ok && t_.approximate && !holds_at(actual, t_.cmp, required))
            r_.reason = {fmt::format("within the {}% tolerance of an approximate (左右) target",
                                     format_number(opts_.tolerance.value())),
                         fmt::format("在约数（左右）目标 {}% 的容差之内", format_number(opts_.tolerance.value()))};
        return r_;
    }

    // Progress from the base towards the threshold. A cap above the base (growth allowed) is an
    // allowance, and its figure is the share used, not a completion.
    void set_level_attainment(double actual, double base, double threshold) {
        if (threshold == base) return;
        r_.attainment = percent((actual - base) / (threshold - base));
        const bool allowance = is_upper_bound(t_.cmp) ? threshold > base : threshold < base;
        r_.attainment_is = allowance ? attainment_meaning::allowance_used : attainment_meaning::completion;
    }

    // Share of the period from base year to target year that has elapsed by `year`.
    std::optional<double> progress(int year, int target_year) {
        if (!base_year_ || target_year <= *base_year_) return std::nullopt;
        const double k = year - *base_year_;
        const double n = target_year - *base_year_;
        const double f = std::min(1.0, k / n);
        r_.time_progress = percent(f);
        return f;
    }

    target_result level_kind();
    target_result change_kind();
    target_result increment_kind();
    target_result growth_kind();
    target_result no_growth_kind();
    target_result cumulative_kind();

    const plan& p_;
    const target& t_;
    const indicator& ind_;
    const observation_set& data_;
    const evaluation_options& opts_;
    detail::value_source values_;
    std::optional<std::uint32_t> region_;
    std::optional<int> base_year_;
    progress_path path_;
    target_result r_;
};

target_result judge::run() {
    const int y = r_.year;
    r_.interim = y < t_.year;
    if (base_year_ && y <= *base_year_)
        return not_evaluable(fmt::format("{} is not after the base year {}", y, *base_year_),
                             fmt::format("{} 年不晚于基年 {} 年", y, *base_year_));
    switch (t_.kind) {
        case target_kind::at_most:
        case target_kind::at_least:
        case target_kind::deadline: return level_kind();
        case target_kind::change_vs_base: return change_kind();
        case target_kind::increment_at_most: return increment_kind();
        case target_kind::annual_growth_at_most: return growth_kind();
        case target_kind::no_growth: return no_growth_kind();
        case target_kind::cumulative_at_least: return cumulative_kind();
    }
    return not_evaluable("unknown kind", "未知类型");
}

target_result judge::level_kind() {
    const int y = r_.year;
    const double threshold = t_.threshold->canonical_value();
    const auto v = actual_at(y, "actual");
    if (!v) return missing_value(y);

    if (!r_.interim) {
        progress(y, t_.year);
        // From the target (or deadline) year on, the condition must hold every year with data.
        for (int year = t_.year; year < y; ++year) {
            if (!region_) break;
            const observation* o = data_.find(*region_, t_.indicator_index, year);
            if (o == nullptr) continue;
            if (!holds_at(o->value.canonical_value(), t_.cmp, lenient(threshold))) {
                r_.inputs.push_back({"actual", year, o->value, data_.resolve(o->where), false});
                decide(v->value, threshold, ind_.kind());
                r_.verdict = status::not_met;
                r_.warning = grade::red;
                r_.reason = {fmt::format("the condition did not hold in {} (required from {} on)", year, t_.year),
                             fmt::format("{} 年未满足条件（自 {} 年起须满足）", year, t_.year)};
                return r_;
            }
        }
        decide(v->value, threshold, ind_.kind());
        if (base_year_) {
            if (const auto b = base_at(*base_year_)) set_level_attainment(v->value, b->value, threshold);
        }
        return r_;
    }

    const auto f = progress(y, t_.year);
    const auto b = base_year_ ? base_at(*base_year_) : std::nullopt;
    if (!f || !b) {
        if (holds_at(v->value, t_.cmp, lenient(threshold))) {
            decide(v->value, threshold, ind_.kind());
            r_.reason = {"already at the final target; no base value to draw the interim path",
                         "已达到最终目标；无基年数值，无法绘制阶段进度路径"};
            return r_;
        }
        return base_year_ ? missing_base(*base_year_)
                          : no_data("an interim year needs a base value to draw the path, and this target has none",
                                    "阶段年份需要基年数值以绘制进度路径，而该目标没有基年");
    }
    if (auto refused = price_bases_differ(*v, y, *b, *base_year_)) return *refused;
    double expected = b->value + (threshold - b->value) * *f;
    if (path_ == progress_path::compound && b->value > 0 && threshold > 0)
        expected = b->value * std::pow(threshold / b->value, *f);
    decide(v->value, expected, ind_.kind());
    set_level_attainment(v->value, b->value, threshold);
    return r_;
}

target_result judge::change_kind() {
    const int y = r_.year;
    const int base_year = *t_.base_year;
    const auto v = actual_at(y, "actual");
    const auto b = v ? base_at(base_year) : std::nullopt;
    double change = 0;
    if (v && b) {
        if (auto refused = price_bases_differ(*v, y, *b, base_year)) return *refused;
        if (b->value == 0)
            return not_evaluable("the base value is zero, so a relative change is undefined", "基数为零，相对变化无定义");
        change = (v->value - b->value) / b->value;
        r_.steps.push_back({fmt::format("change {}→{} = ({} − {}) ÷ {} = {}%", base_year, y,
                                        format_number(v->value, 8), format_number(b->value, 8),
                                        format_number(b->value, 8), format_number(change * 100.0, 8)),
                            fmt::format("{}→{} 年变化 = ({} − {}) ÷ {} = {}%", base_year, y, format_number(v->value, 8),
                                        format_number(b->value, 8), format_number(b->value, 8),
                                        format_number(change * 100.0, 8))});
    } else {
        // No level in one of the years: the product of the yearly changes, from growth rates.
        const auto g = region_ ? values_.change_from_growth(*region_, t_.indicator_index, base_year, y) : std::nullopt;
        if (!g) return v ? missing_base(base_year) : missing_value(y);
        r_.inputs = g->inputs;
        r_.steps = g->steps;
        r_.basis = base_source::data;
        change = g->value.canonical_value() / 100.0;
    }
    const double target_change = fraction_of(*t_.threshold->get_if<quantity_kind::share>());
    const auto f = progress(y, t_.year);
    double required = target_change;
    if (r_.interim) {
        required = path_ == progress_path::compound ? std::pow(1.0 + target_change, *f) - 1.0 : target_change * *f;
    }
    // In the target year the threshold itself, not its round trip through a fraction.
    decide(change * 100.0, r_.interim ? required * 100.0 : t_.threshold->canonical_value(), quantity_kind::share);
    if (target_change != 0) r_.attainment = percent(change / target_change);
    return r_;
}

target_result judge::increment_kind() {
    const int y = r_.year;
    const auto v = actual_at(y, "actual");
    if (!v) return missing_value(y);
    const auto b = base_at(*t_.base_year);
    if (!b) return missing_base(*t_.base_year);
    const double allowance = t_.threshold->canonical_value();
    const double increment = v->value - b->value;
    const auto f = progress(y, t_.year);
    double required = allowance;
    if (r_.interim) {
        required = allowance * *f;
        if (path_ == progress_path::compound && b->value > 0 && b->value + allowance > 0)
            required = b->value * std::pow((b->value + allowance) / b->value, *f) - b->value;
    }
    decide(increment, required, ind_.kind());
    if (allowance != 0) {
        r_.attainment = percent(increment / allowance);
        r_.attainment_is = attainment_meaning::allowance_used;
    }
    return r_;
}

target_result judge::growth_kind() {
    const int y = r_.year;
    const auto v = actual_at(y, "actual");
    if (!v) return missing_value(y);
    const auto b = base_at(*t_.base_year);
    if (!b) return missing_base(*t_.base_year);
    if (b->value <= 0 || v->value <= 0)
        return not_evaluable("a growth rate needs positive values in both years", "增速要求两年的数值均为正");
    progress(y, t_.year);
    const double years = y - *t_.base_year;
    const double rate = std::pow(v->value / b->value, 1.0 / years) - 1.0;
    decide(rate * 100.0, t_.threshold->canonical_value(), quantity_kind::share);
    r_.attainment_note = {"a cap on the growth rate has no completion rate", "增速上限没有完成率"};
    return r_;
}

target_result judge::no_growth_kind() {
    const int y = r_.year;
    const auto v = actual_at(y, "actual");
    if (!v) return missing_value(y);
    const auto b = base_at(*t_.base_year);
    if (!b) return missing_base(*t_.base_year);
    progress(y, t_.year);
    decide(v->value, b->value, ind_.kind());
    r_.attainment_note = {"zero growth has no completion rate", "零增长目标没有完成率"};
    return r_;
}

target_result judge::cumulative_kind() {
    // The sum runs over base+1 … the year judged, and stops at the target year.
    const int y = std::min(r_.year, t_.year);
    double sum = 0;
    std::vector<int> missing;
    for (int year = *t_.base_year + 1; year <= y; ++year) {
        const auto v = actual_at(year, fmt::format("year {}", year));
        if (v)
            sum += v->value;
        else
            missing.push_back(year);
    }
    if (!missing.empty())
        return no_data(fmt::format("the sum over {}–{} needs every year; missing: {}", *t_.base_year + 1, y,
                                   fmt::join(missing, ", ")),
                       fmt::format("{}–{} 年的累计需要每一年的数值；缺少：{}", *t_.base_year + 1, y,
                                   fmt::join(missing, "、")));
    const double total = t_.threshold->canonical_value();
    const auto f = progress(y, t_.year);
    // A sum grows by its yearly amounts: its path is linear whatever the run's default.
    const double required = r_.interim ? total * *f : total;
    decide(sum, required, ind_.kind());
    if (total != 0) r_.attainment = percent(sum / total);
    return r_;
}

}  // namespace

std::string_view to_string(status s) {
    switch (s) {
        case status::met: return "met";
        case status::not_met: return "not met";
        case status::on_track: return "on track";
        case status::behind: return "behind";
        case status::no_data: return "no data";
        case status::not_evaluable: return "not evaluable";
    }
    return "?";
}

std::string_view status_label(status s, language lang) {
    if (lang == language::en) return to_string(s);
    switch (s) {
        case status::met: return "达标";
        case status::not_met: return "未达标";
        case status::on_track: return "进度正常";
        case status::behind: return "进度滞后";
        case status::no_data: return "无数据";
        case status::not_evaluable: return "无法评价";
    }
    return "?";
}

std::string_view to_string(grade g) {
    switch (g) {
        case grade::none: return "none";
        case grade::green: return "green";
        case grade::yellow: return "yellow";
        case grade::red: return "red";
    }
    return "?";
}

std::string_view grade_label(grade g, language lang) {
    if (lang == language::en) return g == grade::none ? "" : to_string(g);
    switch (g) {
        case grade::none: return "";
        case grade::green: return "绿灯";
        case grade::yellow: return "黄灯";
        case grade::red: return "红灯";
    }
    return "";
}

std::string_view to_string(attainment_meaning m) {
    return m == attainment_meaning::completion ? "completion" : "allowance_used";
}

std::string_view to_string(base_source b) {
    switch (b) {
        case base_source::none: return "none";
        case base_source::data: return "data";
        case base_source::plan: return "plan";
    }
    return "?";
}

std::optional<units::quantity_of<quantity_kind::share>> tally::compliance() const {
    if (evaluated == 0) return std::nullopt;
    return percent(static_cast<double>(met) / static_cast<double>(evaluated));
}

std::optional<units::quantity_of<quantity_kind::share>> tally::coverage() const {
    if (results == 0) return std::nullopt;
    return percent(static_cast<double>(judged()) / static_cast<double>(results));
}

target_result evaluate_target(const plan& p, std::size_t target_index, const std::string& region, int year,
                              const observation_set& data, const evaluation_options& opts) {
    target_result r = judge(p, target_index, region, year, data, opts).run();
    // An attainment is a finite figure or none: never inf, NaN, or -9223372036854775808% when printed.
    if (r.attainment && !std::isfinite(r.attainment->value())) {
        r.attainment.reset();
        r.attainment_note = {"the completion rate is not a finite number", "完成率不是有限数"};
    }
    return r;
}

void add_to_summary(compliance_summary& s, const std::string& region, bool binding, status verdict, grade warning,
                    bool require_all) {
    grade& worst = s.region_grade[region];
    worst = std::max(worst, warning);
    for (tally* t : {&s.all, binding ? &s.binding : &s.expected, &s.by_region[region]}) {
        ++t->results;
        if (verdict == status::no_data) ++t->no_data;
        if (verdict == status::not_evaluable) ++t->not_evaluable;
        if (is_evaluated(verdict) || require_all) ++t->evaluated;
        if (counts_as_met(verdict)) ++t->met;
        if (verdict == status::not_met || verdict == status::behind) ++t->not_met;
    }
}

compliance_summary summarize(const plan& p, const std::vector<target_result>& latest, bool require_all) {
    compliance_summary s;
    for (const target_result& r : latest)
        add_to_summary(s, r.region, p.targets[r.target_index].binding, r.verdict, r.warning, require_all);
    return s;
}

evaluation evaluate(const plan& p, const observation_set& data, const evaluation_options& opts) {
    evaluation ev;
    ev.options = opts;
    const std::vector<int> data_years = data.years();
    const int latest = opts.year ? *opts.year : (data_years.empty() ? p.info.target_year : data_years.back());

    // A target_result holds Boost.Units quantities, whose moves may throw: a growing vector
    // would copy every result, so room is made first (one result per target unless every year).
    ev.results.reserve(p.targets.size());
    // The latest result of each target, by index into ev.results.
    std::vector<std::size_t> last_results;
    last_results.reserve(p.targets.size());
    std::set<int> judged;
    for (std::size_t i = 0; i < p.targets.size(); ++i) {
        const target& t = p.targets[i];
        if (opts.region && t.region != *opts.region) continue;
        // The years to judge: the one asked for, or (for a trajectory) every year after the base
        // year that holds this target's data, and always the latest year.
        std::set<int> years{latest};
        if (opts.every_year && !opts.year) {
            const int base = t.base_year.value_or(p.info.base_year);
            if (const auto region = data.region_index(t.region))
                for (const int y : data.years_of(*region, t.indicator_index))
                    if (y > base && y < latest) years.insert(y);
        }
        for (const int y : years) {
            ev.results.push_back(evaluate_target(p, i, t.region, y, data, opts));
            judged.insert(y);
        }
        last_results.push_back(ev.results.size() - 1);
    }
    ev.years.assign(judged.begin(), judged.end());
    if (last_results.size() == ev.results.size()) {
        ev.summary = summarize(p, ev.results, opts.require_all);
    } else {
        std::vector<target_result> latest_only;
        latest_only.reserve(last_results.size());
        for (const std::size_t k : last_results) latest_only.push_back(ev.results[k]);
        ev.summary = summarize(p, latest_only, opts.require_all);
    }
    return ev;
}

}  // namespace plancheck
