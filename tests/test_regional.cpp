// Regional targets tables (plancheck/regional.hpp): each filled row becomes a typed target of the
// plan for its region; every fault in the table is an error at its file:line:column.

#include <algorithm>
#include <string>

#include "catch.hpp"
#include "plancheck/regional.hpp"
#include "plancheck/rule_loader.hpp"

namespace pc = plancheck;

namespace {

const std::string header = "region,indicator,kind,value,unit,base_year,target_year,comparison,binding,note\n";

pc::plan shipped() {
    auto p = pc::load_shipped_plan(pc::default_plan_id);
    REQUIRE(p);
    return std::move(*p);
}

pc::result<pc::regional_load> load(const pc::plan& p, const std::string& rows) {
    return pc::with_regional_targets(p, pc::csv::from_string(header + rows), "regional.csv");
}

}  // namespace

TEST_CASE("a league's row becomes a target for that league, from its annex", "[regional]") {
    const pc::plan p = shipped();
    const auto loaded = load(p, "Baotou,emissions.cod,change_vs_base,-5.5,%,2015,2020,,,annex-2\n"
                                "呼和浩特市,energy.intensity_gdp,change_vs_base,,%,2015,2020,,,\n");
    REQUIRE(loaded);
    CHECK(loaded->added == 1);
    CHECK(loaded->unfilled == 1);
    const pc::target* t = loaded->with_regions.find_target("cod-cut@包头市");  // the English name, made canonical
    REQUIRE(t != nullptr);
    CHECK(t->region == "包头市");
    CHECK(t->annex_target_id == "cod-cut");
    CHECK(t->base_year == 2015);
    CHECK(t->year == 2020);
    CHECK(t->where.to_string() == "regional.csv:2");
    CHECK(loaded->with_regions.targets.size() == p.targets.size() + 1);
}

TEST_CASE("a region the plan does not list is accepted: a county of a panel", "[regional]") {
    const auto loaded = load(shipped(), "达拉特旗,emissions.cod,change_vs_base,-4,%,2015,2020,,,\n");
    REQUIRE(loaded);
    const pc::target* t = loaded->with_regions.find_target("cod-cut@达拉特旗");
    REQUIRE(t != nullptr);
    CHECK(t->region == "达拉特旗");
}

TEST_CASE("faults in a regional targets table are errors at their cell", "[regional]") {
    const pc::plan p = shipped();
    struct fault {
        const char* row;
        pc::error_code code;
        const char* where;
    };
    const fault faults[] = {
        {",emissions.cod,change_vs_base,-4,%,2015,2020,,,\n", pc::error_code::rule_field, "regional.csv:2:1"},
        {"包头市,emissions.codd,change_vs_base,-4,%,2015,2020,,,\n", pc::error_code::indicator_unknown,
         "regional.csv:2:5"},
        {"包头市,emissions.cod,change_vs,-4,%,2015,2020,,,\n", pc::error_code::rule_kind, "regional.csv:2:19"},
        {"包头市,emissions.cod,at_most,4,万吨标准煤,2015,2020,,,\n", pc::error_code::rule_dimension,
         "regional.csv:2:29"},
        {"包头市,emissions.cod,change_vs_base,-4,%,2020,2015,,,\n", pc::error_code::rule_year, "regional.csv:2:44"},
    };
    for (const fault& f : faults) {
        INFO(f.row);
        const auto loaded = load(p, f.row);
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().code == f.code);
        CHECK(loaded.error().where.to_string() == f.where);
    }
}

TEST_CASE("the same region and target twice is refused", "[regional]") {
    const auto loaded = load(shipped(), "包头市,emissions.cod,change_vs_base,-4,%,2015,2020,,,\n"
                                        "Baotou,emissions.cod,change_vs_base,-5,%,2015,2020,,,\n");
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().code == pc::error_code::rule_duplicate);
    CHECK(loaded.error().where.to_string() == "regional.csv:3:1");
}

TEST_CASE("a table without a required column names the column", "[regional]") {
    const auto loaded = pc::with_regional_targets(
        shipped(), pc::csv::from_string("region,indicator,kind,value,unit,base_year\n"), "regional.csv");
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().code == pc::error_code::csv_header);
    CHECK(loaded.error().message.en.find("target_year") != std::string::npos);
}

TEST_CASE("the blank table has a row per league and per annex target", "[regional]") {
    const pc::plan p = shipped();
    const std::string blank = pc::regional_targets_template(p, 2015, 2020);
    std::size_t annex_rows = 0;
    for (const auto& a : p.annexes) annex_rows += a.targets.size();
    const auto lines = static_cast<std::size_t>(std::count(blank.begin(), blank.end(), '\n'));
    CHECK(lines == 1 + p.info.subregions.size() * annex_rows);
    // Filled as it is, it adds nothing: every value is empty.
    const auto loaded = pc::with_regional_targets(p, pc::csv::from_string(blank), "blank.csv");
    REQUIRE(loaded);
    CHECK(loaded->added == 0);
    CHECK(loaded->unfilled == lines - 1);
}

TEST_CASE("a cut written without its sign is refused, with the spelling to use (issue 17)", "[regional]") {
    const pc::plan p = shipped();
    SECTION("下降15% and -15 and －15 are falls; 增长 and + are rises, said on purpose") {
        for (const char* value : {"下降15%", "降低15", "-15", "－15", "-15%", "减少 15"}) {
            INFO(value);
            const auto loaded = load(p, std::string("包头市,emissions.cod,change_vs_base,") + value + ",%,2015,2020,,,\n");
            REQUIRE(loaded);
            const pc::target* t = loaded->with_regions.find_target("cod-cut@包头市");
            REQUIRE(t != nullptr);
            CHECK(t->threshold->canonical_value() == Approx(-15.0));
            CHECK(t->cmp == pc::comparison::less_equal);
        }
        for (const char* value : {"+3", "增长3%"}) {
            INFO(value);
            const auto loaded = load(p, std::string("包头市,emissions.cod,change_vs_base,") + value + ",%,2015,2020,,,\n");
            REQUIRE(loaded);
            CHECK(loaded->with_regions.find_target("cod-cut@包头市")->threshold->canonical_value() == Approx(3.0));
        }
    }
    SECTION("a bare positive number for a cut is E-RULE-FIELD at the value, naming -N and 下降N%") {
        const auto loaded = load(p, "包头市,emissions.cod,change_vs_base,15,%,2015,2020,,,\n");
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().code == pc::error_code::rule_field);
        CHECK(loaded.error().where.to_string() == "regional.csv:2:34");
        CHECK(loaded.error().message.en ==
              "cod-cut is a cut (下降) in the plan, but \"15\" is a bare positive number, which would be judged as a "
              "rise of 15%; write -15 or 下降15% for a fall (+15 if a rise is meant)");
    }
    SECTION("a direction word with a sign is refused: 下降-15 would read as a rise") {
        const auto loaded = load(p, "包头市,emissions.cod,change_vs_base,下降-15%,%,2015,2020,,,\n");
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().code == pc::error_code::rule_field);
    }
    SECTION("a bare positive number is fine where the plan's target is no cut: an increment cap") {
        const auto loaded = load(p, "包头市,energy.total_consumption,increment_at_most,300,万吨标准煤,2015,2020,,,\n");
        REQUIRE(loaded);
    }
    SECTION("a value beyond the range plancheck computes with is E-NUMBER-RANGE at the value") {
        const auto loaded = load(p, "包头市,energy.total_consumption,increment_at_most,1e305,万吨标准煤,2015,2020,,,\n");
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().code == pc::error_code::number_range);
        CHECK(loaded.error().where.to_string() == "regional.csv:2:48");
    }
}
