#pragma once
// Private: JSON pieces shared by the JSON report and `plancheck merge`, so that a merged report
// has exactly the fields of one run's report.

#include <nlohmann/json.hpp>

#include "plancheck/error.hpp"
#include "plancheck/evaluate.hpp"

namespace plancheck::detail {

using ordered_json = nlohmann::ordered_json;

/// {"zh": …, "en": …}
inline ordered_json localized_json(const localized_text& t) { return ordered_json{{"zh", t.zh}, {"en", t.en}}; }

/// A tally's counts and compliance, as in the report's summary.
inline ordered_json tally_json(const tally& t) {
    const auto c = t.compliance();
    return ordered_json{{"results", t.results},
                        {"evaluated", t.evaluated},
                        {"met", t.met},
                        {"not_met", t.not_met},
                        {"no_data", t.no_data},
                        {"not_evaluable", t.not_evaluable},
                        {"compliance_percent", c ? ordered_json(c->value()) : ordered_json(nullptr)}};
}

}  // namespace plancheck::detail
