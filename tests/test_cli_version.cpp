// `plancheck --version`: the version and every shipped plan with the SHA-256 of its rule file,
// the same hash `plancheck plans` and the JSON report's audit trail give; and `plans --ids`.

#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/sha256.hpp"

namespace {

using plancheck_test::run_cli;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE("--version prints the version and the shipped plans with their rule-file hashes", "[cli][version]") {
    const auto r = run_cli({"--version"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const std::vector<std::string> lines = lines_of(r.out);
    const std::vector<std::string> ids = plancheck::shipped_plan_ids();
    REQUIRE(lines.size() == 2 + ids.size());
    CHECK(std::regex_match(lines[0], std::regex(R"(plancheck [0-9]+\.[0-9]+\.[0-9]+)")));
    CHECK(lines[1] == "shipped plans (rule file SHA-256):");

    // One line per plan, in the library's order, ids padded to one width.
    const std::regex plan_line(R"(  ([a-z0-9-]+) +([0-9a-f]{64}))");
    std::size_t hash_column = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        INFO(lines[2 + i]);
        std::smatch m;
        REQUIRE(std::regex_match(lines[2 + i], m, plan_line));
        CHECK(m[1].str() == ids[i]);
        CHECK(m[2].str() == plancheck::sha256_hex(plancheck::shipped_plan_text(ids[i])));
        if (i == 0) hash_column = static_cast<std::size_t>(m.position(2));
        CHECK(static_cast<std::size_t>(m.position(2)) == hash_column);
    }

    SECTION("the hashes are those `plans` reports for the shipped rule files") {
        const auto plans = run_cli({"plans", "--format", "json"});
        REQUIRE(plans.exit_code == 0);
        const auto doc = nlohmann::json::parse(plans.out);
        std::size_t shipped = 0;
        for (const auto& p : doc.at("plans")) {
            if (!p.at("shipped").get<bool>()) continue;
            ++shipped;
            const std::string line = "  " + p.at("id").get<std::string>();
            INFO(line);
            CHECK(r.out.find(p.at("rule_file_sha256").get<std::string>()) != std::string::npos);
        }
        CHECK(shipped == ids.size());
    }
    SECTION("the version is the same wherever --version is given") {
        CHECK(run_cli({"--lang", "zh", "--version"}).out == r.out);
    }
}

TEST_CASE("plans --ids prints one plan id a line, rule files' plans first", "[cli][plans]") {
    const auto shipped = run_cli({"plans", "--ids"});
    REQUIRE(shipped.exit_code == 0);
    CHECK(shipped.err.empty());
    std::string expected;
    for (const std::string& id : plancheck::shipped_plan_ids()) expected += id + "\n";
    CHECK(shipped.out == expected);

    SECTION("with --targets, the file's plan comes first") {
        plancheck_test::temp_dir dir;
        std::string text(plancheck::shipped_plan_text(plancheck::default_plan_id));
        text = std::regex_replace(text, std::regex(R"(\nid = "nmg-13fyp-energy")"), "\nid = \"my-plan\"");
        const std::string file = dir.write("my-plan.toml", text);
        const auto r = run_cli({"plans", "--targets", file, "--ids"});
        REQUIRE(r.exit_code == 0);
        CHECK(r.out == "my-plan\n" + expected);
    }
    SECTION("--ids and --format exclude each other") {
        const auto r = run_cli({"plans", "--ids", "--format", "json"});
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
    }
}
