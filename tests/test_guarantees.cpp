// The reliability guarantees of docs/reliability.md, each tested on the real binary:
//   1. the exit code is 0, 1 or 2, never a signal, whatever the input;
//   2. every error about an input's content names file:line:column;
//   3. every data row is used, ignored (with a note) or rejected: the report's counts add up
//      to the rows of the file;
//   4. memory stays bounded on a huge field and on a file of millions of rows;
//   5. a report written with --output is complete or absent, never half a file;
//   6. a value moved past its target exits 1 or 2 in every spelling the reader accepts.

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using plancheck_test::run_cli;
using plancheck_test::run_result;
using plancheck_test::temp_dir;

namespace {

// Under ASan (shadow memory, a slower binary): smaller files, larger bounds.
using plancheck_test::sanitized;

const fs::path source_dir = PLANCHECK_SOURCE_DIR;
const fs::path bad_dir = fs::path(PLANCHECK_TEST_DATA) / "bad";
const fs::path example_2020 = source_dir / "examples" / "nmg-2020-illustrative.csv";

std::string read_file(const fs::path& p) { return temp_dir::read_file(p); }

bool exit_code_allowed(int code) { return code == 0 || code == 1 || code == 2; }

// Every line of stderr that reports an error names file:line:column, but the closing summaries
// (E-INPUT: nothing was evaluated; E-USAGE: the rule file does not load) and an error about a
// file as a whole (E-IO: it cannot be opened), which have no line to name.
void check_errors_located(const std::string& err) {
    static const std::regex located(R"(^.+:[0-9]+:[0-9]+: error\[E-[A-Z-]+\]: .+$)");
    std::istringstream lines(err);
    std::string l;
    while (std::getline(lines, l)) {
        if (l.find("error[") == std::string::npos || l.rfind("error[E-INPUT]", 0) == 0 ||
            l.rfind("error[E-USAGE]", 0) == 0 || l.find("error[E-IO]") != std::string::npos)
            continue;
        INFO(l);
        CHECK(std::regex_match(l, located));
    }
}

// Runs the binary like run_cli, and also returns its peak resident memory (wait4's rusage).
struct measured {
    int exit_code = -1;
    long max_rss_kb = 0;
    std::string out;
    std::string err;
};

measured run_measured(std::vector<std::string> args) {
    args.insert(args.begin(), {"--lang", "en"});
    const temp_dir io;
    const std::string out_path = (io.path() / "stdout").string();
    const std::string err_path = (io.path() / "stderr").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    args.insert(args.begin(), PLANCHECK_BINARY);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(spawned == 0);
    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0) REQUIRE(errno == EINTR);
    measured m;
    m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    m.max_rss_kb = usage.ru_maxrss;
    m.out = read_file(out_path);
    m.err = read_file(err_path);
    return m;
}

// Data rows and empty lines of a CSV without quoted line breaks, counted apart from plancheck's
// reader: lines end with LF, CRLF or a lone CR; the first non-empty line is the header.
struct row_count {
    std::uint64_t rows = 0;
    std::uint64_t blank = 0;
};

row_count count_rows(std::string text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    row_count c;
    bool header = false;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = text.find_first_of("\r\n", i);
        if (end == std::string::npos) end = text.size();
        const bool empty = end == i;
        if (empty) ++c.blank;
        else if (!header) header = true;
        else ++c.rows;
        const bool crlf = end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n';
        i = end + (crlf ? 2 : 1);
    }
    return c;
}

std::vector<fs::path> temp_files_next_to(const fs::path& target) {
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(target.parent_path()))
        if (e.path().filename().string().rfind(target.filename().string() + ".plancheck-", 0) == 0) found.push_back(e.path());
    return found;
}

}  // namespace

// ---- 1 and 2: exit codes and located errors -------------------------------------------------

TEST_CASE("every file of the bad-input corpus ends with exit 0, 1 or 2 and located errors", "[guarantees][cli]") {
    for (const auto& entry : fs::directory_iterator(bad_dir)) {
        const std::string file = entry.path().string();
        if (entry.path().filename() == "expected.tsv") continue;
        // test_bad_inputs runs each file with `check` (text) and `lint`; these are the other ways.
        std::vector<std::string> args{"check", "--format", "json", file};
        if (entry.path().extension() == ".toml") args = {"check", example_2020.string(), "--targets", file};
        const run_result r = run_cli(args);
        INFO(args.front() << " " << file << "\n" << r.err.substr(0, 1000));
        CHECK(exit_code_allowed(r.exit_code));
        if (r.exit_code == 2) CHECK(r.out.empty());  // nothing evaluated: no report
        check_errors_located(r.err);
    }
}

TEST_CASE("random bytes as statistics or as a rule file end with exit 0, 1 or 2", "[guarantees][cli]") {
    std::mt19937 random(20240607);
    const std::string example = read_file(example_2020);
    const std::string rules = read_file(source_dir / "targets" / "nmg-12fyp-pollutants.toml");
    const auto byte = [&] { return static_cast<char>(random() & 0xFF); };
    // Mutations of a real file reach further than pure noise: a byte changed, a CSV or TOML
    // metacharacter inserted, a piece cut out.
    const auto mutate = [&](std::string s) {
        static constexpr std::string_view specials = ",\"\r\n\t;=[]{}#'\\\xE3\x80\x81\xFF\xC3";
        const int edits = 1 + static_cast<int>(random() % 8);
        for (int k = 0; k < edits && !s.empty(); ++k) {
            const std::size_t at = random() % s.size();
            switch (random() % 4) {
                case 0: s[at] = byte(); break;
                case 1: s.insert(at, 1, specials[random() % specials.size()]); break;
                case 2: s.erase(at, random() % 64); break;
                default: s.insert(at, s.substr(random() % s.size(), random() % 32)); break;
            }
        }
        return s;
    };
    const int rounds = sanitized ? 8 : 20;
    temp_dir dir;
    for (int i = 0; i < rounds; ++i) {
        std::string noise(random() % 4096, '\0');
        for (char& c : noise) c = byte();
        const std::vector<std::pair<std::string, std::vector<std::string>>> runs{
            {noise, {"check", "-"}},
            {mutate(example), {"check", "-"}},
            {mutate(example), {"check", "--format", "json", "--encoding", "gb18030", "-"}},
        };
        for (const auto& [input, args] : runs) {
            const run_result r = run_cli(args, input);
            INFO("input (" << input.size() << " bytes) " << input.substr(0, 300) << "\n" << r.err.substr(0, 1000));
            CHECK(exit_code_allowed(r.exit_code));
            check_errors_located(r.err);
        }
        for (const std::string& text : {noise, mutate(rules)}) {
            const std::string path = dir.write("rules.toml", text);
            const run_result r = run_cli({"lint", path});
            INFO("rule file (" << text.size() << " bytes) " << text.substr(0, 300) << "\n" << r.err.substr(0, 1000));
            CHECK(exit_code_allowed(r.exit_code));
            check_errors_located(r.err);
        }
    }
}

// ---- 3: every row accounted for ---------------------------------------------------------------

TEST_CASE("every data row is used, ignored with a note, or rejected", "[guarantees][cli]") {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(source_dir / "examples"))
        if (e.path().extension() == ".csv") files.push_back(e.path());
    for (const char* name : {"blank-and-ignored-rows.csv", "identical-duplicates.csv", "crlf.csv", "bom-crlf.csv",
                             "lone-cr.csv", "no-final-newline.csv", "full-width-value.csv", "header-only.csv",
                             "indicator-unused-long.csv", "region-zero-width-bom.csv", "wide-unused-column.csv"})
        files.push_back(bad_dir / name);
    // Many rows of every fate: used, ignored for their region, their year, an empty value or
    // every field empty, and repeats of a value already given.
    temp_dir dir;
    {
        std::string many = "region,indicator,year,value,unit\n";
        for (int year = 2015; year <= 2020; ++year)
            many += "内蒙古自治区,化学需氧量排放量," + std::to_string(year) + "," + std::to_string(90 - year + 2015) + ",万吨\n";
        for (int i = 0; i < 120; ++i) {
            many += "包头市,化学需氧量排放量,2020,1.5,万吨\n";
            many += "内蒙古自治区,能源消费总量,1999,20000,万吨标准煤\n";
            many += "内蒙古自治区,能源消费总量,2020,,万吨标准煤\n";
            many += ",,,,\n\n";
            many += "内蒙古自治区,化学需氧量排放量,2020,85,万吨\n";
            many += "内蒙古自治区,全社会用电量,2020,3900,亿千瓦时\n";  // an indicator the plan does not use
        }
        files.push_back(dir.write("many-fates.csv", many));
    }

    for (const fs::path& file : files) {
        const row_count expected = count_rows(read_file(file));
        const run_result r = run_cli({"check", "--format", "json", file.string()});
        INFO(file << "\n" << r.err.substr(0, 1000));
        REQUIRE(exit_code_allowed(r.exit_code));
        REQUIRE(r.exit_code != 2);
        const json report = json::parse(r.out);
        const json& in = report.at("run").at("inputs").at(0);
        CHECK(in.at("rows") == expected.rows);
        CHECK(in.at("blank_lines") == expected.blank);
        CHECK(in.at("rows").get<std::uint64_t>() ==
              in.at("used").get<std::uint64_t>() + in.at("ignored").get<std::uint64_t>() +
                  in.at("rejected").get<std::uint64_t>());
        CHECK(in.at("rejected") == 0);
        // Each ignored row has its finding (N-IGNORED, or W-DUPLICATE for a repeat) naming its
        // line, as long as the findings are not capped.
        std::uint64_t notes = 0;
        for (const json& f : report.at("findings")) {
            const std::string code = f.at("code");
            if ((code == "N-IGNORED" || code == "W-DUPLICATE") && f.contains("origin") && !f.at("origin").is_null())
                ++notes;
        }
        if (in.at("ignored").get<std::uint64_t>() <= 50) CHECK(notes == in.at("ignored").get<std::uint64_t>());
    }

    SECTION("several files at once: each input adds up on its own") {
        const run_result r = run_cli({"check", "--format", "json", (source_dir / "examples" / "nmg-2016-illustrative.csv").string(),
                                      (source_dir / "examples" / "nmg-2018-illustrative.csv").string(), example_2020.string()});
        REQUIRE(exit_code_allowed(r.exit_code));
        const json report = json::parse(r.out);
        REQUIRE(report.at("run").at("inputs").size() == 3);
        for (const json& in : report.at("run").at("inputs")) {
            CHECK(in.at("rows") == count_rows(read_file(in.at("file").get<std::string>())).rows);
            CHECK(in.at("rows").get<std::uint64_t>() ==
                  in.at("used").get<std::uint64_t>() + in.at("ignored").get<std::uint64_t>());
        }
    }
}

// ---- 4: bounded memory ------------------------------------------------------------------------

TEST_CASE("memory stays bounded on a 100 MB field and on millions of rows", "[guarantees][cli][memory]") {
    temp_dir dir;
    // The binary alone (the shipped plans loaded, nothing read) as the baseline.
    const measured idle = run_measured({"check", "--format", "json", example_2020.string()});
    REQUIRE(exit_code_allowed(idle.exit_code));
    const long slack_kb = sanitized ? 256 * 1024 : 64 * 1024;

    SECTION("a single field of 100 MB is refused at the field limit, without reading it whole") {
        const fs::path file = dir.path() / "huge-field.csv";
        {
            std::ofstream out(file, std::ios::binary);
            out << "region,indicator,year,value,unit\n内蒙古自治区,化学需氧量排放量,2020,";
            const std::string block(std::size_t{1} << 20, '9');
            for (int i = 0; i < 100; ++i) out << block;
            out << ",万吨\n";
        }
        const measured m = run_measured({"check", file.string()});
        INFO(m.err);
        CHECK(m.exit_code == 2);
        CHECK(m.err.find("huge-field.csv:2:22: error[E-CSV-FIELD-SIZE]") != std::string::npos);
        INFO("peak RSS " << m.max_rss_kb << " KB, baseline " << idle.max_rss_kb << " KB");
        CHECK(m.max_rss_kb < idle.max_rss_kb + slack_kb);
    }
    SECTION("millions of rows are read in constant memory, every one accounted for") {
        const int blocks = sanitized ? 200 : 2000;  // of 1000 rows, after one row that is used
        const int rows = 1 + blocks * 1000;
        const fs::path file = dir.path() / "many-rows.csv";
        {
            std::ofstream out(file, std::ios::binary);
            out << "region,indicator,year,value,unit\n内蒙古自治区,化学需氧量排放量,2020,75.92,万吨\n";
            std::string block;
            for (int i = 0; i < 1000; ++i) block += "包头市,化学需氧量排放量,2020,1.5,万吨\n";
            for (int i = 0; i < blocks; ++i) out << block;
        }
        const measured m = run_measured({"check", "--format", "json", file.string()});
        INFO(m.err.substr(0, 1000));
        REQUIRE(exit_code_allowed(m.exit_code));
        REQUIRE(m.exit_code != 2);
        const json report = json::parse(m.out);
        const json& in = report.at("run").at("inputs").at(0);
        CHECK(in.at("rows") == rows);
        CHECK(in.at("used") == 1);
        CHECK(in.at("ignored") == rows - 1);
        INFO("peak RSS " << m.max_rss_kb << " KB, baseline " << idle.max_rss_kb << " KB");
        CHECK(m.max_rss_kb < idle.max_rss_kb + slack_kb);
    }
}

// ---- 5: --output complete or absent -----------------------------------------------------------

TEST_CASE("--output is complete or absent, never half a file", "[guarantees][cli][output]") {
    temp_dir dir;
    const std::string bad_csv = (bad_dir / "not-a-number.csv").string();
    const fs::path report = dir.path() / "report.json";

    SECTION("a run that fails on its input leaves no file and no temporary file") {
        const run_result r = run_cli({"check", "--format", "json", "--output", report.string(), bad_csv});
        CHECK(r.exit_code == 2);
        CHECK_FALSE(fs::exists(report));
        CHECK(temp_files_next_to(report).empty());
    }
    SECTION("a run that fails leaves an existing report as it was") {
        const std::string before = R"({"an": "earlier report"})";
        dir.write("report.json", before);
        const run_result r = run_cli({"check", "--format", "json", "--output", report.string(), bad_csv});
        CHECK(r.exit_code == 2);
        CHECK(read_file(report) == before);
        CHECK(temp_files_next_to(report).empty());
    }
    SECTION("a run that succeeds replaces an existing report with the whole new one") {
        dir.write("report.json", std::string(1 << 20, 'x'));  // longer than the report: no tail may remain
        const run_result r = run_cli({"check", "--format", "json", "--output", report.string(), example_2020.string()});
        CHECK(exit_code_allowed(r.exit_code));
        CHECK(r.exit_code != 2);
        const run_result printed = run_cli({"check", "--format", "json", example_2020.string()});
        CHECK(read_file(report) == printed.out);
        CHECK(json::accept(read_file(report)));
        CHECK(temp_files_next_to(report).empty());
    }
    SECTION("a report that cannot be put in place is exit 2, and the temporary file is removed") {
        fs::create_directory(report);  // rename onto a folder fails
        const run_result r = run_cli({"check", "--format", "json", "--output", report.string(), example_2020.string()});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("error[E-IO]") != std::string::npos);
        CHECK(fs::is_directory(report));
        CHECK(fs::is_empty(report));
        CHECK(temp_files_next_to(report).empty());
    }
    SECTION("a folder that does not exist is exit 2 and creates nothing") {
        const fs::path nowhere = dir.path() / "no" / "such" / "report.json";
        const run_result r = run_cli({"check", "--output", nowhere.string(), example_2020.string()});
        CHECK(r.exit_code == 2);
        CHECK_FALSE(fs::exists(dir.path() / "no"));
    }
    SECTION("a JUnit report of input errors is written whole, as CI reads it") {
        const fs::path xml = dir.path() / "report.xml";
        const run_result r = run_cli({"check", "--format", "junit", "--output", xml.string(), bad_csv});
        CHECK(r.exit_code == 2);
        const std::string written = read_file(xml);
        CHECK(written.find("<testsuites") != std::string::npos);
        CHECK(written.find("</testsuites>") != std::string::npos);
        CHECK(temp_files_next_to(xml).empty());
    }
}

// ---- 6: a value past its target never exits 0 -----------------------------------------------
//
// Generated from the example files: for every target judged met (or on track) on a value of the
// file, that value is moved past what the target requires and written in each spelling the
// reader accepts: every unit spelling of its kind (from `plancheck units`), the ASCII ones also
// in full-width forms and after a Chinese scale word (万t, 亿kWh), the number signed, in
// exponent form, in full-width digits and quoted, the file with CRLF and a BOM. Checked again,
// the file must exit 1 or 2, never 0. docs/reliability.md, "no slip ends in met".

namespace {

struct unit_choice {
    std::string spelling;
    double factor = 1;  // to the kind's canonical unit
};

struct unit_catalog {
    std::map<std::string, std::vector<unit_choice>> by_kind;
    std::map<std::string, std::pair<std::string, double>> of_spelling;  // spelling → kind, factor
};

// `plancheck units`: "name (kind) — canonical" headers, then "  spelling = factor canonical".
unit_catalog read_units() {
    const run_result r = run_cli({"--lang", "en", "units"});
    REQUIRE(r.exit_code == 0);
    unit_catalog c;
    std::istringstream lines(r.out);
    std::string l;
    std::string kind;
    static const std::regex header(R"(^\S.*\(([a-z_]+)\) .*$)");
    static const std::regex entry(R"(^  (\S.*?) += ([-0-9.e+]+) .*$)");
    std::smatch m;
    while (std::getline(lines, l)) {
        if (std::regex_match(l, m, header)) {
            kind = m[1];
        } else if (!kind.empty() && std::regex_match(l, m, entry)) {
            const std::string spelling = m[1];
            c.by_kind[kind].push_back({spelling, std::stod(m[2])});
            c.of_spelling.emplace(spelling, std::pair{kind, std::stod(m[2])});
        }
    }
    REQUIRE(c.by_kind.size() >= 10);
    return c;
}

// ASCII letters, digits and signs in their full-width forms (ｔ, ｋＷｈ, ／, ％).
std::string full_width(std::string_view s) {
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u > 0x20 && u < 0x7F) {
            const auto cp = static_cast<char32_t>(0xFEE0 + u);
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += c;
        }
    }
    return out;
}

std::string number_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.12g", v);
    return buf;
}

bool is_ascii_symbol(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }) &&
           !(s.front() >= '0' && s.front() <= '9');
}

// The value the measure must pass to fail: half the required figure again beyond it.
std::optional<double> failing_measure(const json& r) {
    if (!r["required"].is_number()) return std::nullopt;
    const double req = r["required"].get<double>();
    const std::string cmp = r["comparison"].get<std::string>();
    const double step = req != 0 ? 0.5 * std::abs(req) : 1.0;
    if (cmp == "<=" || cmp == "<") return req + step;
    if (cmp == ">=" || cmp == ">") return req > 0 ? std::optional<double>(req - step) : std::nullopt;
    return std::nullopt;
}

struct perturbation {
    std::string target;
    int line = 0;       // the value's row in the file
    double value = 0;   // in `unit`
    std::string unit;   // as the report shows the input
};

// The values to move, one per target met on a value of the file itself.
std::vector<perturbation> perturbations_of(const fs::path& file) {
    const run_result r = run_cli({"--lang", "en", "check", "--format", "json", file.string()});
    INFO(file << "\n" << r.err.substr(0, 1000));
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    const json report = json::parse(r.out);
    std::vector<perturbation> out;
    for (const json& res : report["results"]) {
        const std::string status = res["status"].get<std::string>();
        if (status != "met" && status != "on track") continue;
        const std::string kind = res["kind"].get<std::string>();
        const json* actual = nullptr;
        const json* base = nullptr;
        for (const json& in : res["inputs"]) {
            if (in["role"] == "actual") actual = &in;
            if (in["role"] == "base") base = &in;
        }
        if (actual == nullptr || !(*actual)["origin"].is_string()) continue;
        const auto m = failing_measure(res);
        if (!m) continue;
        const double a = (*actual)["value"].get<double>();
        perturbation p;
        p.target = res["target"].get<std::string>();
        p.unit = (*actual)["unit"].get<std::string>();
        const std::string origin = (*actual)["origin"].get<std::string>();
        const auto colon = origin.find(':', file.string().size());
        p.line = std::stoi(origin.substr(colon + 1));
        if (kind == "at_most" || kind == "at_least" || kind == "deadline") {
            // The measure is the value in the target's unit: scale by what the report shows.
            const double shown = res["actual"].get<double>();
            if (shown == 0 || a == 0) continue;
            p.value = *m * (a / shown);
        } else if (kind == "change_vs_base" && base != nullptr) {
            p.value = (*base)["value"].get<double>() * (1.0 + *m / 100.0);
        } else {
            continue;
        }
        if (p.value <= 0 && kind != "change_vs_base") continue;
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<std::string> split_row(const std::string& row) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(row);
    while (std::getline(in, cell, ',')) cells.push_back(cell);
    return cells;
}

}  // namespace

TEST_CASE("a value moved past its target exits 1 or 2 in every spelling the reader accepts", "[guarantees][cli]") {
    const unit_catalog units = read_units();
    std::set<std::string> spellings_used;
    std::set<std::string> spelling_forms;  // the other forms tried, roughly: unit and first character
    std::size_t runs = 0;
    temp_dir dir;
    for (const char* name : {"nmg-2016-illustrative.csv", "nmg-2018-illustrative.csv", "nmg-2020-illustrative.csv"}) {
        const fs::path file = source_dir / "examples" / name;
        std::vector<std::string> rows;
        {
            std::istringstream in(read_file(file));
            std::string l;
            while (std::getline(in, l)) rows.push_back(l);
        }
        const std::vector<perturbation> cases = perturbations_of(file);
        INFO(name);
        CHECK(cases.size() >= 5);
        std::size_t turn = 0;
        for (const perturbation& p : cases) {
            const auto known = units.of_spelling.find(p.unit);
            REQUIRE(known != units.of_spelling.end());
            // Not a structured binding: clang 14 cannot capture one in the lambda below.
            const auto& kind = known->second.first;
            const double factor = known->second.second;
            const double canonical = p.value * factor;
            // (number, unit) spellings of the moved value.
            std::vector<std::pair<std::string, std::string>> spellings;
            const auto add = [&](const unit_choice& u) {
                const double v = canonical / u.factor;
                spellings.emplace_back(number_text(v), u.spelling);
                spellings_used.insert(kind + ":" + u.spelling);
            };
            // Every unit spelling of the kind the first time the kind is met; after that two of
            // the other spellings in turn, so that each case stays a few runs.
            const auto& choices = units.by_kind.at(kind);
            bool first = true;
            for (const unit_choice& u : choices) first = first && spellings_used.count(kind + ":" + u.spelling) == 0;
            if (first)
                for (const unit_choice& u : choices) add(u);
            std::vector<std::pair<std::string, std::string>> others;
            const unit_choice& u = choices[turn % choices.size()];
            const std::string v = number_text(canonical / u.factor);
            others.emplace_back(v, u.spelling);
            if (is_ascii_symbol(u.spelling)) others.emplace_back(v, full_width(u.spelling));
            others.emplace_back(full_width(number_text(p.value)), p.unit);
            others.emplace_back("+" + number_text(p.value), p.unit);
            others.emplace_back("\" " + number_text(p.value) + " \"", p.unit);
            {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.10e", p.value);
                others.emplace_back(buf, p.unit);
            }
            if (kind == "share") others.emplace_back(number_text(p.value) + "%", p.unit);
            // A Chinese scale word before an ASCII symbol of an amount: 万t, 亿ｋＷｈ.
            for (const unit_choice& s : choices) {
                if (!is_ascii_symbol(s.spelling) || kind == "share" || kind == "percentage_points" || kind == "index" ||
                    kind == "duration" || s.spelling.find('/') != std::string::npos || s.factor != choices.front().factor)
                    continue;
                others.emplace_back(number_text(canonical / (s.factor * 1e4)), "万" + s.spelling);
                others.emplace_back(number_text(canonical / (s.factor * 1e8)), "亿" + full_width(s.spelling));
                break;
            }
            // Two forms per case in the 2020 file, one in the interim years' files.
            const std::size_t forms = std::string_view(name).find("2020") != std::string_view::npos ? 2 : 1;
            for (std::size_t k = 0; k < forms; ++k) {
                const auto& chosen = others[(turn + k) % others.size()];
                spellings.push_back(chosen);
                spelling_forms.insert(chosen.second + (chosen.first.find_first_not_of("0123456789.-e") == std::string::npos
                                                           ? ""
                                                           : " " + chosen.first.substr(0, 1)));
            }
            ++turn;

            for (std::size_t k = 0; k < spellings.size(); ++k) {
                auto cells = split_row(rows[static_cast<std::size_t>(p.line - 1)]);
                REQUIRE(cells.size() == 5);
                cells[3] = spellings[k].first;
                cells[4] = spellings[k].second;
                std::vector<std::string> changed = rows;
                changed[static_cast<std::size_t>(p.line - 1)] =
                    cells[0] + "," + cells[1] + "," + cells[2] + "," + cells[3] + "," + cells[4];
                // The layouts of the file: LF, and for one spelling in each case CRLF with a BOM.
                const bool crlf = k == 0;
                std::string text = crlf ? "\xEF\xBB\xBF" : "";
                for (const std::string& l : changed) text += l + (crlf ? "\r\n" : "\n");
                const std::string path = dir.write("moved.csv", text);
                const run_result r = run_cli({"--lang", "en", "check", path});
                ++runs;
                INFO(p.target << ": line " << p.line << " → " << changed[static_cast<std::size_t>(p.line - 1)]
                              << "\n" << r.err.substr(0, 1500) << r.out.substr(0, 1500));
                CHECK((r.exit_code == 1 || r.exit_code == 2));
            }
        }
    }
    // Every spelling of every kind the examples' judged values have was tried.
    CHECK(spellings_used.size() >= 30);
    CHECK(spelling_forms.size() >= 10);
    CHECK(runs >= 100);
}
