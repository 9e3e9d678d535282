// The rule-file loader: every refusal with its exact code, line and column; collect-all mode for
// `plancheck lint`; the shipped plans; and the example of docs/rule-files.md, so it cannot go stale.

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/unit.hpp"

namespace {

using plancheck::comparison;
using plancheck::error_code;
using plancheck::target_kind;

// A small rule file that loads. Tests change one line (or add some) to break it; the line
// numbers in the comments are those the assertions use.
const std::string valid = R"([plan]
id = "t"
title = "测试规划"
document = "测〔2020〕1号"
region = { zh = "内蒙古自治区", en = "Inner Mongolia" }
base_year = 2015
target_year = 2020

[[indicator]]
id = "energy.total"
name = { zh = "能源消费总量", en = "Total energy consumption" }
unit = "万吨标准煤"

[[target]]
id = "cap"
name = "上限"
indicator = "energy.total"
kind = "at_most"
value = "22500 万吨标准煤"
binding = true
section = "第二章"
source = "能源消费总量控制在2.25亿吨标准煤以内"
)";
// Lines of `valid`: 1 [plan], 2 id, 6 base_year, 9 [[indicator]], 10 id, 12 unit, 14 [[target]],
// 15 id, 17 indicator, 18 kind, 19 value, 20 binding, 22 source.

// `valid` with the line that starts with `line_start` replaced by `replacement` (empty: removed).
std::string with_line(const std::string& text, const std::string& line_start, const std::string& replacement) {
    std::istringstream in(text);
    std::string out;
    std::string line;
    bool found = false;
    while (std::getline(in, line)) {
        if (!found && line.rfind(line_start, 0) == 0) {
            found = true;
            if (!replacement.empty()) out += replacement + "\n";
            continue;
        }
        out += line + "\n";
    }
    REQUIRE(found);
    return out;
}

// `valid` with lines inserted after the line that starts with `line_start`.
std::string with_after(const std::string& text, const std::string& line_start, const std::string& added) {
    const auto at = text.find("\n" + line_start);
    REQUIRE(at != std::string::npos);
    const auto end = text.find('\n', at + 1);
    return text.substr(0, end + 1) + added + "\n" + text.substr(end + 1);
}

plancheck::error refusal(const std::string& text) {
    auto p = plancheck::load_plan(text, "t.toml");
    REQUIRE_FALSE(p.has_value());
    return p.error();
}

plancheck::plan loads(const std::string& text) {
    auto p = plancheck::load_plan(text, "t.toml");
    if (!p) FAIL(p.error().format(plancheck::language::en));
    return std::move(p).value();
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string code_of(const plancheck::error& e) { return std::string(plancheck::to_string(e.code)); }

const std::string second_target = R"(
[[target]]
id = "cap2"
name = "上限2"
indicator = "energy.total"
kind = "at_most"
value = "22000 万吨标准煤"
binding = false
section = "第二章"
source = "另一句"
)";

}  // namespace

TEST_CASE("The small valid rule file loads", "[rules][loader]") {
    const auto p = loads(valid);
    CHECK(p.info.id == "t");
    CHECK(p.indicators.size() == 1);
    REQUIRE(p.targets.size() == 1);
    CHECK(p.targets[0].where.file == "t.toml");
    CHECK(p.targets[0].where.line == 14);
    CHECK(p.file == "t.toml");
    CHECK(p.sha256.size() == 64);
}

TEST_CASE("A TOML syntax error is E-RULE-SYNTAX at its line and column", "[rules][loader]") {
    const auto e = refusal(with_line(valid, "binding", "binding = tru"));
    CHECK(code_of(e) == "E-RULE-SYNTAX");
    CHECK(e.where.file == "t.toml");
    CHECK(e.where.line == 20);
    CHECK(e.where.column == 14);  // where toml++ finds the value cannot be a boolean
    CHECK(contains(e.message.en, "not valid TOML"));
}

TEST_CASE("A rule file without [plan] is refused", "[rules][loader]") {
    std::string text = valid.substr(valid.find("[[indicator]]"));
    const auto e = refusal(text);
    CHECK(code_of(e) == "E-RULE-FIELD");
    CHECK(contains(e.message.en, "the rule file is missing the required field \"plan\""));
    CHECK(e.where.file == "t.toml");
}

TEST_CASE("A missing required field is E-RULE-FIELD at its table", "[rules][loader]") {
    SECTION("plan.id") {
        const auto e = refusal(with_line(valid, "id = \"t\"", ""));
        CHECK(code_of(e) == "E-RULE-FIELD");
        CHECK(e.message.en == "[plan] is missing the required field \"id\"");
        CHECK(e.where.line == 1);
        CHECK(e.where.column == 1);
    }
    SECTION("indicator.unit") {
        const auto e = refusal(with_line(valid, "unit = ", ""));
        CHECK(code_of(e) == "E-RULE-FIELD");
        CHECK(e.message.en == "indicator energy.total is missing the required field \"unit\"");
        CHECK(e.where.line == 9);
        CHECK(e.where.column == 1);
    }
    SECTION("target.source") {
        const auto e = refusal(with_line(valid, "source = ", ""));
        CHECK(code_of(e) == "E-RULE-FIELD");
        CHECK(e.message.en == "target cap is missing the required field \"source\"");
        CHECK(e.where.line == 14);
        CHECK(e.where.column == 1);
    }
    SECTION("target.binding") {
        const auto e = refusal(with_line(valid, "binding = ", ""));
        CHECK(code_of(e) == "E-RULE-FIELD");
        CHECK(e.message.en == "target cap is missing the required field \"binding\"");
        CHECK(e.where.line == 14);
        CHECK(e.where.column == 1);
    }
}

TEST_CASE("An unknown field is refused with the nearest known one", "[rules][loader]") {
    const auto e = refusal(with_line(valid, "value = ", "vaule = \"22500 万吨标准煤\""));
    CHECK(code_of(e) == "E-RULE-FIELD");
    CHECK(e.message.en == "unknown field \"vaule\" in [[target]] (did you mean value?)");
    CHECK(contains(e.message.zh, "是否应为 value"));
    CHECK(e.where.line == 19);
    CHECK(e.where.column == 1);
}

TEST_CASE("An unknown unit in an indicator is E-RULE-UNIT at the value", "[rules][loader]") {
    const auto e = refusal(with_line(valid, "unit = ", "unit = \"万吨标煤X\""));
    CHECK(code_of(e) == "E-RULE-UNIT");
    CHECK(contains(e.message.en, "万吨标煤X"));
    CHECK(e.where.line == 12);
    CHECK(e.where.column == 8);
}

TEST_CASE("An unknown unit in a target value is E-RULE-UNIT at the value", "[rules][loader]") {
    const auto e = refusal(with_line(valid, "value = ", "value = \"22500 万吨标煤X\""));
    CHECK(code_of(e) == "E-RULE-UNIT");
    CHECK(contains(e.message.en, "万吨标煤X"));
    CHECK(e.where.line == 19);
    CHECK(e.where.column == 9);
}

TEST_CASE("A threshold of the wrong dimension is E-RULE-DIMENSION naming both sides", "[rules][loader]") {
    const auto e = refusal(with_line(valid, "value = ", "value = \"5 万吨\""));
    CHECK(code_of(e) == "E-RULE-DIMENSION");
    CHECK(contains(e.message.en, "万吨 is mass"));
    CHECK(contains(e.message.en, "万吨标准煤"));
    CHECK(e.where.line == 19);
    CHECK(e.where.column == 9);
}

TEST_CASE("A change_vs_base target needs a percentage", "[rules][loader]") {
    auto text = with_line(valid, "kind = ", "kind = \"change_vs_base\"");
    text = with_line(text, "value = ", "value = \"-500 万吨标准煤\"");
    const auto e = refusal(text);
    CHECK(code_of(e) == "E-RULE-DIMENSION");
    CHECK(contains(e.message.en, "this kind of target needs %"));
    CHECK(e.where.line == 19);
    CHECK(e.where.column == 9);
}

TEST_CASE("An unknown kind is E-RULE-KIND", "[rules][loader]") {
    const auto e = refusal(with_line(valid, "kind = ", "kind = \"at_mots\""));
    CHECK(code_of(e) == "E-RULE-KIND");
    CHECK(contains(e.message.en, "unknown target kind \"at_mots\""));
    CHECK(e.where.line == 18);
    CHECK(e.where.column == 8);
}

TEST_CASE("An unknown comparison is E-RULE-KIND", "[rules][loader]") {
    const auto e = refusal(with_after(valid, "kind = ", "comparison = \"=<\""));
    CHECK(code_of(e) == "E-RULE-KIND");
    CHECK(e.message.en == "unknown comparison \"=<\" (one of <=, <, >=, >)");
    CHECK(e.where.line == 19);
    CHECK(e.where.column == 14);
}

TEST_CASE("A comparison that contradicts the kind is E-RULE-KIND", "[rules][loader]") {
    const auto e = refusal(with_after(valid, "kind = ", "comparison = \">=\""));
    CHECK(code_of(e) == "E-RULE-KIND");
    CHECK(e.message.en == "comparison >= contradicts kind at_most");
    CHECK(e.where.line == 19);
    CHECK(e.where.column == 14);
}

TEST_CASE("A target id declared twice is E-RULE-DUPLICATE at the second", "[rules][loader]") {
    std::string twice = second_target;
    twice.replace(twice.find("\"cap2\""), 6, "\"cap\"");
    const auto e = refusal(valid + twice);
    CHECK(code_of(e) == "E-RULE-DUPLICATE");
    CHECK(e.message.en == "target id cap is declared twice");
    CHECK(e.where.line == 25);
    CHECK(e.where.column == 6);  // the id's value
}

TEST_CASE("An indicator id declared twice is E-RULE-DUPLICATE", "[rules][loader]") {
    const std::string again = "[[indicator]]\nid = \"energy.total\"\nname = \"另一个\"\nunit = \"万吨标准煤\"\n";
    const auto e = refusal(with_after(valid, "unit = ", "\n" + again));
    CHECK(code_of(e) == "E-RULE-DUPLICATE");
    CHECK(e.message.en == "indicator id energy.total is declared twice");
    CHECK(e.where.line == 15);
    CHECK(e.where.column == 6);  // the id's value
}

TEST_CASE("An alias shared by two indicators is E-RULE-DUPLICATE", "[rules][loader]") {
    const std::string other =
        "[[indicator]]\nid = \"energy.other\"\nname = \"其他\"\nunit = \"万吨标准煤\"\naliases = [\"能源消费总量\"]\n";
    const auto e = refusal(with_after(valid, "unit = ", "\n" + other));
    CHECK(code_of(e) == "E-RULE-DUPLICATE");
    CHECK(e.message.en == "name \"能源消费总量\" is used by indicators energy.total and energy.other");
    CHECK(e.where.line == 14);
    CHECK(e.where.column == 1);
}

TEST_CASE("A reference to an undeclared indicator is E-RULE-REFERENCE with a suggestion", "[rules][loader]") {
    const auto e = refusal(with_line(valid, "indicator = ", "indicator = \"energy.totl\""));
    CHECK(code_of(e) == "E-RULE-REFERENCE");
    CHECK(e.message.en ==
          "target cap refers to indicator \"energy.totl\", which no [[indicator]] declares (did you mean energy.total?)");
    CHECK(e.where.line == 17);
    CHECK(e.where.column == 13);
}

TEST_CASE("A year out of range is E-RULE-YEAR", "[rules][loader]") {
    const auto e = refusal(with_after(valid, "binding = ", "year = 1800"));
    CHECK(code_of(e) == "E-RULE-YEAR");
    CHECK(e.message.en == "year 1800 is out of range (1900–2199)");
    CHECK(e.where.line == 21);
    CHECK(e.where.column == 8);
}

TEST_CASE("A base year after the target year is E-RULE-YEAR", "[rules][loader]") {
    SECTION("in a target") {
        const auto e = refusal(with_after(valid, "binding = ", "base_year = 2021"));
        CHECK(code_of(e) == "E-RULE-YEAR");
        CHECK(e.message.en == "target cap: base year 2021 is not before the target year 2020");
        CHECK(e.where.line == 21);
        CHECK(e.where.column == 13);
    }
    SECTION("in the plan") {
        const auto e = refusal(with_line(valid, "base_year = ", "base_year = 2020"));
        CHECK(code_of(e) == "E-RULE-YEAR");
        CHECK(e.message.en == "base year 2020 is not before the target year 2020");
        CHECK(e.where.line == 6);
        CHECK(e.where.column == 13);
    }
}

TEST_CASE("Invalid UTF-8 is E-ENCODING at the line and character", "[rules][loader]") {
    const auto e = refusal(with_line(valid, "source = ", "source = \"能源\xFF\""));
    CHECK(code_of(e) == "E-ENCODING");
    CHECK(e.where.line == 22);
    CHECK(e.where.column == 13);  // after `source = "能源`: 12 characters
}

TEST_CASE("A rule file without targets is refused", "[rules][loader]") {
    const auto e = refusal(valid.substr(0, valid.find("[[target]]")));
    CHECK(code_of(e) == "E-RULE-FIELD");
    CHECK(e.message.en == "the rule file declares no [[target]]");
    CHECK(e.where.line == 1);
    CHECK(e.where.column == 1);
}

TEST_CASE("Collect-all mode reports every error, in file order, and returns the first", "[rules][loader][lint]") {
    std::string text = with_after(valid, "id = \"t\"", "titel = \"x\"");  // line 3
    text = with_line(text, "kind = ", "kind = \"at_mots\"");               // line 19
    text += second_target;
    text = with_line(text, "value = \"22000", "value = \"5 万吨\"");        // line 30
    text = with_line(text, "source = \"另一句", "");                         // cap2, [[target]] on line 25
    plancheck::diagnostics all;
    auto p = plancheck::load_plan(text, "t.toml", &all);
    REQUIRE_FALSE(p.has_value());
    REQUIRE(all.size() == 4);
    CHECK(code_of(all[0]) == "E-RULE-FIELD");
    CHECK(all[0].message.en == "unknown field \"titel\" in [plan] (did you mean title?)");
    CHECK(all[0].where.line == 3);
    CHECK(code_of(all[1]) == "E-RULE-KIND");
    CHECK(all[1].where.line == 19);
    CHECK(code_of(all[2]) == "E-RULE-DIMENSION");
    CHECK(all[2].where.line == 30);
    CHECK(code_of(all[3]) == "E-RULE-FIELD");
    CHECK(all[3].message.en == "target cap2 is missing the required field \"source\"");
    CHECK(all[3].where.line == 25);
    // The result is the first error; without collect-all the first error ends the load.
    CHECK(code_of(p.error()) == "E-RULE-FIELD");
    CHECK(refusal(text).where.line == 3);
}

TEST_CASE("A target refused for its own error is still declared: no extra \"no [[target]]\" error",
          "[rules][loader][lint][regression]") {
    plancheck::diagnostics all;
    auto p = plancheck::load_plan(with_line(valid, "kind = ", "kind = \"at_mots\""), "t.toml", &all);
    REQUIRE_FALSE(p.has_value());
    REQUIRE(all.size() == 1);
    CHECK(code_of(all[0]) == "E-RULE-KIND");
}

TEST_CASE("An indicator with an unknown unit does not make its values wrong too", "[rules][loader][lint][regression]") {
    // Before the fix, the values of such an indicator were checked against the default kind (%),
    // and lint reported a dimension error for each of them.
    std::string text = with_line(valid, "unit = ", "unit = \"万吨标煤X\"");
    text = with_after(text, "unit = ", "\n[[indicator.base]]\nyear = 2015\nvalue = \"18930 万吨标准煤\"\n"
                                       "section = \"第二章\"\nsource = \"原文\"");
    plancheck::diagnostics all;
    auto p = plancheck::load_plan(text, "t.toml", &all);
    REQUIRE_FALSE(p.has_value());
    REQUIRE(all.size() == 1);
    CHECK(code_of(all[0]) == "E-RULE-UNIT");
}

TEST_CASE("Collect-all mode also records syntax and encoding errors", "[rules][loader][lint]") {
    plancheck::diagnostics all;
    auto p = plancheck::load_plan(with_line(valid, "binding", "binding = tru"), "t.toml", &all);
    REQUIRE_FALSE(p.has_value());
    REQUIRE(all.size() == 1);
    CHECK(code_of(all[0]) == "E-RULE-SYNTAX");

    all.clear();
    p = plancheck::load_plan("id = \"\xFF\"", "t.toml", &all);
    REQUIRE_FALSE(p.has_value());
    REQUIRE(all.size() == 1);
    CHECK(code_of(all[0]) == "E-ENCODING");
}

TEST_CASE("The shipped plans load with their counts", "[rules][loader][shipped]") {
    const auto ids = plancheck::shipped_plan_ids();
    // In file-name order: "nmg-14fyp-energy-saving.toml" sorts before "nmg-14fyp-energy.toml".
    REQUIRE(ids == std::vector<std::string>{"cn-14fyp-energy", "nmg-12fyp-pollutants", "nmg-13fyp-energy",
                                            "nmg-14fyp-energy-saving", "nmg-14fyp-energy", "ordos-14fyp-energy"});

    auto p13 = plancheck::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(p13.has_value());
    CHECK(p13->info.document == "内政发〔2018〕12号");
    CHECK(p13->info.base_year == 2015);
    CHECK(p13->info.target_year == 2020);
    // 76 indicators carry the 82 targets; further ones may be components of derivations.
    std::set<std::size_t> used;
    for (const auto& t : p13->targets) used.insert(t.indicator_index);
    CHECK(used.size() == 76);
    CHECK(p13->indicators.size() >= 76);
    CHECK(p13->targets.size() == 82);
    CHECK(p13->unevaluable.size() == 3);
    std::size_t binding = 0;
    for (const auto& t : p13->targets) binding += t.binding ? 1 : 0;
    CHECK(binding == 12);
    CHECK(p13->file == "<shipped>/targets/nmg-13fyp-energy.toml");

    auto p12 = plancheck::load_shipped_plan("nmg-12fyp-pollutants");
    REQUIRE(p12.has_value());
    CHECK(p12->indicators.size() == 4);
    CHECK(p12->targets.size() == 8);
    CHECK(p12->unevaluable.empty());

    auto none = plancheck::load_shipped_plan("nmg-14fyp");
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().code == error_code::plan_unknown);
}

TEST_CASE("The shipped rule file's SHA-256 is that of its bytes", "[rules][loader][shipped]") {
    std::ifstream in(std::string(PLANCHECK_SOURCE_DIR) + "/targets/nmg-13fyp-energy.toml", std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto from_disk = plancheck::load_plan(bytes.str(), "x.toml");
    auto shipped = plancheck::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(from_disk.has_value());
    REQUIRE(shipped.has_value());
    CHECK(from_disk->sha256 == shipped->sha256);
}

TEST_CASE("resolve_unit honours the plan's unit aliases (克/千瓦时)", "[rules][loader][units]") {
    SECTION("in the shipped plan") {
        auto p = plancheck::load_shipped_plan("nmg-13fyp-energy");
        REQUIRE(p.has_value());
        const plancheck::indicator* with_alias = nullptr;
        for (const auto& ind : p->indicators)
            if (!ind.unit_aliases.empty()) with_alias = &ind;
        REQUIRE(with_alias != nullptr);
        CHECK(with_alias->kind() == plancheck::quantity_kind::coal_per_energy);
        auto u = with_alias->resolve_unit("克/千瓦时");
        REQUIRE(u.has_value());
        auto proper = plancheck::parse_unit("克标准煤/千瓦时");
        REQUIRE(proper.has_value());
        CHECK(u->same_as(*proper));
    }
    SECTION("in a small plan") {
        auto text = with_line(valid, "unit = ", "unit = \"克标准煤/千瓦时\"\nunit_aliases = { \"克/千瓦时\" = \"克标准煤/千瓦时\" }");
        text = with_line(text, "value = ", "value = \"310 克/千瓦时\"");
        const auto p = loads(text);
        const auto& ind = p.indicators.at(0);
        auto u = ind.resolve_unit(" 克/千瓦时 ");
        REQUIRE(u.has_value());
        CHECK(u->spelling() == "克/千瓦时");
        CHECK(u->kind() == plancheck::quantity_kind::coal_per_energy);
        REQUIRE(p.targets.at(0).threshold);
        auto gce = plancheck::parse_unit("gce/kWh");
        REQUIRE(gce.has_value());
        CHECK(gce->value_of(*p.targets.at(0).threshold) == Approx(310));
        // A unit of another kind is still refused, naming both sides.
        const auto wrong = ind.resolve_unit("万吨");
        REQUIRE_FALSE(wrong.has_value());
        CHECK(wrong.error().code == error_code::unit_dimension);
    }
}

TEST_CASE("Comparisons default from the kind (and a change from its sign)", "[rules][loader]") {
    const auto kind_of = [](const std::string& kind, const std::string& value, const std::string& extra = {}) {
        std::string text = with_line(valid, "kind = ", "kind = \"" + kind + "\"" + extra);
        text = value.empty() ? with_line(text, "value = ", "") : with_line(text, "value = ", "value = \"" + value + "\"");
        return loads(text).targets.at(0).cmp;
    };
    CHECK(kind_of("at_most", "22500 万吨标准煤") == comparison::less_equal);
    CHECK(kind_of("at_least", "22500 万吨标准煤") == comparison::greater_equal);
    CHECK(kind_of("change_vs_base", "-14 %") == comparison::less_equal);
    CHECK(kind_of("change_vs_base", "5 %") == comparison::greater_equal);
    CHECK(kind_of("increment_at_most", "3570 万吨标准煤") == comparison::less_equal);
    CHECK(kind_of("annual_growth_at_most", "3.5 %") == comparison::less_equal);
    CHECK(kind_of("no_growth", "") == comparison::less_equal);
    CHECK(kind_of("cumulative_at_least", "1500 万吨标准煤") == comparison::greater_equal);
    CHECK(kind_of("annual_growth_at_most", "3.5 %", "\ncomparison = \"<\"") == comparison::less);
    CHECK(kind_of("deadline", "0 万吨标准煤", "\ncomparison = \"<=\"") == comparison::less_equal);

    // A deadline states its direction; there is no default.
    auto deadline = with_line(valid, "kind = ", "kind = \"deadline\"");
    const auto e = refusal(deadline);
    CHECK(code_of(e) == "E-RULE-FIELD");
    CHECK(contains(e.message.en, "a deadline target needs a comparison"));
}

TEST_CASE("Relative kinds take the plan's base year by default", "[rules][loader]") {
    auto text = with_line(valid, "kind = ", "kind = \"change_vs_base\"");
    text = with_line(text, "value = ", "value = \"-14 %\"");
    const auto p = loads(text);
    REQUIRE(p.targets.at(0).base_year);
    CHECK(*p.targets.at(0).base_year == 2015);
    CHECK(p.targets.at(0).year == 2020);
    CHECK(p.targets.at(0).kind == target_kind::change_vs_base);
    CHECK_FALSE(loads(valid).targets.at(0).base_year);
}

TEST_CASE("Region aliases canonicalise to the plan's region", "[rules][loader][region]") {
    const std::string text = with_after(
        with_line(valid, "region = ", "region = { zh = \"内蒙古自治区\", en = \"Inner Mongolia\" }\n"
                                      "region_aliases = [\"内蒙古\", \"全区\"]\n"
                                      "subregions = [{ zh = \"包头市\", en = \"Baotou\" }]"),
        "binding = ", "region = \"全区\"");
    const auto p = loads(text);
    CHECK(p.targets.at(0).region == "内蒙古自治区");
    CHECK(p.canonical_region("内蒙古") == "内蒙古自治区");
    CHECK(p.canonical_region(" 全区 ") == "内蒙古自治区");
    CHECK(p.canonical_region("Inner Mongolia") == "内蒙古自治区");
    CHECK(p.canonical_region("Baotou") == "包头市");
    CHECK(p.canonical_region("赤峰市") == "赤峰市");
    // Without a region, a target is the plan's region.
    CHECK(loads(valid).targets.at(0).region == "内蒙古自治区");
}

TEST_CASE("The example of docs/rule-files.md loads", "[rules][loader][docs]") {
    std::ifstream in(std::string(PLANCHECK_SOURCE_DIR) + "/docs/rule-files.md", std::ios::binary);
    REQUIRE(in);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string doc = content.str();
    const std::string fence = "```toml\n";
    const auto start = doc.find(fence);
    REQUIRE(start != std::string::npos);
    const auto end = doc.find("\n```", start + fence.size());
    REQUIRE(end != std::string::npos);
    const std::string example = doc.substr(start + fence.size(), end + 1 - start - fence.size());
    auto p = plancheck::load_plan(example, "docs/rule-files.md");
    if (!p) FAIL(p.error().format(plancheck::language::en));
    CHECK_FALSE(p->targets.empty());
    CHECK_FALSE(p->unevaluable.empty());
    // The example is the page's only ```toml block (error examples are fenced as text), so the
    // block tested is the one a reader copies.
    std::size_t blocks = 0;
    for (auto at = doc.find(fence); at != std::string::npos; at = doc.find(fence, at + 1)) ++blocks;
    CHECK(blocks == 1);
}

TEST_CASE("fall_aliases: names of a rate read with the opposite sign, on rates only (issue 17)", "[rules][loader]") {
    const std::string rate = "\n[[indicator]]\nid = \"energy.change\"\nname = { zh = \"能耗变化率\", en = \"Change\" }\n"
                             "unit = \"%\"\nfall_aliases = [\"能耗降低率\", \"能耗下降率\"]\n";
    SECTION("a rate may have them; they are names of it") {
        const auto p = loads(valid + rate);
        REQUIRE(p.indicators.size() == 2);
        CHECK(p.indicators[1].fall_aliases == std::vector<std::string>{"能耗降低率", "能耗下降率"});
        const auto names = p.indicator_names();
        CHECK(std::find(names.begin(), names.end(), "能耗降低率") != names.end());
    }
    SECTION("an amount may not: a negated amount is no amount") {
        const auto e = refusal(with_after(valid, "unit = \"万吨标准煤\"", "fall_aliases = [\"能耗降低量\"]"));
        CHECK(code_of(e) == "E-RULE-FIELD");
        CHECK(e.where.line == 13);
        CHECK(contains(e.message.en, "only a rate of change (%) can be read with the opposite sign"));
    }
    SECTION("a name both alias and fall alias is refused: its sign would be ambiguous") {
        std::string text = valid + rate;
        text.insert(text.find("fall_aliases"), "aliases = [\"能耗降低率\"]\n");
        CHECK(code_of(refusal(text)) == "E-RULE-DUPLICATE");
    }
    SECTION("a fall alias that names another indicator is refused") {
        std::string text = valid + rate;
        text.replace(text.find("\"能耗下降率\""), std::string("\"能耗下降率\"").size(), "\"能源消费总量\"");
        CHECK(code_of(refusal(text)) == "E-RULE-DUPLICATE");
    }
}
