#include "plancheck/check.hpp"

#include <fmt/format.h>

#include <future>

#include "evaluate/values.hpp"

namespace plancheck {

namespace {

// One year judged while an earlier year after the base holds more values: a file of 2018 with
// two rows of 2020 is judged at 2020, and the 2018 values are not judged. Said, not guessed.
std::optional<error> years_not_judged(const plan& p, const observation_set& data) {
    const std::vector<int> years = data.years();
    if (years.size() < 2) return std::nullopt;
    const int latest = years.back();
    std::vector<std::uint64_t> count(static_cast<std::size_t>(data.last_year() - data.first_year() + 1), 0);
    value_origin first_latest{};
    bool have_first = false;
    for (std::uint32_t r = 0; r < data.regions().size(); ++r)
        for (std::size_t i = 0; i < p.indicators.size(); ++i) {
            const auto slots = data.values_of(r, i);
            for (std::size_t k = 0; k < slots.size(); ++k) {
                if (!slots[k]) continue;
                ++count[k];
                const value_origin& o = slots[k]->where;
                if (data.first_year() + static_cast<int>(k) == latest &&
                    (!have_first || o.file < first_latest.file || (o.file == first_latest.file && o.line < first_latest.line))) {
                    first_latest = o;
                    have_first = true;
                }
            }
        }
    const auto of = [&](int y) { return count[static_cast<std::size_t>(y - data.first_year())]; };
    int most = 0;
    for (const int y : years)
        if (y > p.info.base_year && y < latest && (most == 0 || of(y) > of(most))) most = y;
    if (most == 0 || of(most) <= of(latest)) return std::nullopt;
    error e = make_error(error_code::year_not_judged,
                         fmt::format("{} values of {} are not judged; judging {}, the latest year ({} {})", of(most),
                                     most, latest, of(latest), of(latest) == 1 ? "value" : "values"),
                         fmt::format("{} 年的 {} 个数值未参与评价；按最新年份 {} 年评价（{} 个数值）", most, of(most),
                                     latest, of(latest)),
                         data.resolve(first_latest));
    return e;
}

}  // namespace

check_outcome run_check(const plan& p, const check_request& request) {
    check_outcome out;
    observation_reader reader(p, request.read);
    for (const std::string& path : request.inputs) reader.read_file(path);
    out.findings = reader.problems();
    out.findings_left_out = reader.findings_left_out();
    out.notes_left_out = reader.notes_left_out();
    out.input_failed = reader.failed();
    out.data = std::move(reader).finish();
    out.read_findings = out.findings.size();
    out.read_left_out = out.findings_left_out;
    judge_observations(p, request, out);
    return out;
}

void judge_observations(const plan& p, const check_request& request, check_outcome& out) {
    // Made from the values, not while reading, so that a merge makes it again for all of them.
    if (!out.input_failed && !request.evaluation.year && !request.evaluation.every_year)
        if (auto e = years_not_judged(p, out.data)) out.findings.push_back(std::move(*e));
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
}

}  // namespace plancheck
