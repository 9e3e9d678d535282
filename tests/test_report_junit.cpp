// The JUnit XML report: its structure and counts (testsuites / testsuite per plan and region /
// testcase per target and year), failures that carry the gap, the plan's sentence and the
// origin of the values, skipped results, --require-all, the report of input errors, and the
// escaping of everything that comes from the inputs. Every document is checked by a real XML
// parser (`xmllint --noout`) and against tests/data/junit.xsd, a schema modelled on the
// Jenkins/Ant JUnit format; the questions about content are XPath queries to xmllint, so the
// tests read the XML the way a CI system does, entities decoded.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
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

const std::string header = "region,indicator,year,value,unit\n";
// COD misses both its 2020 cap (77.63) and its cut (−7.1% from 83.56); energy and SO2 meet theirs.
const std::string missed_csv = header +
                               "内蒙古自治区,化学需氧量排放量,2020,80.83,万吨\n"
                               "内蒙古自治区,能源消费总量,2020,22000,万吨标准煤\n"
                               "内蒙古自治区,emissions.so2,2020,100,万吨\n";

struct checked {
    pc::plan p;
    pc::observation_set data;
    pc::diagnostics findings;
    pc::evaluation ev;
};

checked evaluate_csv(const std::string& csv, const std::string& name = "data.csv", bool require_all = false) {
    auto loaded = pc::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(loaded);
    checked c{std::move(loaded).value(), {}, {}, {}};
    pc::observation_reader reader(c.p, {});
    reader.read(pc::csv::from_string(csv), name);
    INFO((reader.problems().empty() ? std::string() : reader.problems().front().format(pc::language::en)));
    REQUIRE_FALSE(reader.failed());
    c.findings = reader.problems();
    c.data = std::move(reader).finish();
    pc::evaluation_options opts;
    opts.require_all = require_all;
    c.ev = pc::evaluate(c.p, c.data, opts);
    return c;
}

std::string junit(const checked& c, pc::language lang = pc::language::en) {
    pc::run_info run;
    run.version = "test";
    run.fail_under = 100;
    const pc::report_context ctx{c.p, c.ev, c.data, c.findings, 0, lang, false, false, false, run};
    return pc::render_junit(ctx);
}

// ---- xmllint --------------------------------------------------------------------------------

// A document in a file for xmllint, removed afterwards.
class xml_file {
public:
    explicit xml_file(std::string_view xml) { dir_.write("report.xml", xml); }
    [[nodiscard]] std::string path() const { return (dir_.path() / "report.xml").string(); }
    [[nodiscard]] std::string log() const { return dir_.read("xmllint.log"); }
    [[nodiscard]] std::string log_path() const { return (dir_.path() / "xmllint.log").string(); }

private:
    plancheck_test::temp_dir dir_;
};

// Single quotes around a shell word (paths and XPath expressions here hold no single quote
// that is not escaped this way).
std::string shell_quote(std::string_view s) {
    std::string out = "'";
    for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct lint_result {
    int status = -1;
    std::string log;
};

// `xmllint --noout` (well-formedness), with `--schema` when a schema is given.
lint_result xmllint(std::string_view xml, const std::string& schema = {}) {
    const xml_file f(xml);
    std::string cmd = "xmllint --noout ";
    if (!schema.empty()) cmd += "--schema " + shell_quote(schema) + " ";
    cmd += shell_quote(f.path()) + " > " + shell_quote(f.log_path()) + " 2>&1";
    const int status = std::system(cmd.c_str());
    return {status, f.log()};
}

const std::string schema = std::string(PLANCHECK_TEST_DATA) + "/junit.xsd";

void require_valid(std::string_view xml) {
    const lint_result wf = xmllint(xml);
    INFO(wf.log);
    INFO(xml);
    REQUIRE(wf.status == 0);
    const lint_result valid = xmllint(xml, schema);
    INFO(valid.log);
    REQUIRE(valid.status == 0);
}

// The string value of an XPath expression on the document, as xmllint prints it.
std::string xpath(std::string_view xml, const std::string& expr) {
    const xml_file f(xml);
    const std::string cmd = "xmllint --xpath " + shell_quote(expr) + " " + shell_quote(f.path()) + " 2>&1";
    std::string out;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    ::pclose(pipe);
    // xmllint ends what it prints with a newline of its own.
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

std::size_t count_of(std::string_view xml, const std::string& expr) {
    const std::string s = xpath(xml, "count(" + expr + ")");
    INFO(s);
    return static_cast<std::size_t>(std::stoul(s));
}

std::size_t results_with(const checked& c, std::initializer_list<pc::status> statuses) {
    return static_cast<std::size_t>(std::count_if(c.ev.results.begin(), c.ev.results.end(), [&](const pc::target_result& r) {
        return std::find(statuses.begin(), statuses.end(), r.verdict) != statuses.end();
    }));
}

}  // namespace

TEST_CASE("junit: xmllint and the schema check the schema itself", "[junit]") {
    // A document the schema must refuse, so a schema that accepts anything cannot pass the tests.
    const std::string bad = "<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"x\" tests=\"one\" failures=\"0\" "
                            "errors=\"0\"/></testsuites>\n";
    CHECK(xmllint(bad).status == 0);
    CHECK(xmllint(bad, schema).status != 0);
    const std::string unknown = "<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"x\" tests=\"0\" failures=\"0\" "
                                "errors=\"0\" skiped=\"0\"/></testsuites>\n";
    CHECK(xmllint(unknown, schema).status != 0);
}

TEST_CASE("junit: one suite per plan and region, one testcase per target and year, counts agree", "[junit]") {
    const checked c = evaluate_csv(missed_csv);
    const std::string xml = junit(c);
    require_valid(xml);

    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"plancheck\"", 0) == 0);
    CHECK(count_of(xml, "/testsuites/testsuite") == 1);
    CHECK(xpath(xml, "string(/testsuites/testsuite/@name)") == "nmg-13fyp-energy · 内蒙古自治区");

    const std::size_t tests = c.ev.results.size();
    const std::size_t failures = results_with(c, {pc::status::not_met, pc::status::behind});
    const std::size_t skipped = results_with(c, {pc::status::no_data, pc::status::not_evaluable});
    const std::size_t passed = results_with(c, {pc::status::met, pc::status::on_track});
    REQUIRE(failures == 2);  // cod-cap and cod-cut
    REQUIRE(passed >= 5);
    REQUIRE(skipped > 0);
    REQUIRE(tests == failures + skipped + passed);

    CHECK(count_of(xml, "//testcase") == tests);
    CHECK(count_of(xml, "//testcase[failure]") == failures);
    CHECK(count_of(xml, "//testcase[skipped]") == skipped);
    CHECK(count_of(xml, "//testcase[not(*)]") == passed);
    CHECK(count_of(xml, "//error") == 0);
    for (const std::string node : {"/testsuites", "/testsuites/testsuite"}) {
        CHECK(xpath(xml, "string(" + node + "/@tests)") == std::to_string(tests));
        CHECK(xpath(xml, "string(" + node + "/@failures)") == std::to_string(failures));
        CHECK(xpath(xml, "string(" + node + "/@skipped)") == std::to_string(skipped));
        CHECK(xpath(xml, "string(" + node + "/@errors)") == "0");
    }

    // classname = plan id + section; name = target id (year).
    CHECK(xpath(xml, "string(//testcase[@name='cod-cap (2020)']/@classname)") == "nmg-13fyp-energy.第二章 第三节 主要目标");
    CHECK(count_of(xml, "//testcase[@name='energy-total-cap (2020)'][not(*)]") == 1);
    CHECK(xpath(xml, "string(//testcase[@name='cod-cap (2020)']/failure/@type)") == "not met");
}

TEST_CASE("junit: a missed target's failure gives the gap, the grade, the plan's sentence and the origins", "[junit]") {
    const checked c = evaluate_csv(missed_csv);
    const std::string xml = junit(c);
    const pc::target* cap = c.p.find_target("cod-cap");
    REQUIRE(cap != nullptr);

    const std::string message = xpath(xml, "string(//testcase[@name='cod-cap (2020)']/failure/@message)");
    CHECK(message == "gap +3.2 万吨: actual 80.83 万吨, required ≤ 77.63 万吨");

    const std::string text = xpath(xml, "string(//testcase[@name='cod-cap (2020)']/failure)");
    CHECK_THAT(text, Contains("cod-cap · COD emissions cap [binding]"));
    CHECK_THAT(text, Contains("status: not met (内蒙古自治区, 2020)"));
    CHECK_THAT(text, Contains("actual: 80.83 万吨"));
    CHECK_THAT(text, Contains("required: ≤ 77.63 万吨"));
    CHECK_THAT(text, Contains("gap: +3.2 万吨"));
    CHECK_THAT(text, Contains("grade: "));
    CHECK_THAT(text, Contains("plan: 第二章 第三节 主要目标: " + cap->source));
    CHECK_THAT(text, Contains("rule: " + cap->where.to_string()));
    // The value's origin: line 2 of the CSV, the value column.
    CHECK_THAT(text, Contains("actual 2020 = 80.83 万吨 (data.csv:2:"));

    // A change against the base: the base comes from the plan's text, and says so.
    const std::string cut = xpath(xml, "string(//testcase[@name='cod-cut (2020)']/failure)");
    CHECK_THAT(cut, Contains("base 2015 = 83.56 万吨 (stated by the plan)"));
    CHECK_THAT(xpath(xml, "string(//testcase[@name='cod-cut (2020)']/failure/@message)"), Contains("gap +"));

    // In Chinese, the labels are Chinese and the plan's words unchanged.
    const std::string zh = junit(c, pc::language::zh);
    require_valid(zh);
    CHECK(xpath(zh, "string(//testcase[@name='cod-cap (2020)']/failure/@message)") ==
          "差距 +3.2 万吨：实际 80.83 万吨，要求 ≤ 77.63 万吨");
    CHECK_THAT(xpath(zh, "string(//testcase[@name='cod-cap (2020)']/failure)"), Contains("规划：第二章 第三节 主要目标: " + cap->source));
}

TEST_CASE("junit: a trajectory is judged on its latest year; an earlier year behind is history, not a failure",
          "[junit]") {
    auto loaded = pc::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(loaded);
    checked c{std::move(loaded).value(), {}, {}, {}};
    pc::observation_reader reader(c.p, {});
    // 2018 is 3/5 of the way from 83.56 to 77.63: the path expects 80.002, and 82 is behind it.
    reader.read(pc::csv::from_string(header + "内蒙古自治区,化学需氧量排放量,2018,82,万吨\n"
                                              "内蒙古自治区,化学需氧量排放量,2020,77,万吨\n"),
                "cod.csv");
    REQUIRE_FALSE(reader.failed());
    c.data = std::move(reader).finish();
    pc::evaluation_options opts;
    opts.every_year = true;
    c.ev = pc::evaluate(c.p, c.data, opts);
    const std::string xml = junit(c);
    require_valid(xml);

    CHECK(xpath(xml, "string(//property[@name='years']/@value)") == "2018,2020");
    // One testcase per target: 2020, met; 2018 only in its system-out.
    CHECK(count_of(xml, "//testcase[@name='cod-cap (2018)']") == 0);
    CHECK(count_of(xml, "//testcase[@name='cod-cap (2020)']/failure") == 0);
    CHECK(count_of(xml, "//failure[@type='behind']") == 0);
    const std::string history = xpath(xml, "string(//testcase[@name='cod-cap (2020)']/system-out)");
    CHECK(history == "earlier years (not judged by this test):\n  2018 behind: actual 82 万吨, required 80.002 万吨\n");
}

TEST_CASE("junit: an interim latest year behind the expected path is a failure of type behind", "[junit]") {
    auto loaded = pc::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(loaded);
    checked c{std::move(loaded).value(), {}, {}, {}};
    pc::observation_reader reader(c.p, {});
    reader.read(pc::csv::from_string(header + "内蒙古自治区,化学需氧量排放量,2018,82,万吨\n"), "cod.csv");
    REQUIRE_FALSE(reader.failed());
    c.data = std::move(reader).finish();
    pc::evaluation_options opts;
    opts.every_year = true;
    c.ev = pc::evaluate(c.p, c.data, opts);
    const std::string xml = junit(c);
    require_valid(xml);
    CHECK(xpath(xml, "string(//testcase[@name='cod-cap (2018)']/failure/@type)") == "behind");
    CHECK(xpath(xml, "string(//testcase[@name='cod-cap (2018)']/failure/@message)") ==
          "gap +1.998 万吨: actual 82 万吨, required ≤ 80.002 万吨");
    const std::string text = xpath(xml, "string(//testcase[@name='cod-cap (2018)']/failure)");
    CHECK_THAT(text, Contains("status: behind (内蒙古自治区, 2018)"));
    CHECK_THAT(text, Contains("required: ≤ 80.002 万吨 (expected path, target 77.63 万吨)"));
    CHECK_THAT(text, Contains("time progress: 60%"));
    CHECK_THAT(text, Contains("actual 2018 = 82 万吨 (cod.csv:2:"));
}

TEST_CASE("junit: targets without data are skipped with the reason, never passed", "[junit]") {
    const checked c = evaluate_csv(missed_csv);
    const std::string xml = junit(c);
    const auto it = std::find_if(c.ev.results.begin(), c.ev.results.end(),
                                 [](const pc::target_result& r) { return r.verdict == pc::status::no_data; });
    REQUIRE(it != c.ev.results.end());
    const std::string name = c.p.targets[it->target_index].id + " (" + std::to_string(it->year) + ")";
    CHECK(xpath(xml, "string(//testcase[@name='" + name + "']/skipped/@message)") == "no data: " + it->reason.en);
}

TEST_CASE("junit: with --require-all a target without data is a failure", "[junit]") {
    const checked c = evaluate_csv(missed_csv, "data.csv", true);
    const std::string xml = junit(c);
    require_valid(xml);
    const std::size_t no_judgement = results_with(c, {pc::status::no_data, pc::status::not_evaluable});
    REQUIRE(no_judgement > 0);
    CHECK(count_of(xml, "//testcase[skipped]") == 0);
    CHECK(count_of(xml, "//failure[@type='no data']") == results_with(c, {pc::status::no_data}));
    CHECK(xpath(xml, "string(/testsuites/@failures)") == std::to_string(2 + no_judgement));
    CHECK(xpath(xml, "string(//property[@name='require_all']/@value)") == "true");
}

TEST_CASE("junit: properties name the plan, its rule file's SHA-256, the compliance and the inputs", "[junit]") {
    const checked c = evaluate_csv(missed_csv);
    const std::string xml = junit(c);
    const auto prop = [&](const std::string& name) {
        return xpath(xml, "string(/testsuites/testsuite/properties/property[@name='" + name + "']/@value)");
    };
    CHECK(prop("plan") == "nmg-13fyp-energy");
    CHECK(prop("document") == "内政发〔2018〕12号");
    REQUIRE(c.p.sha256.size() == 64);
    CHECK(prop("rule_file_sha256") == c.p.sha256);
    CHECK(prop("region") == "内蒙古自治区");
    CHECK(prop("years") == "2020");
    const auto& all = c.ev.summary.all;
    CHECK_THAT(prop("compliance"), Contains(std::to_string(all.met) + "/" + std::to_string(all.evaluated) + " ("));
    CHECK(prop("plancheck_version") == "test");
    CHECK(prop("input") == c.data.inputs().front().sha256 + "  data.csv");
    CHECK_THAT(xpath(xml, "string(//testsuite/system-out)"), Contains("compliance: "));
}

TEST_CASE("junit: every string from the input is escaped; characters XML forbids are dropped", "[junit]") {
    // A file name with markup, quotes, an ampersand, a control character and a byte that is not
    // UTF-8; a region name likewise (set on the results, as a regional plan would give them).
    const std::string file = "d<script>&\"q\"'\x02\xff.csv";
    checked c = evaluate_csv(missed_csv, file);
    const std::string region = "内蒙古<script>alert(\"x\")</script> & 'co'\x01";
    for (pc::target_result& r : c.ev.results) r.region = region;
    const std::string xml = junit(c);
    require_valid(xml);

    CHECK(xml.find("<script>") == std::string::npos);
    CHECK(xml.find('\x01') == std::string::npos);
    CHECK(xml.find('\x02') == std::string::npos);
    CHECK(xml.find("\xff") == std::string::npos);
    CHECK_THAT(xml, Contains("&lt;script&gt;"));
    CHECK_THAT(xml, Contains("&amp;"));
    CHECK_THAT(xml, Contains("&quot;"));

    // Read back by a parser: the same text, without the forbidden characters; the byte that was
    // not UTF-8 shows as U+FFFD.
    const std::string clean_region = "内蒙古<script>alert(\"x\")</script> & 'co'";
    CHECK(xpath(xml, "string(/testsuites/testsuite/@name)") == "nmg-13fyp-energy · " + clean_region);
    CHECK(xpath(xml, "string(//property[@name='region']/@value)") == clean_region);
    const std::string text = xpath(xml, "string(//testcase[@name='cod-cap (2020)']/failure)");
    CHECK_THAT(text, Contains("(d<script>&\"q\"'\xEF\xBF\xBD.csv:2:"));
    CHECK_THAT(text, Contains("status: not met (" + clean_region + ", 2020)"));
}

TEST_CASE("junit: input errors give a report of <error> elements at file:line:column", "[junit]") {
    auto loaded = pc::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(loaded);
    const pc::plan& p = *loaded;
    pc::observation_reader reader(p, {});
    reader.read(pc::csv::from_string(header +
                                     "内蒙古自治区,化学需氧量排放量,2020,abc,万吨\n"
                                     "内蒙古自治区,能源消费总量,2020,22000,万吨标煤X\n"),
                "sub<&>.csv");
    REQUIRE(reader.failed());
    const pc::diagnostics& findings = reader.problems();
    const auto errors = static_cast<std::size_t>(std::count_if(
        findings.begin(), findings.end(), [](const pc::error& e) { return e.level == pc::severity::error; }));
    REQUIRE(errors == 2);

    const std::string xml = pc::render_junit_input_errors(p.info, findings);
    require_valid(xml);
    CHECK(count_of(xml, "//testcase") == errors);
    CHECK(count_of(xml, "//testcase/error") == errors);
    CHECK(count_of(xml, "//failure") == 0);
    CHECK(xpath(xml, "string(/testsuites/@errors)") == std::to_string(errors));
    CHECK(xpath(xml, "string(/testsuites/testsuite/@errors)") == std::to_string(errors));
    CHECK(xpath(xml, "string(/testsuites/testsuite/@name)") == "nmg-13fyp-energy · input");
    const pc::error& first = findings.front();
    CHECK(first.where.line == 2);
    CHECK(first.where.column > 0);
    const std::string where = first.where.to_string();
    CHECK_THAT(where, Contains("sub<&>.csv:2:"));
    CHECK(xpath(xml, "string(//testcase[1]/@name)") == where + " " + std::string(pc::to_string(first.code)));
    CHECK(xpath(xml, "string(//testcase[1]/error/@type)") == std::string(pc::to_string(first.code)));
    CHECK(xpath(xml, "string(//testcase[1]/error/@message)") == first.message.en);
    CHECK_THAT(xpath(xml, "string(//testcase[1]/error)"), Contains(where + ": error["));

    // Findings not kept still count: CI sees that there was more to fix.
    const std::string more = pc::render_junit_input_errors(p.info, findings, 7);
    require_valid(more);
    CHECK(count_of(more, "//error") == errors + 1);
    CHECK_THAT(xpath(more, "string(//testcase[last()]/error/@message)"), Contains("7 more findings"));

    // An input that failed with no error kept (cannot happen today) is still not a pass.
    const std::string none = pc::render_junit_input_errors(p.info, {});
    require_valid(none);
    CHECK(count_of(none, "//error") == 1);
}

TEST_CASE("junit: end to end, the binary's report is valid JUnit and the exit code follows", "[junit][cli]") {
    plancheck_test::temp_dir dir;
    const std::string csv = dir.write("league.csv", missed_csv);

    const auto r = plancheck_test::run_cli({"check", csv, "--format", "junit"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    require_valid(r.out);
    CHECK(count_of(r.out, "//testcase[failure]") == 2);
    CHECK_THAT(xpath(r.out, "string(//testcase[@name='cod-cap (2020)']/failure)"), Contains(csv + ":2:"));

    // --output writes the same report to a file.
    const std::string out_file = (dir.path() / "report.xml").string();
    const auto to_file = plancheck_test::run_cli({"check", csv, "--format", "junit", "--output", out_file});
    CHECK(to_file.exit_code == 1);
    CHECK(to_file.out.empty());
    CHECK(dir.read("report.xml") == r.out);

    // A data error: exit 2, the diagnostic on stderr as always, and a JUnit report of errors.
    const std::string bad = dir.write("bad.csv", header + "内蒙古自治区,化学需氧量排放量,2020,8o.83,万吨\n");
    const auto e = plancheck_test::run_cli({"check", bad, "--format", "junit"});
    CHECK(e.exit_code == 2);
    CHECK_THAT(e.err, Contains(bad + ":2:"));
    CHECK_THAT(e.err, Contains("E-INPUT"));
    require_valid(e.out);
    CHECK(count_of(e.out, "//testcase/error") == 1);
    CHECK_THAT(xpath(e.out, "string(//testcase/@name)"), Contains(bad + ":2:"));

    const std::string bad_file = (dir.path() / "bad.xml").string();
    const auto e_file = plancheck_test::run_cli({"check", bad, "--format", "junit", "-o", bad_file});
    CHECK(e_file.exit_code == 2);
    CHECK(e_file.out.empty());
    CHECK(dir.read("bad.xml") == e.out);

    // Other formats keep printing nothing on stdout when nothing was evaluated.
    const auto text = plancheck_test::run_cli({"check", bad});
    CHECK(text.exit_code == 2);
    CHECK(text.out.empty());
}
