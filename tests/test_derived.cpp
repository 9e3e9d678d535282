// Indicators computed from their parts: ratios, growth rates, energy saved, the saving task,
// price bases, and the refusals at load time.

#include <cmath>
#include <string>

#include "catch.hpp"
#include "evaluate/values.hpp"
#include "plancheck/evaluate.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/rule_loader.hpp"

using namespace plancheck;
using Catch::Matchers::WithinRel;

namespace {

const plan& shipped() {
    static const plan p = load_shipped_plan("nmg-13fyp-energy").value();
    return p;
}

observation_set read_csv(const plan& p, const std::string& csv) {
    observation_reader reader(p, {});
    reader.read(csv::from_string(csv), "data.csv");
    for (const error& e : reader.problems()) INFO(e.format(language::en));
    REQUIRE_FALSE(reader.failed());
    return std::move(reader).finish();
}

const target_result& result_of(const evaluation& ev, const plan& p, const std::string& id) {
    for (const target_result& r : ev.results)
        if (p.targets[r.target_index].id == id) return r;
    FAIL("no result for " << id);
    return ev.results.front();
}

evaluation evaluate_year(const plan& p, const observation_set& data, int year) {
    evaluation_options opts;
    opts.year = year;
    return evaluate(p, data, opts);
}

}  // namespace

TEST_CASE("energy intensity is computed from total energy and GDP when the file has no intensity", "[derived]") {
    const plan& p = shipped();
    const auto data = read_csv(p,
                               "region,indicator,year,value,unit\n"
                               "内蒙古,能源消费总量,2015,18930,万吨标准煤\n"
                               "内蒙古,地区生产总值（不变价）,2015,18000,亿元\n"
                               "内蒙古,能源消费总量,2020,22000,万吨标准煤\n"
                               "内蒙古,地区生产总值（不变价）,2020,24000,亿元\n");
    const auto ev = evaluate_year(p, data, 2020);
    const target_result& r = result_of(ev, p, "energy-intensity-gdp-cut");
    // 18930 万tce ÷ 18000 亿元 = 1.051667 tce/万元; 22000 ÷ 24000 = 0.916667; change −12.837%.
    const double expected = (22000.0 / 24000.0) / (18930.0 / 18000.0) - 1.0;
    REQUIRE(r.verdict == status::not_met);
    CHECK_THAT(r.actual->canonical_value(), WithinRel(expected * 100.0, 1e-9));
    CHECK(r.basis == base_source::data);
    SECTION("and every value it rests on keeps its origin") {
        REQUIRE(r.inputs.size() == 4);
        for (const input_value& v : r.inputs) {
            REQUIRE(v.where.has_value());
            CHECK(v.where->file == "data.csv");
        }
        CHECK(r.inputs[0].role == "actual · energy.total_consumption");
    }
    SECTION("and the steps say how") {
        REQUIRE(r.steps.size() >= 3);
        CHECK(r.steps[0].en.find("energy.intensity_gdp 2020 = energy.total_consumption ÷ economy.gdp_constant") == 0);
        CHECK(r.steps.back().en.find("not met") != std::string::npos);
    }
}

TEST_CASE("the intensity change follows from yearly growth rates alone", "[derived]") {
    const plan& p = shipped();
    std::string csv = "region,indicator,year,value,unit\n";
    for (int y = 2016; y <= 2020; ++y) {
        csv += "内蒙古,能源消费增速," + std::to_string(y) + ",3,%\n";
        csv += "内蒙古,GDP增速," + std::to_string(y) + ",7,%\n";
    }
    const auto data = read_csv(p, csv);
    const auto ev = evaluate_year(p, data, 2020);
    const target_result& r = result_of(ev, p, "energy-intensity-gdp-cut");
    // (1 + 3%) ÷ (1 + 7%) − 1 each year, five years: (1.03/1.07)^5 − 1 = −17.35%.
    const double expected = std::pow(1.03 / 1.07, 5) - 1.0;
    CHECK_THAT(r.actual->canonical_value(), WithinRel(expected * 100.0, 1e-9));
    CHECK(r.verdict == status::met);
    CHECK(r.inputs.size() == 10);

    SECTION("an interim year uses the years so far") {
        const auto interim = evaluate_year(p, data, 2017);
        const target_result& r2 = result_of(interim, p, "energy-intensity-gdp-cut");
        CHECK_THAT(r2.actual->canonical_value(), WithinRel((std::pow(1.03 / 1.07, 2) - 1.0) * 100.0, 1e-9));
        CHECK(r2.verdict == status::on_track);  // −7.3% against −5.6% expected by 2017
    }
    SECTION("a missing year leaves it without data") {
        std::string gap = "region,indicator,year,value,unit\n";
        for (int y = 2016; y <= 2020; ++y) {
            if (y != 2018) gap += "内蒙古,能源消费增速," + std::to_string(y) + ",3,%\n";
            gap += "内蒙古,GDP增速," + std::to_string(y) + ",7,%\n";
        }
        const auto partial = read_csv(p, gap);
        const auto ev_partial = evaluate_year(p, partial, 2020);
        CHECK(result_of(ev_partial, p, "energy-intensity-gdp-cut").verdict == status::no_data);
    }
}

TEST_CASE("the intensity's own yearly change is a growth rate too", "[derived]") {
    const plan& p = shipped();
    std::string csv = "region,indicator,year,value,unit\n";
    for (int y = 2016; y <= 2020; ++y) csv += "内蒙古,单位GDP能耗变化率," + std::to_string(y) + ",-3.5,%\n";
    const auto ev = evaluate_year(p, read_csv(p, csv), 2020);
    const target_result& r = result_of(ev, p, "energy-intensity-gdp-cut");
    CHECK_THAT(r.actual->canonical_value(), WithinRel((std::pow(0.965, 5) - 1.0) * 100.0, 1e-9));
    CHECK(r.verdict == status::met);
}

TEST_CASE("energy saved in the power sector by the chain method of GB/T 13234", "[derived]") {
    const plan& p = shipped();
    std::string csv = "region,indicator,year,value,unit\n";
    // The coal rate falls by 1 gce/kWh a year; 2000 亿kWh supplied each year:
    // 1 g/kWh × 2000e8 kWh = 2e11 g = 20 万tce a year, 100 万tce over 2016–2020.
    for (int y = 2015; y <= 2020; ++y) {
        csv += "内蒙古,煤电平均供电标准煤耗," + std::to_string(y) + "," + std::to_string(330 - (y - 2015)) + ",克/千瓦时\n";
        if (y > 2015) csv += "内蒙古,燃煤发电供电量," + std::to_string(y) + ",2000,亿千瓦时\n";
    }
    const auto ev = evaluate_year(p, read_csv(p, csv), 2020);
    const target_result& r = result_of(ev, p, "power-energy-saving");
    const unit wan_tce = parse_unit("万吨标准煤").value();
    REQUIRE(r.actual.has_value());
    CHECK_THAT(wan_tce.value_of(*r.actual), WithinRel(100.0, 1e-9));
    CHECK(r.verdict == status::not_met);
    CHECK_THAT(r.attainment->value(), WithinRel(20.0, 1e-9));
    CHECK(r.steps.front().en.find("chain method, GB/T 13234") != std::string::npos);
}

TEST_CASE("completion of the saving task against the intensity target", "[derived]") {
    const plan& p = shipped();
    std::string csv = "region,indicator,year,value,unit\n"
                      "内蒙古,单位GDP能耗,2015,1.0,吨标准煤/万元\n"
                      "内蒙古,地区生产总值（不变价）,2020,25000,亿元\n";
    for (int y = 2016; y <= 2020; ++y) {
        csv += "内蒙古,结构节能量," + std::to_string(y) + ",300,万吨标准煤\n";
        csv += "内蒙古,工业节能量," + std::to_string(y) + ",400,万吨标准煤\n";
    }
    const auto ev = evaluate_year(p, read_csv(p, csv), 2020);
    const target_result& r = result_of(ev, p, "energy-saving-task-completion");
    // Task: 1.0 tce/万元 × 14% × 25000 亿元 (2.5e8 万元) = 3.5e7 tce = 3500 万tce.
    // Saved: 5 × (300 + 400) = 3500 万tce → 100%.
    REQUIRE(r.actual.has_value());
    CHECK_THAT(r.actual->canonical_value(), WithinRel(100.0, 1e-9));
    CHECK(r.verdict == status::not_met);  // 113% 左右 with the 2% tolerance: at least 110.74%
}

TEST_CASE("values on different price bases are refused, never compared", "[derived][price]") {
    const plan& p = shipped();
    const auto data = read_csv(p,
                               "region,indicator,year,value,unit,price_base\n"
                               "内蒙古,单位GDP能耗,2015,1.0,吨标准煤/万元,2010\n"
                               "内蒙古,单位GDP能耗,2020,0.8,吨标准煤/万元,2015\n");
    const auto ev = evaluate_year(p, data, 2020);
    const target_result& r = result_of(ev, p, "energy-intensity-gdp-cut");
    CHECK(r.verdict == status::not_evaluable);
    CHECK(r.reason.en ==
          "the 2020 value is at 2015 constant prices and the 2015 value at 2010 prices: values on different price "
          "bases are not comparable");

    SECTION("the plan's own base carries its price base") {
        const auto later = read_csv(p,
                                    "region,indicator,year,value,unit,price_base\n"
                                    "内蒙古,单位GDP能耗,2020,0.8,吨标准煤/万元,2015\n");
        const auto ev2 = evaluate_year(p, later, 2020);
        const target_result& r2 = result_of(ev2, p, "energy-intensity-gdp-cut");
        CHECK(r2.verdict == status::not_evaluable);
        CHECK(r2.reason.en.find("at 2010 prices") != std::string::npos);
    }
    SECTION("an unknown price base on one side goes ahead with a note") {
        const auto unknown = read_csv(p,
                                      "region,indicator,year,value,unit\n"
                                      "内蒙古,单位GDP能耗,2020,0.85,吨标准煤/万元\n");
        const auto ev3 = evaluate_year(p, unknown, 2020);
        const target_result& r3 = result_of(ev3, p, "energy-intensity-gdp-cut");
        CHECK(r3.verdict == status::met);
        CHECK(r3.basis == base_source::plan);
        CHECK(r3.reason.en.find("at 2010 constant prices") != std::string::npos);
    }
}

TEST_CASE("a reported intensity that its components contradict is a warning with both origins", "[derived]") {
    const plan& p = shipped();
    const auto data = read_csv(p,
                               "region,indicator,year,value,unit\n"
                               "内蒙古,单位GDP能耗,2020,0.80,吨标准煤/万元\n"
                               "内蒙古,能源消费总量,2020,22000,万吨标准煤\n"
                               "内蒙古,地区生产总值（不变价）,2020,24000,亿元\n");
    const diagnostics found = detail::derivation_disagreements(p, data, 0.005);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == error_code::plausibility);
    CHECK(found[0].where.to_string() == "data.csv:2:18");  // the value column: 内蒙古,单位GDP能耗,2020, is 17 characters
    CHECK(found[0].message.en.find("data.csv:3:") != std::string::npos);
    CHECK(found[0].message.en.find("data.csv:4:") != std::string::npos);
    SECTION("and the reported value is the one judged") {
        const auto ev = evaluate_year(p, data, 2020);
        const target_result& r = result_of(ev, p, "energy-intensity-gdp-cut");
        CHECK(r.inputs.size() == 2);  // the reported 2020 intensity and the plan's 2015 base
    }
}

namespace {

std::string rule_file_with(const std::string& indicators) {
    return R"([plan]
id = "t"
title = "t"
document = "d"
region = "R"
base_year = 2015
target_year = 2020

[[indicator]]
id = "energy.total"
name = "能源消费总量"
unit = "万吨标准煤"

[[indicator]]
id = "gdp"
name = "地区生产总值"
unit = "亿元"
)" + indicators + R"(
[[target]]
id = "t1"
name = "t1"
indicator = "energy.total"
kind = "at_most"
value = "1 万吨标准煤"
binding = true
section = "s"
source = "s"
)";
}

}  // namespace

TEST_CASE("derivations whose units do not fit are refused when the rule file loads", "[derived][load]") {
    SECTION("a ratio of coal by currency declared as a share") {
        const auto r = load_plan(rule_file_with(R"(
[[indicator]]
id = "bad"
name = "坏"
unit = "%"
ratio = { numerator = "energy.total", denominator = "gdp" }
)"),
                                 "t.toml");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == error_code::rule_dimension);
        CHECK(r.error().message.en ==
              "indicator bad is measured in % (share), but energy.total ÷ gdp gives energy intensity");
        CHECK(r.error().where.line == 23);
    }
    SECTION("a ratio of coal by currency declared as an intensity loads") {
        const auto r = load_plan(rule_file_with(R"(
[[indicator]]
id = "intensity"
name = "强度"
unit = "吨标准煤/万元"
ratio = { numerator = "energy.total", denominator = "gdp" }
)"),
                                 "t.toml");
        REQUIRE(r);
        REQUIRE(r->find_indicator("intensity")->derived.has_value());
    }
    SECTION("a growth rate that is not a share") {
        const auto r = load_plan(rule_file_with(R"(
[[indicator]]
id = "g"
name = "增"
unit = "万吨标准煤"
growth_of = "energy.total"
)"),
                                 "t.toml");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == error_code::rule_dimension);
    }
    SECTION("a saving whose intensity times output is not coal") {
        const auto r = load_plan(rule_file_with(R"(
[[indicator]]
id = "s"
name = "节"
unit = "万吨标准煤"
saving = { intensity = "gdp", output = "energy.total" }
)"),
                                 "t.toml");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == error_code::rule_dimension);
    }
    SECTION("a derivation from an undeclared indicator") {
        const auto r = load_plan(rule_file_with(R"(
[[indicator]]
id = "g"
name = "增"
unit = "%"
growth_of = "energy.totl"
)"),
                                 "t.toml");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == error_code::rule_reference);
        CHECK(r.error().message.en.find("did you mean energy.total?") != std::string::npos);
    }
    SECTION("a derivation that depends on itself") {
        const auto r = load_plan(rule_file_with(R"(
[[indicator]]
id = "a"
name = "甲"
unit = "%"
growth_of = "b"

[[indicator]]
id = "b"
name = "乙"
unit = "%"
growth_of = "a"
)"),
                                 "t.toml");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == error_code::rule_reference);
        CHECK(r.error().message.en == "indicator a is derived from itself");
    }
}
