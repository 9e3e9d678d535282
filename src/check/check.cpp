#include "plancheck/check.hpp"

#include "evaluate/values.hpp"

namespace plancheck {

check_outcome run_check(const plan& p, const check_request& request) {
    check_outcome out;
    observation_reader reader(p, request.read);
    for (const std::string& path : request.inputs) reader.read_file(path);
    out.findings = reader.problems();
    out.findings_left_out = reader.findings_left_out();
    out.notes_left_out = reader.notes_left_out();
    out.input_failed = reader.failed();
    out.data = std::move(reader).finish();
    if (!out.input_failed) {
        // Submission checks look at the year and targets the evaluation judges; under strict, a
        // finding is an error and nothing is evaluated.
        plausibility_options checks = request.plausibility;
        checks.year = request.evaluation.year;
        checks.region = request.evaluation.region;
        checks.require_all = request.evaluation.require_all;
        std::size_t kept = 0;
        diagnostics found = plausibility_findings(p, out.data, checks);
        // A reported derived value (an intensity) that its reported components contradict.
        for (error& e : detail::derivation_disagreements(p, out.data, 0.005)) {
            if (checks.strict) {
                e.code = error_code::plausibility_refused;
                e.level = severity::error;
            }
            found.push_back(std::move(e));
        }
        for (error& e : found) {
            if (e.level == severity::error) out.input_failed = true;
            if (kept++ < request.read.max_findings)
                out.findings.push_back(std::move(e));
            else
                ++out.findings_left_out;
        }
    }
    if (!out.input_failed) out.ev = evaluate(p, out.data, request.evaluation);
    return out;
}

}  // namespace plancheck
