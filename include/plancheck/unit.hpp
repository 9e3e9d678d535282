#pragma once
/// Run-time units: unit spellings (Chinese and English) resolved to a kind and a Boost.Units
/// conversion factor.
///
///     auto u = plancheck::parse_unit("亿吨标准煤");       // kind coal, 10^8 tce
///     plancheck::any_quantity cap = u->quantity(2.25);   // 2.25e8 tce, typed
///     auto wan = plancheck::parse_unit("万吨标准煤");
///     double shown = wan->value_of(cap);                  // 22500

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "plancheck/error.hpp"
#include "plancheck/quantity.hpp"

namespace plancheck {

/// A unit as someone spelled it, resolved to its kind and its factor to the kind's canonical unit.
/// The factor always comes from Boost.Units; this class never holds a hand-written factor.
class unit {
public:
    /// The canonical unit of a kind (吨标准煤, 吨, 元, 千瓦时, …).
    [[nodiscard]] static unit canonical(quantity_kind kind);

    /// The kind of quantity it measures.
    [[nodiscard]] quantity_kind kind() const { return kind_; }
    /// The spelling as given (trimmed), e.g. "万吨标准煤".
    [[nodiscard]] const std::string& spelling() const { return spelling_; }

    /// A value given in this unit, as a typed quantity in its kind's canonical unit.
    [[nodiscard]] any_quantity quantity(double value) const {
        return any_quantity::from_canonical(kind_, value * to_canonical_);
    }
    /// The number that expresses q in this unit; q must be of this unit's kind.
    [[nodiscard]] double value_of(const any_quantity& q) const;

    /// True when both units denote the same amount (万吨标准煤 and 10k tce).
    [[nodiscard]] bool same_as(const unit& other) const;

    /// Creates a unit from its parts; used by the spelling table, which takes the factor from
    /// Boost.Units. Library users call `parse_unit` instead.
    unit(std::string spelling, quantity_kind kind, double to_canonical)
        : spelling_(std::move(spelling)), kind_(kind), to_canonical_(to_canonical) {}

private:
    std::string spelling_;
    quantity_kind kind_;
    double to_canonical_;
};

/// Resolves a unit spelling. Chinese or English, with or without spaces, full-width forms
/// (％, ／, ㎡), Latin letters in any case, and quotients such as 千克标准煤/吨 or gce/kWh.
/// An unknown spelling is an E-UNIT error that suggests the nearest known one.
[[nodiscard]] result<unit> parse_unit(std::string_view spelling);

/// The spelling reduced to its lookup key: full-width forms folded, spaces removed, Latin
/// letters lower-cased ("10k TCE" → "10ktce", "㎡" → "m2").
[[nodiscard]] std::string normalize_unit_spelling(std::string_view spelling);

/// One accepted spelling, as listed by `plancheck units`.
struct unit_spelling {
    std::string_view spelling;  ///< as shown, e.g. "万吨标准煤"
    quantity_kind kind;         ///< its kind
    double to_canonical;        ///< factor to the kind's canonical unit (from Boost.Units)
};

/// Every single-word spelling, in the order `plancheck units` shows them.
[[nodiscard]] std::span<const unit_spelling> unit_spellings();

/// Quotient spellings (coal ÷ currency, …) shown as examples; any combination of a known
/// numerator and denominator spelling of the same kinds is accepted.
[[nodiscard]] std::span<const std::string_view> quotient_examples(quantity_kind kind);

/// The kinds a quotient may combine, e.g. energy_intensity = coal ÷ currency.
struct quotient_rule {
    quantity_kind numerator;    ///< e.g. coal
    quantity_kind denominator;  ///< e.g. currency
    quantity_kind result;       ///< e.g. energy_intensity
};
/// Every quotient plancheck understands.
[[nodiscard]] std::span<const quotient_rule> quotient_rules();

/// num ÷ den as a typed quantity of the quotient kind (coal ÷ currency → energy intensity; any kind
/// ÷ itself → share in %), or std::nullopt when the quotient is no kind plancheck has.
[[nodiscard]] std::optional<any_quantity> divide(const any_quantity& num, const any_quantity& den);
/// The kind num ÷ den would have, if any.
[[nodiscard]] std::optional<quantity_kind> quotient_kind(quantity_kind num, quantity_kind den);
/// rate × amount where rate is a quotient X ÷ (amount's kind): (tce/10k CNY) × CNY → tce.
[[nodiscard]] std::optional<any_quantity> multiply(const any_quantity& rate, const any_quantity& amount);
/// The kind rate × amount would have, if any.
[[nodiscard]] std::optional<quantity_kind> product_kind(quantity_kind rate, quantity_kind amount);

/// The canonical spelling of a kind in the given language ("吨标准煤" / "tce").
[[nodiscard]] std::string_view canonical_spelling(quantity_kind kind, language lang);

/// A spelling of kind `wanted` that a person who wrote `given` most likely meant
/// (万吨 for an energy total → 万吨标准煤).
[[nodiscard]] std::string suggest_spelling(const unit& given, quantity_kind wanted);

/// E-UNIT-DIMENSION naming both sides, as pint does:
/// `cannot convert 5 万吨 (mass) to 万吨标准煤 (coal equivalent)`.
[[nodiscard]] error dimension_mismatch(std::string_view value_text, const unit& from,
                                       const unit& to, origin where = {});

/// Converts a value between two units of the same kind; E-UNIT-DIMENSION otherwise.
[[nodiscard]] result<any_quantity> convert(double value, const unit& from, const unit& to);

/// The explicit calorific conversions of GB/T 2589 (1 tce = 29.3076 GJ). Coal equivalent is
/// never turned into energy, or energy into coal, except through these.
[[nodiscard]] units::quantity_of<quantity_kind::energy> energy_of_coal(
    units::quantity_of<quantity_kind::coal> coal);
/// The inverse: energy in coal equivalent, 1 GJ = 1 / 29.3076 tce.
[[nodiscard]] units::quantity_of<quantity_kind::coal> coal_of_energy(
    units::quantity_of<quantity_kind::energy> energy);

/// The sizes a value may have in its kind's canonical unit, besides 0. Within them every
/// ratio, product, change and growth rate of two values is a finite double; 1e305 万吨
/// (1e309 t) and a base of 4.9e-324 (whose ratios overflow) are outside.
inline constexpr double largest_magnitude = 1e100;
/// The smallest size of a non-zero value in its canonical unit (see largest_magnitude).
inline constexpr double smallest_magnitude = 1e-100;
/// True when `canonical` is 0, or finite and of a size within the range above.
[[nodiscard]] bool within_range(double canonical);
/// E-NUMBER-RANGE for `value_text` in unit `u` whose canonical value lies outside that range,
/// naming the canonical value (no origin; the caller adds it).
[[nodiscard]] error out_of_range(std::string_view value_text, const unit& u, double canonical);

/// Formats a number with up to `significant` significant digits and no trailing zeros.
[[nodiscard]] std::string format_number(double value, int significant = 12);

}  // namespace plancheck
