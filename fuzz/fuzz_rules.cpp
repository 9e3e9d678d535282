// Fuzzes the rule-file loader (load_plan) on arbitrary text, in both modes: stop at the first
// error (check) and collect every error (lint). A plan that loads is audited too, as
// `plancheck lint` does.
//
// Properties: both modes agree on whether the file loads and on the first error; in collect-all
// mode a failure has at least one error; every error names the file and has a message in both
// languages.

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "plancheck/audit.hpp"
#include "plancheck/rule_loader.hpp"

namespace {

void check_error(const plancheck::error& e) {
    PLANCHECK_FUZZ_CHECK(e.where.file == "fuzz.toml");
    PLANCHECK_FUZZ_CHECK(!e.message.en.empty() && !e.message.zh.empty());
    (void)e.format(plancheck::language::en);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    auto first = plancheck::load_plan(text, "fuzz.toml");
    plancheck::diagnostics all;
    auto collected = plancheck::load_plan(text, "fuzz.toml", &all);

    PLANCHECK_FUZZ_CHECK(first.has_value() == collected.has_value());
    if (!first) {
        check_error(first.error());
        PLANCHECK_FUZZ_CHECK(!all.empty());
        PLANCHECK_FUZZ_CHECK(all.front().code == first.error().code);
        PLANCHECK_FUZZ_CHECK(all.front().where.line == first.error().where.line &&
                             all.front().where.column == first.error().where.column);
        for (const auto& e : all) check_error(e);
        return 0;
    }
    PLANCHECK_FUZZ_CHECK(all.empty());
    PLANCHECK_FUZZ_CHECK(!first->targets.empty());
    for (const auto& e : plancheck::audit_plan(*first)) (void)e.format(plancheck::language::zh);
    return 0;
}
