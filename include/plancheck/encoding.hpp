#pragma once
/// Text encodings of input files: UTF-8, and GB18030 (GBK, GB2312) as written by Excel on a
/// Chinese Windows, converted to UTF-8 with iconv as the bytes stream in.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "plancheck/csv.hpp"

namespace plancheck {

/// The encoding of an input file.
enum class text_encoding : std::uint8_t {
    automatic,  ///< UTF-8 when the start of the file is valid UTF-8, else GB18030 if it decodes
    utf8,
    gb18030,  ///< also GBK and GB2312, of which GB18030 is a superset
};

/// "auto", "utf-8", "gb18030".
[[nodiscard]] std::string_view to_string(text_encoding e);
/// The encoding named `name` (auto, utf-8, utf8, gb18030, gbk, gb2312, cp936; any case).
[[nodiscard]] std::optional<text_encoding> parse_text_encoding(std::string_view name);

/// A byte source that delivers UTF-8, converting from the input's encoding.
class decoding_source final : public csv::byte_source {
public:
    /// Wraps `raw`; `name` is used in error origins.
    decoding_source(std::unique_ptr<csv::byte_source> raw, text_encoding encoding, std::string name);
    /// Closes the converter.
    ~decoding_source() override;
    /// Not copyable: it owns the raw source and an iconv state.
    decoding_source(const decoding_source&) = delete;
    /// Not copyable.
    decoding_source& operator=(const decoding_source&) = delete;

    /// Up to `size` bytes of UTF-8; E-ENCODING for bytes that do not decode in the encoding.
    result<std::size_t> read(char* buffer, std::size_t size) override;

    /// The encoding in use (decided on the first read when automatic).
    [[nodiscard]] text_encoding encoding() const { return encoding_; }
    /// True when the encoding was detected rather than chosen.
    [[nodiscard]] bool detected() const { return detected_; }

private:
    struct converter;
    result<bool> decide();
    result<std::size_t> convert(char* buffer, std::size_t size);

    std::unique_ptr<csv::byte_source> raw_;
    text_encoding encoding_;
    std::string name_;
    bool decided_ = false;
    bool detected_ = false;
    bool raw_eof_ = false;
    std::string pending_;            // raw bytes read but not yet delivered or converted
    std::size_t pending_offset_ = 0;
    std::unique_ptr<converter> converter_;
    std::uint32_t out_line_ = 1;     // position in the UTF-8 output, for error origins
    std::uint32_t out_column_ = 1;
};

}  // namespace plancheck
