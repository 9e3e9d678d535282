// The corpus of bad inputs (tests/data/bad/): every file goes through the real binary as a user
// would run it, and must end as tests/data/bad/expected.tsv says: the exit code, and the first
// error's code, line and column (or no error at all, for the inputs that must succeed; or, for a
// W- code, the first warning's, with no error).
//
// expected.tsv has one row per run: file, arguments, exit code, error code, line, column. In the
// arguments `{}` stands for the file (else the file comes last); `-` in the last three columns
// means "no error". A file may have several rows; a file without a row, or a row without a file,
// fails the test, so the corpus and the table cannot drift apart. Rows whose file starts with @
// name inputs too large to commit, written by this test into a temporary folder (the generators
// below). The runs happen in the file's folder, so diagnostics name the file as the table does.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path bad_dir = fs::path(PLANCHECK_TEST_DATA) / "bad";

struct expectation {
    std::string file;
    std::vector<std::string> args;
    int exit_code = 0;
    std::string code;  // empty: no error
    std::string line;
    std::string column;
    int table_line = 0;
};

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, sep)) out.push_back(item);
    if (!text.empty() && text.back() == sep) out.emplace_back();
    return out;
}

std::vector<expectation> read_table() {
    std::ifstream in(bad_dir / "expected.tsv");
    REQUIRE(in);
    std::vector<expectation> rows;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.empty() || line.front() == '#') continue;
        const auto cells = split(line, '\t');
        INFO("expected.tsv:" << n << ": " << line);
        REQUIRE(cells.size() == 6);
        expectation e;
        e.file = cells[0];
        e.args = split(cells[1], ' ');
        e.exit_code = std::stoi(cells[2]);
        if (cells[3] != "-") e.code = cells[3];
        e.line = cells[4];
        e.column = cells[5];
        e.table_line = n;
        // No code: no error. A code without a position: an error about the whole run (E-COVERAGE,
        // an option's E-USAGE), printed without a file.
        REQUIRE((e.line == "-") == (e.column == "-"));
        REQUIRE((!e.code.empty() || e.line == "-"));
        rows.push_back(std::move(e));
    }
    return rows;
}

// Inputs of 100 MB and more, generated rather than committed. Each must stay an error that the
// reader meets after at most its size limit, so none of them is ever read whole into memory.
void write_repeated(std::ofstream& out, std::string_view piece, std::size_t total) {
    std::string block;
    while (block.size() < (std::size_t{1} << 20)) block += piece;
    for (std::size_t written = 0; written < total; written += block.size())
        out.write(block.data(), static_cast<std::streamsize>(block.size()));
}

const std::string header = "region,indicator,year,value,unit\n";
constexpr std::size_t hundred_mb = std::size_t{100} << 20;

const std::map<std::string, void (*)(std::ofstream&)> generators{
    // One value of 100 MB of digits.
    {"@huge-field.csv",
     [](std::ofstream& out) {
         out << header << "内蒙古自治区,化学需氧量排放量,2020,";
         write_repeated(out, "9", hundred_mb);
         out << ",万吨\n";
     }},
    // One quoted field of 100 MB of lines.
    {"@huge-quoted-field.csv",
     [](std::ofstream& out) {
         out << header << "内蒙古自治区,化学需氧量排放量,2020,\"";
         write_repeated(out, "75.92\n", hundred_mb);
         out << "\",万吨\n";
     }},
    // One record of 100 MB of one-character fields.
    {"@huge-record.csv",
     [](std::ofstream& out) {
         out << header;
         write_repeated(out, "1,", hundred_mb);
         out << "1\n";
     }},
};

// The first diagnostic line of a severity ("error[" or "warning[").
std::string first_line_with(const std::string& err, std::string_view label) {
    std::istringstream lines(err);
    std::string l;
    while (std::getline(lines, l))
        if (l.find(label) != std::string::npos) return l;
    return {};
}


}  // namespace

TEST_CASE("every file of the bad-input corpus ends as expected.tsv says", "[bad-inputs][cli]") {
    const std::vector<expectation> table = read_table();

    std::set<std::string> files;
    for (const auto& entry : fs::directory_iterator(bad_dir))
        if (entry.path().filename() != "expected.tsv") files.insert(entry.path().filename().string());
    std::set<std::string> covered;
    for (const expectation& e : table) covered.insert(e.file);
    for (const std::string& f : files) {
        INFO("tests/data/bad/" << f << " has no row in expected.tsv");
        CHECK(covered.count(f) == 1);
    }
    for (const std::string& f : covered) {
        INFO("expected.tsv names " << f << ", which is neither a file of tests/data/bad nor generated");
        CHECK((files.count(f) == 1 || generators.count(f) == 1));
    }
    CHECK(files.size() >= 40);

    const fs::path previous = fs::current_path();
    const plancheck_test::temp_dir scratch;
    for (const expectation& e : table) {
        std::string name = e.file;
        fs::path folder = bad_dir;
        if (name.front() == '@') {
            const auto gen = generators.find(name);
            if (gen == generators.end()) continue;  // reported above
            name = name.substr(1);
            std::ofstream out(scratch.path() / name, std::ios::binary);
            gen->second(out);
            REQUIRE(out);
            folder = scratch.path();
        }
        std::vector<std::string> args{"--lang", "en"};
        bool placed = false;
        for (const std::string& a : e.args) {
            if (a == "{}") placed = true;
            args.push_back(a == "{}" ? name : a);
        }
        if (!placed) args.push_back(name);

        fs::current_path(folder);
        const plancheck_test::run_result r = plancheck_test::run_cli(args);
        fs::current_path(previous);
        if (e.file.front() == '@') fs::remove(scratch.path() / name);

        INFO("expected.tsv:" << e.table_line << ": plancheck " << [&] {
            std::string s;
            for (const auto& a : args) s += a + " ";
            return s;
        }());
        INFO("stderr: " << r.err.substr(0, 2000));
        CHECK(r.exit_code == e.exit_code);
        // A W- code names the first warning of a run that must not fail on its input (a slip
        // that is said, not refused); an E- code the first error.
        const std::string first = first_line_with(r.err, "error[");
        if (e.code.empty()) {
            CHECK(first.empty());
        } else if (e.code.rfind("W-", 0) == 0) {
            CHECK(first.empty());
            const std::string warning = first_line_with(r.err, "warning[");
            CHECK(warning.rfind(name + ":" + e.line + ":" + e.column + ": warning[" + e.code + "]", 0) == 0);
        } else if (e.line == "-") {
            CHECK(first.rfind("error[" + e.code + "]", 0) == 0);
        } else {
            CHECK(first.rfind(name + ":" + e.line + ":" + e.column + ": error[" + e.code + "]", 0) == 0);
        }
        // Every error names file:line:column, except the closing summaries (E-INPUT: nothing was
        // evaluated; E-USAGE: the rule file does not load; E-COVERAGE: too few targets judged);
        // every diagnostic is one printable line.
        std::istringstream lines(r.err);
        std::string l;
        static const std::regex located(R"(^[^:]+:[0-9]+:[0-9]+: error\[E-[A-Z-]+\]: .+)");
        while (std::getline(lines, l)) {
            if (l.find("error[") != std::string::npos && l.rfind("error[E-INPUT]", 0) != 0 &&
                l.rfind("error[E-USAGE]", 0) != 0 && l.rfind("error[E-COVERAGE]", 0) != 0) {
                INFO(l);
                CHECK(std::regex_match(l, located));
            }
            CHECK(std::none_of(l.begin(), l.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }));
        }
    }
}
