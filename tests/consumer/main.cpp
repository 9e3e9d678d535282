// Built against an installed plancheck only (find_package, plancheck::plancheck): proves that the
// installed headers compile on their own, that the static library links with its dependencies
// as the package config declares them, and that the shipped plans work with no file around.
//
//     plancheck_consumer STATISTICS.csv    exit 0 when every check holds

#include <cmath>
#include <iostream>
#include <string>

#include <plancheck/check.hpp>
#include <plancheck/report.hpp>
#include <plancheck/rule_loader.hpp>
#include <plancheck/sha256.hpp>
#include <plancheck/unit.hpp>

namespace {

int failures = 0;

void expect(bool holds, const std::string& what) {
    std::cout << (holds ? "ok    " : "FAILED") << "  " << what << '\n';
    if (!holds) ++failures;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: plancheck_consumer STATISTICS.csv\n";
        return 2;
    }

    // The rule sets are compiled into the library: each loads, and its hash is its text's.
    const std::vector<std::string> ids = plancheck::shipped_plan_ids();
    expect(!ids.empty(), "the library ships plans");
    for (const std::string& id : ids) {
        const auto p = plancheck::load_shipped_plan(id);
        expect(p && p->sha256 == plancheck::sha256_hex(plancheck::shipped_plan_text(id)),
               "shipped plan " + id + " loads, SHA-256 " + (p ? p->sha256.substr(0, 12) : "?") + "…");
    }

    // The main job in one call, then two renderers.
    const auto plan = plancheck::load_shipped_plan(plancheck::default_plan_id);
    if (!plan) return 1;
    plancheck::check_request request;
    request.inputs = {argv[1]};
    const plancheck::check_outcome outcome = plancheck::run_check(*plan, request);
    expect(!outcome.input_failed && outcome.ev.has_value(), std::string("run_check reads ") + argv[1]);
    if (outcome.ev) {
        const plancheck::tally& all = outcome.ev->summary.all;
        expect(all.evaluated > 0, "evaluate judges " + std::to_string(all.met) + "/" + std::to_string(all.evaluated) +
                                      " targets met");
        const plancheck::report_context ctx{.p = *plan,
                                            .ev = *outcome.ev,
                                            .data = outcome.data,
                                            .findings = outcome.findings,
                                            .lang = plancheck::language::zh};
        const std::string text = plancheck::render_text(ctx);
        expect(text.find("达标率：") != std::string::npos, "render_text in Chinese ends with the compliance line");
        expect(plancheck::render_json(ctx).find("\"plancheck-report/1\"") != std::string::npos,
               "render_json writes schema plancheck-report/1");
    }

    // Units: factors from Boost.Units, kinds kept apart at run time.
    const auto yi = plancheck::parse_unit("亿吨标准煤");
    const auto wan = plancheck::parse_unit("万吨标准煤");
    const auto mass = plancheck::parse_unit("万吨");
    expect(yi && wan && mass, "parse_unit knows 亿吨标准煤, 万吨标准煤 and 万吨");
    if (yi && wan && mass) {
        const auto converted = plancheck::convert(2.25, *yi, *wan);
        expect(converted && std::abs(wan->value_of(*converted) - 22500.0) < 1e-6, "2.25 亿吨标准煤 = 22500 万吨标准煤");
        expect(!plancheck::convert(5.0, *mass, *wan), "5 万吨 (mass) does not convert to 万吨标准煤");
    }
    std::cout << (failures == 0 ? "consumer: all checks hold\n" : "consumer: some checks failed\n");
    return failures == 0 ? 0 : 1;
}
