#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <unordered_map>

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

// Header names, English and Chinese, compared after trimming and lower-casing ASCII.
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

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

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
};

}  // namespace

struct observation_reader::state {
    const plan& p;
    read_options opts;
    observation_set set;
    diagnostics problems;
    std::uint64_t left_out = 0;        // errors and warnings not kept
    std::uint64_t notes_left_out = 0;  // notes not kept
    bool failed = false;

    name_map indicators;                 // id or alias → indicator index
    name_map regions;                    // spelling → region index in set
    name_map vintages;                   // vintage text → index
    std::set<std::string, std::less<>> target_regions;  // regions some target is about
    // Resolved units per indicator: spelling → unit (one conversion factor per spelling).
    std::vector<std::vector<std::pair<std::string, unit>>> unit_cache;
    std::vector<std::string> indicator_names;  // for suggestions, built on first need

    // Per input.
    std::uint32_t file_index = 0;
    std::array<std::uint64_t, 3> kept{};  // by severity
    std::string last_region_text;
    std::uint32_t last_region_index = 0;
    bool have_last_region = false;

    state(const plan& pl, read_options o) : p(pl), opts(std::move(o)) {
        for (std::size_t i = 0; i < p.indicators.size(); ++i) {
            indicators.emplace(p.indicators[i].id, static_cast<std::uint32_t>(i));
            for (const std::string& a : p.indicators[i].aliases) indicators.emplace(a, static_cast<std::uint32_t>(i));
        }
        unit_cache.resize(p.indicators.size());
        target_regions.insert(p.info.region.zh);
        int first = p.info.base_year;
        int last = p.info.target_year;
        for (const target& t : p.targets) {
            target_regions.insert(t.region);
            if (t.base_year) first = std::min(first, *t.base_year);
            last = std::max(last, t.year);
        }
        for (const indicator& ind : p.indicators)
            for (const plan_value& b : ind.bases) first = std::min(first, b.year);
        set.first_year_ = first;
        set.last_year_ = last;
    }

    input_summary& input() { return set.inputs_[file_index]; }

    // Keeps a finding unless the cap for this input is reached.
    // Keeps a finding unless this input already has max_findings of its severity: notes (rows
    // ignored, shown with --verbose) never crowd out a warning or an error.
    void report(error e) {
        if (e.level == severity::error) failed = true;
        const auto level = static_cast<std::size_t>(e.level);
        if (kept[level] >= opts.max_findings) {
            ++(e.level == severity::note ? notes_left_out : left_out);
            return;
        }
        ++kept[level];
        problems.push_back(std::move(e));
    }

    std::uint32_t region_of(std::string_view spelling) {
        if (have_last_region && spelling == last_region_text) return last_region_index;
        std::uint32_t index = 0;
        if (const auto it = regions.find(spelling); it != regions.end()) {
            index = it->second;
        } else {
            const std::string canonical = p.canonical_region(spelling);
            auto [pos, inserted] =
                set.region_by_name_.emplace(canonical, static_cast<std::uint32_t>(set.regions_.size()));
            if (inserted) set.regions_.push_back(canonical);
            regions.emplace(std::string(spelling), pos->second);
            index = pos->second;
        }
        last_region_text.assign(spelling);
        last_region_index = index;
        have_last_region = true;
        return index;
    }

    std::uint16_t vintage_of(std::string_view text) {
        if (text.empty()) return 0;
        if (const auto it = vintages.find(text); it != vintages.end()) return static_cast<std::uint16_t>(it->second);
        const auto index = static_cast<std::uint32_t>(set.vintages_.size());
        set.vintages_.emplace_back(text);
        vintages.emplace(std::string(text), index);
        return static_cast<std::uint16_t>(index);
    }

    result<unit> unit_of(std::uint32_t indicator, std::string_view spelling) {
        auto& cache = unit_cache[indicator];
        for (const auto& [s, u] : cache)
            if (s == spelling) return u;
        auto resolved = p.indicators[indicator].resolve_unit(spelling);
        if (resolved) cache.emplace_back(std::string(spelling), *resolved);
        return resolved;
    }

    std::optional<std::uint32_t> find_indicator(std::string_view name) const {
        const auto it = indicators.find(name);
        if (it == indicators.end()) return std::nullopt;
        return it->second;
    }

    error unknown_indicator(std::string_view name) {
        if (indicator_names.empty()) indicator_names = p.indicator_names();
        const auto near = text::nearest(name, indicator_names);
        return make_error(error_code::indicator_unknown,
                          fmt::format("unknown indicator \"{}\"{} (`plancheck rules` lists the plan's indicators)", name,
                                      near ? fmt::format("; did you mean {}?", *near) : ""),
                          fmt::format("未知指标“{}”{}（`plancheck rules` 列出本规划的指标）", name,
                                      near ? fmt::format("；是否应为 {}？", *near) : ""));
    }

    enum class outcome { stored, ignored, rejected };

    // Stores one value; the single place that decides whether a value is used, and why not.
    outcome store(const csv::record& rec, std::string_view region_text, std::uint32_t indicator_number, int year,
                  std::string_view value_text, std::size_t value_column, const unit& u, std::int16_t price_base,
                  std::uint16_t vintage);

    void read(std::unique_ptr<csv::byte_source> source, const std::string& name);
    void read_long(csv::reader& reader, csv::record& rec, const std::array<std::optional<std::size_t>, role_count>& col);
    void read_wide(csv::reader& reader, csv::record& rec, const std::array<std::optional<std::size_t>, role_count>& col,
                   const std::vector<wide_column>& columns);
    bool next(csv::reader& reader, csv::record& rec) {
        auto more = reader.next(rec);
        if (!more) {
            report(std::move(more).error());
            return false;
        }
        return *more;
    }
    std::optional<int> year_of(const csv::record& rec, const std::array<std::optional<std::size_t>, role_count>& col);
    std::optional<std::int16_t> price_base_of(const csv::record& rec,
                                              const std::array<std::optional<std::size_t>, role_count>& col);
};

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

observation_reader::state::outcome observation_reader::state::store(const csv::record& rec, std::string_view region_text,
                                                                    std::uint32_t indicator_number, int year,
                                                                    std::string_view value_text, std::size_t value_column,
                                                                    const unit& u, std::int16_t price_base,
                                                                    std::uint16_t vintage) {
    input_summary& in = input();
    const indicator& ind = p.indicators[indicator_number];
    const auto reject = [&](error e) {
        if (e.where.file.empty()) e.where = rec.origin_of(value_column);
        report(std::move(e));
        return outcome::rejected;
    };
    const auto ignore = [&](std::string en, std::string zh) {
        report(make_error(error_code::row_ignored, std::move(en), std::move(zh), rec.origin_of(value_column)));
        return outcome::ignored;
    };

    // An empty value is a cell to fill in later (a template), not an error.
    if (value_text.empty())
        return ignore(fmt::format("no value for {} {}", ind.id, year), fmt::format("{} {} 年没有数值", ind.name.zh, year));
    auto number = parse_decimal(value_text);
    if (!number) return reject(std::move(number).error());
    if (number->percent_sign && u.kind() != quantity_kind::share)
        return reject(make_error(error_code::number_percent,
                                 fmt::format("\"{}\" ends in %, but {} is measured in {}", value_text, ind.id, u.spelling()),
                                 fmt::format("“{}”以 % 结尾，但{}以 {} 计量", value_text, ind.name.zh, u.spelling())));

    const std::uint32_t region = region_of(region_text.empty() ? std::string_view(p.info.region.zh) : region_text);
    const std::string& region_name = set.regions_[region];
    if (!target_regions.contains(region_name))
        return ignore(fmt::format("no target of plan {} is about region \"{}\"", p.info.id, region_name),
                      fmt::format("规划 {} 没有关于“{}”的目标", p.info.id, region_name));
    if (year < set.first_year_ || year > set.last_year_)
        return ignore(fmt::format("year {} is outside the plan's years {}–{}", year, set.first_year_, set.last_year_),
                      fmt::format("{} 年不在规划年份 {}–{} 之内", year, set.first_year_, set.last_year_));

    // Store, refusing a second, different value for the same region, indicator and year.
    auto& slots = set.groups_[(std::uint64_t{region} << 32) | indicator_number];
    if (slots.empty()) slots.resize(static_cast<std::size_t>(set.last_year_ - set.first_year_ + 1));
    auto& slot = slots[static_cast<std::size_t>(year - set.first_year_)];
    const value_origin here{file_index, rec.line_of(value_column), rec.column_of(value_column)};
    const any_quantity q = u.quantity(number->value);
    if (slot) {
        const double a = slot->value.canonical_value();
        const double b = q.canonical_value();
        const origin first = set.resolve(slot->where);
        if (std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b))) {
            error repeat = make_error(error_code::duplicate_identical,
                                      fmt::format("{} {} {} is given again with the same value (first at {}); ignored",
                                                  region_name, ind.id, year, first.to_string()),
                                      fmt::format("{} {} {} 年的数值重复出现且相同（首次见 {}）；已忽略", region_name,
                                                  ind.name.zh, year, first.to_string()),
                                      set.resolve(here));
            // Yearly files restate earlier years: a repeat from another file is expected (a note);
            // within one file it is a slip worth a warning.
            if (slot->where.file != file_index) repeat.level = severity::note;
            report(std::move(repeat));
            return outcome::ignored;
        }
        const std::string earlier = fmt::format("{} {}", format_number(ind.declared_unit.value_of(slot->value)),
                                                ind.declared_unit.spelling());
        return reject(make_error(
            error_code::duplicate_conflict,
            fmt::format("{} {} {} has two different values: {} {} here and {} at {}", region_name, ind.id, year,
                        value_text, u.spelling(), earlier, first.to_string()),
            fmt::format("{} {} {} 年有两个不同的数值：此处为 {} {}，{} 处为 {}", region_name, ind.name.zh, year,
                        value_text, u.spelling(), first.to_string(), earlier),
            set.resolve(here)));
    }
    slot = observation{q, here, price_base, vintage};
    ++set.stored_;
    (void)in;
    return outcome::stored;
}

std::optional<int> observation_reader::state::year_of(const csv::record& rec,
                                                      const std::array<std::optional<std::size_t>, role_count>& col) {
    const auto c = col[static_cast<std::size_t>(column_role::year)];
    if (!c) return *opts.year;
    auto y = parse_year(rec[*c]);
    if (!y) {
        error e = std::move(y).error();
        e.where = rec.origin_of(*c);
        report(std::move(e));
        return std::nullopt;
    }
    return *y;
}

std::optional<std::int16_t> observation_reader::state::price_base_of(
    const csv::record& rec, const std::array<std::optional<std::size_t>, role_count>& col) {
    const auto c = col[static_cast<std::size_t>(column_role::price_base)];
    if (!c || text::trim(rec[*c]).empty()) return std::int16_t{0};
    auto y = parse_year(rec[*c]);
    if (!y) {
        error e = std::move(y).error();
        e.where = rec.origin_of(*c);
        e.message.en = "price base: " + e.message.en;
        e.message.zh = "价格基年：" + e.message.zh;
        report(std::move(e));
        return std::nullopt;
    }
    return static_cast<std::int16_t>(*y);
}

void observation_reader::state::read(std::unique_ptr<csv::byte_source> source, const std::string& name) {
    file_index = static_cast<std::uint32_t>(set.inputs_.size());
    set.inputs_.emplace_back();
    input().name = name;
    kept = {};
    have_last_region = false;

    sha256 hasher;
    auto hashed = std::make_unique<hashing_source>(std::move(source), &hasher);
    auto decoded = std::make_unique<decoding_source>(std::move(hashed), opts.encoding, name);
    decoding_source* decoder = decoded.get();
    csv::reader reader(std::move(decoded), name, opts.csv);
    csv::record rec;

    const auto finish_input = [&] {
        input_summary& in = input();
        in.blank_lines = reader.blank_lines();
        in.bom = reader.had_bom();
        in.bytes = reader.bytes_read();
        in.encoding = std::string(to_string(decoder->encoding()));
        in.sha256 = hasher.hex_digest();
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

    std::array<std::optional<std::size_t>, role_count> col{};
    std::vector<std::pair<std::size_t, std::string_view>> unmatched;
    for (std::size_t i = 0; i < rec.size(); ++i) {
        const std::string key = lower_ascii(text::trim(rec[i]));
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

    const bool long_format = has(column_role::indicator) || has(column_role::value);
    std::vector<wide_column> wide;
    if (long_format) {
        for (const auto& [i, cell] : unmatched) input().extra_columns.emplace_back(cell);
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
            const auto indicator_number = find_indicator(indicator_text);
            if (!indicator_number) {
                error e = unknown_indicator(indicator_text);
                e.code = error_code::column_ignored;
                e.level = severity::warning;
                e.message.en = fmt::format("column \"{}\" is not an indicator of the plan and is not evaluated: {}", cell, e.message.en);
                e.message.zh = fmt::format("列“{}”不是本规划的指标，不参与评价：{}", cell, e.message.zh);
                e.where = rec.origin_of(i);
                report(std::move(e));
                input().extra_columns.emplace_back(cell);
                continue;
            }
            unit u = p.indicators[*indicator_number].declared_unit;
            if (!unit_text.empty()) {
                auto resolved = unit_of(*indicator_number, unit_text);
                if (!resolved) {
                    error e = std::move(resolved).error();
                    e.where = rec.origin_of(i);
                    report(std::move(e));
                    continue;
                }
                u = *resolved;
            }
            wide.push_back({i, *indicator_number, u});
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
    if (long_format)
        read_long(reader, rec, col);
    else
        read_wide(reader, rec, col, wide);
    finish_input();
}

void observation_reader::state::read_long(csv::reader& reader, csv::record& rec,
                                          const std::array<std::optional<std::size_t>, role_count>& col) {
    const auto field = [&](column_role r) -> std::string_view {
        const auto c = col[static_cast<std::size_t>(r)];
        return c ? text::trim(rec[*c]) : std::string_view{};
    };
    const std::size_t value_column = *col[static_cast<std::size_t>(column_role::value)];
    const std::size_t indicator_column = *col[static_cast<std::size_t>(column_role::indicator)];

    while (next(reader, rec)) {
        input_summary& in = input();
        ++in.rows;
        bool all_empty = true;
        for (std::size_t i = 0; i < rec.size() && all_empty; ++i)
            if (!text::trim(rec[i]).empty()) all_empty = false;
        if (all_empty) {
            ++in.ignored;
            report(make_error(error_code::row_ignored, "every field is empty", "所有字段为空", rec.where()));
            continue;
        }
        const std::string_view indicator_text = field(column_role::indicator);
        const auto indicator_number = find_indicator(indicator_text);
        if (!indicator_number) {
            error e = unknown_indicator(indicator_text);
            e.where = rec.origin_of(indicator_column);
            report(std::move(e));
            ++in.rejected;
            continue;
        }
        const auto year = year_of(rec, col);
        const auto price_base = price_base_of(rec, col);
        if (!year || !price_base) {
            ++in.rejected;
            continue;
        }
        const std::string_view unit_text = field(column_role::unit);
        unit u = p.indicators[*indicator_number].declared_unit;
        if (!unit_text.empty()) {
            auto resolved = unit_of(*indicator_number, unit_text);
            if (!resolved) {
                error e = std::move(resolved).error();
                e.where = rec.origin_of(*col[static_cast<std::size_t>(column_role::unit)]);
                report(std::move(e));
                ++in.rejected;
                continue;
            }
            u = *resolved;
        }
        const std::string_view value_text = field(column_role::value);
        switch (store(rec, field(column_role::region), *indicator_number, *year, value_text, value_column, u,
                      *price_base, vintage_of(field(column_role::vintage)))) {
            case outcome::stored:
                ++in.used;
                if (unit_text.empty()) ++in.unit_assumed;
                break;
            case outcome::ignored: ++in.ignored; break;
            case outcome::rejected: ++in.rejected; break;
        }
    }
}

void observation_reader::state::read_wide(csv::reader& reader, csv::record& rec,
                                          const std::array<std::optional<std::size_t>, role_count>& col,
                                          const std::vector<wide_column>& columns) {
    const auto field = [&](column_role r) -> std::string_view {
        const auto c = col[static_cast<std::size_t>(r)];
        return c ? text::trim(rec[*c]) : std::string_view{};
    };
    while (next(reader, rec)) {
        input_summary& in = input();
        ++in.rows;
        const auto year = year_of(rec, col);
        const auto price_base = price_base_of(rec, col);
        if (!year || !price_base) {
            ++in.rejected;
            continue;
        }
        // A row is used when one of its values is stored, rejected when one is refused, and
        // ignored (with the reason) when none carries a value.
        std::size_t stored = 0;
        std::size_t rejected = 0;
        std::size_t filled = 0;
        const std::uint16_t vintage = vintage_of(field(column_role::vintage));
        for (const wide_column& c : columns) {
            const std::string_view value_text = text::trim(rec[c.index]);
            if (value_text.empty()) continue;
            ++filled;
            switch (store(rec, field(column_role::region), c.indicator, *year, value_text, c.index, c.in, *price_base,
                          vintage)) {
                case outcome::stored: ++stored; break;
                case outcome::rejected: ++rejected; break;
                case outcome::ignored: break;
            }
        }
        if (rejected > 0) {
            ++in.rejected;
        } else if (stored > 0) {
            ++in.used;
        } else {
            ++in.ignored;
            if (filled == 0)
                report(make_error(error_code::row_ignored, "no indicator column holds a value", "所有指标列都没有数值",
                                  rec.where()));
        }
    }
}

}  // namespace plancheck
