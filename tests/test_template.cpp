// Templates: the values the targets need in a year (the value itself, a base the plan does not
// state, every yearly flow of a cumulative target), the blank CSV built from them, and the two
// round trips that make a template useful: unfilled it gives `no data` for every target (not an
// error); filled it leaves no target without data. On the shipped plan, what values_needed lists
// is exactly what evaluation misses when a value is absent.

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/evaluate.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/regional.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/template.hpp"

namespace {

namespace pc = plancheck;
using pc::status;
using pc::value_role;

const std::string region = "内蒙古自治区";

// A plan with one target of each shape the template distinguishes: a cap whose base the plan
// states, a floor whose base it states, a cut of an indicator whose base it does not, a
// cumulative sum and a deadline without a base year of its own.
const std::string plan_text = R"(format = 1
[plan]
id = "t"
title = { zh = "测试规划", en = "Test plan" }
document = "测试〔2018〕1号"
region = { zh = "内蒙古自治区", en = "Inner Mongolia Autonomous Region" }
region_aliases = ["内蒙古"]
subregions = [{ zh = "呼和浩特市", en = "Hohhot" }]
base_year = 2015
target_year = 2020

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
id = "retrofit"
name = { zh = "既有居住建筑节能改造面积", en = "Residential retrofit area" }
unit = "万平方米"

[[indicator]]
id = "yellow_cars"
name = { zh = "黄标车淘汰比例", en = "Yellow-label vehicles eliminated" }
unit = "%"

[[target]]
id = "cod-cap"
name = "cod-cap"
indicator = "cod"
kind = "at_most"
comparison = "<="
value = "77.63 万吨"
base_year = 2015
year = 2020
binding = true
section = "第二章"
source = "测试"

[[target]]
id = "service-share"
name = "service-share"
indicator = "service_share"
kind = "at_least"
comparison = ">="
value = "45 %"
base_year = 2015
year = 2020
binding = false
section = "第二章"
source = "测试"

[[target]]
id = "intensity-cut"
name = "intensity-cut"
indicator = "intensity"
kind = "change_vs_base"
comparison = "<="
value = "-14 %"
base_year = 2015
year = 2020
binding = true
section = "第二章"
source = "测试"

[[target]]
id = "retrofit"
name = "retrofit"
indicator = "retrofit"
kind = "cumulative_at_least"
value = "5000 万平方米"
base_year = 2015
year = 2020
binding = false
section = "第三章"
source = "测试"

[[target]]
id = "yellow-cars"
name = "yellow-cars"
indicator = "yellow_cars"
kind = "deadline"
comparison = ">="
value = "100 %"
year = 2017
binding = false
section = "第四章"
source = "测试"
)";

pc::plan test_plan() {
    auto p = pc::load_plan(plan_text, "t.toml");
    if (!p) FAIL("test plan does not load: " << p.error().message.en << " at " << p.error().where.to_string());
    return std::move(p).value();
}

// "indicator year role" per needed value, in order.
std::vector<std::string> listing(const pc::plan& p, const std::vector<pc::needed_value>& values) {
    std::vector<std::string> out;
    for (const pc::needed_value& v : values)
        out.push_back(p.indicators[v.indicator_index].id + " " + std::to_string(v.year) + " " +
                      std::string(pc::to_string(v.role)));
    return out;
}

pc::observation_set read_csv(const pc::plan& p, const std::string& text, pc::diagnostics* problems = nullptr) {
    pc::observation_reader reader(p, {});
    reader.read(pc::csv::from_string(text), "template.csv");
    if (problems != nullptr) *problems = reader.problems();
    REQUIRE_FALSE(reader.failed());
    return std::move(reader).finish();
}

// Fills every empty value cell of a template (the fourth field) with `value`.
std::string fill(const std::string& csv_text, const std::string& value) {
    std::istringstream in(csv_text);
    std::string line;
    std::string out;
    bool header = true;
    while (std::getline(in, line)) {
        if (!header) {
            const auto pos = line.find(",,");
            REQUIRE(pos != std::string::npos);
            line.insert(pos + 1, value);
        }
        header = false;
        out += line + "\n";
    }
    return out;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("values_needed in the target year: values, unstated bases and every yearly flow", "[template]") {
    const pc::plan p = test_plan();
    const auto needed = pc::values_needed(p, 2020);
    CHECK(listing(p, needed) == std::vector<std::string>{
                                    "cod 2020 actual",            // the cap's base is stated, and not needed in 2020
                                    "service_share 2020 actual",  //
                                    "intensity 2015 base",        // a cut needs its base; the plan gives none
                                    "intensity 2020 actual",      //
                                    "retrofit 2016 yearly flow",  // the sum runs over 2016…2020
                                    "retrofit 2017 yearly flow",  //
                                    "retrofit 2018 yearly flow",  //
                                    "retrofit 2019 yearly flow",  //
                                    "retrofit 2020 yearly flow",  //
                                    "yellow_cars 2020 actual",    // after the deadline: only the level
                                });
    for (const pc::needed_value& v : needed) CHECK(v.region == region);
    // Each value names the targets that need it.
    CHECK(needed[2].targets == std::vector<std::size_t>{2});
    CHECK(needed[4].targets == std::vector<std::size_t>{3});
}

TEST_CASE("values_needed in interim years: the path needs bases, the sum stops at the year", "[template]") {
    const pc::plan p = test_plan();
    // 2018: the cap and the floor draw their path from the plan's 2015 values; the deadline has passed.
    CHECK(listing(p, pc::values_needed(p, 2018)) == std::vector<std::string>{
                                                        "cod 2018 actual",
                                                        "service_share 2018 actual",
                                                        "intensity 2015 base",
                                                        "intensity 2018 actual",
                                                        "retrofit 2016 yearly flow",
                                                        "retrofit 2017 yearly flow",
                                                        "retrofit 2018 yearly flow",
                                                        "yellow_cars 2018 actual",
                                                    });
    // 2016: before the 2017 deadline, its path starts at the plan's base year, which the plan
    // does not state for this indicator.
    CHECK(listing(p, pc::values_needed(p, 2016)) == std::vector<std::string>{
                                                        "cod 2016 actual",
                                                        "service_share 2016 actual",
                                                        "intensity 2015 base",
                                                        "intensity 2016 actual",
                                                        "retrofit 2016 yearly flow",
                                                        "yellow_cars 2015 base",
                                                        "yellow_cars 2016 actual",
                                                    });
    // Nothing can be judged in the base year itself.
    CHECK(pc::values_needed(p, 2015).empty());
    // After the target year a cumulative sum still ends at the target year.
    const auto later = listing(p, pc::values_needed(p, 2021));
    CHECK(std::count(later.begin(), later.end(), "retrofit 2020 yearly flow") == 1);
    CHECK(std::count(later.begin(), later.end(), "retrofit 2021 yearly flow") == 0);
}

TEST_CASE("statistics_template writes the long format, value empty, in declared units", "[template]") {
    const pc::plan p = test_plan();
    CHECK(pc::statistics_template(p, 2020, "内蒙古") ==  // any spelling of the region; rows carry the canonical name
          "region,indicator,year,value,unit\n"
          "内蒙古自治区,cod,2020,,万吨\n"
          "内蒙古自治区,service_share,2020,,%\n"
          "内蒙古自治区,intensity,2015,,吨标准煤/万元\n"
          "内蒙古自治区,intensity,2020,,吨标准煤/万元\n"
          "内蒙古自治区,retrofit,2016,,万平方米\n"
          "内蒙古自治区,retrofit,2017,,万平方米\n"
          "内蒙古自治区,retrofit,2018,,万平方米\n"
          "内蒙古自治区,retrofit,2019,,万平方米\n"
          "内蒙古自治区,retrofit,2020,,万平方米\n"
          "内蒙古自治区,yellow_cars,2020,,%\n");
    SECTION("in Chinese: Chinese header and names, which read back as the same indicators") {
        const std::string zh = pc::statistics_template(p, 2020, region, pc::language::zh);
        CHECK(zh.rfind("地区,指标,年份,数值,单位\n", 0) == 0);
        CHECK(zh.find("内蒙古自治区,化学需氧量排放量,2020,,万吨\n") != std::string::npos);
        const std::string filled = fill(zh, "1");
        const auto data = read_csv(p, filled);
        CHECK(data.size() == 10);
    }
    SECTION("no target of the region can be judged: only the header") {
        CHECK(pc::statistics_template(p, 2015, region) == "region,indicator,year,value,unit\n");
        CHECK(pc::statistics_template(p, 2020, "呼和浩特市") == "region,indicator,year,value,unit\n");
    }
}

TEST_CASE("a league's template asks for its base values: the plan's apply to its own region only", "[template]") {
    const pc::plan base = test_plan();
    auto loaded = pc::with_regional_targets(
        base,
        pc::csv::from_string("region,indicator,kind,value,unit,base_year,target_year\n"
                             "呼和浩特市,cod,change_vs_base,-5,%,2015,2020\n"),
        "regional.csv");
    REQUIRE(loaded.has_value());
    const pc::plan& p = loaded->with_regions;
    CHECK(pc::statistics_template(p, 2020, "Hohhot") ==
          "region,indicator,year,value,unit\n"
          "呼和浩特市,cod,2015,,万吨\n"
          "呼和浩特市,cod,2020,,万吨\n");
    // Without a region filter, values_needed covers both regions, the plan's own first.
    const auto all = pc::values_needed(p, 2020);
    REQUIRE(all.size() == 12);
    CHECK(all.front().region == region);
    CHECK(all.back().region == "呼和浩特市");
}

TEST_CASE("an unfilled template reads without error and gives no data for every target", "[template]") {
    const pc::plan p = test_plan();
    pc::diagnostics problems;
    const auto data = read_csv(p, pc::statistics_template(p, 2020, region), &problems);
    CHECK(data.size() == 0);
    REQUIRE(problems.size() == 10);  // one note per empty row: nothing is dropped silently
    for (const pc::error& e : problems) {
        CHECK(e.code == pc::error_code::row_ignored);
        CHECK(e.level == pc::severity::note);
    }
    pc::evaluation_options opts;
    opts.year = 2020;
    const auto ev = pc::evaluate(p, data, opts);
    REQUIRE(ev.results.size() == p.targets.size());
    for (const pc::target_result& r : ev.results) CHECK(r.verdict == status::no_data);
    CHECK(ev.summary.all.evaluated == 0);
    CHECK_FALSE(ev.summary.all.compliance().has_value());
}

TEST_CASE("a filled template leaves no target without data", "[template]") {
    const pc::plan p = test_plan();
    for (const int year : {2016, 2018, 2020}) {
        INFO(year);
        const auto data = read_csv(p, fill(pc::statistics_template(p, year, region), "50"));
        pc::evaluation_options opts;
        opts.year = year;
        for (const pc::target_result& r : pc::evaluate(p, data, opts).results) {
            INFO(p.targets[r.target_index].id << ": " << r.reason.en);
            CHECK(pc::is_evaluated(r.verdict));
        }
    }
}

TEST_CASE("on the shipped plan, values_needed is exactly what evaluation misses", "[template][shipped]") {
    auto loaded = pc::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(loaded.has_value());
    const pc::plan& p = *loaded;

    SECTION("the 2020 template: every row reads back, and unfilled every target has no data") {
        const std::string tpl = pc::statistics_template(p, 2020, p.info.region.zh);
        const auto needed = pc::values_needed(p, 2020, p.info.region.zh);
        CHECK(std::count(tpl.begin(), tpl.end(), '\n') == static_cast<long>(needed.size()) + 1);
        const auto empty = read_csv(p, tpl);
        CHECK(empty.size() == 0);
        for (const pc::target_result& r : pc::evaluate(p, empty, {}).results) CHECK(r.verdict == status::no_data);
        const auto full = read_csv(p, fill(tpl, "1"));
        CHECK(full.size() == needed.size());
        for (const pc::target_result& r : pc::evaluate(p, full, {}).results) {
            INFO(p.targets[r.target_index].id << ": " << r.reason.en);
            CHECK(r.verdict != status::no_data);
        }
    }

    SECTION("dropping one row of the 2020 example: the targets without data are those needing it") {
        const std::string example = read_text(std::string(PLANCHECK_SOURCE_DIR) + "/examples/nmg-2020-illustrative.csv");
        std::vector<std::string> lines;
        std::istringstream in(example);
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        REQUIRE(lines.size() > 100);
        const auto needed = pc::values_needed(p, 2020);
        for (std::size_t drop = 1; drop < lines.size(); ++drop) {
            std::string text;
            for (std::size_t k = 0; k < lines.size(); ++k)
                if (k != drop) text += lines[k] + "\n";
            const auto data = read_csv(p, text);
            std::set<std::size_t> expected;
            for (const pc::needed_value& v : needed) {
                const auto r = data.region_index(v.region);
                if (!r || data.find(*r, v.indicator_index, v.year) == nullptr)
                    expected.insert(v.targets.begin(), v.targets.end());
            }
            std::set<std::size_t> without_data;
            pc::evaluation_options opts;
            opts.year = 2020;
            for (const pc::target_result& r : pc::evaluate(p, data, opts).results)
                if (r.verdict == status::no_data) without_data.insert(r.target_index);
            INFO("without line " << drop + 1 << ": " << lines[drop]);
            CHECK(without_data == expected);
        }
    }
}
