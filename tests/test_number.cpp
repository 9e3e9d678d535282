// Numbers and years as statistics files write them: every documented outcome of parse_decimal
// and parse_year, with the exact code and, where a person reads it, the exact message.

#include <string>
#include <string_view>

#include "catch.hpp"
#include "plancheck/number.hpp"

namespace Catch {
template <>
struct StringMaker<plancheck::error_code> {
    static std::string convert(plancheck::error_code c) { return std::string(plancheck::to_string(c)); }
};
}  // namespace Catch

namespace {

using Catch::Matchers::WithinRel;
using plancheck::error_code;
using plancheck::parse_decimal;
using plancheck::parse_year;

// The value of text the test expects to be a number.
double number(std::string_view text) {
    auto d = parse_decimal(text);
    INFO("text: \"" << text << "\"");
    if (!d) FAIL(d.error().message.en);
    return d->value;
}

// The error code of text the test expects to be refused.
error_code refused(std::string_view text) {
    auto d = parse_decimal(text);
    INFO("text: \"" << text << "\"");
    if (d) FAIL("accepted as " << d->value);
    CHECK(d.error().where.line == 0);  // no origin: the caller adds it
    return d.error().code;
}

}  // namespace

TEST_CASE("Plain decimals are read exactly", "[number]") {
    CHECK_THAT(number("22500"), WithinRel(22500.0, 1e-15));
    CHECK_THAT(number("-7.1"), WithinRel(-7.1, 1e-15));
    CHECK_THAT(number("1.2e3"), WithinRel(1200.0, 1e-15));
    CHECK_THAT(number("1.2E-3"), WithinRel(0.0012, 1e-15));
    CHECK_THAT(number("0.325"), WithinRel(0.325, 1e-15));
    CHECK_THAT(number("105.2"), WithinRel(105.2, 1e-15));
    CHECK_THAT(number(".5"), WithinRel(0.5, 1e-15));
    CHECK_THAT(number("1e308"), WithinRel(1e308, 1e-15));
    CHECK_THAT(number("0"), Catch::Matchers::WithinAbs(0.0, 0.0));
    CHECK_THAT(number("-0"), Catch::Matchers::WithinAbs(0.0, 0.0));
    CHECK_FALSE(parse_decimal("22500")->percent_sign);
}

TEST_CASE("A leading plus and surrounding spaces are accepted", "[number]") {
    CHECK_THAT(number("+5"), WithinRel(5.0, 1e-15));
    CHECK_THAT(number(" 3 "), WithinRel(3.0, 1e-15));
    CHECK_THAT(number("\t42\r\n"), WithinRel(42.0, 1e-15));
    CHECK_THAT(number("+0.5"), WithinRel(0.5, 1e-15));

    SECTION("but only one sign") {
        // Regression: after the '+' was dropped, from_chars read "-5" and "+-5" became -5.
        CHECK(refused("+-5") == error_code::number);
        CHECK(refused("++5") == error_code::number);
        CHECK(refused("-+5") == error_code::number);
        CHECK(refused("--5") == error_code::number);
        CHECK(parse_decimal("+-5").error().message.en == "\"+-5\" is not a number");
    }
    SECTION("a sign or a percent sign alone is not a number") {
        CHECK(refused("+") == error_code::number);
        CHECK(refused("-") == error_code::number);
        CHECK(refused("%") == error_code::number);
        CHECK(parse_decimal(" + ").error().message.en == "\"+\" is not a number");
    }
}

TEST_CASE("Full-width digits, point and the minus sign U+2212 are folded to ASCII", "[number]") {
    CHECK_THAT(number("２２５００"), WithinRel(22500.0, 1e-15));
    CHECK_THAT(number("１．５"), WithinRel(1.5, 1e-15));
    CHECK_THAT(number("−7.1"), WithinRel(-7.1, 1e-15));
    CHECK_THAT(number("－３"), WithinRel(-3.0, 1e-15));     // full-width hyphen-minus
    CHECK_THAT(number("\u3000１２\u3000"), WithinRel(12.0, 1e-15));  // ideographic spaces
    CHECK(refused("１２万") == error_code::number);
}

TEST_CASE("A trailing percent sign is reported, not applied", "[number]") {
    auto d = parse_decimal("12%");
    REQUIRE(d.has_value());
    CHECK(d->percent_sign);
    CHECK_THAT(d->value, WithinRel(12.0, 1e-15));  // 12, not 0.12: the caller decides

    auto full = parse_decimal("１２．５％");
    REQUIRE(full.has_value());
    CHECK(full->percent_sign);
    CHECK_THAT(full->value, WithinRel(12.5, 1e-15));

    auto spaced = parse_decimal(" -3.5 % ");
    REQUIRE(spaced.has_value());
    CHECK(spaced->percent_sign);
    CHECK_THAT(spaced->value, WithinRel(-3.5, 1e-15));

    CHECK(refused("12%%") == error_code::number);
    CHECK(refused("%12") == error_code::number);
}

TEST_CASE("A thousands separator is refused with the number written plainly", "[number]") {
    auto d = parse_decimal("1,234.5");
    REQUIRE_FALSE(d.has_value());
    CHECK(d.error().code == error_code::number_thousands);
    CHECK(d.error().message.en ==
          "\"1,234.5\" has a thousands separator; write 1234.5 (a comma is never read as a decimal point)");
    CHECK(d.error().message.zh == "“1,234.5”含千位分隔符，请写作 1234.5（逗号不会被当作小数点）");

    CHECK(refused("12,345,678") == error_code::number_thousands);
    CHECK(parse_decimal("-12,345,678.25").error().message.en ==
          "\"-12,345,678.25\" has a thousands separator; write -12345678.25 (a comma is never read as a "
          "decimal point)");
    CHECK(refused(" 1,000 ") == error_code::number_thousands);

    SECTION("a comma that does not group by three is no thousands separator") {
        // Regression: "1,5" was answered with "write 15" and "1.5,3" with "write 1.53",
        // suggestions that misread a decimal comma.
        for (const std::string_view text : {"1,5", "1.5,3", "1,2345", "1234,567", ",123", "1,,234", "1e3,000"}) {
            INFO(text);
            CHECK(refused(text) == error_code::number);
        }
        CHECK(parse_decimal("1,5").error().message.en ==
              "\"1,5\" is not a number (a comma is never read as a decimal point)");
    }
}

TEST_CASE("NaN and infinities are refused as non-finite", "[number]") {
    for (const std::string_view text : {"NaN", "nan", "NAN", "inf", "-inf", "+inf", "infinity", "Infinity", "INF"}) {
        INFO(text);
        CHECK(refused(text) == error_code::number_nonfinite);
    }
    CHECK(parse_decimal("NaN").error().message.en == "\"NaN\" is not a finite number");
    CHECK(parse_decimal(" -inf ").error().message.en == "\"-inf\" is not a finite number");
}

TEST_CASE("A number beyond a double is refused as out of range", "[number]") {
    CHECK(refused("1e400") == error_code::number_range);
    CHECK(refused("-1e400") == error_code::number_range);
    CHECK(parse_decimal("1e400").error().message.en == "\"1e400\" is out of the range of a double-precision number");
}

TEST_CASE("Text that is not a plain decimal is E-NUMBER", "[number]") {
    auto empty = parse_decimal("");
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().code == error_code::number);
    CHECK(empty.error().message.en == "empty value");
    CHECK(refused("   ") == error_code::number);

    CHECK(refused("abc") == error_code::number);
    CHECK(parse_decimal("abc").error().message.en == "\"abc\" is not a number");
    CHECK(parse_decimal("abc").error().message.zh == "“abc”不是数字");

    CHECK(refused("0x10") == error_code::number);
    CHECK(parse_decimal("0x10").error().message.en == "\"0x10\" is not a number");
    CHECK(refused("12abc") == error_code::number);
    CHECK(parse_decimal(" 12abc ").error().message.en == "\"12abc\" is not a number");
    CHECK(refused("1 000") == error_code::number);
    CHECK(refused("- 5") == error_code::number);
    CHECK(refused("1.2.3") == error_code::number);
    CHECK(refused("12万") == error_code::number);
    CHECK(refused("e5") == error_code::number);
}

TEST_CASE("A year is four ASCII digits from 1900 to 2199", "[number][year]") {
    CHECK(*parse_year("2020") == 2020);
    CHECK(*parse_year(" 2016 ") == 2016);
    CHECK(*parse_year("1900") == 1900);
    CHECK(*parse_year("2199") == 2199);

    for (const std::string_view text : {"20", "1899", "2200", "02020", "+2020", "-2020", "", "abcd", "２０２０", "0000"}) {
        INFO(text);
        auto y = parse_year(text);
        REQUIRE_FALSE(y.has_value());
        CHECK(y.error().code == error_code::year);
    }
    CHECK(parse_year("20").error().message.en == "\"20\" is not a year (four digits, 1900–2199)");
    CHECK(parse_year("1899").error().message.en == "\"1899\" is not a year (four digits, 1900–2199)");
    CHECK(parse_year("2200").error().message.en == "\"2200\" is not a year (four digits, 1900–2199)");
}

TEST_CASE("A year with something after its digits is refused with a hint", "[number][year]") {
    auto nian = parse_year("2020年");
    REQUIRE_FALSE(nian.has_value());
    CHECK(nian.error().code == error_code::year);
    CHECK(nian.error().message.en == "year \"2020年\" has \"年\" after the digits; write 2020");
    CHECK(nian.error().message.zh == "年份“2020年”在数字后多了“年”；请写作 2020");

    auto decimal = parse_year("2020.0");
    REQUIRE_FALSE(decimal.has_value());
    CHECK(decimal.error().code == error_code::year);
    CHECK(decimal.error().message.en == "year \"2020.0\" has \".0\" after the digits; write 2020");

    SECTION("no hint that would itself be refused") {
        // Regression: "-202年" was answered with "write -202" and "1800年" with "write 1800".
        CHECK(parse_year("-202年").error().message.en == "\"-202年\" is not a year (four digits, 1900–2199)");
        CHECK(parse_year("1800年").error().message.en == "\"1800年\" is not a year (four digits, 1900–2199)");
    }
}
