// End-to-end tests of `plancheck check`: the real binary (PLANCHECK_BINARY) on real files — the
// shipped examples (read from the source tree, PLANCHECK_SOURCE_DIR) and small files written to a
// scratch directory. What is checked is what a user or a CI job sees: stdout, stderr, exit code.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "plancheck/sha256.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using plancheck_test::run_cli;
using plancheck_test::run_result;
using scratch = plancheck_test::temp_dir;

std::string read_file(const fs::path& p) { return plancheck_test::temp_dir::read_file(p); }
std::string in_dir(const scratch& dir, const std::string& name) { return (dir.path() / name).string(); }

const std::string source_dir = PLANCHECK_SOURCE_DIR;
const std::string example_2016 = "examples/nmg-2016-illustrative.csv";
const std::string example_2018 = "examples/nmg-2018-illustrative.csv";
const std::string example_2020 = "examples/nmg-2020-illustrative.csv";
const std::string example_12fyp = "examples/nmg-12fyp-reproduction.csv";

// The example files are named relative to the source tree, as a user types them; every run that
// uses them happens with the source tree as the working directory, so reports hold relative
// paths and do not depend on where the tree is checked out.
class in_source_dir {
public:
    in_source_dir() : previous_(fs::current_path()) { fs::current_path(source_dir); }
    ~in_source_dir() {
        std::error_code ec;
        fs::current_path(previous_, ec);
    }
    in_source_dir(const in_source_dir&) = delete;
    in_source_dir& operator=(const in_source_dir&) = delete;

private:
    fs::path previous_;
};

run_result run_in_source(std::vector<std::string> args, std::string stdin_text = {}) {
    const in_source_dir here;
    return run_cli(std::move(args), std::move(stdin_text));
}

json parse_json(const std::string& text) {
    INFO(text.substr(0, 2000));
    REQUIRE_NOTHROW(json::parse(text));
    return json::parse(text);
}

const json& result_of(const json& report, const std::string& target, int year) {
    for (const json& r : report.at("results"))
        if (r.at("target") == target && r.at("year") == year) return r;
    FAIL("no result for " << target << " " << year);
    throw std::logic_error("unreachable");
}

std::size_t count_lines(const std::string& text) {
    std::size_t n = 0;
    for (char c : text)
        if (c == '\n') ++n;
    return n;
}

// Compares two JSON documents: same structure, same strings, numbers equal within 1e-9 relative
// (the last bits of a double may legitimately differ between compilers and architectures).
// Returns the JSON pointer of the first difference, empty when equal.
std::string first_difference(const json& approved, const json& now, const std::string& where = "") {
    if (approved.is_number() && now.is_number()) {
        const double a = approved.get<double>();
        const double b = now.get<double>();
        if (std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)})) return {};
        return where + " (" + approved.dump() + " → " + now.dump() + ")";
    }
    if (approved.type() != now.type()) return where + " (type " + approved.type_name() + " → " + now.type_name() + ")";
    if (approved.is_object()) {
        std::vector<std::string> a_keys, b_keys;
        for (const auto& [k, v] : approved.items()) a_keys.push_back(k);
        for (const auto& [k, v] : now.items()) b_keys.push_back(k);
        if (a_keys != b_keys) return where + " (keys differ)";
        for (const auto& [k, v] : approved.items())
            if (auto d = first_difference(v, now.at(k), where + "/" + k); !d.empty()) return d;
        return {};
    }
    if (approved.is_array()) {
        if (approved.size() != now.size())
            return where + " (" + std::to_string(approved.size()) + " → " + std::to_string(now.size()) + " items)";
        for (std::size_t i = 0; i < approved.size(); ++i)
            if (auto d = first_difference(approved[i], now[i], where + "/" + std::to_string(i)); !d.empty()) return d;
        return {};
    }
    if (approved != now) return where + " (" + approved.dump() + " → " + now.dump() + ")";
    return {};
}

// The summary line: "compliance: M/N targets met (P%)".
struct compliance_line {
    int met = -1;
    int evaluated = -1;
    std::string percent;
};
compliance_line parse_compliance(const std::string& out) {
    static const std::regex re(R"(compliance: (\d+)/(\d+) targets met \((\d+\.\d)%\))");
    std::smatch m;
    compliance_line c;
    if (std::regex_search(out, m, re)) {
        c.met = std::stoi(m[1]);
        c.evaluated = std::stoi(m[2]);
        c.percent = m[3];
    }
    return c;
}

const std::string header = "region,indicator,year,value,unit\n";

}  // namespace

// ---- the 2020 example --------------------------------------------------------------------------

TEST_CASE("check: the 2020 example prints a table per section and the compliance line", "[cli][check]") {
    const run_result r = run_in_source({"--lang", "en", "--color", "never", "check", example_2020});
    INFO(r.err);
    CHECK(r.exit_code == 1);  // below the default --fail-under 100
    CHECK(r.err.empty());
    CHECK(r.out.find("[nmg-13fyp-energy]") != std::string::npos);
    CHECK(r.out.find("Input examples/nmg-2020-illustrative.csv: 131 rows, 131 used, 0 ignored, 0 rejected") !=
          std::string::npos);
    CHECK(r.out.find("第二章 第三节 主要目标") != std::string::npos);
    CHECK(r.out.find("Status") != std::string::npos);
    CHECK(r.out.find("Attain.") != std::string::npos);
    CHECK(r.out.find("energy-total-cap") != std::string::npos);
    CHECK(r.out.find("\x1b[") == std::string::npos);  // --color never
    // Every target is judged: nothing is listed as not judged.
    CHECK(r.out.find("Not judged") == std::string::npos);

    const compliance_line c = parse_compliance(r.out);
    CHECK(c.met == 76);
    CHECK(c.evaluated == 82);
    CHECK(c.percent == "92.7");
    CHECK(r.out.find("compliance: 76/82 targets met (92.7%) · judged 82 of 82 targets (100.0%) · binding 8/12 (66.7%) · "
                     "expected 68/70 (97.1%)") !=
          std::string::npos);
}

TEST_CASE("check: every target of the 13th plan gets a judgement from the example files", "[cli][check]") {
    SECTION("the 2020 file alone") {
        const run_result r = run_in_source({"check", "--format", "json", example_2020});
        const json report = parse_json(r.out);
        CHECK(report.at("results").size() == 82);
        for (const json& res : report.at("results")) {
            INFO(res.at("target"));
            CHECK(res.at("status") != "no data");
            CHECK(res.at("status") != "not evaluable");
            CHECK(res.at("year") == 2020);
        }
    }
    SECTION("all the files: a trajectory, summary on 2020") {
        const run_result r = run_in_source({"check", "--format", "json", example_12fyp, example_2016, example_2018, example_2020});
        CHECK(r.exit_code == 1);
        const json report = parse_json(r.out);
        const json& s = report.at("summary");
        CHECK(s.at("year") == 2020);
        CHECK(s.at("years") == json::array({2016, 2017, 2018, 2019, 2020}));
        CHECK(s.at("results") == 82);
        CHECK(s.at("evaluated") == 82);
        CHECK(s.at("met") == 75);
        for (const json& res : report.at("results")) {
            INFO(res.at("target") << " " << res.at("year"));
            CHECK(res.at("status") != "no data");
            CHECK(res.at("status") != "not evaluable");
        }
        // A deadline must hold in every year from the deadline on: 96.5 % in 2018 fails it in 2020.
        const json& fume = result_of(report, "restaurant-fume-purifiers", 2020);
        CHECK(fume.at("status") == "not met");
        CHECK(fume.at("reason").at("en").get<std::string>().find("2018") != std::string::npos);
        // Each yearly file restates the earlier years' flows: identical repeats from another file
        // are notes (listed with --verbose), neither warnings nor errors.
        CHECK(r.err.find("W-DUPLICATE") == std::string::npos);
        CHECK(r.err.find("error") == std::string::npos);
        const run_result verbose = run_in_source({"check", "--verbose", example_2016, example_2018, example_2020});
        CHECK(verbose.err.find("examples/nmg-2018-illustrative.csv:9:35: note[W-DUPLICATE]: 内蒙古自治区 "
                               "energy.saving_structural 2016 is given again with the same value (first at "
                               "examples/nmg-2016-illustrative.csv:10:38); ignored") != std::string::npos);
        CHECK(verbose.err.find("warning[W-DUPLICATE]") == std::string::npos);
    }
}

// ---- exit codes --------------------------------------------------------------------------------

TEST_CASE("check: exit codes follow --fail-under; bad input is 2", "[cli][check][exit]") {
    CHECK(run_in_source({"check", example_2020}).exit_code == 1);
    CHECK(run_in_source({"check", "--fail-under", "0", example_2020}).exit_code == 0);
    CHECK(run_in_source({"check", "--fail-under", "92.6", example_2020}).exit_code == 0);
    CHECK(run_in_source({"check", "--fail-under", "92.7", example_2020}).exit_code == 1);  // 92.68… < 92.7
    CHECK(run_in_source({"check", "--fail-under", "100", example_2020}).exit_code == 1);
    CHECK(run_in_source({"check", "--plan", "nmg-12fyp-pollutants", example_12fyp}).exit_code == 0);

    scratch tmp;
    const std::string bad = tmp.write("bad.csv", header + "内蒙古自治区,能源消费总量,2020,22k,万吨标准煤\n");
    const run_result r = run_cli({"check", "--fail-under", "0", bad});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());

    SECTION("usage errors are 2 too, with nothing on stdout") {
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"check", "--fail-under", "150", example_2020},
              std::vector<std::string>{"check", "--plan", "no-such-plan", example_2020},
              std::vector<std::string>{"check", "--no-such-option", example_2020},
              std::vector<std::string>{"check", "no-such-file.csv"}}) {
            const run_result u = run_in_source(args);
            INFO(args[1] << ": " << u.err);
            CHECK(u.exit_code == 2);
            CHECK(u.out.empty());
            CHECK_FALSE(u.err.empty());
        }
    }
}

// ---- JSON --------------------------------------------------------------------------------------

TEST_CASE("check --format json: the report parses and every result carries its fields", "[cli][check][json]") {
    const run_result r = run_in_source({"check", "--format", "json", example_2020});
    CHECK(r.exit_code == 1);
    CHECK(r.err.empty());
    const json report = parse_json(r.out);

    const json& s = report.at("summary");
    CHECK(s.at("evaluated") == 82);
    CHECK(s.at("met") == 76);
    CHECK(s.at("compliance_percent").get<double>() == Approx(100.0 * 76 / 82));
    CHECK(s.at("binding").at("met") == 8);
    CHECK(s.at("expected").at("met") == 68);

    const std::set<std::string> statuses{"met", "not met", "on track", "behind", "no data", "not evaluable"};
    const std::set<std::string> grades{"none", "green", "yellow", "red"};
    const std::set<std::string> bases{"none", "data", "plan"};
    REQUIRE(report.at("results").size() == 82);
    for (const json& res : report.at("results")) {
        INFO(res.dump().substr(0, 400));
        CHECK(res.at("target").is_string());
        CHECK(res.at("indicator").is_string());
        CHECK(res.at("region") == "内蒙古自治区");
        CHECK(res.at("year") == 2020);
        CHECK(statuses.count(res.at("status").get<std::string>()) == 1);
        CHECK(res.at("actual").is_number());
        CHECK(res.at("required").is_number());
        CHECK(res.at("unit").is_string());
        CHECK((res.at("attainment_percent").is_number() || res.at("attainment_percent").is_null()));
        CHECK(grades.count(res.at("grade").get<std::string>()) == 1);
        CHECK(bases.count(res.at("basis").get<std::string>()) == 1);
        CHECK(res.at("origin").is_array());
        CHECK_FALSE(res.at("origin").empty());
        for (const json& o : res.at("origin")) CHECK(o.get<std::string>().rfind(example_2020 + ":", 0) == 0);
        CHECK_FALSE(res.at("source").get<std::string>().empty());
    }

    const json& cap = result_of(report, "energy-total-cap", 2020);
    CHECK(cap.at("status") == "not met");
    CHECK(cap.at("actual").get<double>() == Approx(2.34));
    CHECK(cap.at("required").get<double>() == Approx(2.25));
    CHECK(cap.at("unit") == "亿吨标准煤");
    CHECK(cap.at("basis") == "plan");  // the derived 2015 value, 18930 万吨标准煤
    CHECK(cap.at("origin") == json::array({"examples/nmg-2020-illustrative.csv:3:20"}));

    const json& cod = result_of(report, "cod-cut", 2020);
    CHECK(cod.at("status") == "met");
    CHECK(cod.at("grade") == "green");
    CHECK(cod.at("basis") == "plan");
    CHECK(cod.at("unit") == "%");
    CHECK(cod.at("source").get<std::string>().find("分别比2015年下降7.1%") != std::string::npos);

    const json& approx = result_of(report, "prefab-building-share", 2020);
    CHECK(approx.at("status") == "met");  // 9.85 % for 10 %左右
    CHECK(approx.at("reason").at("en").get<std::string>().find("tolerance") != std::string::npos);

    const json& inspection = result_of(report, "vehicle-inspection-rate", 2020);
    CHECK(inspection.at("status") == "not met");
    CHECK(inspection.at("grade") == "yellow");
}

TEST_CASE("check --format json: the whole 2020 report matches the approved golden file", "[cli][check][golden]") {
    // Regenerate and review with tests/golden/approve.sh after an intended change.
    // The arguments must be those of approve.sh's case check-2020.json.
    const run_result r = run_in_source({"--lang", "en", "check", "--format", "json", example_2020});
    CHECK(r.exit_code == 1);
    const json now = parse_json(r.out);
    const fs::path golden_path = fs::path(source_dir) / "tests/golden/check-2020.json";
    REQUIRE(fs::exists(golden_path));
    json approved = parse_json(read_file(golden_path));
    // The one field that changes with no change of plancheck's behaviour: the SHA-256 of the
    // shipped rule file, which any edit of that file (a comment, a note) changes. It is checked
    // exactly here, against the file in the source tree, and not against the golden copy.
    const std::string rule_file_sha256 =
        plancheck::sha256_hex(read_file(fs::path(source_dir) / "targets/nmg-13fyp-energy.toml"));
    CHECK(now.at("run").at("plan").at("rule_file_sha256") == rule_file_sha256);
    approved["run"]["plan"]["rule_file_sha256"] = rule_file_sha256;
    const std::string difference = first_difference(approved, now);
    INFO("first difference at " << difference
                                << "\nIf the change is intended, run tests/golden/approve.sh, review the diff and commit it.");
    CHECK(difference.empty());
}

// ---- the 12th plan reproduction ------------------------------------------------------------------

TEST_CASE("check: the 12th plan reproduction gives the plan's completion figures", "[cli][check][12fyp]") {
    SECTION("json: attainment rounded down") {
        const run_result r =
            run_in_source({"check", "--plan", "nmg-12fyp-pollutants", "--format", "json", example_12fyp});
        CHECK(r.exit_code == 0);
        const json report = parse_json(r.out);
        CHECK(report.at("summary").at("met") == 8);
        CHECK(report.at("summary").at("evaluated") == 8);
        const auto attainment = [&](const std::string& target) {
            return static_cast<int>(std::floor(result_of(report, target, 2015).at("attainment_percent").get<double>()));
        };
        CHECK(attainment("cod-cut") == 138);   // the plan: 138%
        CHECK(attainment("so2-cut") == 313);   // the plan: 313%
        CHECK(attainment("nox-cut") == 229);   // the plan: 229%
        CHECK(attainment("nh3n-cut") == 142);  // the plan prints 143%; 13.78 ÷ 9.7 = 142.06%
        // The falls computed from the 2010 values round to the plan's.
        CHECK(result_of(report, "cod-cut", 2015).at("actual").get<double>() == Approx(-9.30).margin(0.005));
        CHECK(result_of(report, "nh3n-cut", 2015).at("actual").get<double>() == Approx(-13.78).margin(0.005));
        CHECK(result_of(report, "so2-cut", 2015).at("actual").get<double>() == Approx(-11.91).margin(0.005));
        CHECK(result_of(report, "nox-cut", 2015).at("actual").get<double>() == Approx(-13.33).margin(0.005));
    }
    SECTION("text: the percentages as the plan prints them") {
        const run_result r = run_in_source({"--lang", "en", "check", "--plan", "nmg-12fyp-pollutants", example_12fyp});
        CHECK(r.exit_code == 0);
        static const std::regex cod(R"(cod-cut .* 138%)"), so2(R"(so2-cut .* 313%)"), nox(R"(nox-cut .* 229%)"),
            nh3n(R"(nh3n-cut .* 142%)");
        CHECK(std::regex_search(r.out, cod));
        CHECK(std::regex_search(r.out, so2));
        CHECK(std::regex_search(r.out, nox));
        CHECK(std::regex_search(r.out, nh3n));
        CHECK(r.out.find("compliance: 8/8 targets met (100.0%)") != std::string::npos);
    }
}

// ---- interim years -----------------------------------------------------------------------------

TEST_CASE("check --year 2018 on the combined files: interim statuses at 60% time progress", "[cli][check][interim]") {
    const run_result r =
        run_in_source({"check", "--year", "2018", "--format", "json", example_12fyp, example_2016, example_2018, example_2020});
    CHECK(r.exit_code == 1);
    const json report = parse_json(r.out);
    CHECK(report.at("summary").at("years") == json::array({2018}));
    std::size_t on_track = 0, behind = 0;
    for (const json& res : report.at("results")) {
        INFO(res.at("target"));
        CHECK(res.at("year") == 2018);
        CHECK(res.at("status") != "no data");
        if (res.at("status") == "on track") ++on_track;
        if (res.at("status") == "behind") ++behind;
        if (res.at("interim").get<bool>()) CHECK((res.at("status") == "on track" || res.at("status") == "behind"));
    }
    CHECK(on_track > 0);
    CHECK(behind > 0);

    const json& cod = result_of(report, "cod-cap", 2018);
    CHECK(cod.at("status") == "on track");
    CHECK(cod.at("time_progress_percent").get<double>() == Approx(60));
    CHECK(cod.at("required").get<double>() == Approx(83.56 + (77.63 - 83.56) * 0.6));
    const json& total = result_of(report, "energy-total-cap", 2018);
    CHECK(total.at("status") == "behind");
    CHECK(total.at("time_progress_percent").get<double>() == Approx(60));
    // The deadline of the river-chief system is 2018: judged, not interim.
    CHECK(result_of(report, "river-chief-system", 2018).at("status") == "met");

    SECTION("text") {
        const run_result t =
            run_in_source({"--lang", "en", "check", "--year", "2018", example_12fyp, example_2016, example_2018, example_2020});
        CHECK(t.out.find("Year: 2018") != std::string::npos);
        CHECK(t.out.find("↗ on track") != std::string::npos);
        CHECK(t.out.find("↘ behind") != std::string::npos);
    }
}

// ---- options -----------------------------------------------------------------------------------

TEST_CASE("check --require-all counts the targets without data", "[cli][check][options]") {
    scratch tmp;
    const std::string partial = tmp.write("partial.csv", header +
                                                             "内蒙古自治区,万元GDP能耗,2020,0.935,吨标准煤/万元\n"
                                                             "内蒙古自治区,能源消费总量,2020,2.34,亿吨标准煤\n"
                                                             "内蒙古自治区,二氧化硫排放量,2020,102.84,万吨\n");
    const json plain = parse_json(run_cli({"check", "--format", "json", partial}).out);
    CHECK(plain.at("summary").at("evaluated") == 6);
    CHECK(plain.at("summary").at("met") == 2);
    CHECK(plain.at("summary").at("no_data") == 76);
    CHECK(plain.at("summary").at("require_all") == false);

    const run_result r = run_cli({"check", "--require-all", "--format", "json", partial});
    CHECK(r.exit_code == 1);
    const json all = parse_json(r.out);
    CHECK(all.at("summary").at("require_all") == true);
    CHECK(all.at("summary").at("evaluated") == 82);
    CHECK(all.at("summary").at("met") == 2);
    CHECK(all.at("summary").at("no_data") == 76);
    CHECK(all.at("summary").at("compliance_percent").get<double>() == Approx(200.0 / 82));

    const run_result text = run_cli({"--lang", "en", "check", "--require-all", partial});
    CHECK(text.out.find("compliance: 2/82 targets met (2.4%)") != std::string::npos);
    CHECK(text.out.find("--require-all") != std::string::npos);
}

TEST_CASE("check --only-failed lists only what is not met", "[cli][check][options]") {
    const run_result r = run_in_source({"--lang", "en", "check", "--only-failed", example_2020});
    CHECK(r.exit_code == 1);
    for (const char* failed : {"energy-intensity-gdp-cut", "energy-increment-cap", "energy-growth-cap", "energy-total-cap",
                               "strategic-emerging-share", "vehicle-inspection-rate"})
        CHECK(r.out.find(failed) != std::string::npos);
    CHECK(r.out.find("✓ met") == std::string::npos);
    CHECK(r.out.find("cod-cap") == std::string::npos);
    // The summary still counts every target.
    CHECK(r.out.find("compliance: 76/82 targets met (92.7%)") != std::string::npos);
}

TEST_CASE("check --lang zh reports in Chinese", "[cli][check][options]") {
    const run_result r = run_in_source({"--lang", "zh", "check", example_2020});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("达标率") != std::string::npos);
    CHECK(r.out.find("达标率：76/82 项目标达标（92.7%）") != std::string::npos);
    CHECK(r.out.find("未达标") != std::string::npos);
    CHECK(r.out.find("约束性") != std::string::npos);
    // The option may follow the subcommand too.
    CHECK(run_in_source({"check", "--lang", "zh", example_2020}).out.find("达标率") != std::string::npos);
}

TEST_CASE("check - reads standard input", "[cli][check][stdin]") {
    const std::string csv = read_file(fs::path(source_dir) / example_2020);
    const run_result r = run_cli({"--lang", "en", "check", "-"}, csv);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("Input <stdin>: 131 rows, 131 used") != std::string::npos);
    CHECK(parse_compliance(r.out).met == 76);

    const json report = parse_json(run_cli({"check", "--format", "json", "-"}, csv).out);
    CHECK(report.at("run").at("inputs").at(0).at("file") == "<stdin>");
    CHECK(report.at("summary").at("met") == 76);
    CHECK(result_of(report, "cod-cap", 2020).at("origin").at(0).get<std::string>().rfind("<stdin>:", 0) == 0);

    SECTION("an error on stdin names <stdin>:line:column") {
        const run_result e = run_cli({"check", "-"}, header + "内蒙古自治区,能源消费总量,2020,abc,万吨标准煤\n");
        CHECK(e.exit_code == 2);
        CHECK(e.out.empty());
        CHECK(e.err.find("<stdin>:2:20") != std::string::npos);
    }
}

TEST_CASE("check --output FILE writes the report there and nothing on stdout", "[cli][check][options]") {
    scratch tmp;
    const std::string report_path = in_dir(tmp, "report.json");
    const run_result r = run_in_source({"check", "--format", "json", "--output", report_path, example_2020});
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    REQUIRE(fs::exists(report_path));
    const json written = parse_json(read_file(report_path));
    const json printed = parse_json(run_in_source({"check", "--format", "json", example_2020}).out);
    CHECK(first_difference(printed, written).empty());

    SECTION("text too, with -o") {
        const std::string text_path = in_dir(tmp, "report.txt");
        const run_result t = run_in_source({"--lang", "en", "check", "-o", text_path, example_2020});
        CHECK(t.out.empty());
        CHECK(read_file(text_path).find("compliance: 76/82 targets met (92.7%)") != std::string::npos);
    }
    SECTION("an unwritable output is exit 2") {
        const run_result u = run_in_source({"check", "--output", in_dir(tmp, "no/such/dir/report.json"), example_2020});
        CHECK(u.exit_code == 2);
        CHECK(u.out.empty());
        CHECK_FALSE(u.err.empty());
    }
}

// ---- input errors ------------------------------------------------------------------------------

namespace {

struct bad_input {
    const char* what;
    std::string content;
    std::string position;               // ":line:column" expected after the file name
    std::vector<std::string> mentions;  // what the message must say
};

}  // namespace

TEST_CASE("check: every input error exits 2 with file:line:column on stderr and nothing on stdout",
          "[cli][check][errors]") {
    const std::vector<bad_input> cases{
        {"unknown indicator, with a suggestion",
         header + "内蒙古自治区,能源消费总量,2020,22000,万吨标准煤\n内蒙古自治区,化学需氧量排放,2020,76,万吨\n",
         ":3:8",
         {"E-INDICATOR", "化学需氧量排放", "did you mean 化学需氧量排放量"}},
        {"unknown unit", header + "内蒙古自治区,能源消费总量,2020,22000,万吨标准媒\n", ":2:26", {"E-UNIT", "万吨标准媒"}},
        {"unit of the wrong dimension",
         header + "内蒙古自治区,能源消费总量,2020,22000,万吨\n",
         ":2:26",
         {"E-UNIT-DIMENSION", "万吨", "did you mean 万吨标准煤"}},
        {"not a number", header + "内蒙古自治区,能源消费总量,2020,22k,万吨标准煤\n", ":2:20", {"E-NUMBER", "22k"}},
        {"two different values for the same region, indicator and year",
         header + "内蒙古自治区,能源消费总量,2020,22000,万吨标准煤\n内蒙古自治区,energy.total_consumption,2020,2.21,亿吨标准煤\n",
         ":3:38",
         {"E-DUPLICATE", ":2:20", "2.21", "22000"}},
        {"a required column missing", "region,indicator,year,unit\n内蒙古自治区,能源消费总量,2020,万吨标准煤\n", ":1:1",
         {"E-CSV-HEADER", "value"}},
        {"an empty file", "", ":1:1", {"E-CSV-EMPTY"}},
    };
    scratch tmp;
    int n = 0;
    for (const bad_input& c : cases) {
        const std::string path = tmp.write("bad" + std::to_string(++n) + ".csv", c.content);
        const run_result r = run_cli({"--lang", "en", "check", "--fail-under", "0", path});
        INFO(c.what << "\nstderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find(path + c.position + ":") != std::string::npos);
        for (const std::string& m : c.mentions) CHECK(r.err.find(m) != std::string::npos);
        // The same with --format json: still nothing on stdout.
        const run_result j = run_cli({"check", "--format", "json", path});
        CHECK(j.exit_code == 2);
        CHECK(j.out.empty());
    }
}

TEST_CASE("check: an identical duplicate within a file is only a warning", "[cli][check][errors]") {
    scratch tmp;
    const std::string path = tmp.write("dup.csv", header +
                                                      "内蒙古自治区,能源消费总量,2020,22000,万吨标准煤\n"
                                                      "内蒙古,energy.total_consumption,2020,2.2,亿吨标准煤\n");
    const run_result r = run_cli({"--lang", "en", "check", path});
    INFO(r.err);
    CHECK(r.exit_code != 2);
    CHECK(r.err.find(path + ":3:35:") != std::string::npos);
    CHECK(r.err.find("warning[W-DUPLICATE]") != std::string::npos);
    CHECK(r.err.find(path + ":2:20") != std::string::npos);  // names the first line
    CHECK(r.err.find("error") == std::string::npos);
    CHECK_FALSE(r.out.empty());
    const json report = parse_json(run_cli({"check", "--format", "json", path}).out);
    const json& in = report.at("run").at("inputs").at(0);
    CHECK(in.at("used") == 1);
    CHECK(in.at("ignored") == 1);
}

TEST_CASE("check: a template of empty values reports every target as no data, not an error", "[cli][check][template]") {
    // The 2020 example with every value blanked: what an office fills in.
    std::istringstream example(read_file(fs::path(source_dir) / example_2020));
    std::string line, csv;
    std::getline(example, line);
    csv += line + "\n";
    std::size_t rows = 0;
    while (std::getline(example, line)) {
        // region,indicator,year,value,unit → region,indicator,year,,unit
        std::vector<std::string> f;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
        REQUIRE(f.size() == 5);
        csv += f[0] + "," + f[1] + "," + f[2] + ",," + f[4] + "\n";
        ++rows;
    }
    scratch tmp;
    const std::string path = tmp.write("template.csv", csv);

    const run_result r = run_cli({"check", "--format", "json", path});
    INFO(r.err);
    CHECK(r.exit_code == 1);  // nothing evaluated never passes the default --fail-under
    // Ignored rows are notes, listed with --verbose: no error, no warning.
    CHECK(r.err.find("error") == std::string::npos);
    CHECK(r.err.find("warning") == std::string::npos);
    const json report = parse_json(r.out);
    CHECK(report.at("summary").at("results") == 82);
    CHECK(report.at("summary").at("no_data") == 82);
    CHECK(report.at("summary").at("evaluated") == 0);
    CHECK(report.at("summary").at("compliance_percent").is_null());
    for (const json& res : report.at("results")) CHECK(res.at("status") == "no data");
    const json& in = report.at("run").at("inputs").at(0);
    CHECK(in.at("rows") == rows);
    CHECK(in.at("ignored") == rows);
    CHECK(in.at("used") == 0);

    CHECK(run_cli({"check", "--fail-under", "0", path}).exit_code == 0);
    const run_result text = run_cli({"--lang", "en", "check", path});
    CHECK(text.out.find("nothing evaluated") != std::string::npos);
    CHECK(text.out.find("no data 82") != std::string::npos);
}

// ---- row accounting ----------------------------------------------------------------------------

TEST_CASE("check: every row is accounted for: used + ignored + rejected == rows", "[cli][check][rows]") {
    SECTION("a file with rows of every kind that does not stop the run") {
        scratch tmp;
        const std::string path = tmp.write("mixed.csv", header +
                                                            "内蒙古自治区,能源消费总量,2020,23400,万吨标准煤\n"  // used
                                                            "内蒙古自治区,化学需氧量排放量,2020,75.92,万吨\n"    // used
                                                            "内蒙古自治区,二氧化硫排放量,2020,,万吨\n"          // no value
                                                            ",,,,\n"                                               // every field empty
                                                            "内蒙古自治区,氮氧化物排放量,2031,96,万吨\n"         // year outside
                                                            "上海市,氮氧化物排放量,2020,96,万吨\n"               // region no target is about
                                                            "内蒙古,化学需氧量排放量,2020,75.92,万吨\n");         // identical repeat
        const run_result r = run_cli({"check", "--format", "json", path});
        INFO(r.err);
        REQUIRE(r.exit_code != 2);
        const json in = parse_json(r.out).at("run").at("inputs").at(0);
        CHECK(in.at("rows") == 7);
        CHECK(in.at("used") == 2);
        CHECK(in.at("ignored") == 5);
        CHECK(in.at("rejected") == 0);
        CHECK(in.at("used").get<int>() + in.at("ignored").get<int>() + in.at("rejected").get<int>() == 7);
    }
    SECTION("the example files, read together") {
        const std::vector<std::string> files{example_12fyp, example_2016, example_2018, example_2020};
        const json report = parse_json(run_in_source({"check", "--format", "json", example_12fyp, example_2016, example_2018, example_2020}).out);
        const json& inputs = report.at("run").at("inputs");
        REQUIRE(inputs.size() == files.size());
        for (std::size_t i = 0; i < files.size(); ++i) {
            const json& in = inputs.at(i);
            INFO(files[i]);
            CHECK(in.at("file") == files[i]);
            const std::size_t data_rows = count_lines(read_file(fs::path(source_dir) / files[i])) - 1;  // minus the header
            CHECK(in.at("rows") == data_rows);
            CHECK(in.at("used").get<std::size_t>() + in.at("ignored").get<std::size_t>() +
                      in.at("rejected").get<std::size_t>() ==
                  data_rows);
        }
    }
}
