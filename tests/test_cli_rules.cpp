// End-to-end tests of `plancheck plans`, `plancheck rules` and `plancheck lint`: the real binary
// (PLANCHECK_BINARY), stdout, stderr and the exit code as a user or a CI job sees them.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/text.hpp"

namespace {

using nlohmann::json;
using plancheck_test::run_cli;
using plancheck_test::run_result;

const std::string rule_file_13 = std::string(PLANCHECK_SOURCE_DIR) + "/targets/nmg-13fyp-energy.toml";

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

json parse_json(const std::string& text) {
    json doc = json::parse(text, nullptr, false);
    REQUIRE_FALSE(doc.is_discarded());
    return doc;
}

const std::string small_rule_file = R"([plan]
id = "mini-plan"
title = { zh = "小规划", en = "A small plan" }
document = "测〔2020〕1号"
region = "内蒙古自治区"
base_year = 2015
target_year = 2020

[[indicator]]
id = "emissions.cod"
name = { zh = "化学需氧量排放量", en = "COD emissions" }
unit = "万吨"

[[target]]
id = "cod-cap"
name = "化学需氧量上限"
indicator = "emissions.cod"
kind = "at_most"
value = "77.63 万吨"
binding = true
section = "第二章"
source = "化学需氧量排放量控制在77.63万吨以内"
checklist = [1]
)";

}  // namespace

TEST_CASE("plans lists both shipped plans with document, years and SHA-256", "[cli][plans]") {
    const run_result r = run_cli({"--lang", "en", "plans"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "nmg-13fyp-energy (default)"));
    CHECK(contains(r.out, "nmg-12fyp-pollutants"));
    CHECK(contains(r.out, "内政发〔2018〕12号"));
    CHECK(contains(r.out, "2015 → 2020"));
    CHECK(contains(r.out, "82 (12 binding, 70 expected), 3 not evaluable"));
    CHECK(std::regex_search(r.out, std::regex("sha256 +[0-9a-f]{64}")));

    const run_result zh = run_cli({"--lang", "zh", "plans"});
    CHECK(contains(zh.out, "内蒙古自治区节能减排“十三五”规划"));
}

TEST_CASE("plans lists a plan loaded with --targets, in text and JSON", "[cli][plans]") {
    const plancheck_test::temp_dir dir;
    const std::string file = dir.write("mini.toml", small_rule_file);
    const run_result r = run_cli({"--lang", "en", "plans", "--targets", file});
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "mini-plan"));
    CHECK(contains(r.out, "loaded with --targets"));

    const json doc = parse_json(run_cli({"plans", "--targets", file, "--format", "json"}).out);
    REQUIRE(doc["plans"].size() == 1 + plancheck::shipped_plan_ids().size());
    CHECK(doc["plans"][0]["id"] == "mini-plan");
    CHECK(doc["plans"][0]["shipped"] == false);
    CHECK(doc["plans"][0]["rule_file"] == file);
    CHECK(doc["plans"][0]["targets"] == 1);
    for (const json& p : doc["plans"]) {
        CHECK(p["rule_file_sha256"].get<std::string>().size() == 64);
        for (const char* field : {"id", "title", "document", "region", "base_year", "target_year", "indicators",
                                  "targets", "binding", "expected", "not_evaluable", "rule_file", "shipped", "default"})
            CHECK(p.contains(field));
    }
}

TEST_CASE("rules lists at least 75 targets with the plan's Chinese sentences", "[cli][rules]") {
    const run_result r = run_cli({"--lang", "en", "rules"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto lines = lines_of(r.out);
    std::size_t target_rows = 0;
    for (const std::string& line : lines)
        if (std::regex_search(line, std::regex("  (binding|expected)  "))) ++target_rows;
    CHECK(target_rows >= 75);
    CHECK(contains(r.out, "全区化学需氧量排放量控制在77.63万吨以内"));
    CHECK(contains(r.out, "<= 77.63 万吨"));
    CHECK(contains(r.out, "change <= -7.1 %"));
    CHECK(contains(r.out, "2015: 83.56 万吨"));
    CHECK(contains(r.out, "Not evaluable (3):"));
    CHECK(contains(r.out, "taxi-catalyst-yearly"));
    CHECK(contains(r.out, "82 targets (12 binding, 70 expected), 3 not evaluable"));
}

TEST_CASE("rules aligns its columns by display width, Han characters taking two cells", "[cli][rules]") {
    const run_result r = run_cli({"--lang", "zh", "rules"});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "约束性"));
    // The 原文 column starts at the same display column in the header and in every target row.
    const auto lines = lines_of(r.out);
    const auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("编号", 0) == 0; });
    REQUIRE(header != lines.end());
    const auto width_before = [](const std::string& line, const std::string& marker) -> long {
        const auto at = line.find(marker);
        if (at == std::string::npos) return -1;
        return static_cast<long>(plancheck::text::display_width(line.substr(0, at)));
    };
    const long source_column = width_before(*header, "原文");
    REQUIRE(source_column > 0);
    const std::string cod_cap = "cod-cap ";
    const auto row = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(cod_cap, 0) == 0; });
    REQUIRE(row != lines.end());
    CHECK(width_before(*row, "全区化学需氧量排放量控制在77.63万吨以内") == source_column);
}

TEST_CASE("rules ID shows one target whole with the plan's sentence verbatim", "[cli][rules]") {
    const run_result r = run_cli({"--lang", "en", "rules", "cod-cap"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "cod-cap — COD emissions cap"));
    CHECK(contains(r.out, "emissions.cod — 化学需氧量排放量 / COD emissions"));
    CHECK(contains(r.out, "base year       2015 (the plan states 83.56 万吨)"));
    CHECK(contains(r.out, "binding (约束性)"));
    CHECK(contains(r.out, "2015年自治区化学需氧量排放量83.56万吨"));
    CHECK(contains(r.out, "Source (第二章 第三节 主要目标):\n  全区化学需氧量排放量控制在77.63万吨以内\n"));

    const run_result zh = run_cli({"--lang", "zh", "rules", "cod-cap"});
    CHECK(contains(zh.out, "原文（第二章 第三节 主要目标）："));
}

TEST_CASE("rules with an unknown id exits 2 with a suggestion on stderr and nothing on stdout", "[cli][rules]") {
    const run_result r = run_cli({"--lang", "en", "rules", "cod-cpa"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "error[E-USAGE]: no target \"cod-cpa\" in plan nmg-13fyp-energy (did you mean cod-cap?)"));

    const run_result far = run_cli({"--lang", "en", "rules", "no-such"});
    CHECK(far.exit_code == 2);
    CHECK(far.out.empty());
    CHECK(contains(far.err, "no target \"no-such\""));
}

TEST_CASE("rules --format json has the documented fields", "[cli][rules][json]") {
    const run_result r = run_cli({"rules", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const json doc = parse_json(r.out);
    CHECK(doc["schema"] == "plancheck-rules/1");
    CHECK(doc["plan"]["id"] == "nmg-13fyp-energy");
    CHECK(doc["plan"]["rule_file_sha256"].get<std::string>().size() == 64);
    REQUIRE(doc["targets"].size() >= 75);
    for (const json& t : doc["targets"])
        for (const char* field : {"id", "name", "indicator", "kind", "comparison", "threshold", "condition",
                                  "approximate", "base_year", "base", "year", "binding", "region", "section", "chapter",
                                  "source", "checklist", "path", "note", "origin"})
            CHECK(t.contains(field));
    const auto cod = std::find_if(doc["targets"].begin(), doc["targets"].end(),
                                  [](const json& t) { return t["id"] == "cod-cut"; });
    REQUIRE(cod != doc["targets"].end());
    CHECK((*cod)["kind"] == "change_vs_base");
    CHECK((*cod)["comparison"] == "<=");
    CHECK((*cod)["threshold"]["value"].get<double>() == Approx(-7.1));
    CHECK((*cod)["threshold"]["unit"] == "%");
    CHECK((*cod)["base"]["year"] == 2015);
    CHECK((*cod)["base"]["stated"] == true);
    CHECK((*cod)["base"]["value"].get<double>() == Approx(83.56));
    CHECK((*cod)["binding"] == true);
    CHECK((*cod)["condition"] == "change <= -7.1 %");
    REQUIRE(doc["not_evaluable"].size() == 3);
    for (const json& u : doc["not_evaluable"])
        for (const char* field : {"id", "section", "source", "reason", "checklist", "origin"}) CHECK(u.contains(field));

    const json one = parse_json(run_cli({"rules", "nh3n-cap", "--format", "json"}).out);
    CHECK(one["schema"] == "plancheck-rule/1");
    CHECK(one["target"]["id"] == "nh3n-cap");
    CHECK(one["indicator"]["id"] == "emissions.nh3n");
    REQUIRE(one["indicator"]["bases"].size() == 1);
    CHECK(one["indicator"]["bases"][0]["value"].get<double>() == Approx(4.69));
    CHECK(contains(one["indicator"]["bases"][0]["source"].get<std::string>(), "氨氮排放量4.69万吨"));
}

TEST_CASE("rules --plan and --targets choose the plan", "[cli][rules]") {
    const run_result r12 = run_cli({"--lang", "en", "rules", "--plan", "nmg-12fyp-pollutants"});
    CHECK(r12.exit_code == 0);
    CHECK(contains(r12.out, "8 targets (8 binding, 0 expected), 0 not evaluable"));

    const plancheck_test::temp_dir dir;
    const std::string file = dir.write("mini.toml", small_rule_file);
    const run_result mini = run_cli({"--lang", "en", "rules", "--targets", file});
    CHECK(mini.exit_code == 0);
    CHECK(contains(mini.out, "mini-plan  A small plan"));

    const run_result none = run_cli({"--lang", "en", "rules", "--plan", "nmg-14fyp"});
    CHECK(none.exit_code == 2);
    CHECK(none.out.empty());
    CHECK(contains(none.err, "E-PLAN"));
}

TEST_CASE("lint on the shipped 13th plan loads it and prints both of its inconsistencies", "[cli][lint]") {
    const run_result r = run_cli({"--lang", "en", "lint", rule_file_13});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(std::regex_search(r.out, std::regex("loads: plan nmg-13fyp-energy, [0-9]+ indicators, 82 targets")));
    CHECK(contains(r.out, "warning[W-AUDIT]: nh3n-cap and nh3n-cut disagree: 4.69 万吨 × (1 − 7%) = 4.3617 万吨, "
                          "but the cap is 4.37 万吨 (the cap implies a fall of 6.82%)"));
    CHECK(contains(r.out, "a 3570 万吨标准煤 increment over 5 years from 18930 万吨标准煤"));
    CHECK(contains(r.out, "is 3.516%/yr, above the stated < 3.5%"));
    // Findings point into the rule file.
    CHECK(std::regex_search(r.out, std::regex("nmg-13fyp-energy\\.toml:[0-9]+:1: warning\\[W-AUDIT\\]")));
    CHECK(std::regex_search(r.out, std::regex("audit: [0-9]+ warnings, [0-9]+ notes")));

    const run_result shipped = run_cli({"--lang", "en", "lint", "--plan", "nmg-13fyp-energy", "--warnings-only"});
    CHECK(shipped.exit_code == 0);
    CHECK(contains(shipped.out, "<shipped>/targets/nmg-13fyp-energy.toml:"));
    CHECK_FALSE(contains(shipped.out, "note[W-AUDIT]"));
}

TEST_CASE("lint on a broken rule file exits 2 with every error at file:line:column on stderr", "[cli][lint]") {
    const plancheck_test::temp_dir dir;
    std::string broken = small_rule_file;
    broken.replace(broken.find("unit = \"万吨\""), std::string("unit = \"万吨\"").size(), "unit = \"万吨X\"");
    broken.replace(broken.find("kind = \"at_most\""), std::string("kind = \"at_most\"").size(), "kind = \"at_mots\"");
    const std::string file = dir.write("broken.toml", broken);
    const run_result r = run_cli({"--lang", "en", "lint", file});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, file + ":12:8: error[E-RULE-UNIT]"));
    CHECK(contains(r.err, file + ":18:8: error[E-RULE-KIND]"));
    CHECK(contains(r.err, "2 errors; the rule file does not load"));

    const std::string bad_toml = dir.write("syntax.toml", "[plan]\nid = \"x\ntitle = 1\n");
    const run_result syntax = run_cli({"--lang", "en", "lint", bad_toml});
    CHECK(syntax.exit_code == 2);
    CHECK(std::regex_search(syntax.err, std::regex("syntax\\.toml:2:[0-9]+: error\\[E-RULE-SYNTAX\\]")));
}

TEST_CASE("lint needs exactly one of FILE and --plan", "[cli][lint]") {
    const run_result none = run_cli({"--lang", "en", "lint"});
    CHECK(none.exit_code == 2);
    CHECK(contains(none.err, "E-USAGE"));
    const run_result both = run_cli({"--lang", "en", "lint", rule_file_13, "--plan", "nmg-13fyp-energy"});
    CHECK(both.exit_code == 2);
    const run_result missing = run_cli({"--lang", "en", "lint", "/nonexistent/rules.toml"});
    CHECK(missing.exit_code == 2);
    CHECK(contains(missing.err, "E-IO"));
}

TEST_CASE("convert: a result that is not a finite number is E-NUMBER-RANGE, exit 2, nothing on stdout (issue 17)",
          "[cli][convert]") {
    const run_result ok = run_cli({"--lang", "en", "convert", "75.92", "万t", "--to", "吨"});
    CHECK(ok.exit_code == 0);
    CHECK(ok.out == "759200 吨\n");
    for (const std::vector<std::string>& args : {std::vector<std::string>{"convert", "1e305", "亿吨", "--to", "克"},
                                                  std::vector<std::string>{"convert", "1e300", "亿吨标准煤", "--to", "gce"}}) {
        std::vector<std::string> full{"--lang", "en"};
        full.insert(full.end(), args.begin(), args.end());
        const run_result r = run_cli(full);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find("error[E-NUMBER-RANGE]") != std::string::npos);
        CHECK(r.err.find("is not a finite number") != std::string::npos);
        CHECK(r.err.find("inf") == std::string::npos);
    }
}
