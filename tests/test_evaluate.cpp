// Evaluation: every target kind judged met / not met / no data / on track / behind with exact
// figures; interim paths (linear and compound, overridable per target); warning grades at the
// 10% band; approximate (左右) targets; base values from the data or the plan; cumulative sums;
// deadlines; compliance summaries; trajectories. docs/methods.md gives every formula tested here.

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/evaluate.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/report.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/unit.hpp"

namespace Catch {
template <>
struct StringMaker<plancheck::status> {
    static std::string convert(plancheck::status s) { return std::string(plancheck::to_string(s)); }
};
template <>
struct StringMaker<plancheck::grade> {
    static std::string convert(plancheck::grade g) { return std::string(plancheck::to_string(g)); }
};
template <>
struct StringMaker<plancheck::base_source> {
    static std::string convert(plancheck::base_source b) { return std::string(plancheck::to_string(b)); }
};
template <>
struct StringMaker<plancheck::attainment_meaning> {
    static std::string convert(plancheck::attainment_meaning m) { return std::string(plancheck::to_string(m)); }
};
}  // namespace Catch

namespace {

namespace pc = plancheck;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using pc::attainment_meaning;
using pc::base_source;
using pc::grade;
using pc::status;

constexpr double rel = 1e-9;  // relative tolerance of every figure compared
constexpr double abs_tol = 1e-9;  // for figures that are exactly zero

const std::string region = "内蒙古自治区";

// ---- plans --------------------------------------------------------------------------------

// The indicators every test plan declares. Three carry a value the plan states for 2015
// (as the shipped plan does for COD, energy consumption and the services share).
const std::string indicators = R"(
[[indicator]]
id = "cod"
name = { zh = "化学需氧量排放量", en = "COD emissions" }
unit = "万吨"

[[indicator.base]]
year = 2015
value = "83.56 万吨"
section = "第一章 第一节"
source = "2015年自治区化学需氧量排放量83.56万吨"

[[indicator]]
id = "energy"
name = { zh = "能源消费总量", en = "Total energy consumption" }
unit = "万吨标准煤"

[[indicator.base]]
year = 2015
value = "18930 万吨标准煤"
derived = true
section = "第二章 第三节 主要目标"
source = "22500 − 3570"

[[indicator]]
id = "service_share"
name = { zh = "服务业增加值比重", en = "Services share" }
unit = "%"

[[indicator.base]]
year = 2015
value = "40 %"
section = "第一章 第一节"
source = "第三产业增加值占地区生产总值比重达到40%"

[[indicator]]
id = "intensity"
name = { zh = "单位GDP能耗", en = "Energy intensity" }
unit = "吨标准煤/万元"

[[indicator]]
id = "gdp"
name = { zh = "地区生产总值", en = "GDP" }
unit = "亿元"

[[indicator]]
id = "fertilizer"
name = { zh = "化肥使用量", en = "Fertiliser use" }
unit = "万吨"

[[indicator]]
id = "retrofit"
name = { zh = "既有居住建筑节能改造面积", en = "Residential retrofit area" }
unit = "万平方米"

[[indicator]]
id = "yellow_cars"
name = { zh = "黄标车淘汰比例", en = "Yellow-label vehicles eliminated" }
unit = "%"

[[indicator]]
id = "coal_share"
name = { zh = "煤炭消费比重", en = "Coal share" }
unit = "%"

[[indicator]]
id = "saving_completion"
name = { zh = "节能任务完成率", en = "Energy-saving task completion" }
unit = "%"
)";

// A [[target]] table: the fields every target needs, then `fields` (value, comparison, years…).
std::string target(std::string_view id, std::string_view indicator, std::string_view kind, std::string_view fields,
                   bool binding = true) {
    std::string t = "\n[[target]]\n";
    t += "id = \"" + std::string(id) + "\"\n";
    t += "name = \"" + std::string(id) + "\"\n";
    t += "indicator = \"" + std::string(indicator) + "\"\n";
    t += "kind = \"" + std::string(kind) + "\"\n";
    t += std::string("binding = ") + (binding ? "true" : "false") + "\n";
    t += "section = \"第二章 第三节 主要目标\"\n";
    t += "source = \"测试\"\n";
    t += std::string(fields);
    if (!fields.empty() && fields.back() != '\n') t += "\n";
    return t;
}

// A plan with base year 2015 and target year 2020 holding the indicators above and `targets`.
pc::plan make_plan(const std::string& targets) {
    const std::string text = std::string(R"(format = 1
[plan]
id = "t"
title = { zh = "测试规划", en = "Test plan" }
document = "测试〔2018〕1号"
region = { zh = "内蒙古自治区", en = "Inner Mongolia Autonomous Region" }
region_aliases = ["内蒙古"]
subregions = ["呼和浩特市"]
base_year = 2015
target_year = 2020
)") + indicators + targets;
    auto p = pc::load_plan(text, "t.toml");
    if (!p) FAIL("test plan does not load: " << p.error().message.en << " at " << p.error().where.to_string());
    return std::move(p).value();
}

// ---- data ---------------------------------------------------------------------------------

// Reads `rows` (region,indicator,year,value,unit lines) for the plan.
pc::observation_set read_rows(const pc::plan& p, const std::string& rows) {
    pc::observation_reader reader(p, {});
    reader.read(pc::csv::from_string("region,indicator,year,value,unit\n" + rows), "data.csv");
    if (reader.failed()) FAIL("test data does not read: " << reader.problems().front().message.en);
    return std::move(reader).finish();
}

// One CSV line of the plan's region.
std::string row(std::string_view indicator, int year, std::string_view value, std::string_view unit) {
    return region + "," + std::string(indicator) + "," + std::to_string(year) + "," + std::string(value) + "," +
           std::string(unit) + "\n";
}

// Judges the plan's first target in `year`.
pc::target_result judge(const pc::plan& p, int year, const pc::observation_set& data,
                        const pc::evaluation_options& opts = {}) {
    return pc::evaluate_target(p, 0, p.targets[0].region, year, data, opts);
}

// A quantity expressed in a unit spelling.
double in(const std::optional<pc::any_quantity>& q, std::string_view unit_spelling) {
    REQUIRE(q.has_value());
    auto u = pc::parse_unit(unit_spelling);
    REQUIRE(u.has_value());
    REQUIRE(u->kind() == q->kind());
    return u->value_of(*q);
}
double pct(const std::optional<pc::units::quantity_of<pc::quantity_kind::share>>& s) {
    REQUIRE(s.has_value());
    return s->value();
}

// A number as a CSV writes it: up to six decimals, no trailing zeros.
std::string fmt_decimal(double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6f", v);
    std::string s = buffer;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

// ---- the plans of the tests, one target each ------------------------------------------------

pc::plan cod_cap(std::string_view extra = "") {
    return make_plan(target("cod-cap", "cod", "at_most",
                            "comparison = \"<=\"\nvalue = \"77.63 万吨\"\nbase_year = 2015\nyear = 2020\n" +
                                std::string(extra)));
}
pc::plan service_floor(std::string_view cmp, std::string_view extra = "") {
    return make_plan(target("service-share", "service_share", "at_least",
                            "comparison = \"" + std::string(cmp) + "\"\nvalue = \"45 %\"\nbase_year = 2015\nyear = 2020\n" +
                                std::string(extra),
                            false));
}
pc::plan intensity_cut(std::string_view extra = "") {
    return make_plan(target("intensity-cut", "intensity", "change_vs_base",
                            "comparison = \"<=\"\nvalue = \"-14 %\"\nbase_year = 2015\nyear = 2020\n" +
                                std::string(extra)));
}
pc::plan gdp_rise(std::string_view extra = "") {
    return make_plan(target("gdp-rise", "gdp", "change_vs_base",
                            "value = \"40 %\"\nbase_year = 2015\nyear = 2020\n" + std::string(extra), false));
}
pc::plan energy_increment(std::string_view extra = "") {
    return make_plan(target("energy-increment", "energy", "increment_at_most",
                            "comparison = \"<=\"\nvalue = \"3570 万吨标准煤\"\nbase_year = 2015\nyear = 2020\n" +
                                std::string(extra)));
}
pc::plan energy_growth() {
    return make_plan(target("energy-growth", "energy", "annual_growth_at_most",
                            "comparison = \"<\"\nvalue = \"3.5 %\"\nbase_year = 2015\nyear = 2020\n"));
}
pc::plan fertilizer_no_growth() {
    return make_plan(target("fertilizer-zero-growth", "fertilizer", "no_growth", "base_year = 2015\nyear = 2020\n", false));
}
pc::plan retrofit_total(std::string_view extra = "") {
    return make_plan(target("retrofit", "retrofit", "cumulative_at_least",
                            "value = \"5000 万平方米\"\nbase_year = 2015\nyear = 2020\n" + std::string(extra), false));
}
pc::plan yellow_cars_deadline() {
    return make_plan(target("yellow-cars", "yellow_cars", "deadline", "comparison = \">=\"\nvalue = \"100 %\"\nyear = 2017\n",
                            false));
}

}  // namespace

// =====================================================================================
// at_most
// =====================================================================================

TEST_CASE("An at_most cap is met when the value is at or below the cap", "[evaluate]") {
    const auto p = cod_cap();
    const auto r = judge(p, 2020, read_rows(p, row("cod", 2020, "77", "万吨")));
    CHECK(r.verdict == status::met);
    CHECK_FALSE(r.interim);
    CHECK_THAT(in(r.actual, "万吨"), WithinRel(77.0, rel));
    CHECK_THAT(in(r.required, "万吨"), WithinRel(77.63, rel));
    CHECK_THAT(in(r.target_value, "万吨"), WithinRel(77.63, rel));
    CHECK_THAT(in(r.gap, "万吨"), WithinRel(-0.63, 1e-6));
    CHECK(r.warning == grade::green);
    CHECK_THAT(pct(r.time_progress), WithinRel(100.0, rel));
    // Attainment against the plan's 2015 value: (77 − 83.56) / (77.63 − 83.56).
    CHECK_THAT(pct(r.attainment), WithinRel(110.6239460370994, 1e-9));
    CHECK(r.attainment_is == attainment_meaning::completion);
    CHECK(r.basis == base_source::plan);
}

TEST_CASE("An at_most cap exactly at the cap is met (<=)", "[evaluate]") {
    const auto p = cod_cap();
    const auto r = judge(p, 2020, read_rows(p, row("cod", 2020, "77.63", "万吨")));
    CHECK(r.verdict == status::met);
    CHECK_THAT(in(r.gap, "万吨"), WithinAbs(0.0, 1e-9));
    CHECK(r.warning == grade::green);
}

TEST_CASE("An at_most cap is not met above the cap, yellow within 10% and red beyond", "[evaluate]") {
    const auto p = cod_cap();
    SECTION("80 万吨 is 2.37 above 77.63: within 7.763, so yellow") {
        const auto r = judge(p, 2020, read_rows(p, row("cod", 2020, "80", "万吨")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.actual, "万吨"), WithinRel(80.0, rel));
        CHECK_THAT(in(r.required, "万吨"), WithinRel(77.63, rel));
        CHECK_THAT(in(r.gap, "万吨"), WithinRel(2.37, 1e-6));
        CHECK(r.warning == grade::yellow);
        CHECK_THAT(pct(r.attainment), WithinRel(60.033726812816155, 1e-9));
    }
    SECTION("90 万吨 is 12.37 above: beyond 7.763, so red") {
        const auto r = judge(p, 2020, read_rows(p, row("cod", 2020, "90", "万吨")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "万吨"), WithinRel(12.37, 1e-6));
        CHECK(r.warning == grade::red);
        // The value rose from the base: negative completion.
        CHECK_THAT(pct(r.attainment), WithinRel((90 - 83.56) / (77.63 - 83.56) * 100, 1e-9));
    }
}

TEST_CASE("An at_most cap without a value for the year has no data, and says which value", "[evaluate]") {
    const auto p = cod_cap();
    const auto r = judge(p, 2020, read_rows(p, row("cod", 2019, "80", "万吨")));
    CHECK(r.verdict == status::no_data);
    CHECK_FALSE(r.actual.has_value());
    CHECK_FALSE(r.gap.has_value());
    CHECK_FALSE(r.attainment.has_value());
    CHECK(r.warning == grade::none);
    CHECK(r.reason.en == "no value of cod for 内蒙古自治区 in 2020");
    CHECK_THAT(in(r.target_value, "万吨"), WithinRel(77.63, rel));
}

TEST_CASE("An at_most cap in an interim year is judged against the linear path from the base", "[evaluate]") {
    const auto p = cod_cap();
    // 83.56 + (77.63 − 83.56) × 2/5 = 81.188 by 2017.
    SECTION("80.5 万吨 in 2017 is on track") {
        const auto r = judge(p, 2017, read_rows(p, row("cod", 2017, "80.5", "万吨")));
        CHECK(r.interim);
        CHECK(r.verdict == status::on_track);
        CHECK_THAT(in(r.actual, "万吨"), WithinRel(80.5, rel));
        CHECK_THAT(in(r.required, "万吨"), WithinRel(81.188, 1e-9));
        CHECK_THAT(in(r.target_value, "万吨"), WithinRel(77.63, rel));
        CHECK_THAT(in(r.gap, "万吨"), WithinRel(-0.688, 1e-6));
        CHECK_THAT(pct(r.time_progress), WithinRel(40.0, rel));
        CHECK(r.warning == grade::green);
        CHECK_THAT(pct(r.attainment), WithinRel((80.5 - 83.56) / (77.63 - 83.56) * 100, 1e-9));
        CHECK(r.basis == base_source::plan);
    }
    SECTION("82 万吨 in 2017 is behind, 0.812 above the path: yellow") {
        const auto r = judge(p, 2017, read_rows(p, row("cod", 2017, "82", "万吨")));
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.required, "万吨"), WithinRel(81.188, 1e-9));
        CHECK_THAT(in(r.gap, "万吨"), WithinRel(0.812, 1e-6));
        CHECK(r.warning == grade::yellow);
        CHECK_THAT(pct(r.time_progress), WithinRel(40.0, rel));
    }
}

TEST_CASE("An at_most cap on the compound path expects the same rate of change every year", "[evaluate]") {
    const auto p = cod_cap();
    pc::evaluation_options opts;
    opts.path = pc::progress_path::compound;
    // 83.56 × (77.63 / 83.56)^(2/5) = 81.13549558939195.
    const auto r = judge(p, 2017, read_rows(p, row("cod", 2017, "81.16", "万吨")), opts);
    CHECK(r.verdict == status::behind);
    CHECK_THAT(in(r.required, "万吨"), WithinRel(81.13549558939195, 1e-9));
    CHECK_THAT(in(r.gap, "万吨"), WithinRel(81.16 - 81.13549558939195, 1e-6));
}

TEST_CASE("A strict at_most (<) is not met at the threshold itself", "[evaluate]") {
    const auto p = make_plan(target("coal-share", "coal_share", "at_most",
                                    "comparison = \"<\"\nvalue = \"75 %\"\nyear = 2020\n", false));
    SECTION("75 % is not below 75 %") {
        const auto r = judge(p, 2020, read_rows(p, row("coal_share", 2020, "75", "%")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "%"), WithinAbs(0.0, abs_tol));
        CHECK(r.warning == grade::yellow);
    }
    SECTION("74.9 % is") {
        const auto r = judge(p, 2020, read_rows(p, row("coal_share", 2020, "74.9", "%")));
        CHECK(r.verdict == status::met);
        CHECK_THAT(in(r.gap, "%"), WithinRel(-0.1, 1e-6));
    }
}

// =====================================================================================
// at_least, non-strict and strict
// =====================================================================================

TEST_CASE("An at_least floor (>=) is met at or above it, with completion from the plan's base", "[evaluate]") {
    const auto p = service_floor(">=");
    SECTION("46 % against 45 %, from 40 % in 2015: 120% completion") {
        const auto r = judge(p, 2020, read_rows(p, row("service_share", 2020, "46", "%")));
        CHECK(r.verdict == status::met);
        CHECK_THAT(in(r.actual, "%"), WithinRel(46.0, rel));
        CHECK_THAT(in(r.required, "%"), WithinRel(45.0, rel));
        CHECK_THAT(in(r.gap, "%"), WithinRel(1.0, 1e-9));
        CHECK_THAT(pct(r.attainment), WithinRel(120.0, 1e-9));
        CHECK(r.attainment_is == attainment_meaning::completion);
        CHECK_THAT(pct(r.time_progress), WithinRel(100.0, rel));
        CHECK(r.warning == grade::green);
        CHECK(r.basis == base_source::plan);
    }
    SECTION("exactly 45 % is met") {
        const auto r = judge(p, 2020, read_rows(p, row("service_share", 2020, "45", "%")));
        CHECK(r.verdict == status::met);
        CHECK_THAT(in(r.gap, "%"), WithinAbs(0.0, abs_tol));
        CHECK_THAT(pct(r.attainment), WithinRel(100.0, 1e-9));
    }
}

TEST_CASE("A strict at_least floor (>) is not met at the floor itself", "[evaluate]") {
    const auto p = service_floor(">");
    SECTION("45 % is not above 45 %") {
        const auto r = judge(p, 2020, read_rows(p, row("service_share", 2020, "45", "%")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "%"), WithinAbs(0.0, abs_tol));
        CHECK(r.warning == grade::yellow);
    }
    SECTION("45.01 % is") {
        const auto r = judge(p, 2020, read_rows(p, row("service_share", 2020, "45.01", "%")));
        CHECK(r.verdict == status::met);
        CHECK_THAT(in(r.gap, "%"), WithinRel(0.01, 1e-6));
    }
}

TEST_CASE("An at_least floor is not met below it, yellow within 10% of it and red beyond", "[evaluate]") {
    const auto p = service_floor(">=");
    SECTION("42 % is 3 short of 45: within 4.5, yellow") {
        const auto r = judge(p, 2020, read_rows(p, row("service_share", 2020, "42", "%")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "%"), WithinRel(-3.0, 1e-9));
        CHECK(r.warning == grade::yellow);
        CHECK_THAT(pct(r.attainment), WithinRel(40.0, 1e-9));
    }
    SECTION("40 % is 5 short: beyond 4.5, red, and 0% completion") {
        const auto r = judge(p, 2020, read_rows(p, row("service_share", 2020, "40", "%")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "%"), WithinRel(-5.0, 1e-9));
        CHECK(r.warning == grade::red);
        CHECK_THAT(pct(r.attainment), WithinAbs(0.0, abs_tol));
    }
}

TEST_CASE("An at_least floor without a value for the year has no data", "[evaluate]") {
    const auto p = service_floor(">=");
    const auto r = judge(p, 2020, read_rows(p, ""));
    CHECK(r.verdict == status::no_data);
    CHECK_FALSE(r.actual.has_value());
    CHECK(r.reason.en == "no value of service_share for 内蒙古自治区 in 2020");
}

TEST_CASE("An at_least floor in an interim year follows 40 → 45 % linearly: 42 % by 2017", "[evaluate]") {
    const auto p = service_floor(">=");
    SECTION("42.5 % in 2017 is on track") {
        const auto r = judge(p, 2017, read_rows(p, row("service_share", 2017, "42.5", "%")));
        CHECK(r.verdict == status::on_track);
        CHECK_THAT(in(r.required, "%"), WithinRel(42.0, 1e-9));
        CHECK_THAT(in(r.gap, "%"), WithinRel(0.5, 1e-9));
        CHECK_THAT(pct(r.time_progress), WithinRel(40.0, rel));
        CHECK_THAT(pct(r.attainment), WithinRel(50.0, 1e-9));
        CHECK(r.warning == grade::green);
    }
    SECTION("41.5 % in 2017 is behind by 0.5, within 4.2: yellow") {
        const auto r = judge(p, 2017, read_rows(p, row("service_share", 2017, "41.5", "%")));
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.required, "%"), WithinRel(42.0, 1e-9));
        CHECK_THAT(in(r.gap, "%"), WithinRel(-0.5, 1e-9));
        CHECK(r.warning == grade::yellow);
        CHECK_THAT(pct(r.attainment), WithinRel(30.0, 1e-9));
    }
}

// =====================================================================================
// change_vs_base, falling and rising
// =====================================================================================

TEST_CASE("A cut of 14% is met by a fall of 15% from the base, 107% completed", "[evaluate]") {
    const auto p = intensity_cut();
    const auto r = judge(p, 2020,
                         read_rows(p, row("intensity", 2015, "1.0", "吨标准煤/万元") + row("intensity", 2020, "0.85", "吨标准煤/万元")));
    CHECK(r.verdict == status::met);
    CHECK_THAT(in(r.actual, "%"), WithinRel(-15.0, 1e-9));
    CHECK_THAT(in(r.required, "%"), WithinRel(-14.0, 1e-12));
    CHECK_THAT(in(r.target_value, "%"), WithinRel(-14.0, 1e-12));
    // In the target year the required value is the threshold itself, the same quantity.
    CHECK(r.required == r.target_value);
    CHECK_THAT(in(r.gap, "%"), WithinRel(-1.0, 1e-9));
    CHECK_THAT(pct(r.attainment), WithinRel(15.0 / 14.0 * 100, 1e-9));
    CHECK(r.attainment_is == attainment_meaning::completion);
    CHECK_THAT(pct(r.time_progress), WithinRel(100.0, rel));
    CHECK(r.warning == grade::green);
    CHECK(r.basis == base_source::data);
}

TEST_CASE("A cut of 14% is not met by 13% (yellow, within 1.4 points) or 12% (red)", "[evaluate]") {
    const auto p = intensity_cut();
    const std::string base = row("intensity", 2015, "1.0", "吨标准煤/万元");
    SECTION("−13 %") {
        const auto r = judge(p, 2020, read_rows(p, base + row("intensity", 2020, "0.87", "吨标准煤/万元")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.actual, "%"), WithinRel(-13.0, 1e-9));
        CHECK_THAT(in(r.gap, "%"), WithinRel(1.0, 1e-9));
        CHECK(r.warning == grade::yellow);
        CHECK_THAT(pct(r.attainment), WithinRel(13.0 / 14.0 * 100, 1e-9));
    }
    SECTION("−12 %") {
        const auto r = judge(p, 2020, read_rows(p, base + row("intensity", 2020, "0.88", "吨标准煤/万元")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "%"), WithinRel(2.0, 1e-9));
        CHECK(r.warning == grade::red);
    }
}

TEST_CASE("A cut has no data without this year's value or without a base year value", "[evaluate]") {
    const auto p = intensity_cut();
    SECTION("no 2020 value") {
        const auto r = judge(p, 2020, read_rows(p, row("intensity", 2015, "1.0", "吨标准煤/万元")));
        CHECK(r.verdict == status::no_data);
        CHECK(r.reason.en == "no value of intensity for 内蒙古自治区 in 2020");
    }
    SECTION("no 2015 value in the data, and none in the plan") {
        const auto r = judge(p, 2020, read_rows(p, row("intensity", 2020, "0.85", "吨标准煤/万元")));
        CHECK(r.verdict == status::no_data);
        CHECK(r.basis == base_source::none);
        CHECK_FALSE(r.actual.has_value());
        CHECK(r.reason.en == "needs the 2015 value of intensity (base year), which neither the data nor the plan gives");
        CHECK(r.reason.zh == "需要基年 2015 年单位GDP能耗的数值，数据和规划中均未提供");
    }
}

TEST_CASE("A cut in an interim year is expected to be k/n of the way: −14% × 2/5 = −5.6% by 2017", "[evaluate]") {
    const auto p = intensity_cut();
    const std::string base = row("intensity", 2015, "1.0", "吨标准煤/万元");
    SECTION("−6 % by 2017 is on track") {
        const auto r = judge(p, 2017, read_rows(p, base + row("intensity", 2017, "0.94", "吨标准煤/万元")));
        CHECK(r.verdict == status::on_track);
        CHECK_THAT(in(r.actual, "%"), WithinRel(-6.0, 1e-9));
        CHECK_THAT(in(r.required, "%"), WithinRel(-5.6, 1e-9));
        CHECK_THAT(in(r.target_value, "%"), WithinRel(-14.0, 1e-12));
        CHECK_THAT(in(r.gap, "%"), WithinRel(-0.4, 1e-6));
        CHECK_THAT(pct(r.time_progress), WithinRel(40.0, rel));
        CHECK_THAT(pct(r.attainment), WithinRel(6.0 / 14.0 * 100, 1e-9));
        CHECK(r.warning == grade::green);
    }
    SECTION("−5.5 % by 2017 is behind by 0.1 point: yellow") {
        const auto r = judge(p, 2017, read_rows(p, base + row("intensity", 2017, "0.945", "吨标准煤/万元")));
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.gap, "%"), WithinRel(0.1, 1e-6));
        CHECK(r.warning == grade::yellow);
    }
    SECTION("−5 % by 2017 is behind by 0.6 point, beyond 0.56: red") {
        const auto r = judge(p, 2017, read_rows(p, base + row("intensity", 2017, "0.95", "吨标准煤/万元")));
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.gap, "%"), WithinRel(0.6, 1e-6));
        CHECK(r.warning == grade::red);
    }
}

TEST_CASE("A cut on the compound path expects 1 − (1 − 0.14)^(2/5) by 2017", "[evaluate]") {
    const auto p = intensity_cut();
    pc::evaluation_options opts;
    opts.path = pc::progress_path::compound;
    const double expected = (std::pow(0.86, 0.4) - 1.0) * 100.0;  // −5.854540275109987 %
    REQUIRE_THAT(expected, WithinRel(-5.854540275109987, 1e-12));
    const std::string base = row("intensity", 2015, "1.0", "吨标准煤/万元");
    SECTION("−5.7 % is behind on the compound path though ahead of the linear −5.6 %") {
        const auto data = read_rows(p, base + row("intensity", 2017, "0.943", "吨标准煤/万元"));
        const auto r = judge(p, 2017, data, opts);
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.required, "%"), WithinRel(expected, 1e-9));
        CHECK_THAT(in(r.gap, "%"), WithinRel(-5.7 - expected, 1e-6));
        CHECK(judge(p, 2017, data).verdict == status::on_track);
    }
    SECTION("−6 % is on track") {
        const auto r = judge(p, 2017, read_rows(p, base + row("intensity", 2017, "0.94", "吨标准煤/万元")), opts);
        CHECK(r.verdict == status::on_track);
        CHECK_THAT(in(r.required, "%"), WithinRel(expected, 1e-9));
    }
}

TEST_CASE("A rise of 40% is met by +45%, and judged as a floor", "[evaluate]") {
    const auto p = gdp_rise();
    REQUIRE(p.targets[0].cmp == pc::comparison::greater_equal);
    const std::string base = row("gdp", 2015, "100", "亿元");
    SECTION("+45 % is met, 112.5% completed") {
        const auto r = judge(p, 2020, read_rows(p, base + row("gdp", 2020, "145", "亿元")));
        CHECK(r.verdict == status::met);
        CHECK_THAT(in(r.actual, "%"), WithinRel(45.0, 1e-9));
        CHECK_THAT(in(r.required, "%"), WithinRel(40.0, 1e-12));
        CHECK_THAT(in(r.gap, "%"), WithinRel(5.0, 1e-9));
        CHECK_THAT(pct(r.attainment), WithinRel(112.5, 1e-9));
        CHECK(r.warning == grade::green);
    }
    SECTION("+37 % is not met, 3 points short, within 4: yellow") {
        const auto r = judge(p, 2020, read_rows(p, base + row("gdp", 2020, "137", "亿元")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "%"), WithinRel(-3.0, 1e-9));
        CHECK(r.warning == grade::yellow);
        CHECK_THAT(pct(r.attainment), WithinRel(92.5, 1e-9));
    }
    SECTION("+30 % is not met, 10 points short: red") {
        const auto r = judge(p, 2020, read_rows(p, base + row("gdp", 2020, "130", "亿元")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "%"), WithinRel(-10.0, 1e-9));
        CHECK(r.warning == grade::red);
    }
    SECTION("no 2020 value: no data") {
        const auto r = judge(p, 2020, read_rows(p, base));
        CHECK(r.verdict == status::no_data);
    }
}

TEST_CASE("A rise of 40% in an interim year: +16% by 2017 linearly, 1.4^(2/5) − 1 compound", "[evaluate]") {
    const auto p = gdp_rise();
    const std::string base = row("gdp", 2015, "100", "亿元");
    SECTION("+17 % is on track") {
        const auto r = judge(p, 2017, read_rows(p, base + row("gdp", 2017, "117", "亿元")));
        CHECK(r.verdict == status::on_track);
        CHECK_THAT(in(r.required, "%"), WithinRel(16.0, 1e-9));
        CHECK_THAT(in(r.gap, "%"), WithinRel(1.0, 1e-6));
        CHECK_THAT(pct(r.time_progress), WithinRel(40.0, rel));
    }
    SECTION("+15 % is behind by 1 point, within 1.6: yellow") {
        const auto r = judge(p, 2017, read_rows(p, base + row("gdp", 2017, "115", "亿元")));
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.gap, "%"), WithinRel(-1.0, 1e-6));
        CHECK(r.warning == grade::yellow);
    }
    SECTION("+15 % is ahead of the compound path (14.41 %)") {
        pc::evaluation_options opts;
        opts.path = pc::progress_path::compound;
        const auto r = judge(p, 2017, read_rows(p, base + row("gdp", 2017, "115", "亿元")), opts);
        CHECK(r.verdict == status::on_track);
        CHECK_THAT(in(r.required, "%"), WithinRel(14.406635585872296, 1e-9));
    }
}

// =====================================================================================
// increment_at_most
// =====================================================================================

TEST_CASE("An increment cap of 3570 is met by 3070 from the plan's base, 86% of the allowance used",
          "[evaluate]") {
    const auto p = energy_increment();
    const auto r = judge(p, 2020, read_rows(p, row("energy", 2020, "22000", "万吨标准煤")));
    CHECK(r.verdict == status::met);
    CHECK_THAT(in(r.actual, "万吨标准煤"), WithinRel(3070.0, 1e-9));
    CHECK_THAT(in(r.required, "万吨标准煤"), WithinRel(3570.0, 1e-12));
    CHECK_THAT(in(r.gap, "万吨标准煤"), WithinRel(-500.0, 1e-9));
    CHECK_THAT(pct(r.attainment), WithinRel(85.99439775910365, 1e-9));
    CHECK(r.attainment_is == attainment_meaning::allowance_used);
    CHECK(r.warning == grade::green);
    CHECK(r.basis == base_source::plan);
}

TEST_CASE("An increment of 6562 uses 184% of a 3570 allowance (the checklist's example)", "[evaluate]") {
    const auto p = energy_increment();
    const auto r = judge(p, 2020,
                         read_rows(p, row("energy", 2015, "18930", "万吨标准煤") + row("energy", 2020, "25492", "万吨标准煤")));
    CHECK(r.verdict == status::not_met);
    CHECK_THAT(in(r.actual, "万吨标准煤"), WithinRel(6562.0, 1e-9));
    CHECK_THAT(pct(r.attainment), WithinRel(6562.0 / 3570.0 * 100, 1e-9));
    CHECK(pc::format_attainment(*r.attainment) == "183%");
    CHECK(r.attainment_is == attainment_meaning::allowance_used);
    CHECK(r.warning == grade::red);
    CHECK(r.basis == base_source::data);
}

TEST_CASE("An increment cap is not met above it: 200 over is yellow (≤ 357), 400 over is red", "[evaluate]") {
    const auto p = energy_increment();
    SECTION("3770") {
        const auto r = judge(p, 2020, read_rows(p, row("energy", 2020, "22700", "万吨标准煤")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "万吨标准煤"), WithinRel(200.0, 1e-9));
        CHECK(r.warning == grade::yellow);
        CHECK_THAT(pct(r.attainment), WithinRel(105.60224089635855, 1e-9));
    }
    SECTION("3970") {
        const auto r = judge(p, 2020, read_rows(p, row("energy", 2020, "22900", "万吨标准煤")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "万吨标准煤"), WithinRel(400.0, 1e-9));
        CHECK(r.warning == grade::red);
    }
    SECTION("no 2020 value: no data") {
        const auto r = judge(p, 2020, read_rows(p, row("energy", 2019, "22000", "万吨标准煤")));
        CHECK(r.verdict == status::no_data);
        CHECK(r.reason.en == "no value of energy for 内蒙古自治区 in 2020");
    }
}

TEST_CASE("An increment cap in an interim year allows k/n of the increment: 3570 × 2/5 = 1428 by 2017",
          "[evaluate]") {
    const auto p = energy_increment();
    SECTION("1270 by 2017 is on track") {
        const auto r = judge(p, 2017, read_rows(p, row("energy", 2017, "20200", "万吨标准煤")));
        CHECK(r.verdict == status::on_track);
        CHECK_THAT(in(r.actual, "万吨标准煤"), WithinRel(1270.0, 1e-9));
        CHECK_THAT(in(r.required, "万吨标准煤"), WithinRel(1428.0, 1e-9));
        CHECK_THAT(in(r.target_value, "万吨标准煤"), WithinRel(3570.0, 1e-12));
        CHECK_THAT(in(r.gap, "万吨标准煤"), WithinRel(-158.0, 1e-9));
        CHECK_THAT(pct(r.time_progress), WithinRel(40.0, rel));
        // The share of the whole five-year allowance used so far.
        CHECK_THAT(pct(r.attainment), WithinRel(1270.0 / 3570.0 * 100, 1e-9));
        CHECK(r.attainment_is == attainment_meaning::allowance_used);
    }
    SECTION("1570 by 2017 is behind by 142, within 142.8: yellow") {
        const auto r = judge(p, 2017, read_rows(p, row("energy", 2017, "20500", "万吨标准煤")));
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.gap, "万吨标准煤"), WithinRel(142.0, 1e-9));
        CHECK(r.warning == grade::yellow);
    }
    SECTION("on the compound path, 18930 × (22500/18930)^(2/5) − 18930 = 1354.46") {
        pc::evaluation_options opts;
        opts.path = pc::progress_path::compound;
        const auto r = judge(p, 2017, read_rows(p, row("energy", 2017, "20300", "万吨标准煤")), opts);
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.required, "万吨标准煤"), WithinRel(1354.4564942060642, 1e-9));
        CHECK_THAT(in(r.gap, "万吨标准煤"), WithinRel(1370.0 - 1354.4564942060642, 1e-9));
    }
}

// =====================================================================================
// annual_growth_at_most
// =====================================================================================

TEST_CASE("A growth cap (< 3.5%/yr) is met by 18930 → 22000 in five years (3.05%/yr)", "[evaluate]") {
    const auto p = energy_growth();
    const auto r = judge(p, 2020, read_rows(p, row("energy", 2020, "22000", "万吨标准煤")));
    CHECK(r.verdict == status::met);
    CHECK_THAT(in(r.actual, "%"), WithinRel(3.0515227068050432, 1e-9));
    CHECK_THAT(in(r.required, "%"), WithinRel(3.5, 1e-12));
    CHECK_THAT(in(r.gap, "%"), WithinRel(3.0515227068050432 - 3.5, 1e-9));
    CHECK_FALSE(r.attainment.has_value());
    CHECK(r.attainment_note.en == "a cap on the growth rate has no completion rate");
    CHECK_THAT(pct(r.time_progress), WithinRel(100.0, rel));
    CHECK(r.warning == grade::green);
    CHECK(r.basis == base_source::plan);
}

TEST_CASE("A growth cap is not met by consumption exactly at the plan's own total cap (3.516%/yr)",
          "[evaluate]") {
    const auto p = energy_growth();
    const auto r = judge(p, 2020, read_rows(p, row("energy", 2020, "22500", "万吨标准煤")));
    CHECK(r.verdict == status::not_met);
    CHECK_THAT(in(r.actual, "%"), WithinRel(3.5157375516860823, 1e-9));
    CHECK_THAT(in(r.gap, "%"), WithinRel(3.5157375516860823 - 3.5, 1e-6));
    CHECK(r.warning == grade::yellow);
}

TEST_CASE("A growth cap has no data without this year's value", "[evaluate]") {
    const auto p = energy_growth();
    const auto r = judge(p, 2020, read_rows(p, ""));
    CHECK(r.verdict == status::no_data);
    CHECK_FALSE(r.actual.has_value());
}

TEST_CASE("A growth cap in an interim year compares the growth rate so far with the cap", "[evaluate]") {
    const auto p = energy_growth();
    SECTION("18930 → 20000 in two years (2.79%/yr) is on track") {
        const auto r = judge(p, 2017, read_rows(p, row("energy", 2017, "20000", "万吨标准煤")));
        CHECK(r.verdict == status::on_track);
        CHECK_THAT(in(r.actual, "%"), WithinRel(2.787355055075591, 1e-9));
        CHECK_THAT(in(r.required, "%"), WithinRel(3.5, 1e-12));
        CHECK_THAT(pct(r.time_progress), WithinRel(40.0, rel));
    }
    SECTION("18930 → 20500 in two years (4.06%/yr) is behind by 0.56 point, beyond 0.35: red") {
        const auto r = judge(p, 2017, read_rows(p, row("energy", 2017, "20500", "万吨标准煤")));
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.gap, "%"), WithinRel(4.064265567958647 - 3.5, 1e-9));
        CHECK(r.warning == grade::red);
    }
}

// =====================================================================================
// no_growth
// =====================================================================================

TEST_CASE("Zero growth is met at or below the base year's value", "[evaluate]") {
    const auto p = fertilizer_no_growth();
    const std::string base = row("fertilizer", 2015, "100", "万吨");
    SECTION("99 万吨 against 100") {
        const auto r = judge(p, 2020, read_rows(p, base + row("fertilizer", 2020, "99", "万吨")));
        CHECK(r.verdict == status::met);
        CHECK_THAT(in(r.actual, "万吨"), WithinRel(99.0, 1e-12));
        CHECK_THAT(in(r.required, "万吨"), WithinRel(100.0, 1e-12));
        CHECK_THAT(in(r.gap, "万吨"), WithinRel(-1.0, 1e-9));
        CHECK_FALSE(r.attainment.has_value());
        CHECK(r.attainment_note.en == "zero growth has no completion rate");
        CHECK(r.warning == grade::green);
        CHECK(r.basis == base_source::data);
        CHECK_FALSE(r.target_value.has_value());
    }
    SECTION("exactly 100 万吨") {
        const auto r = judge(p, 2020, read_rows(p, base + row("fertilizer", 2020, "100", "万吨")));
        CHECK(r.verdict == status::met);
        CHECK_THAT(in(r.gap, "万吨"), WithinAbs(0.0, abs_tol));
    }
}

TEST_CASE("Zero growth is not met above the base: 105 is yellow, 111 is red", "[evaluate]") {
    const auto p = fertilizer_no_growth();
    const std::string base = row("fertilizer", 2015, "100", "万吨");
    SECTION("105") {
        const auto r = judge(p, 2020, read_rows(p, base + row("fertilizer", 2020, "105", "万吨")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "万吨"), WithinRel(5.0, 1e-9));
        CHECK(r.warning == grade::yellow);
    }
    SECTION("111") {
        const auto r = judge(p, 2020, read_rows(p, base + row("fertilizer", 2020, "111", "万吨")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "万吨"), WithinRel(11.0, 1e-9));
        CHECK(r.warning == grade::red);
    }
}

TEST_CASE("Zero growth has no data without the base year, which the plan does not state either", "[evaluate]") {
    const auto p = fertilizer_no_growth();
    SECTION("no base") {
        const auto r = judge(p, 2020, read_rows(p, row("fertilizer", 2020, "99", "万吨")));
        CHECK(r.verdict == status::no_data);
        CHECK(r.reason.en == "needs the 2015 value of fertilizer (base year), which neither the data nor the plan gives");
    }
    SECTION("no value for the year") {
        const auto r = judge(p, 2020, read_rows(p, row("fertilizer", 2015, "100", "万吨")));
        CHECK(r.verdict == status::no_data);
        CHECK(r.reason.en == "no value of fertilizer for 内蒙古自治区 in 2020");
    }
}

TEST_CASE("Zero growth in an interim year holds every year: at or below the base is on track", "[evaluate]") {
    const auto p = fertilizer_no_growth();
    const std::string base = row("fertilizer", 2015, "100", "万吨");
    SECTION("100 in 2017") {
        const auto r = judge(p, 2017, read_rows(p, base + row("fertilizer", 2017, "100", "万吨")));
        CHECK(r.verdict == status::on_track);
        CHECK_THAT(in(r.required, "万吨"), WithinRel(100.0, 1e-12));
        CHECK_THAT(pct(r.time_progress), WithinRel(40.0, rel));
    }
    SECTION("101 in 2017") {
        const auto r = judge(p, 2017, read_rows(p, base + row("fertilizer", 2017, "101", "万吨")));
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.gap, "万吨"), WithinRel(1.0, 1e-9));
        CHECK(r.warning == grade::yellow);
    }
}

// =====================================================================================
// cumulative_at_least
// =====================================================================================

namespace {
std::string retrofit_years(const std::vector<std::pair<int, std::string>>& values) {
    std::string rows;
    for (const auto& [year, value] : values) rows += row("retrofit", year, value, "万平方米");
    return rows;
}
}  // namespace

TEST_CASE("A cumulative total of 5000 is met by 5 × 1100 = 5500 over 2016–2020", "[evaluate]") {
    const auto p = retrofit_total();
    const auto r = judge(p, 2020,
                         read_rows(p, retrofit_years({{2016, "1100"}, {2017, "1100"}, {2018, "1100"}, {2019, "1100"}, {2020, "1100"}})));
    CHECK(r.verdict == status::met);
    CHECK_THAT(in(r.actual, "万平方米"), WithinRel(5500.0, 1e-12));
    CHECK_THAT(in(r.required, "万平方米"), WithinRel(5000.0, 1e-12));
    CHECK_THAT(in(r.gap, "万平方米"), WithinRel(500.0, 1e-9));
    CHECK_THAT(pct(r.attainment), WithinRel(110.0, 1e-9));
    CHECK(r.attainment_is == attainment_meaning::completion);
    CHECK(r.warning == grade::green);
    REQUIRE(r.inputs.size() == 5);
    CHECK(r.inputs[0].role == "year 2016");
    CHECK(r.inputs[4].role == "year 2020");
    CHECK(r.basis == base_source::none);
}

TEST_CASE("A cumulative total is not met short of it: 4500 is yellow (exactly 10% short), 4000 red",
          "[evaluate]") {
    const auto p = retrofit_total();
    SECTION("4500") {
        const auto r = judge(p, 2020,
                             read_rows(p, retrofit_years({{2016, "900"}, {2017, "900"}, {2018, "900"}, {2019, "900"}, {2020, "900"}})));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "万平方米"), WithinRel(-500.0, 1e-9));
        CHECK(r.warning == grade::yellow);
        CHECK_THAT(pct(r.attainment), WithinRel(90.0, 1e-9));
    }
    SECTION("4000") {
        const auto r = judge(p, 2020,
                             read_rows(p, retrofit_years({{2016, "800"}, {2017, "800"}, {2018, "800"}, {2019, "800"}, {2020, "800"}})));
        CHECK(r.verdict == status::not_met);
        CHECK(r.warning == grade::red);
        CHECK_THAT(pct(r.attainment), WithinRel(80.0, 1e-9));
    }
}

TEST_CASE("A cumulative total with a year missing has no data and names the year", "[evaluate]") {
    const auto p = retrofit_total();
    const auto r = judge(p, 2020, read_rows(p, retrofit_years({{2016, "1100"}, {2017, "1100"}, {2019, "1100"}, {2020, "1100"}})));
    CHECK(r.verdict == status::no_data);
    CHECK_FALSE(r.actual.has_value());
    CHECK_FALSE(r.attainment.has_value());
    CHECK(r.reason.en == "the sum over 2016–2020 needs every year; missing: 2018");
    CHECK(r.reason.zh == "2016–2020 年的累计需要每一年的数值；缺少：2018");
}

TEST_CASE("A cumulative total with no data at all lists every year", "[evaluate]") {
    const auto p = retrofit_total();
    const auto r = judge(p, 2020, read_rows(p, ""));
    CHECK(r.verdict == status::no_data);
    CHECK(r.reason.en == "the sum over 2016–2020 needs every year; missing: 2016, 2017, 2018, 2019, 2020");
}

TEST_CASE("A cumulative total in an interim year is expected to be k/n of the total, always linearly",
          "[evaluate]") {
    const auto p = retrofit_total();
    SECTION("2100 by 2017 against 2000 is on track") {
        const auto r = judge(p, 2017, read_rows(p, retrofit_years({{2016, "1000"}, {2017, "1100"}})));
        CHECK(r.verdict == status::on_track);
        CHECK_THAT(in(r.actual, "万平方米"), WithinRel(2100.0, 1e-12));
        CHECK_THAT(in(r.required, "万平方米"), WithinRel(2000.0, 1e-12));
        CHECK_THAT(in(r.gap, "万平方米"), WithinRel(100.0, 1e-9));
        CHECK_THAT(pct(r.time_progress), WithinRel(40.0, rel));
        CHECK_THAT(pct(r.attainment), WithinRel(42.0, 1e-9));
    }
    SECTION("1800 by 2017 is behind by 200, exactly 10% of 2000: yellow") {
        const auto r = judge(p, 2017, read_rows(p, retrofit_years({{2016, "900"}, {2017, "900"}})));
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.gap, "万平方米"), WithinRel(-200.0, 1e-9));
        CHECK(r.warning == grade::yellow);
    }
    SECTION("the compound option does not change a sum's path") {
        pc::evaluation_options opts;
        opts.path = pc::progress_path::compound;
        const auto r = judge(p, 2017, read_rows(p, retrofit_years({{2016, "1000"}, {2017, "1100"}})), opts);
        CHECK_THAT(in(r.required, "万平方米"), WithinRel(2000.0, 1e-12));
    }
}

// =====================================================================================
// deadline
// =====================================================================================

TEST_CASE("A deadline is met when the condition holds in the deadline year", "[evaluate]") {
    const auto p = yellow_cars_deadline();
    const auto r = judge(p, 2017, read_rows(p, row("yellow_cars", 2017, "100", "%")));
    CHECK(r.verdict == status::met);
    CHECK_FALSE(r.interim);
    CHECK_THAT(in(r.actual, "%"), WithinRel(100.0, 1e-12));
    CHECK_THAT(in(r.required, "%"), WithinRel(100.0, 1e-12));
    CHECK_THAT(in(r.gap, "%"), WithinAbs(0.0, abs_tol));
    CHECK_THAT(pct(r.time_progress), WithinRel(100.0, rel));
    CHECK(r.warning == grade::green);
}

TEST_CASE("A deadline is not met when the condition fails in the deadline year", "[evaluate]") {
    const auto p = yellow_cars_deadline();
    const auto r = judge(p, 2017, read_rows(p, row("yellow_cars", 2017, "95", "%")));
    CHECK(r.verdict == status::not_met);
    CHECK_THAT(in(r.gap, "%"), WithinRel(-5.0, 1e-9));
    CHECK(r.warning == grade::yellow);
}

TEST_CASE("A deadline is not met when the condition fails in a later year with data", "[evaluate]") {
    const auto p = yellow_cars_deadline();
    SECTION("judged in the failing year") {
        const auto data = read_rows(p, row("yellow_cars", 2017, "100", "%") + row("yellow_cars", 2018, "90", "%"));
        CHECK(judge(p, 2017, data).verdict == status::met);
        const auto r = judge(p, 2018, data);
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.actual, "%"), WithinRel(90.0, 1e-12));
        CHECK_THAT(in(r.gap, "%"), WithinRel(-10.0, 1e-9));
        CHECK_THAT(pct(r.time_progress), WithinRel(100.0, rel));
    }
    SECTION("judged in a later year that holds again") {
        const auto data = read_rows(p, row("yellow_cars", 2017, "100", "%") + row("yellow_cars", 2018, "90", "%") +
                                      row("yellow_cars", 2019, "100", "%"));
        const auto r = judge(p, 2019, data);
        CHECK(r.verdict == status::not_met);
        CHECK(r.warning == grade::red);
        CHECK(r.reason.en == "the condition did not hold in 2018 (required from 2017 on)");
        CHECK_THAT(in(r.actual, "%"), WithinRel(100.0, 1e-12));
        bool names_2018 = false;
        for (const auto& v : r.inputs)
            if (v.year == 2018 && v.role == "actual") names_2018 = true;
        CHECK(names_2018);
    }
    SECTION("a year without data after the deadline does not break it") {
        const auto data = read_rows(p, row("yellow_cars", 2017, "100", "%") + row("yellow_cars", 2019, "100", "%"));
        CHECK(judge(p, 2019, data).verdict == status::met);
    }
}

TEST_CASE("A deadline without a value for the year has no data", "[evaluate]") {
    const auto p = yellow_cars_deadline();
    const auto r = judge(p, 2017, read_rows(p, row("yellow_cars", 2016, "80", "%")));
    CHECK(r.verdict == status::no_data);
    CHECK(r.reason.en == "no value of yellow_cars for 内蒙古自治区 in 2017");
}

TEST_CASE("Before its deadline a target is on track or behind on the path from the plan's base year",
          "[evaluate]") {
    const auto p = yellow_cars_deadline();
    // 60 % in 2015, 100 % due by 2017: 80 % expected in 2016 (time progress 1/2).
    SECTION("85 % in 2016") {
        const auto r = judge(p, 2016, read_rows(p, row("yellow_cars", 2015, "60", "%") + row("yellow_cars", 2016, "85", "%")));
        CHECK(r.interim);
        CHECK(r.verdict == status::on_track);
        CHECK_THAT(in(r.required, "%"), WithinRel(80.0, 1e-9));
        CHECK_THAT(in(r.target_value, "%"), WithinRel(100.0, 1e-12));
        CHECK_THAT(in(r.gap, "%"), WithinRel(5.0, 1e-9));
        CHECK_THAT(pct(r.time_progress), WithinRel(50.0, rel));
        CHECK_THAT(pct(r.attainment), WithinRel(62.5, 1e-9));
        CHECK(r.basis == base_source::data);
    }
    SECTION("75 % in 2016") {
        const auto r = judge(p, 2016, read_rows(p, row("yellow_cars", 2015, "60", "%") + row("yellow_cars", 2016, "75", "%")));
        CHECK(r.verdict == status::behind);
        CHECK_THAT(in(r.gap, "%"), WithinRel(-5.0, 1e-9));
        CHECK(r.warning == grade::yellow);
    }
    SECTION("without a base value there is no path, unless the final target is already reached") {
        const auto behind = judge(p, 2016, read_rows(p, row("yellow_cars", 2016, "75", "%")));
        CHECK(behind.verdict == status::no_data);
        CHECK(behind.reason.en ==
              "needs the 2015 value of yellow_cars (base year), which neither the data nor the plan gives");
        const auto done = judge(p, 2016, read_rows(p, row("yellow_cars", 2016, "100", "%")));
        CHECK(done.verdict == status::on_track);
        CHECK(done.reason.en == "already at the final target; no base value to draw the interim path");
    }
}

// =====================================================================================
// Years that cannot be judged
// =====================================================================================

TEST_CASE("A year at or before the base year is not evaluable, for every kind", "[evaluate]") {
    const std::vector<pc::plan> plans = [] {
        std::vector<pc::plan> v;
        v.push_back(cod_cap());
        v.push_back(service_floor(">="));
        v.push_back(intensity_cut());
        v.push_back(energy_increment());
        v.push_back(energy_growth());
        v.push_back(fertilizer_no_growth());
        v.push_back(retrofit_total());
        v.push_back(yellow_cars_deadline());
        return v;
    }();
    for (const pc::plan& p : plans) {
        INFO("target " << p.targets[0].id);
        const auto data = read_rows(p, "");
        for (const int year : {2014, 2015}) {
            const auto r = judge(p, year, data);
            CHECK(r.verdict == status::not_evaluable);
            CHECK_FALSE(r.actual.has_value());
            CHECK(r.warning == grade::none);
            CHECK(r.reason.en == std::to_string(year) + " is not after the base year 2015");
        }
    }
}

// =====================================================================================
// Paths: linear by default, compound by option, either per target
// =====================================================================================

TEST_CASE("A target's own path overrides the run's", "[evaluate]") {
    const std::string base = row("intensity", 2015, "1.0", "吨标准煤/万元") + row("intensity", 2017, "0.943", "吨标准煤/万元");
    SECTION("path = compound in the rule, linear in the run") {
        const auto p = intensity_cut("path = \"compound\"\n");
        REQUIRE(p.targets[0].path == pc::progress_path::compound);
        const auto r = judge(p, 2017, read_rows(p, base));
        CHECK_THAT(in(r.required, "%"), WithinRel((std::pow(0.86, 0.4) - 1.0) * 100.0, 1e-9));
        CHECK(r.verdict == status::behind);
    }
    SECTION("path = linear in the rule, compound in the run") {
        const auto p = intensity_cut("path = \"linear\"\n");
        pc::evaluation_options opts;
        opts.path = pc::progress_path::compound;
        const auto r = judge(p, 2017, read_rows(p, base), opts);
        CHECK_THAT(in(r.required, "%"), WithinRel(-5.6, 1e-9));
        CHECK(r.verdict == status::on_track);
    }
    SECTION("a level target's own compound path") {
        const auto p = cod_cap("path = \"compound\"\n");
        const auto r = judge(p, 2017, read_rows(p, row("cod", 2017, "81.16", "万吨")));
        CHECK_THAT(in(r.required, "万吨"), WithinRel(81.13549558939195, 1e-9));
    }
}

TEST_CASE("Time progress is k/n of the period, and at most 100%", "[evaluate]") {
    const auto p = cod_cap();
    const auto data = read_rows(p, row("cod", 2016, "83", "万吨") + row("cod", 2019, "79", "万吨") + row("cod", 2020, "77", "万吨"));
    CHECK_THAT(pct(judge(p, 2016, data).time_progress), WithinRel(20.0, rel));
    CHECK_THAT(pct(judge(p, 2019, data).time_progress), WithinRel(80.0, rel));
    CHECK_THAT(pct(judge(p, 2020, data).time_progress), WithinRel(100.0, rel));
    // 2016: 83.56 − 5.93 × 1/5 = 82.374.
    CHECK_THAT(in(judge(p, 2016, data).required, "万吨"), WithinRel(82.374, 1e-9));
}

// =====================================================================================
// Warning grades at the band's edge
// =====================================================================================

TEST_CASE("A miss of exactly 10% of the required value is yellow; just beyond it is red", "[evaluate]") {
    const auto p = make_plan(target("cap", "fertilizer", "at_most", "value = \"80 万吨\"\nyear = 2020\n"));
    const auto grade_at = [&](std::string_view value, const pc::evaluation_options& opts = {}) {
        const auto r = judge(p, 2020, read_rows(p, row("fertilizer", 2020, value, "万吨")), opts);
        return r.warning;
    };
    CHECK(grade_at("80") == grade::green);
    CHECK(grade_at("87.99") == grade::yellow);
    CHECK(grade_at("88") == grade::yellow);   // 8 over 80: exactly the band
    CHECK(grade_at("88.01") == grade::red);   // just outside
    SECTION("the band is an option: 5%") {
        pc::evaluation_options opts;
        opts.yellow_band = 5.0 * pc::units::per_cent;
        CHECK(grade_at("84", opts) == grade::yellow);
        CHECK(grade_at("84.01", opts) == grade::red);
    }
}

TEST_CASE("A change missed by exactly 10% of the required change is yellow; just beyond it is red",
          "[evaluate]") {
    const auto p = gdp_rise();
    const auto grade_at = [&](std::string_view value) {
        return judge(p, 2020, read_rows(p, row("gdp", 2015, "100", "亿元") + row("gdp", 2020, value, "亿元"))).warning;
    };
    CHECK(grade_at("140") == grade::green);
    CHECK(grade_at("136") == grade::yellow);    // +36 % vs +40 %: 4 points = 10% of 40
    CHECK(grade_at("135.99") == grade::red);
}

// =====================================================================================
// Approximate (左右) targets
// =====================================================================================

TEST_CASE("An approximate target is met within the tolerance, 2% of the required value by default",
          "[evaluate]") {
    const auto p = make_plan(target("saving", "saving_completion", "at_least",
                                    "value = \"113 %\"\napproximate = true\nyear = 2020\n", false));
    // 113 × 2% = 2.26: 110.74 % is enough.
    SECTION("111 % is within") {
        const auto r = judge(p, 2020, read_rows(p, row("saving_completion", 2020, "111", "%")));
        CHECK(r.verdict == status::met);
        CHECK_THAT(in(r.required, "%"), WithinRel(113.0, 1e-12));
        CHECK_THAT(in(r.gap, "%"), WithinRel(-2.0, 1e-9));
        CHECK(r.warning == grade::green);
        CHECK(r.reason.en == "within the 2% tolerance of an approximate (左右) target");
    }
    SECTION("110.74 % is on the edge and within") {
        CHECK(judge(p, 2020, read_rows(p, row("saving_completion", 2020, "110.74", "%"))).verdict == status::met);
    }
    SECTION("110.7 % is outside") {
        const auto r = judge(p, 2020, read_rows(p, row("saving_completion", 2020, "110.7", "%")));
        CHECK(r.verdict == status::not_met);
        CHECK_THAT(in(r.gap, "%"), WithinRel(-2.3, 1e-6));
        CHECK(r.warning == grade::yellow);
    }
    SECTION("113 % itself carries no tolerance note") {
        const auto r = judge(p, 2020, read_rows(p, row("saving_completion", 2020, "113", "%")));
        CHECK(r.verdict == status::met);
        CHECK(r.reason.en.empty());
    }
    SECTION("with a 1% tolerance, 111 % is outside (111.87 needed)") {
        pc::evaluation_options opts;
        opts.tolerance = 1.0 * pc::units::per_cent;
        CHECK(judge(p, 2020, read_rows(p, row("saving_completion", 2020, "111", "%")), opts).verdict == status::not_met);
        const auto r = judge(p, 2020, read_rows(p, row("saving_completion", 2020, "111.9", "%")), opts);
        CHECK(r.verdict == status::met);
        CHECK(r.reason.en == "within the 1% tolerance of an approximate (左右) target");
    }
    SECTION("a target that is not approximate has no tolerance") {
        const auto exact = make_plan(target("saving", "saving_completion", "at_least", "value = \"113 %\"\nyear = 2020\n"));
        CHECK(judge(exact, 2020, read_rows(exact, row("saving_completion", 2020, "112.99", "%"))).verdict == status::not_met);
    }
}

TEST_CASE("An approximate cap is lenient upwards", "[evaluate]") {
    const auto p = make_plan(target("coal-share", "coal_share", "at_most",
                                    "value = \"75 %\"\napproximate = true\nyear = 2020\n", false));
    // 75 × 2% = 1.5: up to 76.5 % is met.
    CHECK(judge(p, 2020, read_rows(p, row("coal_share", 2020, "76.5", "%"))).verdict == status::met);
    CHECK(judge(p, 2020, read_rows(p, row("coal_share", 2020, "76.6", "%"))).verdict == status::not_met);
}

TEST_CASE("An approximate cut is lenient by 2% of the required change", "[evaluate]") {
    const auto p = intensity_cut("approximate = true\n");
    // −14 % ± 0.28: −13.72 % is enough.
    const std::string base = row("intensity", 2015, "1", "吨标准煤/万元");
    CHECK(judge(p, 2020, read_rows(p, base + row("intensity", 2020, "0.8627", "吨标准煤/万元"))).verdict == status::met);
    CHECK(judge(p, 2020, read_rows(p, base + row("intensity", 2020, "0.8629", "吨标准煤/万元"))).verdict == status::not_met);
}

// =====================================================================================
// Base values: data first, else the plan's
// =====================================================================================

TEST_CASE("The base year's value in the data is preferred to the plan's stated value", "[evaluate]") {
    const auto p = energy_increment();
    const auto r = judge(p, 2020, read_rows(p, row("energy", 2015, "19000", "万吨标准煤") + row("energy", 2020, "22000", "万吨标准煤")));
    CHECK(r.basis == base_source::data);
    CHECK_THAT(in(r.actual, "万吨标准煤"), WithinRel(3000.0, 1e-9));
    const pc::input_value* base = nullptr;
    for (const auto& v : r.inputs)
        if (v.role == "base") base = &v;
    REQUIRE(base != nullptr);
    CHECK(base->year == 2015);
    CHECK_FALSE(base->from_plan);
    REQUIRE(base->where.has_value());
    CHECK(base->where->file == "data.csv");
    CHECK(base->where->line == 2);
    CHECK_THAT(in(base->value, "万吨标准煤"), WithinRel(19000.0, 1e-12));
}

TEST_CASE("Without it in the data, the plan's stated base is used and marked as the plan's", "[evaluate]") {
    const auto p = energy_increment();
    const auto r = judge(p, 2020, read_rows(p, row("energy", 2020, "22000", "万吨标准煤")));
    CHECK(r.basis == base_source::plan);
    REQUIRE(r.inputs.size() == 2);
    CHECK(r.inputs[0].role == "actual");
    CHECK(r.inputs[0].year == 2020);
    CHECK_FALSE(r.inputs[0].from_plan);
    REQUIRE(r.inputs[0].where.has_value());
    CHECK(r.inputs[0].where->line == 2);
    CHECK(r.inputs[1].role == "base");
    CHECK(r.inputs[1].year == 2015);
    CHECK(r.inputs[1].from_plan);
    CHECK_FALSE(r.inputs[1].where.has_value());
    CHECK_THAT(in(r.inputs[1].value, "万吨标准煤"), WithinRel(18930.0, 1e-12));
}

TEST_CASE("The plan's base is the plan region's: a league's target does not borrow it", "[evaluate]") {
    const auto p = make_plan(target("hohhot-cod", "cod", "change_vs_base",
                                    "value = \"-7 %\"\nregion = \"呼和浩特市\"\nbase_year = 2015\nyear = 2020\n"));
    REQUIRE(p.targets[0].region == "呼和浩特市");
    const auto data = read_rows(p, "呼和浩特市,cod,2020,5,万吨\n");
    const auto r = judge(p, 2020, data);
    CHECK(r.region == "呼和浩特市");
    CHECK(r.verdict == status::no_data);
    CHECK(r.basis == base_source::none);
}

// =====================================================================================
// Attainment meaning
// =====================================================================================

TEST_CASE("A cap above the base is an allowance: its attainment is the share used", "[evaluate]") {
    const auto p = make_plan(target("energy-cap", "energy", "at_most", "value = \"2.25 亿吨标准煤\"\nbase_year = 2015\nyear = 2020\n"));
    const auto r = judge(p, 2020, read_rows(p, row("energy", 2020, "22000", "万吨标准煤")));
    CHECK(r.verdict == status::met);
    CHECK_THAT(in(r.actual, "亿吨标准煤"), WithinRel(2.2, 1e-12));
    CHECK_THAT(in(r.gap, "万吨标准煤"), WithinRel(-500.0, 1e-9));
    CHECK_THAT(pct(r.attainment), WithinRel(3070.0 / 3570.0 * 100, 1e-9));
    CHECK(r.attainment_is == attainment_meaning::allowance_used);
}

TEST_CASE("A cap below the base and a floor above it are completions", "[evaluate]") {
    const auto cap = cod_cap();
    CHECK(judge(cap, 2020, read_rows(cap, row("cod", 2020, "77", "万吨"))).attainment_is == attainment_meaning::completion);
    const auto floor = service_floor(">=");
    CHECK(judge(floor, 2020, read_rows(floor, row("service_share", 2020, "46", "%"))).attainment_is ==
          attainment_meaning::completion);
}

TEST_CASE("A level target without a base has no attainment, and says nothing it cannot back", "[evaluate]") {
    const auto p = make_plan(target("coal-share", "coal_share", "at_most", "value = \"75 %\"\nyear = 2020\n"));
    const auto r = judge(p, 2020, read_rows(p, row("coal_share", 2020, "74", "%")));
    CHECK(r.verdict == status::met);
    CHECK_FALSE(r.attainment.has_value());
    CHECK(r.basis == base_source::none);
}

// =====================================================================================
// The 12th plan, reproduced
// =====================================================================================

TEST_CASE("The 12th plan's completion rates are reproduced as the plan prints them", "[evaluate]") {
    auto loaded = pc::load_shipped_plan("nmg-12fyp-pollutants");
    REQUIRE(loaded.has_value());
    const pc::plan& p = *loaded;
    // 2010 = 100 for each pollutant, 2015 down by the reported cuts.
    const auto data = read_rows(p, row("emissions.cod", 2010, "100", "万吨") + row("emissions.cod", 2015, "90.70", "万吨") +
                                  row("emissions.nh3n", 2010, "100", "万吨") + row("emissions.nh3n", 2015, "86.22", "万吨") +
                                  row("emissions.so2", 2010, "100", "万吨") + row("emissions.so2", 2015, "88.09", "万吨") +
                                  row("emissions.nox", 2010, "100", "万吨") + row("emissions.nox", 2015, "86.67", "万吨"));
    const auto completion = [&](std::string_view id) {
        for (std::size_t i = 0; i < p.targets.size(); ++i)
            if (p.targets[i].id == id) return pc::evaluate_target(p, i, p.targets[i].region, 2015, data, {});
        FAIL("no target " << id);
        return pc::target_result{};
    };
    const auto cod = completion("cod-cut");
    CHECK(cod.verdict == status::met);
    CHECK_THAT(pct(cod.attainment), WithinRel(9.30 / 6.7 * 100, 1e-9));
    CHECK(pc::format_attainment(*cod.attainment) == "138%");
    const auto so2 = completion("so2-cut");
    CHECK_THAT(pct(so2.attainment), WithinRel(11.91 / 3.8 * 100, 1e-9));
    CHECK(pc::format_attainment(*so2.attainment) == "313%");
    const auto nox = completion("nox-cut");
    CHECK_THAT(pct(nox.attainment), WithinRel(13.33 / 5.8 * 100, 1e-9));
    CHECK(pc::format_attainment(*nox.attainment) == "229%");
    // The plan prints 143 %; 13.78 ÷ 9.7 = 142.06 %.
    const auto nh3n = completion("nh3n-cut");
    CHECK_THAT(pct(nh3n.attainment), WithinRel(142.06185567010309, 1e-9));
    CHECK(pc::format_attainment(*nh3n.attainment) == "142%");
}

// =====================================================================================
// Summaries
// =====================================================================================

namespace {
// Six targets: three binding, three expected.
pc::plan six_targets() {
    std::string t;
    for (int i = 0; i < 6; ++i)
        t += target("t" + std::to_string(i), "cod", "at_most", "value = \"80 万吨\"\nyear = 2020\n", i < 3);
    return make_plan(t);
}
std::vector<pc::target_result> verdicts(const std::vector<status>& v) {
    std::vector<pc::target_result> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        pc::target_result r;
        r.target_index = i;
        r.verdict = v[i];
        out.push_back(r);
    }
    return out;
}
}  // namespace

TEST_CASE("Only met and on track count as met; no data is left out of the denominator", "[evaluate]") {
    const auto p = six_targets();
    // binding: met, behind, no data; expected: on track, not met, not evaluable.
    const auto results =
        verdicts({status::met, status::behind, status::no_data, status::on_track, status::not_met, status::not_evaluable});
    const auto s = pc::summarize(p, results, false);
    CHECK(s.all.results == 6);
    CHECK(s.all.evaluated == 4);
    CHECK(s.all.met == 2);
    CHECK(s.all.no_data == 1);
    CHECK(s.all.not_evaluable == 1);
    REQUIRE(s.all.compliance().has_value());
    CHECK_THAT(s.all.compliance()->value(), WithinRel(50.0, 1e-12));

    CHECK(s.binding.results == 3);
    CHECK(s.binding.evaluated == 2);
    CHECK(s.binding.met == 1);
    CHECK(s.binding.no_data == 1);
    CHECK(s.binding.not_evaluable == 0);
    CHECK_THAT(s.binding.compliance()->value(), WithinRel(50.0, 1e-12));

    CHECK(s.expected.results == 3);
    CHECK(s.expected.evaluated == 2);
    CHECK(s.expected.met == 1);
    CHECK(s.expected.no_data == 0);
    CHECK(s.expected.not_evaluable == 1);
    CHECK_THAT(s.expected.compliance()->value(), WithinRel(50.0, 1e-12));
}

TEST_CASE("With require_all, no data and not evaluable count as failures", "[evaluate]") {
    const auto p = six_targets();
    const auto results =
        verdicts({status::met, status::behind, status::no_data, status::on_track, status::not_met, status::not_evaluable});
    const auto s = pc::summarize(p, results, true);
    CHECK(s.all.evaluated == 6);
    CHECK(s.all.met == 2);
    CHECK_THAT(s.all.compliance()->value(), WithinRel(100.0 / 3.0, 1e-12));
    CHECK(s.binding.evaluated == 3);
    CHECK_THAT(s.binding.compliance()->value(), WithinRel(100.0 / 3.0, 1e-12));
    CHECK(s.expected.evaluated == 3);
}

TEST_CASE("Nothing evaluated gives no compliance figure at all, not 0% or 100%", "[evaluate]") {
    CHECK_FALSE(pc::tally{}.compliance().has_value());
    const auto p = six_targets();
    const auto s = pc::summarize(p, verdicts({status::no_data, status::no_data, status::not_evaluable}), false);
    CHECK(s.all.results == 3);
    CHECK(s.all.evaluated == 0);
    CHECK_FALSE(s.all.compliance().has_value());
    CHECK_FALSE(s.expected.compliance().has_value());

    const auto ev = pc::evaluate(p, read_rows(p, ""), {});
    CHECK(ev.results.size() == 6);
    CHECK(ev.years == std::vector<int>{2020});
    CHECK(ev.summary.all.no_data == 6);
    CHECK_FALSE(ev.summary.all.compliance().has_value());
    CHECK_FALSE(ev.summary.binding.compliance().has_value());
}

TEST_CASE("evaluate judges the latest year with data, or the year asked for", "[evaluate]") {
    const auto p = cod_cap();
    const auto data = read_rows(p, row("cod", 2017, "80.5", "万吨") + row("cod", 2018, "79", "万吨"));
    SECTION("latest") {
        const auto ev = pc::evaluate(p, data, {});
        REQUIRE(ev.results.size() == 1);
        CHECK(ev.results[0].year == 2018);
        CHECK(ev.results[0].verdict == status::on_track);  // 79 ≤ 83.56 − 5.93 × 3/5 = 80.002
        CHECK_THAT(in(ev.results[0].required, "万吨"), WithinRel(80.002, 1e-9));
        CHECK(ev.years == std::vector<int>{2018});
    }
    SECTION("asked for 2017") {
        pc::evaluation_options opts;
        opts.year = 2017;
        const auto ev = pc::evaluate(p, data, opts);
        REQUIRE(ev.results.size() == 1);
        CHECK(ev.results[0].year == 2017);
        CHECK(ev.summary.all.met == 1);
    }
}

TEST_CASE("A trajectory gives one result per year with data; the summary counts the latest", "[evaluate]") {
    const auto p = make_plan(target("cod-cap", "cod", "at_most", "value = \"77.63 万吨\"\nbase_year = 2015\nyear = 2020\n") +
                             target("service", "service_share", "at_least", "value = \"45 %\"\nyear = 2020\n", false));
    // COD: on track in 2016 and 2017, behind in 2018. Services: only 2015 (not judged) and 2018.
    const auto data = read_rows(p, row("cod", 2015, "83.56", "万吨") + row("cod", 2016, "82", "万吨") +
                                  row("cod", 2017, "81", "万吨") + row("cod", 2018, "81", "万吨") +
                                  row("service_share", 2015, "40", "%") + row("service_share", 2018, "44", "%"));
    pc::evaluation_options opts;
    opts.every_year = true;
    const auto ev = pc::evaluate(p, data, opts);
    REQUIRE(ev.results.size() == 4);
    CHECK(ev.results[0].target_index == 0);
    CHECK(ev.results[0].year == 2016);
    CHECK(ev.results[0].verdict == status::on_track);
    CHECK(ev.results[1].year == 2017);
    CHECK(ev.results[1].verdict == status::on_track);
    CHECK(ev.results[2].year == 2018);
    CHECK(ev.results[2].verdict == status::behind);
    CHECK_THAT(in(ev.results[2].required, "万吨"), WithinRel(80.002, 1e-9));
    CHECK(ev.results[3].target_index == 1);
    CHECK(ev.results[3].year == 2018);
    CHECK(ev.results[3].verdict == status::on_track);  // 44 ≥ 40 + 5 × 3/5 = 43
    CHECK(ev.years == std::vector<int>{2016, 2017, 2018});
    // Counted on 2018: COD behind, services on track.
    CHECK(ev.summary.all.results == 2);
    CHECK(ev.summary.all.evaluated == 2);
    CHECK(ev.summary.all.met == 1);
    CHECK(ev.summary.binding.met == 0);
    CHECK(ev.summary.expected.met == 1);
    CHECK_THAT(ev.summary.all.compliance()->value(), WithinRel(50.0, 1e-12));
}

TEST_CASE("Status names and labels are stable", "[evaluate]") {
    CHECK(pc::to_string(status::met) == "met");
    CHECK(pc::to_string(status::not_met) == "not met");
    CHECK(pc::to_string(status::on_track) == "on track");
    CHECK(pc::to_string(status::behind) == "behind");
    CHECK(pc::to_string(status::no_data) == "no data");
    CHECK(pc::to_string(status::not_evaluable) == "not evaluable");
    CHECK(pc::status_label(status::met, pc::language::zh) == "达标");
    CHECK(pc::status_label(status::behind, pc::language::zh) == "进度滞后");
    CHECK(pc::grade_label(grade::yellow, pc::language::zh) == "黄灯");
    CHECK(pc::to_string(attainment_meaning::allowance_used) == "allowance_used");
    CHECK(pc::to_string(base_source::plan) == "plan");
    CHECK(pc::counts_as_met(status::on_track));
    CHECK_FALSE(pc::counts_as_met(status::no_data));
    CHECK_FALSE(pc::is_evaluated(status::not_evaluable));
}

// =====================================================================================
// Numbers exactly at a threshold or at the band's edge
// =====================================================================================

TEST_CASE("A value exactly at the target is met, although binary floating point misses it", "[evaluate]") {
    // 11 → 9.46 is exactly −14 %; computed in doubles it is −13.999999999999998 %.
    const auto p = intensity_cut();
    const auto r = judge(p, 2020, read_rows(p, row("intensity", 2015, "11", "吨标准煤/万元") +
                                                   row("intensity", 2020, "9.46", "吨标准煤/万元")));
    CHECK(r.verdict == status::met);
    CHECK_THAT(in(r.actual, "%"), WithinRel(-14.0, 1e-12));
    CHECK_THAT(in(r.gap, "%"), WithinAbs(0.0, 1e-12));
    CHECK(r.warning == grade::green);
    SECTION("and a strict comparison is not met by it") {
        const auto strict = make_plan(target("intensity-cut", "intensity", "change_vs_base",
                                             "comparison = \"<\"\nvalue = \"-14 %\"\nbase_year = 2015\nyear = 2020\n"));
        const auto s = judge(strict, 2020, read_rows(strict, row("intensity", 2015, "11", "吨标准煤/万元") +
                                                                  row("intensity", 2020, "9.46", "吨标准煤/万元")));
        CHECK(s.verdict == status::not_met);
        CHECK(s.warning == grade::yellow);
    }
}

TEST_CASE("A miss of exactly 10% of a required change is yellow, although binary floating point exceeds it",
          "[evaluate]") {
    // 1.0 → 0.874 is −12.6 %: 1.4 points short of −14 %, exactly 10 % of it.
    const auto p = intensity_cut();
    const auto r = judge(p, 2020, read_rows(p, row("intensity", 2015, "1.0", "吨标准煤/万元") +
                                                   row("intensity", 2020, "0.874", "吨标准煤/万元")));
    CHECK(r.verdict == status::not_met);
    CHECK_THAT(in(r.gap, "%"), WithinRel(1.4, 1e-9));
    CHECK(r.warning == grade::yellow);
}

TEST_CASE("Every change exactly at its target is met and every miss of exactly 10% is yellow", "[evaluate]") {
    // The plan's cuts and rises, from every base value 1 … 100: V = B × (1 + T).
    for (const std::string_view t : {"-14", "-7.1", "-7", "-11", "-6.7", "-9.7", "-3.8", "-5.8", "-19", "-2", "20", "40"}) {
        const auto p = make_plan(target("change", "gdp", "change_vs_base",
                                        "value = \"" + std::string(t) + " %\"\nbase_year = 2015\nyear = 2020\n"));
        const double change = std::stod(std::string(t));
        int not_met = 0;
        int not_yellow = 0;
        for (int b = 1; b <= 100; ++b) {
            const std::string base = row("gdp", 2015, std::to_string(b), "亿元");
            const std::string at_target = fmt_decimal(b * (100 + change) / 100);
            const std::string at_band = fmt_decimal(b * (100 + change * 0.9) / 100);
            if (judge(p, 2020, read_rows(p, base + row("gdp", 2020, at_target, "亿元"))).verdict != status::met) ++not_met;
            if (judge(p, 2020, read_rows(p, base + row("gdp", 2020, at_band, "亿元"))).warning != grade::yellow)
                ++not_yellow;
        }
        INFO("change " << t << " %");
        CHECK(not_met == 0);
        CHECK(not_yellow == 0);
    }
}

TEST_CASE("A cumulative total due before the year judged sums only up to its own year", "[evaluate]") {
    const auto early = make_plan(target("retrofit-2018", "retrofit", "cumulative_at_least",
                                        "value = \"3000 万平方米\"\nbase_year = 2015\nyear = 2018\n"));
    // 2016–2018: 900 + 1000 + 1000 = 2900 < 3000; 2019 and 2020 do not count towards a 2018 total.
    const auto data = read_rows(early, retrofit_years({{2016, "900"}, {2017, "1000"}, {2018, "1000"}, {2020, "2000"}}));
    const auto r = judge(early, 2020, data);
    CHECK(r.verdict == status::not_met);
    CHECK_THAT(in(r.actual, "万平方米"), WithinRel(2900.0, 1e-12));
    CHECK_THAT(in(r.required, "万平方米"), WithinRel(3000.0, 1e-12));
    CHECK_THAT(pct(r.time_progress), WithinRel(100.0, rel));
    REQUIRE(r.inputs.size() == 3);
    CHECK(r.inputs[2].role == "year 2018");
}

TEST_CASE("A deadline that failed in an earlier year still reports the time progress of its year", "[evaluate]") {
    const auto p = yellow_cars_deadline();
    const auto r = judge(p, 2019, read_rows(p, row("yellow_cars", 2015, "60", "%") + row("yellow_cars", 2017, "100", "%") +
                                                   row("yellow_cars", 2018, "90", "%") + row("yellow_cars", 2019, "100", "%")));
    CHECK(r.verdict == status::not_met);
    CHECK_THAT(pct(r.time_progress), WithinRel(100.0, rel));
}

TEST_CASE("an attainment that is not finite is never printed as a number (issue 17)", "[evaluate][attainment]") {
    // Casting infinity to an integer printed -9223372036854775808%.
    using share = plancheck::units::quantity_of<plancheck::quantity_kind::share>;
    CHECK(pc::format_attainment(share::from_value(std::numeric_limits<double>::infinity())) == "—");
    CHECK(pc::format_attainment(share::from_value(-std::numeric_limits<double>::infinity())) == "—");
    CHECK(pc::format_attainment(share::from_value(std::numeric_limits<double>::quiet_NaN())) == "—");
    CHECK(pc::format_attainment(share::from_value(1e300)) == "—");
    CHECK(pc::format_attainment(share::from_value(138.0)) == "138%");
}
