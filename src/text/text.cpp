#include "plancheck/text.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <vector>

namespace plancheck::text {

namespace {

// Length of the UTF-8 sequence that starts with `lead`, or 0 for a byte that cannot start one.
int sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead < 0xC2) return 0;  // continuation byte, or overlong 2-byte lead C0/C1
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    if (lead < 0xF5) return 4;
    return 0;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view bytes, bool allow_truncated_tail) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII fast path, eight bytes at a time.
        while (i + 8 <= n) {
            std::uint64_t chunk;
            std::memcpy(&chunk, p + i, 8);
            if (chunk & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        const unsigned char lead = p[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        const int len = sequence_length(lead);
        if (len == 0) return i;
        if (i + static_cast<std::size_t>(len) > n) {
            // Incomplete at the end: fine only if what is there could still become valid. The
            // second byte already decides overlong forms, surrogates and code points above
            // U+10FFFF (E0 80, ED A0, F0 80, F4 90 can never be completed into valid UTF-8).
            for (std::size_t k = i + 1; k < n; ++k)
                if ((p[k] & 0xC0) != 0x80) return i;
            if (i + 1 < n) {
                const unsigned char second = p[i + 1];
                if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second >= 0xA0) ||
                    (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second >= 0x90))
                    return i;
            }
            if (allow_truncated_tail) return std::nullopt;
            return i;
        }
        const unsigned char b1 = p[i + 1];
        if ((b1 & 0xC0) != 0x80) return i;
        if (len == 3) {
            if (lead == 0xE0 && b1 < 0xA0) return i;  // overlong
            if (lead == 0xED && b1 >= 0xA0) return i;  // surrogate
            if ((p[i + 2] & 0xC0) != 0x80) return i;
        } else if (len == 4) {
            if (lead == 0xF0 && b1 < 0x90) return i;   // overlong
            if (lead == 0xF4 && b1 >= 0x90) return i;  // above U+10FFFF
            if ((p[i + 2] & 0xC0) != 0x80 || (p[i + 3] & 0xC0) != 0x80) return i;
        }
        i += static_cast<std::size_t>(len);
    }
    return std::nullopt;
}

std::size_t count_code_points(std::string_view utf8) {
    std::size_t count = 0;
    for (const char c : utf8)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
}

std::u32string decode(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    const std::size_t n = utf8.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char lead = p[i];
        int len = sequence_length(lead);
        if (len == 0 || i + static_cast<std::size_t>(len) > n) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? lead : lead & (0xFF >> (len + 1));
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (p[i + static_cast<std::size_t>(k)] & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(len);
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

int code_point_width(char32_t cp) {
    // Combining marks and zero-width characters.
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF ||
        (cp >= 0xFE00 && cp <= 0xFE0F))
        return 0;
    // East Asian Wide (W) and Fullwidth (F) ranges of Unicode's EastAsianWidth.txt that
    // Chinese text uses.
    if ((cp >= 0x1100 && cp <= 0x115F) ||   // Hangul Jamo
        (cp >= 0x2E80 && cp <= 0x303E) ||   // CJK radicals, punctuation (、。〔〕《》)
        (cp >= 0x3041 && cp <= 0x33FF) ||   // kana, bopomofo, CJK compatibility (㎡)
        (cp >= 0x3400 && cp <= 0x4DBF) ||   // CJK extension A
        (cp >= 0x4E00 && cp <= 0x9FFF) ||   // CJK unified ideographs
        (cp >= 0xA000 && cp <= 0xA4CF) ||   // Yi
        (cp >= 0xAC00 && cp <= 0xD7A3) ||   // Hangul syllables
        (cp >= 0xF900 && cp <= 0xFAFF) ||   // CJK compatibility ideographs
        (cp >= 0xFE30 && cp <= 0xFE4F) ||   // CJK compatibility forms
        (cp >= 0xFF00 && cp <= 0xFF60) ||   // full-width forms (％，（）)
        (cp >= 0xFFE0 && cp <= 0xFFE6) ||   // full-width signs
        (cp >= 0x1F300 && cp <= 0x1F64F) || // pictographs
        (cp >= 0x20000 && cp <= 0x3FFFD))   // CJK extensions B and later
        return 2;
    return 1;
}

std::size_t display_width(std::string_view utf8) {
    std::size_t width = 0;
    bool ascii = true;
    for (const char c : utf8)
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii) return utf8.size();
    for (const char32_t cp : decode(utf8)) width += static_cast<std::size_t>(code_point_width(cp));
    return width;
}

std::string pad_right(std::string_view utf8, std::size_t width) {
    std::string out(utf8);
    const std::size_t w = display_width(utf8);
    if (w < width) out.append(width - w, ' ');
    return out;
}

std::string pad_left(std::string_view utf8, std::size_t width) {
    const std::size_t w = display_width(utf8);
    std::string out;
    if (w < width) out.append(width - w, ' ');
    out.append(utf8);
    return out;
}

std::string truncate_to_width(std::string_view utf8, std::size_t width) {
    if (display_width(utf8) <= width) return std::string(utf8);
    std::string out;
    std::size_t used = 0;
    for (const char32_t cp : decode(utf8)) {
        const auto w = static_cast<std::size_t>(code_point_width(cp));
        if (used + w + 1 > width) break;
        append_utf8(out, cp);
        used += w;
    }
    return out + "…";
}

std::size_t edit_distance(std::u32string_view a, std::u32string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> nearest(std::string_view word, std::span<const std::string> candidates) {
    const std::u32string w = decode(word);
    const std::size_t limit = std::max<std::size_t>(2, (w.size() + 1) / 2);
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(w, decode(c));
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::string_view trim(std::string_view s) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace plancheck::text
