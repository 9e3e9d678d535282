// The GitHub Actions report: `::error` workflow commands at the CSV cell of each missed target
// (exact lines for a small case), the fall-backs when the actual value has no origin,
// `::warning` for data-quality findings, the `::notice` summary, the annotations for input
// errors, and GitHub's escaping (`%`, CR, LF everywhere; `:` and `,` in properties) so that no
// input can end a command early or start another.

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/evaluate.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/report.hpp"
#include "plancheck/rule_loader.hpp"

namespace {

namespace pc = plancheck;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

const std::string header = "region,indicator,year,value,unit\n";
// One value: COD 2020 = 80.83 万吨, which misses its cap (77.63) and its cut (−7.1% from 83.56).
const std::string cod_csv = header + "内蒙古自治区,化学需氧量排放量,2020,80.83,万吨\n";

struct checked {
    pc::plan p;
    pc::observation_set data;
    pc::diagnostics findings;
    std::uint64_t left_out = 0;
    pc::evaluation ev;
};

checked evaluate_csv(const std::string& csv, const std::string& name = "data.csv", bool require_all = false) {
    auto loaded = pc::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(loaded);
    checked c{std::move(loaded).value(), {}, {}, 0, {}};
    pc::observation_reader reader(c.p, {});
    reader.read(pc::csv::from_string(csv), name);
    REQUIRE_FALSE(reader.failed());
    c.findings = reader.problems();
    c.left_out = reader.findings_left_out();
    c.data = std::move(reader).finish();
    pc::evaluation_options opts;
    opts.require_all = require_all;
    c.ev = pc::evaluate(c.p, c.data, opts);
    return c;
}

std::string github(const checked& c, pc::language lang = pc::language::en) {
    const pc::report_context ctx{c.p, c.ev, c.data, c.findings, c.left_out, lang, false, false, false, {}};
    return pc::render_github(ctx);
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

pc::target_result& result_of(checked& c, std::string_view id) {
    const auto it = std::find_if(c.ev.results.begin(), c.ev.results.end(),
                                 [&](const pc::target_result& r) { return c.p.targets[r.target_index].id == id; });
    REQUIRE(it != c.ev.results.end());
    return *it;
}

}  // namespace

TEST_CASE("github: a missed target is an ::error at the CSV cell of its actual value", "[github]") {
    const checked c = evaluate_csv(cod_csv);
    const pc::target* cut = c.p.find_target("cod-cut");
    REQUIRE(cut != nullptr);
    REQUIRE(cut->source ==
            "全区化学需氧量排放量控制在77.63万吨以内、氨氮排放量控制在4.37万吨以内、二氧化硫排放量控制在109.56万吨以内、"
            "氮氧化物排放量控制在101.4万吨以内，分别比2015年下降7.1%、7%、11%、11%。");

    const auto& s = c.ev.summary;
    REQUIRE(s.all.evaluated == 2);
    REQUIRE(s.binding.evaluated == 2);
    const std::vector<std::string> expected{
        // 80.83 − 77.63 = 3.2, 4.1% of the cap: yellow. The value is line 2, column 22 (characters).
        "::error file=data.csv,line=2,col=22,title=cod-cap not met (2020)::COD emissions cap (内蒙古自治区, 2020): "
        "actual 80.83 万吨, required ≤ 77.63 万吨, gap +3.2 万吨, grade yellow%0A"
        "第二章 第三节 主要目标: 全区化学需氧量排放量控制在77.63万吨以内",
        // (80.83 − 83.56) ÷ 83.56 = −3.27%; −3.27 − (−7.1) = 3.83 points, 54% of the cut: red.
        // The plan's sentence holds % signs, escaped as %25.
        "::error file=data.csv,line=2,col=22,title=cod-cut not met (2020)::COD emissions cut (内蒙古自治区, 2020): "
        "actual -3.2671%25, required ≤ -7.1%25, gap +3.8329%25, grade red%0A"
        "第二章 第三节 主要目标: 全区化学需氧量排放量控制在77.63万吨以内、氨氮排放量控制在4.37万吨以内、"
        "二氧化硫排放量控制在109.56万吨以内、氮氧化物排放量控制在101.4万吨以内，分别比2015年下降7.1%25、7%25、11%25、11%25。",
        "::notice title=plancheck nmg-13fyp-energy::compliance 0/2 (0.0%25) · judged 2 of 82 targets (2.4%25) · "
        "binding 0/2 (0.0%25) · "
        "expected 0/0 (n/a) · no data " +
            std::to_string(s.all.no_data) +
            (s.all.not_evaluable > 0 ? " · not evaluable " + std::to_string(s.all.not_evaluable) : std::string()),
    };
    CHECK(lines_of(github(c)) == expected);
}

TEST_CASE("github: in Chinese the messages are Chinese", "[github]") {
    const checked c = evaluate_csv(cod_csv);
    const auto lines = lines_of(github(c, pc::language::zh));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] ==
          "::error file=data.csv,line=2,col=22,title=cod-cap 未达标 (2020)::化学需氧量排放总量上限（内蒙古自治区，2020年）："
          "实际 80.83 万吨，要求 ≤ 77.63 万吨，差距 +3.2 万吨，预警 黄灯%0A"
          "第二章 第三节 主要目标: 全区化学需氧量排放量控制在77.63万吨以内");
    CHECK_THAT(lines[2], StartsWith("::notice title=plancheck nmg-13fyp-energy::达标率 0/2 (0.0%25)"));
}

TEST_CASE("github: the annotation falls back to another value's origin, or to none", "[github]") {
    checked c = evaluate_csv(cod_csv);
    pc::target_result& cut = result_of(c, "cod-cut");
    REQUIRE(cut.inputs.size() == 2);  // the 2020 value from the data, the 2015 base from the plan

    // No value marked "actual": the first value with an origin.
    for (pc::input_value& v : cut.inputs)
        if (v.role == "actual") v.role = "year 2020";
    CHECK_THAT(lines_of(github(c))[1], StartsWith("::error file=data.csv,line=2,col=22,title=cod-cut"));

    // No value with an origin (every value from the plan): an annotation without a file.
    for (pc::input_value& v : cut.inputs) v.where.reset();
    CHECK_THAT(lines_of(github(c))[1], StartsWith("::error title=cod-cut not met (2020)::"));

    // Standard input is not a file in the repository.
    const checked piped = evaluate_csv(cod_csv, "<stdin>");
    CHECK_THAT(lines_of(github(piped))[0], StartsWith("::error title=cod-cap not met (2020)::"));
}

TEST_CASE("github: escaping of %, :, , and line breaks keeps every command on its line", "[github]") {
    checked c = evaluate_csv(cod_csv, "sub dir/a:b,c%d.csv");
    for (pc::target_result& r : c.ev.results) r.region = "全区\r\n::error::injected 100%";
    const std::string out = github(c);
    const auto lines = lines_of(out);
    for (const std::string& line : lines) CHECK_THAT(line, StartsWith("::"));
    CHECK(out.find('\r') == std::string::npos);
    CHECK(lines.size() == 3);
    // In a property: % then : and , escaped; in the message: %, CR and LF only.
    CHECK_THAT(lines[0], StartsWith("::error file=sub dir/a%3Ab%2Cc%25d.csv,line=2,col=22,title=cod-cap not met (2020)::"
                                    "COD emissions cap (全区%0D%0A::error::injected 100%25, 2020): actual"));

    // A title with a colon and a comma (a target id from a user's rule file).
    c.p.targets[result_of(c, "cod-cap").target_index].id = "cap:cod,2020";
    CHECK_THAT(lines_of(github(c))[0], Contains(",title=cap%3Acod%2C2020 not met (2020)::"));
}

TEST_CASE("github: data-quality warnings are ::warning annotations at their row", "[github]") {
    // The same row twice: W-DUPLICATE, a warning, on line 3.
    const checked c = evaluate_csv(cod_csv + "内蒙古自治区,化学需氧量排放量,2020,80.83,万吨\n");
    const auto warning = std::find_if(c.findings.begin(), c.findings.end(),
                                      [](const pc::error& e) { return e.level == pc::severity::warning; });
    REQUIRE(warning != c.findings.end());
    REQUIRE(warning->code == pc::error_code::duplicate_identical);
    const auto lines = lines_of(github(c));
    REQUIRE(lines.size() == 4);
    CHECK(lines[2] == "::warning file=data.csv,line=" + std::to_string(warning->where.line) +
                          (warning->where.column > 0 ? ",col=" + std::to_string(warning->where.column) : std::string()) +
                          ",title=W-DUPLICATE::" + warning->message.en);
    CHECK_THAT(lines[3], StartsWith("::notice "));
}

TEST_CASE("github: with --require-all a target without data is an ::error too", "[github]") {
    const checked c = evaluate_csv(cod_csv, "data.csv", true);
    const std::string out = github(c);
    const auto lines = lines_of(out);
    const auto errors = static_cast<std::size_t>(
        std::count_if(lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("::error", 0) == 0; }));
    CHECK(errors == 2 + c.ev.summary.all.no_data + c.ev.summary.all.not_evaluable);
    CHECK_THAT(out, Contains("::error title=energy-total-cap no data (2020)::"));
    CHECK_THAT(lines.back(), Contains("(--require-all)"));
}

TEST_CASE("github: input errors are ::error annotations at file, line and column", "[github]") {
    const pc::diagnostics findings{
        pc::make_error(pc::error_code::number, "\"8o.83\" is not a number", "“8o.83”不是数字", pc::origin{"d,1:x.csv", 3, 4}),
        pc::make_error(pc::error_code::io, "cannot open e.csv: 100% gone\nreally", "无法打开", pc::origin{"e.csv", 0, 0}),
    };
    const auto lines = lines_of(pc::render_github_input_errors(findings));
    const std::vector<std::string> expected{
        "::error file=d%2C1%3Ax.csv,line=3,col=4,title=E-NUMBER::\"8o.83\" is not a number",
        "::error file=e.csv,title=E-IO::cannot open e.csv: 100%25 gone%0Areally",
        "::error title=E-INPUT::nothing was evaluated: fix the errors above",
    };
    CHECK(lines == expected);
    CHECK_THAT(pc::render_github_input_errors(findings, 5), Contains("::error title=N-TRUNCATED::5 more findings"));
}

TEST_CASE("github: end to end, annotations point at the submitted file and the exit code follows", "[github][cli]") {
    plancheck_test::temp_dir dir;
    const std::string csv = dir.write("league.csv", cod_csv);
    const auto r = plancheck_test::run_cli({"check", csv, "--format", "github"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 3);
    CHECK_THAT(lines[0], StartsWith("::error file=" + csv + ",line=2,col=22,title=cod-cap not met (2020)::"));
    CHECK_THAT(lines[2], StartsWith("::notice title=plancheck nmg-13fyp-energy::compliance 0/2"));

    const auto passed = plancheck_test::run_cli({"check", csv, "--format", "github", "--fail-under", "0"});
    CHECK(passed.exit_code == 0);

    const std::string bad = dir.write("bad.csv", header + "内蒙古自治区,化学需氧量排放量,2020,8o.83,万吨\n");
    const auto e = plancheck_test::run_cli({"check", bad, "--format", "github"});
    CHECK(e.exit_code == 2);
    CHECK_THAT(e.err, Contains("E-INPUT"));
    const auto error_lines = lines_of(e.out);
    REQUIRE(error_lines.size() == 2);
    CHECK_THAT(error_lines[0], StartsWith("::error file=" + bad + ",line=2,col=22,title=E-NUMBER::"));
    CHECK(error_lines[1] == "::error title=E-INPUT::nothing was evaluated: fix the errors above");
}
