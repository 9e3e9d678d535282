// The HTML report: one self-contained page (nothing fetched, no script, a print stylesheet), the
// gauges, a table per section, a chart per target judged in two or more years drawn from the
// evaluation's own values, the league × target grid, both languages, the text report's numbers,
// and every string from the inputs escaped — region names, indicator names and aliases, file
// names, rule-file text — so that markup in them stays text.

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "plancheck/check.hpp"
#include "plancheck/regional.hpp"
#include "plancheck/report.hpp"
#include "plancheck/rule_loader.hpp"

namespace {

namespace pc = plancheck;
using Catch::Matchers::Contains;

const std::string examples = std::string(PLANCHECK_SOURCE_DIR) + "/examples/";
const std::vector<std::string> trajectory{examples + "nmg-2016-illustrative.csv", examples + "nmg-2018-illustrative.csv",
                                          examples + "nmg-2020-illustrative.csv"};

const std::string script_attack = "<script>alert(1)</script>";
const std::string attribute_attack = "\"><img src=x onerror=alert(1)>";
// How they must stand in the page: as text.
const std::string script_text = "&lt;script&gt;alert(1)&lt;/script&gt;";
const std::string attribute_text = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";

pc::plan shipped() {
    auto p = pc::load_shipped_plan(pc::default_plan_id);
    REQUIRE(p);
    return std::move(*p);
}

// A check run and what a renderer reads, kept together so the report context stays valid.
struct run {
    pc::check_outcome out;
    pc::report_context context(const pc::plan& p, pc::language lang, bool only_failed = false) const {
        return {p, *out.ev, out.data, out.findings, out.findings_left_out, lang, false, only_failed, false, {}};
    }
};

run check(const pc::plan& p, const std::vector<std::string>& inputs) {
    pc::check_request req;
    req.inputs = inputs;
    req.evaluation.every_year = inputs.size() > 1;  // as `plancheck check` does
    run r{pc::run_check(p, req)};
    REQUIRE_FALSE(r.out.input_failed);
    return r;
}

std::size_t count(const std::string& haystack, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
    return n;
}

// Every tag of the page, from < to >: input text cannot add one, since its < is escaped.
std::vector<std::string> tags_of(const std::string& html) {
    std::vector<std::string> tags;
    for (auto open = html.find('<'); open != std::string::npos; open = html.find('<', open + 1)) {
        const auto close = html.find('>', open);
        REQUIRE(close != std::string::npos);
        tags.push_back(html.substr(open, close - open + 1));
    }
    return tags;
}

// The value of each `name="…"` attribute in the page's tags.
std::vector<std::string> attribute_values(const std::string& html, const std::string& name) {
    std::vector<std::string> values;
    for (const std::string& tag : tags_of(html)) {
        const std::string key = " " + name + "=\"";
        for (auto at = tag.find(key); at != std::string::npos; at = tag.find(key, at + 1)) {
            const auto start = at + key.size();
            values.push_back(tag.substr(start, tag.find('"', start) - start));
        }
    }
    return values;
}

// A tag without its quoted attribute values: what is left are element and attribute names.
// (Escaped text may stand in a value — a hover title — where it is inert: its " is &quot;.)
std::string names_of(const std::string& tag) {
    std::string out;
    bool quoted = false;
    for (const char c : tag) {
        if (c == '"') quoted = !quoted;
        else if (!quoted) out += c;
    }
    return out;
}

// Fails when the markup of an attack survived: a script or img element, or an event handler
// attribute in a tag.
void require_inert(const std::string& html) {
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    for (const std::string& tag : tags_of(html)) {
        INFO(tag);
        CHECK(names_of(tag).find("onerror") == std::string::npos);
        CHECK(names_of(tag).find("alert(") == std::string::npos);
    }
}

// The (target, region) pairs that have a measure in two or more years: those get a chart.
std::size_t charted_targets(const pc::evaluation& ev) {
    std::map<std::pair<std::size_t, std::string>, int> years;
    for (const pc::target_result& r : ev.results)
        if (r.actual) ++years[{r.target_index, r.region}];
    return static_cast<std::size_t>(std::count_if(years.begin(), years.end(), [](const auto& y) { return y.second >= 2; }));
}

const pc::target_result& result_of(const pc::plan& p, const pc::evaluation& ev, std::string_view id, int year) {
    const auto it = std::find_if(ev.results.begin(), ev.results.end(), [&](const pc::target_result& r) {
        return p.targets[r.target_index].id == id && r.year == year;
    });
    REQUIRE(it != ev.results.end());
    return *it;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Replaces the one occurrence of `from` in `text`.
void replace_once(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("html: the example trajectory is one page with the gauges, a chart per target judged in several years and a table per section",
          "[html]") {
    const pc::plan p = shipped();
    const run r = check(p, trajectory);
    const std::string html = pc::render_html(r.context(p, pc::language::en));

    CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    CHECK(html.ends_with("</html>\n"));
    CHECK(count(html, "<style>") == 1);
    CHECK(count(html, "<svg class=\"pc-gauge\"") == 3);
    CHECK_THAT(html, Contains(">75/82 met</text>"));  // the summary's figures, as the text report counts them
    CHECK_THAT(html, Contains(">91.5%</text>"));
    CHECK_THAT(html, Contains(">8/12 met</text>"));    // binding
    CHECK_THAT(html, Contains(">67/70 met</text>"));   // expected

    const std::size_t charts = charted_targets(*r.out.ev);
    CHECK(charts >= 20);
    CHECK(count(html, "<svg class=\"pc-chart\"") == charts);
    CHECK(count(html, "<figure class=\"chart\"") == charts);

    std::set<std::string> sections;
    for (const pc::target& t : p.targets) sections.insert(t.section);
    CHECK(count(html, "<table class=\"targets\">") == sections.size());
    for (const std::string& s : sections) CHECK_THAT(html, Contains("<h2>" + s + "</h2>"));  // no markup characters in them
    CHECK(count(html, "<table class=\"matrix\">") == 0);  // no regional targets
}

TEST_CASE("html: a chart draws the evaluation's own values, with the plan's sentence under it", "[html]") {
    const pc::plan p = shipped();
    const run r = check(p, trajectory);
    const pc::evaluation& ev = *r.out.ev;
    const std::string html = pc::render_html(r.context(p, pc::language::en));

    // The COD cap: 2016 and 2018 are interim years on the path 83.56 (2015) → 77.63 万吨 (2020).
    const auto begin = html.find("<span class=\"tid\">cod-cap</span></h3>");
    REQUIRE(begin != std::string::npos);
    const std::string figure = html.substr(begin, html.find("</figure>", begin) - begin);
    for (const int year : {2016, 2018}) {
        const pc::target_result& res = result_of(p, ev, "cod-cap", year);
        REQUIRE(res.interim);
        const auto required = pc::show(p, res, res.required);
        const auto actual = pc::show(p, res, res.actual);
        REQUIRE(required);
        REQUIRE(actual);
        INFO(year);
        CHECK_THAT(figure, Contains(pc::format_number(required->number, 8) + " 万吨"));  // on the path and in the hover
        CHECK_THAT(figure, Contains("<circle class=\"point " + std::string(res.warning == pc::grade::green ? "g-green"
                                                                           : res.warning == pc::grade::yellow ? "g-yellow"
                                                                                                               : "g-red")));
        CHECK_THAT(figure, Contains("actual " + pc::format_number(actual->number, 8) + " 万吨"));
    }
    CHECK_THAT(figure, Contains("<title>2015 · base 83.56 万吨 · stated in the plan</title>"));
    CHECK_THAT(figure, Contains("<span class=\"goal\">target ≤ 77.63 万吨 (2020)</span>"));  // above the chart
    CHECK_THAT(figure, Contains("<title>2020 · target ≤ 77.63 万吨</title>"));  // the target's hover
    CHECK(count(figure, "<polyline class=\"expected\"") == 1);
    CHECK(count(figure, "<polyline class=\"actual\"") == 1);
    CHECK_THAT(figure, Contains("<q lang=\"zh-CN\">全区化学需氧量排放量控制在77.63万吨以内</q>"));

    // A change target's path starts at no change in the base year and ends at the cut.
    const auto cut = html.find("<span class=\"tid\">cod-cut</span></h3>");
    REQUIRE(cut != std::string::npos);
    const std::string cut_figure = html.substr(cut, html.find("</figure>", cut) - cut);
    CHECK_THAT(cut_figure, Contains("<title>2015 · base year 0%</title>"));
    const pc::target_result& cut_2018 = result_of(p, ev, "cod-cut", 2018);
    CHECK_THAT(cut_figure, Contains("expected " + pc::format_number(pc::show(p, cut_2018, cut_2018.required)->number, 8) + "%"));
}

TEST_CASE("html: the tables show the text report's numbers", "[html]") {
    const pc::plan p = shipped();
    const run r = check(p, {examples + "nmg-2020-illustrative.csv"});
    const std::string html = pc::render_html(r.context(p, pc::language::en));
    const std::string text = pc::render_text(r.context(p, pc::language::en));
    for (const std::string cell : {"75.92 万吨", "77.63 万吨", "-1.71 万吨", "128%", "4470 万吨标准煤", "125% used", "-6.5%"}) {
        INFO(cell);
        CHECK_THAT(text, Contains(cell));
        CHECK_THAT(html, Contains(">" + cell));
    }
    CHECK_THAT(html, Contains("title=\"75.92 万吨\""));  // the exact value as a hover
    CHECK_THAT(html, Contains("<span class=\"badge s-not-met\">✗ not met</span>"));
    CHECK_THAT(html, Contains("<tr class=\"r-red first\">"));
}

TEST_CASE("html: one year gives no chart, and the page says how to get them", "[html]") {
    const pc::plan p = shipped();
    const run r = check(p, {examples + "nmg-2020-illustrative.csv"});
    const std::string html = pc::render_html(r.context(p, pc::language::en));
    CHECK(count(html, "<svg class=\"pc-chart\"") == 0);
    CHECK(count(html, "<svg class=\"pc-gauge\"") == 3);
    CHECK_THAT(html, Contains("check several files, or one file with --all-years"));
}

TEST_CASE("html: --only-failed lists only what is not met, and charts only those targets", "[html]") {
    const pc::plan p = shipped();
    const run r = check(p, trajectory);
    const std::string all = pc::render_html(r.context(p, pc::language::en));
    const std::string failed = pc::render_html(r.context(p, pc::language::en, true));
    CHECK(count(failed, "<tr class=") < count(all, "<tr class="));
    CHECK(count(failed, "<svg class=\"pc-chart\"") < count(all, "<svg class=\"pc-chart\""));
    CHECK(count(failed, "badge s-met\"") == 0);
    CHECK(count(failed, "badge s-not-met\"") > 0);
}

TEST_CASE("html: nothing is fetched, nothing runs, and it prints on A4", "[html]") {
    const pc::plan p = shipped();
    const run r = check(p, trajectory);
    for (const pc::language lang : {pc::language::en, pc::language::zh}) {
        const std::string html = pc::render_html(r.context(p, lang));
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("url(") == std::string::npos);
        CHECK(html.find("@import") == std::string::npos);
        CHECK(html.find("@font-face") == std::string::npos);
        CHECK(attribute_values(html, "src").empty());
        CHECK(attribute_values(html, "xlink:href").empty());
        const auto links = attribute_values(html, "href");
        CHECK_FALSE(links.empty());
        for (const std::string& link : links) CHECK(link.starts_with("#"));
        for (const std::string& tag : tags_of(html)) {
            INFO(tag);
            CHECK(tag.find("http") == std::string::npos);
            CHECK(tag.find(" on") == std::string::npos);  // no event handler attribute
        }
        // Every internal link lands on an element of the page.
        for (const std::string& link : links) CHECK_THAT(html, Contains("id=\"" + link.substr(1) + "\""));
        CHECK_THAT(html, Contains("@page{size:A4"));
        CHECK_THAT(html, Contains("@media print{"));
        CHECK_THAT(html, Contains("\"Noto Sans CJK SC\""));
    }
}

TEST_CASE("html: --lang chooses the language of every label", "[html]") {
    const pc::plan p = shipped();
    const run r = check(p, trajectory);
    const std::string zh = pc::render_html(r.context(p, pc::language::zh));
    const std::string en = pc::render_html(r.context(p, pc::language::en));

    CHECK(zh.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    for (const std::string label : {"规划目标核查报告", "<h1>内蒙古自治区节能减排“十三五”规划</h1>", "<figcaption>达标率</figcaption>",
                                    "<figcaption>约束性</figcaption>", "<figcaption>预期性</figcaption>", ">75/82 达标</text>",
                                    "<th>状态</th>", "<th class=\"num\">完成率</th>", "进度滞后", "红灯", "预期进度", "2018年 · 实际值"}) {
        INFO(label);
        CHECK_THAT(zh, Contains(label));
    }
    for (const std::string label : {"Plan compliance report", "Inner Mongolia Autonomous Region 13th Five-Year Plan",
                                    "<figcaption>Compliance</figcaption>", "<th>Status</th>", "↘ behind</span>", ">75/82 met</text>"}) {
        INFO(label);
        CHECK_THAT(en, Contains(label));
        CHECK_THAT(zh, !Contains(label));
    }
    for (const std::string label : {"规划目标核查报告", "<th>状态</th>", "进度滞后", "红灯", "实际值"}) {
        INFO(label);
        CHECK_THAT(en, !Contains(label));
    }
}

TEST_CASE("html: markup in a region name, a rule file, an alias or a file name stays text", "[html][escaping]") {
    plancheck_test::temp_dir dir;
    // The rule file: a title, a section, a sentence, an indicator's names and an alias that are markup.
    std::string toml = read_file(std::string(PLANCHECK_SOURCE_DIR) + "/targets/nmg-13fyp-energy.toml");
    const std::string toml_attack = "\\\"><img src=x onerror=alert(1)>";  // the TOML spelling of the attribute attack
    replace_once(toml, "title = { zh = \"内蒙古自治区节能减排“十三五”规划\", en = \"Inner Mongolia",
                 "title = { zh = \"" + script_attack + toml_attack + "\", en = \"" + script_attack + " Inner Mongolia");
    replace_once(toml, "source = \"全区化学需氧量排放量控制在77.63万吨以内\"",
                 "source = \"全区化学需氧量排放量" + script_attack + toml_attack + "\"");
    replace_once(toml, "name = { zh = \"化学需氧量排放总量上限\", en = \"COD emissions cap\" }",
                 "name = { zh = \"" + toml_attack + "\", en = \"" + toml_attack + "\" }");
    replace_once(toml, "name = { zh = \"化学需氧量排放量\", en = \"COD emissions\" }",
                 "name = { zh = \"" + script_attack + "\", en = \"" + script_attack + "\" }");
    {  // the COD cap's own section
        const std::string section_line = "section = \"第二章 第三节 主要目标\"";
        const auto at = toml.find(section_line, toml.find("id = \"cod-cap\""));
        REQUIRE(at != std::string::npos);
        toml.replace(at, section_line.size(), "section = \"第二章 " + script_attack + "\"");
    }
    replace_once(toml, "aliases = [\"化学需氧量\", \"化学需氧量排放总量\", \"COD\",",
                 "aliases = [\"" + script_attack + "\", \"" + toml_attack + "\", \"化学需氧量\", \"化学需氧量排放总量\", \"COD\",");
    const std::string rules = dir.write("rules.toml", toml);
    auto loaded = pc::load_plan_file(rules);
    REQUIRE(loaded);
    const pc::plan& plain = *loaded;
    const pc::target* cod_cap = plain.find_target("cod-cap");
    REQUIRE(cod_cap != nullptr);
    REQUIRE(cod_cap->section == "第二章 " + script_attack);

    // Regions named as attacks, with targets from a regional table and data under the attack's name.
    const std::string quoted_attack = "\"\"\"><img src=x onerror=alert(1)>\"";  // as a CSV field
    const std::string table = dir.write(
        "regional.csv", "region,indicator,kind,value,unit,base_year,target_year,comparison,binding,note\n" + script_attack +
                            ",emissions.cod,change_vs_base,-5,%,2015,2020,<=,true," + script_attack + "\n" + quoted_attack +
                            ",emissions.cod,change_vs_base,-5,%,2015,2020,<=,true,\n");
    const auto regional = pc::with_regional_targets(plain, table);
    REQUIRE(regional);
    const pc::plan& p = regional->with_regions;

    const std::string rows = "region,indicator,year,value,unit\n" + script_attack + "," + script_attack + ",2015,4.1,万吨\n" +
                             script_attack + ",COD,2018,3.98,万吨\n" + script_attack + ",COD,2020,3.85,万吨\n" + quoted_attack +
                             ",\"\"\"><img src=x onerror=alert(1)>\",2015,2,万吨\n" + quoted_attack + ",COD,2018,1.99,万吨\n" +
                             quoted_attack + ",COD,2020,2.1,万吨\n" + "内蒙古自治区,COD,2016,82,万吨\n内蒙古自治区,COD,2020,76,万吨\n";
    const std::string data = dir.write(attribute_attack + ".csv", rows);
    const run r = check(p, {data, examples + "nmg-2018-illustrative.csv"});
    REQUIRE(r.out.ev->summary.by_region.count(script_attack) == 1);
    REQUIRE(r.out.ev->summary.by_region.count(attribute_attack) == 1);

    for (const pc::language lang : {pc::language::en, pc::language::zh}) {
        const std::string html = pc::render_html(r.context(p, lang));
        INFO((lang == pc::language::zh ? "zh" : "en"));
        require_inert(html);
        CHECK_THAT(html, Contains("<table class=\"matrix\">"));
        CHECK_THAT(html, Contains("<td>" + script_text + "</td>"));  // a row of the matrix
        CHECK_THAT(html, Contains("<td>" + attribute_text + "</td>"));
        CHECK_THAT(html, Contains("<h1>" + script_text));  // the title
        CHECK_THAT(html, Contains("全区化学需氧量排放量" + script_text + attribute_text));  // the sentence
        CHECK_THAT(html, Contains(attribute_text + ".csv"));  // the file name
        CHECK_THAT(html, Contains("<h2>第二章 " + script_text + "</h2>"));  // the section
        CHECK(count(html, "<svg class=\"pc-chart\"") >= 3);  // cod-cap and both regions' cuts are charted
    }
}

TEST_CASE("check --format html writes the page to --output or stdout; not with --per-file", "[html][cli]") {
    plancheck_test::temp_dir dir;
    const std::string out = (dir.path() / "report.html").string();
    const auto written = plancheck_test::run_cli({"check", trajectory[0], trajectory[1], trajectory[2], "--format", "html",
                                                  "--output", out, "--lang", "zh"});
    CHECK(written.exit_code == 1);  // some targets are missed
    CHECK(written.out.empty());
    const std::string page = plancheck_test::temp_dir::read_file(out);
    CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    CHECK_THAT(page, Contains("<svg class=\"pc-chart\""));

    const auto printed = plancheck_test::run_cli({"check", trajectory[2], "--format", "html"});
    CHECK(printed.exit_code == 1);
    CHECK(printed.out.starts_with("<!DOCTYPE html>"));

    const auto per_file = plancheck_test::run_cli({"check", "--per-file", trajectory[0], trajectory[2], "--format", "html"});
    CHECK(per_file.exit_code == 2);
    CHECK(per_file.out.empty());
    CHECK_THAT(per_file.err, Contains("--per-file cannot write an HTML report"));
}

TEST_CASE("check --format html escapes a rule file loaded with --targets and a regional table", "[html][cli][escaping]") {
    plancheck_test::temp_dir dir;
    std::string toml = read_file(std::string(PLANCHECK_SOURCE_DIR) + "/targets/nmg-13fyp-energy.toml");
    replace_once(toml, "id = \"nmg-13fyp-energy\"", "id = \"attack-plan\"");
    replace_once(toml, "title = { zh = \"内蒙古自治区节能减排“十三五”规划\"",
                 "title = { zh = \"" + script_attack + "\\\"><img src=x onerror=alert(1)>\"");
    replace_once(toml, "source = \"全区化学需氧量排放量控制在77.63万吨以内\"", "source = \"" + script_attack + "\"");
    const std::string rules = dir.write("attack.toml", toml);
    const std::string table = dir.write("regional.csv",
                                        "region,indicator,kind,value,unit,base_year,target_year\n\"\"\"><img src=x onerror=alert(1)>\","
                                        "emissions.cod,change_vs_base,-5,%,2015,2020\n");
    const std::string data = dir.write("data.csv", "region,indicator,year,value,unit\n\"\"\"><img src=x onerror=alert(1)>\",COD,2015,2,万吨\n"
                                                   "\"\"\"><img src=x onerror=alert(1)>\",COD,2018,1.98,万吨\n"
                                                   "\"\"\"><img src=x onerror=alert(1)>\",COD,2020,1.9,万吨\n");
    const auto r = plancheck_test::run_cli({"--lang", "zh", "check", "--targets", rules, "--regional-targets", table, data,
                                            trajectory[1], trajectory[2], "--format", "html"});
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    require_inert(r.out);
    CHECK_THAT(r.out, Contains("<h1>" + script_text + attribute_text + "</h1>"));
    CHECK_THAT(r.out, Contains("<q lang=\"zh-CN\">" + script_text + "</q>"));  // under the chart
    CHECK_THAT(r.out, Contains("title=\"" + script_text + "\""));             // on the name in the table
    CHECK_THAT(r.out, Contains("<td>" + attribute_text + "</td>"));
}
