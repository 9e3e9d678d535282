// The 13th plan's rule file against the project's checklist (tests/data/checklist-13fyp.tsv:
// row, id, status): every row 1–85 is encoded exactly once, as a rule or as a not-evaluable
// entry with its reason, and nothing in the rule file is outside the checklist.

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "plancheck/rule_loader.hpp"

namespace {

struct checklist_row {
    int row = 0;
    std::string id;
    std::string status;  // "rule" or "not_evaluable"
};

std::vector<checklist_row> read_checklist() {
    std::ifstream in(std::string(PLANCHECK_TEST_DATA) + "/checklist-13fyp.tsv");
    REQUIRE(in);
    std::vector<checklist_row> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::istringstream fields(line);
        checklist_row r;
        std::string row_text;
        REQUIRE(std::getline(fields, row_text, '\t'));
        REQUIRE(std::getline(fields, r.id, '\t'));
        REQUIRE(std::getline(fields, r.status, '\t'));
        r.row = std::stoi(row_text);
        rows.push_back(std::move(r));
    }
    return rows;
}

const plancheck::plan& plan_13() {
    static const plancheck::plan p = [] {
        auto loaded = plancheck::load_shipped_plan("nmg-13fyp-energy");
        REQUIRE(loaded.has_value());
        return std::move(loaded).value();
    }();
    return p;
}

bool contains(const std::vector<int>& rows, int row) {
    return std::find(rows.begin(), rows.end(), row) != rows.end();
}

}  // namespace

TEST_CASE("Every checklist row 1..85 is named exactly once", "[checklist]") {
    const auto rows = read_checklist();
    std::map<int, int> seen;
    for (const checklist_row& r : rows) {
        CHECK(r.row >= 1);
        CHECK(r.row <= 85);
        ++seen[r.row];
    }
    for (int row = 1; row <= 85; ++row) {
        INFO("row " << row);
        CHECK(seen[row] == 1);
    }
    CHECK(rows.size() == 85);
}

TEST_CASE("Each checklist row's id exists with its status, and its entry names the row", "[checklist]") {
    const plancheck::plan& p = plan_13();
    for (const checklist_row& r : read_checklist()) {
        INFO("row " << r.row << ": " << r.id << " (" << r.status << ")");
        if (r.status == "rule") {
            const plancheck::target* t = p.find_target(r.id);
            REQUIRE(t != nullptr);
            CHECK(contains(t->checklist, r.row));
        } else {
            REQUIRE(r.status == "not_evaluable");
            const plancheck::unevaluable_target* u = nullptr;
            for (const auto& entry : p.unevaluable)
                if (entry.id == r.id) u = &entry;
            REQUIRE(u != nullptr);
            CHECK(contains(u->checklist, r.row));
            CHECK_FALSE(u->reason.zh.empty());
            CHECK_FALSE(u->reason.en.empty());
        }
    }
}

TEST_CASE("Every target and not-evaluable entry of the plan is named by a checklist row", "[checklist]") {
    const plancheck::plan& p = plan_13();
    std::set<std::string> named;
    for (const checklist_row& r : read_checklist()) named.insert(r.id);
    for (const plancheck::target& t : p.targets) {
        INFO("target " << t.id);
        CHECK(named.count(t.id) == 1);
    }
    for (const plancheck::unevaluable_target& u : p.unevaluable) {
        INFO("not evaluable " << u.id);
        CHECK(named.count(u.id) == 1);
    }
}

TEST_CASE("The 13th plan has at least 75 evaluable targets, each with its source and section", "[checklist]") {
    const plancheck::plan& p = plan_13();
    CHECK(p.targets.size() >= 75);
    for (const plancheck::target& t : p.targets) {
        INFO("target " << t.id);
        CHECK_FALSE(t.source.empty());
        CHECK_FALSE(t.section.empty());
    }
    for (const plancheck::unevaluable_target& u : p.unevaluable) {
        INFO("not evaluable " << u.id);
        CHECK_FALSE(u.source.empty());
        CHECK_FALSE(u.section.empty());
    }
}
