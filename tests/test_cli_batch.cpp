// End-to-end tests of batch and CI use, through the real binary (PLANCHECK_BINARY): the template
// a submitter fills in and its round trip through `check`; submission checks (--require-all,
// --strict, --max-yoy-change); many files as a trajectory; --per-file; `merge` of sharded runs
// against one run over all files; and the input forms a statistics office sends (wide layout,
// GB18030 from Excel).

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using plancheck_test::run_cli;
using plancheck_test::run_result;
using scratch = plancheck_test::temp_dir;

const std::string source_dir = PLANCHECK_SOURCE_DIR;
std::string example(const std::string& name) { return source_dir + "/examples/" + name; }

json parse_json(const std::string& text) {
    INFO(text.substr(0, 2000));
    REQUIRE_NOTHROW(json::parse(text));
    return json::parse(text);
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + what.size())) ++n;
    return n;
}

// Fills every empty value cell of a template with `value`.
std::string fill(const std::string& csv_text, const std::string& value) {
    std::istringstream in(csv_text);
    std::string out;
    bool header = true;
    for (std::string line; std::getline(in, line);) {
        if (!header) line.insert(line.find(",,") + 1, value);
        header = false;
        out += line + "\n";
    }
    return out;
}

}  // namespace

// ---- template --------------------------------------------------------------------------------

TEST_CASE("template: one row per value the plan needs, value empty, in declared units", "[cli][template]") {
    const run_result r = run_cli({"template", "--year", "2020", "--no-bom"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    REQUIRE(r.out.rfind("region,indicator,year,value,unit\n", 0) == 0);
    CHECK(r.out.find("内蒙古自治区,energy.intensity_industry,2015,,吨标准煤/万元\n") != std::string::npos);  // base the plan lacks
    CHECK(r.out.find("内蒙古自治区,energy.intensity_gdp,2020,,吨标准煤/万元\n") != std::string::npos);
    CHECK(r.out.find("内蒙古自治区,energy.intensity_gdp,2015,") == std::string::npos);  // the plan states it
    for (int y = 2016; y <= 2020; ++y)  // a cumulative target: every year of the sum
        CHECK(r.out.find("内蒙古自治区,energy.saving_structural," + std::to_string(y) + ",,万吨标准煤\n") != std::string::npos);

    SECTION("--output writes the same; --lang zh in Chinese") {
        scratch dir;
        const std::string out = (dir.path() / "blank.csv").string();
        CHECK(run_cli({"template", "--year", "2020", "--no-bom", "--output", out}).exit_code == 0);
        CHECK(dir.read("blank.csv") == r.out);
        const run_result zh = run_cli({"--lang", "zh", "template", "--year", "2020", "--no-bom"});
        CHECK(zh.out.rfind("地区,指标,年份,数值,单位\n", 0) == 0);
        CHECK(zh.out.find("内蒙古自治区,化学需氧量排放量,2020,,万吨\n") != std::string::npos);
        CHECK(count_of(zh.out, "\n") == count_of(r.out, "\n"));
    }
    SECTION("--regional: the blank regional targets table") {
        const run_result t = run_cli({"template", "--regional", "--no-bom"});
        REQUIRE(t.exit_code == 0);
        CHECK(t.out.rfind("region,indicator,kind,value,unit,base_year,target_year", 0) == 0);
        CHECK(count_of(t.out, "\n") == 1 + 12 * 6);  // 12 leagues and cities × 6 annex targets
        CHECK(t.out.find("包头市,emissions.cod,change_vs_base,,%,2015,2020,") != std::string::npos);
    }
    SECTION("usage errors") {
        const run_result no_year = run_cli({"template"});
        CHECK(no_year.exit_code == 2);
        CHECK(no_year.err.find("error[E-USAGE]: --year is required") != std::string::npos);
        const run_result city = run_cli({"template", "--year", "2020", "--region", "包头市"});
        CHECK(city.exit_code == 2);
        CHECK(city.err.find("--regional-targets") != std::string::npos);
        const run_result base_year = run_cli({"template", "--year", "2015"});
        CHECK(base_year.exit_code == 2);
        CHECK(base_year.out.empty());
    }
}

TEST_CASE("template → fill → check: every target judged; unfilled: every target no data", "[cli][template]") {
    scratch dir;
    const run_result t = run_cli({"template", "--year", "2020"});
    REQUIRE(t.exit_code == 0);

    SECTION("filled") {
        const std::string filled = dir.write("filled.csv", fill(t.out, "1"));
        const run_result r = run_cli({"check", "--format", "json", filled});
        INFO(r.err);
        CHECK((r.exit_code == 0 || r.exit_code == 1));
        CHECK(r.err.find("error") == std::string::npos);
        const json report = parse_json(r.out);
        CHECK(report.at("summary").at("no_data") == 0);
        for (const json& result : report.at("results")) CHECK(result.at("status") != "no data");
        CHECK(report.at("run").at("inputs").at(0).at("rejected") == 0);
        CHECK(report.at("run").at("inputs").at(0).at("bom") == true);  // the template's BOM, read back
    }
    SECTION("unfilled: no data everywhere, exit 1 (nothing evaluated never passes), not 2") {
        const std::string blank = dir.write("blank.csv", t.out);
        const run_result r = run_cli({"check", "--format", "json", blank});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("error") == std::string::npos);
        const json report = parse_json(r.out);
        REQUIRE_FALSE(report.at("results").empty());
        for (const json& result : report.at("results")) CHECK(result.at("status") == "no data");
        CHECK(report.at("summary").at("evaluated") == 0);
        CHECK(report.at("summary").at("compliance_percent").is_null());
        CHECK(report.at("run").at("inputs").at(0).at("used") == 0);
        CHECK(report.at("run").at("inputs").at(0).at("ignored") == report.at("run").at("inputs").at(0).at("rows"));

        CHECK(run_cli({"check", "--fail-under", "0", blank}).exit_code == 0);
    }
    SECTION("--require-all lists what is missing") {
        const std::string blank = dir.write("blank.csv", t.out);
        const run_result r = run_cli({"check", "--require-all", blank});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find(blank + ": warning[W-PLAUSIBILITY]: incomplete for 2020: ") != std::string::npos);
        CHECK(r.err.find("内蒙古自治区: energy.intensity_gdp 2020") != std::string::npos);
        // Without --require-all it is a note: in the report, not on stderr.
        const run_result quiet = run_cli({"check", "--format", "json", blank});
        CHECK(quiet.err.find("incomplete") == std::string::npos);
        bool listed = false;
        const json report = parse_json(quiet.out);
        for (const json& f : report.at("findings"))
            if (f.at("code") == "W-PLAUSIBILITY" && f.at("severity") == "note") listed = true;
        CHECK(listed);
    }
}

// ---- submission checks -------------------------------------------------------------------------

TEST_CASE("--strict turns a plausibility warning into exit 2; --max-yoy-change sets the bound", "[cli][plausibility]") {
    scratch dir;
    const std::string file = dir.write("share.csv",
                                       "region,indicator,year,value,unit\n"
                                       "内蒙古自治区,economy.service_share,2020,120,%\n");
    // A warning does not fail the run: the one target with data (45% or more) is met.
    const run_result lenient = run_cli({"check", file});
    CHECK(lenient.exit_code == 0);
    CHECK(lenient.err.find(file + ":2:35: warning[W-PLAUSIBILITY]: economy.service_share of 内蒙古自治区 in 2020 is 120%") !=
          std::string::npos);

    const run_result strict = run_cli({"check", "--strict", file});
    CHECK(strict.exit_code == 2);
    CHECK(strict.out.empty());
    CHECK(strict.err.find(file + ":2:35: error[E-PLAUSIBILITY]: ") != std::string::npos);
    CHECK(strict.err.find("error[E-INPUT]: nothing was evaluated") != std::string::npos);

    SECTION("year-over-year bound") {
        const std::string jump = dir.write("jump.csv",
                                           "region,indicator,year,value,unit\n"
                                           "内蒙古自治区,emissions.so2,2019,100,万吨\n"
                                           "内蒙古自治区,emissions.so2,2020,40,万吨\n");
        const run_result r = run_cli({"check", "--strict", jump});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(jump + ":3:") != std::string::npos);
        CHECK(r.err.find("changes by -60.0% from 2019") != std::string::npos);
        CHECK(run_cli({"check", "--strict", "--max-yoy-change", "70", jump}).exit_code == 0);
        CHECK(run_cli({"check", "--max-yoy-change", "0", jump}).exit_code == 2);  // usage
    }
    SECTION("the JSON report records the options") {
        const json report = parse_json(run_cli({"check", "--format", "json", "--max-yoy-change", "30", file}).out);
        CHECK(report.at("run").at("options").at("strict") == "false");
        CHECK(report.at("run").at("options").at("max_yoy_change_percent") == "30");
    }
}

// ---- many files ----------------------------------------------------------------------------

TEST_CASE("several files (a shell glob) give a trajectory: one result per target and year with data", "[cli][batch]") {
    const run_result r = run_cli({"check", "--format", "json", example("nmg-2016-illustrative.csv"),
                                  example("nmg-2018-illustrative.csv"), example("nmg-2020-illustrative.csv")});
    CHECK(r.exit_code == 1);
    const json report = parse_json(r.out);
    CHECK(report.at("summary").at("years") == json({2016, 2017, 2018, 2019, 2020}));
    CHECK(report.at("run").at("options").at("all_years") == "true");
    std::set<std::tuple<std::string, std::string, int>> seen;
    std::map<std::string, std::set<int>> years_of;
    for (const json& res : report.at("results")) {
        const auto key = std::make_tuple(res.at("target").get<std::string>(), res.at("region").get<std::string>(),
                                         res.at("year").get<int>());
        CHECK(seen.insert(key).second);  // one result per target, region and year
        years_of[res.at("target").get<std::string>()].insert(res.at("year").get<int>());
    }
    CHECK(years_of.at("cod-cap") == std::set<int>{2016, 2018, 2020});
    // The summary counts each target once, on its latest year.
    CHECK(report.at("summary").at("results") == years_of.size());
}

TEST_CASE("--per-file: each file read, judged and reported on its own; the worst exit code wins", "[cli][batch]") {
    scratch dir;
    const std::string good = example("nmg-2020-illustrative.csv");
    const std::string older = example("nmg-2016-illustrative.csv");
    const std::string bad = dir.write("bad.csv", "region,indicator,year,value,unit\n内蒙古自治区,emissions.so2,2020,105.2,万吨标煤X\n");

    SECTION("text: one report after another under the file's name") {
        const run_result r = run_cli({"check", "--per-file", good, older});
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("==> " + good + " <==\n") == 0);
        CHECK(r.out.find("\n==> " + older + " <==\n") != std::string::npos);
        CHECK(count_of(r.out, "compliance: ") == 2);
        CHECK(run_cli({"check", "--per-file", "--fail-under", "0", good, older}).exit_code == 0);
    }
    SECTION("a file with errors: exit 2, the others still reported") {
        const run_result r = run_cli({"check", "--per-file", good, bad});
        CHECK(r.exit_code == 2);
        CHECK(count_of(r.out, "compliance: ") == 1);
        CHECK(r.out.find("==> " + bad + " <==\nnothing evaluated") != std::string::npos);
        CHECK(r.err.find(bad + ":2:") != std::string::npos);
    }
    SECTION("json: a plancheck-reports/1 bundle") {
        const run_result r = run_cli({"check", "--per-file", "--format", "json", good, older, bad});
        CHECK(r.exit_code == 2);
        const json bundle = parse_json(r.out);
        CHECK(bundle.at("schema") == "plancheck-reports/1");
        REQUIRE(bundle.at("reports").size() == 2);
        CHECK(bundle.at("reports").at(0).at("schema") == "plancheck-report/1");
        CHECK(bundle.at("reports").at(0).at("run").at("inputs").size() == 1);
        CHECK(bundle.at("reports").at(0).at("summary").at("year") == 2020);
        CHECK(bundle.at("reports").at(1).at("summary").at("year") == 2016);
        REQUIRE(bundle.at("failed").size() == 1);
        CHECK(bundle.at("failed").at(0).at("file") == bad);
        CHECK(bundle.at("failed").at(0).at("findings").at(0).at("code") == "E-UNIT");
        // Each report is what `check FILE` alone gives.
        const json alone = parse_json(run_cli({"check", "--format", "json", older}).out);
        CHECK(bundle.at("reports").at(1).at("summary") == alone.at("summary"));
        CHECK(bundle.at("reports").at(1).at("results") == alone.at("results"));
    }
    SECTION("csv: one table with a file column") {
        const run_result r = run_cli({"check", "--per-file", "--format", "csv", good, older});
        CHECK(r.out.rfind("file,target,indicator,region,year,status,", 0) == 0);
        CHECK(count_of(r.out, "target,indicator,region,year") == 1);
        CHECK(r.out.find("\n" + good + ",energy-intensity-gdp-cut,") != std::string::npos);
        CHECK(r.out.find("\n" + older + ",energy-intensity-gdp-cut,") != std::string::npos);
    }
    SECTION("junit is one document per run: refused") {
        CHECK(run_cli({"check", "--per-file", "--format", "junit", good}).exit_code == 2);
    }
}

// ---- merge ------------------------------------------------------------------------------------

TEST_CASE("merge: shards per league/city give the report of one run over all files", "[cli][merge]") {
    scratch dir;
    const std::string table = dir.write("regional.csv",
                                        "region,indicator,kind,value,unit,base_year,target_year\n"
                                        "包头市,emissions.cod,change_vs_base,-7,%,2015,2020\n"
                                        "包头市,energy.total_consumption,increment_at_most,600,万吨标准煤,2015,2020\n"
                                        "呼和浩特市,emissions.cod,change_vs_base,-6,%,2015,2020\n"
                                        "呼和浩特市,energy.total_consumption,increment_at_most,350,万吨标准煤,2015,2020\n");
    const std::string baotou = dir.write("baotou.csv",
                                         "region,indicator,year,value,unit\n"
                                         "包头市,emissions.cod,2015,6.0,万吨\n"
                                         "包头市,emissions.cod,2016,5.9,万吨\n"
                                         "包头市,emissions.cod,2017,5.8,万吨\n"
                                         "包头市,emissions.cod,2020,5.5,万吨\n"
                                         "包头市,energy.total_consumption,2015,3000,万吨标准煤\n"
                                         "包头市,energy.total_consumption,2020,3700,万吨标准煤\n");
    const std::string hohhot = dir.write("hohhot.csv",
                                         "region,indicator,year,value,unit\n"
                                         "呼和浩特市,emissions.cod,2015,4.0,万吨\n"
                                         "呼和浩特市,emissions.cod,2018,3.8,万吨\n"
                                         "呼和浩特市,emissions.cod,2019,3.75,万吨\n"
                                         "呼和浩特市,energy.total_consumption,2015,2000,万吨标准煤\n"
                                         "呼和浩特市,energy.total_consumption,2018,2200,万吨标准煤\n");
    const std::vector<std::string> common{"check", "--regional-targets", table, "--all-years", "--format", "json"};
    const auto check = [&](std::vector<std::string> files, const std::string& out) {
        std::vector<std::string> args = common;
        args.insert(args.end(), files.begin(), files.end());
        args.insert(args.end(), {"--output", out});
        const run_result r = run_cli(args);
        INFO(r.err);
        CHECK((r.exit_code == 0 || r.exit_code == 1));
        return r.exit_code;
    };
    const std::string a = (dir.path() / "a.json").string();
    const std::string b = (dir.path() / "b.json").string();
    const std::string all = (dir.path() / "all.json").string();
    check({baotou}, a);
    check({hohhot}, b);
    const int one_code = check({baotou, hohhot}, all);

    const run_result m = run_cli({"merge", "--regional-targets", table, "--format", "json", a, b});
    INFO(m.err);
    REQUIRE(m.exit_code == one_code);
    // Byte for byte the report of one run over both files.
    CHECK(m.out == dir.read("all.json"));
    const json one = parse_json(dir.read("all.json"));
    // Not a vacuous comparison: both leagues were judged, in several years (Hohhot's data ends in
    // 2019, so in the summary year 2020 only Baotou's two targets have data).
    CHECK(one.at("summary").at("evaluated") == 2);
    CHECK(one.at("summary").at("years") == json({2016, 2017, 2018, 2019, 2020}));
    std::size_t judged = 0;
    for (const json& res : one.at("results"))
        if (res.at("status") != "no data" && res.at("status") != "not evaluable") ++judged;
    CHECK(judged == 7);

    SECTION("text: the text report of one run") {
        const run_result text = run_cli({"merge", "--regional-targets", table, a, b});
        CHECK(text.exit_code == one_code);
        std::vector<std::string> args{"check", "--regional-targets", table, "--all-years", baotou, hohhot};
        CHECK(text.out == run_cli(args).out);
        const std::string out = (dir.path() / "merged.json").string();
        CHECK(run_cli({"merge", "--regional-targets", table, "--format", "json", "--output", out, a, b}).exit_code == one_code);
        CHECK(dir.read("merged.json") == m.out);
    }
    SECTION("without the regional table the reports were made with") {
        const run_result r = run_cli({"merge", a, b});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("error[E-USAGE]") != std::string::npos);
        CHECK(r.err.find("--regional-targets") != std::string::npos);
    }
    SECTION("shards checked with other options are refused, naming the option") {
        const std::string c = (dir.path() / "c.json").string();
        REQUIRE(run_cli({"check", "--regional-targets", table, "--all-years", "--require-all", "--format", "json", "--output", c, hohhot})
                    .exit_code <= 1);
        const run_result r = run_cli({"merge", "--regional-targets", table, a, c});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("error[E-USAGE]") != std::string::npos);
        CHECK(r.err.find("$.run.options.require_all") != std::string::npos);
    }
    SECTION("a file that is not a report") {
        const run_result r = run_cli({"merge", "--regional-targets", table, a, baotou});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(baotou + ":1:1: error[E-REPORT]") != std::string::npos);
    }
}

TEST_CASE("merge: per-year shards that carry what each year needs", "[cli][merge]") {
    scratch dir;
    // The plan states the 2015 values of the four pollutants, so each year's file stands alone.
    std::vector<std::string> files;
    const std::map<int, std::vector<double>> values{{2016, {82.0, 4.6, 120.0, 110.0}},
                                                    {2018, {80.0, 4.5, 112.0, 104.0}},
                                                    {2020, {76.5, 4.3, 104.0, 99.0}}};
    for (const auto& [year, v] : values) {
        std::string text = "indicator,year,value,unit\n";
        const std::vector<std::string> ids{"emissions.cod", "emissions.nh3n", "emissions.so2", "emissions.nox"};
        for (std::size_t k = 0; k < ids.size(); ++k)
            text += fmt::format("{},{},{},万吨\n", ids[k], year, v[k]);
        files.push_back(dir.write(fmt::format("y{}.csv", year), text));
    }
    std::vector<std::string> shards;
    for (const std::string& f : files) {
        const std::string out = f + ".json";
        REQUIRE(run_cli({"check", "--all-years", "--format", "json", "--output", out, f}).exit_code <= 1);
        shards.push_back(out);
    }
    std::vector<std::string> all_args{"check", "--format", "json"};
    all_args.insert(all_args.end(), files.begin(), files.end());
    const run_result one_run = run_cli(all_args);
    const json one = parse_json(one_run.out);
    std::vector<std::string> merge_args{"merge", "--format", "json"};
    merge_args.insert(merge_args.end(), shards.begin(), shards.end());
    const run_result m = run_cli(merge_args);
    INFO(m.err);
    REQUIRE(m.exit_code == one_run.exit_code);
    CHECK(m.out == one_run.out);
    CHECK(one.at("summary").at("years") == json({2016, 2018, 2020}));

    SECTION("shards checked without --all-years judge every year once merged, as one run does") {
        std::vector<std::string> latest;
        for (const std::string& f : files) {
            const std::string out = f + ".latest.json";
            REQUIRE(run_cli({"check", "--format", "json", "--output", out, f}).exit_code <= 1);
            latest.push_back(out);
        }
        std::vector<std::string> args{"merge", "--format", "json"};
        args.insert(args.end(), latest.begin(), latest.end());
        CHECK(run_cli(args).out == one_run.out);
    }
    SECTION("a status edited by hand is refused with the file and the JSON path") {
        json edited = parse_json(dir.read("y2016.csv.json"));
        std::size_t index = 0;
        for (; index < edited.at("results").size(); ++index)
            if (edited["results"][index].at("status") != "met") break;
        REQUIRE(index < edited.at("results").size());
        edited["results"][index]["status"] = "met";
        const std::string path = dir.write("edited.json", edited.dump(2));
        const run_result r = run_cli({"merge", path, shards[1], shards[2]});
        CHECK(r.exit_code == 2);
        CHECK(r.err.rfind(path + ":", 0) == 0);  // the report, at the line and column of the field
        CHECK(r.err.find(fmt::format(": error[E-REPORT]: at $.results[{}].status: says \"met\"", index)) != std::string::npos);
    }
    SECTION("a --per-file bundle holding a failed file: exit 2 with its error, as one run") {
        const std::string bad = dir.write("bad.csv", "indicator,year,value,unit\nemissions.cod,2020,abc,万吨\n");
        std::vector<std::string> args{"check", "--per-file", "--format", "json", "--all-years"};
        args.insert(args.end(), files.begin(), files.end());
        args.push_back(bad);
        const run_result bundle = run_cli(args);
        REQUIRE(bundle.exit_code == 2);
        const std::string path = dir.write("bundle.json", bundle.out);
        const run_result r = run_cli({"merge", path});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(bad + ":2:20: error[E-NUMBER]") != std::string::npos);
        CHECK(r.err.find("error[E-INPUT]") != std::string::npos);
        CHECK(r.out.empty());
    }
}

// ---- input forms ------------------------------------------------------------------------------

TEST_CASE("wide input: one row per region and year, units in the header", "[cli][input]") {
    scratch dir;
    const std::string file = dir.write("wide.csv",
                                       "地区,年份,emissions.so2[万吨],化学需氧量（万吨）\n"
                                       "内蒙古自治区,2020,105.2,76.1\n");
    const run_result r = run_cli({"check", "--format", "json", file});
    CHECK(r.exit_code == 0);  // the targets with data (SO2 and COD caps and cuts) are met
    const json report = parse_json(r.out);
    CHECK(report.at("run").at("inputs").at(0).at("format") == "wide");
    CHECK(report.at("run").at("inputs").at(0).at("used") == 1);
    for (const json& res : report.at("results")) {
        if (res.at("target") == "so2-cap") CHECK(res.at("actual").get<double>() == Approx(105.2));
        if (res.at("target") == "cod-cap") {
            CHECK(res.at("actual").get<double>() == Approx(76.1));
            CHECK(res.at("status") == "met");
            CHECK(res.at("origin").at(0) == file + ":2:19");
        }
    }
}

TEST_CASE("GB18030 input (Excel on a Chinese Windows): detected, chosen, or refused as UTF-8", "[cli][input]") {
    scratch dir;
    // 化学需氧量 in GB18030/GBK: BB AF D1 A7 D0 E8 D1 F5 C1 BF.
    const std::string gbk_cod = "\xBB\xAF\xD1\xA7\xD0\xE8\xD1\xF5\xC1\xBF";
    const std::string file = dir.write("gbk.csv", "indicator,year,value,unit\n" + gbk_cod + ",2020,761000,t\n");

    const auto cod_actual = [](const json& report) {
        for (const json& res : report.at("results"))
            if (res.at("target") == "cod-cap") return res.at("actual").get<double>();
        FAIL("no cod-cap result");
        return 0.0;
    };
    SECTION("detected") {
        const run_result r = run_cli({"check", "--verbose", "--format", "json", file});
        CHECK(r.exit_code == 0);  // COD cap and cut met
        CHECK(r.err.find(file + ": note[N-ENCODING]: not UTF-8: read as GB18030") != std::string::npos);
        const json report = parse_json(r.out);
        CHECK(report.at("run").at("inputs").at(0).at("encoding") == "gb18030");
        CHECK(cod_actual(report) == Approx(76.1));
    }
    SECTION("chosen with --encoding gb18030") {
        const run_result r = run_cli({"check", "--verbose", "--encoding", "gb18030", "--format", "json", file});
        CHECK(r.exit_code == 0);
        CHECK(r.err.find("N-ENCODING") == std::string::npos);
        CHECK(cod_actual(parse_json(r.out)) == Approx(76.1));
    }
    SECTION("--encoding utf-8: an error at its line and column") {
        const run_result r = run_cli({"check", "--encoding", "utf-8", file});
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find(file + ":2:1: error[E-ENCODING]") != std::string::npos);
    }
}
