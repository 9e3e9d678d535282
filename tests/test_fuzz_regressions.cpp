// What the fuzz targets (fuzz/, docs/reliability.md) found, each kept as a test named after what
// broke. The inputs are the fuzzers' findings, minimised.

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catch.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/encoding.hpp"
#include "plancheck/rule_loader.hpp"
#include "trickle_source.hpp"

namespace {

using plancheck::error_code;

using plancheck_test::trickle_source;

struct reading {
    std::vector<std::vector<std::string>> records;
    std::optional<plancheck::error> failure;
};

reading read_all(std::unique_ptr<plancheck::csv::byte_source> source, std::size_t chunk,
                 std::optional<plancheck::text_encoding> encoding) {
    if (encoding) source = std::make_unique<plancheck::decoding_source>(std::move(source), *encoding, "f.csv");
    plancheck::csv::options opts;
    opts.chunk_bytes = chunk;
    opts.require_uniform_width = false;
    plancheck::csv::reader reader(std::move(source), "f.csv", opts);
    plancheck::csv::record rec;
    reading out;
    while (true) {
        auto more = reader.next(rec);
        if (!more) {
            out.failure = std::move(more).error();
            break;
        }
        if (!*more) break;
        std::vector<std::string> fields;
        for (std::size_t i = 0; i < rec.size(); ++i) fields.emplace_back(rec[i]);
        out.records.push_back(std::move(fields));
    }
    return out;
}

// Reads `bytes` in one piece and trickled in every small way; all readings must agree.
reading read_every_way(const std::string& bytes, std::optional<plancheck::text_encoding> encoding = std::nullopt) {
    const reading whole = read_all(plancheck::csv::from_string(bytes), std::size_t{1} << 16, encoding);
    for (std::size_t step = 1; step <= 8; ++step) {
        for (std::size_t chunk = 1; chunk <= 4; ++chunk) {
            INFO("reads of " << step << " bytes, chunks of " << chunk);
            const reading split = read_all(std::make_unique<trickle_source>(bytes, step), chunk, encoding);
            CHECK(split.records == whole.records);
            REQUIRE(split.failure.has_value() == whole.failure.has_value());
            if (whole.failure) {
                CHECK(split.failure->code == whole.failure->code);
                CHECK(split.failure->where.line == whole.failure->where.line);
                CHECK(split.failure->where.column == whole.failure->where.column);
            }
        }
    }
    return whole;
}

std::string to_gb18030(const std::string& utf8) {
    // "内蒙古" and "化学需氧量" in GB18030, so the test needs no converter of its own.
    std::string out;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        if (utf8.compare(i, 9, "内蒙古") == 0) {
            out += "\xC4\xDA\xC3\xC9\xB9\xC5";
            i += 8;
        } else if (utf8.compare(i, 15, "化学需氧量") == 0) {
            out += "\xBB\xAF\xD1\xA7\xD0\xE8\xD1\xF5\xC1\xBF";
            i += 14;
        } else {
            out += utf8[i];
        }
    }
    return out;
}

}  // namespace

TEST_CASE("GB18030 decodes into reads smaller than one character", "[fuzz][encoding]") {
    // fuzz_csv: a reader whose buffer had one or two bytes free got E-INTERNAL ("conversion
    // buffer too small") from the decoder, since iconv cannot write part of a character.
    const std::string text = to_gb18030("region,indicator,year,value\n内蒙古,化学需氧量,2020,75.92\n内蒙古,化学需氧量,2019,76.5\n");
    const reading r = read_every_way(text, plancheck::text_encoding::gb18030);
    CHECK_FALSE(r.failure.has_value());
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[1][0] == "内蒙古");
    CHECK(r.records[2][1] == "化学需氧量");
}

TEST_CASE("a GB18030 decoding error comes after the CSV error before it", "[fuzz][encoding]") {
    // fuzz_csv: the decoder dropped the text it had converted before a bad byte, so a stray quote
    // in that text was reported, or not, depending on how the file was read.
    const reading r = read_every_way("ndi\"\xBA,", plancheck::text_encoding::gb18030);
    REQUIRE(r.failure.has_value());
    CHECK(r.failure->code == error_code::csv_quote);
    CHECK(r.failure->where.line == 1);
    CHECK(r.failure->where.column == 4);

    const reading bad_byte = read_every_way("a,b\nc,\xBA,d\n", plancheck::text_encoding::gb18030);
    REQUIRE(bad_byte.failure.has_value());
    CHECK(bad_byte.failure->code == error_code::encoding);
    CHECK(bad_byte.records.size() == 1);
}

TEST_CASE("invalid UTF-8 is reported at its first byte however the file is read", "[fuzz][csv]") {
    // fuzz_csv: the reader validates ahead of the record it parses; a second invalid byte read
    // before the record holding the first one replaced it, so that record passed with invalid
    // bytes in it and the error named a later line.
    const reading r = read_every_way("\xE9\x87\x8F,\n\xA8\xA8,\n\xA8");
    REQUIRE(r.failure.has_value());
    CHECK(r.failure->code == error_code::encoding);
    CHECK(r.failure->where.line == 2);
    CHECK(r.failure->where.column == 1);
    CHECK(r.records.size() == 1);
}

TEST_CASE("non-ASCII characters where TOML allows none are syntax errors, not undefined behaviour",
          "[fuzz][rules]") {
    // fuzz_rules: toml++ 3.3 reaches __builtin_unreachable when it asks whether 、。《》é … are
    // whitespace, which it does for any such character outside a string (marzer/tomlplusplus#190).
    for (const std::string text : {"x = 1、\n", "x = true。\n", "《x》 = 1\n", "x = [1、2]\n", "é = 1\n", "x = 2020-01-01、\n",
                                   "[plan]\nid = \"a\"\n、\n", "x = \"\"\"a\\、\"\"\"\n"}) {
        INFO(text);
        auto loaded = plancheck::load_plan(text, "f.toml");
        REQUIRE_FALSE(loaded.has_value());
        CHECK(loaded.error().code == error_code::rule_syntax);
        CHECK(loaded.error().where.line >= 1);
        CHECK(loaded.error().where.column >= 1);
    }
    // In a multi-line string, the first character after a line-ending backslash is tested too:
    // valid TOML, and the string keeps it.
    auto loaded = plancheck::load_plan_file(PLANCHECK_TEST_DATA "/bad/rule-multiline-backslash.toml");
    REQUIRE(loaded.has_value());
    REQUIRE(loaded->targets.size() == 1);
    CHECK(loaded->targets[0].source == "、全区化学需氧量排放量控制在77.63万吨以内");
}

TEST_CASE("a control character in a rule file is a syntax error at its position", "[fuzz][rules]") {
    // fuzz_rules: toml++ 3.3 asserts when a table header "[[" is followed by a control character.
    for (const std::string& text : {std::string("[[\x01indicator]]\n"), std::string("x = 1\n[[\x1F"),
                                   std::string("x = \"a\x7F\"\n")}) {
        INFO(text);
        auto loaded = plancheck::load_plan(text, "f.toml");
        REQUIRE_FALSE(loaded.has_value());
        CHECK(loaded.error().code == error_code::rule_syntax);
        CHECK(loaded.error().where.line >= 1);
    }
    auto loaded = plancheck::load_plan(std::string("x = 1\n[[\x01"), "f.toml");
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error().where.line == 2);
    CHECK(loaded.error().where.column == 3);
}

TEST_CASE("a table header without a key is a syntax error at its position", "[fuzz][rules]") {
    // fuzz_rules (CI smoke run): toml++ 3.3 asserts that a header's key starts with a key character,
    // which "[[[[target" and "[ =" break; the loader builds toml++ with its assertions off, so it
    // reports the error (this test program is built with assertions on, as Debug builds are).
    for (const auto& [text, column] : std::vector<std::pair<std::string, std::uint32_t>>{
             {"x = 1\n[[[[target]]]]\n", 3}, {"x = 1\n[ =target]\n", 3}, {"x = 1\n[[ ,\n", 4}}) {
        INFO(text);
        auto loaded = plancheck::load_plan(text, "f.toml");
        REQUIRE_FALSE(loaded.has_value());
        CHECK(loaded.error().code == error_code::rule_syntax);
        CHECK(loaded.error().where.line == 2);
        CHECK(loaded.error().where.column == column);
    }
}

TEST_CASE("a derivation missing one of its two indicators is that error alone, collecting every error",
          "[fuzz][rules]") {
    // fuzz_rules: in collect-all mode (lint) a ratio without its denominator was still resolved,
    // reading a second input past the end of a vector of one, and reported a made-up dimension error.
    const std::string ratio_line = "ratio = { numerator = \"emissions.cod\" }";
    const std::vector<std::string> derivations{
        ratio_line,
        "saving = { output = \"emissions.cod\", method = \"chain\" }",
        "task_completion = { intensity = \"emissions.cod\", savings = [\"emissions.cod\"], target = \"cod-cap\" }",
    };
    for (const std::string& derivation : derivations) {
        INFO(derivation);
        std::ifstream in(PLANCHECK_TEST_DATA "/bad/rule-ratio-missing-part.toml", std::ios::binary);
        std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        const std::size_t at = text.find(ratio_line);
        REQUIRE(at != std::string::npos);
        text.replace(at, ratio_line.size(), derivation);
        plancheck::diagnostics all;
        REQUIRE_FALSE(plancheck::load_plan(text, "f.toml", &all).has_value());
        REQUIRE(all.size() == 1);
        CHECK(all.front().code == error_code::rule_field);
        CHECK(all.front().where.line == 27);
    }
}
