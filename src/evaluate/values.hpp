#pragma once
// Private: the values a judgement uses — observed, or computed from other indicators as the
// rule file declares (ratios, growth rates, energy saved, completion of the saving task) — each
// with its inputs and the steps that produced it, for --explain.

#include <cstdint>
#include <optional>
#include <vector>

#include "plancheck/evaluate.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/plan.hpp"

namespace plancheck::detail {

/// A value with where it came from and how it was computed.
struct sourced_value {
    any_quantity value = any_quantity::from_canonical(quantity_kind::share, 0);
    std::vector<input_value> inputs;     ///< every observed value it rests on
    std::vector<localized_text> steps;   ///< each computation, formula and units; empty if observed
    std::int16_t price_base = 0;         ///< constant-price base year, 0 when unknown or not money
    bool derived = false;
};

/// Looks values up in the data, deriving what is not observed.
class value_source {
public:
    value_source(const plan& p, const observation_set& data) : p_(p), data_(data) {}

    /// The value of an indicator for a region and year: observed, else derived.
    [[nodiscard]] std::optional<sourced_value> level(std::uint32_t region, std::size_t index, int year) const;

    /// The relative change (a share) of an indicator from `from` to `to`, as the product of its
    /// yearly changes: from yearly growth rates where levels are missing, or for a ratio from
    /// the growth rates of its parts: (1 + numerator growth) ÷ (1 + denominator growth) − 1.
    [[nodiscard]] std::optional<sourced_value> change_from_growth(std::uint32_t region, std::size_t index,
                                                                  int from, int to) const;

    /// The effective price base of an observation of an indicator (its own, else the
    /// indicator's declared one).
    [[nodiscard]] std::int16_t price_base_of(const observation& o, std::size_t index) const;

private:
    std::optional<sourced_value> observed(std::uint32_t region, std::size_t index, int year) const;
    std::optional<sourced_value> derive(std::uint32_t region, std::size_t index, int year, int depth) const;
    std::optional<sourced_value> level_at_depth(std::uint32_t region, std::size_t index, int year, int depth) const;
    std::optional<sourced_value> growth(std::uint32_t region, std::size_t index, int year, int depth) const;
    std::optional<sourced_value> sum_over(std::uint32_t region, std::size_t index, int first, int last,
                                          int depth) const;

    const plan& p_;
    const observation_set& data_;
};

/// Where a derived index and its components are both in the data, a finding when they
/// disagree by more than `tolerance` (relative), naming both origins.
[[nodiscard]] diagnostics derivation_disagreements(const plan& p, const observation_set& data, double tolerance);

}  // namespace plancheck::detail
