// The 14th-plan rule files (docs/plan-14fyp-notes.md) and the choice of a plan by the data's
// years: each plan loads through lint without an error, states exactly the base values its text
// states (none was found: a stated base would be an invented figure), quotes the figure of each
// target in its source; `check` without --plan picks the plan whose period holds the data's
// latest year, and keeps the 13th plan for 2015–2020 data.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "plancheck/audit.hpp"
#include "plancheck/catalog.hpp"
#include "plancheck/plan_choice.hpp"
#include "plancheck/check.hpp"
#include "plancheck/rule_loader.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using plancheck_test::run_cli;
using plancheck_test::run_result;

namespace {

const std::string source_dir = PLANCHECK_SOURCE_DIR;

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

run_result run_in_source(std::vector<std::string> args, std::string stdin_text = {}) {
    const fs::path previous = fs::current_path();
    fs::current_path(source_dir);
    run_result r = run_cli(std::move(args), std::move(stdin_text));
    fs::current_path(previous);
    return r;
}

// A stated (not derived) base value: indicator id, year, value in its kind's canonical unit.
struct stated_base {
    std::string indicator;
    int year = 0;
    double value = 0;
};

// Per plan: the base values the plan's text states (as found; docs/plan-14fyp-notes.md) and, per
// target, the figure its source must show.
struct expected_plan {
    std::string id;
    std::vector<stated_base> bases;
    std::map<std::string, std::string> figure_in_source;
    std::size_t targets = 0;
    std::size_t not_evaluable = 0;
};

const std::vector<expected_plan>& plans_14th() {
    static const std::vector<expected_plan> plans{
        {"nmg-14fyp-energy",
         {},
         {{"energy-intensity-cut", "下降15%"},
          {"cod-cut", "8%、8%、10%、10%以上"},
          {"nh3n-cut", "8%、8%、10%、10%以上"},
          {"nox-cut", "8%、8%、10%、10%以上"},
          {"voc-cut", "8%、8%、10%、10%以上"},
          {"steel-ultra-low-share", "80%以上的钢铁产能"},
          {"coal-power-saving-retrofit", "節能改造2000萬千瓦"},
          {"coal-power-flexibility-retrofit", "靈活性改造3000萬千瓦"}},
         8,
         3},
        {"nmg-14fyp-energy-saving",
         {},
         {{"energy-intensity-cut", "較2020年下降15%"},
          {"coal-power-saving-retrofit", "節能改造3000萬千瓦"},
          {"coal-power-saving-retrofit-2023", "2021—2023年完成1200萬千瓦"},
          {"coal-power-saving-retrofit-2024-2025", "2024—2025年力爭完成1800萬千瓦"},
          {"coal-power-heating-retrofit", "300萬千瓦以上煤電機組進行供熱改造"},
          {"new-coal-units-design-rate", "低于300克標準煤/千瓦時"},
          {"coal-units-supply-rate", "305克標準煤/千瓦時左右"},
          {"new-energy-capacity", "1亿千瓦以上"},
          {"new-energy-capacity-share", "超过50%"},
          {"new-energy-share-of-added-generation", "60%以上"}},
         10,
         7},
        {"ordos-14fyp-energy", {}, {{"energy-intensity-cut", "下降16.5%"}}, 1, 2},
        {"cn-14fyp-energy",
         {},
         {{"energy-intensity-cut", "下降13.5%"},
          {"cod-cut", "8%、8%、10%以上、10%以上"},
          {"nh3n-cut", "8%、8%、10%以上、10%以上"},
          {"nox-cut", "8%、8%、10%以上、10%以上"},
          {"voc-cut", "8%、8%、10%以上、10%以上"},
          {"nev-sales-share", "20%左右"}},
         6,
         3},
    };
    return plans;
}

}  // namespace

TEST_CASE("Each 14th plan loads through lint with no error and states exactly the base values found",
          "[plans][14fyp]") {
    for (const expected_plan& want : plans_14th()) {
        INFO(want.id);
        const std::string_view text = plancheck::shipped_plan_text(want.id);
        REQUIRE_FALSE(text.empty());
        plancheck::diagnostics all;
        const auto p = plancheck::load_plan(text, "<shipped>/targets/" + want.id + ".toml", &all);
        CHECK(all.empty());
        REQUIRE(p.has_value());
        CHECK(p->info.base_year == 2020);
        CHECK(p->info.target_year == 2025);
        CHECK(p->targets.size() == want.targets);
        CHECK(p->unevaluable.size() == want.not_evaluable);

        // Every stated base is one the plan's text states, and every one it states is there.
        std::size_t stated = 0;
        for (const auto& ind : p->indicators)
            for (const auto& b : ind.bases) {
                if (b.derived) continue;
                ++stated;
                bool expected = false;
                for (const stated_base& e : want.bases)
                    expected = expected || (e.indicator == ind.id && e.year == b.year &&
                                            b.value.canonical_value() == Approx(e.value));
                CHECK(expected);
            }
        CHECK(stated == want.bases.size());

        // The audit finds no disagreement in the plan's own numbers (docs/plan-14fyp-notes.md).
        for (const plancheck::error& e : plancheck::audit_plan(*p)) {
            INFO(e.message.en);
            CHECK(e.level != plancheck::severity::warning);
        }

        // Each target quotes its figure; each target's checklist row is a row of the notes.
        for (const auto& t : p->targets) {
            INFO(t.id);
            const auto figure = want.figure_in_source.find(t.id);
            REQUIRE(figure != want.figure_in_source.end());
            CHECK(contains(t.source, figure->second));
            CHECK(t.checklist.size() == 1);
        }
    }
}

TEST_CASE("The checklist rows of each 14th plan are numbered 1..n without gap or repeat", "[plans][14fyp]") {
    for (const expected_plan& want : plans_14th()) {
        INFO(want.id);
        const auto p = plancheck::load_shipped_plan(want.id);
        REQUIRE(p.has_value());
        std::vector<int> rows;
        for (const auto& t : p->targets) rows.insert(rows.end(), t.checklist.begin(), t.checklist.end());
        for (const auto& u : p->unevaluable) rows.insert(rows.end(), u.checklist.begin(), u.checklist.end());
        std::sort(rows.begin(), rows.end());
        for (std::size_t i = 0; i < rows.size(); ++i) CHECK(rows[i] == static_cast<int>(i) + 1);
        CHECK(rows.size() == want.targets + want.not_evaluable);
    }
}

TEST_CASE("lint on each 14th plan file exits 0", "[plans][14fyp][cli]") {
    for (const expected_plan& want : plans_14th()) {
        INFO(want.id);
        const run_result r = run_in_source({"--lang", "en", "lint", "targets/" + want.id + ".toml"});
        CHECK(r.exit_code == 0);
        CHECK_FALSE(contains(r.err, "error["));
        CHECK_FALSE(contains(r.out, "warning[W-AUDIT]"));
    }
}

TEST_CASE("plans lists the 14th plans with their years", "[plans][14fyp][cli]") {
    const run_result r = run_cli({"--lang", "en", "plans"});
    REQUIRE(r.exit_code == 0);
    for (const expected_plan& want : plans_14th()) CHECK(contains(r.out, want.id));
    CHECK(contains(r.out, "2020 → 2025"));
    CHECK(contains(r.out, "内政发〔2022〕17号"));
    CHECK(contains(r.out, "国发〔2021〕33号"));
    CHECK(contains(r.out, "nmg-13fyp-energy (default)"));
}

TEST_CASE("fit_of: the latest year with a value of the plan's own region, and the targets with data then",
          "[plans][select]") {
    const auto p = plancheck::load_shipped_plan("nmg-14fyp-energy");
    REQUIRE(p.has_value());
    plancheck::check_request req;
    req.inputs = {source_dir + "/examples/nmg-2025-illustrative.csv"};
    const plancheck::check_outcome out = plancheck::run_check(*p, req);
    REQUIRE_FALSE(out.input_failed);
    const plancheck::plan_fit fit = plancheck::fit_of(*p, out.data);
    CHECK(fit.plan_id == "nmg-14fyp-energy");
    REQUIRE(fit.latest_year);
    CHECK(*fit.latest_year == 2025);
    CHECK(fit.in_period());
    // Intensity, four pollutants, steel and both retrofits have a 2025 value.
    CHECK(fit.targets_with_data == 8);

    plancheck::plan_fit outside = fit;
    outside.latest_year = 2020;  // the base year is not a year the plan judges
    CHECK_FALSE(outside.in_period());
    outside.latest_year.reset();
    CHECK_FALSE(outside.in_period());
}

TEST_CASE("choose_by_years keeps the default for its own data and picks the 14th plan for 2025 data",
          "[plans][select]") {
    auto catalog = plancheck::plan_catalog::with_files({});
    REQUIRE(catalog.has_value());
    const auto def = catalog->choose();
    REQUIRE(def.has_value());
    const plancheck::plan& current = **def;

    plancheck::check_request own;
    own.inputs = {source_dir + "/examples/nmg-2020-illustrative.csv"};
    const plancheck::plan_choice kept = plancheck::choose_by_years(*catalog, current, plancheck::run_check(current, own), own);
    CHECK(kept.chosen == nullptr);
    CHECK(kept.fits.size() == 1);  // nothing else was read
    CHECK(kept.tied.empty());

    plancheck::check_request later;
    later.inputs = {source_dir + "/examples/nmg-2025-illustrative.csv"};
    const plancheck::plan_choice picked =
        plancheck::choose_by_years(*catalog, current, plancheck::run_check(current, later), later);
    REQUIRE(picked.chosen != nullptr);
    CHECK(picked.chosen->info.id == "nmg-14fyp-energy");
    REQUIRE(picked.latest_year);
    CHECK(*picked.latest_year == 2025);
    CHECK(picked.fits.size() == plancheck::shipped_plan_ids().size());
}

TEST_CASE("check without --plan evaluates the 14th plan for the 2025 example and says so", "[plans][select][cli]") {
    const run_result r = run_in_source({"--lang", "en", "check", "--format", "json", "examples/nmg-2025-illustrative.csv"});
    CHECK(r.exit_code == 1);  // illustrative: some targets missed
    CHECK(contains(r.err, "note[N-PLAN]: plan nmg-14fyp-energy picked by the data's years"));
    CHECK(contains(r.err, "2025"));
    const json doc = json::parse(r.out);
    CHECK(doc["run"]["plan"]["id"] == "nmg-14fyp-energy");
    CHECK(doc["run"]["options"]["plan"] == "nmg-14fyp-energy");
    std::map<std::string, std::string> status;
    for (const json& res : doc["results"]) status[res["target"].get<std::string>()] = res["status"].get<std::string>();
    CHECK(status["energy-intensity-cut"] == "not met");
    CHECK(status["cod-cut"] == "met");
    CHECK(status["nh3n-cut"] == "not met");
    CHECK(status["nox-cut"] == "met");
    CHECK(status["voc-cut"] == "met");
    CHECK(status["steel-ultra-low-share"] == "met");
    CHECK(status["coal-power-saving-retrofit"] == "met");
    CHECK(status["coal-power-flexibility-retrofit"] == "not met");

    const run_result zh = run_in_source({"--lang", "zh", "check", "examples/nmg-2025-illustrative.csv"});
    CHECK(contains(zh.err, "按数据年份选用规划 nmg-14fyp-energy"));
}

TEST_CASE("The shipped 13th-plan examples still pick the 13th plan, silently", "[plans][select][cli]") {
    for (const std::vector<std::string>& files :
         {std::vector<std::string>{"examples/nmg-2020-illustrative.csv"},
          std::vector<std::string>{"examples/nmg-2016-illustrative.csv"},
          std::vector<std::string>{"examples/nmg-12fyp-reproduction.csv", "examples/nmg-2016-illustrative.csv",
                                   "examples/nmg-2018-illustrative.csv", "examples/nmg-2020-illustrative.csv"}}) {
        std::vector<std::string> args{"--lang", "en", "check", "--format", "json"};
        args.insert(args.end(), files.begin(), files.end());
        const run_result r = run_in_source(args);
        INFO(files.front() << " … " << r.err);
        CHECK_FALSE(contains(r.err, "N-PLAN"));
        CHECK(json::parse(r.out)["run"]["plan"]["id"] == "nmg-13fyp-energy");
    }
}

TEST_CASE("The 12th-plan reproduction alone picks the 12th plan", "[plans][select][cli]") {
    const run_result r = run_in_source({"--lang", "en", "check", "examples/nmg-12fyp-reproduction.csv"});
    CHECK(contains(r.err, "note[N-PLAN]: plan nmg-12fyp-pollutants picked by the data's years"));
    CHECK(r.exit_code == 0);  // 8/8, as with --plan nmg-12fyp-pollutants
}

TEST_CASE("--plan and --targets are never overridden by the data's years", "[plans][select][cli]") {
    const run_result r = run_in_source(
        {"--lang", "en", "check", "--format", "json", "--plan", "nmg-13fyp-energy", "examples/nmg-2025-illustrative.csv"});
    CHECK_FALSE(contains(r.err, "picked by the data's years"));
    CHECK(json::parse(r.out)["run"]["plan"]["id"] == "nmg-13fyp-energy");

    const plancheck_test::temp_dir dir;
    const std::string rules = dir.write("own.toml", std::string(plancheck::shipped_plan_text("nmg-13fyp-energy")));
    const run_result t = run_in_source(
        {"--lang", "en", "check", "--format", "json", "--targets", rules, "examples/nmg-2025-illustrative.csv"});
    CHECK_FALSE(contains(t.err, "picked by the data's years"));
    CHECK(json::parse(t.out)["run"]["plan"]["rule_file"] == rules);
}

TEST_CASE("Data that fits two plans equally is refused: choose with --plan", "[plans][select][cli]") {
    const plancheck_test::temp_dir dir;
    const std::string file = dir.write("intensity.csv",
                                       "region,indicator,year,value,unit\n"
                                       "内蒙古自治区,单位GDP能耗,2020,1.5,吨标准煤/万元\n"
                                       "内蒙古自治区,单位GDP能耗,2025,1.3,吨标准煤/万元\n");
    const run_result r = run_cli({"--lang", "en", "check", file});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "error[E-PLAN]"));
    CHECK(contains(r.err, "nmg-14fyp-energy"));
    CHECK(contains(r.err, "nmg-14fyp-energy-saving"));
    CHECK(contains(r.err, "choose one with --plan"));
    CHECK(run_cli({"check", "--plan", "nmg-14fyp-energy-saving", file}).exit_code == 1);  // 13.3 % < 15 %
}

TEST_CASE("From standard input the default plan is kept, with a note when other plans were not read", "[plans][select][cli]") {
    const run_result r = run_in_source({"--lang", "en", "check", "-"},
                                       plancheck_test::temp_dir::read_file(source_dir + "/examples/nmg-2025-illustrative.csv"));
    CHECK(contains(r.err, "note[N-PLAN]: standard input cannot be read again"));
    CHECK(contains(r.err, "nmg-13fyp-energy"));
}

TEST_CASE("A city's own statistics pick the city's plan", "[plans][select][cli]") {
    const plancheck_test::temp_dir dir;
    const std::string file = dir.write("ordos.csv",
                                       "region,indicator,year,value,unit\n"
                                       "鄂尔多斯市,单位地区生产总值能耗,2020,2.40,吨标准煤/万元\n"
                                       "鄂尔多斯市,单位地区生产总值能耗,2025,1.98,吨标准煤/万元\n");
    const run_result r = run_cli({"--lang", "en", "check", "--format", "json", file});
    CHECK(contains(r.err, "note[N-PLAN]: plan ordos-14fyp-energy picked by the data's years"));
    CHECK(json::parse(r.out)["run"]["plan"]["id"] == "ordos-14fyp-energy");
    CHECK(r.exit_code == 0);  // 1.98 / 2.40 − 1 = −17.5 %, beyond the −16.5 % required
}
