#pragma once
/// Run-time quantities: a Boost.Units quantity of any of plancheck's kinds.
///
/// Values read from CSV and rule files have a kind known only at run time. `any_quantity` holds
/// one typed Boost.Units quantity (a variant over the kinds), so that arithmetic between two
/// of them happens on typed quantities of the same kind or not at all.

#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "plancheck/error.hpp"
#include "plancheck/units.hpp"

namespace plancheck {

/// The kinds of quantity (units.hpp), also as plancheck::quantity_kind.
using units::quantity_kind;

namespace detail {
template <class Seq>
struct any_quantity_variant;
template <std::size_t... I>
struct any_quantity_variant<std::index_sequence<I...>> {
    using type = std::variant<units::quantity_of<static_cast<quantity_kind>(I)>...>;
};
}  // namespace detail

/// A quantity of one of plancheck's kinds, in that kind's canonical unit.
class any_quantity {
public:
    /// A std::variant of every kind's quantity, in the order of quantity_kind.
    using variant_type =
        typename detail::any_quantity_variant<std::make_index_sequence<units::quantity_kind_count>>::type;

    /// Any Boost.Units quantity whose dimension is one of the kinds; converted to canonical.
    template <class Unit>
        requires units::is_known_unit<Unit>
    any_quantity(units::bu::quantity<Unit, double> q)  // NOLINT: implicit on purpose
        : value_(units::quantity_of<units::kind_of_unit<Unit>()>(q)) {}

    /// The kind of this quantity.
    [[nodiscard]] quantity_kind kind() const { return static_cast<quantity_kind>(value_.index()); }

    /// The typed quantity if this is of kind K, else nullptr.
    template <quantity_kind K>
    [[nodiscard]] const units::quantity_of<K>* get_if() const {
        return std::get_if<static_cast<std::size_t>(K)>(&value_);
    }

    /// The typed quantity if it is a Q, else nullptr.
    template <class Q>
    [[nodiscard]] const Q* get_if_type() const {
        return std::get_if<Q>(&value_);
    }

    /// Calls f with the typed quantity.
    template <class F>
    decltype(auto) visit(F&& f) const {
        return std::visit(std::forward<F>(f), value_);
    }

    /// The number in the canonical unit of the kind; for formatting and hashing at the edges.
    [[nodiscard]] double canonical_value() const {
        return std::visit([](const auto& q) { return q.value(); }, value_);
    }

    /// Builds a quantity of `kind` from a number already in that kind's canonical unit.
    [[nodiscard]] static any_quantity from_canonical(quantity_kind kind, double value);

    /// Same kind and same value, exactly (compare values with a tolerance where rounding matters).
    friend bool operator==(const any_quantity&, const any_quantity&) = default;

private:
    explicit any_quantity(variant_type v) : value_(std::move(v)) {}
    variant_type value_;
};

/// Human name of a kind, e.g. "coal equivalent" / "标准煤当量".
[[nodiscard]] const localized_text& kind_name(quantity_kind kind);

/// Short identifier of a kind, e.g. "coal", "mass", "energy_intensity" (stable, used in JSON).
[[nodiscard]] std::string_view kind_id(quantity_kind kind);

/// Applies f(a, b) to the typed quantities when both are of the same kind; std::nullopt
/// otherwise. f must return the same type for every kind.
template <class F>
auto visit_same_kind(const any_quantity& a, const any_quantity& b, F&& f) {
    using first = units::quantity_of<quantity_kind::coal>;
    using R = std::invoke_result_t<F&, const first&, const first&>;
    if (a.kind() != b.kind()) return std::optional<R>{};
    return std::optional<R>{a.visit([&](const auto& x) -> R {
        return f(x, *b.get_if_type<std::decay_t<decltype(x)>>());
    })};
}

}  // namespace plancheck
