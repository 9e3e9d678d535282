// plancheck merge REPORT.json...: combine the JSON reports of separate runs (shards) into the
// report one run over all their inputs gives. The merging is the library's (plancheck/merge.hpp):
// it judges the reports' values again, trusting none of their verdicts.

#include <fmt/format.h>

#include <memory>

#include "cli/app.hpp"
#include "cli/plan_options.hpp"
#include "plancheck/merge.hpp"
#include "plancheck/regional.hpp"

namespace plancheck::cli {

namespace {

struct merge_options {
    std::vector<std::string> reports;
    std::string output;
    std::string format = "text";
    std::vector<std::string> rule_files;
    std::string regional_targets;
    bool only_failed = false;
};

int run_merge_command(const context& ctx, const merge_options& raw) {
    const auto format = parse_report_format(raw.format);
    if (!format) return usage_error(ctx, fmt::format("--format {} is not available", raw.format), fmt::format("--format {} 不可用", raw.format));
    std::vector<report_text> texts;
    for (const std::string& path : raw.reports) {
        auto text = read_report_file(path);
        if (!text) {
            print_diagnostic(ctx, text.error());
            return exit_bad_input;
        }
        texts.push_back(std::move(*text));
    }
    if (texts.empty()) return usage_error(ctx, "no reports to merge", "没有要合并的报告");

    // The plan the reports name: shipped, or the rule file given with --targets; the regional
    // table must be given again, since a report names it but does not carry it.
    auto named = plan_of_report(texts.front());
    if (!named) {
        print_diagnostic(ctx, named.error());
        return exit_bad_input;
    }
    plan_selection selection{named->id, raw.rule_files};
    auto catalog = open_catalog(ctx, selection);
    if (!catalog) return exit_bad_input;
    const plan* p = choose_plan(ctx, *catalog, selection);
    if (p == nullptr) return exit_bad_input;
    std::optional<plan> with_regions;
    if (!named->regional_targets.empty() && raw.regional_targets.empty())
        return usage_error(ctx,
                           fmt::format("{} was made with --regional-targets {}: give the same table to merge with --regional-targets",
                                       texts.front().name, named->regional_targets),
                           fmt::format("{} 生成时使用了 --regional-targets {}：请用 --regional-targets 给出同一张表",
                                       texts.front().name, named->regional_targets));
    if (!raw.regional_targets.empty()) {
        auto loaded = with_regional_targets(*p, raw.regional_targets);
        if (!loaded) {
            print_diagnostic(ctx, loaded.error());
            return exit_bad_input;
        }
        with_regions = std::move(loaded->with_regions);
        p = &*with_regions;
    }

    auto merged = merge_reports(texts, *p);
    if (!merged) {
        print_diagnostic(ctx, merged.error());
        return exit_bad_input;
    }
    const check_outcome& outcome = merged->outcome;
    for (const error& e : outcome.findings)
        if (e.level != severity::note) print_diagnostic(ctx, e);
    if (outcome.input_failed) {
        // As one run over the same files: an input error means nothing is evaluated.
        print_diagnostic(ctx, make_error(error_code::input_failed, "nothing was evaluated: fix the errors above",
                                         "未进行评价：请先修正以上错误"));
        return exit_bad_input;
    }

    // The exit code is the one a single run would give: compliance against the runs'
    // --fail-under, coverage against their --min-coverage; nothing evaluated never passes.
    const evaluation& ev = *outcome.ev;
    const auto compliance = ev.summary.all.compliance();
    const bool pass = compliance ? compliance->value() + 1e-9 >= merged->fail_under : merged->fail_under <= 0;
    const bool covered = coverage_gate(ctx, ev.summary.all, merged->min_coverage);
    const int code = pass && covered ? exit_ok : exit_targets_missed;

    std::string rendered;
    if (*format == report_format::json && !raw.only_failed) {
        rendered = merged->document;
    } else {
        const report_context report{*p,       ev,
                                    outcome.data, outcome.findings,
                                    outcome.findings_left_out, ctx.lang,
                                    ctx.color_stdout && raw.output.empty() && *format == report_format::text,
                                    raw.only_failed, false,
                                    merged->run};
        rendered = render(*format, report);
    }
    if (!raw.output.empty()) {
        if (!write_output_file(ctx, raw.output, rendered)) return exit_bad_input;
    } else if (!ctx.quiet) {
        write_stdout(rendered, code);
    }
    return code;
}

}  // namespace

command add_merge_command(CLI::App& root) {
    auto raw = std::make_shared<merge_options>();
    CLI::App* app = root.add_subcommand(
        "merge", "Combine the JSON reports of separate runs (shards) into one report, as one run over all inputs\n"
                 "合并分别运行（分片）得到的 JSON 报告，结果与一次运行全部输入相同");
    app->add_option("reports", raw->reports,
                    "JSON reports of `plancheck check --format json` (or --per-file bundles); - for stdin; each at most 64 MiB")
        ->type_name("REPORT.json...")
        ->required();
    app->add_option("--format", raw->format,
                    "Output format, as for check: text, json (plancheck-report/1, byte for byte what one run gives), csv, "
                    "markdown, junit, github or html")
        ->check(CLI::IsMember({"text", "json", "csv", "markdown", "junit", "github", "html"}));
    app->add_option("-o,--output", raw->output, "Write the merged report to FILE (complete or not at all) instead of stdout")
        ->type_name("FILE");
    app->add_option("--targets", raw->rule_files,
                    "The rule file the reports were made with, when it is not a shipped plan (its SHA-256 must match)")
        ->type_name("FILE");
    app->add_option("--regional-targets", raw->regional_targets,
                    "The regional targets table the reports were made with (required when they used one)")
        ->type_name("FILE");
    app->add_flag("--only-failed", raw->only_failed,
                  "List only failures (not met, behind); targets without data are not failures: the coverage counts them");
    return {app, [raw](const context& ctx) { return run_merge_command(ctx, *raw); }};
}

}  // namespace plancheck::cli
