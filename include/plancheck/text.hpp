#pragma once
/// UTF-8 helpers: validation, code-point counting, terminal display width, edit distance.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace plancheck::text {

/// Offset of the first byte that is not part of valid UTF-8 (overlong forms, surrogates and
/// code points above U+10FFFF are invalid), or std::nullopt when all of `bytes` is valid.
/// With `allow_truncated_tail`, an incomplete sequence at the very end is not an error.
[[nodiscard]] std::optional<std::size_t> find_invalid_utf8(std::string_view bytes,
                                                           bool allow_truncated_tail = false);

/// Number of code points in valid UTF-8 (continuation bytes are not counted).
[[nodiscard]] std::size_t count_code_points(std::string_view utf8);

/// Decodes valid UTF-8 into code points.
[[nodiscard]] std::u32string decode(std::string_view utf8);

/// Encodes one code point as UTF-8 and appends it.
void append_utf8(std::string& out, char32_t cp);

/// Cells a code point takes in a terminal: 2 for East Asian Wide and Fullwidth characters
/// (Han, kana, Hangul, full-width forms), 0 for combining marks, 1 otherwise.
[[nodiscard]] int code_point_width(char32_t cp);

/// Cells a UTF-8 string takes in a terminal.
[[nodiscard]] std::size_t display_width(std::string_view utf8);

/// Pads `utf8` with spaces on the right to `width` cells (left-aligned text).
[[nodiscard]] std::string pad_right(std::string_view utf8, std::size_t width);
/// Pads `utf8` with spaces on the left to `width` cells (right-aligned text, numbers).
[[nodiscard]] std::string pad_left(std::string_view utf8, std::size_t width);

/// `utf8` cut to at most `width` cells, ending in … when it was cut.
[[nodiscard]] std::string truncate_to_width(std::string_view utf8, std::size_t width);

/// Levenshtein distance between two strings, counted in code points.
[[nodiscard]] std::size_t edit_distance(std::u32string_view a, std::u32string_view b);

/// The candidate nearest to `word` by edit distance, if it is near enough to be a plausible
/// typo (at most max(2, half the word's length) edits).
[[nodiscard]] std::optional<std::string> nearest(std::string_view word,
                                                 std::span<const std::string> candidates);

/// A name as written, made comparable: Unicode NFKC (full-width letters and digits, no-break and
/// ideographic spaces become ASCII), default-ignorable code points (zero-width space, BOM, soft
/// hyphen) and control characters removed, runs of white space one space, none at the ends.
///
///     clean_name("内蒙古自治区\u00A0") == "内蒙古自治区"
[[nodiscard]] std::string clean_name(std::string_view utf8);

/// clean_name, case-folded: the key by which names of regions, indicators and columns compare.
[[nodiscard]] std::string fold_name(std::string_view utf8);

/// Edits between two names as a slip of the keyboard makes them: a character added, dropped or
/// two swapped cost one; one ASCII character for another costs one, one character outside ASCII
/// for another two (城市 and 城镇 are different words, not a typo).
[[nodiscard]] std::size_t slip_distance(std::u32string_view a, std::u32string_view b);

/// The largest slip_distance at which a name is taken for a slip of a known name of
/// `known_length` code points: 0 up to 3, 1 up to 8, 2 up to 16, else 3.
[[nodiscard]] std::size_t slip_limit(std::size_t known_length);

/// ASCII whitespace trimmed from both ends.
[[nodiscard]] std::string_view trim(std::string_view s);

}  // namespace plancheck::text
