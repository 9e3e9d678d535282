// Names as people type them: Unicode normalisation (utf8proc) and the distance of a slip.

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

#include "plancheck/text.hpp"

namespace plancheck::text {

namespace {

// NFKC (full-width letters and digits, no-break and ideographic spaces become ASCII), default
// ignorable code points (zero-width space and joiners, BOM, soft hyphen, Mongolian vowel
// separator) and control characters removed; optionally case-folded. utf8proc does it in one
// pass over Unicode's own tables, so no list of invisible characters is kept here.
std::string normalise(std::string_view utf8, bool fold) {
    int options = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_IGNORE | UTF8PROC_STRIPCC;
    if (fold) options |= UTF8PROC_CASEFOLD;
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t n =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()), static_cast<utf8proc_ssize_t>(utf8.size()),
                     &mapped, static_cast<utf8proc_option_t>(options));
    std::string out;
    if (n < 0) {
        out.assign(utf8);  // not valid UTF-8: compared as it is (the readers refuse such bytes earlier)
    } else {
        const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
        out.assign(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
    }
    // Runs of white space are one space, none at the ends: "Inner  Mongolia " is Inner Mongolia.
    std::string squeezed;
    squeezed.reserve(out.size());
    for (const char c : out) {
        const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (space) {
            if (!squeezed.empty() && squeezed.back() != ' ') squeezed += ' ';
        } else {
            squeezed += c;
        }
    }
    if (!squeezed.empty() && squeezed.back() == ' ') squeezed.pop_back();
    return squeezed;
}

}  // namespace

std::string clean_name(std::string_view utf8) { return normalise(utf8, false); }

std::string fold_name(std::string_view utf8) { return normalise(utf8, true); }

std::size_t slip_distance(std::u32string_view a, std::u32string_view b) {
    // Optimal string alignment distance with a transposition costing one edit; replacing one
    // character outside ASCII with another costs two (a dropped and an added one): 城市 and 城镇
    // are different words, while emissions.so3 is a typo of emissions.so2.
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const bool same = a[i - 1] == b[j - 1];
            const std::size_t replace = same ? 0 : (a[i - 1] < 0x80 && b[j - 1] < 0x80 ? 1 : 2);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + replace});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

std::size_t slip_limit(std::size_t known_length) {
    if (known_length <= 3) return 0;
    if (known_length <= 8) return 1;
    if (known_length <= 16) return 2;
    return 3;
}

}  // namespace plancheck::text
