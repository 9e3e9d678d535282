#pragma once
// Private: JSON pieces shared by the JSON report, `plancheck merge` and the --per-file bundle, so
// that a merged report has exactly the fields of one run's report.

#include <nlohmann/json.hpp>

#include "plancheck/error.hpp"
#include "plancheck/evaluate.hpp"

namespace plancheck::detail {

using ordered_json = nlohmann::ordered_json;

/// {"zh": …, "en": …}
inline ordered_json localized_json(const localized_text& t) { return ordered_json{{"zh", t.zh}, {"en", t.en}}; }

/// A finding: code, severity, message in both languages, origin (null for a whole file).
inline ordered_json finding_json(const error& e) {
    return ordered_json{{"code", to_string(e.code)},
                        {"severity", e.level == severity::error ? "error" : e.level == severity::warning ? "warning" : "note"},
                        {"message", localized_json(e.message)},
                        {"origin", e.where.file.empty() ? ordered_json(nullptr) : ordered_json(e.where.to_string())}};
}

/// A tally's counts and compliance, as in the report's summary.
inline ordered_json tally_json(const tally& t) {
    const auto c = t.compliance();
    return ordered_json{{"results", t.results},
                        {"evaluated", t.evaluated},
                        {"met", t.met},
                        {"not_met", t.not_met},
                        {"no_data", t.no_data},
                        {"not_evaluable", t.not_evaluable},
                        {"compliance_percent", c ? ordered_json(c->value()) : ordered_json(nullptr)},
                        {"judged", t.judged()},
                        {"coverage_percent", t.coverage() ? ordered_json(t.coverage()->value()) : ordered_json(nullptr)}};
}

}  // namespace plancheck::detail
