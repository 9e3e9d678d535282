#pragma once
// Deterministic long-format statistics for the benchmarks: regions × the plan's indicators ×
// years, units in several spellings, and a matching regional targets table. The figures are
// made up (illustrative), never official. Used by the generator tool and the micro-benchmarks,
// so both measure the same kind of input.

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace plancheck_bench {

/// What to generate.
struct generator_options {
    long long rows = 0;           ///< data rows
    long long regions = 0;        ///< regions C00000…; 0: rows / 700 + 1 (50 years each)
    long long region_start = 0;   ///< number of the first region
    std::string fixed_region;     ///< one region of this name instead of C00000… (e.g. the plan's own)
    int first_year = 0;           ///< 0: 1981, or 1900 when more than 50 years are needed
    std::uint64_t seed = 1;       ///< seed of the values
    long long years = 0;          ///< set by resolve()
};

namespace detail {

struct spelling {
    const char* name;  // id or alias
    const char* unit;
    double scale;      // factor from the indicator's typical unit to this one
};

struct indicator {
    std::vector<spelling> spellings;  // one is picked per region and year, so the reader meets each
    double base;                      // typical magnitude, in the first spelling's unit
};

// Indicators of the shipped 13th plan, several written two ways (万吨 and t or 吨, 万吨标准煤
// and 亿吨标准煤): the reader resolves each spelling's unit once, not once per row. Values vary
// by ±8 % around the base (a county's), so shares stay below 100 % and no change between years
// exceeds 50 %; the energy intensity is the county's energy over its GDP, as the plan derives it.
inline const std::vector<indicator>& indicators() {
    static const std::vector<indicator> all{
        {{{"能耗总量", "万吨标准煤", 1.0}, {"能耗总量", "亿吨标准煤", 1e-4}}, 90.0},
        {{{"COD", "万吨", 1.0}, {"COD", "t", 1e4}}, 0.6},
        {{{"NH3N", "万吨", 1.0}}, 0.04},
        {{{"SO2", "万吨", 1.0}, {"SO2", "吨", 1e4}}, 0.9},
        {{{"NOx", "万吨", 1.0}}, 0.8},
        {{{"GDP能耗", "tce/万元", 1.0}, {"GDP能耗", "kgce/万元", 1e3}}, 1.0},
        {{{"GDP", "亿元", 1.0}}, 85.0},
        {{{"三产比重", "%", 1.0}}, 40.0},
        {{{"供电煤耗", "gce/kWh", 1.0}}, 330.0},
        {{{"煤炭产量", "万吨", 1.0}}, 50.0},
        {{{"钢产量", "万吨", 1.0}}, 5.0},
        {{{"秸秆综合利用率", "%", 1.0}}, 75.0},
        {{{"城镇污水处理率", "%", 1.0}}, 80.0},
        {{{"农膜回收率", "%", 1.0}}, 75.0},
    };
    return all;
}

// A small deterministic generator (xorshift), so every run writes the same file.
struct rng {
    std::uint64_t s;
    double next() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return static_cast<double>(s >> 11) / static_cast<double>(1ULL << 53);
    }
};

inline std::string region_name(const generator_options& o, long long r) {
    if (!o.fixed_region.empty()) return o.fixed_region;
    char region[24];
    std::snprintf(region, sizeof region, "C%05lld", o.region_start + r);
    return region;
}

}  // namespace detail

/// Number of indicators per region and year.
inline long long indicators_per_year() { return static_cast<long long>(detail::indicators().size()); }

/// Fills in regions, years and first_year; false (with the reason) when the years would go
/// beyond 2199, the last year plancheck reads.
inline bool resolve(generator_options& o, std::string& why) {
    // Regions × years × indicators. By default 50 years per region (1981–2030), of which only
    // the plan's years are stored; with the regions fixed, a longer file has more years per
    // region, hence the same (region, indicator) groups, not more.
    if (!o.fixed_region.empty()) o.regions = 1;
    if (o.regions <= 0) o.regions = o.rows / (indicators_per_year() * 50) + 1;
    o.years = (o.rows + o.regions * indicators_per_year() - 1) / (o.regions * indicators_per_year());
    if (o.years < 1) o.years = 1;
    if (o.first_year == 0) o.first_year = o.years <= 50 ? 1981 : 1900;
    if (o.first_year + o.years - 1 > 2199) {
        why = std::to_string(o.years) + " years from " + std::to_string(o.first_year) +
              " go beyond 2199: give more regions";
        return false;
    }
    return true;
}

/// Writes the CSV (header first) through `flush(buffer)`, called whenever about 1 MiB is ready
/// and once at the end; the buffer is cleared after each call.
template <class Flush>
void generate_rows(const generator_options& o, Flush&& flush) {
    detail::rng random{0x9E3779B97F4A7C15ULL ^ (o.seed * 0xD1B54A32D192ED03ULL)};
    std::string buffer = "region,indicator,year,value,unit\n";
    long long written = 0;
    const auto& all = detail::indicators();
    std::vector<double> values(all.size());
    for (long long r = 0; r < o.regions && written < o.rows; ++r) {
        const std::string region = detail::region_name(o, r);
        for (long long y = 0; y < o.years && written < o.rows; ++y) {
            for (std::size_t i = 0; i < all.size(); ++i) values[i] = all[i].base * (0.92 + 0.16 * random.next());
            values[5] = values[0] / values[6];  // 万吨标准煤 ÷ 亿元 = 吨标准煤/万元
            for (std::size_t i = 0; i < all.size(); ++i) {
                if (written >= o.rows) break;
                const auto& ind = all[i];
                const auto& s = ind.spellings[static_cast<std::size_t>(r + y) % ind.spellings.size()];
                const double value = values[i] * s.scale;
                char number[48];
                const auto year_end = std::to_chars(number, number + sizeof number, o.first_year + y).ptr;
                buffer += region;
                buffer += ',';
                buffer += s.name;
                buffer += ',';
                buffer.append(number, year_end);
                buffer += ',';
                // Six significant digits: the spellings in large units (亿吨标准煤) keep their
                // precision, so the intensity agrees with its components.
                const auto value_end = std::to_chars(number, number + sizeof number, value, std::chars_format::general, 6).ptr;
                buffer.append(number, value_end);
                buffer += ',';
                buffer += s.unit;
                buffer += '\n';
                ++written;
            }
            if (buffer.size() > (1 << 20)) {
                flush(buffer);
                buffer.clear();
            }
        }
    }
    flush(buffer);
    buffer.clear();
}

/// The whole CSV as one string (for the micro-benchmarks).
inline std::string generate_csv(const generator_options& o) {
    std::string out;
    generate_rows(o, [&](const std::string& b) { out += b; });
    return out;
}

/// The regional targets table for the regions of `o` (`--regional-targets`): four targets each.
inline std::string regional_targets(const generator_options& o) {
    std::string out = "region,indicator,kind,value,unit,base_year,target_year\n";
    for (long long r = 0; r < o.regions; ++r) {
        const std::string region = detail::region_name(o, r);
        out += region + ",emissions.cod,change_vs_base,-7,%,2015,2020\n";
        out += region + ",emissions.so2,change_vs_base,-11,%,2015,2020\n";
        out += region + ",energy.intensity_gdp,change_vs_base,-14,%,2015,2020\n";
        out += region + ",energy.total_consumption,increment_at_most,150,万吨标准煤,2015,2020\n";
    }
    return out;
}

}  // namespace plancheck_bench
