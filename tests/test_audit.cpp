// The audit of a plan's internal consistency: the plan's own inconsistencies found by value,
// and agreeing plans left alone.

#include <algorithm>
#include <string>
#include <vector>

#include "catch.hpp"
#include "plancheck/audit.hpp"
#include "plancheck/rule_loader.hpp"

namespace {

using plancheck::audit_check;
using plancheck::audit_finding;
using plancheck::audit_verdict;
using plancheck::quantity_kind;

plancheck::plan shipped(std::string_view id) {
    auto p = plancheck::load_shipped_plan(id);
    REQUIRE(p.has_value());
    return std::move(p).value();
}

plancheck::plan from_text(const std::string& toml) {
    auto p = plancheck::load_plan(toml, "t.toml");
    if (!p) FAIL(p.error().format(plancheck::language::en));
    return std::move(p).value();
}

// The finding of `check` that concerns exactly these targets, or nullptr.
const audit_finding* find(const std::vector<audit_finding>& all, audit_check check, std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    for (const audit_finding& f : all) {
        std::vector<std::string> got = f.targets;
        std::sort(got.begin(), got.end());
        if (f.check == check && got == ids) return &f;
    }
    return nullptr;
}

// The number of a quantity in a unit spelled `spelling`.
double in(const plancheck::any_quantity& q, std::string_view spelling) {
    const auto u = plancheck::parse_unit(spelling);
    REQUIRE(u.has_value());
    return u->value_of(q);
}

// A small plan: one indicator with a stated 2015 base, and whatever targets the test adds.
std::string small_plan(const std::string& base, const std::string& targets) {
    return R"(
[plan]
id = "t"
title = "测试规划"
document = "测〔2020〕1号"
region = "内蒙古自治区"
base_year = 2015
target_year = 2020

[[indicator]]
id = "emissions.cod"
name = { zh = "化学需氧量排放量", en = "COD emissions" }
unit = "万吨"
)" + base + targets;
}

const std::string cod_base = R"(
[[indicator.base]]
year = 2015
value = "100 万吨"
section = "第一章"
source = "2015年排放100万吨。"
)";

std::string target(const std::string& id, const std::string& kind, const std::string& value,
                   const std::string& extra = {}) {
    return "\n[[target]]\nid = \"" + id + "\"\nname = \"" + id + "\"\nindicator = \"emissions.cod\"\nkind = \"" + kind +
           "\"\nvalue = \"" + value + "\"\nbinding = true\nsection = \"第二章\"\nsource = \"原文\"\nchecklist = [1]\n" +
           extra;
}

}  // namespace

TEST_CASE("The NH3-N cap and cut of the 13th plan disagree: 4.69 × (1 − 7%) = 4.3617, not 4.37", "[audit]") {
    const auto findings = plancheck::audit_findings(shipped("nmg-13fyp-energy"));
    const audit_finding* f = find(findings, audit_check::level_vs_change, {"nh3n-cap", "nh3n-cut"});
    REQUIRE(f != nullptr);
    CHECK(f->verdict == audit_verdict::disagree);
    CHECK(f->indicator == "emissions.nh3n");
    REQUIRE(f->base);
    REQUIRE(f->derived);
    REQUIRE(f->stated);
    REQUIRE(f->reverse);
    CHECK(in(*f->base, "万吨") == Approx(4.69));
    CHECK(in(*f->derived, "万吨") == Approx(4.3617));
    CHECK(in(*f->stated, "万吨") == Approx(4.37));
    CHECK(f->reverse->kind() == quantity_kind::share);
    CHECK(in(*f->reverse, "%") == Approx(-6.823).margin(0.001));
    CHECK(f->message.en ==
          "nh3n-cap and nh3n-cut disagree: 4.69 万吨 × (1 − 7%) = 4.3617 万吨, but the cap is 4.37 万吨 "
          "(the cap implies a fall of 6.82%)");
    const plancheck::error e = f->to_error();
    CHECK(e.code == plancheck::error_code::audit);
    CHECK(e.level == plancheck::severity::warning);
    CHECK(e.where.file == "<shipped>/targets/nmg-13fyp-energy.toml");
    CHECK(e.where.line > 0);
}

TEST_CASE("The energy increment of the 13th plan allows 3.516 %/yr, above the stated growth cap of 3.5 %",
          "[audit]") {
    const auto findings = plancheck::audit_findings(shipped("nmg-13fyp-energy"));
    // The increment and the total cap give the same 2020 level (22500), so one finding names all three.
    const audit_finding* f =
        find(findings, audit_check::growth_vs_amount, {"energy-increment-cap", "energy-total-cap", "energy-growth-cap"});
    REQUIRE(f != nullptr);
    CHECK(f->verdict == audit_verdict::disagree);
    REQUIRE(f->base);
    REQUIRE(f->derived);
    REQUIRE(f->stated);
    REQUIRE(f->reverse);
    CHECK(in(*f->base, "万吨标准煤") == Approx(18930));
    CHECK(f->derived->kind() == quantity_kind::share);
    CHECK(in(*f->derived, "%") == Approx(3.516).margin(0.0005));
    CHECK(in(*f->stated, "%") == Approx(3.5));
    CHECK(in(*f->reverse, "万吨标准煤") == Approx(18930 * 1.187686).epsilon(1e-6));  // 1.035^5
    CHECK(f->message.en.find("a 3570 万吨标准煤 increment over 5 years from 18930 万吨标准煤") != std::string::npos);
    CHECK(f->message.en.find("is 3.516%/yr, above the stated < 3.5%") != std::string::npos);
    CHECK(f->to_error().level == plancheck::severity::warning);
}

TEST_CASE("The 13th plan's increment and total cap agree with the derived 2015 base", "[audit]") {
    const auto findings = plancheck::audit_findings(shipped("nmg-13fyp-energy"));
    const audit_finding* f = find(findings, audit_check::increment_vs_level, {"energy-increment-cap", "energy-total-cap"});
    REQUIRE(f != nullptr);
    CHECK(f->verdict == audit_verdict::agree);
    CHECK(in(*f->derived, "亿吨标准煤") == Approx(2.25));
    CHECK(f->to_error().level == plancheck::severity::note);
}

TEST_CASE("The COD cap agrees with the cut to the cap's rounding (77.6272 ≈ 77.63)", "[audit]") {
    const auto findings = plancheck::audit_findings(shipped("nmg-13fyp-energy"));
    const audit_finding* f = find(findings, audit_check::level_vs_change, {"cod-cap", "cod-cut"});
    REQUIRE(f != nullptr);
    CHECK(f->verdict == audit_verdict::agree_rounded);
    CHECK(in(*f->derived, "万吨") == Approx(77.62724));
    CHECK(in(*f->reverse, "%") == Approx(-7.097).margin(0.001));
    CHECK(f->to_error().level == plancheck::severity::note);
    // At exactly the cap the fall is 7.097 %, so a value at the cap misses the cut; the note says so.
    CHECK(f->message.en.find("misses cod-cut") != std::string::npos);
}

TEST_CASE("The 12th plan states no 2010 values: caps and cuts imply them, and the cuts need them from data",
          "[audit]") {
    const auto findings = plancheck::audit_findings(shipped("nmg-12fyp-pollutants"));
    const audit_finding* implied = find(findings, audit_check::implied_base, {"cod-cap", "cod-cut"});
    REQUIRE(implied != nullptr);
    REQUIRE(implied->base);
    CHECK(in(*implied->base, "万吨") == Approx(85.9 / (1 - 0.067)));
    CHECK(find(findings, audit_check::missing_base, {"cod-cut"}) != nullptr);
    for (const audit_finding& f : findings) CHECK(f.verdict != audit_verdict::disagree);
}

TEST_CASE("Every finding on the shipped plans is a W-AUDIT warning or note with a rule-file origin", "[audit]") {
    for (const std::string& id : plancheck::shipped_plan_ids()) {
        for (const plancheck::error& e : plancheck::audit_plan(shipped(id))) {
            CHECK(e.code == plancheck::error_code::audit);
            CHECK(e.level != plancheck::severity::error);
            CHECK(e.where.line > 0);
            CHECK_FALSE(e.message.en.empty());
            CHECK_FALSE(e.message.zh.empty());
        }
    }
}

TEST_CASE("A cap and a cut that agree exactly give no disagreement", "[audit]") {
    const auto p = from_text(small_plan(cod_base, target("cap", "at_most", "90 万吨", "base_year = 2015\n") +
                                                      target("cut", "change_vs_base", "-10 %")));
    const auto findings = plancheck::audit_findings(p);
    const audit_finding* f = find(findings, audit_check::level_vs_change, {"cap", "cut"});
    REQUIRE(f != nullptr);
    CHECK(f->verdict == audit_verdict::agree);
    CHECK(f->message.en == "cap and cut agree: 100 万吨 × (1 − 10%) = 90 万吨, the cap");
    for (const plancheck::error& e : plancheck::audit_plan(p)) CHECK(e.level != plancheck::severity::warning);
}

TEST_CASE("A cap and a cut that differ beyond the cap's rounding disagree, with the implied change", "[audit]") {
    const auto p = from_text(small_plan(cod_base, target("cap", "at_most", "91 万吨") +
                                                      target("cut", "change_vs_base", "-10 %")));
    const auto findings = plancheck::audit_findings(p);
    const audit_finding* f = find(findings, audit_check::level_vs_change, {"cap", "cut"});
    REQUIRE(f != nullptr);
    CHECK(f->verdict == audit_verdict::disagree);
    CHECK(f->message.en ==
          "cap and cut disagree: 100 万吨 × (1 − 10%) = 90 万吨, but the cap is 91 万吨 (the cap implies a fall of 9%)");
    CHECK(f->to_error().level == plancheck::severity::warning);
}

TEST_CASE("A floor and a rise are compared like a cap and a cut", "[audit]") {
    const auto p = from_text(small_plan(cod_base, target("floor", "at_least", "110 万吨") +
                                                      target("rise", "change_vs_base", "5 %")));
    const auto findings = plancheck::audit_findings(p);
    const audit_finding* f = find(findings, audit_check::level_vs_change, {"floor", "rise"});
    REQUIRE(f != nullptr);
    CHECK(f->verdict == audit_verdict::disagree);
    CHECK(f->message.en.find("but the floor is 110 万吨 (the floor implies a rise of 10%)") != std::string::npos);
}

TEST_CASE("An increment and a growth cap that agree give no warning", "[audit]") {
    // 100 → 110 over five years is 1.924 %/yr, within < 2 %.
    const auto p = from_text(small_plan(cod_base, target("inc", "increment_at_most", "10 万吨") +
                                                      target("growth", "annual_growth_at_most", "2 %",
                                                             "comparison = \"<\"\n")));
    const auto findings = plancheck::audit_findings(p);
    const audit_finding* f = find(findings, audit_check::growth_vs_amount, {"inc", "growth"});
    REQUIRE(f != nullptr);
    CHECK(f->verdict == audit_verdict::agree);
    CHECK(in(*f->derived, "%") == Approx(1.924).margin(0.001));
    for (const plancheck::error& e : plancheck::audit_plan(p)) CHECK(e.level != plancheck::severity::warning);
}

TEST_CASE("Growth exactly at a strict growth cap disagrees: 以下 means below", "[audit]") {
    // 100 × 1.02^5 = 110.40808032: an increment of exactly that much allows 2 %/yr, not < 2 %.
    const auto p = from_text(small_plan(cod_base, target("inc", "increment_at_most", "10.40808032 万吨") +
                                                      target("growth", "annual_growth_at_most", "2 %",
                                                             "comparison = \"<\"\n")));
    const auto findings = plancheck::audit_findings(p);
    const audit_finding* f = find(findings, audit_check::growth_vs_amount, {"inc", "growth"});
    REQUIRE(f != nullptr);
    CHECK(f->verdict == audit_verdict::disagree);
}

TEST_CASE("An increment and a cap that disagree are reported with the increment the cap allows", "[audit]") {
    const auto p = from_text(small_plan(cod_base, target("inc", "increment_at_most", "10 万吨") +
                                                      target("cap", "at_most", "105 万吨")));
    const auto findings = plancheck::audit_findings(p);
    const audit_finding* f = find(findings, audit_check::increment_vs_level, {"inc", "cap"});
    REQUIRE(f != nullptr);
    CHECK(f->verdict == audit_verdict::disagree);
    REQUIRE(f->reverse);
    CHECK(in(*f->reverse, "万吨") == Approx(5));
}

TEST_CASE("Without a stated base, a cap and an increment imply one", "[audit]") {
    const auto p = from_text(small_plan("", target("inc", "increment_at_most", "10 万吨") +
                                                target("cap", "at_most", "105 万吨")));
    const auto findings = plancheck::audit_findings(p);
    const audit_finding* f = find(findings, audit_check::implied_base, {"inc", "cap"});
    REQUIRE(f != nullptr);
    CHECK(in(*f->base, "万吨") == Approx(95));
    CHECK(f->verdict == audit_verdict::info);
    CHECK(find(findings, audit_check::missing_base, {"inc"}) != nullptr);
}

TEST_CASE("Unused indicators are warnings; empty checklists and missing bases are notes", "[audit]") {
    const std::string extra_indicator = R"(
[[indicator]]
id = "emissions.so2"
name = { zh = "二氧化硫排放量", en = "SO2 emissions" }
unit = "万吨"
)";
    std::string no_checklist = target("cut", "change_vs_base", "-10 %");
    no_checklist.erase(no_checklist.find("checklist = [1]\n"), 16);
    const auto p = from_text(small_plan("", extra_indicator + no_checklist));
    const auto findings = plancheck::audit_findings(p);

    const auto unused = std::find_if(findings.begin(), findings.end(), [](const audit_finding& f) {
        return f.check == audit_check::unused_indicator;
    });
    REQUIRE(unused != findings.end());
    CHECK(unused->indicator == "emissions.so2");
    CHECK(unused->to_error().level == plancheck::severity::warning);
    CHECK(unused->message.en == "indicator emissions.so2 (SO2 emissions) is declared but no target uses it");

    const audit_finding* empty = find(findings, audit_check::empty_checklist, {"cut"});
    REQUIRE(empty != nullptr);
    CHECK(empty->to_error().level == plancheck::severity::note);
    const audit_finding* missing = find(findings, audit_check::missing_base, {"cut"});
    REQUIRE(missing != nullptr);
    CHECK(missing->to_error().level == plancheck::severity::note);
    CHECK(missing->message.en.find("the statistics must include the 2015 value") != std::string::npos);
    // Warnings come first.
    CHECK(findings.front().check == audit_check::unused_indicator);
}
