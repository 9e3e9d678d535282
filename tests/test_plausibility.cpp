// Submission checks: completeness, shares outside 0–100 %, negative amounts, jumps between
// consecutive years, and values compared across years on different price bases or from
// different data vintages — each at the cell of the value concerned, warnings by default and
// errors under strict; and their place in run_check (strict: nothing evaluated).

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "plancheck/check.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/plausibility.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/text.hpp"

namespace {

namespace pc = plancheck;

const std::string region = "内蒙古自治区";

const std::string plan_text = R"(format = 1
[plan]
id = "t"
title = { zh = "测试规划", en = "Test plan" }
document = "测试〔2018〕1号"
region = { zh = "内蒙古自治区", en = "Inner Mongolia Autonomous Region" }
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
id = "coal_share"
name = { zh = "煤炭消费比重", en = "Coal share" }
unit = "%"

[[indicator.base]]
year = 2015
value = "82.9 %"
section = "第一章 第二节"
source = "煤炭消费占比仍高达82.9%"

[[indicator]]
id = "completion"
name = { zh = "节能任务完成率", en = "Energy-saving task completion" }
unit = "%"

[[indicator]]
id = "intensity"
name = { zh = "单位GDP能耗", en = "Energy intensity" }
unit = "吨标准煤/万元"

[[indicator]]
id = "energy"
name = { zh = "能源消费总量", en = "Total energy consumption" }
unit = "万吨标准煤"

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
id = "coal-share"
name = "coal-share"
indicator = "coal_share"
kind = "at_most"
comparison = "<="
value = "75 %"
base_year = 2015
year = 2020
binding = false
section = "第二章"
source = "测试"

[[target]]
id = "completion"
name = "completion"
indicator = "completion"
kind = "at_least"
comparison = ">="
value = "113 %"
approximate = true
year = 2020
binding = false
section = "第三章"
source = "预期实现节能任务的113%左右"

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
id = "energy-cap"
name = "energy-cap"
indicator = "energy"
kind = "at_most"
comparison = "<="
value = "22500 万吨标准煤"
year = 2020
binding = true
section = "第二章"
source = "测试"
)";

pc::plan test_plan() {
    auto p = pc::load_plan(plan_text, "t.toml");
    if (!p) FAIL("test plan does not load: " << p.error().message.en << " at " << p.error().where.to_string());
    return std::move(p).value();
}

const std::string header = "region,indicator,year,value,unit,price_base,vintage\n";

// One row of the plan's region.
std::string row(const std::string& indicator, int year, const std::string& value, const std::string& unit,
                const std::string& price_base = "", const std::string& vintage = "") {
    return region + "," + indicator + "," + std::to_string(year) + "," + value + "," + unit + "," + price_base + "," +
           vintage + "\n";
}

// Every value the targets need in 2020, plausible: no finding.
std::string complete_2020() {
    return row("cod", 2020, "76", "万吨") + row("coal_share", 2020, "74", "%") + row("completion", 2020, "111.6", "%") +
           row("intensity", 2015, "1.0", "吨标准煤/万元") + row("intensity", 2020, "0.85", "吨标准煤/万元") +
           row("energy", 2020, "22000", "万吨标准煤");
}

pc::observation_set read_rows(const pc::plan& p, const std::string& rows) {
    pc::observation_reader reader(p, {});
    reader.read(pc::csv::from_string(header + rows), "data.csv");
    if (reader.failed()) FAIL("test data does not read: " << reader.problems().front().format(pc::language::en));
    return std::move(reader).finish();
}

// Line and column of the value cell of data row `n` (1-based, after the header).
pc::origin value_cell(const std::string& rows, int n) {
    std::size_t start = 0;
    for (int k = 1; k < n; ++k) start = rows.find('\n', start) + 1;
    std::size_t pos = start;
    for (int commas = 0; commas < 3; ++pos)
        if (rows[pos] == ',') ++commas;
    return pc::origin{"data.csv", static_cast<std::uint32_t>(n + 1),
                      static_cast<std::uint32_t>(pc::text::count_code_points(rows.substr(start, pos - start)) + 1)};
}

std::vector<pc::error> of_level(const pc::diagnostics& d, pc::severity level) {
    std::vector<pc::error> out;
    std::copy_if(d.begin(), d.end(), std::back_inserter(out), [&](const pc::error& e) { return e.level == level; });
    return out;
}

pc::plausibility_options in_2020() {
    pc::plausibility_options o;
    o.year = 2020;
    return o;
}

}  // namespace

TEST_CASE("plausible, complete data gives no finding", "[plausibility]") {
    const pc::plan p = test_plan();
    CHECK(pc::plausibility_findings(p, read_rows(p, complete_2020()), in_2020()).empty());
}

TEST_CASE("completeness: one finding listing the values the targets need, a note unless require_all", "[plausibility]") {
    const pc::plan p = test_plan();
    const std::string rows = row("cod", 2020, "76", "万吨") + row("energy", 2020, "22000", "万吨标准煤");
    const auto data = read_rows(p, rows);
    auto opts = in_2020();
    const auto findings = pc::plausibility_findings(p, data, opts);
    REQUIRE(findings.size() == 1);
    const pc::error& e = findings.front();
    CHECK(e.code == pc::error_code::plausibility);
    CHECK(e.level == pc::severity::note);
    CHECK(e.where.to_string() == "data.csv");
    CHECK(e.message.en ==
          "incomplete for 2020: 4 of the 6 values the targets need are missing, so 3 targets cannot be judged: "
          "内蒙古自治区: coal_share 2020, completion 2020, intensity 2015 (base), intensity 2020");
    CHECK(e.message.zh ==
          "2020 年数据不完整：目标所需的 6 个数值中缺少 4 个，3 项目标无法评价：内蒙古自治区：煤炭消费比重 2020，"
          "节能任务完成率 2020，单位GDP能耗 2015（基年），单位GDP能耗 2020");

    opts.require_all = true;
    CHECK(pc::plausibility_findings(p, data, opts).front().level == pc::severity::warning);
    opts.strict = true;  // strict is about suspicious values, not missing ones
    CHECK(pc::plausibility_findings(p, data, opts).front().level == pc::severity::warning);

    SECTION("the evaluated year is the latest with data unless one is given") {
        const auto later = read_rows(p, complete_2020() + row("cod", 2019, "77", "万吨"));
        CHECK(pc::plausibility_findings(p, later, {}).empty());
        pc::plausibility_options y2019;
        y2019.year = 2019;
        const auto f = pc::plausibility_findings(p, later, y2019);
        REQUIRE_FALSE(f.empty());
        CHECK(f.front().message.en.rfind("incomplete for 2019: ", 0) == 0);
    }
    SECTION("only the targets of the region asked for") {
        pc::plausibility_options elsewhere = in_2020();
        elsewhere.region = "呼和浩特市";
        CHECK(pc::plausibility_findings(p, data, elsewhere).empty());
    }
}

TEST_CASE("a share outside 0-100% is a finding at its cell, unless the plan's own figures exceed 100", "[plausibility]") {
    const pc::plan p = test_plan();
    std::string rows = complete_2020();
    rows.replace(rows.find(",74,"), 4, ",120,");
    const auto findings = pc::plausibility_findings(p, read_rows(p, rows), in_2020());
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].level == pc::severity::warning);
    CHECK(findings[0].where.to_string() == value_cell(rows, 2).to_string());
    CHECK(findings[0].message.en == "coal_share of 内蒙古自治区 in 2020 is 120%: a share lies between 0% and 100%");
    CHECK(findings[0].format(pc::language::en) ==
          value_cell(rows, 2).to_string() + ": warning[W-PLAUSIBILITY]: " + findings[0].message.en);

    SECTION("a completion rate may exceed 100 (its target is 113%), not fall below 0") {
        std::string over = complete_2020();
        over.replace(over.find(",111.6,"), 7, ",140,");
        CHECK(pc::plausibility_findings(p, read_rows(p, over), in_2020()).empty());
        std::string negative = complete_2020();
        negative.replace(negative.find(",111.6,"), 7, ",-3,");
        const auto f = pc::plausibility_findings(p, read_rows(p, negative), in_2020());
        REQUIRE(f.size() == 1);
        CHECK(f[0].where.to_string() == value_cell(negative, 3).to_string());
    }
    SECTION("strict: an error") {
        auto opts = in_2020();
        opts.strict = true;
        const auto strict = pc::plausibility_findings(p, read_rows(p, rows), opts);
        REQUIRE(strict.size() == 1);
        CHECK(strict[0].level == pc::severity::error);
        CHECK(strict[0].format(pc::language::en).find(": error[E-PLAUSIBILITY]: ") != std::string::npos);
    }
}

TEST_CASE("a negative amount is a finding", "[plausibility]") {
    const pc::plan p = test_plan();
    std::string rows = complete_2020();
    rows.replace(rows.find(",76,"), 4, ",-76,");
    const auto findings = pc::plausibility_findings(p, read_rows(p, rows), in_2020());
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].where.to_string() == value_cell(rows, 1).to_string());
    CHECK(findings[0].message.en == "cod of 内蒙古自治区 in 2020 is negative (-76 万吨): an amount of mass cannot be");
}

TEST_CASE("a change between consecutive years beyond the bound is a finding at the later value", "[plausibility]") {
    const pc::plan p = test_plan();
    // +55 % from 2019 to 2020; 2017 → 2019 is not consecutive and is not looked at.
    const std::string rows = complete_2020() + row("energy", 2019, "14193.55", "万吨标准煤") +
                             row("energy", 2017, "5000", "万吨标准煤");
    const auto data = read_rows(p, rows);
    const auto findings = pc::plausibility_findings(p, data, in_2020());
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].where.to_string() == value_cell(rows, 6).to_string());
    CHECK(findings[0].message.en ==
          "energy of 内蒙古自治区 changes by +55.0% from 2019 (14193.55 万吨标准煤, at " + value_cell(rows, 7).to_string() +
          ") to 2020 (22000 万吨标准煤), more than the ±50% expected in a year (--max-yoy-change)");

    auto wider = in_2020();
    wider.max_yoy_change = 60.0 * pc::units::per_cent;
    CHECK(pc::plausibility_findings(p, data, wider).empty());

    SECTION("a share moves in percentage points, not relative to itself") {
        // 20 → 74: +54 points; 40 → 74 (+34 points, +85 %) passes the default bound of 50.
        const auto jump = read_rows(p, complete_2020() + row("coal_share", 2019, "20", "%"));
        const auto f = pc::plausibility_findings(p, jump, in_2020());
        REQUIRE(f.size() == 1);
        CHECK(f[0].message.en.find("moves by +54.0 percentage points from 2019") != std::string::npos);
        auto narrow = in_2020();
        narrow.max_yoy_change = 30.0 * pc::units::per_cent;
        CHECK(pc::plausibility_findings(p, read_rows(p, complete_2020() + row("coal_share", 2019, "40", "%")), narrow)
                  .size() == 1);
        CHECK(pc::plausibility_findings(p, read_rows(p, complete_2020() + row("coal_share", 2019, "40", "%")),
                                        in_2020())
                  .empty());
    }
}

TEST_CASE("values compared across years on different price bases, or from different vintages", "[plausibility]") {
    const pc::plan p = test_plan();
    const std::string others = row("cod", 2020, "76", "万吨") + row("coal_share", 2020, "74", "%") +
                               row("completion", 2020, "111.6", "%") + row("energy", 2020, "22000", "万吨标准煤");

    SECTION("one price basis: nothing") {
        const std::string rows = others + row("intensity", 2015, "1.0", "吨标准煤/万元", "2010") +
                                 row("intensity", 2020, "0.85", "吨标准煤/万元", "2010");
        CHECK(pc::plausibility_findings(p, read_rows(p, rows), in_2020()).empty());
    }
    SECTION("different price bases: a warning at the evaluated year's value, naming both") {
        const std::string rows = others + row("intensity", 2015, "1.0", "吨标准煤/万元", "2010") +
                                 row("intensity", 2020, "0.85", "吨标准煤/万元", "2015");
        const auto findings = pc::plausibility_findings(p, read_rows(p, rows), in_2020());
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == pc::severity::warning);
        CHECK(findings[0].where.to_string() == value_cell(rows, 6).to_string());
        CHECK(findings[0].message.en ==
              "intensity of 内蒙古自治区 is compared across years on different constant-price bases (2015: 2010 prices (" +
                  value_cell(rows, 5).to_string() + "); 2020: 2015 prices (" + value_cell(rows, 6).to_string() +
                  ")): values on different price bases are not comparable; restate them on one basis");
        auto strict = in_2020();
        strict.strict = true;
        CHECK(pc::plausibility_findings(p, read_rows(p, rows), strict).front().level == pc::severity::error);
    }
    SECTION("a basis given for one year only: nothing to compare") {
        const std::string rows = others + row("intensity", 2015, "1.0", "吨标准煤/万元", "2010") +
                                 row("intensity", 2020, "0.85", "吨标准煤/万元");
        CHECK(pc::plausibility_findings(p, read_rows(p, rows), in_2020()).empty());
    }
    SECTION("different vintages: a note, even under strict") {
        const std::string rows = others + row("intensity", 2015, "1.0", "吨标准煤/万元", "", "2016年统计年鉴") +
                                 row("intensity", 2020, "0.85", "吨标准煤/万元", "", "2021年快报");
        auto strict = in_2020();
        strict.strict = true;
        const auto findings = pc::plausibility_findings(p, read_rows(p, rows), strict);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == pc::severity::note);
        CHECK(findings[0].where.to_string() == value_cell(rows, 6).to_string());
        CHECK(findings[0].message.en.find("different data releases (2015: 2016年统计年鉴 (") != std::string::npos);
    }
}

TEST_CASE("run_check: findings follow the reader's; strict stops evaluation", "[plausibility][check]") {
    const pc::plan p = test_plan();
    std::string rows = complete_2020();
    rows.replace(rows.find(",74,"), 4, ",120,");
    const auto dir = std::filesystem::temp_directory_path() / "plancheck-test-plausibility.csv";
    {
        std::ofstream out(dir, std::ios::binary);
        out << header << rows;
    }
    pc::check_request req;
    req.inputs = {dir.string()};
    SECTION("by default a warning, and the data is evaluated") {
        const auto out = pc::run_check(p, req);
        CHECK_FALSE(out.input_failed);
        REQUIRE(out.ev.has_value());
        REQUIRE(of_level(out.findings, pc::severity::warning).size() == 1);
        CHECK(of_level(out.findings, pc::severity::warning)[0].code == pc::error_code::plausibility);
    }
    SECTION("strict: an error, nothing evaluated") {
        req.plausibility.strict = true;
        const auto out = pc::run_check(p, req);
        CHECK(out.input_failed);
        CHECK_FALSE(out.ev.has_value());
        CHECK(of_level(out.findings, pc::severity::error).size() == 1);
    }
    SECTION("the completeness check looks at the evaluation's year and region") {
        req.evaluation.year = 2019;
        req.evaluation.require_all = true;
        const auto out = pc::run_check(p, req);
        const auto warnings = of_level(out.findings, pc::severity::warning);
        REQUIRE_FALSE(warnings.empty());
        CHECK(warnings.front().message.en.rfind("incomplete for 2019: ", 0) == 0);
    }
    std::filesystem::remove(dir);
}

TEST_CASE("the shipped examples are plausible", "[plausibility][shipped]") {
    auto p = pc::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(p.has_value());
    for (const char* name : {"nmg-2016-illustrative.csv", "nmg-2018-illustrative.csv", "nmg-2020-illustrative.csv"}) {
        pc::observation_reader reader(*p, {});
        reader.read_file(std::string(PLANCHECK_SOURCE_DIR) + "/examples/" + name);
        REQUIRE_FALSE(reader.failed());
        const auto data = std::move(reader).finish();
        const auto findings = pc::plausibility_findings(*p, data, {});
        std::string listed;
        for (const pc::error& e : findings) listed += e.format(pc::language::en) + "\n";
        INFO(name << ":\n" << listed);
        CHECK(of_level(findings, pc::severity::warning).empty());
        CHECK(of_level(findings, pc::severity::error).empty());
    }
}

TEST_CASE("a value tenfold off the plan's base value or the file's other years is a finding naming both (issue 17)",
          "[plausibility][magnitude]") {
    const pc::plan p = test_plan();
    SECTION("75.92 t for 75.92 万吨: 11 006 times below the plan's 2015 value") {
        std::string rows = complete_2020();
        const std::string was = ",76,万吨";
        rows.replace(rows.find(was), was.size(), ",75.92,吨");
        const auto findings = pc::plausibility_findings(p, read_rows(p, rows), in_2020());
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].code == pc::error_code::plausibility);
        CHECK(findings[0].level == pc::severity::warning);
        CHECK(findings[0].where.to_string() == value_cell(rows, 1).to_string());
        CHECK(findings[0].message.en ==
              "cod of 内蒙古自治区 in 2020 is 0.007592 万吨, 11006 times below the plan's 2015 value (83.56 万吨): a "
              "factor of about 10^4: is a 万 missing from the unit?");
        auto strict = in_2020();
        strict.strict = true;
        const auto refused = pc::plausibility_findings(p, read_rows(p, rows), strict);
        REQUIRE(refused.size() == 1);
        CHECK(refused[0].code == pc::error_code::plausibility_refused);
    }
    SECTION("within tenfold is no finding: a real change, however large") {
        std::string rows = complete_2020();
        const std::string was = ",76,万吨";
        rows.replace(rows.find(was), was.size(), ",9,万吨");
        CHECK(pc::plausibility_findings(p, read_rows(p, rows), in_2020()).empty());
    }
    SECTION("one year of several in another scale, against the median of the file's years") {
        // energy has no base in the test plan: its years are compared with each other.
        const std::string rows = complete_2020() + row("energy", 2016, "19500", "万吨标准煤") +
                                 row("energy", 2017, "2.0", "万吨标准煤") + row("energy", 2018, "20800", "万吨标准煤");
        auto wide = in_2020();
        wide.max_yoy_change = 1e9 * pc::units::per_cent;  // only the magnitude finding
        const auto findings = pc::plausibility_findings(p, read_rows(p, rows), wide);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].where.to_string() == value_cell(rows, 8).to_string());
        CHECK(findings[0].message.en.find("is 2 万吨标准煤, 10400 times below the median of its years in the file "
                                          "(20800 万吨标准煤)") != std::string::npos);
    }
}
