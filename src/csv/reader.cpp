#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "plancheck/csv.hpp"
#include "plancheck/text.hpp"

namespace plancheck::csv {

namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

// Bytes that end an unquoted field's fast scan.
std::array<bool, 256> special_bytes(char delimiter) {
    std::array<bool, 256> t{};
    t[static_cast<unsigned char>(delimiter)] = true;
    t[static_cast<unsigned char>('"')] = true;
    t[static_cast<unsigned char>('\r')] = true;
    t[static_cast<unsigned char>('\n')] = true;
    return t;
}

// True when the byte at c ends a line: LF, or a CR not followed by LF (a CRLF ends at its LF).
// Lines inside quoted fields are counted by the same rule as record ends, so a file written
// with lone CRs gets the same line numbers as one written with LF or CRLF.
bool ends_line(const char* c, const char* end) {
    return *c == '\n' || (*c == '\r' && (c + 1 == end || c[1] != '\n'));
}

// E-CSV-FIELD-SIZE for a record over the limit, pointing at the record's first line.
error record_too_long(std::size_t limit, const std::string& name, std::uint32_t line) {
    return make_error(error_code::csv_field_size, fmt::format("record longer than {} bytes (the limit)", limit),
                      fmt::format("记录超过 {} 字节的上限", limit), origin{name, line, 1});
}

// Bytes at the end of valid UTF-8 that start a character not complete yet (0 to 3).
std::size_t incomplete_tail(const char* begin, const char* end) {
    for (std::size_t back = 1; back <= 3 && back <= static_cast<std::size_t>(end - begin); ++back) {
        const auto c = static_cast<unsigned char>(end[-static_cast<std::ptrdiff_t>(back)]);
        if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
        const std::size_t length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        return length > back ? back : 0;
    }
    return 0;
}

// The first byte at or after p that ends an unquoted field (special), or end. Sixteen bytes
// at a time where sixteen are there: most fields of a statistics file are a few bytes long,
// and this is the loop every byte of the file goes through.
const char* scan_unquoted(const char* p, const char* end, const std::array<bool, 256>& special, char delimiter) {
#if defined(__SSE2__)
    const __m128i d = _mm_set1_epi8(delimiter);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, quote)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
        const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
        if (mask != 0) return p + __builtin_ctz(mask);
        p += 16;
    }
#else
    (void)delimiter;
#endif
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    const auto* const uend = reinterpret_cast<const unsigned char*>(end);
    while (u < uend && !special[*u]) ++u;
    return reinterpret_cast<const char*>(u);
}

// The end of a prefix of [p, end) that is valid UTF-8 in whole characters: ASCII sixteen bytes
// at a time, and the two- and three-byte characters of Chinese text. It stops at the first
// byte it does not vouch for (E0, ED and four-byte leads, invalid or incomplete sequences),
// from where text::find_invalid_utf8 decides.
const char* valid_prefix(const char* p, const char* end) {
    while (p < end) {
#if defined(__SSE2__)
        while (end - p >= 16) {
            const auto high = static_cast<unsigned>(
                _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
            if (high != 0) {
                p += __builtin_ctz(high);
                break;
            }
            p += 16;
        }
        if (p == end) break;
#endif
        // A run of characters that are not ASCII (a Chinese name is several in a row).
        const auto continuation = [&](std::ptrdiff_t k) { return (static_cast<unsigned char>(p[k]) & 0xC0) == 0x80; };
        while (p < end) {
            const auto c = static_cast<unsigned char>(*p);
            if (c < 0x80) {
                ++p;
                break;
            }
            if (c >= 0xE1 && c <= 0xEF && c != 0xED) {
                if (end - p < 3 || !continuation(1) || !continuation(2)) return p;
                p += 3;
            } else if (c >= 0xC2 && c <= 0xDF) {
                if (end - p < 2 || !continuation(1)) return p;
                p += 2;
            } else {
                return p;
            }
        }
    }
    return p;
}

std::uint32_t column_between(const char* line_begin, const char* at) {
    return static_cast<std::uint32_t>(
               text::count_code_points(std::string_view(line_begin, static_cast<std::size_t>(at - line_begin)))) +
           1;
}

}  // namespace

std::uint32_t record::column_of(std::size_t i) const {
    return column_between(fields_[i].line_begin, fields_[i].raw_begin);
}

origin record::origin_of(std::size_t i) const {
    return origin{file_ ? *file_ : std::string(), fields_[i].line, column_of(i)};
}

origin record::where() const { return origin{file_ ? *file_ : std::string(), line_, 0}; }

reader::reader(std::unique_ptr<byte_source> source, std::string name, options opts)
    : source_(std::move(source)), name_(std::move(name)), opts_(opts), special_(special_bytes(opts.delimiter)) {
    buffer_.resize(std::max<std::size_t>(opts_.chunk_bytes, 64));
    data_ = buffer_.data();
}

reader::reader(std::unique_ptr<byte_source> source, std::string name, options opts, resume_point at)
    : reader(std::move(source), std::move(name), opts) {
    started_ = true;
    line_ = at.line;
    expected_width_ = at.width;
}

reader::reader(std::string_view bytes, std::string name, options opts, resume_point at)
    : name_(std::move(name)), opts_(opts), special_(special_bytes(opts.delimiter)), data_(bytes.data()),
      end_(bytes.size()), eof_(true), started_(true), line_(at.line), expected_width_(at.width) {
    bytes_read_ = bytes.size();
}

reader::handover reader::release() {
    handover out{std::string(data_ + begin_, end_ - begin_), std::move(source_), eof_};
    begin_ = end_;
    failed_ = true;  // nothing more to read here
    return out;
}

void reader::validate() {
    validated_ = static_cast<std::size_t>(valid_prefix(data_ + validated_, data_ + end_) - data_);
    if (validated_ == end_) return;
    const std::string_view rest(data_ + validated_, end_ - validated_);
    if (const auto bad = text::find_invalid_utf8(rest, !eof_)) {
        // The first invalid byte stands until its record is read, even when more is read first.
        invalid_ = std::min(invalid_, validated_ + *bad);
        validated_ = end_;
        return;
    }
    // A character cut by the end of what was read is checked once the rest of it arrives.
    validated_ = end_ - (eof_ ? 0 : incomplete_tail(rest.data(), rest.data() + rest.size()));
}

error reader::error_at(error_code code, const char* at, std::uint32_t line, const char* line_begin,
                       std::string en, std::string zh) const {
    return make_error(code, std::move(en), std::move(zh), origin{name_, line, column_between(line_begin, at)});
}

result<bool> reader::fill() {
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        validated_ = validated_ > begin_ ? validated_ - begin_ : 0;
        if (invalid_ != static_cast<std::size_t>(-1)) invalid_ -= begin_;
        begin_ = 0;
    }
    // What is pending is the start of one record (fill is only called when parse needs more), so
    // the record limit bounds the buffer; one byte more than the limit may be a CR waiting for
    // its LF.
    if (end_ > opts_.max_record_bytes + 1) return record_too_long(opts_.max_record_bytes, name_, line_);
    // The pending record fills the buffer: grow when less than half a chunk is free, and always
    // when nothing is, since a read of zero bytes would be taken for the end of input.
    if (buffer_.size() - end_ < std::max<std::size_t>(opts_.chunk_bytes / 2, 1)) {
        buffer_.resize(buffer_.size() * 2);
        data_ = buffer_.data();
    }
    auto got = source_->read(buffer_.data() + end_, buffer_.size() - end_);
    if (!got) {
        auto err = std::move(got).error();
        if (err.where.file.empty()) err.where = origin{name_, line_, 0};
        return err;
    }
    if (*got == 0) eof_ = true;
    end_ += *got;
    bytes_read_ += *got;
    return true;
}

result<bool> reader::next(record& out) {
    out.file_ = &name_;
    if (failed_) return false;
    if (!started_) {
        started_ = true;
        while (!eof_ && end_ < bom.size()) {
            auto filled = fill();
            if (!filled) {
                failed_ = true;
                return std::move(filled).error();
            }
        }
        if (std::string_view(data_, end_).starts_with(bom)) {
            begin_ = bom.size();
            had_bom_ = true;
        }
    }
    while (true) {
        auto parsed = parse(out);
        if (!parsed) {
            failed_ = true;
            return std::move(parsed).error();
        }
        switch (*parsed) {
            case outcome::record: ++records_; return true;
            case outcome::blank: ++blank_lines_; continue;
            case outcome::end: return false;
            case outcome::need_more: {
                auto filled = fill();
                if (!filled) {
                    failed_ = true;
                    return std::move(filled).error();
                }
                continue;
            }
        }
    }
}

bool reader::parse_plain(record& out, const char* start, const char* end) {
#if defined(__SSE2__)
    // Sixteen bytes at a time: one mask of delimiters, one of the bytes that end the fast path
    // (a line break, a quote or a CR, which the careful path below handles).
    const __m128i d = _mm_set1_epi8(opts_.delimiter);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    out.fields_.clear();
    const char* field_begin = start;
    const char* p = start;
    const char* stop = nullptr;
    while (stop == nullptr) {
        if (end - p < 16) return false;
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        auto delimiters = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, d)));
        const auto stops = static_cast<unsigned>(_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)))));
        if (stops != 0) {
            const int at = __builtin_ctz(stops);
            stop = p + at;
            delimiters &= (1U << at) - 1;
        }
        while (delimiters != 0) {
            const char* at = p + __builtin_ctz(delimiters);
            delimiters &= delimiters - 1;
            out.fields_.push_back({std::string_view(field_begin, static_cast<std::size_t>(at - field_begin)),
                                   field_begin, start, line_, false});
            field_begin = at + 1;
        }
        p += 16;
    }
    if (*stop != '\n') return false;
    out.fields_.push_back(
        {std::string_view(field_begin, static_cast<std::size_t>(stop - field_begin)), field_begin, start, line_, false});
    // Anything the careful path would refuse is left to it, which says why and where.
    const auto length = static_cast<std::size_t>(stop - start);
    if (length > opts_.max_record_bytes || out.fields_.size() > opts_.max_fields) return false;
    if (length > opts_.max_field_bytes)
        for (const record::field& f : out.fields_)
            if (f.text.size() > opts_.max_field_bytes) return false;
    const auto content_end = static_cast<std::size_t>(stop - data_);
    if (validated_ < content_end) validate();
    if (invalid_ < content_end) return false;
    if (opts_.require_uniform_width) {
        if (expected_width_ == 0)
            expected_width_ = out.fields_.size();
        else if (out.fields_.size() != expected_width_)
            return false;
    }
    out.unescaped_.clear();
    out.line_ = line_;
    begin_ = content_end + 1;
    ++line_;
    return true;
#else
    (void)out;
    (void)start;
    (void)end;
    return false;
#endif
}

result<reader::outcome> reader::parse(record& out) {
    const std::array<bool, 256>& special = special_;
    const char delimiter = opts_.delimiter;

    const char* const start = data_ + begin_;
    const char* const end = data_ + end_;
    if (start == end) return eof_ ? outcome::end : outcome::need_more;

    // An empty line carries no record.
    if (*start == '\n' || *start == '\r') {
        if (*start == '\r' && start + 1 == end && !eof_) return outcome::need_more;
        begin_ += (*start == '\r' && start + 1 < end && start[1] == '\n') ? 2 : 1;
        ++line_;
        return outcome::blank;
    }
    if (parse_plain(out, start, end)) return outcome::record;

    out.fields_.clear();
    out.unescaped_.clear();
    std::size_t escaped_bytes = 0;
    std::uint32_t line = line_;
    const char* line_begin = start;
    const char* p = start;
    const char* content_end = nullptr;  // where the record's last field ends
    const char* next_record = nullptr;   // first byte after the record's line break
    std::uint32_t next_line = 0;

    while (true) {
        record::field f{{}, p, line_begin, line, false};
        const char* after = nullptr;  // the byte after the field: delimiter, line break or end
        if (p < end && *p == '"') {
            f.quoted = true;
            const char* q = p + 1;
            bool escapes = false;
            while (true) {
                const auto* quote = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)));
                const char* scan_to = quote ? quote : end;
                for (const char* c = q; c < scan_to; ++c) {
                    if (ends_line(c, end)) {
                        ++line;
                        line_begin = c + 1;
                    }
                }
                // The field's bytes between its quotes (escapes counted as written), so a quoted
                // field has the same limit as an unquoted one.
                if (static_cast<std::size_t>(scan_to - (p + 1)) > opts_.max_field_bytes)
                    return error_at(error_code::csv_field_size, f.raw_begin, f.line, f.line_begin,
                                    fmt::format("field longer than {} bytes (the limit)", opts_.max_field_bytes),
                                    fmt::format("字段超过 {} 字节的上限", opts_.max_field_bytes));
                if (quote == nullptr) {
                    if (!eof_) return outcome::need_more;
                    return error_at(error_code::csv_quote, f.raw_begin, f.line, f.line_begin,
                                    "unterminated quoted field: the closing quote is missing",
                                    "引号字段没有结束：缺少右引号");
                }
                if (quote + 1 == end && !eof_) return outcome::need_more;  // "" or closing?
                if (quote + 1 < end && quote[1] == '"') {
                    escapes = true;
                    q = quote + 2;
                    continue;
                }
                f.text = std::string_view(p + 1, static_cast<std::size_t>(quote - p - 1));
                after = quote + 1;
                break;
            }
            if (escapes) escaped_bytes += f.text.size();
            if (after < end && *after != delimiter && *after != '\n' && *after != '\r')
                return error_at(error_code::csv_quote, after, line, line_begin,
                                "unexpected character after a closing quote (a quote inside a quoted field "
                                "is written as \"\")",
                                "右引号后出现多余字符（引号字段内的引号应写作 \"\"）");
            out.fields_.push_back(f);
        } else {
            const char* q = scan_unquoted(p, end, special, delimiter);
            if (static_cast<std::size_t>(q - p) > opts_.max_field_bytes)
                return error_at(error_code::csv_field_size, p, line, line_begin,
                                fmt::format("field longer than {} bytes (the limit)", opts_.max_field_bytes),
                                fmt::format("字段超过 {} 字节的上限", opts_.max_field_bytes));
            if (q == end && !eof_) return outcome::need_more;
            if (q < end && *q == '"')
                return error_at(error_code::csv_quote, q, line, line_begin,
                                "quote inside an unquoted field (quote the whole field and write the quote as \"\")",
                                "未加引号的字段中出现引号（应给整个字段加引号，并把其中的引号写作 \"\"）");
            f.text = std::string_view(p, static_cast<std::size_t>(q - p));
            out.fields_.push_back(f);
            after = q;
        }

        if (after == end) {  // end of input ends the record
            content_end = end;
            next_record = end;
            next_line = line;
            break;
        }
        if (*after == delimiter) {
            // Bounds the memory a record of nothing but delimiters can take.
            if (out.fields_.size() >= opts_.max_fields)
                return error_at(error_code::csv_field_size, after, line, line_begin,
                                fmt::format("more than {} fields in one record (the limit)", opts_.max_fields),
                                fmt::format("一条记录超过 {} 个字段的上限", opts_.max_fields));
            p = after + 1;
            continue;
        }
        content_end = after;
        if (*after == '\r') {
            if (after + 1 == end && !eof_) return outcome::need_more;
            next_record = (after + 1 < end && after[1] == '\n') ? after + 2 : after + 1;
        } else {
            next_record = after + 1;
        }
        next_line = line + 1;
        break;
    }

    // The record limit holds for every record, not only for one that outgrew the buffer.
    if (static_cast<std::size_t>(content_end - start) > opts_.max_record_bytes)
        return record_too_long(opts_.max_record_bytes, name_, line_);

    // Validate the record's bytes once it is complete: what was read is checked ahead, a
    // buffer at a time, and only the record that holds an invalid byte is looked at again.
    const auto content_end_offset = static_cast<std::size_t>(content_end - data_);
    if (validated_ < content_end_offset) validate();
    const auto bad = invalid_ < content_end_offset
                         ? text::find_invalid_utf8(std::string_view(start, static_cast<std::size_t>(content_end - start)))
                         : std::nullopt;
    if (bad) {
        const char* at = start + *bad;
        std::uint32_t bad_line = line_;
        const char* bad_line_begin = start;
        for (const char* c = start; c < at; ++c)
            if (ends_line(c, end)) {
                ++bad_line;
                bad_line_begin = c + 1;
            }
        return error_at(error_code::encoding, at, bad_line, bad_line_begin,
                        fmt::format("invalid UTF-8 byte 0x{:02X} (if the file was saved by Excel on a Chinese "
                                    "Windows, try --encoding gb18030)",
                                    static_cast<unsigned char>(*at)),
                        fmt::format("无效的 UTF-8 字节 0x{:02X}（若文件由中文 Windows 上的 Excel 保存，可尝试 "
                                    "--encoding gb18030）",
                                    static_cast<unsigned char>(*at)));
    }

    // Unescape "" in quoted fields; storage is reserved first so views stay valid.
    if (escaped_bytes > 0) {
        out.unescaped_.reserve(escaped_bytes);
        for (auto& f : out.fields_) {
            if (!f.quoted || f.text.find("\"\"") == std::string_view::npos) continue;
            const std::size_t offset = out.unescaped_.size();
            for (std::size_t i = 0; i < f.text.size(); ++i) {
                out.unescaped_.push_back(f.text[i]);
                if (f.text[i] == '"') ++i;  // skip the second quote of the pair
            }
            f.text = std::string_view(out.unescaped_.data() + offset, out.unescaped_.size() - offset);
        }
    }

    if (opts_.require_uniform_width) {
        if (expected_width_ == 0) {
            expected_width_ = out.fields_.size();
        } else if (out.fields_.size() != expected_width_) {
            const bool too_many = out.fields_.size() > expected_width_;
            const record::field& at = too_many ? out.fields_[expected_width_] : out.fields_.back();
            const char* pos = too_many ? at.raw_begin : content_end;
            const std::uint32_t pos_line = too_many ? at.line : line;
            const char* pos_line_begin = too_many ? at.line_begin : line_begin;
            return error_at(error_code::csv_ragged, pos, pos_line, pos_line_begin,
                            fmt::format("row has {} fields, the header has {}", out.fields_.size(), expected_width_),
                            fmt::format("该行有 {} 个字段，表头有 {} 个", out.fields_.size(), expected_width_));
        }
    }

    out.line_ = line_;
    begin_ = static_cast<std::size_t>(next_record - data_);
    line_ = next_line;
    return outcome::record;
}

}  // namespace plancheck::csv
