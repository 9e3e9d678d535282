#pragma once
/// The main job as one call: read statistics files for a plan and evaluate them.
///
///     auto plan = plancheck::load_shipped_plan("nmg-13fyp-energy").value();
///     plancheck::check_request req;
///     req.inputs = {"examples/nmg-2020-illustrative.csv"};
///     plancheck::check_outcome out = plancheck::run_check(plan, req);
///     if (out.input_failed) { /* print out.findings; nothing was evaluated */ }
///     else use(out.ev->summary);

#include <optional>
#include <string>
#include <vector>

#include "plancheck/evaluate.hpp"
#include "plancheck/observations.hpp"
#include "plancheck/plan.hpp"
#include "plancheck/plausibility.hpp"

namespace plancheck {

/// What to check.
struct check_request {
    std::vector<std::string> inputs;  ///< CSV paths; "-" is standard input
    read_options read;  ///< how to read them: encoding, the year of files without one, limits
    evaluation_options evaluation;  ///< how to judge: year, path, tolerance, region, --require-all
    /// Submission checks; their year, region and require_all are taken from `evaluation`.
    plausibility_options plausibility;
};

/// What the check found.
struct check_outcome {
    observation_set data;  ///< the values read, with their origins
    diagnostics findings;                ///< errors, warnings and notes from reading, then plausibility
    std::uint64_t findings_left_out = 0;  ///< errors and warnings not kept (--max-findings)
    std::uint64_t notes_left_out = 0;     ///< notes (ignored rows) not kept
    std::size_t read_findings = 0;       ///< how many of `findings` came from reading (the rest: checks)
    std::uint64_t read_left_out = 0;     ///< of findings_left_out, those from reading
    bool input_failed = false;           ///< an input error: nothing was evaluated
    std::optional<evaluation> ev;        ///< present unless input_failed
};

/// Reads every input, then evaluates, unless an input had an error.
[[nodiscard]] check_outcome run_check(const plan& p, const check_request& request);

/// What run_check does once the values are read (`out.data`, the reading findings in
/// `out.findings`): the submission checks, then the evaluation, unless an error was found.
/// `plancheck merge` calls it on the values of its reports, so a merge judges as one run does.
void judge_observations(const plan& p, const check_request& request, check_outcome& out);

}  // namespace plancheck
