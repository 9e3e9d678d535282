// Merging JSON reports: merge judges the values of the reports again, so the merged report is
// byte for byte the JSON report of one run over all their files (a property test over random
// splits of the example files); verdicts edited by hand, unknown ids, impossible years, inputs
// given twice, and reports that are not well-formed are refused with the file and JSON path.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "plancheck/check.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/evaluate.hpp"
#include "plancheck/merge.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/regional.hpp"
#include "plancheck/report.hpp"
#include "plancheck/rule_loader.hpp"

namespace {

namespace pc = plancheck;
using json = nlohmann::json;

const std::string plan_text = R"(format = 1
[plan]
id = "t"
title = { zh = "测试规划", en = "Test plan" }
document = "测试〔2018〕1号"
region = { zh = "内蒙古自治区", en = "Inner Mongolia Autonomous Region" }
subregions = [{ zh = "呼和浩特市", en = "Hohhot" }, { zh = "包头市", en = "Baotou" }]
base_year = 2015
target_year = 2020

[[indicator]]
id = "cod"
name = { zh = "化学需氧量排放量", en = "COD emissions" }
unit = "万吨"

[[indicator.base]]
year = 2015
value = "83.56 万吨"
section = "第一章 第一节"
source = "2015年自治区化学需氧量排放量83.56万吨"

[[indicator]]
id = "energy"
name = { zh = "能源消费总量", en = "Total energy consumption" }
unit = "万吨标准煤"

[[target]]
id = "cod-cap"
name = "cod-cap"
indicator = "cod"
kind = "at_most"
comparison = "<="
value = "77.63 万吨"
base_year = 2015
year = 2020
binding = true
section = "第二章"
source = "测试"

[[target]]
id = "energy-increment"
name = "energy-increment"
indicator = "energy"
kind = "increment_at_most"
comparison = "<="
value = "3570 万吨标准煤"
base_year = 2015
year = 2020
binding = true
section = "第二章"
source = "测试"
)";

// The plan with each league's targets: a COD cut (expected) and an energy increment (binding).
pc::plan regional_plan() {
    auto p = pc::load_plan(plan_text, "t.toml");
    if (!p) FAIL("test plan does not load: " << p.error().message.en);
    auto with = pc::with_regional_targets(*p,
                                          pc::csv::from_string("region,indicator,kind,value,unit,base_year,target_year,binding\n"
                                                               "呼和浩特市,cod,change_vs_base,-6,%,2015,2020,false\n"
                                                               "包头市,cod,change_vs_base,-8,%,2015,2020,false\n"
                                                               "呼和浩特市,energy,increment_at_most,300,万吨标准煤,2015,2020,true\n"
                                                               "包头市,energy,increment_at_most,500,万吨标准煤,2015,2020,true\n"),
                                          "regional.csv");
    if (!with) FAIL("regional table does not load: " << with.error().message.en);
    return std::move(with->with_regions);
}

const std::string header = "region,indicator,year,value,unit\n";

// Hohhot 2015–2020 with the region's own COD; Baotou only up to 2019 (its latest year differs).
const std::string hohhot = header +
                           "呼和浩特市,cod,2015,5.0,万吨\n"
                           "呼和浩特市,cod,2016,4.9,万吨\n"
                           "呼和浩特市,cod,2018,4.8,万吨\n"
                           "呼和浩特市,cod,2020,4.6,万吨\n"
                           "呼和浩特市,energy,2015,2000,万吨标准煤\n"
                           "呼和浩特市,energy,2020,2350,万吨标准煤\n"
                           "内蒙古自治区,cod,2016,82,万吨\n"
                           "内蒙古自治区,cod,2020,76,万吨\n";
const std::string baotou = header +
                           "包头市,cod,2015,8.0,万吨\n"
                           "包头市,cod,2017,7.7,万吨\n"
                           "包头市,cod,2019,7.3,万吨\n"
                           "包头市,energy,2015,3000,万吨标准煤\n"
                           "包头市,energy,2017,3200,万吨标准煤\n";

struct named {
    std::string name;
    std::string content;
};

struct options {
    bool every_year = true;
    bool require_all = false;
};

// The JSON report of one run over `files`, as `plancheck check --format json` makes it.
std::string run_report(const pc::plan& p, const std::vector<named>& files, options o = {}) {
    pc::observation_reader reader(p, {});
    for (const named& f : files) reader.read(pc::csv::from_string(f.content), f.name);
    if (reader.failed()) FAIL("data does not read: " << reader.problems().front().format(pc::language::en));
    pc::check_outcome out;
    out.findings = reader.problems();
    out.findings_left_out = reader.findings_left_out();
    out.data = std::move(reader).finish();
    out.read_findings = out.findings.size();
    out.read_left_out = out.findings_left_out;
    pc::check_request request;
    request.evaluation.every_year = o.every_year || files.size() > 1;
    request.evaluation.require_all = o.require_all;
    pc::judge_observations(p, request, out);
    REQUIRE(out.ev.has_value());
    pc::run_info run;
    run.version = "test";
    run.fail_under = 100.0;
    run.read_findings = out.read_findings;
    run.read_left_out = out.read_left_out;
    std::string names;
    for (const named& f : files) names += (names.empty() ? "" : " ") + f.name;
    run.options = {{"all_years", request.evaluation.every_year ? "true" : "false"},
                   {"require_all", o.require_all ? "true" : "false"},
                   {"inputs", names}};
    const pc::report_context ctx{p, *out.ev, out.data, out.findings, out.findings_left_out, pc::language::en, false, false, false, run};
    return pc::render_json(ctx);
}

pc::merged_report merged_ok(const std::vector<pc::report_text>& reports, const pc::plan& p) {
    auto m = pc::merge_reports(reports, p);
    if (!m) FAIL("merge failed: " << m.error().format(pc::language::en));
    if (m->outcome.input_failed) FAIL("merge found input errors: " << m->outcome.findings.front().format(pc::language::en));
    return std::move(m).value();
}

pc::error merge_error(const std::vector<pc::report_text>& reports, const pc::plan& p) {
    auto m = pc::merge_reports(reports, p);
    if (m) FAIL("merge succeeded where it must not");
    return m.error();
}

std::string read_example(const std::string& name) {
    std::ifstream in(std::string(PLANCHECK_SOURCE_DIR) + "/examples/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("shards per league merge into exactly the report of one run", "[merge]") {
    const pc::plan p = regional_plan();
    const std::string a = run_report(p, {{"hohhot.csv", hohhot}});
    const std::string b = run_report(p, {{"baotou.csv", baotou}});
    const std::string one = run_report(p, {{"hohhot.csv", hohhot}, {"baotou.csv", baotou}});

    const pc::merged_report m = merged_ok({{"a.json", a}, {"b.json", b}}, p);
    CHECK(m.document == one);
    CHECK(m.reports == 2);
    // What was compared: 6 targets; the run's latest year is 2020, where Baotou and the region's
    // energy have no data.
    const pc::tally& all = m.outcome.ev->summary.all;
    CHECK(all.results == 6);
    CHECK(all.no_data == 3);
    CHECK(all.judged() == 3);

    SECTION("in the other order: one run over the files in that order") {
        CHECK(merged_ok({{"b.json", b}, {"a.json", a}}, p).document ==
              run_report(p, {{"baotou.csv", baotou}, {"hohhot.csv", hohhot}}));
    }
    SECTION("from a --per-file bundle") {
        const json bundle{{"schema", "plancheck-reports/1"}, {"reports", {json::parse(a), json::parse(b)}}, {"failed", json::array()}};
        CHECK(merged_ok({{"all.json", bundle.dump()}}, p).document == one);
    }
    SECTION("with --require-all") {
        const std::string ra = run_report(p, {{"hohhot.csv", hohhot}}, {true, true});
        const std::string rb = run_report(p, {{"baotou.csv", baotou}}, {true, true});
        const pc::merged_report mr = merged_ok({{"a.json", ra}, {"b.json", rb}}, p);
        CHECK(mr.document == run_report(p, {{"hohhot.csv", hohhot}, {"baotou.csv", baotou}}, {true, true}));
        CHECK(mr.outcome.ev->summary.all.evaluated == 6);
    }
    SECTION("shards checked without --all-years: a merge of several inputs judges every year, as one run does") {
        const std::string la = run_report(p, {{"hohhot.csv", hohhot}}, {false, false});
        const std::string lb = run_report(p, {{"baotou.csv", baotou}}, {false, false});
        CHECK(merged_ok({{"a.json", la}, {"b.json", lb}}, p).document == one);
    }
}

TEST_CASE("property: merge of random shards of the example files is one run over them, byte for byte", "[merge][property]") {
    auto loaded = pc::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(loaded.has_value());
    const pc::plan& p = *loaded;
    const std::vector<std::string> examples{"nmg-2016-illustrative.csv", "nmg-2018-illustrative.csv", "nmg-2020-illustrative.csv"};
    std::vector<std::pair<std::string, std::vector<std::string>>> files;  // header, rows
    for (const std::string& name : examples) {
        std::istringstream in(read_example(name));
        std::string line;
        std::getline(in, line);
        files.push_back({line, {}});
        while (std::getline(in, line))
            if (!line.empty()) files.back().second.push_back(line);
        REQUIRE(files.back().second.size() > 50);
    }
    for (std::uint32_t seed = 1; seed <= 12; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        // Each example file cut into 1–3 parts, its rows dealt at random (a shard may hold a year's
        // values and the next shard its base year), the parts in a random order…
        std::vector<named> parts;
        for (std::size_t f = 0; f < files.size(); ++f) {
            const std::size_t n = 1 + rng() % 3;
            std::vector<std::string> contents(n, files[f].first + "\n");
            for (const std::string& row : files[f].second) contents[rng() % n] += row + "\n";
            for (std::size_t k = 0; k < n; ++k) parts.push_back({fmt::format("{}-part{}.csv", examples[f].substr(4, 4), k + 1), contents[k]});
        }
        std::shuffle(parts.begin(), parts.end(), rng);
        // …then dealt into 1–4 shards of consecutive parts, each checked with --all-years.
        const std::size_t shards = 1 + rng() % std::min<std::size_t>(4, parts.size());
        std::vector<std::size_t> cuts{0, parts.size()};
        while (cuts.size() < shards + 1) {
            const std::size_t c = 1 + rng() % (parts.size() - 1);
            if (std::find(cuts.begin(), cuts.end(), c) == cuts.end()) cuts.push_back(c);
        }
        std::sort(cuts.begin(), cuts.end());
        std::vector<pc::report_text> reports;
        for (std::size_t s = 0; s + 1 < cuts.size(); ++s) {
            const std::vector<named> shard(parts.begin() + static_cast<std::ptrdiff_t>(cuts[s]),
                                           parts.begin() + static_cast<std::ptrdiff_t>(cuts[s + 1]));
            reports.push_back({fmt::format("shard{}.json", s + 1), run_report(p, shard)});
        }
        const pc::merged_report m = merged_ok(reports, p);
        const std::string one = run_report(p, parts);
        CHECK(m.document == one);
        CHECK(m.outcome.ev->summary.all.results > 70);
    }
}

TEST_CASE("yearly shards: a miss of an earlier year is not hidden by a later shard", "[merge]") {
    auto loaded = pc::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(loaded.has_value());
    const pc::plan& p = *loaded;
    const std::vector<named> files{{"2016.csv", read_example("nmg-2016-illustrative.csv")},
                                   {"2018.csv", read_example("nmg-2018-illustrative.csv")},
                                   {"2020.csv", read_example("nmg-2020-illustrative.csv")}};
    std::vector<pc::report_text> reports;
    for (const named& f : files) reports.push_back({f.name + ".json", run_report(p, {f})});
    const pc::merged_report m = merged_ok(reports, p);
    const std::string one = run_report(p, files);
    CHECK(m.document == one);
    const json j = json::parse(one);
    CHECK(j.at("summary").at("met") == m.outcome.ev->summary.all.met);
    CHECK(j.at("summary").at("judged") == m.outcome.ev->summary.all.judged());
}

TEST_CASE("a status edited by hand is refused, naming the report and the JSON path", "[merge]") {
    const pc::plan p = regional_plan();
    json a = json::parse(run_report(p, {{"hohhot.csv", hohhot}}));
    const json b = json::parse(run_report(p, {{"baotou.csv", baotou}}));
    std::size_t edited = 0;
    for (std::size_t i = 0; i < a.at("results").size(); ++i) {
        json& r = a["results"][i];
        if (r.at("status") == "not met" || r.at("status") == "no data" || r.at("status") == "behind") {
            r["status"] = "met";
            edited = i;
            break;
        }
    }
    const pc::error e = merge_error({{"a.json", a.dump()}, {"b.json", b.dump()}}, p);
    CHECK(e.code == pc::error_code::report_invalid);
    CHECK(e.where.file == "a.json");
    CHECK(e.message.en.find(fmt::format("at $.results[{}].status: says \"met\", but its values give", edited)) == 0);

    SECTION("a value edited by hand is judged as it now reads") {
        json c = json::parse(run_report(p, {{"hohhot.csv", hohhot}}));
        for (json& v : c["data"]["values"])
            if (v.at("indicator") == "cod" && v.at("year") == 2020) v["value"] = 99.0e4;
        // The report's own results no longer follow from its values.
        CHECK(merge_error({{"c.json", c.dump()}}, p).code == pc::error_code::report_invalid);
    }
}

TEST_CASE("unknown ids, impossible years and inputs given twice are refused with the JSON path", "[merge]") {
    const pc::plan p = regional_plan();
    const json a = json::parse(run_report(p, {{"hohhot.csv", hohhot}}));
    const json b = json::parse(run_report(p, {{"baotou.csv", baotou}}));
    SECTION("an unknown target id") {
        json c = a;
        c["results"][1]["target"] = "cod-cap-2099";
        const pc::error e = merge_error({{"c.json", c.dump()}}, p);
        CHECK(e.code == pc::error_code::report_invalid);
        CHECK(e.message.en.find("at $.results[1].target: plan t has no target \"cod-cap-2099\"") == 0);
    }
    SECTION("an unknown indicator id") {
        json c = a;
        c["data"]["values"][0]["indicator"] = "co2";
        CHECK(merge_error({{"c.json", c.dump()}}, p).message.en.find("at $.data.values[0].indicator:") == 0);
    }
    SECTION("an impossible year of a value") {
        json c = a;
        c["data"]["values"][0]["year"] = 2031;
        const pc::error e = merge_error({{"c.json", c.dump()}}, p);
        CHECK(e.message.en == "at $.data.values[0].year: year 2031 is outside the plan's years 2015–2020");
    }
    SECTION("an impossible year of a result") {
        json c = a;
        c["results"][0]["year"] = 1066;
        CHECK(merge_error({{"c.json", c.dump()}}, p).message.en.find("at $.results[0].year: year 1066") == 0);
    }
    SECTION("the same report twice") {
        const pc::error e = merge_error({{"a.json", a.dump()}, {"again.json", a.dump()}}, p);
        CHECK(e.code == pc::error_code::duplicate_conflict);
        CHECK(e.message.en.find("at $.run.inputs[0]: input hohhot.csv is named as an input of a.json") == 0);
    }
    SECTION("one file under two names") {
        json c = b;
        c["run"]["inputs"][0]["sha256"] = a.at("run").at("inputs").at(0).at("sha256");
        const pc::error e = merge_error({{"a.json", a.dump()}, {"c.json", c.dump()}}, p);
        CHECK(e.code == pc::error_code::duplicate_conflict);
        CHECK(e.message.en.find("at $.run.inputs[0]: input baotou.csv has the content (sha256)") == 0);
    }
    SECTION("a value that is not finite or not a number") {
        json c = a;
        c["data"]["values"][0]["value"] = "5";
        CHECK(merge_error({{"c.json", c.dump()}}, p).message.en == "at $.data.values[0].value: expected a finite number");
    }
}

TEST_CASE("failed inputs and contradicting values make the merge fail as one run would", "[merge]") {
    const pc::plan p = regional_plan();
    const json a = json::parse(run_report(p, {{"hohhot.csv", hohhot}}));
    const json b = json::parse(run_report(p, {{"baotou.csv", baotou}}));
    SECTION("a --per-file bundle with a failed file") {
        const json failed_file{{"file", "broken.csv"},
                               {"findings", {{{"code", "E-NUMBER"},
                                              {"severity", "error"},
                                              {"message", {{"zh", "不是数"}, {"en", "not a number"}}},
                                              {"origin", "broken.csv:3:27"}}}}};
        const json bundle{{"schema", "plancheck-reports/1"}, {"reports", {a, b}}, {"failed", {failed_file}}};
        auto m = pc::merge_reports({{"bundle.json", bundle.dump()}}, p);
        REQUIRE(m.has_value());
        CHECK(m->outcome.input_failed);
        CHECK(m->document.empty());
        const auto it = std::find_if(m->outcome.findings.begin(), m->outcome.findings.end(),
                                     [](const pc::error& e) { return e.code == pc::error_code::number; });
        REQUIRE(it != m->outcome.findings.end());
        CHECK(it->where.to_string() == "broken.csv:3:27");
    }
    SECTION("two reports with different values for one region, indicator and year") {
        std::string other = header + "呼和浩特市,cod,2020,4.9,万吨\n";
        const std::string c = run_report(p, {{"hohhot-revised.csv", other}});
        auto m = pc::merge_reports({{"a.json", a.dump()}, {"c.json", c}}, p);
        REQUIRE(m.has_value());
        CHECK(m->outcome.input_failed);
        const auto it = std::find_if(m->outcome.findings.begin(), m->outcome.findings.end(),
                                     [](const pc::error& e) { return e.code == pc::error_code::duplicate_conflict; });
        REQUIRE(it != m->outcome.findings.end());
        CHECK(it->where.to_string() == "hohhot-revised.csv:2:16");
    }
}

TEST_CASE("reports of other plans, rule files or options are refused", "[merge]") {
    const pc::plan p = regional_plan();
    const json a = json::parse(run_report(p, {{"hohhot.csv", hohhot}}));
    const json b = json::parse(run_report(p, {{"baotou.csv", baotou}}));
    SECTION("another rule file") {
        json c = b;
        c["run"]["plan"]["rule_file_sha256"] = std::string(64, '0');
        const pc::error e = merge_error({{"a.json", a.dump()}, {"c.json", c.dump()}}, p);
        CHECK(e.code == pc::error_code::plan_unknown);
        CHECK(e.where.file == "c.json");
    }
    SECTION("another --require-all") {
        const std::string c = run_report(p, {{"baotou.csv", baotou}}, {true, true});
        const pc::error e = merge_error({{"a.json", a.dump()}, {"c.json", c}}, p);
        CHECK(e.code == pc::error_code::usage);
        CHECK(e.message.en.find("at $.run.options.require_all: made with require_all = true, a.json with require_all = false") == 0);
    }
}

TEST_CASE("texts that are not reports are refused with the file and the position or JSON path", "[merge]") {
    const pc::plan p = regional_plan();
    const auto refused = [&](const std::string& content) { return merge_error({{"r.json", content}}, p); };
    SECTION("broken JSON") {
        const pc::error e = refused("{\n  \"schema\": x\n}");
        CHECK(e.code == pc::error_code::report_invalid);
        CHECK(e.where.to_string() == "r.json:2:13");
    }
    SECTION("a number out of range (1e999999)") {
        const pc::error e = refused("{\n  \"schema\": \"plancheck-report/1\",\n  \"x\": 1e999999\n}");
        CHECK(e.code == pc::error_code::report_invalid);
        CHECK(e.where.to_string() == "r.json:3:8");
        CHECK(e.message.en.find("at $: not valid JSON") == 0);
    }
    SECTION("nested too deep") {
        const pc::error e = refused(std::string(100000, '[') + std::string(100000, ']'));
        CHECK(e.code == pc::error_code::report_invalid);
        CHECK(e.where.to_string() == fmt::format("r.json:1:{}", pc::max_report_depth + 1));
    }
    SECTION("too large") {
        const pc::error e = refused(std::string(pc::max_report_bytes + 1, ' '));
        CHECK(e.code == pc::error_code::report_invalid);
        CHECK(e.message.en.find("at $: 67108865 bytes, more than the 64 MiB") == 0);
    }
    SECTION("another schema") {
        CHECK(refused(R"({"schema": "something/1"})").message.en.find("at $.schema: not \"plancheck-report/1\"") == 0);
    }
    SECTION("a bundle inside a bundle") {
        const pc::error e = refused(R"({"schema": "plancheck-reports/1", "reports": [{"schema": "plancheck-reports/1", "reports": []}]})");
        CHECK(e.message.en == "at $.reports[0].schema: a bundle inside a bundle: give its reports to merge directly");
    }
    SECTION("a report missing a field") {
        const pc::error e = refused(R"({"schema": "plancheck-report/1", "run": {}})");
        CHECK(e.code == pc::error_code::report_invalid);
        CHECK(e.message.en.find("at $.run.plancheck_version: missing") == 0);
    }
    SECTION("nothing") {
        const auto m = pc::merge_reports({}, p);
        REQUIRE_FALSE(m.has_value());
        CHECK(m.error().code == pc::error_code::usage);
    }
    SECTION("a file that cannot be read") {
        const auto r = pc::read_report_file("/nonexistent/plancheck/report.json");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == pc::error_code::io);
    }
}
