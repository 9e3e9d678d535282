// plancheck template: the blank statistics file a submitter fills in (or, with --regional, the
// blank regional targets table). The rows come from the library (plancheck/template.hpp).

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "cli/app.hpp"
#include "cli/plan_options.hpp"
#include "plancheck/regional.hpp"
#include "plancheck/template.hpp"

namespace plancheck::cli {

namespace {

struct template_options {
    plan_selection plan;
    std::optional<int> year;
    std::string region;
    std::string output;
    bool regional = false;
    std::string regional_targets;
    bool no_bom = false;
};

// Excel on a Chinese Windows reads a CSV without a byte-order mark as GBK.
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

int run_template_command(const context& ctx, const template_options& raw) {
    if (raw.regional && (!raw.region.empty() || !raw.regional_targets.empty()))
        return usage_error(ctx, "--regional writes the table of every league and city: it takes neither --region nor --regional-targets",
                           "--regional 生成包含全部盟市的目标表：不能与 --region 或 --regional-targets 同用");
    const bool workbook = names_workbook(raw.output);
    if (raw.regional && workbook)
        return usage_error(ctx, "the regional targets table is written as CSV only (it is read as CSV): give -o a .csv name",
                           "地区目标表只能写成 CSV（读取时也按 CSV）：请给 -o 一个 .csv 文件名");
    if (!raw.regional && !raw.year)
        return usage_error(ctx, "--year is required: the year the statistics file will report (e.g. --year 2020)",
                           "需要 --year：统计文件所报告的年份（如 --year 2020）");

    auto catalog = open_catalog(ctx, raw.plan);
    if (!catalog) return exit_bad_input;
    const plan* p = choose_plan(ctx, *catalog, raw.plan);
    if (p == nullptr) return exit_bad_input;

    std::string content;
    if (raw.regional) {
        if (p->annexes.empty())
            return usage_error(ctx, fmt::format("plan {} sets no targets per league or city (it has no annex)", p->info.id),
                               fmt::format("规划 {} 没有各盟市目标（无附件）", p->info.id));
        const int base = p->info.base_year;
        const int target_year = raw.year.value_or(p->info.target_year);
        if (target_year <= base)
            return usage_error(ctx, fmt::format("--year {} is not after the plan's base year {}", target_year, base),
                               fmt::format("--year {} 不晚于规划基年 {}", target_year, base));
        content = regional_targets_template(*p, base, target_year);
    } else {
        std::optional<plan> with_regions;
        if (!raw.regional_targets.empty()) {
            auto loaded = with_regional_targets(*p, raw.regional_targets);
            if (!loaded) {
                print_diagnostic(ctx, loaded.error());
                return exit_bad_input;
            }
            with_regions = std::move(loaded->with_regions);
            p = &*with_regions;
        }
        const std::string region = raw.region.empty() ? p->info.region.zh : p->canonical_region(raw.region);
        const bool any = std::any_of(p->targets.begin(), p->targets.end(), [&](const target& t) { return t.region == region; });
        if (!any)
            return usage_error(
                ctx,
                fmt::format("no target of plan {} is about region \"{}\"{}", p->info.id, region,
                            raw.regional_targets.empty() ? " (a league's or city's targets come from --regional-targets FILE)" : ""),
                fmt::format("规划 {} 没有关于“{}”的目标{}", p->info.id, region,
                            raw.regional_targets.empty() ? "（盟市的目标来自 --regional-targets FILE）" : ""));
        if (values_needed(*p, *raw.year, region).empty())
            return usage_error(ctx,
                               fmt::format("no target of plan {} for {} can be judged in {} (its years are {}–{})",
                                           p->info.id, region, *raw.year, p->info.base_year + 1, p->info.target_year),
                               fmt::format("规划 {} 中{}的目标在 {} 年均无法评价（规划年份为 {}–{}）", p->info.id, region,
                                           *raw.year, p->info.base_year + 1, p->info.target_year));
        if (workbook) {
            auto book = statistics_template_xlsx(*p, *raw.year, region, ctx.lang);
            if (!book) {
                print_diagnostic(ctx, book.error());
                return exit_bad_input;
            }
            return write_output_file(ctx, raw.output, *book) ? exit_ok : exit_bad_input;
        }
        content = statistics_template(*p, *raw.year, region, ctx.lang);
    }
    if (!raw.no_bom) content.insert(0, utf8_bom);

    if (!raw.output.empty()) return write_output_file(ctx, raw.output, content) ? exit_ok : exit_bad_input;
    if (!ctx.quiet) write_stdout(content);
    return exit_ok;
}

}  // namespace

command add_template_command(CLI::App& root) {
    auto raw = std::make_shared<template_options>();
    CLI::App* app = root.add_subcommand(
        "template", "Write a blank statistics file (CSV, or an Excel workbook for -o FILE.xlsx) with a row for every value "
                    "the plan's targets need\n"
                    "生成空白统计数据文件（CSV；-o FILE.xlsx 时为 Excel 工作簿）：规划目标所需的每个数值一行");
    add_plan_options(app, raw->plan);
    app->add_option("--year", raw->year,
                    "The year the file will report (required, except with --regional: the target year, default the plan's)")
        ->check(CLI::Range(1900, 2199));
    app->add_option("--region", raw->region, "Rows for this region (default the plan's region; a league or city needs --regional-targets)");
    app->add_option("--regional-targets", raw->regional_targets,
                    "Targets of each league and city from a table (CSV), so that --region can name one")
        ->type_name("FILE");
    app->add_flag("--regional", raw->regional,
                  "Write the blank regional targets table (one row per league/city and annex target) instead");
    app->add_option("-o,--output", raw->output,
                    "Write to FILE (complete or not at all) instead of stdout; FILE.xlsx is an Excel workbook with the "
                    "plan's sentences as cell comments")
        ->type_name("FILE");
    app->add_flag("--no-bom", raw->no_bom,
                  "No UTF-8 byte-order mark at the start of the CSV (it is there so that Excel on a Chinese Windows "
                  "reads UTF-8; leave it out for scripts)");
    return {app, [raw](const context& ctx) { return run_template_command(ctx, *raw); }};
}

}  // namespace plancheck::cli
