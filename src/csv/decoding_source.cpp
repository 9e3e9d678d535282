#include <iconv.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "plancheck/encoding.hpp"
#include "plancheck/text.hpp"

namespace plancheck {

namespace {

constexpr std::size_t probe_bytes = 64 * 1024;  // enough text to tell UTF-8 from GB18030

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

struct decoding_source::converter {
    iconv_t cd = reinterpret_cast<iconv_t>(-1);
    // Converted text not yet delivered: a read with less room than one UTF-8 character (up to
    // 4 bytes) is served from here, since iconv cannot produce part of a character.
    std::string spill;
    std::size_t spill_offset = 0;
    converter() : cd(iconv_open("UTF-8", "GB18030")) {}
    ~converter() {
        if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
    }
    converter(const converter&) = delete;
    converter& operator=(const converter&) = delete;
};

std::string_view to_string(text_encoding e) {
    switch (e) {
        case text_encoding::automatic: return "auto";
        case text_encoding::utf8: return "utf-8";
        case text_encoding::gb18030: return "gb18030";
    }
    return "auto";
}

std::optional<text_encoding> parse_text_encoding(std::string_view name) {
    const std::string n = lower(name);
    if (n == "auto") return text_encoding::automatic;
    if (n == "utf-8" || n == "utf8") return text_encoding::utf8;
    if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936") return text_encoding::gb18030;
    return std::nullopt;
}

decoding_source::decoding_source(std::unique_ptr<csv::byte_source> raw, text_encoding encoding, std::string name)
    : raw_(std::move(raw)), encoding_(encoding), name_(std::move(name)) {}

decoding_source::~decoding_source() = default;

result<bool> decoding_source::decide() {
    decided_ = true;
    if (encoding_ == text_encoding::utf8) return true;
    if (encoding_ == text_encoding::automatic) {
        // Read a probe of the file; valid UTF-8 (pure ASCII included) stays UTF-8.
        // Sized once: a source that gives a few bytes per read (a pipe) must not cost a probe's
        // worth of zeroing per read.
        std::size_t filled = pending_.size();
        pending_.resize(probe_bytes);
        while (filled < probe_bytes && !raw_eof_) {
            auto n = raw_->read(pending_.data() + filled, probe_bytes - filled);
            if (!n) {
                pending_.resize(filled);
                return std::move(n).error();
            }
            filled += *n;
            if (*n == 0) raw_eof_ = true;
        }
        pending_.resize(filled);
        if (!text::find_invalid_utf8(pending_, !raw_eof_)) {
            encoding_ = text_encoding::utf8;
            return true;
        }
        // Not UTF-8: GB18030 if the probe converts cleanly, else leave UTF-8 and let the CSV
        // reader point at the first invalid byte.
        converter probe;
        std::string scratch(pending_.size() * 2 + 16, '\0');
        char* in = pending_.data();
        std::size_t in_left = pending_.size();
        char* out = scratch.data();
        std::size_t out_left = scratch.size();
        const std::size_t rc = iconv(probe.cd, &in, &in_left, &out, &out_left);
        const bool clean = rc != static_cast<std::size_t>(-1) || (errno == EINVAL && !raw_eof_);
        encoding_ = clean ? text_encoding::gb18030 : text_encoding::utf8;
        detected_ = clean;
        if (!clean) return true;
    }
    converter_ = std::make_unique<converter>();
    if (converter_->cd == reinterpret_cast<iconv_t>(-1))
        return make_error(error_code::encoding, "this system's iconv cannot convert GB18030",
                          "本系统的 iconv 无法转换 GB18030", origin{name_, 0, 0});
    return true;
}

result<std::size_t> decoding_source::read(char* buffer, std::size_t size) {
    if (!decided_) {
        auto ok = decide();
        if (!ok) return std::move(ok).error();
    }
    if (encoding_ == text_encoding::gb18030) {
        std::string& spill = converter_->spill;
        std::size_t& spill_offset = converter_->spill_offset;
        if (spill_offset == spill.size() && size < 4) {
            spill.resize(64);
            auto n = convert(spill.data(), spill.size());
            if (!n) return std::move(n).error();
            spill.resize(*n);
            spill_offset = 0;
        }
        if (spill_offset < spill.size()) {
            const std::size_t n = std::min(size, spill.size() - spill_offset);
            std::memcpy(buffer, spill.data() + spill_offset, n);
            spill_offset += n;
            return n;
        }
        return convert(buffer, size);
    }
    // UTF-8: the probe first, then straight from the file.
    if (pending_offset_ < pending_.size()) {
        const std::size_t n = std::min(size, pending_.size() - pending_offset_);
        std::memcpy(buffer, pending_.data() + pending_offset_, n);
        pending_offset_ += n;
        return n;
    }
    if (raw_eof_) return std::size_t{0};
    return raw_->read(buffer, size);
}

result<std::size_t> decoding_source::convert(char* buffer, std::size_t size) {
    while (true) {
        if (pending_offset_ == pending_.size() && !raw_eof_) {
            pending_.assign(probe_bytes, '\0');
            pending_offset_ = 0;
            auto n = raw_->read(pending_.data(), pending_.size());
            if (!n) return std::move(n).error();
            pending_.resize(*n);
            if (*n == 0) raw_eof_ = true;
        }
        char* in = pending_.data() + pending_offset_;
        std::size_t in_left = pending_.size() - pending_offset_;
        if (in_left == 0) return std::size_t{0};
        char* out = buffer;
        std::size_t out_left = size;
        const std::size_t rc = iconv(converter_->cd, &in, &in_left, &out, &out_left);
        const int err = rc == static_cast<std::size_t>(-1) ? errno : 0;
        pending_offset_ = static_cast<std::size_t>(in - pending_.data());
        const std::size_t produced = size - out_left;
        for (std::size_t i = 0; i < produced; ++i) {
            if (buffer[i] == '\n') {
                ++out_line_;
                out_column_ = 1;
            } else if ((static_cast<unsigned char>(buffer[i]) & 0xC0) != 0x80) {
                ++out_column_;
            }
        }
        // The text converted before a bad byte is delivered first, so that a problem in it (a
        // stray quote) is reported as it would be were the file read in smaller pieces.
        if ((err == EILSEQ || (err == EINVAL && raw_eof_)) && produced > 0) return produced;
        if (err == EILSEQ)
            return make_error(error_code::encoding,
                              fmt::format("byte 0x{:02X} is not valid GB18030 text", static_cast<unsigned char>(*in)),
                              fmt::format("字节 0x{:02X} 不是有效的 GB18030 文本", static_cast<unsigned char>(*in)),
                              origin{name_, out_line_, out_column_});
        if (err == EINVAL) {
            if (raw_eof_)
                return make_error(error_code::encoding, "the file ends inside a GB18030 character",
                                  "文件在一个 GB18030 字符中间结束", origin{name_, out_line_, out_column_});
            // An incomplete character at the end of the chunk: keep it, read more.
            pending_.erase(0, pending_offset_);
            pending_offset_ = 0;
            const std::size_t old = pending_.size();
            pending_.resize(old + probe_bytes);
            auto n = raw_->read(pending_.data() + old, probe_bytes);
            if (!n) return std::move(n).error();
            pending_.resize(old + *n);
            if (*n == 0) raw_eof_ = true;
        }
        if (produced > 0) return produced;
        if (err == E2BIG) return make_error(error_code::internal, "conversion buffer too small", "转换缓冲区过小");
    }
}

}  // namespace plancheck
