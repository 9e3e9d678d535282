// The JSON report against its published schema (docs/json-report.schema.json): reports with data,
// without any data and for an interim year validate; a report missing a required field does not;
// and every field the renderer writes is documented in the schema.
//
// The validator below implements the part of JSON Schema (draft 2020-12) the schema uses:
// type (with unions such as ["number", "null"]), required, properties, additionalProperties,
// items, enum, const, minimum and local $ref ("#/$defs/…").

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/evaluate.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/report.hpp"
#include "plancheck/rule_loader.hpp"

namespace {

namespace pc = plancheck;
using json = nlohmann::json;

// ---- a small JSON Schema validator ----------------------------------------------------------

class schema_validator {
public:
    /// `strict`: objects whose schema lists properties (and says nothing of additionalProperties)
    /// may hold no other property, so an undocumented field is found.
    explicit schema_validator(json root, bool strict = false) : root_(std::move(root)), strict_(strict) {}

    /// Every violation, as "path: message"; empty when the instance is valid.
    [[nodiscard]] std::vector<std::string> validate(const json& instance) const {
        std::vector<std::string> out;
        check(root_, instance, "$", out);
        return out;
    }

private:
    const json& resolve(const json& schema) const {
        if (!schema.is_object() || !schema.contains("$ref")) return schema;
        const std::string ref = schema["$ref"].get<std::string>();
        REQUIRE(ref.rfind("#/", 0) == 0);  // only local references are used
        return root_.at(json::json_pointer(ref.substr(1)));
    }

    static bool has_type(const json& v, std::string_view type) {
        if (type == "null") return v.is_null();
        if (type == "boolean") return v.is_boolean();
        if (type == "string") return v.is_string();
        if (type == "object") return v.is_object();
        if (type == "array") return v.is_array();
        if (type == "number") return v.is_number();
        if (type == "integer") {
            if (v.is_number_integer()) return true;
            if (v.is_number_float()) {
                const double d = v.get<double>();
                return d == static_cast<double>(static_cast<long long>(d));
            }
            return false;
        }
        FAIL("unsupported type in the schema: " << type);
        return false;
    }

    void check(const json& schema_or_ref, const json& v, const std::string& path, std::vector<std::string>& out) const {
        const json& schema = resolve(schema_or_ref);
        if (schema.is_boolean()) {
            if (!schema.get<bool>()) out.push_back(path + ": not allowed");
            return;
        }
        if (schema.contains("type")) {
            const json& t = schema["type"];
            bool ok = false;
            if (t.is_string()) {
                ok = has_type(v, t.get<std::string>());
            } else {
                for (const json& one : t) ok = ok || has_type(v, one.get<std::string>());
            }
            if (!ok) {
                out.push_back(path + ": " + v.type_name() + " is not of type " + t.dump());
                return;
            }
        }
        if (schema.contains("const") && v != schema["const"])
            out.push_back(path + ": " + v.dump() + " is not " + schema["const"].dump());
        if (schema.contains("enum")) {
            bool found = false;
            for (const json& e : schema["enum"]) found = found || e == v;
            if (!found) out.push_back(path + ": " + v.dump() + " is not one of " + schema["enum"].dump());
        }
        if (schema.contains("minimum") && v.is_number() && v.get<double>() < schema["minimum"].get<double>())
            out.push_back(path + ": " + v.dump() + " is below the minimum " + schema["minimum"].dump());
        if (v.is_object()) {
            if (schema.contains("required"))
                for (const json& name : schema["required"])
                    if (!v.contains(name.get<std::string>()))
                        out.push_back(path + ": required property \"" + name.get<std::string>() + "\" is missing");
            const json* properties = schema.contains("properties") ? &schema["properties"] : nullptr;
            for (const auto& [key, value] : v.items()) {
                const std::string where = path + "." + key;
                if (properties != nullptr && properties->contains(key)) {
                    check((*properties)[key], value, where, out);
                } else if (schema.contains("additionalProperties")) {
                    check(schema["additionalProperties"], value, where, out);
                } else if (strict_ && properties != nullptr) {
                    out.push_back(where + ": property not documented in the schema");
                }
            }
        }
        if (v.is_array() && schema.contains("items"))
            for (std::size_t i = 0; i < v.size(); ++i) check(schema["items"], v[i], path + "[" + std::to_string(i) + "]", out);
    }

    json root_;
    bool strict_;
};

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const std::string& l : lines) s += l + "\n";
    return s;
}

json load_schema() {
    const std::string path = std::string(PLANCHECK_SOURCE_DIR) + "/docs/json-report.schema.json";
    std::ifstream in(path);
    INFO("schema file: " << path);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

// ---- reports made by the library ------------------------------------------------------------

struct report_run {
    pc::plan p;
    pc::observation_set data;
    pc::diagnostics findings;
    std::uint64_t left_out = 0;
    pc::evaluation ev;
    json report;
};

// Reads `csv` for the shipped 13th plan, evaluates it and renders the JSON report.
report_run make_report(const std::string& csv, const pc::evaluation_options& opts = {}, bool with_run_info = true) {
    auto loaded = pc::load_shipped_plan("nmg-13fyp-energy");
    REQUIRE(loaded.has_value());
    report_run out{std::move(loaded).value(), {}, {}, 0, {}, {}};
    pc::observation_reader reader(out.p, {});
    reader.read(pc::csv::from_string(csv), "data.csv");
    INFO((reader.problems().empty() ? std::string() : reader.problems().front().message.en));
    REQUIRE_FALSE(reader.failed());
    out.findings = reader.problems();
    out.left_out = reader.findings_left_out();
    out.data = std::move(reader).finish();
    out.ev = pc::evaluate(out.p, out.data, opts);
    pc::run_info run;
    if (with_run_info) {
        run.version = "test";
        run.fail_under = 80.0;
        run.options = {{"plan", out.p.info.id}, {"tolerance_percent", "2"}, {"require_all", "false"}};
    }
    const pc::report_context ctx{out.p, out.ev, out.data, out.findings, out.left_out, pc::language::en,
                                 false, false, false, run};
    out.report = json::parse(pc::render_json(ctx));
    return out;
}

const json& result_of(const json& report, std::string_view target, int year) {
    for (const json& r : report["results"])
        if (r["target"] == target && r["year"] == year) return r;
    FAIL("no result for " << target << " in " << year);
    return report;
}

const std::string header = "region,indicator,year,value,unit\n";

const std::string with_data = header +
                              "内蒙古自治区,energy.total_consumption,2015,18930,万吨标准煤\n"
                              "内蒙古自治区,energy.total_consumption,2020,22000,万吨标准煤\n"
                              "内蒙古自治区,emissions.cod,2020,77,万吨\n"
                              "内蒙古自治区,emissions.nh3n,2020,4.5,万吨\n"
                              "内蒙古自治区,energy.intensity_gdp,2015,1.0,吨标准煤/万元\n"
                              "内蒙古自治区,energy.intensity_gdp,2020,0.85,吨标准煤/万元\n"
                              "内蒙古自治区,economy.service_share,2020,,%\n"    // empty value: a note
                              "北京市,emissions.cod,2020,10,万吨\n";             // no target: a note

}  // namespace

TEST_CASE("The schema file is JSON Schema 2020-12 and lists every required field among its properties",
          "[json][schema]") {
    const json schema = load_schema();
    CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    CHECK(schema["properties"]["schema"]["const"] == "plancheck-report/1");
    // Walk every subschema: a required name must be a listed property.
    std::vector<std::string> problems;
    std::vector<std::pair<std::string, const json*>> stack{{"$", &schema}};
    while (!stack.empty()) {
        const auto [path, node] = stack.back();
        stack.pop_back();
        if (node->is_object()) {
            if (node->contains("required") && (*node)["required"].is_array()) {
                for (const json& name : (*node)["required"])
                    if (!node->contains("properties") || !(*node)["properties"].contains(name.get<std::string>()))
                        problems.push_back(path + ": required \"" + name.get<std::string>() + "\" is not a property");
            }
            for (const auto& [key, value] : node->items()) stack.emplace_back(path + "." + key, &value);
        } else if (node->is_array()) {
            for (const json& value : *node) stack.emplace_back(path + "[]", &value);
        }
    }
    INFO(joined(problems));
    CHECK(problems.empty());
}

TEST_CASE("A report with data validates against the schema, and documents every field it writes",
          "[json][schema]") {
    const report_run run = make_report(with_data);
    const json& report = run.report;
    const schema_validator validator(load_schema());
    const auto errors = validator.validate(report);
    INFO(joined(errors));
    CHECK(errors.empty());
    const auto undocumented = schema_validator(load_schema(), true).validate(report);
    INFO(joined(undocumented));
    CHECK(undocumented.empty());

    // The report is what the documentation says it is.
    CHECK(report["schema"] == "plancheck-report/1");
    CHECK(report["summary"]["year"] == 2020);
    CHECK(report["summary"]["fail_under_percent"] == 80.0);
    CHECK(report["summary"]["evaluated"].get<int>() > 0);
    CHECK(report["summary"]["not_met"] == report["summary"]["evaluated"].get<int>() - report["summary"]["met"].get<int>());
    CHECK(report["run"]["inputs"][0]["file"] == "data.csv");
    CHECK(report["run"]["inputs"][0]["rows"] == 8);
    CHECK(report["run"]["inputs"][0]["used"] == 6);
    CHECK(report["run"]["inputs"][0]["ignored"] == 2);
    CHECK(report["findings"].size() == 2);
    CHECK(report["findings"][0]["code"] == "N-IGNORED");
    CHECK(report["findings"][0]["severity"] == "note");
    CHECK(report["findings"][0]["origin"].get<std::string>().rfind("data.csv:8", 0) == 0);
    CHECK(report["not_encoded"].size() == 3);

    // An increment: values in the threshold's unit, the base from the data with its origin.
    const json& inc = result_of(report, "energy-increment-cap", 2020);
    CHECK(inc["status"] == "met");
    CHECK(inc["unit"] == "万吨标准煤");
    CHECK_THAT(inc["actual"].get<double>(), Catch::Matchers::WithinRel(3070.0, 1e-9));
    CHECK_THAT(inc["required"].get<double>(), Catch::Matchers::WithinRel(3570.0, 1e-9));
    CHECK_THAT(inc["attainment_percent"].get<double>(), Catch::Matchers::WithinRel(3070.0 / 3570.0 * 100, 1e-9));
    CHECK(inc["attainment_meaning"] == "allowance_used");
    CHECK(inc["basis"] == "data");
    CHECK(inc["origin"] == json::array({"data.csv:3:38", "data.csv:2:38"}));

    // A cap written in 亿吨标准煤 is reported in 亿吨标准煤; its inputs in the indicator's unit.
    const json& total = result_of(report, "energy-total-cap", 2020);
    CHECK(total["unit"] == "亿吨标准煤");
    CHECK_THAT(total["actual"].get<double>(), Catch::Matchers::WithinRel(2.2, 1e-9));
    CHECK(total["inputs"][0]["unit"] == "万吨标准煤");
    CHECK_THAT(total["inputs"][0]["value"].get<double>(), Catch::Matchers::WithinRel(22000.0, 1e-9));

    // A change in %, gap in percentage points.
    const json& cut = result_of(report, "energy-intensity-gdp-cut", 2020);
    CHECK(cut["unit"] == "%");
    CHECK_THAT(cut["actual"].get<double>(), Catch::Matchers::WithinRel(-15.0, 1e-9));
    CHECK_THAT(cut["gap"].get<double>(), Catch::Matchers::WithinRel(-1.0, 1e-9));

    // NH3-N from the plan's stated 2015 value.
    const json& nh3n = result_of(report, "nh3n-cut", 2020);
    CHECK(nh3n["basis"] == "plan");
    CHECK(nh3n["inputs"][1]["from_plan"] == true);
    CHECK(nh3n["inputs"][1]["origin"].is_null());
}

TEST_CASE("A report with no data at all validates, with a null compliance", "[json][schema]") {
    const report_run run = make_report(header, {}, false);
    const json& report = run.report;
    const auto errors = schema_validator(load_schema(), true).validate(report);
    INFO(joined(errors));
    CHECK(errors.empty());
    CHECK(report["summary"]["evaluated"] == 0);
    CHECK(report["summary"]["compliance_percent"].is_null());
    CHECK(report["summary"]["binding"]["compliance_percent"].is_null());
    CHECK(report["summary"]["fail_under_percent"].is_null());
    CHECK(report["run"]["options"].empty());
    CHECK(report["run"]["inputs"][0]["rows"] == 0);
    CHECK(report["summary"]["no_data"] == report["results"].size());
    for (const json& r : report["results"]) {
        CHECK(r["status"] == "no data");
        CHECK(r["actual"].is_null());
        CHECK(r["grade"] == "none");
        CHECK(r["reason"].is_object());
    }
}

TEST_CASE("A report of an interim year and a trajectory validates", "[json][schema]") {
    pc::evaluation_options opts;
    opts.every_year = true;
    const report_run run = make_report(header +
                                           "内蒙古自治区,energy.total_consumption,2016,19600,万吨标准煤\n"
                                           "内蒙古自治区,energy.total_consumption,2017,20200,万吨标准煤\n"
                                           "内蒙古自治区,energy.saving_structural,2016,300,万吨标准煤\n"
                                           "内蒙古自治区,energy.saving_structural,2017,320,万吨标准煤\n"
                                           "内蒙古自治区,emissions.cod,2017,82,万吨\n",
                                       opts);
    const json& report = run.report;
    const auto errors = schema_validator(load_schema(), true).validate(report);
    INFO(joined(errors));
    CHECK(errors.empty());
    CHECK(report["summary"]["year"] == 2017);
    CHECK(report["summary"]["years"] == json::array({2016, 2017}));

    const json& inc = result_of(report, "energy-increment-cap", 2017);
    CHECK(inc["interim"] == true);
    CHECK(inc["status"] == "on track");
    CHECK_THAT(inc["required"].get<double>(), Catch::Matchers::WithinRel(1428.0, 1e-9));
    CHECK_THAT(inc["time_progress_percent"].get<double>(), Catch::Matchers::WithinRel(40.0, 1e-9));
    CHECK(result_of(report, "energy-increment-cap", 2016)["status"] == "on track");

    const json& cod = result_of(report, "cod-cap", 2017);
    CHECK(cod["status"] == "behind");
    CHECK(cod["grade"] == "yellow");

    const json& saving = result_of(report, "structural-energy-saving", 2017);
    CHECK(saving["status"] == "on track");  // 620 ≥ 1500 × 2/5 = 600
    CHECK(saving["inputs"].size() == 2);
    CHECK(saving["inputs"][0]["role"] == "year 2016");
}

TEST_CASE("The validator rejects a report missing summary.met, or with a wrong type or value",
          "[json][schema]") {
    const schema_validator validator(load_schema());
    const report_run run = make_report(with_data);
    REQUIRE(validator.validate(run.report).empty());

    json missing = run.report;
    missing["summary"].erase("met");
    const auto errors = validator.validate(missing);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "$.summary: required property \"met\" is missing");

    json wrong_type = run.report;
    wrong_type["results"][0]["actual"] = "77";
    CHECK(validator.validate(wrong_type) ==
          std::vector<std::string>{"$.results[0].actual: string is not of type [\"number\",\"null\"]"});

    json wrong_status = run.report;
    wrong_status["results"][0]["status"] = "passed";
    CHECK(validator.validate(wrong_status).size() == 1);

    json wrong_schema = run.report;
    wrong_schema["schema"] = "plancheck-report/2";
    CHECK(validator.validate(wrong_schema).size() == 1);

    json extra = run.report;
    extra["results"][0]["surprise"] = 1;
    CHECK(validator.validate(extra).empty());  // consumers must ignore fields they do not know
    CHECK(schema_validator(load_schema(), true).validate(extra) ==
          std::vector<std::string>{"$.results[0].surprise: property not documented in the schema"});
}
