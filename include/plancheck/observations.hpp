#pragma once
/// Observations: CSV rows turned into typed values of a plan's indicators.
///
/// The canonical long format is `region,indicator,year,value,unit` (English or Chinese header
/// names, any order, extra columns allowed); the wide format has one row per region and year
/// and one column per indicator, the unit in the header (`emissions.so2[万吨]`). UTF-8 or
/// GB18030 (detected, or chosen). Each value is converted to its indicator's
/// canonical unit; each keeps the file, line and column it came from. Every row is accounted
/// for: used, ignored with a reason, or refused with an error. Memory grows with the number of
/// (region, indicator) groups and the plan's years, not with the number of rows.
///
///     plancheck::observation_reader reader(plan, {});
///     reader.read_file("data.csv");
///     if (reader.failed()) { for (auto& e : reader.problems()) print(e); return 2; }
///     plancheck::observation_set data = std::move(reader).finish();

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "plancheck/csv.hpp"
#include "plancheck/encoding.hpp"
#include "plancheck/error.hpp"
#include "plancheck/plan.hpp"
#include "plancheck/quantity.hpp"

namespace plancheck {

/// Where a value came from, compactly: an index into observation_set::files(), line, column.
struct value_origin {
    std::uint32_t file = 0;    ///< index into observation_set::inputs()
    std::uint32_t line = 0;    ///< 1-based line
    std::uint32_t column = 0;  ///< 1-based column, in characters
};

/// One value of one indicator, for one region and year.
struct observation {
    /// In the canonical unit.
    any_quantity value = any_quantity::from_canonical(quantity_kind::share, 0);
    value_origin where;           ///< the cell it was read from
    std::int16_t price_base = 0;  ///< constant-price base year of a money-based value, 0 if not given
    std::uint16_t vintage = 0;    ///< index into observation_set::vintages(), 0 if not given
};

/// What happened to the rows of one input file.
struct input_summary {
    std::string name;                 ///< as given, or "<stdin>"
    std::string sha256;               ///< of the bytes read (after decoding, before parsing)
    std::string encoding = "utf-8";   ///< utf-8 or gb18030
    std::string format = "long";      ///< long or wide
    bool bom = false;                 ///< the file started with a UTF-8 byte-order mark
    std::uint64_t bytes = 0;          ///< bytes read
    std::uint64_t rows = 0;           ///< data rows (records after the header)
    std::uint64_t used = 0;           ///< rows whose values were stored
    std::uint64_t ignored = 0;        ///< rows ignored, each with a reason
    std::uint64_t rejected = 0;       ///< rows with an error
    std::uint64_t blank_lines = 0;    ///< empty lines, skipped
    std::uint64_t unit_assumed = 0;   ///< values with no unit, read in the indicator's declared unit
    std::vector<std::string> extra_columns;  ///< columns kept for reference, not evaluated
    /// Rows per year, of the rows whose indicator and region the plan knows, whatever the year
    /// (ascending): what a file holds when none of its years is the plan's.
    std::vector<std::pair<int, std::uint64_t>> years;
};

/// The values read, indexed by (region, indicator, year).
class observation_set {
public:
    /// The names of the inputs; value_origin::file indexes this.
    [[nodiscard]] const std::vector<input_summary>& inputs() const { return inputs_; }
    /// Data vintages seen (数据版本, e.g. "2021年快报"); index 0 is "not given".
    [[nodiscard]] const std::vector<std::string>& vintages() const { return vintages_; }
    /// Every region seen, canonical names.
    [[nodiscard]] const std::vector<std::string>& regions() const { return regions_; }
    /// Index of a region, if seen.
    [[nodiscard]] std::optional<std::uint32_t> region_index(std::string_view canonical_name) const;
    /// The value of an indicator for a region and year, or nullptr.
    [[nodiscard]] const observation* find(std::uint32_t region, std::size_t indicator, int year) const;
    /// The years that hold at least one value, ascending.
    [[nodiscard]] std::vector<int> years() const;
    /// The years that hold at least one value for the region and indicator, ascending.
    [[nodiscard]] std::vector<int> years_of(std::uint32_t region, std::size_t indicator) const;
    /// The values of the region and indicator, one slot per year from first_year() (empty where
    /// there is none); an empty span when there is no value at all.
    [[nodiscard]] std::span<const std::optional<observation>> values_of(std::uint32_t region,
                                                                       std::size_t indicator) const;
    /// First and last year that can be stored.
    [[nodiscard]] int first_year() const { return first_year_; }
    /// Last year that can be stored.
    [[nodiscard]] int last_year() const { return last_year_; }
    /// A full origin for a compact one.
    [[nodiscard]] origin resolve(const value_origin& o) const;
    /// Number of values stored.
    [[nodiscard]] std::size_t size() const { return stored_; }

private:
    friend class observation_reader;
    friend class observation_set_builder;
    using group_key = std::uint64_t;  // region << 32 | indicator
    std::vector<input_summary> inputs_;
    std::vector<std::string> regions_;
    std::vector<std::string> vintages_{std::string()};
    std::unordered_map<std::string, std::uint32_t> region_by_name_;
    std::unordered_map<group_key, std::vector<std::optional<observation>>> groups_;  // one slot per year
    int first_year_ = 0;
    int last_year_ = 0;
    std::size_t stored_ = 0;
};

/// Builds an observation_set value by value: `plancheck merge` rebuilds the values of one run
/// from the `data` of its reports. Years are the plan's, as the reader's.
class observation_set_builder {
public:
    /// A builder for the years of `p`.
    explicit observation_set_builder(const plan& p);
    /// The first and last year a value may have.
    [[nodiscard]] int first_year() const { return set_.first_year_; }
    /// The last year a value may have.
    [[nodiscard]] int last_year() const { return set_.last_year_; }
    /// Adds an input; its index is what value_origin::file names.
    std::uint32_t add_input(input_summary in);
    /// An input added before, to correct its row counts.
    [[nodiscard]] input_summary& input(std::uint32_t index) { return set_.inputs_[index]; }
    /// The index of a region (canonical name), registered on first sight.
    std::uint32_t add_region(const std::string& canonical);
    /// The index of a data vintage, registered on first sight; 0 for "".
    std::uint16_t add_vintage(const std::string& text);
    /// Stores a value unless its slot is taken, and returns the value already there (nullptr when
    /// it stored it). `year` must lie in first_year()…last_year().
    const observation* add(std::uint32_t region, std::size_t indicator, int year, const observation& o);
    /// The set built; the builder is spent.
    [[nodiscard]] observation_set finish() && { return std::move(set_); }
    /// The set so far (for origins).
    [[nodiscard]] const observation_set& so_far() const { return set_; }

private:
    observation_set set_;
};

/// How to read inputs.
struct read_options {
    std::optional<int> year;           ///< year of rows in files with no year column (--year)
    text_encoding encoding = text_encoding::automatic;  ///< --encoding
    std::size_t max_findings = 50;     ///< findings kept per input and severity; the rest are counted
    csv::options csv;  ///< CSV limits and dialect
    /// Threads that read a long-format file, in chunks of whole records (--jobs); 1 reads on the
    /// calling thread. The values, findings and their order are the same for any number; only an
    /// input that stops at a malformed record may have been read further (its bytes and sha256).
    std::size_t jobs = 1;
    /// Names the plan does not use (an indicator, a column) are errors rather than a warning that
    /// lists them (--strict).
    bool strict = false;
};

/// Reads inputs into an observation_set for one plan.
class observation_reader {
public:
    /// A reader for the indicators, regions and years of `p` (which must outlive it).
    observation_reader(const plan& p, read_options opts);
    /// Frees the reading state.
    ~observation_reader();
    /// Not copyable: it holds the values read so far.
    observation_reader(const observation_reader&) = delete;
    /// Not copyable.
    observation_reader& operator=(const observation_reader&) = delete;

    /// Reads a CSV file ("-" for standard input). Problems go to problems().
    void read_file(const std::string& path);
    /// Reads CSV bytes from any source, named `name` in origins.
    void read(std::unique_ptr<csv::byte_source> source, const std::string& name);

    /// True when an error was found: nothing should be evaluated.
    [[nodiscard]] bool failed() const;
    /// Errors, warnings and notes, in input order (at most max_findings of each severity per
    /// input are kept).
    [[nodiscard]] const diagnostics& problems() const;
    /// Errors and warnings found but not kept because of max_findings.
    [[nodiscard]] std::uint64_t findings_left_out() const;
    /// Notes (ignored rows) found but not kept because of max_findings.
    [[nodiscard]] std::uint64_t notes_left_out() const;

    /// The values read so far.
    [[nodiscard]] observation_set finish() &&;

private:
    struct state;
    std::unique_ptr<state> state_;
};

}  // namespace plancheck
