// Fuzzes the CSV reader (plancheck::csv::reader) on arbitrary bytes.
//
// The first two bytes choose the dialect and limits; the rest is the input. Each input is read
// twice: once in one piece with a large buffer, once trickled a few bytes at a time into the
// smallest buffer the reader allows, so every record is split at every place a read can end.
// Besides the sanitizers' findings, the properties checked are that both readings return the
// same records (text, quoting, line and column of every field) and end the same way (the same
// error code; the same line and column unless the error is a size limit, which a streaming
// reader may meet earlier), and that every position is 1-based.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/encoding.hpp"

namespace {

struct field_seen {
    std::string text;
    bool quoted;
    std::uint32_t line;
    std::uint32_t column;
    bool operator==(const field_seen&) const = default;
};

struct reading {
    std::vector<std::vector<field_seen>> records;
    std::optional<plancheck::error> failure;
    std::uint64_t blank_lines = 0;
};

reading read_all(std::unique_ptr<plancheck::csv::byte_source> source, const plancheck::csv::options& opts,
                 std::optional<plancheck::text_encoding> encoding) {
    if (encoding)
        source = std::make_unique<plancheck::decoding_source>(std::move(source), *encoding, "fuzz.csv");
    plancheck::csv::reader reader(std::move(source), "fuzz.csv", opts);
    plancheck::csv::record rec;
    reading out;
    std::size_t width = 0;
    while (true) {
        auto more = reader.next(rec);
        if (!more) {
            out.failure = std::move(more).error();
            // The reader stays at the end after an error.
            auto again = reader.next(rec);
            PLANCHECK_FUZZ_CHECK(again.has_value() && !*again);
            break;
        }
        if (!*more) break;
        PLANCHECK_FUZZ_CHECK(!rec.empty());
        PLANCHECK_FUZZ_CHECK(rec.line() >= 1);
        if (opts.require_uniform_width) {
            if (width == 0) width = rec.size();
            PLANCHECK_FUZZ_CHECK(rec.size() == width);
        }
        PLANCHECK_FUZZ_CHECK(rec.size() <= opts.max_fields);
        std::vector<field_seen> fields;
        for (std::size_t i = 0; i < rec.size(); ++i) {
            const auto o = rec.origin_of(i);
            PLANCHECK_FUZZ_CHECK(o.line >= rec.line() && o.column >= 1 && o.file == "fuzz.csv");
            PLANCHECK_FUZZ_CHECK(rec[i].size() <= opts.max_field_bytes);
            fields.push_back({std::string(rec[i]), rec.quoted(i), o.line, o.column});
        }
        out.records.push_back(std::move(fields));
    }
    out.blank_lines = reader.blank_lines();
    if (out.failure) {
        PLANCHECK_FUZZ_CHECK(out.failure->where.file == "fuzz.csv");
        PLANCHECK_FUZZ_CHECK(out.failure->where.line >= 1 && out.failure->where.column >= 1);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::uint8_t dialect = data[0];
    const std::uint8_t shape = data[1];
    const std::string input(reinterpret_cast<const char*>(data) + 2, size - 2);

    plancheck::csv::options opts;
    static constexpr char delimiters[] = {',', ';', '\t', '|'};
    opts.delimiter = delimiters[dialect & 3];
    opts.require_uniform_width = (dialect & 4) == 0;
    if ((dialect & 8) != 0) {  // small limits, so that inputs of a few bytes reach them
        opts.max_field_bytes = 1 + (shape & 15);
        opts.max_record_bytes = opts.max_field_bytes * 3;
        opts.max_fields = 1 + ((shape >> 4) & 7);
    }
    std::optional<plancheck::text_encoding> encoding;
    if ((dialect & 0x30) == 0x10) encoding = plancheck::text_encoding::automatic;
    if ((dialect & 0x30) == 0x20) encoding = plancheck::text_encoding::gb18030;

    plancheck::csv::options whole = opts;
    whole.chunk_bytes = std::size_t{1} << 16;
    const reading reference = read_all(plancheck::csv::from_string(input), whole, encoding);

    plancheck::csv::options small = opts;
    small.chunk_bytes = 1 + (dialect >> 6);
    const std::size_t step = 1 + (shape >> 7) * 6;
    const reading trickled = read_all(std::make_unique<plancheck_fuzz::trickle_source>(input, step), small, encoding);

    PLANCHECK_FUZZ_CHECK(reference.failure.has_value() == trickled.failure.has_value());
    if (reference.failure) {
        const plancheck::error& a = *reference.failure;
        const plancheck::error& b = *trickled.failure;
        const bool limit = a.code == plancheck::error_code::csv_field_size || b.code == plancheck::error_code::csv_field_size;
        if (!limit) {
            PLANCHECK_FUZZ_CHECK(a.code == b.code);
            PLANCHECK_FUZZ_CHECK(a.where.line == b.where.line && a.where.column == b.where.column);
        }
        const std::size_t common = std::min(reference.records.size(), trickled.records.size());
        for (std::size_t i = 0; i < common; ++i) PLANCHECK_FUZZ_CHECK(reference.records[i] == trickled.records[i]);
        if (!limit) PLANCHECK_FUZZ_CHECK(reference.records.size() == trickled.records.size());
    } else {
        PLANCHECK_FUZZ_CHECK(reference.records == trickled.records);
        PLANCHECK_FUZZ_CHECK(reference.blank_lines == trickled.blank_lines);
    }
    return 0;
}
