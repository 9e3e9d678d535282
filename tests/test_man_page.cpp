// The man page (docs/plancheck.1) against the binary it documents: every command and every long
// option that `plancheck --help` and `plancheck COMMAND --help` print is described in the page's
// part for it, and the page's version is the binary's. A new option without its paragraph in the
// man page fails here.

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"

namespace {

using plancheck_test::run_cli;

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The page as a reader sees its words: `\-` is a hyphen, font escapes are dropped.
std::string unescape_roff(const std::string& roff) {
    std::string out = std::regex_replace(roff, std::regex(R"(\\f[BIRP])"), "");
    out = std::regex_replace(out, std::regex(R"(\\-)"), "-");
    return std::regex_replace(out, std::regex(R"(\\&)"), "");
}

// The man page in parts: "GLOBAL OPTIONS" (from .SH), each command (from `.SS plancheck CMD`).
std::map<std::string, std::string> page_parts(const std::string& page) {
    std::map<std::string, std::string> parts;
    std::string* current = nullptr;
    std::istringstream in(page);
    const std::regex section(R"re(^\.SH\s+"?([^"]*)"?\s*$)re");
    const std::regex command(R"(^\.SS\s+plancheck\s+([a-z]+).*$)");
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_match(line, m, command)) {
            current = &parts[m[1].str()];
        } else if (std::regex_match(line, m, section)) {
            current = &parts[m[1].str()];
        } else if (line.starts_with(".SS")) {
            current = nullptr;
        }
        if (current != nullptr) *current += line + "\n";
    }
    return parts;
}

// Long options in a --help text: the option lines, where CLI11 prints `  -o,--output FILE` or
// `  --format TEXT:{…}` (an option named in a description or the footer is not one of them).
std::set<std::string> long_options(const std::string& help) {
    std::set<std::string> options;
    const std::regex option(R"(^ +(?:-[a-zA-Z],)?(--[a-z][a-z-]*).*$)");
    std::istringstream in(help);
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_match(line, m, option)) options.insert(m[1].str());
    }
    return options;
}

// The commands in the "Subcommands:" part of `plancheck --help`.
std::vector<std::string> commands_of(const std::string& help) {
    std::vector<std::string> commands;
    std::istringstream in(help);
    bool in_commands = false;
    const std::regex entry(R"(^  ([a-z]+)\s.*$)");
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == ':' && line.front() != ' ') in_commands = line == "Subcommands:";
        std::smatch m;
        if (in_commands && std::regex_match(line, m, entry)) commands.push_back(m[1].str());
    }
    return commands;
}

bool mentions(const std::string& text, const std::string& option) {
    return std::regex_search(text, std::regex("(^|[^a-z-])" + option + "([^a-z-]|$)"));
}

}  // namespace

TEST_CASE("the man page describes every command and every long option of --help", "[man][cli]") {
    const std::string page = unescape_roff(read_text(std::string(PLANCHECK_SOURCE_DIR) + "/docs/plancheck.1"));
    REQUIRE_FALSE(page.empty());
    const auto parts = page_parts(page);

    const auto root = run_cli({"--help"});
    REQUIRE(root.exit_code == 0);
    const std::vector<std::string> commands = commands_of(root.out);
    REQUIRE(commands.size() >= 8);

    SECTION("global options, in GLOBAL OPTIONS") {
        REQUIRE(parts.contains("GLOBAL OPTIONS"));
        for (const std::string& option : long_options(root.out)) {
            INFO(option);
            CHECK(mentions(parts.at("GLOBAL OPTIONS"), option));
        }
    }
    SECTION("each command's options, in the command's part") {
        for (const std::string& command : commands) {
            INFO("plancheck " << command);
            REQUIRE(parts.contains(command));
            const auto help = run_cli({command, "--help"});
            REQUIRE(help.exit_code == 0);
            for (const std::string& option : long_options(help.out)) {
                if (option == "--help") continue;  // in GLOBAL OPTIONS, for every command
                INFO(option);
                CHECK(mentions(parts.at(command), option));
            }
        }
    }
    SECTION("the exit codes, the environment and the file formats have their sections") {
        for (const char* name : {"SYNOPSIS", "EXIT STATUS", "FILES", "ENVIRONMENT", "EXAMPLES"}) {
            INFO(name);
            CHECK(parts.contains(name));
        }
        CHECK(mentions(parts.at("ENVIRONMENT"), "NO_COLOR"));
        CHECK(mentions(parts.at("ENVIRONMENT"), "LC_ALL"));
        CHECK(mentions(parts.at("ENVIRONMENT"), "LANG"));
        for (const char* format : {"Statistics, long format", "Statistics, wide format", "Rule files",
                                   "Regional targets table"}) {
            INFO(format);
            CHECK(page.find(std::string(".SS ") + format) != std::string::npos);
        }
    }
}

TEST_CASE("the man page carries the binary's version", "[man][cli]") {
    const std::string page = read_text(std::string(PLANCHECK_SOURCE_DIR) + "/docs/plancheck.1");
    const auto version = run_cli({"--version"});
    REQUIRE(version.exit_code == 0);
    const std::string first_line = version.out.substr(0, version.out.find('\n'));  // "plancheck 0.1.0"
    INFO(first_line);
    CHECK(std::regex_search(page, std::regex("\\n\\.TH PLANCHECK 1 \"[0-9-]+\" \"" + first_line + "\"")));
}
