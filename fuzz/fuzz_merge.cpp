// Fuzzes `plancheck merge`: the bytes as a JSON report (or a --per-file bundle) of the shipped
// plan nmg-13fyp-energy, or as bytes written over a real report; merged alone and after a real
// report. Reports are untrusted input.
//
// Properties: no crash, sanitizer report or hang; every error is E-REPORT, E-PLAN, E-USAGE,
// E-DUPLICATE or E-INPUT and names the report it is about; a merge that succeeds gives a document that is
// itself a report which merges, alone, into exactly itself (a merged report is one run's report).

#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <string>

#include "plancheck/check.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/merge.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/report.hpp"
#include "plancheck/rule_loader.hpp"

namespace {

const plancheck::plan& shipped() {
    static const plancheck::plan p = plancheck::load_shipped_plan("nmg-13fyp-energy").value();
    return p;
}

// A real report to merge the input after: two years of COD and energy (illustrative values).
const std::string& base_report() {
    static const std::string text = [] {
        const plancheck::plan& p = shipped();
        plancheck::observation_reader reader(p, {});
        reader.read(plancheck::csv::from_string("region,indicator,year,value,unit\n"
                                                "内蒙古自治区,化学需氧量排放量,2016,82.1,万吨\n"
                                                "内蒙古自治区,化学需氧量排放量,2020,75.92,万吨\n"
                                                "内蒙古自治区,能源消费总量,2020,2.34,亿吨标准煤\n"),
                    "base.csv");
        plancheck::check_outcome out;
        out.findings = reader.problems();
        out.data = std::move(reader).finish();
        out.read_findings = out.findings.size();
        plancheck::check_request request;
        request.evaluation.every_year = true;
        plancheck::judge_observations(p, request, out);
        plancheck::run_info run;
        run.version = "fuzz";
        run.fail_under = 100.0;
        run.read_findings = out.read_findings;
        run.options = {{"all_years", "true"}, {"inputs", "base.csv"}};
        const plancheck::report_context ctx{p, *out.ev, out.data, out.findings, 0, plancheck::language::en, false, false, false, run};
        return plancheck::render_json(ctx);
    }();
    return text;
}

void check(const plancheck::result<plancheck::merged_report>& m) {
    if (!m) {
        const plancheck::error& e = m.error();
        switch (e.code) {
            case plancheck::error_code::report_invalid:
            case plancheck::error_code::plan_unknown:
            case plancheck::error_code::usage:
            case plancheck::error_code::duplicate_conflict:
            case plancheck::error_code::input_failed:
                break;
            default:
                std::abort();  // no other code may come out of a merge (E-INTERNAL least of all)
        }
        if (e.where.file.empty()) std::abort();  // every error names the report
        return;
    }
    if (m->outcome.input_failed) {
        if (!m->document.empty()) std::abort();
        return;
    }
    // A merged report is one run's report: merged alone, it is itself.
    const auto again = plancheck::merge_reports({{"merged.json", m->document}}, shipped());
    if (!again || again->outcome.input_failed || again->document != m->document) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    // An input that does not start with '{' is a splice into the real report: bytes 1–2 an offset,
    // the rest written over the report there, so every field of a report is reached without a
    // seed of the current version (its rule file's SHA-256 changes with the plan).
    if (size >= 3 && data[0] != '{') {
        std::string report = base_report();
        const std::size_t at = ((std::size_t{data[1]} << 8) | data[2]) * 4 % report.size();
        report.replace(at, std::min(size - 3, report.size() - at), input.substr(3));
        input = std::move(report);
    }
    check(plancheck::merge_reports({{"fuzz.json", input}}, shipped()));
    check(plancheck::merge_reports({{"base.json", base_report()}, {"fuzz.json", input}}, shipped()));
    return 0;
}
