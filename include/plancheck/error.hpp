#pragma once
/// Errors as values: a stable code, a message in Chinese and English, and an origin.
///
/// Every failure plancheck can report to a user is an `error`: the CLI prints it as
/// `data.csv:12:4: error[E-UNIT]: unknown unit "万吨标煤X" (did you mean 万吨标准煤?)`.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace plancheck {

/// Output language of messages and reports.
enum class language : std::uint8_t { en, zh };

/// A text given in both languages the tool speaks.
struct localized_text {
    std::string en;  ///< English
    std::string zh;  ///< Chinese

    /// The text in `lang`, falling back to the other language when empty.
    [[nodiscard]] const std::string& in(language lang) const {
        const std::string& first = lang == language::zh ? zh : en;
        return first.empty() ? (lang == language::zh ? en : zh) : first;
    }
};

/// Stable error and warning codes. Their spelling (see `to_string`) is part of the interface.
enum class error_code : std::uint16_t {
    usage,                 ///< E-USAGE: bad command-line arguments
    io,                    ///< E-IO: a file could not be opened, read or written
    encoding,              ///< E-ENCODING: bytes that are not valid text in the chosen encoding
    csv_empty,             ///< E-CSV-EMPTY: no header line
    csv_quote,             ///< E-CSV-QUOTE: unterminated quote or a quote where none may be
    csv_ragged,            ///< E-CSV-RAGGED: a row with a different number of fields than the header
    csv_field_size,        ///< E-CSV-FIELD-SIZE: a field or record over the documented size limit
    csv_header,            ///< E-CSV-HEADER: a required column missing, or a column named twice
    number,                ///< E-NUMBER: a value that is not a plain decimal number
    number_range,          ///< E-NUMBER-RANGE: a number too large for a double
    number_nonfinite,      ///< E-NUMBER-NONFINITE: NaN or infinity
    number_thousands,      ///< E-NUMBER-THOUSANDS: a thousands separator in a number
    number_percent,        ///< E-NUMBER-PERCENT: a trailing % where the unit is not %
    year,                  ///< E-YEAR: a year that is not a plain four-digit integer
    unit_unknown,          ///< E-UNIT: a unit spelling plancheck does not know
    unit_dimension,        ///< E-UNIT-DIMENSION: a unit of the wrong kind of quantity
    indicator_unknown,     ///< E-INDICATOR: an indicator name no loaded plan declares
    duplicate_conflict,    ///< E-DUPLICATE: two different values for one region/indicator/year
    duplicate_identical,   ///< W-DUPLICATE: the same value given twice (a warning; a note across files)
    row_ignored,           ///< N-IGNORED: a row that carries nothing to evaluate (a note)
    encoding_detected,     ///< N-ENCODING: the input's encoding was detected, not chosen (a note)
    column_ignored,        ///< W-COLUMN: a column that is not read (a warning; an error under strict)
    indicator_unused,      ///< W-INDICATOR-UNUSED: indicators the plan does not use, listed once (a warning)
    region_none,           ///< E-REGION: no row of a file names a region some target is about
    year_none,             ///< E-YEAR-RANGE: no row of a file is of the plan's years
    year_not_judged,       ///< W-YEAR-MIXED: values of an earlier year outnumber those of the year judged
    plan_suggested,        ///< N-PLAN: the data's years are another loaded plan's (a note, always shown)
    input_failed,          ///< E-INPUT: input errors were found, so nothing was evaluated
    findings_truncated,    ///< N-TRUNCATED: more findings than --max-findings were found (a note)
    rule_syntax,           ///< E-RULE-SYNTAX: the rule file is not valid TOML
    rule_field,            ///< E-RULE-FIELD: a required field missing or of the wrong type
    rule_unit,             ///< E-RULE-UNIT: an unknown unit in a rule file
    rule_dimension,        ///< E-RULE-DIMENSION: a value whose unit does not fit its indicator
    rule_kind,             ///< E-RULE-KIND: an unknown target kind or comparison
    rule_duplicate,        ///< E-RULE-DUPLICATE: an id declared twice
    rule_reference,        ///< E-RULE-REFERENCE: a reference to an undeclared indicator
    rule_year,             ///< E-RULE-YEAR: a year out of range or out of order
    plan_unknown,          ///< E-PLAN: no loaded plan with that id
    audit,                 ///< W-AUDIT: a rule-file consistency finding (a warning)
    plausibility,          ///< W-PLAUSIBILITY: a value that is possible but suspicious
    plausibility_refused,  ///< E-PLAUSIBILITY: the same, refused under --strict
    coverage,              ///< E-COVERAGE: fewer targets judged than --min-coverage asks
    report_invalid,        ///< E-REPORT: a JSON report given to merge that is malformed, too large or contradicts itself
    internal,              ///< E-INTERNAL: a broken invariant inside plancheck (a bug)
};

/// The stable spelling of a code, e.g. "E-UNIT".
[[nodiscard]] std::string_view to_string(error_code code);

/// How serious a diagnostic is. Errors stop evaluation; warnings do not.
enum class severity : std::uint8_t { error, warning, note };

/// Where something came from: a file and a 1-based line and column (0 = unknown).
struct origin {
    std::string file;        ///< path as the user gave it, "<stdin>", or "<plan:ID>" for built-ins
    std::uint32_t line = 0;    ///< 1-based line, 0 when unknown
    std::uint32_t column = 0;  ///< 1-based column in characters, 0 when unknown

    /// "file:line:column", shortened when line or column is unknown.
    [[nodiscard]] std::string to_string() const;
};

/// One problem found, with what it is, how bad it is and where it is.
struct error {
    error_code code = error_code::internal;  ///< stable code
    localized_text message;                  ///< what went wrong, for a person
    origin where;                            ///< where, as precisely as known
    severity level = severity::error;        ///< errors stop evaluation

    /// `file:line:col: error[CODE]: message` in the given language.
    [[nodiscard]] std::string format(language lang) const;
};

/// A collection of findings in the order they were made.
using diagnostics = std::vector<error>;

/// A value or the error that prevented it.
template <class T>
class [[nodiscard]] result {
public:
    /// A result holding a value.
    result(T value) : state_(std::move(value)) {}                // NOLINT: implicit by design
    /// A result holding the error.
    result(plancheck::error err) : state_(std::move(err)) {}     // NOLINT: implicit by design

    /// True when it holds a value.
    [[nodiscard]] bool has_value() const { return state_.index() == 0; }
    /// True when it holds a value.
    explicit operator bool() const { return has_value(); }

    /// The value; throws std::bad_variant_access when it holds an error.
    [[nodiscard]] T& value() & { return std::get<0>(state_); }
    /// The value; throws std::bad_variant_access when it holds an error.
    [[nodiscard]] const T& value() const& { return std::get<0>(state_); }
    /// The value, moved out; throws std::bad_variant_access when it holds an error.
    [[nodiscard]] T&& value() && { return std::get<0>(std::move(state_)); }
    /// The value (as value()).
    T& operator*() & { return value(); }
    /// The value (as value()).
    const T& operator*() const& { return value(); }
    /// A member of the value (as value()).
    T* operator->() { return &value(); }
    /// A member of the value (as value()).
    const T* operator->() const { return &value(); }

    /// The error; throws std::bad_variant_access when it holds a value.
    [[nodiscard]] const plancheck::error& error() const& { return std::get<1>(state_); }
    /// The error, moved out; throws std::bad_variant_access when it holds a value.
    [[nodiscard]] plancheck::error&& error() && { return std::get<1>(std::move(state_)); }

private:
    std::variant<T, plancheck::error> state_;
};

/// Builds an error value; the named factories elsewhere use this so wording stays consistent.
[[nodiscard]] error make_error(error_code code, std::string en, std::string zh, origin where = {});

/// Thrown only by PLANCHECK_ENFORCE: an internal invariant broke. The CLI reports it as E-INTERNAL.
struct invariant_violation {
    const char* expression;  ///< the condition that was false, as written
    const char* file;        ///< source file of the check
    int line;                ///< source line of the check
};

}  // namespace plancheck

/// Checks an internal invariant in every build type (unlike `assert`).
#define PLANCHECK_ENFORCE(cond)                                                 \
    do {                                                                        \
        if (!(cond)) throw ::plancheck::invariant_violation{#cond, __FILE__, __LINE__}; \
    } while (false)
