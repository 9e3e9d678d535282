// Partial files must not look complete (issue 17, class 8) and a CI gate over a trajectory must
// judge the latest year (class 10): coverage beside compliance in every format, judged targets
// first in text and HTML, --only-failed lists failures only, --min-coverage gates CI; JUnit has
// one testcase per target on its latest year, and JUnit and GitHub values are not rounded.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"

using nlohmann::json;

namespace {

using plancheck_test::run_cli;
using plancheck_test::run_result;
using scratch = plancheck_test::temp_dir;

const std::string examples = std::string(PLANCHECK_SOURCE_DIR) + "/examples/";
const std::string example_2016 = examples + "nmg-2016-illustrative.csv";
const std::string example_2018 = examples + "nmg-2018-illustrative.csv";
const std::string example_2020 = examples + "nmg-2020-illustrative.csv";

// Illustrative: two values of 2020, both within their caps.
const std::string two_rows = "region,indicator,year,value,unit\n"
                             "内蒙古自治区,化学需氧量排放量,2020,75.92,万吨\n"
                             "内蒙古自治区,二氧化硫排放量,2020,102.84,万吨\n";

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

}  // namespace

TEST_CASE("coverage: a file of two rows says how little it judged, in every format", "[cli][coverage]") {
    scratch dir;
    const std::string file = dir.write("two.csv", two_rows);

    const run_result text = run_cli({"--lang", "en", "check", file});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("compliance: 4/4 targets met (100.0%) · judged 4 of 82 targets (4.9%)") != std::string::npos);
    // Judged targets first, the 78 others folded into one list at the end, before the summary.
    const auto judged_row = text.out.find("✓ met");
    const auto folded = text.out.find("Not judged (78):\n  ? no data (78): ");
    REQUIRE(judged_row != std::string::npos);
    REQUIRE(folded != std::string::npos);
    CHECK(judged_row < folded);
    CHECK(text.out.find("? no data  ") == std::string::npos);  // no unjudged row in the tables
    CHECK(count(text.out, "\n") < 45);  // 82 targets, not 82 rows

    const run_result zh = run_cli({"--lang", "zh", "check", file});
    CHECK(zh.out.find("已评价 4/82 项目标（4.9%）") != std::string::npos);

    const json report = json::parse(run_cli({"check", "--format", "json", file}).out);
    CHECK(report.at("summary").at("judged") == 4);
    CHECK(report.at("summary").at("results") == 82);
    CHECK(report.at("summary").at("coverage_percent").get<double>() == Approx(400.0 / 82));
    CHECK(report.at("summary").at("binding").at("judged") == 4);

    CHECK(run_cli({"--lang", "en", "check", "--format", "markdown", file}).out.find("· judged 4 of 82 targets (4.9%)") != std::string::npos);
    CHECK(run_cli({"--lang", "en", "check", "--format", "github", file}).out.find("judged 4 of 82 targets (4.9%25)") != std::string::npos);
    const std::string junit = run_cli({"--lang", "en", "check", "--format", "junit", file}).out;
    CHECK(junit.find("<property name=\"coverage\" value=\"judged 4 of 82 targets (4.9%)\"/>") != std::string::npos);
    const std::string html = run_cli({"--lang", "en", "check", "--format", "html", file}).out;
    CHECK(html.find("<dt>Coverage</dt><dd>judged 4 of 82 targets (4.9%)</dd>") != std::string::npos);
    CHECK(html.find("<p class=\"unjudged\">? <strong>no data (78)</strong>") != std::string::npos);
}

TEST_CASE("--verbose gives each unjudged target's reason", "[cli][coverage]") {
    scratch dir;
    const std::string file = dir.write("two.csv", two_rows);
    const run_result r = run_cli({"--lang", "en", "check", "--verbose", file});
    CHECK(r.out.find("  ? nh3n-cap 2020: ") != std::string::npos);
    CHECK(r.out.find("(the reasons: --verbose") == std::string::npos);
}

TEST_CASE("--only-failed lists failures only: no data is not a failure", "[cli][coverage]") {
    scratch dir;
    const std::string file = dir.write("two.csv", two_rows);
    SECTION("a partial file without failures lists nothing but the summary") {
        const run_result r = run_cli({"--lang", "en", "check", "--only-failed", file});
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("no data (") == std::string::npos);
        CHECK(r.out.find("Not judged") == std::string::npos);
        CHECK(r.out.find("judged 4 of 82 targets") != std::string::npos);
        const std::string csv = run_cli({"check", "--only-failed", "--format", "csv", file}).out;
        CHECK(count(csv, "\n") == 1);  // the header alone
    }
    SECTION("the 2020 example lists its six failures") {
        const run_result r = run_cli({"--lang", "en", "check", "--only-failed", example_2020});
        CHECK(count(r.out, "✗ not met") == 6);
        CHECK(r.out.find("✓ met") == std::string::npos);
        const std::string md = run_cli({"--lang", "en", "check", "--only-failed", "--format", "markdown", example_2020}).out;
        CHECK(count(md, "| not met |") == 6);
    }
}

TEST_CASE("--min-coverage: a CI gate on the targets judged", "[cli][coverage]") {
    scratch dir;
    const std::string file = dir.write("two.csv", two_rows);
    SECTION("below it: exit 1 and E-COVERAGE, the report still written") {
        const run_result r = run_cli({"--lang", "en", "check", "--min-coverage", "50", file});
        CHECK(r.exit_code == 1);
        CHECK(r.err.rfind("error[E-COVERAGE]: only 4 of 82 targets were judged (4.9%), below --min-coverage 50%", 0) == 0);
        CHECK(r.out.find("compliance: 4/4") != std::string::npos);
    }
    SECTION("at or above it: the gate passes") {
        CHECK(run_cli({"check", "--min-coverage", "4.8", file}).exit_code == 0);
        CHECK(run_cli({"check", "--min-coverage", "100", example_2020, "--fail-under", "0"}).exit_code == 0);
        CHECK(run_cli({"check", "--min-coverage", "0", file}).exit_code == 0);
    }
    SECTION("with --fail-under both must pass") {
        CHECK(run_cli({"check", "--min-coverage", "90", "--fail-under", "90", example_2020}).exit_code == 0);
        CHECK(run_cli({"check", "--min-coverage", "90", "--fail-under", "95", example_2020}).exit_code == 1);
    }
    SECTION("out of its range: a usage error") {
        for (const std::string v : {"101", "-1", "nan", "inf", "-0.5"}) {
            const run_result r = run_cli({"--lang", "en", "check", "--min-coverage", v, file});
            INFO(v);
            CHECK(r.exit_code == 2);
            CHECK(r.err.rfind("error[E-USAGE]: --min-coverage must be between 0 and 100", 0) == 0);
            CHECK(r.out.empty());
        }
    }
    SECTION("recorded in the JSON report, and merge gates the same way") {
        const std::string out = (dir.path() / "r.json").string();
        CHECK(run_cli({"check", "--min-coverage", "50", "--format", "json", "-o", out, file}).exit_code == 1);
        const json report = json::parse(dir.read("r.json"));
        CHECK(report.at("run").at("options").at("min_coverage_percent") == "50");
        const run_result m = run_cli({"--lang", "en", "merge", out});
        CHECK(m.exit_code == 1);
        CHECK(m.err.find("error[E-COVERAGE]") != std::string::npos);
    }
}

TEST_CASE("JUnit over a trajectory: one testcase per target, judged on its latest year", "[cli][junit]") {
    const run_result r = run_cli({"--lang", "en", "check", "--format", "junit", example_2016, example_2018, example_2020});
    CHECK(r.exit_code == 1);
    const std::string& xml = r.out;
    CHECK(count(xml, "<testcase ") == 82);
    // 2020 is the latest year of every target in these files: every testcase is named for it.
    CHECK(count(xml, " (2020)\" time=") == 82);
    // The failures are the misses of the latest year, as the summary counts them (7), not the 49
    // misses of every year.
    const json report =
        json::parse(run_cli({"check", "--format", "json", example_2016, example_2018, example_2020}).out);
    const int missed = report.at("summary").at("not_met").get<int>();
    CHECK(missed == 7);
    CHECK(xml.find("<testsuites name=\"plancheck\" tests=\"82\" failures=\"" + std::to_string(missed) + "\"") != std::string::npos);
    CHECK(count(xml, "<failure ") == static_cast<std::size_t>(missed));
    CHECK(count(xml, "type=\"behind\"") == 0);
    // Past years are history in the testcase's system-out, not failures.
    CHECK(xml.find("earlier years (not judged by this test):\n  2016 behind: actual") != std::string::npos);

    SECTION("a target met now but behind before passes") {
        const auto at = xml.find("name=\"nox-cap (2020)\"");
        REQUIRE(at != std::string::npos);
        const std::string one = xml.substr(at, xml.find("</testcase>", at) - at);
        CHECK(one.find("<failure") == std::string::npos);
        CHECK(one.find("2016 behind") != std::string::npos);
    }
    SECTION("--all-years on one file gives a green gate once the latest year is met") {
        scratch dir;
        const std::string file = dir.write("cod.csv",
                                           "region,indicator,year,value,unit\n"
                                           "内蒙古自治区,化学需氧量排放量,2016,83.5,万吨\n"
                                           "内蒙古自治区,化学需氧量排放量,2020,75.0,万吨\n");
        const run_result j = run_cli({"check", "--all-years", "--format", "junit", file});
        CHECK(j.exit_code == 0);
        CHECK(count(j.out, "<failure ") == 0);
        CHECK(j.out.find("2016 behind") != std::string::npos);
    }
}

TEST_CASE("JUnit and GitHub values are the input's, not rounded to two decimals", "[cli][junit][github]") {
    scratch dir;
    // Illustrative: an intensity of 0.935 in 2020, a miss of the 14% cut.
    const std::string file = dir.write("intensity.csv",
                                       "region,indicator,year,value,unit\n"
                                       "内蒙古自治区,万元GDP能耗,2020,0.935,吨标准煤/万元\n"
                                       "内蒙古自治区,能源消费总量,2020,22512.345,万吨标准煤\n");
    const std::string junit = run_cli({"--lang", "en", "check", "--format", "junit", file}).out;
    CHECK(junit.find("actual 2020 = 0.935 吨标准煤/万元") != std::string::npos);
    CHECK(junit.find("0.94 吨标准煤/万元") == std::string::npos);
    CHECK(junit.find("actual 2020 = 22512.345 万吨标准煤") != std::string::npos);
    const std::string github = run_cli({"--lang", "en", "check", "--format", "github", file}).out;
    CHECK(github.find("2.2512345 亿吨标准煤") != std::string::npos);
}
