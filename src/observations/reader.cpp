#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "observations/names.hpp"
#include "plancheck/number.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/sha256.hpp"
#include "plancheck/text.hpp"

namespace plancheck {

namespace {

enum class column_role { region, indicator, year, value, unit, price_base, vintage, count };
constexpr auto role_count = static_cast<std::size_t>(column_role::count);

struct header_name {
    std::string_view name;
    column_role role;
};

// Header names, English and Chinese, compared with text::fold_name of the cell.
constexpr std::array<header_name, 27> header_names{{
    {"region", column_role::region},         {"地区", column_role::region},
    {"区域", column_role::region},           {"盟市", column_role::region},
    {"行政区", column_role::region},         {"indicator", column_role::indicator},
    {"指标", column_role::indicator},        {"指标名称", column_role::indicator},
    {"指标代码", column_role::indicator},    {"year", column_role::year},
    {"年份", column_role::year},             {"年度", column_role::year},
    {"年", column_role::year},               {"value", column_role::value},
    {"数值", column_role::value},            {"值", column_role::value},
    {"数据", column_role::value},            {"unit", column_role::unit},
    {"单位", column_role::unit},             {"计量单位", column_role::unit},
    {"price_base", column_role::price_base}, {"价格基年", column_role::price_base},
    {"不变价基年", column_role::price_base}, {"vintage", column_role::vintage},
    {"数据版本", column_role::vintage},      {"版本", column_role::vintage},
    {"口径", column_role::vintage},
}};

std::string_view role_name(column_role r, language lang) {
    const bool zh = lang == language::zh;
    switch (r) {
        case column_role::region: return zh ? "地区" : "region";
        case column_role::indicator: return zh ? "指标" : "indicator";
        case column_role::year: return zh ? "年份" : "year";
        case column_role::value: return zh ? "数值" : "value";
        case column_role::unit: return zh ? "单位" : "unit";
        case column_role::price_base: return zh ? "价格基年" : "price_base";
        case column_role::vintage: return zh ? "数据版本" : "vintage";
        case column_role::count: break;
    }
    return "";
}

// Hashing of std::string keys by string_view, so the per-row lookups allocate nothing.
struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using name_map = std::unordered_map<std::string, std::uint32_t, string_hash, std::equal_to<>>;

// Reads bytes through another source and hashes them on the way.
class hashing_source final : public csv::byte_source {
public:
    hashing_source(std::unique_ptr<csv::byte_source> inner, sha256* hasher)
        : inner_(std::move(inner)), hasher_(hasher) {}
    result<std::size_t> read(char* buffer, std::size_t size) override {
        auto n = inner_->read(buffer, size);
        if (n) hasher_->update(std::string_view(buffer, *n));
        return n;
    }

private:
    std::unique_ptr<csv::byte_source> inner_;
    sha256* hasher_;
};

// A wide-format header cell: "emissions.so2[万吨]", "二氧化硫排放量（万吨）", "化学需氧量(万吨)".
std::pair<std::string_view, std::string_view> split_unit_suffix(std::string_view cell) {
    for (const auto& [open, close] : std::array<std::pair<std::string_view, std::string_view>, 3>{
             {{"[", "]"}, {"（", "）"}, {"(", ")"}}}) {
        if (!cell.ends_with(close)) continue;
        const auto pos = cell.rfind(open);
        if (pos == std::string_view::npos || pos == 0) continue;
        return {text::trim(cell.substr(0, pos)),
                text::trim(cell.substr(pos + open.size(), cell.size() - pos - open.size() - close.size()))};
    }
    return {cell, {}};
}

// A column of a wide file: which indicator, in which unit.
struct wide_column {
    std::size_t index;
    std::uint32_t indicator;
    unit in;
    bool unit_in_header = false;  // "emissions.so2[万吨]" rather than "emissions.so2"
    bool fall = false;  // named by a fall alias: values read negated
};

// Marks a name-table entry that is a fall alias (降低率), whose values are read negated.
constexpr std::uint32_t fall_name_bit = std::uint32_t{1} << 31;


// The severity make_error gives a code, known before a message is built: a finding that will
// not be kept (over --max-findings) is counted without formatting it.
severity level_of(error_code code) {
    static const std::array<severity, static_cast<std::size_t>(error_code::internal) + 1> levels = [] {
        std::array<severity, static_cast<std::size_t>(error_code::internal) + 1> all{};
        for (std::size_t c = 0; c < all.size(); ++c) all[c] = make_error(static_cast<error_code>(c), {}, {}).level;
        return all;
    }();
    return levels[static_cast<std::size_t>(code)];
}

// text::trim, inline for the common field that has nothing to trim.
[[gnu::always_inline]] inline std::string_view trimmed(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    if (!s.empty() && !space(s.front()) && !space(s.back())) return s;
    return text::trim(s);
}

// Equal bytes, compared in place for the short names, units and regions of a row (a call to
// memcmp per comparison costs more than the comparison).
[[gnu::always_inline]] inline bool same_bytes(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n > 16) return std::memcmp(a.data(), b.data(), n) == 0;
    if (n >= 8) {
        std::uint64_t a0, a1, b0, b1;
        std::memcpy(&a0, a.data(), 8);
        std::memcpy(&a1, a.data() + n - 8, 8);
        std::memcpy(&b0, b.data(), 8);
        std::memcpy(&b1, b.data() + n - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n >= 4) {
        std::uint32_t a0, a1, b0, b1;
        std::memcpy(&a0, a.data(), 4);
        std::memcpy(&a1, a.data() + n - 4, 4);
        std::memcpy(&b0, b.data(), 4);
        std::memcpy(&b1, b.data() + n - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

// The year parse_year gives a plain four-digit year (1900–2199), most rows' year; false for
// anything else, which parse_year decides and words.
[[gnu::always_inline]] inline bool plain_year(std::string_view raw, int& year) {
    const std::string_view s = trimmed(raw);
    if (s.size() != 4) return false;
    year = 0;
    bool digits = true;
    for (const char c : s) {
        digits = digits && c >= '0' && c <= '9';
        year = year * 10 + (c - '0');
    }
    return digits && year >= 1900 && year <= 2199;
}

// A plain decimal of at most 15 digits ("1029.53", "-7", "0.40"), as digits and a point: its
// value() is the one parse_decimal gives. Exact: an integer below 2^53 divided by a power of ten
// up to 10^22 (both exact doubles) is correctly rounded, as std::from_chars is. The division
// waits until a value is stored: most rows of a long file are outside the plan's years.
struct plain_decimal {
    std::uint64_t mantissa = 0;
    int decimals = 0;
    bool negative = false;
    [[nodiscard]] double value() const {
        static constexpr std::array<double, 16> powers{1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                       1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        const double v = static_cast<double>(mantissa) / powers[static_cast<std::size_t>(decimals)];
        return negative ? -v : v;
    }
};

// False for anything but a plain decimal, which parse_decimal decides.
inline bool plain_number(std::string_view s, plain_decimal& out) {
    std::size_t i = 0;
    const bool negative = !s.empty() && s.front() == '-';
    if (negative) i = 1;
    std::uint64_t mantissa = 0;
    int digits = 0;
    int decimals = -1;  // digits after the point; -1 before one
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            if (++digits > 15) return false;
            mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
            if (decimals >= 0) ++decimals;
        } else if (c == '.' && decimals < 0) {
            decimals = 0;
        } else {
            return false;
        }
    }
    // "5." and ".5" are numbers too, but left to parse_decimal with everything unusual.
    if (digits == 0 || decimals == 0 || s[negative ? 1 : 0] == '.') return false;
    out.mantissa = mantissa;
    out.decimals = decimals < 0 ? 0 : decimals;
    out.negative = negative;
    return true;
}

// Names to numbers, for the lookups of every row: open addressing over a hash of the bytes,
// so a lookup is a few instructions and never allocates.
class name_table {
public:
    void add(std::string_view name, std::uint32_t number) {
        if ((entries_.size() + 1) * 2 > slots_.size()) grow();
        insert(name, number);
    }
    [[nodiscard]] const std::uint32_t* find(std::string_view name) const {
        if (slots_.empty()) return nullptr;
        for (std::size_t i = hash(name) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            const std::uint32_t e = slots_[i];
            if (e == empty) return nullptr;
            if (same_bytes(entries_[e].first, name)) return &entries_[e].second;
        }
    }

private:
    static constexpr std::uint32_t empty = 0xFFFFFFFF;
    static std::size_t hash(std::string_view s) {
        std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ s.size();
        std::size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
            h ^= h >> 31;
        }
        // The last bytes, read as whole words (overlapping what was read) rather than copied one
        // length at a time.
        std::uint64_t w = 0;
        const std::size_t n = s.size();
        if (n >= 8) {
            std::memcpy(&w, s.data() + n - 8, 8);
        } else if (n >= 4) {
            std::uint32_t a;
            std::uint32_t b;
            std::memcpy(&a, s.data(), 4);
            std::memcpy(&b, s.data() + n - 4, 4);
            w = a | (std::uint64_t{b} << 32);
        } else {
            for (std::size_t k = 0; k < n; ++k) w = (w << 8) | static_cast<unsigned char>(s[k]);
        }
        h = (h ^ w) * 0x94D049BB133111EBULL;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
    void insert(std::string_view name, std::uint32_t number) {
        std::size_t i = hash(name) & (slots_.size() - 1);
        for (; slots_[i] != empty; i = (i + 1) & (slots_.size() - 1))
            if (entries_[slots_[i]].first == name) return;  // the first spelling of a name wins
        slots_[i] = static_cast<std::uint32_t>(entries_.size());
        entries_.emplace_back(std::string(name), number);
    }
    void grow() {
        std::vector<std::pair<std::string, std::uint32_t>> old = std::move(entries_);
        entries_.clear();
        slots_.assign(std::max<std::size_t>(16, slots_.size() * 2), empty);
        for (auto& [name, number] : old) insert(name, number);
    }
    std::vector<std::uint32_t> slots_;
    std::vector<std::pair<std::string, std::uint32_t>> entries_;
};

// Bytes a worker of a parallel read takes at a time (whole records, so a little more or less).
constexpr std::size_t parallel_chunk_bytes() { return std::size_t{1} << 20; }

// How the rows of an input ended, counted as in input_summary.
struct row_counts {
    std::uint64_t rows = 0;
    std::uint64_t used = 0;
    std::uint64_t ignored = 0;
    std::uint64_t rejected = 0;
    std::uint64_t unit_assumed = 0;
    // Rows of a known indicator by year (1900–2199, every year parse_year accepts), and of those
    // the rows whose region a target is about: what a file holds when none of it is used.
    std::array<std::uint32_t, 300> by_year{};
    std::uint64_t region_checked = 0;  // rows whose region was looked at
    std::uint64_t region_targeted = 0;  // … and is a region some target is about
    void add(const row_counts& o) {
        rows += o.rows;
        used += o.used;
        ignored += o.ignored;
        rejected += o.rejected;
        unit_assumed += o.unit_assumed;
        for (std::size_t y = 0; y < by_year.size(); ++y) by_year[y] += o.by_year[y];
        region_checked += o.region_checked;
        region_targeted += o.region_targeted;
    }
};

// Where the first row of a kind is, in an input or a chunk (line 0: none yet).
struct first_place {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string text;  // what the cell says
    void note(std::uint32_t l, std::uint32_t c, std::string_view t) {
        if (line != 0) return;
        line = l;
        column = c;
        text.assign(t);
    }
};

// Names the plan does not use, each with its rows and the first of them, in order of first sight.
struct unused_names {
    static constexpr std::size_t kept = 1000;  // distinct names kept; more are only counted
    std::vector<std::pair<std::string, std::uint64_t>> names;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> first;  // line, column of each name's first row
    std::uint64_t more_rows = 0;  // rows of names past `kept`
    void add(std::string_view name, std::uint64_t rows, std::uint32_t line, std::uint32_t column) {
        for (auto& [n, count] : names)
            if (n == name) {
                count += rows;
                return;
            }
        if (names.size() >= kept) {
            more_rows += rows;
            return;
        }
        names.emplace_back(name, rows);
        first.emplace_back(line, column);
    }
    [[nodiscard]] bool empty() const { return names.empty() && more_rows == 0; }
};

// What a file's rows said about regions and years beyond their values.
struct input_places {
    first_place untargeted_region;  // the first row whose region no target is about
    first_place outside_year;       // the first row of a year outside the plan's
    unused_names unused;            // indicators the plan does not use
    void add(const input_places& o, std::uint32_t offset) {
        if (o.untargeted_region.line != 0)
            untargeted_region.note(o.untargeted_region.line + offset, o.untargeted_region.column, o.untargeted_region.text);
        if (o.outside_year.line != 0)
            outside_year.note(o.outside_year.line + offset, o.outside_year.column, o.outside_year.text);
        for (std::size_t i = 0; i < o.unused.names.size(); ++i)
            unused.add(o.unused.names[i].first, o.unused.names[i].second, o.unused.first[i].first + offset,
                       o.unused.first[i].second);
        unused.more_rows += o.unused.more_rows;
    }
};

// What store() decides for one value; `pending` when the decision waits for the slot check
// of a chunk read on another thread.
enum class outcome { stored, ignored, rejected, pending };

// A value that passed every check of its row: what is left is whether its (region, indicator,
// year) already holds one. Regions and vintages are numbered by the row reader that read it.
struct candidate {
    std::uint64_t seq = 0;        // record number within its chunk, to order it among findings
    any_quantity value = any_quantity::from_canonical(quantity_kind::share, 0);
    std::string_view value_text;  // as written, for the message of a conflicting repeat
    const unit* in = nullptr;     // as written (owned by the row reader's cache)
    std::uint32_t region = 0;
    std::uint32_t indicator = 0;
    int year = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::int16_t price_base = 0;
    std::uint16_t vintage = 0;
    bool unit_assumed = false;
};

// What reading a long-format file needs of its header.
using columns = std::array<std::optional<std::size_t>, role_count>;

// The plan's facts every row reader looks up; read-only once built, so threads share them.
struct shared_facts {
    const plan& p;
    const read_options& opts;
    name_table indicators;  // id or alias → indicator index
    detail::name_matcher indicator_names;  // the same, compared folded, and near misses
    detail::name_matcher column_names;     // header names → column_role
    std::set<std::string, std::less<>> target_regions;  // regions some target is about
    int first_year = 0;
    int last_year = 0;

    shared_facts(const plan& pl, const read_options& o) : p(pl), opts(o) {
        for (std::size_t i = 0; i < p.indicators.size(); ++i) {
            indicators.add(p.indicators[i].id, static_cast<std::uint32_t>(i));
            for (const std::string& a : p.indicators[i].aliases) indicators.add(a, static_cast<std::uint32_t>(i));
            indicator_names.add(p.indicators[i].id, static_cast<std::uint32_t>(i));
            for (const std::string& a : p.indicators[i].aliases) indicator_names.add(a, static_cast<std::uint32_t>(i));
            for (const std::string& a : p.indicators[i].fall_aliases) {
                indicators.add(a, static_cast<std::uint32_t>(i) | fall_name_bit);
                indicator_names.add(a, static_cast<std::uint32_t>(i) | fall_name_bit);
            }
        }
        for (const header_name& h : header_names) column_names.add(h.name, static_cast<std::uint32_t>(h.role));
        target_regions.insert(p.info.region.zh);
        first_year = p.info.base_year;
        last_year = p.info.target_year;
        for (const target& t : p.targets) {
            target_regions.insert(t.region);
            if (t.base_year) first_year = std::min(first_year, *t.base_year);
            last_year = std::max(last_year, t.year);
        }
        for (const indicator& ind : p.indicators)
            for (const plan_value& b : ind.bases) first_year = std::min(first_year, b.year);
    }
};

// Turns CSV rows into candidates and findings. One per thread: it keeps its own caches (units
// per indicator and spelling, regions, vintages), so the per-row path allocates nothing once
// the spellings of a file have been seen, and looks each unit's factor up once.
class row_reader {
public:
    explicit row_reader(const shared_facts& facts) : f_(facts), units_(facts.p.indicators.size()) {}
    row_reader(const row_reader&) = delete;
    row_reader& operator=(const row_reader&) = delete;

    // A region's name as the observation set stores it, and whether a target is about it.
    struct region_entry {
        std::string canonical;
        bool targeted = false;
    };

    // An indicator by its exact spelling, else by its folded one: a near miss or a name the plan
    // does not use is left to the caller, with what match() found. `fall` is set when the name
    // is a fall alias (降低率, positive for a fall).
    [[nodiscard]] detail::name_match find_indicator(std::string_view name, bool* fall = nullptr) {
        detail::name_match m;
        if (const std::uint32_t* number = f_.indicators.find(name))
            m = {detail::name_match::how::known, *number, {}};
        else
            m = match_slow(name);
        if (fall != nullptr) *fall = m.kind == detail::name_match::how::known && (m.number & fall_name_bit) != 0;
        m.number &= ~fall_name_bit;
        return m;
    }

    // A near miss of an indicator's name (did you mean), or, under strict, a name the plan does
    // not use.
    error unknown_indicator(std::string_view name, const detail::name_match& m) {
        if (m.kind == detail::name_match::how::close)
            return make_error(error_code::indicator_unknown,
                              fmt::format("unknown indicator \"{}\"; did you mean {}?", name, m.suggestion),
                              fmt::format("未知指标“{}”；是否应为 {}？", name, m.suggestion));
        return make_error(error_code::indicator_unknown,
                          fmt::format("indicator \"{}\" is not used by plan {} (refused in strict mode)", name,
                                      f_.p.info.id),
                          fmt::format("指标“{}”不是规划 {} 使用的指标（严格模式下拒绝）", name, f_.p.info.id));
    }

    // The unit of a spelling for an indicator, resolved once per (indicator, spelling): the
    // answer, unit or error, is kept and handed out again.
    struct resolved_unit {
        std::string spelling;
        std::optional<unit> u;
        std::optional<error> problem;
    };
    const resolved_unit& unit_of(std::uint32_t indicator, std::string_view spelling) {
        for (const resolved_unit* r : units_[indicator])
            if (same_bytes(r->spelling, spelling)) return *r;
        auto resolved = f_.p.indicators[indicator].resolve_unit(spelling);
        resolved_unit& r = unit_store_.emplace_back();
        r.spelling.assign(spelling);
        if (resolved)
            r.u = std::move(*resolved);
        else
            r.problem = std::move(resolved).error();
        units_[indicator].push_back(&r);
        return r;
    }

    // Reads one data row of a long-format file.
    template <class Sink>
    void long_row(const csv::record& rec, const columns& col, std::uint64_t seq, Sink& sink);

    // Stores one value; the single place that decides whether a value is used, and why not.
    template <class Sink>
    outcome store(const csv::record& rec, const columns& col, std::string_view region_text, std::uint32_t indicator_number, int year,
                  std::string_view value_text, std::size_t value_column, const unit& u, std::int16_t price_base,
                  std::uint16_t vintage, bool unit_assumed, std::uint64_t seq, Sink& sink, bool fall = false);

    // The row's year and price base (0 when not given); false when refused, the error reported.
    // (A bool and an out-parameter rather than an optional: on the row's path, the optional's
    // two fields stored apart and loaded as one stalled the processor.)
    template <class Sink>
    bool year_of(const csv::record& rec, const columns& col, std::uint64_t seq, Sink& sink, int& year);
    template <class Sink>
    bool price_base_of(const csv::record& rec, const columns& col, std::uint64_t seq, Sink& sink,
                       std::int16_t& price_base);
    // A number that is not a plain decimal: parse_decimal decides, and a refusal is reported.
    template <class Sink>
    std::optional<double> number_slow(const csv::record& rec, std::string_view value_text, std::size_t value_column,
                              const indicator& ind, const unit& u, std::uint64_t seq, Sink& sink);
    template <class Sink>
    std::optional<int> year_slow(const csv::record& rec, std::size_t column, std::uint64_t seq, Sink& sink,
                                 bool price_base);
    template <class Sink>
    std::uint16_t vintage_of(std::string_view text, Sink& sink);
    template <class Sink>
    std::uint32_t region_of(std::string_view spelling, Sink& sink);

    // Starts a new input: the last-region shortcut does not carry over.
    void new_input() { have_last_region_ = false; }

private:
    // A finding built only when it will be kept (make() returns the error).
    template <class Sink, class Make>
    static void report(Sink& sink, error_code code, std::uint64_t seq, const Make& make) {
        const severity level = level_of(code);
        if (!sink.keeps(level)) {
            sink.left_out(level);
            return;
        }
        keep(sink, seq, make);
    }
    // The message is built here, away from the row's path.
    template <class Sink, class Make>
    [[gnu::noinline, gnu::cold]] static void keep(Sink& sink, std::uint64_t seq, const Make& make) {
        sink.finding(seq, make());
    }
    template <class Sink>
    static void report(Sink& sink, std::uint64_t seq, error e) {
        if (!sink.keeps(e.level)) {
            sink.left_out(e.level);
            return;
        }
        sink.finding(seq, std::move(e));
    }

    const shared_facts& f_;
    std::vector<std::vector<const resolved_unit*>> units_;  // by indicator
    std::deque<resolved_unit> unit_store_;                  // stable: candidates point into it
    name_map region_numbers_;                               // spelling → number
    name_map canonical_numbers_;                            // canonical name → number
    std::vector<region_entry> regions_;
    name_map vintage_numbers_;                              // text → number (from 1)
    std::vector<std::string> vintages_;
    // Spellings that are not an indicator's exact name, as match() judged them; bounded, so that
    // a file of junk names costs time, not memory.
    name_map slow_names_;
    std::vector<detail::name_match> slow_matches_;
    [[gnu::noinline, gnu::cold]] detail::name_match match_slow(std::string_view name) {
        if (const auto it = slow_names_.find(name); it != slow_names_.end()) return slow_matches_[it->second];
        detail::name_match m = f_.indicator_names.match(name);
        if (slow_matches_.size() < 4096) {
            slow_names_.emplace(std::string(name), static_cast<std::uint32_t>(slow_matches_.size()));
            slow_matches_.push_back(m);
        }
        return m;
    }
    std::string last_region_text_;
    std::uint32_t last_region_ = 0;
    bool have_last_region_ = false;
};

template <class Sink>
std::uint32_t row_reader::region_of(std::string_view spelling, Sink& sink) {
    if (have_last_region_ && same_bytes(spelling, last_region_text_)) return last_region_;
    std::uint32_t number = 0;
    if (const auto it = region_numbers_.find(spelling); it != region_numbers_.end()) {
        number = it->second;
    } else {
        std::string canonical = f_.p.canonical_region(spelling);
        if (const auto c = canonical_numbers_.find(canonical); c != canonical_numbers_.end()) {
            number = c->second;
        } else {
            number = static_cast<std::uint32_t>(regions_.size());
            const bool targeted = f_.target_regions.contains(canonical);
            canonical_numbers_.emplace(canonical, number);
            regions_.push_back({std::move(canonical), targeted});
            sink.region_seen(number, regions_.back().canonical);
        }
        region_numbers_.emplace(std::string(spelling), number);
    }
    last_region_text_.assign(spelling);
    last_region_ = number;
    have_last_region_ = true;
    return number;
}

template <class Sink>
std::uint16_t row_reader::vintage_of(std::string_view text, Sink& sink) {
    if (text.empty()) return 0;
    if (const auto it = vintage_numbers_.find(text); it != vintage_numbers_.end())
        return static_cast<std::uint16_t>(it->second);
    vintages_.emplace_back(text);
    const auto number = static_cast<std::uint32_t>(vintages_.size());
    vintage_numbers_.emplace(std::string(text), number);
    sink.vintage_seen(static_cast<std::uint16_t>(number), vintages_.back());
    return static_cast<std::uint16_t>(number);
}

template <class Sink>
bool row_reader::year_of(const csv::record& rec, const columns& col, std::uint64_t seq, Sink& sink, int& year) {
    const auto c = col[static_cast<std::size_t>(column_role::year)];
    if (!c) {
        year = *f_.opts.year;
        return true;
    }
    if (plain_year(rec[*c], year)) return true;
    const auto y = year_slow(rec, *c, seq, sink, false);
    if (y) year = *y;
    return y.has_value();
}

template <class Sink>
[[gnu::noinline, gnu::cold]] std::optional<double> row_reader::number_slow(
    const csv::record& rec, std::string_view value_text, std::size_t value_column, const indicator& ind, const unit& u,
    std::uint64_t seq, Sink& sink) {
    auto number = parse_decimal(value_text);
    if (!number) {
        error e = std::move(number).error();
        if (e.where.file.empty()) e.where = rec.origin_of(value_column);
        report(sink, seq, std::move(e));
        return std::nullopt;
    }
    if (number->percent_sign && u.kind() != quantity_kind::share) {
        report(sink, error_code::number_percent, seq, [&] {
            return make_error(error_code::number_percent,
                              fmt::format("\"{}\" ends in %, but {} is measured in {}", value_text, ind.id, u.spelling()),
                              fmt::format("“{}”以 % 结尾，但{}以 {} 计量", value_text, ind.name.zh, u.spelling()),
                              rec.origin_of(value_column));
        });
        return std::nullopt;
    }
    return number->value;
}

template <class Sink>
[[gnu::noinline, gnu::cold]] std::optional<int> row_reader::year_slow(const csv::record& rec, std::size_t column,
                                                                      std::uint64_t seq, Sink& sink, bool price_base) {
    auto y = parse_year(rec[column]);
    if (y) return *y;
    error e = std::move(y).error();
    e.where = rec.origin_of(column);
    if (price_base) {
        e.message.en = "price base: " + e.message.en;
        e.message.zh = "价格基年：" + e.message.zh;
    }
    report(sink, seq, std::move(e));
    return std::nullopt;
}

template <class Sink>
bool row_reader::price_base_of(const csv::record& rec, const columns& col, std::uint64_t seq, Sink& sink,
                               std::int16_t& price_base) {
    price_base = 0;
    const auto c = col[static_cast<std::size_t>(column_role::price_base)];
    if (!c || trimmed(rec[*c]).empty()) return true;
    int year = 0;
    if (plain_year(rec[*c], year)) {
        price_base = static_cast<std::int16_t>(year);
        return true;
    }
    const auto y = year_slow(rec, *c, seq, sink, true);
    if (y) price_base = static_cast<std::int16_t>(*y);
    return y.has_value();
}

template <class Sink>
void row_reader::long_row(const csv::record& rec, const columns& col, std::uint64_t seq, Sink& sink) {
    const auto field = [&](column_role r) -> std::string_view {
        const auto c = col[static_cast<std::size_t>(r)];
        return c ? trimmed(rec[*c]) : std::string_view{};
    };
    const std::size_t value_column = *col[static_cast<std::size_t>(column_role::value)];
    const std::size_t indicator_column = *col[static_cast<std::size_t>(column_role::indicator)];
    row_counts& in = sink.counts();

    ++in.rows;
    bool all_empty = true;
    for (std::size_t i = 0; i < rec.size() && all_empty; ++i)
        if (!trimmed(rec[i]).empty()) all_empty = false;
    if (all_empty) {
        ++in.ignored;
        report(sink, error_code::row_ignored, seq,
               [&] { return make_error(error_code::row_ignored, "every field is empty", "所有字段为空", rec.where()); });
        return;
    }
    const std::string_view indicator_text = field(column_role::indicator);
    bool fall = false;
    const detail::name_match found = find_indicator(indicator_text, &fall);
    if (found.kind != detail::name_match::how::known) {
        // Far from every name of the plan: a yearbook indicator the plan does not use, ignored
        // and listed once at the end of the input (an error under strict). Near one: a slip.
        if (found.kind == detail::name_match::how::far && !f_.opts.strict) {
            ++in.ignored;
            sink.unused(indicator_text, rec.line_of(indicator_column), rec.column_of(indicator_column));
            report(sink, error_code::row_ignored, seq, [&] {
                return make_error(error_code::row_ignored,
                                  fmt::format("indicator \"{}\" is not used by plan {}", indicator_text, f_.p.info.id),
                                  fmt::format("指标“{}”不是规划 {} 使用的指标", indicator_text, f_.p.info.id),
                                  rec.origin_of(indicator_column));
            });
            return;
        }
        report(sink, error_code::indicator_unknown, seq, [&] {
            error e = unknown_indicator(indicator_text, found);
            e.where = rec.origin_of(indicator_column);
            return e;
        });
        ++in.rejected;
        return;
    }
    const std::optional<std::uint32_t> indicator_number = found.number;
    int year = 0;
    std::int16_t price_base = 0;
    const bool year_read = year_of(rec, col, seq, sink, year);
    if (!price_base_of(rec, col, seq, sink, price_base) || !year_read) {
        ++in.rejected;
        return;
    }
    const std::string_view unit_text = field(column_role::unit);
    const unit* u = &f_.p.indicators[*indicator_number].declared_unit;
    if (!unit_text.empty()) {
        const resolved_unit& resolved = unit_of(*indicator_number, unit_text);
        if (!resolved.u) {
            if (sink.keeps(resolved.problem->level)) {
                error e = *resolved.problem;
                e.where = rec.origin_of(*col[static_cast<std::size_t>(column_role::unit)]);
                sink.finding(seq, std::move(e));
            } else {
                sink.left_out(resolved.problem->level);
            }
            ++in.rejected;
            return;
        }
        u = &*resolved.u;
    }
    const std::string_view value_text = field(column_role::value);
    const std::uint16_t vintage = vintage_of(field(column_role::vintage), sink);
    switch (store(rec, col, field(column_role::region), *indicator_number, year, value_text, value_column, *u, price_base,
                  vintage, unit_text.empty(), seq, sink, fall)) {
        case outcome::stored:
            ++in.used;
            if (unit_text.empty()) ++in.unit_assumed;
            break;
        case outcome::ignored: ++in.ignored; break;
        case outcome::rejected: ++in.rejected; break;
        case outcome::pending: break;
    }
}

template <class Sink>
outcome row_reader::store(const csv::record& rec, const columns& col, std::string_view region_text, std::uint32_t indicator_number,
                          int year, std::string_view value_text, std::size_t value_column, const unit& u,
                          std::int16_t price_base, std::uint16_t vintage, bool unit_assumed, std::uint64_t seq,
                          Sink& sink, bool fall) {
    const indicator& ind = f_.p.indicators[indicator_number];
    const auto ignore = [&](auto&& en, auto&& zh) {
        report(sink, error_code::row_ignored, seq,
               [&] { return make_error(error_code::row_ignored, en(), zh(), rec.origin_of(value_column)); });
        return outcome::ignored;
    };

    // The region and year first, so that a file of template rows (empty values) still tells
    // whether it is about the plan's region and years.
    const std::uint32_t region =
        region_of(region_text.empty() ? std::string_view(f_.p.info.region.zh) : region_text, sink);
    const region_entry& where = regions_[region];
    row_counts& counts = sink.counts();
    input_places& places = sink.places();
    const auto cell_of = [&](column_role r) {
        const auto c = col[static_cast<std::size_t>(r)];
        return c ? *c : value_column;
    };
    ++counts.region_checked;
    if (!where.targeted) {
        if (places.untargeted_region.line == 0) {
            const std::size_t c = cell_of(column_role::region);
            places.untargeted_region.note(rec.line_of(c), rec.column_of(c), where.canonical);
        }
    } else {
        ++counts.region_targeted;
        if (year >= 1900 && year < 1900 + static_cast<int>(counts.by_year.size()))
            ++counts.by_year[static_cast<std::size_t>(year - 1900)];
        if ((year < f_.first_year || year > f_.last_year) && places.outside_year.line == 0) {
            const std::size_t c = cell_of(column_role::year);
            places.outside_year.note(rec.line_of(c), rec.column_of(c), std::to_string(year));
        }
    }

    // An empty value is a cell to fill in later (a template), not an error.
    if (value_text.empty())
        return ignore([&] { return fmt::format("no value for {} {}", ind.id, year); },
                      [&] { return fmt::format("{} {} 年没有数值", ind.name.zh, year); });
    plain_decimal plain;
    std::optional<double> parsed;  // a number that is not plain
    if (!plain_number(value_text, plain)) {
        parsed = number_slow(rec, value_text, value_column, ind, u, seq, sink);
        if (!parsed) return outcome::rejected;
    }

    if (!where.targeted)
        return ignore(
            [&] { return fmt::format("no target of plan {} is about region \"{}\"", f_.p.info.id, where.canonical); },
            [&] { return fmt::format("规划 {} 没有关于“{}”的目标", f_.p.info.id, where.canonical); });
    if (year < f_.first_year || year > f_.last_year)
        return ignore(
            [&] { return fmt::format("year {} is outside the plan's years {}–{}", year, f_.first_year, f_.last_year); },
            [&] { return fmt::format("{} 年不在规划年份 {}–{} 之内", year, f_.first_year, f_.last_year); });

    candidate c;
    c.seq = seq;
    // A fall alias states a fall as a positive number: 降低率 3.2 is a change of −3.2 %.
    const double number = parsed ? *parsed : plain.value();
    c.value = u.quantity(fall ? -number : number);
    // Range after conversion: 1e305 万吨 is a double, 1e309 t is not; a base of 4.9e-324
    // would make every change computed from it infinite.
    if (!within_range(c.value.canonical_value())) [[unlikely]] {
        error e = out_of_range(value_text, u, c.value.canonical_value());
        e.where = rec.origin_of(value_column);
        report(sink, seq, std::move(e));
        return outcome::rejected;
    }
    c.value_text = value_text;
    c.in = &u;
    c.region = region;
    c.indicator = indicator_number;
    c.year = year;
    c.line = rec.line_of(value_column);
    c.column = rec.column_of(value_column);
    c.price_base = price_base;
    c.vintage = vintage;
    c.unit_assumed = unit_assumed;
    return sink.candidate(c, *this);
}


// Bytes of a file, a chunk at a time; allocated without being zeroed, and reused.
struct byte_buffer {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
    std::size_t capacity = 0;

    void reserve(std::size_t n) {
        if (n <= capacity) return;
        auto bigger = std::make_unique_for_overwrite<char[]>(n);
        if (size > 0) std::memcpy(bigger.get(), data.get(), size);
        data = std::move(bigger);
        capacity = n;
    }
    void append(std::string_view bytes) {
        reserve(size + bytes.size());
        std::copy(bytes.begin(), bytes.end(), data.get() + size);
        size += bytes.size();
    }
    [[nodiscard]] std::string_view view() const { return {data.get(), size}; }
};

// After the last line break outside quotes in `bytes`, which start at a record boundary: where
// a chunk can end so that it holds whole records; 0 when there is none. A CR at the very end
// is not taken, since an LF may follow it. Quotes are counted: inside a quoted field a line
// break is part of the field, and "" toggles twice.
std::size_t last_record_end(std::string_view bytes) {
    const char* const b = bytes.data();
    const std::size_t n = bytes.size();
    const auto ends_at = [&](std::size_t i) {
        return b[i] == '\n' || (b[i] == '\r' && i + 1 < n && b[i + 1] != '\n');
    };
    if (std::memchr(b, '"', n) == nullptr) {
        for (std::size_t i = n; i > 0; --i)
            if (ends_at(i - 1)) return i;
        return 0;
    }
    bool quoted = false;
    std::size_t last = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (b[i] == '"')
            quoted = !quoted;
        else if (!quoted && ends_at(i))
            last = i + 1;
    }
    return last;
}

// What a worker found in one chunk, numbered by its own row reader and its own lines (the
// chunk's first line is 1): merged in file order by the reading thread.
struct chunk_result {
    std::vector<std::pair<std::uint64_t, error>> findings;  // (record number, finding)
    std::vector<candidate> candidates;
    std::vector<std::pair<std::uint32_t, std::string>> new_regions;
    std::vector<std::pair<std::uint16_t, std::string>> new_vintages;
    row_counts counts;
    input_places places;  // lines within the chunk
    std::array<std::uint64_t, 3> kept{};      // by severity
    std::array<std::uint64_t, 3> left_out{};  // by severity, over max_findings within the chunk
    std::optional<error> csv_error;           // the malformed record that ended the chunk
    std::uint32_t lines = 0;                  // line breaks in the chunk
    std::uint64_t blank_lines = 0;
};

// Keeps a worker's findings and candidates for the merge. Within a chunk the first
// max_findings of each severity are kept: the file's first max_findings are among them.
struct chunk_sink {
    chunk_result& r;
    std::size_t max_findings;
    [[nodiscard]] bool keeps(severity level) const { return r.kept[static_cast<std::size_t>(level)] < max_findings; }
    void left_out(severity level) { ++r.left_out[static_cast<std::size_t>(level)]; }
    void finding(std::uint64_t seq, error e) {
        ++r.kept[static_cast<std::size_t>(e.level)];
        r.findings.emplace_back(seq, std::move(e));
    }
    row_counts& counts() { return r.counts; }
    input_places& places() { return r.places; }
    void unused(std::string_view name, std::uint32_t line, std::uint32_t column) { r.places.unused.add(name, 1, line, column); }
    void region_seen(std::uint32_t number, const std::string& canonical) { r.new_regions.emplace_back(number, canonical); }
    void vintage_seen(std::uint16_t number, const std::string& text) { r.new_vintages.emplace_back(number, text); }
    outcome candidate(const plancheck::candidate& c, const row_reader&) {
        r.candidates.push_back(c);
        return outcome::pending;
    }
};

struct chunk_task {
    byte_buffer bytes;
    chunk_result result;
    std::size_t reader = 0;  // the worker (1…) whose row reader read it
    std::atomic<bool> done = false;  // set by the worker; read by the reading thread without the lock
};

// Bytes already read, then the rest of a source (or the error reading it gave).
class prefix_source final : public csv::byte_source {
public:
    prefix_source(std::string_view prefix, std::unique_ptr<csv::byte_source> rest, std::optional<error> failure)
        : prefix_(prefix), rest_(std::move(rest)), failure_(std::move(failure)) {}
    result<std::size_t> read(char* buffer, std::size_t size) override {
        if (offset_ < prefix_.size()) {
            const std::size_t n = std::min(size, prefix_.size() - offset_);
            std::memcpy(buffer, prefix_.data() + offset_, n);
            offset_ += n;
            return n;
        }
        if (failure_) return *failure_;
        return rest_ ? rest_->read(buffer, size) : result<std::size_t>(std::size_t{0});
    }

private:
    std::string prefix_;
    std::size_t offset_ = 0;
    std::unique_ptr<csv::byte_source> rest_;
    std::optional<error> failure_;
};

void shift_line(error& e, std::uint32_t offset) {
    if (e.where.line != 0) e.where.line += offset;
}

}  // namespace

struct observation_reader::state {
    const plan& p;
    read_options opts;
    shared_facts facts;
    observation_set set;
    diagnostics problems;
    std::uint64_t left_out = 0;        // errors and warnings not kept
    std::uint64_t notes_left_out = 0;  // notes not kept
    bool failed = false;
    row_reader rows;  // the reader of this thread

    // Per input.
    std::uint32_t file_index = 0;
    std::array<std::uint64_t, 3> kept{};  // by severity
    row_counts counts;
    input_places places;
    // Numbers the row readers gave regions and vintages → indexes in `set`; one table per
    // row reader (0: this thread's, then one per worker of a parallel read).
    std::vector<std::vector<std::uint32_t>> region_index;
    std::vector<std::vector<std::uint16_t>> vintage_index;
    std::uint64_t extra_bytes = 0;        // read past what the header reader counted (parallel read)
    std::uint64_t extra_blank_lines = 0;  // skipped past it
    std::vector<std::string> header_cells_;  // of the current input, trimmed

    state(const plan& pl, read_options o) : p(pl), opts(std::move(o)), facts(p, opts), rows(facts) {
        set.first_year_ = facts.first_year;
        set.last_year_ = facts.last_year;
        region_index.resize(1);
        vintage_index.resize(1);
    }

    input_summary& input() { return set.inputs_[file_index]; }

    // Keeps a finding unless this input already has max_findings of its severity: notes (rows
    // ignored, shown with --verbose) never crowd out a warning or an error.
    [[nodiscard]] bool keeps(severity level) const {
        return kept[static_cast<std::size_t>(level)] < opts.max_findings;
    }
    void left_out_one(severity level) {
        if (level == severity::error) failed = true;
        ++(level == severity::note ? notes_left_out : left_out);
    }
    void keep(error e) {
        if (e.level == severity::error) failed = true;
        ++kept[static_cast<std::size_t>(e.level)];
        problems.push_back(std::move(e));
    }
    void report(error e) {
        if (keeps(e.level))
            keep(std::move(e));
        else
            left_out_one(e.level);
    }

    // The index in `set` of a region a row reader numbered, registered on first sight.
    void region_seen(std::size_t reader, std::uint32_t number, const std::string& canonical) {
        auto [pos, inserted] =
            set.region_by_name_.emplace(canonical, static_cast<std::uint32_t>(set.regions_.size()));
        if (inserted) set.regions_.push_back(canonical);
        auto& table = region_index[reader];
        if (table.size() <= number) table.resize(number + 1);
        table[number] = pos->second;
    }
    void vintage_seen(std::size_t reader, std::uint16_t number, const std::string& text) {
        auto& table = vintage_index[reader];
        if (table.size() <= number) table.resize(number + 1u, 0);
        // Within one reader every vintage is new; across readers the same text is one vintage.
        const auto it = std::find(set.vintages_.begin() + 1, set.vintages_.end(), text);
        if (it != set.vintages_.end()) {
            table[number] = static_cast<std::uint16_t>(it - set.vintages_.begin());
            return;
        }
        table[number] = static_cast<std::uint16_t>(set.vintages_.size());
        set.vintages_.push_back(text);
    }

    // Stores a candidate unless its slot is taken: a repeat with the same value is ignored, a
    // different value refused. `reader` numbered its region and vintage.
    outcome apply(const candidate& c, std::size_t reader, std::uint32_t line_offset);

    void read(std::unique_ptr<csv::byte_source> source, const std::string& name);
    // What only the whole input tells: names the plan does not use, no row of the plan's
    // regions, no row of its years.
    void end_of_input();
    void read_long(csv::reader& reader, csv::record& rec, const columns& col);
    std::unique_ptr<csv::byte_source> read_long_parallel(csv::reader& reader, const columns& col);
    bool merge(chunk_result& r, std::size_t reader, std::uint32_t& line);
    void read_wide(csv::reader& reader, csv::record& rec, const columns& col, const std::vector<wide_column>& columns,
                   const std::vector<std::pair<std::size_t, std::size_t>>& unused);
    struct direct_sink;
    bool next(csv::reader& reader, csv::record& rec) {
        auto more = reader.next(rec);
        if (!more) {
            report(std::move(more).error());
            return false;
        }
        return *more;
    }
};


// Findings and candidates of this thread's row reader go straight into the state.
struct observation_reader::state::direct_sink {
    state& s;
    [[nodiscard]] bool keeps(severity level) const { return s.keeps(level); }
    void left_out(severity level) { s.left_out_one(level); }
    void finding(std::uint64_t, error e) { s.keep(std::move(e)); }
    row_counts& counts() { return s.counts; }
    input_places& places() { return s.places; }
    void unused(std::string_view name, std::uint32_t line, std::uint32_t column) { s.places.unused.add(name, 1, line, column); }
    void region_seen(std::uint32_t number, const std::string& canonical) { s.region_seen(0, number, canonical); }
    void vintage_seen(std::uint16_t number, const std::string& text) { s.vintage_seen(0, number, text); }
    outcome candidate(const plancheck::candidate& c, const row_reader&) { return s.apply(c, 0, 0); }
};


outcome observation_reader::state::apply(const candidate& c, std::size_t reader, std::uint32_t line_offset) {
    const indicator& ind = p.indicators[c.indicator];
    const std::uint32_t region = region_index[reader][c.region];
    const std::uint16_t vintage = c.vintage == 0 ? std::uint16_t{0} : vintage_index[reader][c.vintage];
    const int year = c.year;
    auto& slots = set.groups_[(std::uint64_t{region} << 32) | c.indicator];
    if (slots.empty()) slots.resize(static_cast<std::size_t>(set.last_year_ - set.first_year_ + 1));
    auto& slot = slots[static_cast<std::size_t>(year - set.first_year_)];
    const value_origin here{file_index, c.line + line_offset, c.column};
    if (slot) {
        const std::string& region_name = set.regions_[region];
        const double a = slot->value.canonical_value();
        const double b = c.value.canonical_value();
        if (std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b))) {
            // Yearly files restate earlier years: a repeat from another file is expected (a note);
            // within one file it is a slip worth a warning.
            const severity level = slot->where.file != file_index ? severity::note : severity::warning;
            if (!keeps(level)) {
                left_out_one(level);
                return outcome::ignored;
            }
            const origin first = set.resolve(slot->where);
            error repeat = make_error(error_code::duplicate_identical,
                                      fmt::format("{} {} {} is given again with the same value (first at {}); ignored",
                                                  region_name, ind.id, year, first.to_string()),
                                      fmt::format("{} {} {} 年的数值重复出现且相同（首次见 {}）；已忽略", region_name,
                                                  ind.name.zh, year, first.to_string()),
                                      set.resolve(here));
            repeat.level = level;
            keep(std::move(repeat));
            return outcome::ignored;
        }
        if (!keeps(severity::error)) {
            left_out_one(severity::error);
            return outcome::rejected;
        }
        const origin first = set.resolve(slot->where);
        const std::string earlier = fmt::format("{} {}", format_number(ind.declared_unit.value_of(slot->value)),
                                                ind.declared_unit.spelling());
        keep(make_error(
            error_code::duplicate_conflict,
            fmt::format("{} {} {} has two different values: {} {} here and {} at {}", region_name, ind.id, year,
                        c.value_text, c.in->spelling(), earlier, first.to_string()),
            fmt::format("{} {} {} 年有两个不同的数值：此处为 {} {}，{} 处为 {}", region_name, ind.name.zh, year,
                        c.value_text, c.in->spelling(), first.to_string(), earlier),
            set.resolve(here)));
        return outcome::rejected;
    }
    slot = observation{c.value, here, c.price_base, vintage};
    ++set.stored_;
    return outcome::stored;
}

void observation_reader::state::end_of_input() {
    const std::string& name = input().name;
    const auto plural = [](std::uint64_t n, std::string_view one, std::string_view many) {
        return fmt::format("{} {}", n, n == 1 ? one : many);
    };
    if (!places.unused.empty()) {
        // Listed once: the names, each with its rows and its first line.
        const unused_names& u = places.unused;
        std::uint64_t values = u.more_rows;
        std::vector<std::string> en;
        std::vector<std::string> zh;
        for (std::size_t i = 0; i < u.names.size(); ++i) {
            values += u.names[i].second;
            if (i >= 20) continue;
            en.push_back(fmt::format("{} (line {}, {})", u.names[i].first, u.first[i].first,
                                     plural(u.names[i].second, "value", "values")));
            zh.push_back(fmt::format("{}（第 {} 行，{} 个数值）", u.names[i].first, u.first[i].first, u.names[i].second));
        }
        const std::size_t distinct = u.names.size() + (u.more_rows > 0 ? 1 : 0);
        const std::string more_en = u.names.size() > 20 || u.more_rows > 0 ? ", and more" : "";
        const std::string more_zh = u.names.size() > 20 || u.more_rows > 0 ? "等" : "";
        report(make_error(
            error_code::indicator_unused,
            fmt::format("{} not used by plan {}, {} ignored: {}{}",
                        distinct == 1 ? std::string("1 indicator") : fmt::format("{}{} indicators", u.more_rows > 0 ? "over " : "", distinct),
                        p.info.id, plural(values, "value", "values"), fmt::join(en, ", "), more_en),
            fmt::format("{} 个指标不是规划 {} 使用的指标，其 {} 个数值已忽略：{}{}", distinct, p.info.id, values,
                        fmt::join(zh, "，"), more_zh),
            origin{name, u.first.front().first, u.first.front().second}));
    }
    if (counts.region_checked > 0 && counts.region_targeted == 0) {
        // Not a report of nothing: the plan's region is written in a way the plan does not
        // declare, or the file is about other regions.
        std::vector<std::string> spellings{p.info.region.zh};
        for (const std::string& a : p.info.region_aliases) spellings.push_back(a);
        if (!p.info.region.en.empty()) spellings.push_back(p.info.region.en);
        const std::string& found = places.untargeted_region.text;
        // A suggestion only for a slip (Inner Mongolai): 全国 is another region, not a typo of 全区.
        detail::name_matcher known;
        for (const std::string& sp : spellings) known.add(sp, 0);
        const detail::name_match m = known.match(found);
        const std::optional<std::string> near =
            m.kind == detail::name_match::how::close ? std::optional<std::string>(m.suggestion) : std::nullopt;
        std::vector<std::string> targeted;
        for (const std::string& r : facts.target_regions)
            if (r != p.info.region.zh) targeted.push_back(r);
        const std::string others_en =
            targeted.empty() ? "" : fmt::format(", or a league or city of the regional targets ({})", fmt::join(targeted, ", "));
        const std::string others_zh =
            targeted.empty() ? "" : fmt::format("，或地区目标表中的盟市（{}）", fmt::join(targeted, "、"));
        report(make_error(
            error_code::region_none,
            fmt::format("no row names a region some target of plan {} is about (this row names \"{}\"{}): the plan's "
                        "region is {}{}; nothing of this file could be judged",
                        p.info.id, found, near ? fmt::format("; did you mean {}?", *near) : "",
                        fmt::join(spellings, " / "), others_en),
            fmt::format("没有任何一行是规划 {} 的目标所涉及的地区（此行为“{}”{}）：规划的地区为 {}{}；本文件无法评价", p.info.id,
                        found, near ? fmt::format("；是否应为 {}？", *near) : "", fmt::join(spellings, " / "), others_zh),
            origin{name, places.untargeted_region.line, places.untargeted_region.column}));
    }
    std::uint64_t in_range = 0;
    std::uint64_t all = 0;
    std::vector<std::string> found_years;
    for (std::size_t y = 0; y < counts.by_year.size(); ++y) {
        const int year = 1900 + static_cast<int>(y);
        all += counts.by_year[y];
        if (year >= facts.first_year && year <= facts.last_year) in_range += counts.by_year[y];
        if (counts.by_year[y] > 0 && found_years.size() < 10)
            found_years.push_back(fmt::format("{} ({})", year, counts.by_year[y]));
    }
    if (all > 0 && in_range == 0)
        report(make_error(
            error_code::year_none,
            fmt::format("no row is of the years of plan {}, {}–{}: the file has {} of {}; nothing of this file "
                        "could be judged",
                        p.info.id, facts.first_year, facts.last_year, all == 1 ? "the value" : "values",
                        fmt::join(found_years, ", ")),
            fmt::format("没有任何一行属于规划 {} 的年份 {}–{}：文件中为 {} 年的数值；本文件无法评价", p.info.id,
                        facts.first_year, facts.last_year, fmt::join(found_years, "、")),
            origin{name, places.outside_year.line, places.outside_year.column}));
}

observation_reader::observation_reader(const plan& p, read_options opts)
    : state_(std::make_unique<state>(p, std::move(opts))) {}
observation_reader::~observation_reader() = default;

bool observation_reader::failed() const { return state_->failed; }
const diagnostics& observation_reader::problems() const { return state_->problems; }
std::uint64_t observation_reader::findings_left_out() const { return state_->left_out; }
std::uint64_t observation_reader::notes_left_out() const { return state_->notes_left_out; }
observation_set observation_reader::finish() && { return std::move(state_->set); }

void observation_reader::read_file(const std::string& path) {
    if (path == "-") {
        read(csv::open_stdin(), "<stdin>");
        return;
    }
    auto source = csv::open_file(path);
    if (!source) {
        state_->failed = true;
        state_->problems.push_back(std::move(source).error());
        input_summary in;
        in.name = path;
        state_->set.inputs_.push_back(std::move(in));
        return;
    }
    read(std::move(*source), path);
}

void observation_reader::read(std::unique_ptr<csv::byte_source> source, const std::string& name) {
    state_->read(std::move(source), name);
}

void observation_reader::state::read(std::unique_ptr<csv::byte_source> source, const std::string& name) {
    file_index = static_cast<std::uint32_t>(set.inputs_.size());
    set.inputs_.emplace_back();
    input().name = name;
    kept = {};
    counts = {};
    places = {};
    extra_bytes = 0;
    extra_blank_lines = 0;
    rows.new_input();

    sha256 hasher;
    auto hashed = std::make_unique<hashing_source>(std::move(source), &hasher);
    auto decoded = std::make_unique<decoding_source>(std::move(hashed), opts.encoding, name);
    decoding_source* decoder = decoded.get();
    csv::reader reader(std::move(decoded), name, opts.csv);
    csv::record rec;
    std::unique_ptr<csv::byte_source> handed_back;  // the source, after a parallel read took it

    const auto finish_input = [&] {
        input_summary& in = input();
        in.rows = counts.rows;
        in.used = counts.used;
        in.ignored = counts.ignored;
        in.rejected = counts.rejected;
        in.unit_assumed = counts.unit_assumed;
        in.blank_lines = reader.blank_lines() + extra_blank_lines;
        in.bom = reader.had_bom();
        in.bytes = reader.bytes_read() + extra_bytes;
        in.encoding = std::string(to_string(decoder->encoding()));
        in.sha256 = hasher.hex_digest();
        for (std::size_t y = 0; y < counts.by_year.size(); ++y)
            if (counts.by_year[y] > 0) in.years.emplace_back(1900 + static_cast<int>(y), counts.by_year[y]);
        end_of_input();
    };

    // Header.
    if (!next(reader, rec)) {
        if (!failed)
            report(make_error(error_code::csv_empty, "the file is empty: a header line is required",
                              "文件为空：需要表头行", origin{name, 1, 1}));
        finish_input();
        return;
    }
    if (decoder->detected())
        report(make_error(error_code::encoding_detected, "not UTF-8: read as GB18030 (use --encoding to choose)",
                          "不是 UTF-8：按 GB18030 读取（可用 --encoding 指定）", origin{name, 0, 0}));

    columns col{};
    std::vector<std::pair<std::size_t, std::string_view>> unmatched;
    for (std::size_t i = 0; i < rec.size(); ++i) {
        // Folded (NFKC, invisible characters removed, case folded): "Ｖａｌｕｅ", "unit\u200B".
        const std::string key = text::fold_name(rec[i]);
        const auto h = std::find_if(header_names.begin(), header_names.end(),
                                    [&](const header_name& n) { return n.name == key; });
        if (h == header_names.end()) {
            unmatched.emplace_back(i, text::trim(rec[i]));
            continue;
        }
        auto& slot = col[static_cast<std::size_t>(h->role)];
        if (slot) {
            report(make_error(error_code::csv_header,
                              fmt::format("column \"{}\" names the {} a second time (first in column {})", rec[i],
                                          role_name(h->role, language::en), *slot + 1),
                              fmt::format("列“{}”重复表示{}（首次出现在第 {} 列）", rec[i],
                                          role_name(h->role, language::zh), *slot + 1),
                              rec.origin_of(i)));
            continue;
        }
        slot = i;
    }
    const auto has = [&](column_role r) { return col[static_cast<std::size_t>(r)].has_value(); };
    std::vector<std::string> header_cells;
    for (std::size_t i = 0; i < rec.size(); ++i) header_cells.emplace_back(text::trim(rec[i]));
    header_cells_ = header_cells;

    const bool long_format = has(column_role::indicator) || has(column_role::value);
    std::vector<wide_column> wide;
    std::vector<std::pair<std::size_t, std::size_t>> wide_unused;  // column, index in places.unused
    // A column plancheck does not read, one rule for both layouts: a slip of a column name it
    // reads ("valeu", "unti": a unit column misspelt would leave every value in the declared
    // unit) is an error; any other is listed once, and refused under strict.
    const auto other_column = [&](std::size_t i, std::string_view cell) {
        const detail::name_match m = facts.column_names.match(cell);
        if (m.kind == detail::name_match::how::close) {
            report(make_error(error_code::csv_header,
                              fmt::format("column \"{}\" is not a column plancheck reads; did you mean {} (the {})?",
                                          cell, m.suggestion, role_name(static_cast<column_role>(m.number), language::en)),
                              fmt::format("列“{}”不是 plancheck 读取的列；是否应为 {}（{}）？", cell, m.suggestion,
                                          role_name(static_cast<column_role>(m.number), language::zh)),
                              rec.origin_of(i)));
            return;
        }
        input().extra_columns.emplace_back(cell);
        error e = make_error(error_code::column_ignored,
                             fmt::format("column \"{}\" is not read (kept for reference only)", cell),
                             fmt::format("列“{}”不读取（仅供参考）", cell), rec.origin_of(i));
        if (opts.strict) {
            e.code = error_code::csv_header;
            e.level = severity::error;
            e.message.en += "; refused in strict mode";
            e.message.zh += "；严格模式下拒绝";
        }
        report(std::move(e));
    };
    if (long_format) {
        for (const auto& [i, cell] : unmatched) other_column(i, cell);
        for (const column_role r : {column_role::indicator, column_role::value}) {
            if (has(r)) continue;
            report(make_error(error_code::csv_header,
                              fmt::format("missing column \"{}\"; the header has: {}", role_name(r, language::en),
                                          fmt::join(header_cells, ", ")),
                              fmt::format("缺少“{}”列；表头为：{}", role_name(r, language::zh), fmt::join(header_cells, "，")),
                              origin{name, rec.line(), 1}));
        }
    } else {
        // Wide format: every other column names an indicator, with its unit in brackets.
        input().format = "wide";
        for (const auto& [i, cell] : unmatched) {
            const auto [indicator_text, unit_text] = split_unit_suffix(cell);
            bool fall = false;
            const detail::name_match found = rows.find_indicator(indicator_text, &fall);
            if (found.kind != detail::name_match::how::known) {
                // The same rule as a long file's indicator column; a slip of a column name
                // (a misspelt "year") is said as such.
                if (facts.column_names.match(cell).kind == detail::name_match::how::close) {
                    other_column(i, cell);
                    continue;
                }
                input().extra_columns.emplace_back(cell);
                if (found.kind == detail::name_match::how::far && !opts.strict) {
                    wide_unused.emplace_back(i, places.unused.names.size());
                    places.unused.add(indicator_text, 0, rec.line_of(i), rec.column_of(i));
                    continue;
                }
                error e = rows.unknown_indicator(indicator_text, found);
                e.where = rec.origin_of(i);
                report(std::move(e));
                continue;
            }
            const std::optional<std::uint32_t> indicator_number = found.number;
            unit u = p.indicators[*indicator_number].declared_unit;
            if (!unit_text.empty()) {
                const auto& resolved = rows.unit_of(*indicator_number, unit_text);
                if (!resolved.u) {
                    error e = *resolved.problem;
                    e.where = rec.origin_of(i);
                    report(std::move(e));
                    continue;
                }
                u = *resolved.u;
            }
            wide.push_back({i, *indicator_number, u, !unit_text.empty(), fall});
        }
        if (wide.empty() && !failed)
            report(make_error(error_code::csv_header,
                              fmt::format("the header has neither indicator and value columns (long format) nor "
                                          "indicator columns (wide format): {}",
                                          fmt::join(header_cells, ", ")),
                              fmt::format("表头既没有指标列和数值列（长格式），也没有以指标命名的列（宽格式）：{}",
                                          fmt::join(header_cells, "，")),
                              origin{name, rec.line(), 1}));
    }
    if (!has(column_role::year) && !opts.year)
        report(make_error(error_code::csv_header,
                          fmt::format("missing column \"year\" (or give --year); the header has: {}", fmt::join(header_cells, ", ")),
                          fmt::format("缺少“年份”列（或指定 --year）；表头为：{}", fmt::join(header_cells, "，")),
                          origin{name, rec.line(), 1}));
    if (failed) {
        finish_input();
        return;
    }
    // Several threads read a long file in chunks of whole records; bytes that need converting
    // (GB18030) and limits smaller than two chunks are read here, one record after another.
    const bool parallel = opts.jobs > 1 && decoder->encoding() == text_encoding::utf8 &&
                          opts.csv.max_record_bytes >= 4 * parallel_chunk_bytes();
    if (!long_format)
        read_wide(reader, rec, col, wide, wide_unused);
    else if (parallel)
        handed_back = read_long_parallel(reader, col);
    else
        read_long(reader, rec, col);
    finish_input();
}

void observation_reader::state::read_long(csv::reader& reader, csv::record& rec, const columns& col) {
    direct_sink sink{*this};
    while (next(reader, rec)) rows.long_row(rec, col, 0, sink);
}

bool observation_reader::state::merge(chunk_result& r, std::size_t reader, std::uint32_t& line) {
    const std::uint32_t offset = line - 1;
    for (const auto& [number, canonical] : r.new_regions) region_seen(reader, number, canonical);
    for (const auto& [number, text] : r.new_vintages) vintage_seen(reader, number, text);
    counts.add(r.counts);
    places.add(r.places, offset);
    // Findings and the outcomes of candidates in the order of the rows they come from, as one
    // thread reading the file would have made them.
    auto f = r.findings.begin();
    const auto flush_until = [&](std::uint64_t seq) {
        for (; f != r.findings.end() && f->first < seq; ++f) {
            shift_line(f->second, offset);
            report(std::move(f->second));
        }
    };
    for (const candidate& c : r.candidates) {
        flush_until(c.seq);
        switch (apply(c, reader, offset)) {
            case outcome::stored:
                ++counts.used;
                if (c.unit_assumed) ++counts.unit_assumed;
                break;
            case outcome::ignored: ++counts.ignored; break;
            case outcome::rejected: ++counts.rejected; break;
            case outcome::pending: break;
        }
    }
    flush_until(std::numeric_limits<std::uint64_t>::max());
    if (r.left_out[static_cast<std::size_t>(severity::error)] > 0) failed = true;
    left_out += r.left_out[static_cast<std::size_t>(severity::error)] + r.left_out[static_cast<std::size_t>(severity::warning)];
    notes_left_out += r.left_out[static_cast<std::size_t>(severity::note)];
    extra_blank_lines += r.blank_lines;
    line += r.lines;
    if (r.csv_error) {
        shift_line(*r.csv_error, offset);
        report(std::move(*r.csv_error));
        return false;
    }
    return true;
}

std::unique_ptr<csv::byte_source> observation_reader::state::read_long_parallel(csv::reader& header_reader,
                                                                                const columns& col) {
    const csv::resume_point start = header_reader.position();
    csv::reader::handover hand = header_reader.release();
    std::unique_ptr<csv::byte_source> source = std::move(hand.source);
    bool ended = hand.ended;
    const std::string& name = input().name;
    const std::size_t chunk = parallel_chunk_bytes();

    // Workers, each with its own row reader (numbered 1…), parse chunks from a queue.
    const std::size_t workers = opts.jobs;
    std::vector<std::unique_ptr<row_reader>> readers;
    region_index.resize(1 + workers);
    vintage_index.resize(1 + workers);
    for (std::size_t k = 1; k <= workers; ++k) {
        region_index[k].clear();
        vintage_index[k].clear();
    }
    for (std::size_t k = 0; k < workers; ++k) readers.push_back(std::make_unique<row_reader>(facts));
    std::mutex m;
    std::condition_variable work_ready;
    std::condition_variable work_done;
    std::deque<chunk_task*> queue;
    bool closing = false;
    const auto work = [&](std::size_t k) {
        while (true) {
            chunk_task* t = nullptr;
            {
                std::unique_lock lock(m);
                work_ready.wait(lock, [&] { return closing || !queue.empty(); });
                if (queue.empty()) return;
                t = queue.front();
                queue.pop_front();
            }
            t->reader = k + 1;
            csv::reader r(t->bytes.view(), name, opts.csv, {1, start.width});
            csv::record record;
            chunk_sink sink{t->result, opts.max_findings};
            for (std::uint64_t seq = 0;; ++seq) {
                auto more = r.next(record);
                if (!more) {
                    t->result.csv_error = std::move(more).error();
                    break;
                }
                if (!*more) break;
                readers[k]->long_row(record, col, seq, sink);
            }
            t->result.lines = r.position().line - 1;
            t->result.blank_lines = r.blank_lines();
            {
                std::lock_guard lock(m);
                t->done.store(true, std::memory_order_release);
            }
            work_done.notify_all();
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < workers; ++k) threads.emplace_back(work, k);

    std::deque<std::unique_ptr<chunk_task>> in_flight;
    std::vector<byte_buffer> spare;
    std::uint32_t line = start.line;
    bool stopped = false;  // a malformed record ended the input
    const auto merge_front = [&] {
        std::unique_ptr<chunk_task> t = std::move(in_flight.front());
        in_flight.pop_front();
        {
            std::unique_lock lock(m);
            work_done.wait(lock, [&] { return t->done.load(std::memory_order_acquire); });
        }
        if (!stopped) stopped = !merge(t->result, t->reader, line);
        t->bytes.size = 0;
        spare.push_back(std::move(t->bytes));
    };
    const auto next_buffer = [&] {
        byte_buffer b;
        if (!spare.empty()) {
            b = std::move(spare.back());
            spare.pop_back();
        }
        return b;
    };

    byte_buffer block = next_buffer();
    block.reserve(2 * chunk);
    block.append(hand.pending);
    std::optional<error> failure;  // reading the source failed
    bool sequential_rest = false;  // no record boundary within two chunks: the rest is read here
    std::size_t want = chunk;
    while (!stopped) {
        while (!ended && block.size < want) {
            block.reserve(block.size + chunk);
            auto n = source->read(block.data.get() + block.size, chunk);
            if (!n) {
                failure = std::move(n).error();
                break;
            }
            if (*n == 0) ended = true;
            block.size += *n;
            extra_bytes += *n;
        }
        if (failure) break;
        const std::size_t cut = ended ? block.size : last_record_end(block.view());
        if (cut == 0 && !ended) {
            if (block.size >= 2 * chunk) {
                sequential_rest = true;
                break;
            }
            want = block.size + 1;
            continue;
        }
        want = chunk;
        byte_buffer rest = next_buffer();
        rest.reserve(2 * chunk);
        rest.append(block.view().substr(cut));
        block.size = cut;
        if (cut > 0) {
            auto t = std::make_unique<chunk_task>();
            t->bytes = std::move(block);
            {
                std::lock_guard lock(m);
                queue.push_back(t.get());
            }
            work_ready.notify_one();
            in_flight.push_back(std::move(t));
        }
        block = std::move(rest);
        while (!in_flight.empty() &&
               (in_flight.size() > 2 * workers || in_flight.front()->done.load(std::memory_order_acquire)))
            merge_front();
        if (ended && block.size == 0) break;
    }
    while (!in_flight.empty()) merge_front();
    {
        std::lock_guard lock(m);
        closing = true;
    }
    work_ready.notify_all();
    for (std::thread& t : threads) t.join();

    // The rest of the file, from a record boundary, as a reader from the start would read it:
    // a record longer than two chunks, or the bytes before a read error and the error.
    if (!stopped && (failure || sequential_rest)) {
        auto rest_source = std::make_unique<prefix_source>(block.view(), std::move(source), std::move(failure));
        csv::reader rest(std::move(rest_source), name, opts.csv, {line, start.width});
        csv::record rec;
        read_long(rest, rec, col);
        extra_bytes += rest.bytes_read() - block.size;
        extra_blank_lines += rest.blank_lines();
        return rest.release().source;
    }
    return source;
}

void observation_reader::state::read_wide(csv::reader& reader, csv::record& rec, const columns& col,
                                          const std::vector<wide_column>& columns,
                                          const std::vector<std::pair<std::size_t, std::size_t>>& unused) {
    const auto field = [&](column_role r) -> std::string_view {
        const auto c = col[static_cast<std::size_t>(r)];
        return c ? text::trim(rec[*c]) : std::string_view{};
    };
    direct_sink sink{*this};
    while (next(reader, rec)) {
        ++counts.rows;
        int year = 0;
        std::int16_t price_base = 0;
        const bool year_read = rows.year_of(rec, col, 0, sink, year);
        if (!rows.price_base_of(rec, col, 0, sink, price_base) || !year_read) {
            ++counts.rejected;
            continue;
        }
        // A row is used when one of its values is stored, rejected when one is refused, and
        // ignored (with the reason) when none carries a value.
        std::size_t stored = 0;
        std::size_t rejected = 0;
        std::size_t filled = 0;
        const std::uint16_t vintage = rows.vintage_of(field(column_role::vintage), sink);
        for (const auto& [column, slot] : unused)
            if (!text::trim(rec[column]).empty()) ++places.unused.names[slot].second;
        // A unit column speaks for every value of its row: each value is read in it, or the row
        // is refused (never read in the header's or the declared unit instead).
        const std::string_view unit_text = field(column_role::unit);
        for (const wide_column& c : columns) {
            const std::string_view value_text = text::trim(rec[c.index]);
            if (value_text.empty()) continue;
            ++filled;
            const unit* u = &c.in;
            if (!unit_text.empty()) {
                const std::size_t unit_column = *col[static_cast<std::size_t>(column_role::unit)];
                const auto& resolved = rows.unit_of(c.indicator, unit_text);
                if (!resolved.u) {
                    error e = *resolved.problem;
                    e.where = rec.origin_of(unit_column);
                    e.message.en = fmt::format("column {}: {}", header_cells_[c.index], e.message.en);
                    e.message.zh = fmt::format("列 {}：{}", header_cells_[c.index], e.message.zh);
                    report(std::move(e));
                    ++rejected;
                    continue;
                }
                if (c.unit_in_header && !resolved.u->same_as(c.in)) {
                    report(make_error(
                        error_code::unit_unknown,
                        fmt::format("the unit column says {} but the header of column \"{}\" says {}: which unit is meant?",
                                    resolved.u->spelling(), header_cells_[c.index], c.in.spelling()),
                        fmt::format("单位列为 {}，而列“{}”的表头为 {}：应以哪个单位为准？", resolved.u->spelling(),
                                    header_cells_[c.index], c.in.spelling()),
                        rec.origin_of(unit_column)));
                    ++rejected;
                    continue;
                }
                u = &*resolved.u;
            }
            switch (rows.store(rec, col, field(column_role::region), c.indicator, year, value_text, c.index, *u,
                               price_base, vintage, unit_text.empty() && !c.unit_in_header, 0, sink, c.fall)) {
                case outcome::stored: ++stored; break;
                case outcome::rejected: ++rejected; break;
                case outcome::ignored:
                case outcome::pending: break;
            }
        }
        if (rejected > 0) {
            ++counts.rejected;
        } else if (stored > 0) {
            ++counts.used;
        } else {
            ++counts.ignored;
            if (filled == 0)
                report(make_error(error_code::row_ignored, "no indicator column holds a value", "所有指标列都没有数值",
                                  rec.where()));
        }
    }
}

}  // namespace plancheck
