#include "plancheck/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace plancheck {

std::string_view to_string(error_code code) {
    switch (code) {
        case error_code::usage: return "E-USAGE";
        case error_code::io: return "E-IO";
        case error_code::encoding: return "E-ENCODING";
        case error_code::csv_empty: return "E-CSV-EMPTY";
        case error_code::csv_quote: return "E-CSV-QUOTE";
        case error_code::csv_ragged: return "E-CSV-RAGGED";
        case error_code::csv_field_size: return "E-CSV-FIELD-SIZE";
        case error_code::csv_header: return "E-CSV-HEADER";
        case error_code::number: return "E-NUMBER";
        case error_code::number_range: return "E-NUMBER-RANGE";
        case error_code::number_nonfinite: return "E-NUMBER-NONFINITE";
        case error_code::number_thousands: return "E-NUMBER-THOUSANDS";
        case error_code::number_percent: return "E-NUMBER-PERCENT";
        case error_code::year: return "E-YEAR";
        case error_code::unit_unknown: return "E-UNIT";
        case error_code::unit_dimension: return "E-UNIT-DIMENSION";
        case error_code::indicator_unknown: return "E-INDICATOR";
        case error_code::duplicate_conflict: return "E-DUPLICATE";
        case error_code::duplicate_identical: return "W-DUPLICATE";
        case error_code::row_ignored: return "N-IGNORED";
        case error_code::encoding_detected: return "N-ENCODING";
        case error_code::column_ignored: return "W-COLUMN";
        case error_code::indicator_unused: return "W-INDICATOR-UNUSED";
        case error_code::region_none: return "E-REGION";
        case error_code::year_none: return "E-YEAR-RANGE";
        case error_code::year_not_judged: return "W-YEAR-MIXED";
        case error_code::plan_suggested: return "N-PLAN";
        case error_code::input_failed: return "E-INPUT";
        case error_code::findings_truncated: return "N-TRUNCATED";
        case error_code::rule_syntax: return "E-RULE-SYNTAX";
        case error_code::rule_field: return "E-RULE-FIELD";
        case error_code::rule_unit: return "E-RULE-UNIT";
        case error_code::rule_dimension: return "E-RULE-DIMENSION";
        case error_code::rule_kind: return "E-RULE-KIND";
        case error_code::rule_duplicate: return "E-RULE-DUPLICATE";
        case error_code::rule_reference: return "E-RULE-REFERENCE";
        case error_code::rule_year: return "E-RULE-YEAR";
        case error_code::plan_unknown: return "E-PLAN";
        case error_code::audit: return "W-AUDIT";
        case error_code::plausibility: return "W-PLAUSIBILITY";
        case error_code::plausibility_refused: return "E-PLAUSIBILITY";
        case error_code::coverage: return "E-COVERAGE";
        case error_code::report_invalid: return "E-REPORT";
        case error_code::internal: return "E-INTERNAL";
    }
    return "E-INTERNAL";
}

std::string origin::to_string() const {
    if (file.empty()) return {};
    if (line == 0) return file;
    if (column == 0) return fmt::format("{}:{}", file, line);
    return fmt::format("{}:{}:{}", file, line, column);
}

namespace {

// A message quotes what it was given ("75<NUL>92" is not a number); control characters are
// written as escapes so that every diagnostic stays one printable line.
std::string escape_controls(std::string text) {
    const auto is_control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; };
    if (std::none_of(text.begin(), text.end(), is_control)) return text;
    std::string out;
    for (const char c : text) {
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (is_control(c)) out += fmt::format("\\x{:02X}", static_cast<unsigned char>(c));
        else out += c;
    }
    return out;
}

}  // namespace

std::string error::format(language lang) const {
    std::string_view label;
    switch (level) {
        case severity::error: label = lang == language::zh ? "错误" : "error"; break;
        case severity::warning: label = lang == language::zh ? "警告" : "warning"; break;
        case severity::note: label = lang == language::zh ? "提示" : "note"; break;
    }
    const std::string where_text = where.to_string();
    const std::string text = escape_controls(message.in(lang));
    if (where_text.empty()) return fmt::format("{}[{}]: {}", label, to_string(code), text);
    return fmt::format("{}: {}[{}]: {}", where_text, label, to_string(code), text);
}

error make_error(error_code code, std::string en, std::string zh, origin where) {
    const bool is_warning = code == error_code::duplicate_identical || code == error_code::audit ||
                            code == error_code::plausibility || code == error_code::column_ignored ||
                            code == error_code::indicator_unused || code == error_code::year_not_judged;
    const bool is_note = code == error_code::row_ignored || code == error_code::encoding_detected ||
                         code == error_code::findings_truncated || code == error_code::plan_suggested;
    const severity level = is_note ? severity::note
                           : is_warning                    ? severity::warning
                                                           : severity::error;
    return error{code, {std::move(en), std::move(zh)}, std::move(where), level};
}

}  // namespace plancheck
