// Micro-benchmarks (Google Benchmark) of the stages of `plancheck check`, so a slowdown shows at
// its source: the CSV reader, the input hash, number and unit-spelling parsing, reading
// observations, and evaluation. Inputs come from bench/generator.hpp, as for bench/run.
//
//   build-bench/bench/plancheck-micro [--benchmark_filter=csv]

#include <benchmark/benchmark.h>

#include <array>
#include <string>
#include <string_view>

#include "generator.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/evaluate.hpp"
#include "plancheck/number.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/regional.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/sha256.hpp"
#include "plancheck/unit.hpp"

namespace {

// 100 000 rows (about 3.5 MB) over 143 regions, as the big file of bench/run is made.
const plancheck_bench::generator_options& sample_options() {
    static const plancheck_bench::generator_options o = [] {
        plancheck_bench::generator_options g;
        g.rows = 100000;
        std::string why;
        plancheck_bench::resolve(g, why);
        return g;
    }();
    return o;
}

const std::string& sample_csv() {
    static const std::string csv = plancheck_bench::generate_csv(sample_options());
    return csv;
}

const plancheck::plan& plan_with_regions() {
    static const plancheck::plan p = [] {
        const plancheck::plan shipped = plancheck::load_shipped_plan("nmg-13fyp-energy").value();
        return plancheck::with_regional_targets(
                   shipped, plancheck::csv::from_string(plancheck_bench::regional_targets(sample_options())),
                   "regional.csv")
            .value()
            .with_regions;
    }();
    return p;
}

void bm_csv_reader(benchmark::State& state) {
    const std::string& csv = sample_csv();
    for (auto _ : state) {
        plancheck::csv::reader r(plancheck::csv::from_string(csv), "bench.csv");
        plancheck::csv::record rec;
        std::size_t fields = 0;
        while (true) {
            auto more = r.next(rec);
            if (!more || !*more) break;
            fields += rec.size();
        }
        benchmark::DoNotOptimize(fields);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * csv.size()));
}
BENCHMARK(bm_csv_reader)->Unit(benchmark::kMillisecond);

void bm_sha256(benchmark::State& state) {
    const std::string& csv = sample_csv();
    for (auto _ : state) {
        plancheck::sha256 h;
        h.update(csv);
        benchmark::DoNotOptimize(h.hex_digest());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * csv.size()));
}
BENCHMARK(bm_sha256)->Unit(benchmark::kMillisecond);

void bm_parse_decimal(benchmark::State& state) {
    constexpr std::array<std::string_view, 6> numbers{"1029.53", "5.75", "0.40", "78812.11", "43.07", "1.10"};
    for (auto _ : state)
        for (const std::string_view n : numbers) benchmark::DoNotOptimize(plancheck::parse_decimal(n));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * numbers.size()));
}
BENCHMARK(bm_parse_decimal);

// The full spelling lookup, as the reader does once per (indicator, spelling).
void bm_parse_unit(benchmark::State& state) {
    constexpr std::array<std::string_view, 8> spellings{"万吨标准煤", "亿吨标准煤", "万吨",    "t",
                                                        "tce/万元",   "kgce/万元",  "gce/kWh", "%"};
    for (auto _ : state)
        for (const std::string_view s : spellings) benchmark::DoNotOptimize(plancheck::parse_unit(s));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * spellings.size()));
}
BENCHMARK(bm_parse_unit);

void bm_read_observations(benchmark::State& state) {
    const std::string& csv = sample_csv();
    const plancheck::plan& p = plan_with_regions();
    for (auto _ : state) {
        plancheck::observation_reader reader(p, {});
        reader.read(plancheck::csv::from_string(csv), "bench.csv");
        benchmark::DoNotOptimize(std::move(reader).finish().size());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * csv.size()));
}
BENCHMARK(bm_read_observations)->Unit(benchmark::kMillisecond);

// Evaluation of every target (the plan's and 4 per region) on the data read once.
void bm_evaluate(benchmark::State& state) {
    const plancheck::plan& p = plan_with_regions();
    plancheck::observation_reader reader(p, {});
    reader.read(plancheck::csv::from_string(sample_csv()), "bench.csv");
    const plancheck::observation_set data = std::move(reader).finish();
    for (auto _ : state) benchmark::DoNotOptimize(plancheck::evaluate(p, data, {}).results.size());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * p.targets.size()));
}
BENCHMARK(bm_evaluate)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
