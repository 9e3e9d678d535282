// UTF-8 helpers: validation offsets, code points, terminal widths, padding, edit distance.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "catch.hpp"
#include "plancheck/text.hpp"

namespace {

using plancheck::text::find_invalid_utf8;

// std::optional<std::size_t> is not printable by Catch v2; compare through this.
long long offset(std::optional<std::size_t> at) { return at ? static_cast<long long>(*at) : -1; }
constexpr long long valid = -1;

}  // namespace

TEST_CASE("Valid UTF-8 of every sequence length has no invalid offset", "[text][utf8]") {
    CHECK(offset(find_invalid_utf8("")) == valid);
    CHECK(offset(find_invalid_utf8("region,indicator,year,value,unit")) == valid);
    CHECK(offset(find_invalid_utf8("é")) == valid);                          // 2 bytes
    CHECK(offset(find_invalid_utf8("内蒙古自治区,万吨标准煤")) == valid);  // 3 bytes
    CHECK(offset(find_invalid_utf8("\xF0\x9F\x98\x80")) == valid);           // 4 bytes, U+1F600
    CHECK(offset(find_invalid_utf8("\xF4\x8F\xBF\xBF")) == valid);           // U+10FFFF, the last
    CHECK(offset(find_invalid_utf8("\xED\x9F\xBF")) == valid);               // U+D7FF, just below surrogates
    CHECK(offset(find_invalid_utf8("\xEE\x80\x80")) == valid);               // U+E000, just above
    CHECK(offset(find_invalid_utf8("\xE0\xA0\x80")) == valid);               // U+0800, shortest 3-byte
    CHECK(offset(find_invalid_utf8("\xF0\x90\x80\x80")) == valid);           // U+10000, shortest 4-byte
    CHECK(offset(find_invalid_utf8("\xC2\x80")) == valid);                   // U+0080, shortest 2-byte
    CHECK(offset(find_invalid_utf8(std::string("a\0b", 3))) == valid);      // NUL is valid UTF-8
}

TEST_CASE("Invalid UTF-8 is reported at the exact offset of the first bad sequence", "[text][utf8]") {
    SECTION("stray continuation bytes and impossible lead bytes") {
        CHECK(offset(find_invalid_utf8("\x80")) == 0);
        CHECK(offset(find_invalid_utf8("a\xBF")) == 1);
        CHECK(offset(find_invalid_utf8("ab\xFF")) == 2);
        CHECK(offset(find_invalid_utf8("\xF5\x80\x80\x80")) == 0);  // F5.. would be above U+10FFFF
        CHECK(offset(find_invalid_utf8("\xF8\x88\x80\x80\x80")) == 0);
    }
    SECTION("overlong forms") {
        CHECK(offset(find_invalid_utf8("\xC0\x80")) == 0);         // NUL in two bytes
        CHECK(offset(find_invalid_utf8("x\xC1\xBF")) == 1);
        CHECK(offset(find_invalid_utf8("ab\xE0\x80\x80")) == 2);
        CHECK(offset(find_invalid_utf8("ab\xE0\x9F\xBF")) == 2);
        CHECK(offset(find_invalid_utf8("\xF0\x80\x80\x80")) == 0);
        CHECK(offset(find_invalid_utf8("\xF0\x8F\xBF\xBF")) == 0);
    }
    SECTION("UTF-16 surrogates") {
        CHECK(offset(find_invalid_utf8("\xED\xA0\x80")) == 0);  // U+D800
        CHECK(offset(find_invalid_utf8("吨\xED\xBF\xBF")) == 3);  // U+DFFF after a Han character
    }
    SECTION("code points above U+10FFFF") {
        CHECK(offset(find_invalid_utf8("\xF4\x90\x80\x80")) == 0);  // U+110000
        CHECK(offset(find_invalid_utf8("煤\xF4\xBF\xBF\xBF")) == 3);
    }
    SECTION("a sequence cut short by a non-continuation byte") {
        CHECK(offset(find_invalid_utf8("\xE5\x90" "A")) == 0);
        CHECK(offset(find_invalid_utf8("ok\xF0\x9F\x98" "A")) == 2);
        CHECK(offset(find_invalid_utf8("\xC3" "A")) == 0);
    }
    SECTION("offsets past the eight-byte ASCII fast path are exact") {
        const std::string prefix(21, 'a');
        CHECK(offset(find_invalid_utf8(prefix + "\xFF")) == 21);
        CHECK(offset(find_invalid_utf8(prefix + "吨" + prefix + "\x80")) == 21 + 3 + 21);
        CHECK(offset(find_invalid_utf8(std::string(16, 'z') + "\xC0\x80")) == 16);
    }
}

TEST_CASE("A truncated sequence at the end is an error unless allowed", "[text][utf8]") {
    const std::string cut2 = "ab\xE5\x90";          // 吨 (E5 90 A8) without its last byte
    const std::string cut1 = "ab\xE5";
    const std::string cut4 = "ab\xF0\x9F\x98";      // U+1F600 without its last byte
    CHECK(offset(find_invalid_utf8(cut2)) == 2);
    CHECK(offset(find_invalid_utf8(cut1)) == 2);
    CHECK(offset(find_invalid_utf8(cut4)) == 2);
    CHECK(offset(find_invalid_utf8(cut2, true)) == valid);
    CHECK(offset(find_invalid_utf8(cut1, true)) == valid);
    CHECK(offset(find_invalid_utf8(cut4, true)) == valid);
    CHECK(offset(find_invalid_utf8("\xC3", true)) == valid);

    SECTION("the allowance does not cover bytes that can never become valid") {
        CHECK(offset(find_invalid_utf8("ab\xE5" "A", true)) == 2);   // not at the very end
        CHECK(offset(find_invalid_utf8("ab\xE5\x90" "\x80\x80", true)) == 5);  // extra continuation
        CHECK(offset(find_invalid_utf8("\xC0", true)) == 0);          // never a lead byte
        CHECK(offset(find_invalid_utf8("\x80", true)) == 0);
    }
    SECTION("a truncated overlong, surrogate or too-large prefix is invalid even when allowed") {
        // Regression: only the continuation bits were checked, so these prefixes were accepted
        // although no byte could complete them.
        CHECK(offset(find_invalid_utf8("ab\xE0\x80", true)) == 2);      // overlong 3-byte
        CHECK(offset(find_invalid_utf8("ab\xED\xA0", true)) == 2);      // surrogate
        CHECK(offset(find_invalid_utf8("ab\xF0\x8F", true)) == 2);      // overlong 4-byte
        CHECK(offset(find_invalid_utf8("ab\xF4\x90\x80", true)) == 2);  // above U+10FFFF
        CHECK(offset(find_invalid_utf8("ab\xE0\xA0", true)) == valid);  // U+0800.. is fine
        CHECK(offset(find_invalid_utf8("ab\xF4\x8F", true)) == valid);
    }
}

TEST_CASE("Code points are counted, not bytes", "[text][utf8]") {
    using plancheck::text::count_code_points;
    CHECK(count_code_points("") == 0);
    CHECK(count_code_points("abc") == 3);
    CHECK(count_code_points("吨标准煤") == 4);
    CHECK(count_code_points("内蒙古,2020") == 8);
    CHECK(count_code_points("\xF0\x9F\x98\x80") == 1);
    CHECK(count_code_points("a％b") == 3);
}

TEST_CASE("decode and append_utf8 are inverses", "[text][utf8]") {
    using plancheck::text::append_utf8;
    using plancheck::text::decode;
    CHECK(decode("a吨😀") == std::u32string{U'a', U'吨', U'\U0001F600'});
    for (const char32_t cp : {U'\u0000', U'A', U'\u00E9', U'\u07FF', U'\u0800', U'\u5428', U'\uFFFD',
                              U'\U00010000', U'\U0001F600', U'\U0010FFFF'}) {
        std::string bytes;
        append_utf8(bytes, cp);
        INFO("code point " << static_cast<std::uint32_t>(cp));
        CHECK(offset(find_invalid_utf8(bytes)) == valid);
        CHECK(decode(bytes) == std::u32string(1, cp));
    }
}

TEST_CASE("Display width counts Han and full-width forms as two cells", "[text][width]") {
    using plancheck::text::code_point_width;
    using plancheck::text::display_width;
    CHECK(display_width("") == 0);
    CHECK(display_width("energy.total") == 12);
    CHECK(display_width("吨") == 2);
    CHECK(display_width("内蒙古自治区") == 12);
    CHECK(display_width("％") == 2);
    CHECK(display_width("１２") == 4);
    CHECK(display_width("GDP增长") == 7);
    CHECK(display_width("内政发〔2018〕12号") == 6 * 2 + 6);  // 〔〕 are wide too
    CHECK(display_width("㎡") == 2);
    CHECK(display_width("e\u0301") == 1);  // e + combining acute accent
    CHECK(display_width("a\u0301b") == 2);
    CHECK(display_width("é") == 1);
    CHECK(code_point_width(U'\u0301') == 0);
    CHECK(code_point_width(U'吨') == 2);
    CHECK(code_point_width(U'\uFF05') == 2);  // ％
    CHECK(code_point_width(U'\u3000') == 2);  // ideographic space
    CHECK(code_point_width(U'\U00020000') == 2);
    CHECK(code_point_width(U'a') == 1);
    CHECK(code_point_width(U'\u00B2') == 1);  // ²
}

TEST_CASE("Padding fills to a display width, counting Han as two cells", "[text][width]") {
    using plancheck::text::pad_left;
    using plancheck::text::pad_right;
    CHECK(pad_right("吨", 5) == "吨   ");
    CHECK(pad_right("abc", 5) == "abc  ");
    CHECK(pad_left("吨标", 6) == "  吨标");
    CHECK(pad_left("12.5", 6) == "  12.5");
    CHECK(pad_right("万吨标准煤", 12) == "万吨标准煤  ");
    CHECK(pad_right("e\u0301", 3) == "e\u0301  ");
    SECTION("text wider than the width is left alone, never cut") {
        CHECK(pad_right("内蒙古", 4) == "内蒙古");
        CHECK(pad_left("内蒙古", 5) == "内蒙古");
        CHECK(pad_right("内蒙古", 6) == "内蒙古");
    }
    SECTION("padded columns line up") {
        CHECK(plancheck::text::display_width(pad_right("内蒙古", 10)) ==
              plancheck::text::display_width(pad_right("energy", 10)));
    }
}

TEST_CASE("Edit distance counts code points, not bytes", "[text][distance]") {
    using plancheck::text::edit_distance;
    CHECK(edit_distance(U"", U"") == 0);
    CHECK(edit_distance(U"", U"abc") == 3);
    CHECK(edit_distance(U"abc", U"") == 3);
    CHECK(edit_distance(U"kitten", U"sitting") == 3);
    CHECK(edit_distance(U"sitting", U"kitten") == 3);
    CHECK(edit_distance(U"万吨标煤", U"万吨标准煤") == 1);
    CHECK(edit_distance(U"万吨标准煤", U"万吨标准煤") == 0);
    CHECK(edit_distance(U"吨标准煤", U"煤标准吨") == 2);
    CHECK(edit_distance(U"flaw", U"lawn") == 2);
}

TEST_CASE("nearest picks the closest plausible candidate", "[text][distance]") {
    using plancheck::text::nearest;
    const std::vector<std::string> candidates{"万吨标准煤", "吨标准煤", "千瓦时", "kWh"};
    CHECK(nearest("万吨标准媒", candidates) == std::optional<std::string>("万吨标准煤"));
    CHECK(nearest("吨标准", candidates) == std::optional<std::string>("吨标准煤"));
    CHECK(nearest("千瓦", candidates) == std::optional<std::string>("千瓦时"));
    CHECK(nearest("kWhh", candidates) == std::optional<std::string>("kWh"));
    CHECK_FALSE(nearest("苹果汁", candidates).has_value());
    CHECK_FALSE(nearest("anything", std::vector<std::string>{}).has_value());

    SECTION("the first of equally near candidates wins") {
        const std::vector<std::string> tie{"ab", "ac"};
        CHECK(nearest("a", tie) == std::optional<std::string>("ab"));
    }
    SECTION("the allowance is half the word's length, and at least two") {
        const std::vector<std::string> far{"abcdwxyz"};
        CHECK(nearest("abcdefgh", far) == std::optional<std::string>("abcdwxyz"));  // 4 of 8
        const std::vector<std::string> farther{"abcwxyzq"};
        CHECK_FALSE(nearest("abcdefgh", farther).has_value());  // 5 of 8
        const std::vector<std::string> two{"xy"};
        CHECK(nearest("ab", two) == std::optional<std::string>("xy"));  // 2 edits on 2 letters
    }
}

TEST_CASE("trim removes ASCII whitespace only", "[text]") {
    using plancheck::text::trim;
    CHECK(trim("  a b \t\r\n") == "a b");
    CHECK(trim("") == "");
    CHECK(trim(" \t ") == "");
    CHECK(trim("x") == "x");
    CHECK(trim("\u3000吨\u3000") == "\u3000吨\u3000");
}
