// Names in statistics files, issue 17 classes 5–7: regions written another way (NFKC, invisible
// characters, declared aliases), unknown names (a slip is an error, a far name is listed once),
// a wide file's unit column, and files whose rows are about none of the plan's regions or years.

#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "plancheck/check.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/text.hpp"

namespace {

namespace pc = plancheck;

const pc::plan& shipped() {
    static const pc::plan p = pc::load_shipped_plan("nmg-13fyp-energy").value();
    return p;
}

const std::string header = "region,indicator,year,value,unit\n";

struct read_result {
    pc::diagnostics problems;
    bool failed = false;
    pc::observation_set data;
};

read_result read(const std::string& csv, bool strict = false, std::size_t jobs = 1) {
    pc::read_options opts;
    opts.strict = strict;
    opts.jobs = jobs;
    pc::observation_reader reader(shipped(), opts);
    reader.read(pc::csv::from_string(csv), "data.csv");
    read_result r;
    r.problems = reader.problems();
    r.failed = reader.failed();
    r.data = std::move(reader).finish();
    return r;
}

const pc::error* first_of(const pc::diagnostics& d, pc::error_code code) {
    for (const pc::error& e : d)
        if (e.code == code) return &e;
    return nullptr;
}

}  // namespace

TEST_CASE("fold_name: NFKC, invisible characters removed, spaces squeezed, case folded", "[names][text]") {
    using pc::text::clean_name;
    using pc::text::fold_name;
    CHECK(fold_name("内蒙古自治区\u00A0") == "内蒙古自治区");   // no-break space
    CHECK(fold_name("全区\u200B") == "全区");                  // zero-width space
    CHECK(fold_name("\uFEFF全区合计") == "全区合计");          // BOM
    CHECK(fold_name("\u3000内蒙古\u3000") == "内蒙古");        // ideographic spaces
    CHECK(fold_name("ＩＮＮＥＲ  ＭＯＮＧＯＬＩＡ") == "inner mongolia");  // full width, two spaces
    CHECK(fold_name("Emissions.SO2") == "emissions.so2");
    CHECK(fold_name("SO\u00AD2") == "so2");                    // soft hyphen
    CHECK(fold_name("SO₂") == "so2");                          // subscript two is a compatibility form
    CHECK(clean_name(" Inner\u00A0Mongolia ") == "Inner Mongolia");  // case kept for display
    // Traditional characters are other code points: NFKC keeps them (aliases declare them).
    CHECK(fold_name("內蒙古自治區") != fold_name("内蒙古自治区"));
}

TEST_CASE("slip_distance: a stray, dropped or swapped character is one edit; two Chinese words are two", "[names][text]") {
    const auto d = [](std::string_view a, std::string_view b) {
        return pc::text::slip_distance(pc::text::decode(a), pc::text::decode(b));
    };
    CHECK(d("emissions.so3", "emissions.so2") == 1);
    CHECK(d("emissions.cdo", "emissions.cod") == 1);  // swapped
    CHECK(d("COD排放量x", "COD排放量") == 1);           // stray character
    CHECK(d("化学需氧量排放", "化学需氧量排放量") == 1);   // dropped character
    CHECK(d("城镇污水处理率", "城市污水处理率") == 2);     // another word, not a typo
    CHECK(pc::text::slip_limit(3) == 0);
    CHECK(pc::text::slip_limit(8) == 1);
    CHECK(pc::text::slip_limit(13) == 2);
}

TEST_CASE("every spelling of the plan's region is the plan's region", "[names][region]") {
    const pc::plan& p = shipped();
    for (const char* spelling : {"内蒙古自治区", "内蒙古自治区\u00A0", "\uFEFF全区", "全区\u200B", "全区合计", "內蒙古自治區",
                                 "內蒙古", "Inner Mongolia", "INNER MONGOLIA", "ｉｎｎｅｒ ｍｏｎｇｏｌｉａ",
                                 "Inner Mongolia Autonomous Region", " 内蒙古 "}) {
        INFO(spelling);
        CHECK(p.canonical_region(spelling) == "内蒙古自治区");
    }
    CHECK(p.canonical_region("Baotou") == "包头市");
    CHECK(p.canonical_region("包头市\u200B") == "包头市");
    CHECK(p.canonical_region("全国\u00A0") == "全国");  // another region, cleaned for display
}

TEST_CASE("a failing row whose region is written another way is judged, not ignored", "[names][region][cli]") {
    const pc::plan& p = shipped();
    for (const char* spelling : {"内蒙古自治区\u00A0", "內蒙古自治區", "全区\u200B", "\uFEFF全区合计", "INNER MONGOLIA"}) {
        INFO(spelling);
        const read_result r = read(header + spelling + ",化学需氧量排放量,2020,90,万吨\n");
        REQUIRE_FALSE(r.failed);
        const auto region = r.data.region_index("内蒙古自治区");
        REQUIRE(region);
        CHECK(r.data.find(*region, *p.indicator_index("emissions.cod"), 2020) != nullptr);
    }
}

TEST_CASE("a file in which no row names a region of the plan is E-REGION at the first region cell", "[names][region]") {
    SECTION("a misspelt English name") {
        const read_result r = read(header + "Inner Mongolai,化学需氧量排放量,2020,90,万吨\n");
        CHECK(r.failed);
        const pc::error* e = first_of(r.problems, pc::error_code::region_none);
        REQUIRE(e != nullptr);
        CHECK(e->where.line == 2);
        CHECK(e->where.column == 1);
        CHECK(e->message.en.find("Inner Mongolai") != std::string::npos);
        CHECK(e->message.en.find("did you mean Inner Mongolia?") != std::string::npos);
    }
    SECTION("another region only, in the region column of a Chinese header, after other columns") {
        const read_result r = read("指标,年份,地区,数值,单位\n化学需氧量排放量,2020,全国,2564.8,万吨\n");
        const pc::error* e = first_of(r.problems, pc::error_code::region_none);
        REQUIRE(e != nullptr);
        CHECK(e->where.line == 2);
        CHECK(e->where.column == 15);
    }
    SECTION("one row of the plan's region among others is enough") {
        const read_result r =
            read(header + "全国,化学需氧量排放量,2020,2564.8,万吨\n内蒙古,化学需氧量排放量,2020,75,万吨\n");
        CHECK_FALSE(r.failed);
        CHECK(first_of(r.problems, pc::error_code::region_none) == nullptr);
    }
    SECTION("a template of the plan's region with no value filled in is not about another region") {
        const read_result r = read(header + "内蒙古自治区,化学需氧量排放量,2020,,万吨\n");
        CHECK_FALSE(r.failed);
    }
}

TEST_CASE("an indicator one slip from a known name is E-INDICATOR with did you mean", "[names][indicator]") {
    const read_result r = read(header + "内蒙古自治区,emissions.cdo,2020,90,万吨\n");
    CHECK(r.failed);
    REQUIRE_FALSE(r.problems.empty());
    const pc::error& e = r.problems.front();
    CHECK(e.code == pc::error_code::indicator_unknown);
    CHECK(e.where.line == 2);
    CHECK(e.where.column == 8);
    CHECK(e.message.en.find("did you mean emissions.cod?") != std::string::npos);
}

TEST_CASE("indicators far from every known name are ignored and listed once; errors under strict", "[names][indicator]") {
    const std::string csv = header + "内蒙古自治区,全社会用电量,2020,3900,亿千瓦时\n"
                                     "内蒙古自治区,化学需氧量排放量,2020,75,万吨\n"
                                     "内蒙古自治区,全社会用电量,2019,3653,亿千瓦时\n"
                                     "内蒙古自治区,粮食产量,2020,3664,万吨\n";
    for (const std::size_t jobs : {std::size_t{1}, std::size_t{3}}) {
        INFO("jobs " << jobs);
        const read_result r = read(csv, false, jobs);
        CHECK_FALSE(r.failed);
        std::size_t listed = 0;
        for (const pc::error& e : r.problems) listed += e.code == pc::error_code::indicator_unused ? 1 : 0;
        CHECK(listed == 1);
        const pc::error* e = first_of(r.problems, pc::error_code::indicator_unused);
        REQUIRE(e != nullptr);
        CHECK(e->level == pc::severity::warning);
        CHECK(e->where.line == 2);
        CHECK(e->where.column == 8);
        CHECK(e->message.en ==
              "2 indicators not used by plan nmg-13fyp-energy, 3 values ignored: 全社会用电量 (line 2, 2 values), "
              "粮食产量 (line 5, 1 value)");
        const pc::input_summary& in = r.data.inputs().front();
        CHECK(in.used == 1);
        CHECK(in.ignored == 3);
        CHECK(in.rows == in.used + in.ignored + in.rejected);
    }
    const read_result strict = read(csv, true);
    CHECK(strict.failed);
    REQUIRE_FALSE(strict.problems.empty());
    CHECK(strict.problems.front().code == pc::error_code::indicator_unknown);
    CHECK(strict.problems.front().where.line == 2);
    CHECK(strict.data.inputs().front().rejected == 3);
}

TEST_CASE("the wide layout follows the same rule as the long one", "[names][indicator][wide]") {
    SECTION("a misspelt column is an error with did you mean, at the header cell") {
        const read_result r = read("region,year,emissions.cod[万吨],emissions.so3[万吨]\n内蒙古自治区,2020,75.92,30\n");
        CHECK(r.failed);
        REQUIRE_FALSE(r.problems.empty());
        CHECK(r.problems.front().code == pc::error_code::indicator_unknown);
        CHECK(r.problems.front().where.line == 1);
        CHECK(r.problems.front().where.column == 31);
        CHECK(r.problems.front().message.en.find("did you mean emissions.so2?") != std::string::npos);
    }
    SECTION("a column the plan does not use is listed once, counting its values") {
        const read_result r = read("region,year,全社会用电量[亿千瓦时],emissions.cod[万吨]\n内蒙古自治区,2019,3653,80\n"
                                   "内蒙古自治区,2020,3900,90\n");
        CHECK_FALSE(r.failed);
        const pc::error* e = first_of(r.problems, pc::error_code::indicator_unused);
        REQUIRE(e != nullptr);
        CHECK(e->where.line == 1);
        CHECK(e->where.column == 13);
        CHECK(e->message.en.find("全社会用电量 (line 1, 2 values)") != std::string::npos);
    }
    SECTION("a misspelt column name of the long layout is said as such") {
        const read_result r = read("region,indicator,year,value,unti\n内蒙古自治区,能源消费总量,2020,2.34,亿吨标准煤\n");
        CHECK(r.failed);
        REQUIRE_FALSE(r.problems.empty());
        CHECK(r.problems.front().code == pc::error_code::csv_header);
        CHECK(r.problems.front().where.column == 29);
        CHECK(r.problems.front().message.en.find("did you mean unit") != std::string::npos);
    }
}

TEST_CASE("a wide file's unit column is honoured for every value or the row is refused", "[names][wide][unit]") {
    const pc::plan& p = shipped();
    const std::size_t energy = *p.indicator_index("energy.total_consumption");
    SECTION("honoured: 2.34 亿吨标准煤 is 23400 万吨标准煤") {
        const read_result r = read("region,year,unit,energy.total_consumption\n内蒙古自治区,2020,亿吨标准煤,2.34\n");
        REQUIRE_FALSE(r.failed);
        const pc::observation* o = r.data.find(*r.data.region_index("内蒙古自治区"), energy, 2020);
        REQUIRE(o != nullptr);
        CHECK(p.indicators[energy].declared_unit.value_of(o->value) == Approx(23400));
    }
    SECTION("a header unit that says otherwise is E-UNIT at the unit cell") {
        const read_result r =
            read("region,year,unit,energy.total_consumption[万吨标准煤]\n内蒙古自治区,2020,亿吨标准煤,2.34\n");
        CHECK(r.failed);
        REQUIRE_FALSE(r.problems.empty());
        CHECK(r.problems.front().code == pc::error_code::unit_unknown);
        CHECK(r.problems.front().where.line == 2);
        CHECK(r.problems.front().where.column == 13);
    }
    SECTION("a unit of another kind for one of the columns is E-UNIT-DIMENSION") {
        const read_result r = read("地区,年份,单位,能源消费总量,化学需氧量排放量\n内蒙古自治区,2020,万吨,22700,75.92\n");
        CHECK(r.failed);
        const pc::error* e = first_of(r.problems, pc::error_code::unit_dimension);
        REQUIRE(e != nullptr);
        CHECK(e->where.column == 13);
    }
    SECTION("an empty unit cell leaves the header's unit") {
        const read_result r =
            read("region,year,unit,energy.total_consumption[亿吨标准煤]\n内蒙古自治区,2020,,2.34\n");
        REQUIRE_FALSE(r.failed);
        const pc::observation* o = r.data.find(*r.data.region_index("内蒙古自治区"), energy, 2020);
        REQUIRE(o != nullptr);
        CHECK(p.indicators[energy].declared_unit.value_of(o->value) == Approx(23400));
    }
}

TEST_CASE("a file whose rows all fall outside the plan's years is E-YEAR-RANGE naming both", "[names][years]") {
    const read_result r = read(header + "内蒙古自治区,化学需氧量排放量,2021,90,万吨\n内蒙古自治区,二氧化硫排放量,2021,200,万吨\n");
    CHECK(r.failed);
    const pc::error* e = first_of(r.problems, pc::error_code::year_none);
    REQUIRE(e != nullptr);
    CHECK(e->where.line == 2);
    CHECK(e->where.column == 17);
    CHECK(e->message.en.find("2015–2020") != std::string::npos);
    CHECK(e->message.en.find("2021 (2)") != std::string::npos);
    // One year of the plan's is enough.
    CHECK_FALSE(read(header + "内蒙古自治区,化学需氧量排放量,2021,90,万吨\n内蒙古自治区,化学需氧量排放量,2020,75,万吨\n").failed);
}

TEST_CASE("a long file judged at a latest year with fewer values says which values are not judged", "[names][years][cli]") {
    const plancheck_test::temp_dir dir;
    std::string csv = header;
    for (const char* ind : {"化学需氧量排放量", "二氧化硫排放量", "氨氮排放量", "氮氧化物排放量"})
        csv += std::string("内蒙古自治区,") + ind + ",2018,80,万吨\n";
    csv += "内蒙古自治区,化学需氧量排放量,2020,90,万吨\n";
    const std::string file = dir.write("mixed.csv", csv);
    const auto r = plancheck_test::run_cli({"--lang", "en", "check", file});
    CHECK(r.exit_code == 1);
    const std::string said = "4 values of 2018 are not judged; judging 2020, the latest year (1 value); --year or "
                             "--all-years to choose";
    CHECK(r.err.find(file + ":6:22: warning[W-YEAR-MIXED]: " + said) != std::string::npos);
    CHECK(r.out.find("Note: " + said) != std::string::npos);
    // Chosen: no warning.
    CHECK(plancheck_test::run_cli({"--lang", "en", "check", "--year", "2018", file}).err.find("W-YEAR-MIXED") ==
          std::string::npos);
    CHECK(plancheck_test::run_cli({"--lang", "en", "check", "--all-years", file}).err.find("W-YEAR-MIXED") ==
          std::string::npos);
}

TEST_CASE("data of another shipped plan's years gets a hint naming that plan and --plan", "[names][years][cli]") {
    const plancheck_test::temp_dir dir;
    const std::string file = dir.write("old.csv", header + "内蒙古自治区,化学需氧量排放量,2011,91.5,万吨\n"
                                                           "内蒙古自治区,化学需氧量排放量,2014,86.0,万吨\n");
    // Named: the 13th plan is used, and the hint names the plan of the data's years.
    const auto r = plancheck_test::run_cli({"--lang", "en", "check", "--plan", "nmg-13fyp-energy", file});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(file + ":2:17: error[E-YEAR-RANGE]") != std::string::npos);
    CHECK(r.err.find("note[N-PLAN]: the data's years 2011–2014 are those of plan nmg-12fyp-pollutants") !=
          std::string::npos);
    CHECK(r.err.find("--plan nmg-12fyp-pollutants") != std::string::npos);
    // With that plan, no hint.
    const auto fits = plancheck_test::run_cli({"--lang", "en", "check", "--plan", "nmg-12fyp-pollutants", file});
    CHECK(fits.err.find("N-PLAN") == std::string::npos);
    // Not named: check picks that plan by the data's years (test_plans_14fyp.cpp) and says so.
    const auto picked = plancheck_test::run_cli({"--lang", "en", "check", file});
    CHECK(picked.err.find("note[N-PLAN]: plan nmg-12fyp-pollutants picked by the data's years") !=
          std::string::npos);
}

TEST_CASE("plans shows the region's declared spellings", "[names][region][cli]") {
    const auto text = plancheck_test::run_cli({"--lang", "en", "plans"});
    CHECK(text.out.find("also written") != std::string::npos);
    CHECK(text.out.find("內蒙古自治區") != std::string::npos);
    const auto json = plancheck_test::run_cli({"plans", "--format", "json"});
    CHECK(json.out.find("\"region_aliases\"") != std::string::npos);
}

TEST_CASE("indicators shows the region's declared spellings", "[names][region][cli]") {
    const auto text = plancheck_test::run_cli({"--lang", "en", "indicators", "COD"});
    CHECK(text.out.find("region: 内蒙古自治区 (also written 内蒙古, 全区, 全区合计") != std::string::npos);
    const auto json = plancheck_test::run_cli({"indicators", "--format", "json"});
    CHECK(json.out.find("\"region_aliases\"") != std::string::npos);
}
