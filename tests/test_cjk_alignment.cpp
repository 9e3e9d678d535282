// Terminal output fit for Chinese text: the columns of the text report, of `plancheck rules`,
// `plans` and `units` line up in a terminal, where a Han character takes two cells, in --lang zh
// and en alike.
//
// Widths come from the C library's wcwidth() in a UTF-8 locale — what terminals and their
// programs use — not from plancheck::text::display_width, so that a renderer and the width
// function it relies on cannot be wrong together. For every table: the cells that are blank on
// every row (the gutters, two cells or more) cut it into as many columns as its header has
// labels, and each cell is flush with its column's left or right edge.

#include <clocale>
#include <cwchar>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "plancheck/check.hpp"
#include "plancheck/csv.hpp"
#include "plancheck/regional.hpp"
#include "plancheck/report.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/text.hpp"

namespace {

using plancheck_test::run_cli;

const std::string example_2020 = std::string(PLANCHECK_SOURCE_DIR) + "/examples/nmg-2020-illustrative.csv";

// Cells a code point takes in a terminal.
int terminal_width(char32_t cp) {
    static const bool utf8_locale = std::setlocale(LC_CTYPE, "C.UTF-8") != nullptr;
    if (!utf8_locale) return plancheck::text::code_point_width(cp);
    const int w = ::wcwidth(static_cast<wchar_t>(cp));
    return w < 0 ? 1 : w;
}

// A line as the terminal lays it out: which cells hold ink.
std::vector<bool> ink_of(const std::string& line) {
    std::vector<bool> ink;
    for (const char32_t cp : plancheck::text::decode(line)) {
        const int w = terminal_width(cp);
        for (int i = 0; i < w; ++i) ink.push_back(cp != U' ');
    }
    return ink;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The table starting at `lines[first]` (its header): every following line up to a blank one.
std::vector<std::string> table_at(const std::vector<std::string>& lines, std::size_t first) {
    std::vector<std::string> table;
    for (std::size_t i = first; i < lines.size() && !lines[i].empty(); ++i) table.push_back(lines[i]);
    return table;
}

// Labels of a header line: the words between runs of two blanks or more.
std::size_t label_count(const std::string& header) {
    const std::string trimmed(plancheck::text::trim(header));
    static const std::regex gutter(" {2,}");
    return static_cast<std::size_t>(std::distance(
        std::sregex_token_iterator(trimmed.begin(), trimmed.end(), gutter, -1), std::sregex_token_iterator()));
}

// Checks one table (header first): its gutters give as many columns as the header has labels,
// and every cell is flush left or flush right in its column.
void check_table(const std::vector<std::string>& table) {
    REQUIRE(table.size() >= 2);
    std::string shown;
    for (const std::string& line : table) shown += line + "\n";
    INFO("table:\n" << shown);

    std::vector<std::vector<bool>> rows;
    std::size_t width = 0;
    for (const std::string& line : table) {
        rows.push_back(ink_of(line));
        width = std::max(width, rows.back().size());
    }
    const auto inked = [&](std::size_t column) {
        for (const auto& row : rows)
            if (column < row.size() && row[column]) return true;
        return false;
    };
    // A column starts where ink follows a gutter of two blank cells (or the indent).
    std::vector<std::size_t> starts;
    for (std::size_t c = 0; c < width; ++c)
        if (inked(c) && (starts.empty() ? true : (!inked(c - 1) && c >= 2 && !inked(c - 2)))) starts.push_back(c);
    CHECK(starts.size() == label_count(table.front()));

    for (std::size_t k = 0; k < starts.size(); ++k) {
        const std::size_t begin = starts[k];
        const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : width;  // exclusive, gutter included
        std::size_t right = begin;                                               // the column's right edge
        for (const auto& row : rows)
            for (std::size_t c = begin; c < std::min(end, row.size()); ++c)
                if (row[c]) right = std::max(right, c);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const auto& row = rows[r];
            std::size_t first = end;
            std::size_t last = begin;
            for (std::size_t c = begin; c < std::min(end, row.size()); ++c)
                if (row[c]) {
                    first = std::min(first, c);
                    last = c;
                }
            if (first == end) continue;  // an empty cell
            INFO("row " << r << ": \"" << table[r] << "\", column " << k << " (cells " << begin << "–" << right
                        << "), ink from cell " << first << " to " << last);
            CHECK((first == begin || last == right));
        }
    }
}

// Checks a block of `label  value` lines: every value starts at the same cell.
void check_fields(const std::vector<std::string>& block) {
    std::string shown;
    for (const std::string& line : block) shown += line + "\n";
    INFO("block:\n" << shown);
    std::vector<std::size_t> value_starts;
    for (const std::string& line : block) {
        const std::vector<bool> ink = ink_of(line);
        std::size_t c = 0;
        while (c < ink.size() && !ink[c]) ++c;                                                      // indent
        while (c + 1 < ink.size() && (ink[c] || ink[c + 1])) ++c;                                   // the label
        while (c < ink.size() && !ink[c]) ++c;                                                      // padding
        value_starts.push_back(c);
    }
    for (std::size_t i = 1; i < value_starts.size(); ++i) {
        INFO("line " << i << ": " << block[i]);
        CHECK(value_starts[i] == value_starts[0]);
    }
}

// Every table of a text, found by its header line.
std::size_t check_tables(const std::string& text, const std::regex& header) {
    const auto lines = lines_of(text);
    std::size_t found = 0;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (std::regex_search(lines[i], header)) {
            check_table(table_at(lines, i));
            ++found;
        }
    return found;
}

plancheck::plan shipped_plan() {
    auto p = plancheck::load_shipped_plan(plancheck::default_plan_id);
    REQUIRE(p);
    return std::move(*p);
}

std::string text_report(const plancheck::plan& p, const plancheck::check_request& request, plancheck::language lang) {
    const plancheck::check_outcome outcome = plancheck::run_check(p, request);
    REQUIRE_FALSE(outcome.input_failed);
    const plancheck::report_context ctx{
        .p = p, .ev = *outcome.ev, .data = outcome.data, .findings = outcome.findings, .lang = lang};
    return plancheck::render_text(ctx);
}

}  // namespace

TEST_CASE("the text report's tables line up in a terminal", "[cjk][report]") {
    const plancheck::plan p = shipped_plan();
    plancheck::check_request request;
    request.inputs = {example_2020};
    for (const auto lang : {plancheck::language::zh, plancheck::language::en}) {
        const std::string report = text_report(p, request, lang);
        INFO("--lang " << (lang == plancheck::language::zh ? "zh" : "en"));
        // A table per section of the plan: 第二章 …, 第三章 …
        CHECK(check_tables(report, std::regex("^  (状态|Status)  ")) >= 5);
    }
}

TEST_CASE("the report of a trajectory, with its Year column, lines up", "[cjk][report]") {
    const plancheck::plan p = shipped_plan();
    plancheck::check_request request;
    for (const char* year : {"2016", "2018", "2020"})
        request.inputs.push_back(std::string(PLANCHECK_SOURCE_DIR) + "/examples/nmg-" + year + "-illustrative.csv");
    request.evaluation.every_year = true;
    const std::string report = text_report(p, request, plancheck::language::zh);
    CHECK(check_tables(report, std::regex("^  状态  .*年份")) >= 5);
}

TEST_CASE("the league and city tables, with Chinese region names, line up", "[cjk][report]") {
    const plancheck::plan shipped = shipped_plan();
    auto regional = plancheck::with_regional_targets(
        shipped,
        plancheck::csv::from_string("region,indicator,kind,value,unit,base_year,target_year,comparison,binding,note\n"
                                    "包头市,energy.intensity_gdp,change_vs_base,-15,%,2015,2020,<=,true,annex-1\n"
                                    "包头市,emissions.cod,change_vs_base,-5.5,%,2015,2020,<=,false,annex-2\n"
                                    "呼和浩特市,emissions.cod,change_vs_base,-6,%,2015,2020,<=,false,annex-2\n"),
        "regional.csv");
    REQUIRE(regional);
    plancheck_test::temp_dir dir;
    plancheck::check_request request;
    request.inputs = {dir.write("leagues.csv", "region,indicator,year,value,unit\n"
                                               "包头市,单位GDP能耗,2015,1.9,吨标准煤/万元\n"
                                               "包头市,单位GDP能耗,2020,1.62,吨标准煤/万元\n"
                                               "包头市,化学需氧量排放量,2015,4.1,万吨\n"
                                               "包头市,化学需氧量排放量,2020,3.85,万吨\n"
                                               "呼和浩特市,化学需氧量排放量,2015,3.2,万吨\n"
                                               "呼和浩特市,化学需氧量排放量,2020,3.1,万吨\n")};
    for (const auto lang : {plancheck::language::zh, plancheck::language::en}) {
        INFO("--lang " << (lang == plancheck::language::zh ? "zh" : "en"));
        const std::string report = text_report(regional->with_regions, request, lang);
        CHECK(check_tables(report, std::regex("^  (状态|Status)  ")) >= 2);
        CHECK(check_tables(report, std::regex("^  (地区|Region)  ")) == 1);  // the region × target grid
    }
}

TEST_CASE("plancheck rules: the targets and the not-evaluable tables line up", "[cjk][cli]") {
    for (const char* lang : {"zh", "en"}) {
        INFO("--lang " << lang);
        const auto r = run_cli({"--lang", lang, "rules"});
        REQUIRE(r.exit_code == 0);
        CHECK(check_tables(r.out, std::regex("^(编号|ID) +(指标|INDICATOR) +")) == 1);
        CHECK(check_tables(r.out, std::regex("^(编号|ID) +(章节|SECTION) +")) == 1);
    }
}

TEST_CASE("plancheck rules ID, plans: labels and values line up", "[cjk][cli]") {
    for (const char* lang : {"zh", "en"}) {
        INFO("--lang " << lang);
        const auto target = run_cli({"--lang", lang, "rules", "energy-total-cap"});
        REQUIRE(target.exit_code == 0);
        const auto lines = lines_of(target.out);
        check_fields(table_at(lines, 1));  // the lines after the title

        const auto plans = run_cli({"--lang", lang, "plans"});
        REQUIRE(plans.exit_code == 0);
        const auto plan_lines = lines_of(plans.out);
        std::size_t blocks = 0;
        for (std::size_t i = 0; i + 1 < plan_lines.size(); ++i)
            if (!plan_lines[i].empty() && plan_lines[i][0] != ' ') {  // a plan's id starts its block
                check_fields(table_at(plan_lines, i + 1));
                ++blocks;
            }
        CHECK(blocks >= 2);
    }
}

TEST_CASE("plancheck units: the = of every spelling lines up within a kind", "[cjk][cli]") {
    for (const char* lang : {"zh", "en"}) {
        INFO("--lang " << lang);
        const auto r = run_cli({"--lang", lang, "units"});
        REQUIRE(r.exit_code == 0);
        std::size_t kinds = 0;
        std::optional<std::size_t> column;
        for (const std::string& line : lines_of(r.out)) {
            if (line.empty() || line[0] != ' ') {  // a kind's heading, or the end of one
                column.reset();
                kinds += line.empty() ? 0 : 1;
                continue;
            }
            const auto at = line.find(" = ");
            if (at == std::string::npos) continue;  // "any coal / currency unit, e.g.:"
            const std::size_t cells = ink_of(line.substr(0, at)).size();
            if (!column) column = cells;
            INFO(line);
            CHECK(cells == *column);
        }
        CHECK(kinds >= 10);
    }
}
