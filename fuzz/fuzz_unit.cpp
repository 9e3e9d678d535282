// Fuzzes the parsers of single values: unit spellings (parse_unit, normalize_unit_spelling),
// numbers (parse_decimal) and years (parse_year), with the arithmetic that follows a parsed unit.
//
// Properties: a parsed number is finite; a parsed year is 1900–2199; a parsed unit converts a
// value to its canonical unit and back (up to rounding) and reparses to the same unit from its
// own spelling; normalizing is idempotent; every error has a message in both languages.

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "plancheck/number.hpp"
#include "plancheck/unit.hpp"

namespace {

void check_message(const plancheck::error& e) {
    PLANCHECK_FUZZ_CHECK(!e.message.en.empty() && !e.message.zh.empty());
    (void)e.format(plancheck::language::en);
    (void)e.format(plancheck::language::zh);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const std::string key = plancheck::normalize_unit_spelling(text);
    PLANCHECK_FUZZ_CHECK(plancheck::normalize_unit_spelling(key) == key);

    if (auto u = plancheck::parse_unit(text)) {
        const auto q = u->quantity(2.5);
        PLANCHECK_FUZZ_CHECK(q.kind() == u->kind());
        const double back = u->value_of(q);
        PLANCHECK_FUZZ_CHECK(std::abs(back - 2.5) <= 1e-9 * 2.5);
        auto again = plancheck::parse_unit(u->spelling());
        PLANCHECK_FUZZ_CHECK(again.has_value() && again->same_as(*u));
        const auto canonical = plancheck::unit::canonical(u->kind());
        PLANCHECK_FUZZ_CHECK(plancheck::convert(1.0, *u, canonical).has_value());
        for (const auto& other : plancheck::unit_spellings()) {
            if (other.kind == u->kind()) continue;
            (void)plancheck::suggest_spelling(*u, other.kind);
            const plancheck::unit to(std::string(other.spelling), other.kind, other.to_canonical);
            auto refused = plancheck::convert(1.0, *u, to);
            PLANCHECK_FUZZ_CHECK(!refused.has_value());
            check_message(refused.error());
            break;
        }
        (void)plancheck::format_number(back);
    } else {
        check_message(u.error());
    }

    if (auto d = plancheck::parse_decimal(text)) {
        PLANCHECK_FUZZ_CHECK(std::isfinite(d->value));
        (void)plancheck::format_number(d->value);
    } else {
        check_message(d.error());
    }

    if (auto y = plancheck::parse_year(text)) {
        PLANCHECK_FUZZ_CHECK(*y >= 1900 && *y <= 2199);
    } else {
        check_message(y.error());
    }
    return 0;
}
