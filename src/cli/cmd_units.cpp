// plancheck units: every kind of quantity, its canonical unit and every accepted spelling.

#include <fmt/format.h>

#include "cli/app.hpp"
#include "plancheck/text.hpp"
#include "plancheck/unit.hpp"

namespace plancheck::cli {

namespace {

std::string render_units(language lang) {
    const bool zh = lang == language::zh;
    std::string out;
    for (std::size_t k = 0; k < units::quantity_kind_count; ++k) {
        const auto kind = static_cast<quantity_kind>(k);
        const std::string_view canonical = canonical_spelling(kind, lang);
        out += fmt::format("{} ({}) — {} {}\n", kind_name(kind).in(lang), kind_id(kind),
                           zh ? "基准单位" : "canonical unit", canonical);
        for (const unit_spelling& s : unit_spellings()) {
            if (s.kind != kind) continue;
            out += fmt::format("  {} = {} {}\n", text::pad_right(s.spelling, 20), format_number(s.to_canonical), canonical);
        }
        for (const quotient_rule& q : quotient_rules()) {
            if (q.result != kind) continue;
            out += fmt::format("  {} {} / {}{}\n", zh ? "任一" : "any", kind_name(q.numerator).in(lang),
                               kind_name(q.denominator).in(lang), zh ? " 单位之商，例如：" : " unit, e.g.:");
            for (const std::string_view example : quotient_examples(kind)) {
                const auto parsed = parse_unit(example);
                out += fmt::format("  {} = {} {}\n", text::pad_right(example, 20),
                                   parsed ? format_number(parsed->quantity(1.0).canonical_value()) : "?", canonical);
            }
        }
        out += '\n';
    }
    out += zh ? "标准煤与能量之间只能显式换算：convert --calorific（1 吨标准煤 = 29.3076 吉焦，GB/T 2589）。\n"
              : "Coal equivalent and energy convert only explicitly: convert --calorific (1 tce = 29.3076 GJ, "
                "GB/T 2589).\n";
    return out;
}

}  // namespace

command add_units_command(CLI::App& root) {
    CLI::App* app = root.add_subcommand(
        "units", "List every kind of quantity, its canonical unit and every accepted unit spelling\n"
                 "列出所有量的种类、基准单位及可用的单位写法");
    return {app, [](const context& ctx) {
                if (!ctx.quiet) write_stdout(render_units(ctx.lang));
                return exit_ok;
            }};
}

}  // namespace plancheck::cli
