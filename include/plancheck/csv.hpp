#pragma once
/// A streaming RFC 4180 CSV reader that knows nothing about indicators.
///
/// Quoted fields with `""` escapes and embedded newlines, CRLF or LF (or a lone CR), UTF-8 with
/// or without a byte-order mark, with or without a final newline; empty lines are skipped and
/// counted. Invalid UTF-8, an unterminated quote, a stray quote, a ragged row and a field over
/// the size limit are errors with the exact line and column. Memory does not grow with the
/// length of the file, only with the longest record.
///
///     plancheck::csv::reader r(plancheck::csv::open_file("data.csv").value(), "data.csv");
///     plancheck::csv::record rec;
///     while (true) {
///         auto more = r.next(rec);
///         if (!more) { report(more.error()); break; }
///         if (!*more) break;               // end of input
///         use(rec[0], rec.origin_of(0));
///     }

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plancheck/error.hpp"

namespace plancheck::csv {

/// Where the reader gets its bytes from.
class byte_source {
public:
    /// Sources are owned through std::unique_ptr<byte_source>.
    virtual ~byte_source() = default;
    /// Reads up to `size` bytes into `buffer`; 0 means end of input.
    virtual result<std::size_t> read(char* buffer, std::size_t size) = 0;
};

/// Bytes of a file; E-IO when it cannot be opened.
[[nodiscard]] result<std::unique_ptr<byte_source>> open_file(const std::string& path);
/// Bytes of standard input.
[[nodiscard]] std::unique_ptr<byte_source> open_stdin();
/// Bytes of a string (copied).
[[nodiscard]] std::unique_ptr<byte_source> from_string(std::string bytes);

/// Limits and dialect. The limits bound memory whatever the input.
struct options {
    std::size_t max_field_bytes = std::size_t{1} << 20;   ///< 1 MiB per field
    std::size_t max_record_bytes = std::size_t{8} << 20;  ///< 8 MiB per record
    std::size_t max_fields = 100000;                       ///< fields per record
    std::size_t chunk_bytes = std::size_t{1} << 20;       ///< bytes read at a time
    char delimiter = ',';  ///< field separator
    bool require_uniform_width = true;  ///< every record has as many fields as the first
};

/// One record; its views stay valid until the next call to `reader::next`.
class record {
public:
    /// Number of fields.
    [[nodiscard]] std::size_t size() const { return fields_.size(); }
    /// True when the record has no field.
    [[nodiscard]] bool empty() const { return fields_.empty(); }
    /// The field's text, with quotes removed and `""` unescaped.
    [[nodiscard]] std::string_view operator[](std::size_t i) const { return fields_[i].text; }
    /// True when the field was written in quotes.
    [[nodiscard]] bool quoted(std::size_t i) const { return fields_[i].quoted; }
    /// Line of the record's first byte (1-based).
    [[nodiscard]] std::uint32_t line() const { return line_; }
    /// Line and 1-based character column of field i's first byte.
    [[nodiscard]] std::uint32_t line_of(std::size_t i) const { return fields_[i].line; }
    /// 1-based character column of field i's first byte (a Chinese character counts one).
    [[nodiscard]] std::uint32_t column_of(std::size_t i) const;
    /// file:line:column of field i.
    [[nodiscard]] origin origin_of(std::size_t i) const;
    /// file:line of the record.
    [[nodiscard]] origin where() const;

private:
    friend class reader;
    struct field {
        std::string_view text;
        const char* raw_begin;   // first byte in the reader's buffer (the quote, if quoted)
        const char* line_begin;  // first byte of the line that holds raw_begin
        std::uint32_t line;
        bool quoted;
    };
    std::vector<field> fields_;
    std::string unescaped_;  // storage for fields that held "" escapes
    std::uint32_t line_ = 0;
    const std::string* file_ = nullptr;
};

/// Where a reader starts when it continues a file at a record boundary instead of its start.
struct resume_point {
    std::uint32_t line = 1;  ///< line of the first byte
    std::size_t width = 0;   ///< fields each record must have; 0 when no record was read yet
};

/// Pulls records from a byte source.
class reader {
public:
    /// Reads from `source`; `name` is the file named in origins and errors.
    reader(std::unique_ptr<byte_source> source, std::string name, options opts = {});
    /// Continues a file at a record boundary: from `source`, starting at `at` (no byte-order
    /// mark is looked for). Gives the records, errors and positions the reader that started at
    /// the beginning of the file would have given from there.
    reader(std::unique_ptr<byte_source> source, std::string name, options opts, resume_point at);
    /// The same over bytes in memory that hold whole records (the end of `bytes` is the end of
    /// input); they are not copied, so they must outlive the reader.
    reader(std::string_view bytes, std::string name, options opts, resume_point at);

    /// Reads the next record into `out`: true when one was read, false at the end of input,
    /// an error (with line and column) when the input is malformed. After an error the reader
    /// stays at the end.
    [[nodiscard]] result<bool> next(record& out);

    /// The name used in origins (the path as given, or "<stdin>").
    [[nodiscard]] const std::string& name() const { return name_; }
    /// Empty lines skipped so far.
    [[nodiscard]] std::uint64_t blank_lines() const { return blank_lines_; }
    /// Records returned so far.
    [[nodiscard]] std::uint64_t records() const { return records_; }
    /// Bytes consumed from the source so far.
    [[nodiscard]] std::uint64_t bytes_read() const { return bytes_read_; }
    /// True when the input started with a UTF-8 byte-order mark (which was skipped).
    [[nodiscard]] bool had_bom() const { return had_bom_; }
    /// Where the next record starts: its line, and the width records must have.
    [[nodiscard]] resume_point position() const { return {line_, expected_width_}; }

    /// What a reader hands over to continue elsewhere: the bytes it read but did not parse
    /// (they start at position()), its source, and whether that source has ended.
    struct handover {
        std::string pending;                  ///< read, not parsed
        std::unique_ptr<byte_source> source;  ///< the rest of the input
        bool ended = false;                   ///< the source reported its end
    };
    /// Hands over the unparsed bytes and the source; the reader then reads nothing more.
    [[nodiscard]] handover release();

private:
    enum class outcome { record, need_more, blank, end };
    result<outcome> parse(record& out);
    bool parse_plain(record& out, const char* start, const char* end);
    result<bool> fill();
    void validate();
    error error_at(error_code code, const char* at, std::uint32_t line, const char* line_begin,
                   std::string en, std::string zh) const;

    std::unique_ptr<byte_source> source_;
    std::string name_;
    options opts_;
    std::array<bool, 256> special_{};  // bytes that end an unquoted field
    std::vector<char> buffer_;
    const char* data_ = nullptr;  // the bytes: buffer_, or the caller's memory
    std::size_t begin_ = 0;  // first unparsed byte
    std::size_t end_ = 0;    // one past the last valid byte
    // UTF-8 is checked ahead of parsing, a buffer at a time: bytes before validated_ are valid
    // up to invalid_ (the first invalid byte, or npos), which the record holding it reports.
    std::size_t validated_ = 0;
    std::size_t invalid_ = static_cast<std::size_t>(-1);
    bool eof_ = false;
    bool failed_ = false;
    bool started_ = false;
    bool had_bom_ = false;
    std::uint32_t line_ = 1;  // line of buffer_[begin_]
    std::size_t expected_width_ = 0;
    std::uint64_t blank_lines_ = 0;
    std::uint64_t records_ = 0;
    std::uint64_t bytes_read_ = 0;
};

}  // namespace plancheck::csv
