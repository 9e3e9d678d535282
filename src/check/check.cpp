#include "plancheck/check.hpp"

#include <future>

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
    // With more than one job, evaluation runs beside the submission checks; it is kept only if
    // they find no error, exactly as if it had run after them.
    std::future<evaluation> evaluated;
    if (!out.input_failed && request.read.jobs > 1)
        evaluated = std::async(std::launch::async, [&] { return evaluate(p, out.data, request.evaluation); });
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
    if (evaluated.valid()) {
        evaluation ev = evaluated.get();
        if (!out.input_failed) out.ev = std::move(ev);
    } else if (!out.input_failed) {
        out.ev = evaluate(p, out.data, request.evaluation);
    }
    return out;
}

}  // namespace plancheck
