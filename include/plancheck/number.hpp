#pragma once
/// Strict number and year parsing for statistics files: exact (`std::from_chars`), never a
/// guess. Each outcome is documented in docs/csv-input.md.
///
/// | text            | outcome                                             |
/// |-----------------|-----------------------------------------------------|
/// | `22500`, `-7.1`, `1.2e3`, `+5`, ` 3 ` | the number (spaces trimmed)   |
/// | `２２５００`, `１．５` (full-width)    | the number, folded to ASCII   |
/// | `12%`           | 12 with `percent_sign` set; the caller decides      |
/// | `1,234.5`       | E-NUMBER-THOUSANDS                                  |
/// | `NaN`, `inf`    | E-NUMBER-NONFINITE                                  |
/// | `1e400`         | E-NUMBER-RANGE                                      |
/// | empty, `abc`, `0x10`, `12abc` | E-NUMBER                              |

#include <string_view>

#include "plancheck/error.hpp"

namespace plancheck {

/// A number as read from text.
struct decimal {
    double value = 0;           ///< the value, exactly as `std::from_chars` reads it
    bool percent_sign = false;  ///< the text ended in % (or ％)
};

/// Parses a plain decimal number. Errors carry no origin; the caller adds it.
[[nodiscard]] result<decimal> parse_decimal(std::string_view text);

/// Parses a year: four ASCII digits, 1900–2199 (`2020年` and `2020.0` are refused with a hint).
[[nodiscard]] result<int> parse_year(std::string_view text);

}  // namespace plancheck
