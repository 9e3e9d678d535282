// Fuzzes the whole pipeline of `plancheck check`: the bytes as a statistics CSV against the
// shipped plan nmg-13fyp-energy, read by observation_reader, checked for plausibility,
// evaluated and rendered (text, JSON, one other format, explanations).
//
// The first byte chooses the options (the year, the encoding, a trajectory of every year,
// --require-all, the interim path, --strict); the rest is the file. Properties: every data row
// is used, ignored or rejected (rows = used + ignored + rejected); an input with an error is
// not evaluated; every error names a line; the JSON report is valid JSON.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <iterator>
#include <memory>
#include <string>

#include "evaluate/values.hpp"
#include "fuzz_common.hpp"
#include "plancheck/check.hpp"
#include "plancheck/report.hpp"
#include "plancheck/rule_loader.hpp"

namespace {

const plancheck::plan& shipped() {
    static const plancheck::plan p = plancheck::load_shipped_plan("nmg-13fyp-energy").value();
    return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::uint8_t choice = data[0];
    const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const plancheck::plan& p = shipped();

    plancheck::read_options read;
    plancheck::evaluation_options evaluation;
    if ((choice & 7) != 0) {
        read.year = 2014 + (choice & 7);  // 2015…2021: the base year, interim years, one after
        evaluation.year = read.year;
    }
    if ((choice & 0x18) == 0x08) read.encoding = plancheck::text_encoding::utf8;
    if ((choice & 0x18) == 0x10) read.encoding = plancheck::text_encoding::gb18030;
    evaluation.every_year = (choice & 0x20) != 0;
    evaluation.require_all = (choice & 0x40) != 0;
    evaluation.path = (choice & 0x80) != 0 ? plancheck::progress_path::compound : plancheck::progress_path::linear;
    plancheck::plausibility_options checks;
    checks.strict = (choice & 0x48) == 0x48;
    checks.year = evaluation.year;
    checks.require_all = evaluation.require_all;

    plancheck::observation_reader reader(p, read);
    reader.read(std::make_unique<plancheck_fuzz::trickle_source>(input, 1 + (choice >> 5)), "fuzz.csv");
    const bool failed = reader.failed();
    plancheck::diagnostics findings = reader.problems();
    for (const auto& e : findings) {
        PLANCHECK_FUZZ_CHECK(!e.message.en.empty() && !e.message.zh.empty());
        if (e.level == plancheck::severity::error) PLANCHECK_FUZZ_CHECK(e.where.file == "fuzz.csv" && e.where.line >= 1);
    }
    const std::uint64_t left_out = reader.findings_left_out();
    const plancheck::observation_set set = std::move(reader).finish();
    PLANCHECK_FUZZ_CHECK(set.inputs().size() == 1);
    const plancheck::input_summary& in = set.inputs().front();
    PLANCHECK_FUZZ_CHECK(in.rows == in.used + in.ignored + in.rejected);
    PLANCHECK_FUZZ_CHECK(failed || in.rejected == 0);
    if (failed) return 0;

    for (auto& e : plancheck::plausibility_findings(p, set, checks)) findings.push_back(std::move(e));
    for (auto& e : plancheck::detail::derivation_disagreements(p, set, 0.005)) findings.push_back(std::move(e));

    const plancheck::evaluation ev = plancheck::evaluate(p, set, evaluation);
    plancheck::run_info run;
    run.version = "fuzz";
    const plancheck::report_context ctx{p, ev, set, findings, left_out, plancheck::language::zh, false, false, true, run};
    (void)plancheck::render_text(ctx);
    const std::string json = plancheck::render_json(ctx);
    PLANCHECK_FUZZ_CHECK(nlohmann::json::accept(json));
    // One of the other formats and a few explanations per input, chosen by its length, so that
    // each input costs little and all of them are reached.
    static constexpr plancheck::report_format others[] = {
        plancheck::report_format::csv, plancheck::report_format::markdown, plancheck::report_format::junit,
        plancheck::report_format::github, plancheck::report_format::html};
    (void)plancheck::render(others[size % std::size(others)], ctx);
    for (std::size_t i = size % 7; i < ev.results.size(); i += 7)
        (void)plancheck::render_explanation(ctx, p.targets[ev.results[i].target_index].id);
    return 0;
}
