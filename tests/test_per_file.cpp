// combine_file_reports: the reports of `check --per-file` in one output, per format.

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "catch.hpp"
#include "plancheck/report.hpp"

using plancheck::combine_file_reports;
using plancheck::file_report;
using plancheck::report_format;

namespace {

file_report failed_file(std::string name) {
    file_report f;
    f.file = std::move(name);
    f.evaluated = false;
    f.input_errors.push_back(plancheck::make_error(plancheck::error_code::csv_quote, "stray quote", "多余的引号",
                                                   {"b.csv", 3, 7}));
    return f;
}

}  // namespace

TEST_CASE("CSV reports become one table with a file column, records spanning lines kept whole", "[per-file]") {
    const std::vector<file_report> each{
        {"a.csv", true, "target,status\nt1,met\n", {}},
        failed_file("b.csv"),
        {"c,d.csv", true, "target,status\n\"t2\nsecond line\",missed\n", {}},
    };
    CHECK(combine_file_reports(report_format::csv, each) ==
          "file,target,status\n"
          "a.csv,t1,met\n"
          "\"c,d.csv\",\"t2\nsecond line\",missed\n");
}

TEST_CASE("JSON reports become a plancheck-reports/1 bundle naming each file not evaluated", "[per-file]") {
    const std::vector<file_report> each{{"a.csv", true, R"({"schema": "plancheck-report/1"})", {}},
                                        failed_file("b.csv")};
    const auto bundle = nlohmann::json::parse(combine_file_reports(report_format::json, each));
    CHECK(bundle.at("schema") == "plancheck-reports/1");
    REQUIRE(bundle.at("reports").size() == 1);
    CHECK(bundle.at("reports")[0].at("schema") == "plancheck-report/1");
    REQUIRE(bundle.at("failed").size() == 1);
    CHECK(bundle.at("failed")[0].at("file") == "b.csv");
    const auto& finding = bundle.at("failed")[0].at("findings")[0];
    CHECK(finding.at("code") == "E-CSV-QUOTE");
    CHECK(finding.at("severity") == "error");
    CHECK(finding.at("message").at("zh") == "多余的引号");
    CHECK(finding.at("origin") == "b.csv:3:7");
}

TEST_CASE("text and Markdown reports follow their file's name; GitHub commands follow each other", "[per-file]") {
    const std::vector<file_report> each{{"a.csv", true, "report A\n", {}}, failed_file("b.csv")};
    CHECK(combine_file_reports(report_format::text, each) ==
          "==> a.csv <==\nreport A\n\n==> b.csv <==\nnothing evaluated: input errors (see stderr)\n");
    CHECK(combine_file_reports(report_format::markdown, each) ==
          "**a.csv**\n\nreport A\n\n---\n\n**b.csv**\n\nNothing evaluated: input errors (see stderr).\n");
    file_report b = failed_file("b.csv");
    b.report = "::error file=b.csv,line=3,col=7::stray quote\n";
    CHECK(combine_file_reports(report_format::github, {{"a.csv", true, "::notice::A\n", {}}, b}) ==
          "::notice::A\n::error file=b.csv,line=3,col=7::stray quote\n");
}
