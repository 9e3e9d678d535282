// The streaming CSV reader: RFC 4180 fields, line ends, BOM, blank lines, and every error with
// its exact code, line and character column, also when records cross buffer refills.

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catch.hpp"
#include "plancheck/csv.hpp"
#include "trickle_source.hpp"

namespace Catch {
template <>
struct StringMaker<plancheck::error_code> {
    static std::string convert(plancheck::error_code c) { return std::string(plancheck::to_string(c)); }
};
}  // namespace Catch

namespace {

namespace csv = plancheck::csv;
using plancheck::error_code;

using plancheck_test::trickle_source;

// A huge input made up on demand: `head`, then `pattern` repeated up to `total` bytes. Nothing
// of it is held in memory, so a test can prove the reader stops early.
class lazy_source final : public csv::byte_source {
public:
    lazy_source(std::string head, std::string pattern, std::uint64_t total)
        : head_(std::move(head)), pattern_(std::move(pattern)), total_(total) {}
    plancheck::result<std::size_t> read(char* buffer, std::size_t size) override {
        const std::uint64_t left = total_ - pos_;
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(size, left));
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t at = pos_ + i;
            buffer[i] = at < head_.size() ? head_[static_cast<std::size_t>(at)]
                                          : pattern_[static_cast<std::size_t>((at - head_.size()) % pattern_.size())];
        }
        pos_ += n;
        return n;
    }

private:
    std::string head_;
    std::string pattern_;
    std::uint64_t total_;
    std::uint64_t pos_ = 0;
};

// A source whose second read fails, as a disk or pipe might.
class failing_source final : public csv::byte_source {
public:
    plancheck::result<std::size_t> read(char* buffer, std::size_t size) override {
        if (calls_++ == 0) {
            const std::string_view first = "a,b\n1,";
            const std::size_t n = std::min(size, first.size());
            std::memcpy(buffer, first.data(), n);
            return n;
        }
        return plancheck::make_error(error_code::io, "cannot read: Input/output error", "无法读取");
    }

private:
    int calls_ = 0;
};

// Everything a reader produced, copied out of its buffer.
struct outcome {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::vector<bool>> quoted;
    std::vector<std::uint32_t> lines;                         // line of each record
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> positions;  // line:column per field
    std::optional<plancheck::error> error;
    std::uint64_t blank_lines = 0;
    std::uint64_t records = 0;
    std::uint64_t bytes_read = 0;
    bool bom = false;
};

outcome drain(csv::reader& r) {
    outcome out;
    csv::record rec;
    while (true) {
        auto more = r.next(rec);
        if (!more) {
            out.error = more.error();
            break;
        }
        if (!*more) break;
        std::vector<std::string> row;
        std::vector<bool> quoted;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> pos;
        for (std::size_t i = 0; i < rec.size(); ++i) {
            row.emplace_back(rec[i]);
            quoted.push_back(rec.quoted(i));
            pos.emplace_back(rec.line_of(i), rec.column_of(i));
        }
        out.rows.push_back(std::move(row));
        out.quoted.push_back(std::move(quoted));
        out.positions.push_back(std::move(pos));
        out.lines.push_back(rec.line());
    }
    out.blank_lines = r.blank_lines();
    out.records = r.records();
    out.bytes_read = r.bytes_read();
    out.bom = r.had_bom();
    return out;
}

outcome read_all(std::string text, csv::options opts = {}) {
    csv::reader r(csv::from_string(std::move(text)), "data.csv", opts);
    return drain(r);
}

outcome read_trickled(std::string text, std::size_t step, csv::options opts = {}) {
    csv::reader r(std::make_unique<trickle_source>(std::move(text), step), "data.csv", opts);
    return drain(r);
}

csv::options with_chunk(std::size_t chunk) {
    csv::options o;
    o.chunk_bytes = chunk;
    return o;
}

using rows_t = std::vector<std::vector<std::string>>;

// Asserts that reading failed with exactly this code at this line and column.
void require_error(const outcome& o, error_code code, std::uint32_t line, std::uint32_t column) {
    REQUIRE(o.error.has_value());
    INFO(o.error->format(plancheck::language::en));
    CHECK(o.error->code == code);
    CHECK(o.error->where.file == "data.csv");
    CHECK(o.error->where.line == line);
    CHECK(o.error->where.column == column);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Fields and records

TEST_CASE("Records are split into fields at the delimiter", "[csv]") {
    const auto o = read_all("region,indicator,year,value,unit\n内蒙古自治区,energy.total_consumption,2020,22700,万吨标准煤\n");
    REQUIRE_FALSE(o.error);
    CHECK(o.rows == rows_t{{"region", "indicator", "year", "value", "unit"},
                           {"内蒙古自治区", "energy.total_consumption", "2020", "22700", "万吨标准煤"}});
    CHECK(o.lines == std::vector<std::uint32_t>{1, 2});
    CHECK(o.records == 2);
    CHECK_FALSE(o.bom);
    CHECK(o.blank_lines == 0);
}

TEST_CASE("Quoted fields lose their quotes and keep delimiters inside", "[csv][quotes]") {
    const auto o = read_all("\"a\",\"b,c\",d\n");
    REQUIRE_FALSE(o.error);
    CHECK(o.rows == rows_t{{"a", "b,c", "d"}});
    CHECK(o.quoted == std::vector<std::vector<bool>>{{true, true, false}});
}

TEST_CASE("A doubled quote inside a quoted field is one quote", "[csv][quotes]") {
    const auto o = read_all("\"say \"\"hi\"\"\",\"\"\"\",plain,\"内\"\"蒙\"\"古\"\n");
    REQUIRE_FALSE(o.error);
    CHECK(o.rows == rows_t{{"say \"hi\"", "\"", "plain", "内\"蒙\"古"}});
    CHECK(o.quoted == std::vector<std::vector<bool>>{{true, true, false, true}});
}

TEST_CASE("An empty quoted field is empty and quoted", "[csv][quotes]") {
    const auto o = read_all("a,\"\",c\n\"\",\"\",\"\"\n");
    REQUIRE_FALSE(o.error);
    CHECK(o.rows == rows_t{{"a", "", "c"}, {"", "", ""}});
    CHECK(o.quoted[0] == std::vector<bool>{false, true, false});
}

TEST_CASE("A trailing delimiter gives an empty last field", "[csv]") {
    const auto o = read_all("a,b,\n1,2,\n3,4,");
    REQUIRE_FALSE(o.error);
    CHECK(o.rows == rows_t{{"a", "b", ""}, {"1", "2", ""}, {"3", "4", ""}});
    CHECK_FALSE(o.quoted[2][2]);
}

TEST_CASE("Chinese text fields are kept byte for byte", "[csv]") {
    const auto o = read_all("地区,指标,年份\n内蒙古自治区,单位GDP能耗降低率,2020\n呼和浩特市,\"化学需氧量，氨氮\",2016\n");
    REQUIRE_FALSE(o.error);
    CHECK(o.rows[1] == std::vector<std::string>{"内蒙古自治区", "单位GDP能耗降低率", "2020"});
    CHECK(o.rows[2][1] == "化学需氧量，氨氮");
}

TEST_CASE("Columns count characters, not bytes", "[csv][origin]") {
    const auto o = read_all("地区,指标,year\n内蒙古自治区,能耗,2020\n");
    REQUIRE_FALSE(o.error);
    CHECK(o.positions[0] == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{1, 1}, {1, 4}, {1, 7}});
    CHECK(o.positions[1] == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{2, 1}, {2, 8}, {2, 11}});
}

TEST_CASE("A record's origin names the file, line and column", "[csv][origin]") {
    csv::reader r(csv::from_string("a,b\n内蒙古,\"x\"\n"), "2020.csv");
    csv::record rec;
    REQUIRE(*r.next(rec));
    REQUIRE(*r.next(rec));
    CHECK(rec.origin_of(1).to_string() == "2020.csv:2:5");  // points at the opening quote
    CHECK(rec.where().to_string() == "2020.csv:2");
    CHECK(r.name() == "2020.csv");
    CHECK(r.records() == 2);
    REQUIRE_FALSE(*r.next(rec));
    CHECK(r.records() == 2);
}

// ---------------------------------------------------------------------------------------------
// Line ends, BOM, blank lines

TEST_CASE("CRLF, LF and lone CR all end records", "[csv][lines]") {
    const auto o = read_all("a,b\r\nc,d\ne,f\rg,h");
    REQUIRE_FALSE(o.error);
    CHECK(o.rows == rows_t{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}});
    CHECK(o.lines == std::vector<std::uint32_t>{1, 2, 3, 4});
}

TEST_CASE("Input without a final newline ends its last record", "[csv][lines]") {
    const auto o = read_all("a,b\nc,d");
    REQUIRE_FALSE(o.error);
    CHECK(o.rows == rows_t{{"a", "b"}, {"c", "d"}});
    const auto quoted = read_all("a,b\nc,\"d\"");
    REQUIRE_FALSE(quoted.error);
    CHECK(quoted.rows == rows_t{{"a", "b"}, {"c", "d"}});
}

TEST_CASE("A line break inside quotes is part of the field and counts as a line", "[csv][lines]") {
    SECTION("LF") {
        const auto o = read_all("h1,h2\n\"line1\nline2\",x\nnext,y\n");
        REQUIRE_FALSE(o.error);
        CHECK(o.rows == rows_t{{"h1", "h2"}, {"line1\nline2", "x"}, {"next", "y"}});
        CHECK(o.lines == std::vector<std::uint32_t>{1, 2, 4});
        CHECK(o.positions[1] == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{2, 1}, {3, 8}});
    }
    SECTION("CRLF counts once") {
        const auto o = read_all("h\r\n\"a\r\nb\r\nc\"\r\nz\r\n");
        REQUIRE_FALSE(o.error);
        CHECK(o.rows == rows_t{{"h"}, {"a\r\nb\r\nc"}, {"z"}});
        CHECK(o.lines == std::vector<std::uint32_t>{1, 2, 5});
    }
    SECTION("a lone CR counts, as it does between records") {
        // Regression: only LF was counted inside quotes, so a file with CR line ends and a
        // multi-line field had every later line number one too small.
        const auto o = read_all("h\r\"a\rb\"\rz\r");
        REQUIRE_FALSE(o.error);
        CHECK(o.rows == rows_t{{"h"}, {"a\rb"}, {"z"}});
        CHECK(o.lines == std::vector<std::uint32_t>{1, 2, 4});
    }
    SECTION("two multi-line fields in one record") {
        const auto o = read_all("a,b\n\"多\n行\",\"x\r\ny\"\n内蒙古,2020\n");
        REQUIRE_FALSE(o.error);
        CHECK(o.lines == std::vector<std::uint32_t>{1, 2, 5});
        CHECK(o.positions[1] == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{2, 1}, {3, 4}});
    }
}

TEST_CASE("A UTF-8 byte-order mark is skipped and reported", "[csv][bom]") {
    const auto o = read_all("\xEF\xBB\xBFregion,值\n内蒙古,1\n");
    REQUIRE_FALSE(o.error);
    CHECK(o.bom);
    CHECK(o.rows[0] == std::vector<std::string>{"region", "值"});
    CHECK(o.positions[0][1] == std::pair<std::uint32_t, std::uint32_t>{1, 8});  // the BOM takes no column

    SECTION("and does not shift error columns") {
        const auto bad = read_all("\xEF\xBB\xBF值,a\"b\n");
        require_error(bad, error_code::csv_quote, 1, 4);
        CHECK(bad.bom);
    }
    SECTION("a BOM alone is an empty file") {
        const auto empty = read_all("\xEF\xBB\xBF");
        REQUIRE_FALSE(empty.error);
        CHECK(empty.bom);
        CHECK(empty.rows.empty());
    }
    SECTION("a BOM delivered one byte at a time is still found") {
        const auto slow = read_trickled("\xEF\xBB\xBF" "a,b\n", 1);
        REQUIRE_FALSE(slow.error);
        CHECK(slow.bom);
        CHECK(slow.rows == rows_t{{"a", "b"}});
    }
    SECTION("without one, had_bom is false") {
        CHECK_FALSE(read_all("a\n").bom);
    }
}

TEST_CASE("Blank lines are skipped and counted", "[csv][lines]") {
    const auto o = read_all("a\n\nb\r\n\r\n\rc\n\n");
    REQUIRE_FALSE(o.error);
    CHECK(o.rows == rows_t{{"a"}, {"b"}, {"c"}});
    CHECK(o.lines == std::vector<std::uint32_t>{1, 3, 6});
    CHECK(o.blank_lines == 4);
    CHECK(o.records == 3);
}

TEST_CASE("Empty input and input of blank lines have no records", "[csv][lines]") {
    const auto empty = read_all("");
    REQUIRE_FALSE(empty.error);
    CHECK(empty.records == 0);
    CHECK(empty.rows.empty());

    const auto blanks = read_all("\n\r\n\r");
    REQUIRE_FALSE(blanks.error);
    CHECK(blanks.records == 0);
    CHECK(blanks.blank_lines == 3);
}

// ---------------------------------------------------------------------------------------------
// Options

TEST_CASE("Another delimiter can be chosen", "[csv][options]") {
    csv::options semi;
    semi.delimiter = ';';
    const auto o = read_all("a;\"b;c\";d,e\n", semi);
    REQUIRE_FALSE(o.error);
    CHECK(o.rows == rows_t{{"a", "b;c", "d,e"}});

    csv::options tab;
    tab.delimiter = '\t';
    const auto t = read_all("地区\t值\n内蒙古\t1,234\n", tab);
    REQUIRE_FALSE(t.error);
    CHECK(t.rows == rows_t{{"地区", "值"}, {"内蒙古", "1,234"}});
}

TEST_CASE("Ragged rows are allowed when uniform width is not required", "[csv][options]") {
    csv::options loose;
    loose.require_uniform_width = false;
    const auto o = read_all("a,b\n1\n1,2,3\n", loose);
    REQUIRE_FALSE(o.error);
    CHECK(o.rows == rows_t{{"a", "b"}, {"1"}, {"1", "2", "3"}});
}

// ---------------------------------------------------------------------------------------------
// Buffer refills

TEST_CASE("Records that cross buffer refills read the same as in one piece", "[csv][chunks]") {
    std::string text = "\xEF\xBB\xBF地区,指标,年份,值,单位\r\n";
    for (int i = 0; i < 60; ++i) {
        text += "内蒙古自治区,\"energy \"\"total\"\"\n第" + std::to_string(i) + "行\",";
        text += std::to_string(2016 + i % 5) + ",\"" + std::to_string(i * 1.5) + "\",万吨标准煤";
        text += (i % 3 == 0) ? "\r\n" : (i % 3 == 1 ? "\n" : "\r");
        if (i % 7 == 0) text += "\r\n";  // a blank line (CRLF, so a lone CR before it stays one)
    }
    text += "末,,,\"\",";  // no final newline, empty fields at the end

    const auto whole = read_all(text);
    REQUIRE_FALSE(whole.error);
    REQUIRE(whole.records == 62);
    CHECK(whole.bom);
    CHECK(whole.blank_lines == 9);
    CHECK(whole.rows[1][1] == "energy \"total\"\n第0行");
    CHECK(whole.rows.back() == std::vector<std::string>{"末", "", "", "", ""});

    SECTION("small chunks") {
        const std::size_t chunk = GENERATE(as<std::size_t>{}, 1, 4, 7, 64, 1000);
        INFO("chunk_bytes " << chunk);
        const auto o = read_all(text, with_chunk(chunk));
        REQUIRE_FALSE(o.error);
        CHECK(o.rows == whole.rows);
        CHECK(o.lines == whole.lines);
        CHECK(o.positions == whole.positions);
        CHECK(o.quoted == whole.quoted);
        CHECK(o.blank_lines == whole.blank_lines);
        CHECK(o.bom);
        CHECK(o.bytes_read == text.size());
    }
    SECTION("a source that hands out a few bytes at a time") {
        const std::size_t step = GENERATE(as<std::size_t>{}, 1, 2, 3, 5, 13);
        INFO("bytes per read " << step);
        const auto o = read_trickled(text, step, with_chunk(7));
        REQUIRE_FALSE(o.error);
        CHECK(o.rows == whole.rows);
        CHECK(o.lines == whole.lines);
        CHECK(o.positions == whole.positions);
        CHECK(o.blank_lines == whole.blank_lines);
    }
}

TEST_CASE("A record longer than the buffer is read whole even with chunk_bytes of 1", "[csv][chunks]") {
    // Regression: with chunk_bytes 1 (or 0) a full buffer was not grown, the source was asked
    // for zero bytes, and that was taken for the end of input: the record was cut silently.
    const std::string long_field(200, 'x');
    const std::string text = "a,b\n" + long_field + ",\"" + long_field + "\"\nc,d\n";
    for (const std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{2}}) {
        INFO("chunk_bytes " << chunk);
        const auto o = read_all(text, with_chunk(chunk));
        REQUIRE_FALSE(o.error);
        CHECK(o.rows == rows_t{{"a", "b"}, {long_field, long_field}, {"c", "d"}});
    }
}

TEST_CASE("Errors are found at the same place whatever the chunk size", "[csv][chunks][errors]") {
    const std::string text = "地区,值\n\"多\n行\",1\n内蒙古,\"2\"x\n";
    const std::size_t chunk = GENERATE(as<std::size_t>{}, 1, 4, 7, 64);
    INFO("chunk_bytes " << chunk);
    require_error(read_all(text, with_chunk(chunk)), error_code::csv_quote, 4, 8);
    require_error(read_trickled(text, 3, with_chunk(chunk)), error_code::csv_quote, 4, 8);
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST_CASE("An unterminated quote points at the opening quote", "[csv][errors]") {
    const auto o = read_all("h1,h2\n吨标准煤,\"abc\ndef\n");
    require_error(o, error_code::csv_quote, 2, 6);
    CHECK(o.error->message.en == "unterminated quoted field: the closing quote is missing");
    CHECK(o.error->format(plancheck::language::en) ==
          "data.csv:2:6: error[E-CSV-QUOTE]: unterminated quoted field: the closing quote is missing");
    CHECK(o.records == 1);
}

TEST_CASE("A quote inside an unquoted field is an error at the quote", "[csv][errors]") {
    const auto o = read_all("h1,h2\n内蒙古,ab\"c\n");
    require_error(o, error_code::csv_quote, 2, 7);
    CHECK(o.error->message.en ==
          "quote inside an unquoted field (quote the whole field and write the quote as \"\")");
}

TEST_CASE("A character after a closing quote is an error at that character", "[csv][errors]") {
    require_error(read_all("h1,h2\n万吨,\"ab\"x\n"), error_code::csv_quote, 2, 8);
    SECTION("also when the quoted field spans lines") {
        require_error(read_all("h1,h2\n\"a\n吨\"x,1\n"), error_code::csv_quote, 3, 3);
    }
    SECTION("a space after the closing quote is a character too") {
        require_error(read_all("h1,h2\n\"a\" ,b\n"), error_code::csv_quote, 2, 4);
    }
}

TEST_CASE("A row with more fields than the header points at the first extra field", "[csv][errors]") {
    const auto o = read_all("a,b\n吨,煤,多,余\n");
    require_error(o, error_code::csv_ragged, 2, 5);
    CHECK(o.error->message.en == "row has 4 fields, the header has 2");
    CHECK(o.error->message.zh == "该行有 4 个字段，表头有 2 个");
    SECTION("on the line where that field starts") {
        require_error(read_all("a,b\n\"多\n行\",x,\"y\"\n"), error_code::csv_ragged, 3, 6);
    }
}

TEST_CASE("A row with fewer fields than the header points just after its last field", "[csv][errors]") {
    const auto o = read_all("a,b,c\n吨,煤\n");
    require_error(o, error_code::csv_ragged, 2, 4);
    CHECK(o.error->message.en == "row has 2 fields, the header has 3");
    SECTION("after a multi-line field") {
        require_error(read_all("a,b,c\n\"x\n内蒙古\",z\n"), error_code::csv_ragged, 3, 7);
    }
    SECTION("at the end of input without a newline") {
        require_error(read_all("a,b,c\n1,2"), error_code::csv_ragged, 2, 4);
    }
}

TEST_CASE("Invalid UTF-8 points at the bad byte", "[csv][errors][encoding]") {
    const auto o = read_all("h1,h2\n吨标准煤,ab\xFF" "c\n");
    require_error(o, error_code::encoding, 2, 8);
    CHECK(o.error->message.en ==
          "invalid UTF-8 byte 0xFF (if the file was saved by Excel on a Chinese Windows, try --encoding gb18030)");

    SECTION("GBK bytes, as Excel writes them") {
        // "内蒙古" in GBK: C4 DA C3 C9 B9 C5 — C4 DA is not a valid UTF-8 sequence.
        require_error(read_all("地区,值\n\xC4\xDA\xC3\xC9\xB9\xC5,1\n"), error_code::encoding, 2, 1);
    }
    SECTION("the line is right after multi-line quoted fields") {
        require_error(read_all("h1,h2\n\"多\n行\",\"x\r\ny\"\n内蒙古,\xC0\x80\n"), error_code::encoding, 5, 5);
    }
    SECTION("inside a multi-line quoted field") {
        require_error(read_all("h\n\"a\n吨b\xED\xA0\x80\"\n"), error_code::encoding, 3, 3);
    }
    SECTION("inside a multi-line quoted field with lone CRs") {
        require_error(read_all("h\r\"a\rb\xFF\"\r"), error_code::encoding, 3, 2);
    }
    SECTION("a multi-byte character cut by a refill is not an error") {
        const auto ok = read_all("值\n内蒙古自治区\n", with_chunk(1));
        REQUIRE_FALSE(ok.error);
        CHECK(ok.rows == rows_t{{"值"}, {"内蒙古自治区"}});
    }
}

TEST_CASE("A field over max_field_bytes is E-CSV-FIELD-SIZE at the field", "[csv][errors][limits]") {
    csv::options small;
    small.max_field_bytes = 5;
    small.chunk_bytes = 4;

    SECTION("unquoted") {
        const auto ok = read_all("h,i\n吨,abcde\n", small);  // 吨 is 3 bytes, abcde 5: both fit
        REQUIRE_FALSE(ok.error);
        const auto o = read_all("h,i\n吨,abcdef\n", small);
        require_error(o, error_code::csv_field_size, 2, 3);
        CHECK(o.error->message.en == "field longer than 5 bytes (the limit)");
    }
    SECTION("quoted: the same limit on the bytes between the quotes") {
        // Regression: a quoted field was allowed one byte more than an unquoted one.
        const auto ok = read_all("h,i\n吨,\"abcde\"\n", small);
        REQUIRE_FALSE(ok.error);
        require_error(read_all("h,i\n吨,\"abcdef\"\n", small), error_code::csv_field_size, 2, 3);
        require_error(read_all("h,i\n吨,\"abc\ndefgh\"\n", small), error_code::csv_field_size, 2, 3);
    }
    SECTION("an unterminated quoted field that outgrows the limit") {
        require_error(read_all("h\n\"" + std::string(100, 'x'), small), error_code::csv_field_size, 2, 1);
    }
}

TEST_CASE("A 3 MB field fails with default limits without reading the whole source", "[csv][errors][limits]") {
    const std::uint64_t hundred_mb = 100ull << 20;
    SECTION("unquoted") {
        csv::reader r(std::make_unique<lazy_source>("region,value\n内蒙古,", "x", hundred_mb), "data.csv");
        const auto o = drain(r);
        require_error(o, error_code::csv_field_size, 2, 5);
        CHECK(o.records == 1);
        CHECK(r.bytes_read() < (4u << 20));
    }
    SECTION("quoted, with line breaks inside") {
        csv::reader r(std::make_unique<lazy_source>("region,value\n内蒙古,\"", "\n", hundred_mb), "data.csv");
        const auto o = drain(r);
        require_error(o, error_code::csv_field_size, 2, 5);
        CHECK(r.bytes_read() < (4u << 20));
    }
    SECTION("a 3 MB field inside a 3 MB source") {
        const std::string text = "h\n" + std::string(3u << 20, 'y') + "\n";
        require_error(read_all(text), error_code::csv_field_size, 2, 1);
    }
}

TEST_CASE("A record over max_record_bytes is E-CSV-FIELD-SIZE at its first line", "[csv][errors][limits]") {
    csv::options small;
    small.max_field_bytes = 10;
    small.max_record_bytes = 30;
    small.chunk_bytes = 4;
    const std::string ok_row = "1234567890,1234567890,12345678";  // exactly 30 bytes
    const std::string long_row = "1234567890,1234567890,123456789";  // 31 bytes

    SECTION("a record of exactly the limit is read") {
        const auto o = read_all("a,b,c\n" + ok_row + "\r\n", small);
        REQUIRE_FALSE(o.error);
        CHECK(o.records == 2);
    }
    SECTION("one byte more is refused") {
        // Regression: the limit was only checked when the buffer had to grow past it, so
        // records a few times the limit were accepted.
        const auto o = read_all("a,b,c\n" + long_row + "\n", small);
        require_error(o, error_code::csv_field_size, 2, 1);
        CHECK(o.error->message.en == "record longer than 30 bytes (the limit)");
    }
    SECTION("also when it never ends") {
        csv::options tight = small;
        tight.require_uniform_width = false;
        csv::reader r(std::make_unique<lazy_source>("a\n", ",", 100ull << 20), "data.csv", tight);
        const auto o = drain(r);
        require_error(o, error_code::csv_field_size, 2, 1);
        CHECK(r.bytes_read() < 1024);
    }
    SECTION("with default limits a record over 8 MiB is refused early") {
        csv::reader r(std::make_unique<lazy_source>("a\n", std::string(1000, 'z') + ",", 100ull << 20), "data.csv",
                      [] {
                          csv::options o;
                          o.require_uniform_width = false;
                          return o;
                      }());
        const auto o = drain(r);
        require_error(o, error_code::csv_field_size, 2, 1);
        CHECK(r.bytes_read() < (20u << 20));
    }
}

TEST_CASE("After an error the reader stays at the end", "[csv][errors]") {
    csv::reader r(csv::from_string("a,b\n\"x,y\n1,2\n"), "data.csv");
    csv::record rec;
    REQUIRE(*r.next(rec));
    auto failed = r.next(rec);
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().code == error_code::csv_quote);
    for (int i = 0; i < 3; ++i) {
        auto again = r.next(rec);
        REQUIRE(again.has_value());
        CHECK_FALSE(*again);
    }
    CHECK(r.records() == 1);
}

TEST_CASE("A read error from the source is reported with the reader's name", "[csv][errors][io]") {
    csv::reader r(std::make_unique<failing_source>(), "pipe.csv");
    csv::record rec;
    REQUIRE(*r.next(rec));
    auto failed = r.next(rec);
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().code == error_code::io);
    CHECK(failed.error().where.file == "pipe.csv");
    CHECK(failed.error().where.line == 2);
    auto again = r.next(rec);
    REQUIRE(again.has_value());
    CHECK_FALSE(*again);
}

// ---------------------------------------------------------------------------------------------
// Files

TEST_CASE("open_file on a missing path is E-IO naming the path", "[csv][io]") {
    const std::string path = "/nonexistent-plancheck-dir/data.csv";
    auto src = csv::open_file(path);
    REQUIRE_FALSE(src.has_value());
    CHECK(src.error().code == error_code::io);
    CHECK(src.error().where.file == path);
    CHECK(src.error().message.en == "cannot open " + path + ": No such file or directory");
}

TEST_CASE("open_file reads a file from disk", "[csv][io]") {
    const auto dir = std::filesystem::temp_directory_path() / "plancheck_test_csv";
    std::filesystem::create_directories(dir);
    const auto path = (dir / "统计.csv").string();
    {
        std::ofstream f(path, std::ios::binary);
        f << "\xEF\xBB\xBFregion,indicator,year,value,unit\r\n内蒙古自治区,emissions.so2,2020,105.2,万吨\r\n";
    }
    auto src = csv::open_file(path);
    REQUIRE(src.has_value());
    csv::reader r(std::move(*src), path, with_chunk(16));
    const auto o = drain(r);
    REQUIRE_FALSE(o.error);
    CHECK(o.bom);
    CHECK(o.rows[1] == std::vector<std::string>{"内蒙古自治区", "emissions.so2", "2020", "105.2", "万吨"});
    CHECK(o.records == 2);
    std::filesystem::remove_all(dir);
}
