#include "plancheck/number.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string>

#include "plancheck/text.hpp"

namespace plancheck {

namespace {

error not_a_number(std::string_view text) {
    return make_error(error_code::number, fmt::format("\"{}\" is not a number", text),
                      fmt::format("“{}”不是数字", text));
}

bool is_ascii(std::string_view s) {
    for (const char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// Folds full-width digits, point, signs and percent (and U+2212 minus) to ASCII.
std::string fold_full_width(std::string_view s) {
    std::string out;
    for (char32_t cp : text::decode(s)) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
        if (cp == 0x2212) cp = '-';
        if (cp == 0x3000) cp = ' ';
        text::append_utf8(out, cp);
    }
    return out;
}

// True when `s` is a decimal whose integer part is grouped by threes with commas (1,234 or
// -12,345,678.5). Only then is the comma a thousands separator that can be dropped; "1,5" or
// "1.5,3" are not offered as 15 or 1.53, which would misread a decimal comma.
bool grouped_by_thousands(std::string_view s) {
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!s.empty() && s.front() == '-') s.remove_prefix(1);
    const std::size_t dot = s.find('.');
    const std::string_view integer = s.substr(0, dot);
    if (dot != std::string_view::npos) {
        for (const char c : s.substr(dot + 1))
            if (!is_digit(c)) return false;
    }
    const std::size_t first = integer.find(',');
    if (first == 0 || first > 3 || first == std::string_view::npos) return false;
    for (std::size_t i = 0; i < first; ++i)
        if (!is_digit(integer[i])) return false;
    for (std::size_t i = first; i < integer.size(); i += 4) {
        if (integer[i] != ',' || i + 4 > integer.size()) return false;
        if (!is_digit(integer[i + 1]) || !is_digit(integer[i + 2]) || !is_digit(integer[i + 3])) return false;
    }
    return true;
}

}  // namespace

result<decimal> parse_decimal(std::string_view raw) {
    std::string folded;
    std::string_view s = text::trim(raw);
    if (!is_ascii(s)) {
        folded = fold_full_width(s);
        s = text::trim(folded);
    }
    if (s.empty()) return make_error(error_code::number, "empty value", "值为空");
    decimal out;
    if (s.back() == '%') {
        out.percent_sign = true;
        s = text::trim(s.substr(0, s.size() - 1));
    }
    if (!s.empty() && s.front() == '+') {
        s.remove_prefix(1);
        // from_chars would read the sign that follows: "+-5" is not -5.
        if (!s.empty() && (s.front() == '-' || s.front() == '+')) return not_a_number(text::trim(raw));
    }
    if (s.empty()) return not_a_number(text::trim(raw));

    const char* first = s.data();
    const char* last = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(first, last, out.value, std::chars_format::general);
    if (ec == std::errc::result_out_of_range)
        return make_error(error_code::number_range,
                          fmt::format("\"{}\" is out of the range of a double-precision number", text::trim(raw)),
                          fmt::format("“{}”超出双精度数的范围", text::trim(raw)));
    if (ec == std::errc() && ptr == last) {
        if (!std::isfinite(out.value)) {
            return make_error(error_code::number_nonfinite,
                              fmt::format("\"{}\" is not a finite number", text::trim(raw)),
                              fmt::format("“{}”不是有限数", text::trim(raw)));
        }
        return out;
    }
    if (ec == std::errc() && ptr < last && *ptr == ',') {
        if (grouped_by_thousands(s)) {
            std::string plain;
            for (const char c : s)
                if (c != ',') plain += c;
            return make_error(error_code::number_thousands,
                              fmt::format("\"{}\" has a thousands separator; write {} (a comma is never read as "
                                          "a decimal point)",
                                          text::trim(raw), plain),
                              fmt::format("“{}”含千位分隔符，请写作 {}（逗号不会被当作小数点）", text::trim(raw), plain));
        }
        return make_error(error_code::number,
                          fmt::format("\"{}\" is not a number (a comma is never read as a decimal point)",
                                      text::trim(raw)),
                          fmt::format("“{}”不是数字（逗号不会被当作小数点）", text::trim(raw)));
    }
    return not_a_number(text::trim(raw));
}

result<int> parse_year(std::string_view raw) {
    const std::string_view s = text::trim(raw);
    // A year is written in ASCII digits; full-width ones get the spelling to use.
    if (!is_ascii(s) && !s.empty()) {
        const std::string folded = fold_full_width(s);
        int year = 0;
        const auto [ptr, ec] = std::from_chars(folded.data(), folded.data() + folded.size(), year);
        if (folded.size() == 4 && ec == std::errc() && ptr == folded.data() + folded.size() && year >= 1900 &&
            year <= 2199)
            return make_error(error_code::year, fmt::format("year \"{}\" is in full-width digits; write {}", s, folded),
                              fmt::format("年份“{}”是全角数字；请写作 {}", s, folded));
    }
    int year = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), year);
    const bool four_digits = s.size() == 4 && ec == std::errc() && ptr == s.data() + s.size();
    if (four_digits && year >= 1900 && year <= 2199) return year;
    // The hint only for four digits that are a valid year ("2020年"), not for "-202年" or "1800年".
    if (ec == std::errc() && ptr != s.data() + s.size() && ptr - s.data() == 4 && s.front() != '-' &&
        year >= 1900 && year <= 2199) {
        const std::string_view rest = s.substr(4);
        return make_error(error_code::year,
                          fmt::format("year \"{}\" has \"{}\" after the digits; write {}", s, rest, s.substr(0, 4)),
                          fmt::format("年份“{}”在数字后多了“{}”；请写作 {}", s, rest, s.substr(0, 4)));
    }
    return make_error(error_code::year,
                      fmt::format("\"{}\" is not a year (four digits, 1900–2199)", s),
                      fmt::format("“{}”不是年份（应为 1900–2199 的四位数字）", s));
}

}  // namespace plancheck
