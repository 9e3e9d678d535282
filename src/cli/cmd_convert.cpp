// plancheck convert VALUE UNIT --to UNIT: one conversion, with the kinds kept apart.

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <memory>

#include "cli/app.hpp"
#include "plancheck/number.hpp"
#include "plancheck/unit.hpp"

namespace plancheck::cli {

namespace {

struct convert_options {
    std::string value;
    std::string from;
    std::string to;
    bool calorific = false;
};

int run_convert(const context& ctx, const convert_options& raw) {
    const auto number = parse_decimal(raw.value);
    if (!number) {
        print_diagnostic(ctx, number.error());
        return exit_bad_input;
    }
    if (number->percent_sign)
        return usage_error(ctx, fmt::format("write the value without %: {} {}", format_number(number->value), "%"),
                           fmt::format("值中不要带 %，请写作：{} %", format_number(number->value)));
    const auto from = parse_unit(raw.from);
    if (!from) {
        print_diagnostic(ctx, from.error());
        return exit_bad_input;
    }
    const auto to = parse_unit(raw.to);
    if (!to) {
        print_diagnostic(ctx, to.error());
        return exit_bad_input;
    }

    any_quantity q = from->quantity(number->value);
    if (from->kind() != to->kind()) {
        const bool coal_energy = (from->kind() == quantity_kind::coal && to->kind() == quantity_kind::energy) ||
                                 (from->kind() == quantity_kind::energy && to->kind() == quantity_kind::coal);
        if (!(coal_energy && raw.calorific)) {
            auto err = dimension_mismatch(raw.value, *from, *to);
            if (coal_energy) {
                err.message.en += "; add --calorific to use 1 tce = 29.3076 GJ (GB/T 2589)";
                err.message.zh += "；如需按 1 吨标准煤 = 29.3076 吉焦（GB/T 2589）换算，请加 --calorific";
            }
            print_diagnostic(ctx, err);
            return exit_bad_input;
        }
        if (const auto* coal = q.get_if<quantity_kind::coal>())
            q = energy_of_coal(*coal);
        else
            q = coal_of_energy(*q.get_if<quantity_kind::energy>());
    } else if (raw.calorific) {
        return usage_error(ctx, "--calorific applies only between coal equivalent and energy",
                           "--calorific 仅用于标准煤与能量之间的换算");
    }
    // 1e305 万吨 is 1e309 t: beyond a double, so no number would be true; say so instead.
    const double shown = to->value_of(q);
    if (!std::isfinite(q.canonical_value()) || !std::isfinite(shown)) {
        print_diagnostic(ctx, make_error(error_code::number_range,
                                         fmt::format("{} {} in {} is not a finite number (beyond ±{})", raw.value,
                                                     from->spelling(), to->spelling(),
                                                     format_number(std::numeric_limits<double>::max(), 3)),
                                         fmt::format("{} {} 换算为 {} 不是有限数（超出 ±{}）", raw.value, from->spelling(),
                                                     to->spelling(), format_number(std::numeric_limits<double>::max(), 3))));
        return exit_bad_input;
    }
    if (!ctx.quiet) write_stdout(fmt::format("{} {}\n", format_number(shown), to->spelling()));
    return exit_ok;
}

}  // namespace

command add_convert_command(CLI::App& root) {
    auto raw = std::make_shared<convert_options>();
    CLI::App* app = root.add_subcommand(
        "convert", "Convert a value between units of the same kind, e.g. `convert 2.25 亿吨标准煤 --to 万吨标准煤`\n"
                   "在同类单位之间换算数值");
    app->add_option("value", raw->value, "The number")->required();
    app->add_option("unit", raw->from, "Its unit (see `plancheck units`)")->required();
    app->add_option("--to", raw->to, "The unit to convert to")->required();
    app->add_flag("--calorific", raw->calorific,
                  "Allow coal equivalent <-> energy with 1 tce = 29.3076 GJ (GB/T 2589); never implicit");
    return {app, [raw](const context& ctx) { return run_convert(ctx, *raw); }};
}

}  // namespace plancheck::cli
