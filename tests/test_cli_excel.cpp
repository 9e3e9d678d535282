// Files that survive Excel, tested on the real binary: the template as CSV with a UTF-8 BOM
// (read back by check) or without (--no-bom), the template as .xlsx, the report as .xlsx
// (check --format xlsx), CSV headers and words in Chinese with --lang zh. The workbooks are
// opened by another program than plancheck — Python's openpyxl (Debian python3-openpyxl) — and
// those tests say they are skipped when it is missing.

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"

namespace {

using nlohmann::json;
using plancheck_test::run_cli;
using plancheck_test::run_result;
using plancheck_test::temp_dir;

const std::string example_2020 = std::string(PLANCHECK_SOURCE_DIR) + "/examples/nmg-2020-illustrative.csv";
constexpr std::string_view bom = "\xEF\xBB\xBF";

bool contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> fields_of(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.push_back(field);
            field.clear();
        } else {
            field += c;
        }
    }
    fields.push_back(field);
    return fields;
}

json parse_json(const std::string& text) {
    json doc = json::parse(text, nullptr, false);
    REQUIRE_FALSE(doc.is_discarded());
    return doc;
}

// What openpyxl sees in a workbook: sheet names, and per sheet every cell's value, type ('s'
// text, 'n' number, 'f' formula), solid fill colour and comment, the data validations and the
// frozen panes.
constexpr std::string_view dump_script = R"(import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "data": {}}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
            cells.append({"v": c.value, "t": c.data_type, "fill": fill if isinstance(fill, str) else None,
                          "comment": c.comment.text if c.comment else None})
        rows.append(cells)
    validations = [{"type": dv.type, "sqref": str(dv.sqref), "min": dv.formula1, "max": dv.formula2}
                   for dv in ws.data_validations.dataValidation]
    out["data"][ws.title] = {"rows": rows, "validations": validations, "freeze": ws.freeze_panes}
print(json.dumps(out, ensure_ascii=False, default=str))
)";

// A Python 3 that has openpyxl (Debian's, when a pyenv or venv python3 comes first on PATH).
std::optional<std::string> python_with_openpyxl() {
    static const std::optional<std::string> found = []() -> std::optional<std::string> {
        for (const char* candidate : {"/usr/bin/python3", "python3"})
            if (std::system((std::string(candidate) + " -c 'import openpyxl' >/dev/null 2>&1").c_str()) == 0)
                return std::string(candidate);
        return std::nullopt;
    }();
    return found;
}

// The workbook as openpyxl reads it; nullopt (with a message) when openpyxl is missing.
std::optional<json> open_workbook(const temp_dir& dir, const std::string& workbook) {
    const auto python = python_with_openpyxl();
    if (!python) {
        WARN("skipped: no python3 with openpyxl (Debian python3-openpyxl; scripts/deps.sh test installs it)");
        return std::nullopt;
    }
    const std::string script = dir.write("dump_xlsx.py", dump_script);
    const std::string out = (dir.path() / "dump.json").string();
    const std::string err = (dir.path() / "dump.err").string();
    const int status = std::system((*python + " " + script + " '" + workbook + "' >" + out + " 2>" + err).c_str());
    INFO(temp_dir::read_file(err));
    REQUIRE(status == 0);
    return parse_json(temp_dir::read_file(out));
}

// The values of a sheet's rows, as strings ("" for an empty cell; whole numbers without ".0").
std::vector<std::vector<std::string>> values_of(const json& sheet) {
    std::vector<std::vector<std::string>> rows;
    for (const json& row : sheet["rows"]) {
        std::vector<std::string> values;
        for (const json& cell : row) {
            const json& v = cell["v"];
            if (v.is_null())
                values.emplace_back();
            else if (v.is_string())
                values.push_back(v.get<std::string>());
            else if (v.is_number_integer())
                values.push_back(std::to_string(v.get<long long>()));
            else if (v.is_number())
                values.push_back(v.dump());
            else
                values.push_back(v.dump());
        }
        while (!values.empty() && values.back().empty()) values.pop_back();
        rows.push_back(std::move(values));
    }
    return rows;
}

}  // namespace

// ---- template as CSV --------------------------------------------------------------------------

TEST_CASE("template writes CSV with a UTF-8 BOM that check reads back; --no-bom without", "[cli][template][excel]") {
    const temp_dir dir;
    const run_result with = run_cli({"template", "--year", "2020"});
    REQUIRE(with.exit_code == 0);
    CHECK(with.out.starts_with(std::string(bom) + "region,indicator,year,value,unit\n"));
    const run_result without = run_cli({"template", "--year", "2020", "--no-bom"});
    REQUIRE(without.exit_code == 0);
    CHECK(without.out.starts_with("region,indicator,year,value,unit\n"));
    CHECK(with.out == std::string(bom) + without.out);

    const std::string file = (dir.path() / "blank.csv").string();
    REQUIRE(run_cli({"template", "--year", "2020", "-o", file}).exit_code == 0);
    CHECK(dir.read("blank.csv") == with.out);

    // Read back, BOM and all: every row is read (ignored as empty), none is an error.
    const run_result r = run_cli({"check", "--format", "json", file});
    CHECK(r.exit_code == 1);
    CHECK_FALSE(contains(r.err, "error"));
    const json report = parse_json(r.out);
    const json& input = report["run"]["inputs"][0];
    CHECK(input["bom"] == true);
    CHECK(input["rejected"] == 0);
    CHECK(input["rows"] == lines_of(without.out).size() - 1);

    SECTION("the regional targets table too, read back by --regional-targets") {
        const run_result t = run_cli({"template", "--regional"});
        REQUIRE(t.exit_code == 0);
        CHECK(t.out.starts_with(std::string(bom) + "region,indicator,kind,value,unit,base_year,target_year"));
        const run_result plain = run_cli({"template", "--regional", "--no-bom"});
        CHECK(t.out == std::string(bom) + plain.out);
    }
}

// ---- template as .xlsx ------------------------------------------------------------------------

TEST_CASE("template -o t.xlsx: a workbook with the template's header and rows, notes and year validation",
          "[cli][template][excel]") {
    const temp_dir dir;
    for (const std::string lang : {"en", "zh"}) {
        INFO(lang);
        const std::string file = (dir.path() / ("blank-" + lang + ".xlsx")).string();
        const run_result r = run_cli({"--lang", lang, "template", "--year", "2020", "-o", file});
        REQUIRE(r.exit_code == 0);
        CHECK(r.out.empty());
        CHECK(r.err.empty());
        CHECK(dir.read("blank-" + lang + ".xlsx").starts_with("PK"));  // a zip, not text

        const run_result csv = run_cli({"--lang", lang, "template", "--year", "2020", "--no-bom"});
        const auto expected = lines_of(csv.out);

        const auto book = open_workbook(dir, file);
        if (!book) return;
        const std::string sheet_name = lang == "zh" ? "统计数据" : "statistics";
        REQUIRE((*book)["sheets"] == json::array({sheet_name}));
        const json& sheet = (*book)["data"][sheet_name];
        const auto rows = values_of(sheet);
        REQUIRE(rows.size() == expected.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            std::vector<std::string> want = fields_of(expected[i]);
            INFO(expected[i]);
            auto got = rows[i];
            got.resize(5);
            want.resize(5);
            CHECK(got == want);
        }
        // The year a number, the other cells text (never a formula).
        for (std::size_t i = 1; i < sheet["rows"].size(); ++i) {
            CHECK(sheet["rows"][i][2]["t"] == "n");
            CHECK(sheet["rows"][i][0]["t"] == "s");
            CHECK(sheet["rows"][i][4]["t"] == "s");
        }
        // The note on each value cell: the unit and the plan's sentence of a target needing it.
        const json& first_value = sheet["rows"][1][3];
        REQUIRE(first_value["comment"].is_string());
        const std::string note = first_value["comment"];
        CHECK(contains(note, lang == "zh" ? "单位：" : "unit: "));
        CHECK(contains(note, rows[1][4]));
        for (std::size_t i = 1; i < sheet["rows"].size(); ++i) CHECK(sheet["rows"][i][3]["comment"].is_string());
        // The year column is validated as a whole number of the plan's years.
        REQUIRE(sheet["validations"].size() == 1);
        CHECK(sheet["validations"][0]["type"] == "whole");
        CHECK(sheet["validations"][0]["sqref"].get<std::string>().starts_with("C2:C"));
        CHECK(sheet["validations"][0]["min"] == "2015");
        CHECK(sheet["validations"][0]["max"] == "2020");
        CHECK(sheet["freeze"] == "A2");
    }
}

TEST_CASE("template: .xlsx only for the statistics file; --regional stays CSV", "[cli][template][excel]") {
    const temp_dir dir;
    const run_result r = run_cli({"template", "--regional", "-o", (dir.path() / "regional.xlsx").string()});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "error[E-USAGE]"));
    CHECK(contains(r.err, "CSV"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "regional.xlsx"));
}

// ---- CSV report in Chinese --------------------------------------------------------------------

TEST_CASE("check --format csv --lang zh: Chinese headers and status words; English stays as it was", "[cli][check][excel]") {
    const run_result en = run_cli({"--lang", "en", "check", "--format", "csv", example_2020});
    const run_result zh = run_cli({"--lang", "zh", "check", "--format", "csv", example_2020});
    REQUIRE(en.exit_code == zh.exit_code);
    const auto en_lines = lines_of(en.out);
    const auto zh_lines = lines_of(zh.out);
    REQUIRE(en_lines.size() == zh_lines.size());
    CHECK(en_lines[0] ==
          "target,indicator,region,year,status,actual,required,target_value,gap,unit,attainment_percent,grade,basis,"
          "binding,section,source,reason");
    CHECK(zh_lines[0] == "目标,指标,地区,年份,状态,实际值,要求值,目标值,差距,单位,完成率(%),预警,基数来源,性质,章节,规划原文,说明");
    bool saw_not_met = false;
    for (std::size_t i = 1; i < en_lines.size(); ++i) {
        const auto e = fields_of(en_lines[i]);
        const auto z = fields_of(zh_lines[i]);
        REQUIRE(e.size() == z.size());
        CHECK(e[0] == z[0]);  // ids and numbers are the same
        CHECK(e[5] == z[5]);
        const std::map<std::string, std::string> status{{"met", "达标"}, {"not met", "未达标"}, {"on track", "进度正常"},
                                                        {"behind", "进度滞后"}, {"no data", "无数据"}, {"not evaluable", "无法评价"}};
        if (status.contains(e[4])) CHECK(z[4] == status.at(e[4]));
        CHECK(z[4] != e[4]);
        saw_not_met = saw_not_met || e[4] == "not met";
        const std::map<std::string, std::string> grade{{"", ""}, {"green", "绿灯"}, {"yellow", "黄灯"}, {"red", "红灯"}};
        if (grade.contains(e[11])) CHECK(z[11] == grade.at(e[11]));
        CHECK(z[13] == (e[13] == "binding" ? "约束性" : "预期性"));
    }
    CHECK(saw_not_met);

    SECTION("--per-file: the file column in the same language") {
        const run_result per_file = run_cli({"--lang", "zh", "check", "--per-file", "--format", "csv", example_2020});
        CHECK(per_file.out.starts_with("文件,目标,指标,"));
        const run_result per_file_en = run_cli({"--lang", "en", "check", "--per-file", "--format", "csv", example_2020});
        CHECK(per_file_en.out.starts_with("file,target,indicator,"));
    }
}

// ---- report as .xlsx --------------------------------------------------------------------------

TEST_CASE("check --format xlsx -o r.xlsx: a summary and a results sheet with grades as colours", "[cli][check][excel]") {
    const temp_dir dir;
    const std::string file = (dir.path() / "report.xlsx").string();
    const run_result r = run_cli({"--lang", "en", "check", "--format", "xlsx", "-o", file, example_2020});
    const run_result json_run = run_cli({"--lang", "en", "check", "--format", "json", example_2020});
    CHECK(r.exit_code == json_run.exit_code);  // the same verdict, whatever the format
    CHECK(r.out.empty());
    CHECK(dir.read("report.xlsx").starts_with("PK"));
    const json report = parse_json(json_run.out);

    const auto book = open_workbook(dir, file);
    if (!book) return;
    REQUIRE((*book)["sheets"] == json::array({"Summary", "Results"}));

    // Summary: compliance as the other reports count it, the rule file's and the input's SHA-256.
    const auto summary = values_of((*book)["data"]["Summary"]);
    const auto value_of = [&](const std::string& label) -> std::string {
        for (const auto& row : summary)
            if (!row.empty() && row[0] == label && row.size() > 1) return row[1];
        return "<missing " + label + ">";
    };
    const json& s = report["summary"];
    CHECK(value_of("Compliance (met / evaluated)").starts_with(
        std::to_string(s["met"].get<int>()) + "/" + std::to_string(s["evaluated"].get<int>()) + " ("));
    CHECK(value_of("Rule file SHA-256") == report["run"]["plan"]["rule_file_sha256"]);
    CHECK(value_of("Plan") == "nmg-13fyp-energy");
    CHECK(value_of("Met") == std::to_string(s["met"].get<int>()));
    bool input_listed = false;
    for (const auto& row : summary)
        if (row.size() > 1 && row[1] == report["run"]["inputs"][0]["sha256"]) input_listed = true;
    CHECK(input_listed);

    // Results: one row per result, in the JSON report's order, statuses from the same words.
    const json& results_sheet = (*book)["data"]["Results"];
    const auto rows = values_of(results_sheet);
    REQUIRE(rows.size() == report["results"].size() + 1);
    CHECK(rows[0][0] == "Target");
    CHECK(rows[0][4] == "Status");
    CHECK(results_sheet["freeze"] == "B2");
    bool saw_red = false;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const json& want = report["results"][i - 1];
        INFO(want.dump());
        CHECK(rows[i][0] == want["target"]);
        CHECK(rows[i][4] == want["status"]);
        const json& status_cell = results_sheet["rows"][i][4];
        const std::string grade = want["grade"].is_string() ? want["grade"].get<std::string>() : "none";
        const std::string fill = status_cell["fill"].is_string() ? status_cell["fill"].get<std::string>() : "";
        if (grade == "red") {
            CHECK(fill.ends_with("FFC7CE"));
            saw_red = true;
        } else if (grade == "yellow") {
            CHECK(fill.ends_with("FFEB9C"));
        } else if (grade == "green") {
            CHECK(fill.ends_with("C6EFCE"));
        } else if (want["status"] == "no data" || want["status"] == "not evaluable") {
            CHECK(fill.ends_with("E7E6E6"));
        }
        CHECK(results_sheet["rows"][i][3]["t"] == "n");  // the year a number
    }
    CHECK(saw_red);

    SECTION("--lang zh: sheet names, headings and status words in Chinese") {
        const std::string zh_file = (dir.path() / "report-zh.xlsx").string();
        REQUIRE(run_cli({"--lang", "zh", "check", "--format", "xlsx", "-o", zh_file, example_2020}).exit_code ==
                json_run.exit_code);
        const auto zh_book = open_workbook(dir, zh_file);
        REQUIRE(zh_book);
        REQUIRE((*zh_book)["sheets"] == json::array({"概要", "结果"}));
        const auto zh_rows = values_of((*zh_book)["data"]["结果"]);
        CHECK(zh_rows[0][0] == "目标");
        CHECK(zh_rows[0][4] == "状态");
        const run_result zh_csv = run_cli({"--lang", "zh", "check", "--format", "csv", example_2020});
        const auto csv_lines = lines_of(zh_csv.out);
        REQUIRE(csv_lines.size() == zh_rows.size());
        for (std::size_t i = 1; i < zh_rows.size(); ++i) CHECK(zh_rows[i][4] == fields_of(csv_lines[i])[4]);
    }
}

TEST_CASE("check --format xlsx: refused to stdout, with --per-file and with --explain; .xlsx output implies it",
          "[cli][check][excel]") {
    const temp_dir dir;
    const run_result to_stdout = run_cli({"check", "--format", "xlsx", example_2020});
    CHECK(to_stdout.exit_code == 2);
    CHECK(to_stdout.out.empty());
    CHECK(contains(to_stdout.err, "error[E-USAGE]: --format xlsx"));
    CHECK(contains(to_stdout.err, "-o"));

    const run_result per_file =
        run_cli({"check", "--per-file", "--format", "xlsx", "-o", (dir.path() / "p.xlsx").string(), example_2020});
    CHECK(per_file.exit_code == 2);
    CHECK(contains(per_file.err, "--per-file"));

    // -o report.xlsx without --format writes a workbook; with another --format it is refused.
    const std::string implied = (dir.path() / "implied.xlsx").string();
    const run_result r = run_cli({"check", "-o", implied, example_2020});
    CHECK((r.exit_code == 0 || r.exit_code == 1));
    CHECK(dir.read("implied.xlsx").starts_with("PK"));
    const run_result mismatch = run_cli({"check", "--format", "csv", "-o", (dir.path() / "m.xlsx").string(), example_2020});
    CHECK(mismatch.exit_code == 2);
    CHECK(contains(mismatch.err, "--format xlsx"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "m.xlsx"));
}

TEST_CASE("check --format xlsx: cells from inputs and rule files that begin with = + - @ stay text", "[cli][check][excel]") {
    const temp_dir dir;
    // A rule file whose words begin like formulas, and an input file named like one.
    const std::string rules = dir.write("formula-plan.toml", R"toml([plan]
id = "formula-plan"
title = { zh = "=HYPERLINK(\"http://example.invalid\",\"x\")", en = "+1+1" }
document = "@SUM(A1)"
region = "内蒙古自治区"
base_year = 2015
target_year = 2020

[[indicator]]
id = "emissions.cod"
name = { zh = "化学需氧量排放量", en = "COD emissions" }
unit = "万吨"

[[target]]
id = "cod-cap"
name = "-2+3"
indicator = "emissions.cod"
kind = "at_most"
value = "77.63 万吨"
year = 2020
binding = true
section = "@SUM(1,2)"
source = "=1+2"
)toml");
    const std::string data = dir.write("=cmd.csv", "indicator,year,value,unit\nemissions.cod,2020,70,万吨\n");
    const std::string file = (dir.path() / "formulas.xlsx").string();
    const run_result r = run_cli({"check", "--targets", rules, "--format", "xlsx", "-o", file, data});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto book = open_workbook(dir, file);
    if (!book) return;
    for (const auto& [name, sheet] : (*book)["data"].items())
        for (const json& row : sheet["rows"])
            for (const json& cell : row) {
                INFO(name << ": " << cell.dump());
                CHECK(cell["t"] != "f");
            }
    const auto results = values_of((*book)["data"]["Results"]);
    REQUIRE(results.size() == 2);
    CHECK(results[1][14] == "@SUM(1,2)");
    CHECK(results[1][15] == "=1+2");
    bool named = false;
    for (const auto& row : values_of((*book)["data"]["Summary"]))
        for (const std::string& v : row) named = named || v == data;
    CHECK(named);
}

TEST_CASE("workbooks: control characters from a rule file become U+FFFD, and the workbook still opens", "[cli][excel]") {
    // XML 1.0 cannot carry them: written as they are, Excel would call the file corrupt.
    const temp_dir dir;
    const std::string rules = dir.write("control.toml", R"toml([plan]
id = "control-plan"
title = { zh = "控制字符", en = "Control\u0001characters" }
document = "x"
region = "内蒙古自治区"
base_year = 2015
target_year = 2020

[[indicator]]
id = "emissions.cod"
name = { zh = "化学需氧量排放量", en = "COD emissions" }
unit = "万吨"

[[target]]
id = "cod-cap"
name = "cap"
indicator = "emissions.cod"
kind = "at_most"
value = "77.63 万吨"
year = 2020
binding = true
section = "s\u0002"
source = "x\u001fy"
)toml");
    const std::string data = dir.write("data.csv", "indicator,year,value,unit\nemissions.cod,2020,70,万吨\n");
    const std::string report = (dir.path() / "report.xlsx").string();
    const std::string blank = (dir.path() / "blank.xlsx").string();
    REQUIRE(run_cli({"--lang", "en", "check", "--targets", rules, "-o", report, data}).exit_code == 0);
    REQUIRE(run_cli({"--lang", "en", "template", "--targets", rules, "--year", "2020", "-o", blank}).exit_code == 0);
    const auto book = open_workbook(dir, report);
    if (!book) return;
    const auto results = values_of((*book)["data"]["Results"]);
    REQUIRE(results.size() == 2);
    CHECK(results[1][14] == "s\xEF\xBF\xBD");
    CHECK(results[1][15] == "x\xEF\xBF\xBDy");
    CHECK(values_of((*book)["data"]["Summary"])[0][0] == "Control\xEF\xBF\xBD" "characters");
    const auto template_book = open_workbook(dir, blank);
    REQUIRE(template_book);
    const json& note = (*template_book)["data"]["statistics"]["rows"][1][3]["comment"];
    REQUIRE(note.is_string());
    CHECK(contains(note.get<std::string>(), "cod-cap: x\xEF\xBF\xBDy (s\xEF\xBF\xBD)"));
}
