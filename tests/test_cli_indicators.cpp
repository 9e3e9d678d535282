// End-to-end tests of `plancheck indicators`: the real binary in every format, and the promise
// behind the list — every name and unit spelling it gives is one `check` accepts, and every
// target of the plan is listed under its indicator.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"

namespace {

using nlohmann::json;
using plancheck_test::run_cli;
using plancheck_test::run_result;
using plancheck_test::temp_dir;

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

json indicators_json(const std::string& plan) {
    const run_result r = run_cli({"indicators", "--plan", plan, "--format", "json"});
    REQUIRE(r.exit_code == 0);
    REQUIRE(r.err.empty());
    return parse_json(r.out);
}

// A CSV field, quoted when it must be.
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

TEST_CASE("indicators lists every indicator with names, kind, units and targets (text)", "[cli][indicators]") {
    const run_result r = run_cli({"indicators", "--lang", "en"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "nmg-13fyp-energy"));
    CHECK(contains(r.out, "energy.total_consumption — 能源消费总量 / Total energy consumption"));
    CHECK(contains(r.out, "能耗总量"));
    CHECK(contains(r.out, "(coal)"));
    CHECK(contains(r.out, "万吨标准煤 (canonical tce)"));
    const json doc = indicators_json("nmg-13fyp-energy");
    CHECK(lines_of(r.out).back() == std::to_string(doc["indicators"].size()) + " indicators");

    const run_result zh = run_cli({"indicators", "--lang", "zh"});
    REQUIRE(zh.exit_code == 0);
    CHECK(contains(zh.out, "可用名称"));
    CHECK(contains(zh.out, "单位写法"));
    CHECK(lines_of(zh.out).back() == std::to_string(doc["indicators"].size()) + " 个指标");
}

TEST_CASE("indicators --format json: the fields, and every target under its indicator once", "[cli][indicators]") {
    for (const std::string plan : {"nmg-13fyp-energy", "nmg-12fyp-pollutants"}) {
        INFO(plan);
        const json doc = indicators_json(plan);
        CHECK(doc["schema"] == "plancheck-indicators/1");
        CHECK(doc["plan"]["id"] == plan);
        CHECK(doc["plan"]["rule_file_sha256"].get<std::string>().size() == 64);
        REQUIRE(doc["indicators"].size() > 0);

        const run_result rules = run_cli({"rules", "--plan", plan, "--format", "json"});
        REQUIRE(rules.exit_code == 0);
        std::map<std::string, std::string> indicator_of_target;
        const json rules_doc = parse_json(rules.out);
        for (const json& t : rules_doc["targets"])
            indicator_of_target[t["id"].get<std::string>()] = t["indicator"].get<std::string>();

        std::map<std::string, int> listed;
        for (const json& ind : doc["indicators"]) {
            INFO(ind["id"].get<std::string>());
            for (const char* field : {"id", "name", "aliases", "names", "quantity_kind", "kind_name", "unit", "canonical_unit",
                                      "unit_spellings", "plan_unit_spellings", "quotients", "derived", "computes", "targets",
                                      "targets_through", "note", "origin"})
                CHECK(ind.contains(field));
            CHECK(ind["names"][0] == ind["id"]);
            CHECK_FALSE(ind["unit_spellings"].empty());
            for (const json& t : ind["targets"]) {
                ++listed[t.get<std::string>()];
                CHECK(indicator_of_target[t.get<std::string>()] == ind["id"].get<std::string>());
            }
        }
        CHECK(listed.size() == indicator_of_target.size());
        for (const auto& [id, count] : listed) CHECK(count == 1);
    }
}

TEST_CASE("indicators: an input of a derived indicator lists the targets it serves", "[cli][indicators]") {
    const json doc = indicators_json("nmg-13fyp-energy");
    std::map<std::string, json> by_id;
    for (const json& ind : doc["indicators"]) by_id[ind["id"]] = ind;
    const json& intensity = by_id.at("energy.intensity_gdp");
    REQUIRE(intensity["derived"].is_object());
    CHECK(intensity["derived"]["method"] == "ratio");
    CHECK(intensity["derived"]["inputs"] == json::array({"energy.total_consumption", "economy.gdp_constant"}));
    const json& gdp = by_id.at("economy.gdp_constant");
    CHECK(std::find(gdp["computes"].begin(), gdp["computes"].end(), "energy.intensity_gdp") != gdp["computes"].end());
    // Every target of the intensity reaches GDP through it.
    for (const json& t : intensity["targets"])
        CHECK(std::find(gdp["targets_through"].begin(), gdp["targets_through"].end(), t) != gdp["targets_through"].end());
    // An intensity takes any coal ÷ currency spelling.
    CHECK(intensity["quotients"] == json::array({json{{"numerator", "coal"}, {"denominator", "currency"}}}));
}

TEST_CASE("every name and unit spelling indicators lists is one check accepts", "[cli][indicators]") {
    // One row per name (in the indicator's unit) and per spelling (under its id), all in one
    // file: duplicates of one indicator may conflict, but no row may be an unknown indicator
    // or an unknown or mismatched unit.
    for (const std::string plan : {"nmg-13fyp-energy", "nmg-12fyp-pollutants"}) {
        INFO(plan);
        const json doc = indicators_json(plan);
        std::string csv = "indicator,year,value,unit\n";
        std::size_t rows = 0;
        for (const json& ind : doc["indicators"]) {
            for (const json& name : ind["names"]) {
                csv += csv_field(name.get<std::string>()) + ",2020,1," + csv_field(ind["unit"].get<std::string>()) + "\n";
                ++rows;
            }
            for (const json& spelling : ind["unit_spellings"]) {
                csv += csv_field(ind["id"].get<std::string>()) + ",2020,1," + csv_field(spelling.get<std::string>()) + "\n";
                ++rows;
            }
        }
        const temp_dir dir;
        const std::string file = dir.write("all-names.csv", csv);
        const run_result r = run_cli({"check", file, "--plan", plan, "--lang", "en", "--max-findings", std::to_string(rows * 2)});
        INFO(r.err);
        CHECK_FALSE(contains(r.err, "E-INDICATOR"));
        CHECK_FALSE(contains(r.err, "error[E-UNIT"));
        CHECK_FALSE(contains(r.err, "E-CSV"));
    }
}

TEST_CASE("indicators --format csv: one row per indicator, headers in the report's language", "[cli][indicators]") {
    const json doc = indicators_json("nmg-13fyp-energy");
    const run_result en = run_cli({"indicators", "--format", "csv", "--lang", "en"});
    REQUIRE(en.exit_code == 0);
    const auto lines = lines_of(en.out);
    REQUIRE(lines.size() == doc["indicators"].size() + 1);
    CHECK(lines[0] == "id,name_zh,name_en,names,quantity_kind,unit,canonical_unit,unit_spellings,computed_from,targets,"
                      "targets_through");
    bool found = false;
    for (const std::string& line : lines)
        if (line.starts_with("emissions.cod,化学需氧量排放量,COD emissions,emissions.cod; 化学需氧量排放量; 化学需氧量;")) {
            found = true;
            CHECK(contains(line, ",mass,万吨,吨,吨; t;"));
            CHECK(contains(line, "cod-cap"));
        }
    CHECK(found);

    const run_result zh = run_cli({"indicators", "--format", "csv", "--lang", "zh"});
    REQUIRE(zh.exit_code == 0);
    CHECK(lines_of(zh.out)[0] == "编号,中文名称,英文名称,可用名称,量的种类,计量单位,基准单位,单位写法,推算自,目标,间接用于目标");
    CHECK(lines_of(zh.out).size() == lines.size());
}

TEST_CASE("indicators NAME shows the one indicator a name or alias means", "[cli][indicators]") {
    const run_result r = run_cli({"indicators", "COD", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const json doc = parse_json(r.out);
    REQUIRE(doc["indicators"].size() == 1);
    CHECK(doc["indicators"][0]["id"] == "emissions.cod");

    const run_result text = run_cli({"indicators", "能耗总量", "--lang", "en"});
    REQUIRE(text.exit_code == 0);
    CHECK(contains(text.out, "energy.total_consumption — "));
    CHECK(lines_of(text.out).back() == "1 indicator");

    const run_result unknown = run_cli({"indicators", "化学需氧量排放", "--lang", "en"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.out.empty());
    CHECK(contains(unknown.err, "error[E-USAGE]"));
    CHECK(contains(unknown.err, "did you mean 化学需氧量排放量?"));
}

TEST_CASE("indicators: -q prints nothing; an unknown plan is exit 2", "[cli][indicators]") {
    const run_result quiet = run_cli({"-q", "indicators"});
    CHECK(quiet.exit_code == 0);
    CHECK(quiet.out.empty());
    const run_result bad = run_cli({"indicators", "--plan", "no-such-plan"});
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err, "E-PLAN"));
}

TEST_CASE("an unknown indicator in check points to `plancheck indicators`", "[cli][indicators]") {
    const temp_dir dir;
    const std::string file = dir.write("unknown.csv", "indicator,year,value,unit\n化学需氧量排放,2020,70,万吨\n");
    const run_result en = run_cli({"check", file, "--lang", "en"});
    CHECK(en.exit_code == 2);
    CHECK(contains(en.err, "error[E-INDICATOR]: unknown indicator \"化学需氧量排放\"; did you mean 化学需氧量排放量? "
                           "(`plancheck indicators` lists the plan's indicators and their aliases)"));
    CHECK_FALSE(contains(en.err, "plancheck rules"));
    const run_result zh = run_cli({"check", file, "--lang", "zh"});
    CHECK(contains(zh.err, "（`plancheck indicators` 列出本规划的指标及其别名）"));
}

TEST_CASE("indicators states the sign convention of the yearbook's 降低率 names (issue 17)", "[cli][indicators]") {
    const json doc = indicators_json("nmg-13fyp-energy");
    bool found = false;
    for (const json& ind : doc["indicators"]) {
        if (ind["id"] != "energy.intensity_gdp_change") {
            CHECK(ind["fall_aliases"].empty());  // only rates of change have them
            continue;
        }
        found = true;
        const auto falls = ind["fall_aliases"].get<std::vector<std::string>>();
        CHECK(std::find(falls.begin(), falls.end(), "单位GDP能耗降低率") != falls.end());
        CHECK(std::find(falls.begin(), falls.end(), "单位GDP能耗下降率") != falls.end());
    }
    CHECK(found);
    const run_result text = run_cli({"--lang", "en", "indicators", "energy.intensity_gdp_change"});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("fall names") != std::string::npos);
    CHECK(text.out.find("positive for a fall, read with the opposite sign: 3.2 is −3.2%") != std::string::npos);
}
