// Merging JSON reports: shards that are independent (per league/city, per region) merge into
// exactly the report of one run over all their files — same results, same summary; identical
// results collapse; contradictions, other plans, other options and texts that are not reports
// are refused with a stable code.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "catch.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/evaluate.hpp"
#include "plancheck/merge.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/regional.hpp"
#include "plancheck/report.hpp"
#include "plancheck/rule_loader.hpp"

namespace {

namespace pc = plancheck;
using json = nlohmann::json;

const std::string plan_text = R"(format = 1
[plan]
id = "t"
title = { zh = "测试规划", en = "Test plan" }
document = "测试〔2018〕1号"
region = { zh = "内蒙古自治区", en = "Inner Mongolia Autonomous Region" }
subregions = [{ zh = "呼和浩特市", en = "Hohhot" }, { zh = "包头市", en = "Baotou" }]
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
id = "energy-increment"
name = "energy-increment"
indicator = "energy"
kind = "increment_at_most"
comparison = "<="
value = "3570 万吨标准煤"
base_year = 2015
year = 2020
binding = true
section = "第二章"
source = "测试"
)";

// The plan with each league's targets: a COD cut (expected) and an energy increment (binding).
pc::plan regional_plan() {
    auto p = pc::load_plan(plan_text, "t.toml");
    if (!p) FAIL("test plan does not load: " << p.error().message.en);
    auto with = pc::with_regional_targets(*p,
                                          pc::csv::from_string("region,indicator,kind,value,unit,base_year,target_year,binding\n"
                                                               "呼和浩特市,cod,change_vs_base,-6,%,2015,2020,false\n"
                                                               "包头市,cod,change_vs_base,-8,%,2015,2020,false\n"
                                                               "呼和浩特市,energy,increment_at_most,300,万吨标准煤,2015,2020,true\n"
                                                               "包头市,energy,increment_at_most,500,万吨标准煤,2015,2020,true\n"),
                                          "regional.csv");
    if (!with) FAIL("regional table does not load: " << with.error().message.en);
    return std::move(with->with_regions);
}

const std::string header = "region,indicator,year,value,unit\n";

// Hohhot 2015–2020 with the region's own COD; Baotou only up to 2019 (its latest year differs).
const std::string hohhot = header +
                           "呼和浩特市,cod,2015,5.0,万吨\n"
                           "呼和浩特市,cod,2016,4.9,万吨\n"
                           "呼和浩特市,cod,2018,4.8,万吨\n"
                           "呼和浩特市,cod,2020,4.6,万吨\n"
                           "呼和浩特市,energy,2015,2000,万吨标准煤\n"
                           "呼和浩特市,energy,2020,2350,万吨标准煤\n"
                           "内蒙古自治区,cod,2016,82,万吨\n"
                           "内蒙古自治区,cod,2020,76,万吨\n";
const std::string baotou = header +
                           "包头市,cod,2015,8.0,万吨\n"
                           "包头市,cod,2017,7.7,万吨\n"
                           "包头市,cod,2019,7.3,万吨\n"
                           "包头市,energy,2015,3000,万吨标准煤\n"
                           "包头市,energy,2017,3200,万吨标准煤\n";

struct named {
    std::string name;
    std::string content;
};

// The JSON report of one run over `files`, as `plancheck check --format json` writes it.
std::string run_report(const pc::plan& p, const std::vector<named>& files, bool every_year = true,
                       bool require_all = false) {
    pc::observation_reader reader(p, {});
    for (const named& f : files) reader.read(pc::csv::from_string(f.content), f.name);
    if (reader.failed()) FAIL("data does not read: " << reader.problems().front().format(pc::language::en));
    const pc::diagnostics findings = reader.problems();
    const pc::observation_set data = std::move(reader).finish();
    pc::evaluation_options opts;
    opts.every_year = every_year;
    opts.require_all = require_all;
    const pc::evaluation ev = pc::evaluate(p, data, opts);
    pc::run_info run;
    run.version = "test";
    run.fail_under = 100.0;
    run.options = {{"all_years", every_year ? "true" : "false"}, {"inputs", "…"}};
    const pc::report_context ctx{p, ev, data, findings, 0, pc::language::en, false, false, false, run};
    return pc::render_json(ctx);
}

// Results ordered by target, region and year (the order one run gives them in).
json sorted_results(const json& report) {
    std::vector<json> r(report.at("results").begin(), report.at("results").end());
    std::stable_sort(r.begin(), r.end(), [](const json& a, const json& b) {
        return std::tie(a.at("target").get_ref<const std::string&>(), a.at("region").get_ref<const std::string&>()) <
                   std::tie(b.at("target").get_ref<const std::string&>(), b.at("region").get_ref<const std::string&>()) ||
               (a.at("target") == b.at("target") && a.at("region") == b.at("region") &&
                a.at("year").get<int>() < b.at("year").get<int>());
    });
    return json(r);
}

pc::merged_report merged_ok(const std::vector<pc::report_text>& reports) {
    auto m = pc::merge_reports(reports);
    if (!m) FAIL("merge failed: " << m.error().format(pc::language::en));
    return std::move(m).value();
}

}  // namespace

TEST_CASE("shards per league merge into exactly the report of one run", "[merge]") {
    const pc::plan p = regional_plan();
    const std::string a = run_report(p, {{"hohhot.csv", hohhot}});
    const std::string b = run_report(p, {{"baotou.csv", baotou}});
    const json one = json::parse(run_report(p, {{"hohhot.csv", hohhot}, {"baotou.csv", baotou}}));

    const pc::merged_report m = merged_ok({{"a.json", a}, {"b.json", b}});
    const json merged = json::parse(m.document);
    CHECK(merged.at("schema") == "plancheck-report/1");
    CHECK(merged.at("summary") == one.at("summary"));
    CHECK(sorted_results(merged) == sorted_results(one));
    CHECK(merged.at("results") == one.at("results"));  // already in one run's order
    CHECK(merged.at("run").at("plan") == one.at("run").at("plan"));
    CHECK(merged.at("run").at("inputs") == one.at("run").at("inputs"));
    CHECK(merged.at("run").at("options").at("merged_from") == "a.json b.json");
    CHECK(merged.at("not_encoded") == one.at("not_encoded"));

    // The figures of the summary, to know what was compared: 6 targets; the run's latest year is
    // 2020, where Baotou and the region's energy have no data.
    const json& s = merged.at("summary");
    CHECK(s.at("results") == 6);
    CHECK(s.at("year") == 2020);
    CHECK(s.at("years") == json({2016, 2017, 2018, 2019, 2020}));
    CHECK(m.summary.all.results == 6);
    CHECK(m.summary.all.no_data == 3);
    CHECK(m.summary.all.evaluated == 3);
    CHECK(m.summary.by_region.size() == 3);
    CHECK(m.reports == 2);
    CHECK(m.superseded > 0);  // the no-data results of each shard's own latest year
    CHECK(m.years == std::vector<int>{2016, 2017, 2018, 2019, 2020});

    SECTION("in either order") {
        const json reversed = json::parse(merged_ok({{"b.json", b}, {"a.json", a}}).document);
        CHECK(reversed.at("summary") == one.at("summary"));
        CHECK(reversed.at("results") == one.at("results"));
    }
    SECTION("from a --per-file bundle") {
        const json bundle{{"schema", "plancheck-reports/1"}, {"reports", {json::parse(a), json::parse(b)}}, {"failed", json::array()}};
        const json from_bundle = json::parse(merged_ok({{"all.json", bundle.dump()}}).document);
        CHECK(from_bundle.at("summary") == one.at("summary"));
        CHECK(from_bundle.at("results") == one.at("results"));
    }
    SECTION("with --require-all") {
        const std::string ra = run_report(p, {{"hohhot.csv", hohhot}}, true, true);
        const std::string rb = run_report(p, {{"baotou.csv", baotou}}, true, true);
        const json all = json::parse(run_report(p, {{"hohhot.csv", hohhot}, {"baotou.csv", baotou}}, true, true));
        const pc::merged_report mr = merged_ok({{"a.json", ra}, {"b.json", rb}});
        CHECK(json::parse(mr.document).at("summary") == all.at("summary"));
        CHECK(mr.summary.all.evaluated == 6);
        CHECK(mr.require_all);
    }
    SECTION("the text rendering ends with the compliance line of one run") {
        const std::string text = pc::render_merged_text(m, pc::language::en);
        CHECK(text.rfind("Test plan [t]\nMerged from 2 reports · years 2016–2020\n", 0) == 0);
        CHECK(text.find("cod-change_vs_base@呼和浩特市") != std::string::npos);
        const auto c = m.summary.all.compliance();
        REQUIRE(c.has_value());
        CHECK(text.find(fmt::format("compliance: {}/{} targets met ({:.1f}%)", m.summary.all.met, m.summary.all.evaluated,
                                    c->value())) != std::string::npos);
        CHECK(text.find(" · no data 3\n") != std::string::npos);
        CHECK(pc::render_merged_text(m, pc::language::zh).find("达标率：") != std::string::npos);
    }
}

TEST_CASE("identical results collapse: a report merged with itself is itself", "[merge]") {
    const pc::plan p = regional_plan();
    const std::string a = run_report(p, {{"hohhot.csv", hohhot}, {"baotou.csv", baotou}});
    const pc::merged_report m = merged_ok({{"a.json", a}, {"again.json", a}});
    const json one = json::parse(a);
    const json merged = json::parse(m.document);
    CHECK(merged.at("summary") == one.at("summary"));
    CHECK(merged.at("results") == one.at("results"));
    CHECK(m.collapsed == one.at("results").size());
    CHECK(merged.at("run").at("inputs").size() == 2 * one.at("run").at("inputs").size());
}

TEST_CASE("two different results for one target, region and year are an error", "[merge]") {
    const pc::plan p = regional_plan();
    std::string other = hohhot;
    other.replace(other.find("2020,4.6"), 8, "2020,4.9");  // −2 % instead of −8 %: not met
    const auto m = pc::merge_reports({{"a.json", run_report(p, {{"hohhot.csv", hohhot}})},
                                      {"b.json", run_report(p, {{"hohhot-revised.csv", other}})}});
    REQUIRE_FALSE(m.has_value());
    CHECK(m.error().code == pc::error_code::duplicate_conflict);
    CHECK(m.error().where.file == "b.json");
    CHECK(m.error().message.en ==
          "cod-change_vs_base@呼和浩特市 for 呼和浩特市 in 2020: a.json says met (actual -8%), b.json says not met "
          "(actual -2%); the shards are not independent (docs/batch.md)");
}

TEST_CASE("reports of other plans, rule files or options are refused", "[merge]") {
    const pc::plan p = regional_plan();
    const json a = json::parse(run_report(p, {{"hohhot.csv", hohhot}}));

    SECTION("another rule file") {
        json b = a;
        b["run"]["plan"]["rule_file_sha256"] = std::string(64, '0');
        const auto m = pc::merge_reports({{"a.json", a.dump()}, {"b.json", b.dump()}});
        REQUIRE_FALSE(m.has_value());
        CHECK(m.error().code == pc::error_code::plan_unknown);
        CHECK(m.error().where.file == "b.json");
    }
    SECTION("another year") {
        json b = a;
        json c = a;
        b["run"]["options"]["year"] = "2019";
        c["run"]["options"]["year"] = "latest";
        const auto m = pc::merge_reports({{"c.json", c.dump()}, {"b.json", b.dump()}});
        REQUIRE_FALSE(m.has_value());
        CHECK(m.error().code == pc::error_code::usage);
        CHECK(m.error().message.en.find("b.json was made with year = \"2019\", c.json with year = \"latest\"") == 0);
    }
    SECTION("another --require-all") {
        const std::string b = run_report(p, {{"baotou.csv", baotou}}, true, true);
        const auto m = pc::merge_reports({{"a.json", a.dump()}, {"b.json", b}});
        REQUIRE_FALSE(m.has_value());
        CHECK(m.error().code == pc::error_code::usage);
    }
}

TEST_CASE("texts that are not reports are refused, broken JSON with line and column", "[merge]") {
    SECTION("broken JSON") {
        const auto m = pc::merge_reports({{"broken.json", "{\n  \"schema\": x\n}"}});
        REQUIRE_FALSE(m.has_value());
        CHECK(m.error().code == pc::error_code::usage);
        CHECK(m.error().where.to_string() == "broken.json:2:13");
    }
    SECTION("another schema") {
        const auto m = pc::merge_reports({{"other.json", R"({"schema": "something/1"})"}});
        REQUIRE_FALSE(m.has_value());
        CHECK(m.error().code == pc::error_code::usage);
        CHECK(m.error().message.en.rfind("other.json is not a plancheck JSON report", 0) == 0);
    }
    SECTION("a report missing a field") {
        const auto m = pc::merge_reports({{"partial.json", R"({"schema": "plancheck-report/1", "run": {}})"}});
        REQUIRE_FALSE(m.has_value());
        CHECK(m.error().code == pc::error_code::usage);
    }
    SECTION("nothing") {
        const auto m = pc::merge_reports({});
        REQUIRE_FALSE(m.has_value());
        CHECK(m.error().code == pc::error_code::usage);
    }
    SECTION("a file that cannot be read") {
        const auto r = pc::read_report_file("/nonexistent/plancheck/report.json");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == pc::error_code::io);
    }
}
