#pragma once
// Private: the tables behind `parse_unit` and `plancheck units`.

#include <vector>

#include "plancheck/unit.hpp"

namespace plancheck::detail {

/// A quotient rule with its Boost.Units factor from canonical numerator ÷ canonical
/// denominator to the canonical unit of the result.
struct quotient_entry {
    quotient_rule rule;
    double factor;
};

/// A Chinese scale prefix (万, 亿, 百万) that composes with a unit symbol (万t, 亿kWh), with its
/// factor from Boost.Units.
struct scale_prefix {
    std::string_view spelling;
    double factor;
};
/// Every scale prefix, longest first.
const std::vector<scale_prefix>& scale_prefixes();

/// Every single-word spelling.
const std::vector<unit_spelling>& atomic_spellings();
/// Every quotient of kinds that has a kind of its own.
const std::vector<quotient_entry>& quotient_table();
/// Factor from a ratio of two quantities of one kind to a share in %, from Boost.Units.
double ratio_to_share_factor();

}  // namespace plancheck::detail
