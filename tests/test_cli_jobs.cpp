// check --jobs N: a long file read by several threads in chunks of whole records gives the
// same report, the same findings in the same order and the same exit code as one thread, for
// clean files and for files full of findings, quotes, line breaks inside quotes, CRLF, blank
// lines, repeats across chunks, a malformed record and a record longer than two chunks.

#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"

using plancheck_test::run_cli;
using plancheck_test::temp_dir;

namespace {

// Each file holds a few megabytes, so a parallel read cuts it into several chunks (1 MiB each).
constexpr int regions = 40;
constexpr int first_year = 1950;
constexpr int years = 80;

const char* const spellings[][2] = {
    {"能耗总量", "万吨标准煤"}, {"COD", "万吨"}, {"SO2", "t"}, {"GDP", "亿元"}, {"三产比重", "%"}, {"NOx", "吨"},
};

std::string regional_table() {
    std::string out = "region,indicator,kind,value,unit,base_year,target_year\n";
    for (int r = 0; r < regions; ++r) {
        const std::string region = "C" + std::to_string(10000 + r);
        out += region + ",emissions.cod,change_vs_base,-7,%,2015,2020\n";
        out += region + ",energy.total_consumption,increment_at_most,150,万吨标准煤,2015,2020\n";
    }
    return out;
}

struct style {
    std::string eol = "\n";
    bool quoted = false;          // quote some fields, one with a line break inside
    bool findings = false;        // unknown indicators, bad numbers, empty values, other regions, repeats
    bool conflicts = false;       // repeats with another value, far apart (across chunks)
    bool blank_lines = false;
    int rounds = 5;               // times the regions × years × indicators are written
};

// Rows of regions × years × indicators, `rounds` times over (later rounds repeat earlier values,
// as a file that restates earlier years does), with the problems `s` asks for.
std::string statistics(const style& s) {
    std::string out = "region,indicator,year,value,unit" + s.eol;
    long row = 0;
    for (int round = 0; round < s.rounds; ++round) {
        for (int r = 0; r < regions; ++r) {
            const std::string region = "C" + std::to_string(10000 + r);
            for (int y = 0; y < years; ++y) {
                for (int i = 0; i < 6; ++i) {
                    ++row;
                    const int year = first_year + y;
                    std::string value = std::to_string(100 + (r * 7 + y * 3 + i) % 50) + "." + std::to_string(i);
                    std::string indicator = spellings[i][0];
                    std::string row_region = region;
                    if (s.findings) {
                        if (row % 997 == 0) indicator = "能源消费总量x";     // a slip of a known name (error)
                        if (row % 1301 == 0) value = "1,234.5";              // thousands separator (error)
                        if (row % 709 == 0) value.clear();                   // no value (note)
                        if (row % 1499 == 0) row_region = "D99";             // no target (note)
                    }
                    // A different value for a stored year, in the last round: far from the first.
                    if (s.conflicts && round == s.rounds - 1 && year >= 2015 && year <= 2020 && (r * 6 + i) % 7 == 0)
                        value = "777.7";
                    if (s.quoted && row % 5 == 0) row_region = "\"" + row_region + "\"";
                    if (s.quoted && row % 11 == 0) indicator = "\"" + indicator + "\"";
                    std::string unit = spellings[i][1];
                    if (s.quoted && row % 4099 == 0) unit = "\"万吨标准煤\"";
                    out += row_region + "," + indicator + "," + std::to_string(year) + "," + value + "," + unit + s.eol;
                    if (s.blank_lines && row % 3001 == 0) out += s.eol;
                }
            }
        }
    }
    return out;
}

// The same check with one, two and three threads: identical stdout, stderr and exit code. The
// sanitizer build, several times slower, compares two threads only.
void same_for_any_jobs(const std::vector<std::string>& args) {
    std::vector<std::string> one = args;
    one.insert(one.begin() + 1, {"--jobs", "1"});
    const auto expected = run_cli(one);
    INFO("stderr with one thread: " << expected.err.substr(0, 2000));
    const std::vector<std::string> thread_counts =
        plancheck_test::sanitized ? std::vector<std::string>{"2"} : std::vector<std::string>{"2", "3"};
    for (const std::string& jobs : thread_counts) {
        std::vector<std::string> many = args;
        many.insert(many.begin() + 1, {"--jobs", jobs});
        const auto got = run_cli(many);
        INFO("--jobs " << jobs);
        CHECK(got.exit_code == expected.exit_code);
        CHECK(got.out == expected.out);
        CHECK(got.err == expected.err);
    }
}

}  // namespace

TEST_CASE("--jobs gives the report of one thread for a clean long file", "[cli][jobs]") {
    temp_dir dir;
    const std::string table = dir.write("regional.csv", regional_table());
    const std::string data = dir.write("data.csv", statistics({}));
    REQUIRE(data.size() > 0);
    same_for_any_jobs({"check", data, "--regional-targets", table, "--format", "json"});
    same_for_any_jobs({"check", data, "--regional-targets", table, "--all-years"});
}

TEST_CASE("--jobs keeps the findings, their order and --max-findings of one thread", "[cli][jobs]") {
    temp_dir dir;
    const std::string table = dir.write("regional.csv", regional_table());
    style s;
    s.findings = true;
    const std::string data = dir.write("data.csv", statistics(s));
    same_for_any_jobs({"check", data, "--regional-targets", table, "--verbose"});
    same_for_any_jobs({"check", data, "--regional-targets", table, "--verbose", "--max-findings", "3"});
    same_for_any_jobs({"check", data, "--regional-targets", table, "--max-findings", "1000"});
    const auto r = run_cli({"check", "--jobs", "2", data, "--regional-targets", table});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("E-INDICATOR") != std::string::npos);
}

TEST_CASE("--jobs: quotes, line breaks in quotes, CRLF and blank lines read as one thread reads them",
          "[cli][jobs]") {
    temp_dir dir;
    const std::string table = dir.write("regional.csv", regional_table());
    style s;
    s.quoted = true;
    s.eol = "\r\n";
    s.blank_lines = true;
    std::string text = statistics(s);
    // A note column whose quoted text spans lines, in some rows.
    std::string with_notes;
    std::size_t line_start = 0;
    long line = 0;
    while (line_start < text.size()) {
        const std::size_t eol = text.find("\r\n", line_start);
        std::string row = text.substr(line_start, eol - line_start);
        line_start = eol + 2;
        if (row.empty()) {
            with_notes += "\r\n";
            continue;
        }
        ++line;
        row += line == 1 ? ",note" : line % 3001 == 0 ? ",\"revised,\r\nsee \"\"annex\"\"\"" : ",";
        with_notes += row + "\r\n";
    }
    const std::string data = dir.write("data.csv", with_notes);
    same_for_any_jobs({"check", data, "--regional-targets", table, "--format", "json"});
    same_for_any_jobs({"check", data, "--regional-targets", table, "--verbose"});
}

TEST_CASE("--jobs: conflicting repeats across chunks name the first value's cell as one thread does",
          "[cli][jobs]") {
    temp_dir dir;
    const std::string table = dir.write("regional.csv", regional_table());
    style s;
    s.conflicts = true;
    const std::string data = dir.write("data.csv", statistics(s));
    same_for_any_jobs({"check", data, "--regional-targets", table});
    same_for_any_jobs({"check", data, "--regional-targets", table, "--max-findings", "500", "--verbose"});
    const auto r = run_cli({"check", "--jobs", "2", data, "--regional-targets", table});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("E-DUPLICATE") != std::string::npos);
}

TEST_CASE("--jobs: a malformed record ends the input where one thread stops", "[cli][jobs]") {
    temp_dir dir;
    const std::string table = dir.write("regional.csv", regional_table());
    std::string text = statistics({});
    // A stray quote well past the first chunk, and a ragged row after it that must not be reported.
    const std::size_t at = text.find('\n', text.size() * 2 / 3) + 1;
    text.insert(at, "C10001,CO\"D,2016,1.5,万吨\n");
    text += "C10002,COD,2017\n";
    const std::string data = dir.write("data.csv", text);
    same_for_any_jobs({"check", data, "--regional-targets", table, "--verbose"});
    const auto r = run_cli({"check", "--jobs", "2", data, "--regional-targets", table});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("E-CSV-QUOTE") != std::string::npos);
    CHECK(r.err.find("E-CSV-RAGGED") == std::string::npos);
}

TEST_CASE("--jobs: a record longer than two chunks, then more rows", "[cli][jobs]") {
    temp_dir dir;
    const std::string table = dir.write("regional.csv", regional_table());
    style s;
    s.rounds = 3;
    std::string text = statistics(s);
    // An extra column, empty except in one row whose three quoted fields of 0.9 MiB each (under
    // the 1 MiB field limit) make a record of 2.7 MiB, with line breaks inside.
    std::string long_text;
    for (int i = 0; i < 90000; ++i) long_text += i % 100 == 99 ? "\n" : "x";
    std::string quoted = "\"";
    for (int i = 0; i < 10; ++i) quoted += long_text;
    quoted += "\"";
    std::string wide = "region,indicator,year,value,unit,a,b,c\n";
    std::size_t start = text.find('\n') + 1;
    long line = 0;
    while (start < text.size()) {
        const std::size_t eol = text.find('\n', start);
        const std::string row = text.substr(start, eol - start);
        start = eol + 1;
        ++line;
        wide += row + (line == 20000 ? "," + quoted + "," + quoted + "," + quoted : ",,,") + "\n";
    }
    const std::string data = dir.write("data.csv", wide);
    same_for_any_jobs({"check", data, "--regional-targets", table, "--format", "json"});
}

TEST_CASE("--jobs with several files: a repeat from another file is a note, as with one thread", "[cli][jobs]") {
    temp_dir dir;
    const std::string table = dir.write("regional.csv", regional_table());
    const std::string a = dir.write("a.csv", statistics({}));
    style s;
    s.rounds = 2;
    const std::string b = dir.write("b.csv", statistics(s));
    same_for_any_jobs({"check", a, b, "--regional-targets", table, "--verbose"});
    same_for_any_jobs({"check", a, b, "--regional-targets", table, "--format", "json"});
}

TEST_CASE("--jobs must be at least 1", "[cli][jobs]") {
    temp_dir dir;
    const std::string data = dir.write("data.csv", "region,indicator,year,value,unit\n");
    const auto r = run_cli({"check", "--jobs", "0", data});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--jobs") != std::string::npos);
}
