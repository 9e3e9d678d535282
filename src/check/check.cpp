#include "plancheck/check.hpp"

namespace plancheck {

check_outcome run_check(const plan& p, const check_request& request) {
    check_outcome out;
    observation_reader reader(p, request.read);
    for (const std::string& path : request.inputs) reader.read_file(path);
    out.findings = reader.problems();
    out.findings_left_out = reader.findings_left_out();
    out.input_failed = reader.failed();
    out.data = std::move(reader).finish();
    if (!out.input_failed) out.ev = evaluate(p, out.data, request.evaluation);
    return out;
}

}  // namespace plancheck
