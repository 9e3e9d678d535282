#include "evaluate/values.hpp"

#include <fmt/format.h>

#include <cmath>

#include "plancheck/unit.hpp"

namespace plancheck::detail {

namespace {

// Derivations may chain (a task completion over savings over intensities over ratios); the
// loader refuses cycles, and this bounds the depth all the same.
constexpr int max_depth = 8;

std::string show(const indicator& ind, const any_quantity& q) {
    const unit u = q.kind() == ind.kind() ? ind.declared_unit : unit::canonical(q.kind());
    return fmt::format("{} {}", format_number(u.value_of(q), 6), u.spelling());
}

std::string show_share(double fraction) { return fmt::format("{}%", format_number(fraction * 100.0, 6)); }

void append(sourced_value& into, const sourced_value& from) {
    into.inputs.insert(into.inputs.end(), from.inputs.begin(), from.inputs.end());
    into.steps.insert(into.steps.end(), from.steps.begin(), from.steps.end());
}

const indicator* growth_indicator_of(const plan& p, std::size_t of, std::size_t* found) {
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const auto& d = p.indicators[i].derived;
        if (d && d->how == derivation::method::growth_of && d->inputs[0] == of) {
            *found = i;
            return &p.indicators[i];
        }
    }
    return nullptr;
}

}  // namespace

std::int16_t value_source::price_base_of(const observation& o, std::size_t index) const {
    return o.price_base != 0 ? o.price_base : p_.indicators[index].price_base;
}

std::optional<sourced_value> value_source::observed(std::uint32_t region, std::size_t index, int year) const {
    const observation* o = data_.find(region, index, year);
    if (o == nullptr) return std::nullopt;
    sourced_value v;
    v.value = o->value;
    v.price_base = price_base_of(*o, index);
    v.inputs.push_back({p_.indicators[index].id, year, o->value, data_.resolve(o->where), false});
    return v;
}

std::optional<sourced_value> value_source::level(std::uint32_t region, std::size_t index, int year) const {
    return level_at_depth(region, index, year, 0);
}

std::optional<sourced_value> value_source::level_at_depth(std::uint32_t region, std::size_t index, int year,
                                                         int depth) const {
    if (auto v = observed(region, index, year)) return v;
    if (depth >= max_depth || !p_.indicators[index].derived) return std::nullopt;
    return derive(region, index, year, depth + 1);
}

std::optional<sourced_value> value_source::sum_over(std::uint32_t region, std::size_t index, int first, int last,
                                                    int depth) const {
    sourced_value total;
    total.value = any_quantity::from_canonical(p_.indicators[index].kind(), 0);
    double sum = 0;
    for (int k = first; k <= last; ++k) {
        auto v = level_at_depth(region, index, k, depth);
        if (!v) return std::nullopt;
        sum += v->value.canonical_value();
        append(total, *v);
    }
    total.value = any_quantity::from_canonical(p_.indicators[index].kind(), sum);
    total.derived = true;
    return total;
}

std::optional<sourced_value> value_source::derive(std::uint32_t region, std::size_t index, int year,
                                                  int depth) const {
    const indicator& ind = p_.indicators[index];
    const derivation& d = *ind.derived;
    const auto& in = d.inputs;
    sourced_value out;
    out.derived = true;
    switch (d.how) {
        case derivation::method::ratio: {
            const auto num = level_at_depth(region, in[0], year, depth);
            const auto den = level_at_depth(region, in[1], year, depth);
            if (!num || !den) return std::nullopt;
            const auto q = divide(num->value, den->value);
            if (!q) return std::nullopt;
            append(out, *num);
            append(out, *den);
            out.value = *q;
            out.price_base = den->price_base != 0 ? den->price_base : num->price_base;
            const indicator& n = p_.indicators[in[0]];
            const indicator& dn = p_.indicators[in[1]];
            out.steps.push_back({fmt::format("{} {} = {} ÷ {} = {} ÷ {} = {}", ind.id, year, n.id, dn.id,
                                             show(n, num->value), show(dn, den->value), show(ind, out.value)),
                                 fmt::format("{} {} 年 = {} ÷ {} = {} ÷ {} = {}", ind.name.zh, year, n.name.zh,
                                             dn.name.zh, show(n, num->value), show(dn, den->value), show(ind, out.value))});
            return out;
        }
        case derivation::method::growth_of: {
            const auto now = level_at_depth(region, in[0], year, depth);
            const auto before = level_at_depth(region, in[0], year - 1, depth);
            if (!now || !before || before->value.canonical_value() == 0) return std::nullopt;
            const double g = now->value.canonical_value() / before->value.canonical_value() - 1.0;
            append(out, *before);
            append(out, *now);
            out.value = any_quantity::from_canonical(quantity_kind::share, g * 100.0);
            const indicator& of = p_.indicators[in[0]];
            out.steps.push_back({fmt::format("{} {} = {} {} ÷ {} {} − 1 = {}", ind.id, year, of.id, year, of.id, year - 1,
                                             show_share(g)),
                                 fmt::format("{} {} 年 = {} 年{} ÷ {} 年{} − 1 = {}", ind.name.zh, year, year, of.name.zh,
                                             year - 1, of.name.zh, show_share(g))});
            return out;
        }
        case derivation::method::saving_chain:
        case derivation::method::saving_fixed_base: {
            const bool chain = d.how == derivation::method::saving_chain;
            const int from = chain ? year - 1 : p_.info.base_year;
            if (year <= from) return std::nullopt;
            const auto before = level_at_depth(region, in[0], from, depth);
            const auto now = level_at_depth(region, in[0], year, depth);
            const auto output = level_at_depth(region, in[1], year, depth);
            if (!before || !now || !output) return std::nullopt;
            if (before->price_base != 0 && now->price_base != 0 && before->price_base != now->price_base)
                return std::nullopt;
            const auto drop = any_quantity::from_canonical(now->value.kind(),
                                                           before->value.canonical_value() - now->value.canonical_value());
            const auto saved = multiply(drop, output->value);
            if (!saved) return std::nullopt;
            append(out, *before);
            append(out, *now);
            append(out, *output);
            out.value = *saved;
            const indicator& i = p_.indicators[in[0]];
            const indicator& o = p_.indicators[in[1]];
            out.steps.push_back(
                {fmt::format("{} {} ({}, GB/T 13234) = ({} {} − {} {}) × {} {} = ({} − {}) × {} = {}", ind.id, year,
                             chain ? "chain method" : "fixed base", i.id, from, i.id, year, o.id, year,
                             show(i, before->value), show(i, now->value), show(o, output->value), show(ind, out.value)),
                 fmt::format("{} {} 年（{}，GB/T 13234）= ({} 年{} − {} 年{}) × {} 年{} = ({} − {}) × {} = {}", ind.name.zh,
                             year, chain ? "环比法" : "定基法", from, i.name.zh, year, i.name.zh, year, o.name.zh,
                             show(i, before->value), show(i, now->value), show(o, output->value), show(ind, out.value))});
            return out;
        }
        case derivation::method::task_completion: {
            const target* task = p_.find_target(d.target_id);
            if (task == nullptr || !task->base_year || year <= *task->base_year) return std::nullopt;
            const int base = *task->base_year;
            auto intensity = level_at_depth(region, in[0], base, depth);
            sourced_value plan_base;
            if (!intensity && data_.regions()[region] == p_.info.region.zh && p_.indicators[in[0]].base_for(base) != nullptr) {
                const plan_value* b = p_.indicators[in[0]].base_for(base);
                plan_base.value = b->value;
                plan_base.price_base = b->price_base;
                plan_base.inputs.push_back({p_.indicators[in[0]].id, base, b->value, std::nullopt, true});
                intensity = plan_base;
            }
            const auto output = level_at_depth(region, in[1], year, depth);
            if (!intensity || !output) return std::nullopt;
            const double required_change = std::abs(task->threshold->canonical_value() / 100.0);
            const auto drop = any_quantity::from_canonical(intensity->value.kind(),
                                                           intensity->value.canonical_value() * required_change);
            const auto task_amount = multiply(drop, output->value);
            if (!task_amount || task_amount->canonical_value() == 0) return std::nullopt;
            append(out, *intensity);
            append(out, *output);
            double saved = 0;
            std::string parts;
            for (std::size_t i = 2; i < in.size(); ++i) {
                const auto s = sum_over(region, in[i], base + 1, year, depth);
                if (!s) return std::nullopt;
                append(out, *s);
                saved += s->value.canonical_value();
                parts += fmt::format("{}{} {}", parts.empty() ? "" : " + ", p_.indicators[in[i]].id, show(p_.indicators[in[i]], s->value));
            }
            const double completion = saved / task_amount->canonical_value();
            out.value = any_quantity::from_canonical(quantity_kind::share, completion * 100.0);
            const indicator& i0 = p_.indicators[in[0]];
            const indicator& o = p_.indicators[in[1]];
            const indicator& saving_kind = p_.indicators[in[2]];
            out.steps.push_back(
                {fmt::format("saving task {} = {} {} × {} (target {}) × {} {} = {}", year, i0.id, base,
                             show_share(required_change), task->id, o.id, year, show(saving_kind, *task_amount)),
                 fmt::format("{} 年节能任务 = {} 年{} × {}（目标 {}）× {} 年{} = {}", year, base, i0.name.zh,
                             show_share(required_change), task->id, year, o.name.zh, show(saving_kind, *task_amount))});
            out.steps.push_back({fmt::format("{} {} = ({}) ÷ task = {}", ind.id, year, parts, show_share(completion)),
                                 fmt::format("{} {} 年 = ({}) ÷ 节能任务 = {}", ind.name.zh, year, parts, show_share(completion))});
            return out;
        }
    }
    return std::nullopt;
}

std::optional<sourced_value> value_source::growth(std::uint32_t region, std::size_t index, int year,
                                                  int depth) const {
    if (depth >= max_depth) return std::nullopt;
    // A reported growth rate of the index.
    std::size_t g_index = 0;
    if (growth_indicator_of(p_, index, &g_index) != nullptr)
        if (auto g = observed(region, g_index, year)) return g;
    // Its two levels.
    const auto now = level_at_depth(region, index, year, depth);
    const auto before = level_at_depth(region, index, year - 1, depth);
    if (now && before && before->value.canonical_value() != 0) {
        sourced_value out;
        append(out, *before);
        append(out, *now);
        out.derived = true;
        out.value = any_quantity::from_canonical(
            quantity_kind::share, (now->value.canonical_value() / before->value.canonical_value() - 1.0) * 100.0);
        return out;
    }
    // For a ratio, the growth rates of its parts.
    const auto& d = p_.indicators[index].derived;
    if (d && d->how == derivation::method::ratio) {
        const auto gn = growth(region, d->inputs[0], year, depth + 1);
        const auto gd = growth(region, d->inputs[1], year, depth + 1);
        if (!gn || !gd) return std::nullopt;
        const double n = gn->value.canonical_value() / 100.0;
        const double dd = gd->value.canonical_value() / 100.0;
        if (1.0 + dd == 0) return std::nullopt;
        const double g = (1.0 + n) / (1.0 + dd) - 1.0;
        sourced_value out;
        append(out, *gn);
        append(out, *gd);
        out.derived = true;
        out.value = any_quantity::from_canonical(quantity_kind::share, g * 100.0);
        const indicator& ind = p_.indicators[index];
        out.steps.push_back({fmt::format("change of {} in {} = (1 + {}) ÷ (1 + {}) − 1 = {}", ind.id, year,
                                         show_share(n), show_share(dd), show_share(g)),
                             fmt::format("{} 年{}变化 = (1 + {}) ÷ (1 + {}) − 1 = {}", year, ind.name.zh, show_share(n),
                                         show_share(dd), show_share(g))});
        return out;
    }
    return std::nullopt;
}

std::optional<sourced_value> value_source::change_from_growth(std::uint32_t region, std::size_t index, int from,
                                                              int to) const {
    if (to <= from) return std::nullopt;
    sourced_value out;
    out.derived = true;
    double product = 1.0;
    std::string factors;
    for (int k = from + 1; k <= to; ++k) {
        const auto g = growth(region, index, k, 0);
        if (!g) return std::nullopt;
        append(out, *g);
        const double rate = g->value.canonical_value() / 100.0;
        product *= 1.0 + rate;
        factors += fmt::format("{}(1 {} {})", factors.empty() ? "" : " × ", rate < 0 ? "−" : "+", show_share(std::abs(rate)));
    }
    out.value = any_quantity::from_canonical(quantity_kind::share, (product - 1.0) * 100.0);
    const indicator& ind = p_.indicators[index];
    out.steps.push_back({fmt::format("change of {} {}→{} = {} − 1 = {}", ind.id, from, to, factors, show_share(product - 1.0)),
                         fmt::format("{} {}→{} 年累计变化 = {} − 1 = {}", ind.name.zh, from, to, factors,
                                     show_share(product - 1.0))});
    return out;
}

diagnostics derivation_disagreements(const plan& p, const observation_set& data, double tolerance) {
    diagnostics out;
    const value_source values(p, data);
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const indicator& ind = p.indicators[i];
        if (!ind.derived || ind.derived->how != derivation::method::ratio) continue;
        for (std::uint32_t r = 0; r < data.regions().size(); ++r) {
            for (const int year : data.years_of(r, i)) {
                const observation* reported = data.find(r, i, year);
                const auto num = values.level(r, ind.derived->inputs[0], year);
                const auto den = values.level(r, ind.derived->inputs[1], year);
                if (reported == nullptr || !num || !den) continue;
                const auto computed = divide(num->value, den->value);
                if (!computed) continue;
                const double a = reported->value.canonical_value();
                const double b = computed->canonical_value();
                if (std::abs(a - b) <= tolerance * std::max(std::abs(a), std::abs(b))) continue;
                std::string components;
                for (const input_value& v : num->inputs) components += " " + (v.where ? v.where->to_string() : "");
                for (const input_value& v : den->inputs) components += " " + (v.where ? v.where->to_string() : "");
                out.push_back(make_error(
                    error_code::plausibility,
                    fmt::format("{} {} {} is reported as {} but its components give {} (components at{}); the reported "
                                "value is used",
                                data.regions()[r], ind.id, year, show(ind, reported->value), show(ind, *computed), components),
                    fmt::format("{} {} {} 年报告值为 {}，由其构成项计算为 {}（构成项见{}）；采用报告值", data.regions()[r],
                                ind.name.zh, year, show(ind, reported->value), show(ind, *computed), components),
                    data.resolve(reported->where)));
            }
        }
    }
    return out;
}

}  // namespace plancheck::detail
