// plancheck merge REPORT.json...: combine the JSON reports of separate runs (shards) into the
// report one run would give. The merging is the library's (plancheck/merge.hpp).

#include <fmt/format.h>

#include <memory>

#include "cli/app.hpp"
#include "cli/plan_options.hpp"
#include "plancheck/merge.hpp"

namespace plancheck::cli {

namespace {

struct merge_options {
    std::vector<std::string> reports;
    std::string output;
    std::string format = "text";
};

int run_merge_command(const context& ctx, const merge_options& raw) {
    std::vector<report_text> texts;
    for (const std::string& path : raw.reports) {
        auto text = read_report_file(path == "-" ? "/dev/stdin" : path);
        if (!text) {
            print_diagnostic(ctx, text.error());
            return exit_bad_input;
        }
        if (path == "-") text->name = "<stdin>";
        texts.push_back(std::move(*text));
    }
    auto merged = merge_reports(texts);
    if (!merged) {
        print_diagnostic(ctx, merged.error());
        return exit_bad_input;
    }

    // The exit code is the one a single run would give: compliance against the runs' --fail-under
    // (100 when the reports carry none); nothing evaluated never passes.
    const double fail_under = merged->fail_under ? merged->fail_under->value() : 100.0;
    const auto compliance = merged->summary.all.compliance();
    const bool pass = compliance ? compliance->value() + 1e-9 >= fail_under : fail_under <= 0;
    const int code = pass ? exit_ok : exit_targets_missed;

    const std::string rendered = raw.format == "json" ? merged->document : render_merged_text(*merged, ctx.lang);
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
                    "JSON reports of `plancheck check --format json` (or --per-file bundles); - for stdin")
        ->type_name("REPORT.json...")
        ->required();
    app->add_option("--format", raw->format, "Output: text (a compact listing and the compliance line) or json (plancheck-report/1)")
        ->check(CLI::IsMember({"text", "json"}));
    app->add_option("-o,--output", raw->output, "Write the merged report to FILE (complete or not at all) instead of stdout")
        ->type_name("FILE");
    return {app, [raw](const context& ctx) { return run_merge_command(ctx, *raw); }};
}

}  // namespace plancheck::cli
