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

enum class column_role { region, indicator, year, value, unit, extra };

struct header_name {
    std::string_view name;
    column_role role;
};

// Header names, English and Chinese, compared after trimming and lower-casing ASCII.
constexpr std::array<header_name, 20> header_names{{
    {"region", column_role::region},      {"地区", column_role::region},
    {"区域", column_role::region},        {"盟市", column_role::region},
    {"行政区", column_role::region},      {"indicator", column_role::indicator},
    {"指标", column_role::indicator},     {"指标名称", column_role::indicator},
    {"指标代码", column_role::indicator}, {"year", column_role::year},
    {"年份", column_role::year},          {"年度", column_role::year},
    {"年", column_role::year},            {"value", column_role::value},
    {"数值", column_role::value},         {"值", column_role::value},
    {"数据", column_role::value},         {"unit", column_role::unit},
    {"单位", column_role::unit},          {"计量单位", column_role::unit},
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
        case column_role::extra: return "";
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
        if (n && hasher_ != nullptr) hasher_->update(std::string_view(buffer, *n));
        return n;
    }

private:
    std::unique_ptr<csv::byte_source> inner_;
    sha256* hasher_;
};

}  // namespace

struct observation_reader::state {
    const plan& p;
    read_options opts;
    observation_set set;
    diagnostics problems;
    std::uint64_t left_out = 0;
    bool failed = false;

    name_map indicators;                 // id or alias → indicator index
    name_map regions;                    // spelling → region index in set
    std::set<std::string, std::less<>> target_regions;  // regions some target is about
    // Resolved units per indicator: spelling → unit (one conversion factor per spelling).
    std::vector<std::vector<std::pair<std::string, unit>>> unit_cache;
    std::vector<std::string> indicator_names;  // for suggestions, built on first need

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

    // Keeps a finding unless the cap for this input is reached.
    void report(error e, input_summary& in, std::uint64_t& kept) {
        if (e.level == severity::error) failed = true;
        if (kept >= opts.max_findings) {
            ++left_out;
            return;
        }
        ++kept;
        (void)in;
        problems.push_back(std::move(e));
    }

    std::uint32_t region_of(std::string_view spelling) {
        const auto it = regions.find(spelling);
        if (it != regions.end()) return it->second;
        const std::string canonical = p.canonical_region(spelling);
        auto [pos, inserted] = set.region_by_name_.emplace(canonical, static_cast<std::uint32_t>(set.regions_.size()));
        if (inserted) set.regions_.push_back(canonical);
        regions.emplace(std::string(spelling), pos->second);
        return pos->second;
    }

    result<unit> unit_of(std::uint32_t indicator, std::string_view spelling) {
        auto& cache = unit_cache[indicator];
        for (const auto& [s, u] : cache)
            if (s == spelling) return u;
        auto resolved = p.indicators[indicator].resolve_unit(spelling);
        if (resolved) cache.emplace_back(std::string(spelling), *resolved);
        return resolved;
    }

    void read(std::unique_ptr<csv::byte_source> source, const std::string& name);
};

observation_reader::observation_reader(const plan& p, read_options opts)
    : state_(std::make_unique<state>(p, std::move(opts))) {}
observation_reader::~observation_reader() = default;

bool observation_reader::failed() const { return state_->failed; }
const diagnostics& observation_reader::problems() const { return state_->problems; }
std::uint64_t observation_reader::findings_left_out() const { return state_->left_out; }
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
    const auto file_index = static_cast<std::uint32_t>(set.inputs_.size());
    set.inputs_.emplace_back();
    set.inputs_.back().name = name;
    std::uint64_t kept = 0;
    sha256 hasher;
    csv::reader reader(std::make_unique<hashing_source>(std::move(source), &hasher), name, opts.csv);
    csv::record rec;

    const auto finish_input = [&] {
        input_summary& in = set.inputs_[file_index];
        in.blank_lines = reader.blank_lines();
        in.bom = reader.had_bom();
        in.bytes = reader.bytes_read();
        in.sha256 = hasher.hex_digest();
    };
    const auto next = [&]() -> bool {
        auto more = reader.next(rec);
        if (!more) {
            report(std::move(more).error(), set.inputs_[file_index], kept);
            return false;
        }
        return *more;
    };

    // Header.
    if (!next()) {
        if (!failed)
            report(make_error(error_code::csv_empty, "the file is empty: a header line is required",
                              "文件为空：需要表头行", origin{name, 1, 1}),
                   set.inputs_[file_index], kept);
        finish_input();
        return;
    }
    std::array<std::optional<std::size_t>, 5> column{};  // by column_role
    for (std::size_t i = 0; i < rec.size(); ++i) {
        const std::string key = lower_ascii(text::trim(rec[i]));
        const auto h = std::find_if(header_names.begin(), header_names.end(),
                                    [&](const header_name& n) { return n.name == key; });
        if (h == header_names.end()) {
            set.inputs_[file_index].extra_columns.emplace_back(text::trim(rec[i]));
            continue;
        }
        auto& slot = column[static_cast<std::size_t>(h->role)];
        if (slot) {
            report(make_error(error_code::csv_header,
                              fmt::format("column \"{}\" names the {} a second time (first in column {})", rec[i],
                                          role_name(h->role, language::en), *slot + 1),
                              fmt::format("列“{}”重复表示{}（首次出现在第 {} 列）", rec[i],
                                          role_name(h->role, language::zh), *slot + 1),
                              rec.origin_of(i)),
                   set.inputs_[file_index], kept);
            continue;
        }
        slot = i;
    }
    const auto col = [&](column_role r) { return column[static_cast<std::size_t>(r)]; };
    for (const column_role r : {column_role::indicator, column_role::value, column_role::year}) {
        if (col(r) || (r == column_role::year && opts.year)) continue;
        const std::string extra = r == column_role::year ? " (or give --year)" : "";
        const std::string extra_zh = r == column_role::year ? "（或指定 --year）" : "";
        std::vector<std::string> header_cells;
        for (std::size_t i = 0; i < rec.size(); ++i) header_cells.emplace_back(text::trim(rec[i]));
        report(make_error(error_code::csv_header,
                          fmt::format("missing column \"{}\"{}; the header has: {}", role_name(r, language::en), extra,
                                      fmt::join(header_cells, ", ")),
                          fmt::format("缺少“{}”列{}；表头为：{}", role_name(r, language::zh), extra_zh,
                                      fmt::join(header_cells, "，")),
                          origin{name, rec.line(), 1}),
               set.inputs_[file_index], kept);
    }
    if (failed) {
        finish_input();
        return;
    }

    const std::size_t width = rec.size();
    const std::string plan_region = p.info.region.zh;
    input_summary& in = set.inputs_[file_index];
    std::uint32_t last_region_index = 0;
    std::string last_region_text;
    bool have_last_region = false;

    while (next()) {
        ++in.rows;
        const auto field = [&](column_role r) -> std::string_view {
            const auto c = col(r);
            return c && *c < width ? text::trim(rec[*c]) : std::string_view{};
        };
        const auto ignore = [&](std::string en, std::string zh) {
            ++in.ignored;
            report(make_error(error_code::row_ignored, std::move(en), std::move(zh), rec.where()), in, kept);
        };
        const auto reject = [&](error e, column_role r) {
            ++in.rejected;
            if (e.where.file.empty()) {
                const auto c = col(r);
                e.where = c ? rec.origin_of(*c) : rec.where();
            }
            report(std::move(e), in, kept);
        };

        bool all_empty = true;
        for (std::size_t i = 0; i < rec.size(); ++i)
            if (!text::trim(rec[i]).empty()) all_empty = false;
        if (all_empty) {
            ignore("row ignored: every field is empty", "已忽略该行：所有字段为空");
            continue;
        }

        // Indicator.
        const std::string_view indicator_text = field(column_role::indicator);
        const auto ind_it = indicators.find(indicator_text);
        if (ind_it == indicators.end()) {
            if (indicator_names.empty()) indicator_names = p.indicator_names();
            const auto near = text::nearest(indicator_text, indicator_names);
            reject(make_error(error_code::indicator_unknown,
                              fmt::format("unknown indicator \"{}\"{} (`plancheck rules` lists the plan's indicators)",
                                          indicator_text, near ? fmt::format("; did you mean {}?", *near) : ""),
                              fmt::format("未知指标“{}”{}（`plancheck rules` 列出本规划的指标）", indicator_text,
                                          near ? fmt::format("；是否应为 {}？", *near) : "")),
                   column_role::indicator);
            continue;
        }
        const std::uint32_t indicator_number = ind_it->second;
        const indicator& ind = p.indicators[indicator_number];

        // Year.
        int year = 0;
        if (col(column_role::year)) {
            auto y = parse_year(field(column_role::year));
            if (!y) {
                reject(std::move(y).error(), column_role::year);
                continue;
            }
            year = *y;
        } else {
            year = *opts.year;
        }

        // Value: an empty one is a row to fill in later (a template), not an error.
        const std::string_view value_text = field(column_role::value);
        if (value_text.empty()) {
            ignore(fmt::format("row ignored: no value for {} {}", ind.id, year),
                   fmt::format("已忽略该行：{} {} 年没有数值", ind.name.zh, year));
            continue;
        }
        auto number = parse_decimal(value_text);
        if (!number) {
            reject(std::move(number).error(), column_role::value);
            continue;
        }

        // Unit: the indicator's declared unit when none is given.
        const std::string_view unit_text = field(column_role::unit);
        unit u = ind.declared_unit;
        if (unit_text.empty()) {
            ++in.unit_assumed;
        } else {
            auto resolved = unit_of(indicator_number, unit_text);
            if (!resolved) {
                reject(std::move(resolved).error(), column_role::unit);
                continue;
            }
            u = *resolved;
        }
        if (number->percent_sign && u.kind() != quantity_kind::share) {
            reject(make_error(error_code::number_percent,
                              fmt::format("\"{}\" ends in %, but {} is measured in {}", value_text, ind.id,
                                          u.spelling()),
                              fmt::format("“{}”以 % 结尾，但{}以 {} 计量", value_text, ind.name.zh, u.spelling())),
                   column_role::value);
            continue;
        }

        // Region.
        const std::string_view region_text = field(column_role::region);
        std::uint32_t region = 0;
        if (have_last_region && region_text == last_region_text) {
            region = last_region_index;
        } else {
            region = region_of(region_text.empty() ? std::string_view(plan_region) : region_text);
            last_region_text.assign(region_text);
            last_region_index = region;
            have_last_region = true;
        }
        const std::string& region_name = set.regions_[region];
        if (!target_regions.contains(region_name)) {
            ignore(fmt::format("row ignored: no target of plan {} is about region \"{}\"", p.info.id, region_name),
                   fmt::format("已忽略该行：规划 {} 没有关于“{}”的目标", p.info.id, region_name));
            continue;
        }
        if (year < set.first_year_ || year > set.last_year_) {
            ignore(fmt::format("row ignored: year {} is outside the plan's years {}–{}", year, set.first_year_,
                               set.last_year_),
                   fmt::format("已忽略该行：{} 年不在规划年份 {}–{} 之内", year, set.first_year_, set.last_year_));
            continue;
        }

        // Store, refusing a second, different value for the same region, indicator and year.
        auto& slots = set.groups_[(std::uint64_t{region} << 32) | indicator_number];
        if (slots.empty()) slots.resize(static_cast<std::size_t>(set.last_year_ - set.first_year_ + 1));
        auto& slot = slots[static_cast<std::size_t>(year - set.first_year_)];
        const auto value_column = *col(column_role::value);
        const value_origin here{file_index, rec.line_of(value_column), rec.column_of(value_column)};
        const any_quantity q = u.quantity(number->value);
        if (slot) {
            const double a = slot->value.canonical_value();
            const double b = q.canonical_value();
            const origin first = set.resolve(slot->where);
            if (std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b))) {
                ++in.ignored;
                report(make_error(error_code::duplicate_identical,
                                  fmt::format("{} {} {} is given again with the same value (first at {}); ignored",
                                              region_name, ind.id, year, first.to_string()),
                                  fmt::format("{} {} {} 年的数值重复出现且相同（首次见 {}）；已忽略", region_name,
                                              ind.name.zh, year, first.to_string()),
                                  set.resolve(here)),
                       in, kept);
            } else {
                ++in.rejected;
                report(make_error(error_code::duplicate_conflict,
                                  fmt::format("{} {} {} has two different values: {} here and {} {} at {}",
                                              region_name, ind.id, year, value_text, format_number(ind.declared_unit.value_of(slot->value)),
                                              ind.declared_unit.spelling(), first.to_string()),
                                  fmt::format("{} {} {} 年有两个不同的数值：此处为 {}，{} 处为 {} {}", region_name,
                                              ind.name.zh, year, value_text, first.to_string(),
                                              format_number(ind.declared_unit.value_of(slot->value)),
                                              ind.declared_unit.spelling()),
                                  set.resolve(here)),
                       in, kept);
            }
            continue;
        }
        slot = observation{q, here};
        ++set.stored_;
        ++in.used;
    }
    finish_input();
}

}  // namespace plancheck
