// plancheck check [FILE...]: evaluate statistics files against a plan and report compliance.

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.hpp"
#include "cli/plan_options.hpp"
#include "plancheck/plan_choice.hpp"
#include "plancheck/check.hpp"
#include "plancheck/regional.hpp"
#include "plancheck/report.hpp"
#include "plancheck/text.hpp"

namespace plancheck::cli {

namespace {

// Options as CLI11 leaves them; `to_request` validates them into typed library options.
struct check_options {
    std::vector<std::string> files;
    plan_selection plan;
    std::optional<int> year;
    std::string format = "text";
    std::string output;
    double fail_under = 100.0;
    double min_coverage = 0.0;
    bool require_all = false;
    std::string path = "linear";
    double tolerance = 2.0;
    double yellow_band = 10.0;
    bool only_failed = false;
    bool all_years = false;
    std::size_t max_findings = 50;
    bool verbose = false;
    std::string encoding = "auto";
    std::string regional_targets;
    std::string region;
    bool strict = false;
    double max_yoy_change = 50.0;
    bool per_file = false;
    std::size_t jobs = 1;
    std::string explain;
    bool format_given = false;  // --format was on the command line (else -o FILE.xlsx picks xlsx)
};

// A finding that informs rather than warns.
error as_note(error e) {
    e.level = severity::note;
    return e;
}

std::string join_files(const std::vector<std::string>& files) {
    std::string out;
    for (const std::string& f : files) out += (out.empty() ? "" : " ") + f;
    return out;
}

// Data of another plan's years (2010–2015 checked against the 13th plan): the plan whose years
// hold every year of the data, with the option that chooses it. Only when nothing after this
// plan's base year was read, so no verdict of this plan is at stake.
std::optional<error> other_plan_hint(plan_catalog& catalog, const plan& p, const observation_set& data) {
    int first = 0;
    int last = 0;
    for (const input_summary& in : data.inputs())
        for (const auto& [year, count] : in.years) {
            if (first == 0 || year < first) first = year;
            last = std::max(last, year);
        }
    if (last == 0 || last > p.info.base_year) return std::nullopt;
    for (const std::string& id : catalog.ids()) {
        if (id == p.info.id) continue;
        auto other = catalog.choose(id);
        if (!other) continue;
        const plan_info& o = (*other)->info;
        if (o.base_year <= first && last <= o.target_year)
            return make_error(error_code::plan_suggested,
                              fmt::format("the data's years {}–{} are those of plan {} ({}, {}–{}), not of plan {} "
                                          "({}–{}): --plan {}",
                                          first, last, o.id, o.title.en, o.base_year, o.target_year, p.info.id,
                                          p.info.base_year, p.info.target_year, o.id),
                              fmt::format("数据年份 {}–{} 属于规划 {}（{}，{}–{}），而非规划 {}（{}–{}）：请用 --plan {}", first,
                                          last, o.id, o.title.zh, o.base_year, o.target_year, p.info.id,
                                          p.info.base_year, p.info.target_year, o.id));
    }
    return std::nullopt;
}

// One check's outcome for the CLI: its exit code, its rendered report (for input errors, the
// CI formats' report of errors, else nothing) and, when nothing was evaluated, the findings.
struct checked {
    int code = exit_ok;
    std::string report;
    diagnostics input_errors;
};

int run_check_command(const context& ctx, const check_options& raw) {
    const bool to_workbook = names_workbook(raw.output);
    const auto format = !raw.format_given && to_workbook ? std::optional(report_format::xlsx) : parse_report_format(raw.format);
    if (!format)
        return usage_error(ctx, fmt::format("--format {} is not available; use text, json, csv, markdown, junit, github, html or xlsx", raw.format),
                           fmt::format("--format {} 不可用；请使用 text、json、csv、markdown、junit、github、html 或 xlsx", raw.format));
    // A workbook is binary: never to a terminal or a pipe, and never under another format's name.
    if (*format == report_format::xlsx && raw.output.empty())
        return usage_error(ctx, "--format xlsx writes a workbook (binary): give it a file with -o FILE.xlsx",
                           "--format xlsx 生成工作簿（二进制）：请用 -o FILE.xlsx 指定文件");
    if (*format != report_format::xlsx && to_workbook)
        return usage_error(ctx, fmt::format("-o {} names a workbook, but --format is {}: use --format xlsx (or another name)", raw.output, raw.format),
                           fmt::format("-o {} 是工作簿文件名，但 --format 为 {}：请使用 --format xlsx（或换一个文件名）", raw.output, raw.format));
    if (*format == report_format::xlsx && raw.per_file)
        return usage_error(ctx, "--per-file cannot write a workbook (one per run); run check once per file, each with its own -o",
                           "--per-file 不能生成工作簿（每次运行一个）；请对每个文件分别运行 check，各用一个 -o");
    if (*format == report_format::xlsx && !raw.explain.empty())
        return usage_error(ctx, "--explain writes text, not a workbook: leave out --format xlsx",
                           "--explain 输出文本而非工作簿：请去掉 --format xlsx");
    if (raw.fail_under < 0 || raw.fail_under > 100)
        return usage_error(ctx, "--fail-under must be between 0 and 100", "--fail-under 必须在 0 到 100 之间");
    if (!(raw.min_coverage >= 0 && raw.min_coverage <= 100))
        return usage_error(ctx, fmt::format("--min-coverage must be between 0 and 100 (percent of the targets judged), not {}", format_number(raw.min_coverage)),
                           fmt::format("--min-coverage 必须在 0 到 100 之间（已评价目标的百分比），而不是 {}", format_number(raw.min_coverage)));
    if (raw.tolerance < 0 || raw.yellow_band < 0)
        return usage_error(ctx, "--tolerance and --yellow-band must not be negative", "--tolerance 和 --yellow-band 不能为负");

    if (!(raw.max_yoy_change > 0))
        return usage_error(ctx, "--max-yoy-change must be a positive percentage", "--max-yoy-change 必须是正的百分数");
    if (raw.per_file && *format == report_format::junit)
        return usage_error(ctx, "--per-file cannot write JUnit XML (one document per run); without --per-file every target is a testcase already",
                           "--per-file 不能输出 JUnit XML（每次运行一个文档）；不加 --per-file 时每个目标已是一个测试用例");
    if (raw.per_file && *format == report_format::html)
        return usage_error(ctx, "--per-file cannot write an HTML report (one page per run); run check once per file, each with its own --output",
                           "--per-file 不能输出 HTML 报告（每次运行一个页面）；请对每个文件分别运行 check，各用一个 --output");

    const auto encoding = parse_text_encoding(raw.encoding);
    if (!encoding)
        return usage_error(ctx, fmt::format("unknown encoding \"{}\" (auto, utf-8 or gb18030)", raw.encoding),
                           fmt::format("未知编码“{}”（应为 auto、utf-8 或 gb18030）", raw.encoding));

    check_request request;
    request.read.encoding = *encoding;
    request.inputs = raw.files.empty() ? std::vector<std::string>{"-"} : raw.files;
    request.read.year = raw.year;
    request.read.max_findings = raw.max_findings;
    request.read.jobs = raw.jobs;
    request.evaluation.year = raw.year;
    request.evaluation.every_year = raw.all_years || request.inputs.size() > 1;
    request.evaluation.path = raw.path == "compound" ? progress_path::compound : progress_path::linear;
    request.evaluation.tolerance = raw.tolerance * units::per_cent;
    request.evaluation.yellow_band = raw.yellow_band * units::per_cent;
    request.evaluation.require_all = raw.require_all;
    request.plausibility.strict = raw.strict;
    request.read.strict = raw.strict;
    request.plausibility.max_yoy_change = raw.max_yoy_change * units::per_cent;

    auto catalog = open_catalog(ctx, raw.plan);
    if (!catalog) return exit_bad_input;
    const plan* p = choose_plan(ctx, *catalog, raw.plan);
    if (p == nullptr) return exit_bad_input;
    std::optional<plan> with_regions;
    // The plan as this run uses it: its regional targets added, --region and --explain checked
    // against it. Run again when the plan is picked by the data's years.
    const auto prepare = [&](const plan* chosen) -> std::optional<int> {
        p = chosen;
        with_regions.reset();
        if (!raw.regional_targets.empty()) {
            auto loaded = with_regional_targets(*p, raw.regional_targets);
            if (!loaded) {
                print_diagnostic(ctx, loaded.error());
                return exit_bad_input;
            }
            with_regions = std::move(loaded->with_regions);
            p = &*with_regions;
        }
        if (!raw.region.empty()) {
            request.evaluation.region = p->canonical_region(raw.region);
            const bool any = std::any_of(p->targets.begin(), p->targets.end(),
                                         [&](const target& t) { return t.region == *request.evaluation.region; });
            if (!any)
                return usage_error(ctx, fmt::format("no target of plan {} is about region \"{}\"", p->info.id, raw.region),
                                   fmt::format("规划 {} 没有关于“{}”的目标", p->info.id, raw.region));
        }
        if (!raw.explain.empty() && p->find_target(raw.explain) == nullptr) {
            std::vector<std::string> ids;
            for (const target& t : p->targets) ids.push_back(t.id);
            const auto near = text::nearest(raw.explain, ids);
            return usage_error(ctx,
                               fmt::format("--explain: plan {} has no target \"{}\"{}", p->info.id, raw.explain,
                                           near ? fmt::format(" (did you mean {}?)", *near) : ""),
                               fmt::format("--explain：规划 {} 没有目标“{}”{}", p->info.id, raw.explain,
                                           near ? fmt::format("（是否应为 {}？）", *near) : ""));
        }
        return std::nullopt;
    };
    if (const auto failed = prepare(p)) return *failed;

    // Without --plan and --targets, the plan is the one whose period holds the data's latest
    // year; the data read for the default plan decides whether the others are read at all.
    std::optional<check_outcome> read_first;
    if (raw.plan.plan_id.empty() && raw.plan.rule_files.empty()) {
        check_outcome first = run_check(*p, request);
        const plan_choice choice = choose_by_years(*catalog, *p, first, request);
        const plan_fit& current = choice.fits.front();
        if (!choice.tied.empty()) {
            print_diagnostic(
                ctx, make_error(error_code::plan_unknown,
                                fmt::format("the data's latest year, {}, is in the period of several plans that fit it "
                                            "equally well: {}; choose one with --plan",
                                            choice.latest_year.value_or(0), fmt::join(choice.tied, ", ")),
                                fmt::format("数据最近年份 {} 同时在多个规划的规划期内、且匹配程度相同：{}；请用 --plan 指定一个",
                                            choice.latest_year.value_or(0), fmt::join(choice.tied, "、"))));
            return exit_bad_input;
        }
        if (choice.chosen != nullptr) {
            const plan_fit* picked = nullptr;
            for (const plan_fit& f : choice.fits)
                if (f.plan_id == choice.chosen->info.id) picked = &f;
            print_diagnostic(
                ctx, as_note(make_error(error_code::plan_suggested,
                                fmt::format("plan {} picked by the data's years: the latest year with data, {}, is in "
                                            "its period {}–{} ({} of its targets have data then); {} covers {}–{}. "
                                            "Give --plan to choose another",
                                            picked->plan_id, *choice.latest_year, picked->base_year,
                                            picked->target_year, picked->targets_with_data, current.plan_id,
                                            current.base_year, current.target_year),
                                fmt::format("按数据年份选用规划 {}：数据最近年份 {} 在其规划期 {}–{} 内（该年有数据的目标 {} "
                                            "项）；{} 的规划期为 {}–{}。可用 --plan 指定其他规划",
                                            picked->plan_id, *choice.latest_year, picked->base_year,
                                            picked->target_year, picked->targets_with_data, current.plan_id,
                                            current.base_year, current.target_year),
                                origin{})));
            if (const auto failed = prepare(choice.chosen)) return *failed;
            if (!raw.per_file) first = run_check(*p, request);
        } else if (choice.stdin_not_reread) {
            print_diagnostic(
                ctx, as_note(make_error(error_code::plan_suggested,
                                fmt::format("standard input cannot be read again to pick the plan by the data's years: "
                                            "it is checked against {} ({}–{}); give --plan to choose another",
                                            current.plan_id, current.base_year, current.target_year),
                                fmt::format("标准输入无法再次读取，不能按数据年份选择规划：按 {}（{}–{}）核查；可用 --plan "
                                            "指定其他规划",
                                            current.plan_id, current.base_year, current.target_year),
                                origin{})));
        }
        if (!raw.per_file) read_first = std::move(first);
    }
    // One check, run and rendered; --per-file runs it once per file.
    const auto check_one = [&](const check_request& req, std::optional<check_outcome> done_already) -> checked {
        check_outcome outcome = done_already ? std::move(*done_already) : run_check(*p, req);
        // The library speaks of the years; the flags that choose one are the CLI's words.
        for (error& e : outcome.findings)
            if (e.code == error_code::year_not_judged) {
                e.message.en += "; --year or --all-years to choose";
                e.message.zh += "；可用 --year 或 --all-years 指定";
            }
        for (const error& e : outcome.findings)
            if (e.level != severity::note || raw.verbose) print_diagnostic(ctx, e);
        if (auto hint = other_plan_hint(*catalog, *p, outcome.data)) print_diagnostic(ctx, *hint);
        // Only what would have been shown counts as not shown: notes appear with --verbose.
        const std::uint64_t hidden = outcome.findings_left_out + (raw.verbose ? outcome.notes_left_out : 0);
        if (hidden > 0)
            print_diagnostic(ctx, make_error(error_code::findings_truncated,
                                             fmt::format("{} more findings not shown (raise --max-findings)", hidden),
                                             fmt::format("另有 {} 条发现未显示（可提高 --max-findings）", hidden)));
        if (outcome.input_failed) {
            print_diagnostic(ctx, make_error(error_code::input_failed, "nothing was evaluated: fix the errors above",
                                             "未进行评价：请先修正以上错误"));
            // CI reads the report, not stderr: data errors still give it a report of errors.
            std::string errors_report;
            if (*format == report_format::junit)
                errors_report = render_junit_input_errors(p->info, outcome.findings, outcome.findings_left_out, ctx.lang);
            else if (*format == report_format::github)
                errors_report = render_github_input_errors(outcome.findings, outcome.findings_left_out, ctx.lang);
            return {exit_bad_input, std::move(errors_report), outcome.findings};
        }

        run_info run;
        run.version = PLANCHECK_VERSION;
        run.fail_under = raw.fail_under;
        run.read_findings = outcome.read_findings;
        run.read_left_out = outcome.read_left_out;
        run.options = {{"plan", p->info.id},
                       {"year", raw.year ? std::to_string(*raw.year) : "latest"},
                       {"path", raw.path},
                       {"tolerance_percent", format_number(raw.tolerance)},
                       {"yellow_band_percent", format_number(raw.yellow_band)},
                       {"require_all", raw.require_all ? "true" : "false"},
                       {"all_years", req.evaluation.every_year ? "true" : "false"},
                       {"fail_under_percent", format_number(raw.fail_under)},
                       {"min_coverage_percent", format_number(raw.min_coverage)},
                       {"encoding", raw.encoding},
                       {"regional_targets", raw.regional_targets},
                       {"region", raw.region},
                       {"strict", raw.strict ? "true" : "false"},
                       {"max_yoy_change_percent", format_number(raw.max_yoy_change)},
                       {"max_findings", std::to_string(raw.max_findings)},
                       {"inputs", join_files(req.inputs)}};
        const evaluation& ev = *outcome.ev;
        const report_context report{*p,
                                    ev,
                                    outcome.data,
                                    outcome.findings,
                                    outcome.findings_left_out,
                                    ctx.lang,
                                    ctx.color_stdout && raw.output.empty() && *format == report_format::text,
                                    raw.only_failed,
                                    raw.verbose,
                                    run};

        // Exit code: compliance at or above --fail-under passes; nothing evaluated never passes
        // (unless --fail-under 0), so an empty submission cannot slip through CI.
        const auto compliance = ev.summary.all.compliance();
        const bool pass = compliance ? compliance->value() + 1e-9 >= raw.fail_under : raw.fail_under <= 0;
        // A gate on coverage: 2/2 met says little when 80 targets were not judged.
        const bool covered = coverage_gate(ctx, ev.summary.all, raw.min_coverage);
        const int code = pass && covered ? exit_ok : exit_targets_missed;
        if (*format == report_format::xlsx) {
            auto book = render_xlsx(report);
            if (!book) {
                print_diagnostic(ctx, book.error());
                return {exit_bad_input, {}, {}};
            }
            return {code, std::move(*book), {}};
        }
        return {code, raw.explain.empty() ? render(*format, report) : render_explanation(report, raw.explain), {}};
    };

    checked done;
    if (!raw.per_file) {
        done = check_one(request, std::move(read_first));
    } else {
        // Each file on its own, as `plancheck check FILE` would judge it; the worst exit code wins.
        std::vector<file_report> each;
        for (const std::string& file : request.inputs) {
            check_request one = request;
            one.inputs = {file};
            one.evaluation.every_year = raw.all_years;
            checked c = check_one(one, std::nullopt);
            done.code = std::max(done.code, c.code);
            each.push_back({file == "-" ? "<stdin>" : file, c.code != exit_bad_input, std::move(c.report),
                            std::move(c.input_errors)});
        }
        done.report = combine_file_reports(*format, each, ctx.lang);
    }
    if (done.report.empty()) return done.code;
    if (!raw.output.empty()) {
        if (!write_output_file(ctx, raw.output, done.report)) return exit_bad_input;
    } else if (!ctx.quiet) {
        write_stdout(done.report, done.code);
    }
    return done.code;
}

}  // namespace

command add_check_command(CLI::App& root) {
    auto raw = std::make_shared<check_options>();
    CLI::App* app = root.add_subcommand(
        "check", "Evaluate statistics files (CSV; - or none for stdin) against a plan's targets\n"
                 "按规划目标评价统计数据文件（CSV；- 或省略表示标准输入）");
    app->add_option("files", raw->files, "Statistics files (CSV, long format: region,indicator,year,value,unit)")
        ->type_name("FILE...");
    add_plan_options(app, raw->plan, true);
    app->add_option("--year", raw->year, "Evaluate this year (also the year of rows in files without a year column)")
        ->check(CLI::Range(1900, 2199));
    CLI::Option* format =
        app->add_option("--format", raw->format,
                        "Output format: text, json, csv, markdown, junit (JUnit XML for CI), github (GitHub Actions "
                        "annotations), html (one self-contained page with charts) or xlsx (an Excel workbook: summary "
                        "and results sheets; needs -o)")
            ->check(CLI::IsMember({"text", "json", "csv", "markdown", "junit", "github", "html", "xlsx"}));
    app->add_option("-o,--output", raw->output,
                    "Write the report to FILE (complete or not at all) instead of stdout; FILE.xlsx without --format "
                    "writes a workbook")
        ->type_name("FILE");
    app->add_option("--fail-under", raw->fail_under,
                    "Exit 1 when compliance (met ÷ evaluated) is below PCT percent (default 100)")
        ->type_name("PCT");
    app->add_option("--min-coverage", raw->min_coverage,
                    "Exit 1 when fewer than PCT percent of the targets were judged (had data and a verdict); 0-100, "
                    "default 0 (no gate)")
        ->type_name("PCT");
    app->add_flag("--require-all", raw->require_all,
                  "Count targets without data (or not evaluable) as not met");
    app->add_option("--path", raw->path, "Interim-year path: linear (time progress, default) or compound")
        ->check(CLI::IsMember({"linear", "compound"}));
    app->add_option("--tolerance", raw->tolerance,
                    "Tolerance of approximate (左右) targets, percent of the required value (default 2)")
        ->type_name("PCT");
    app->add_option("--yellow-band", raw->yellow_band,
                    "A miss within PCT percent of the required value is yellow, beyond it red (default 10)")
        ->type_name("PCT");
    app->add_flag("--only-failed", raw->only_failed,
                  "List only failures (not met, behind); targets without data are not failures: the coverage counts them");
    app->add_flag("--all-years", raw->all_years,
                  "Judge every year with data (a trajectory); on by default with several files");
    app->add_option("--max-findings", raw->max_findings, "Keep at most N findings per input (default 50)")
        ->type_name("N");
    app->add_option("--regional-targets", raw->regional_targets,
                    "Add the targets of each league and city from a table (CSV; blank form: `plancheck template "
                    "--regional`)")
        ->type_name("FILE");
    app->add_option("--region", raw->region, "Evaluate only the targets of this region (the plan's, or a league/city's)");
    app->add_option("--encoding", raw->encoding,
                    "Input encoding: auto (UTF-8, else GB18030 when the bytes are not UTF-8), utf-8, gb18030 (gbk)");
    app->add_flag("--strict", raw->strict,
                  "Submission checks (W-PLAUSIBILITY: shares outside 0-100%, negative amounts, jumps between years, "
                  "mixed price bases) and names the plan does not use (indicators, columns) are errors: exit 2, "
                  "nothing evaluated");
    app->add_option("--max-yoy-change", raw->max_yoy_change,
                    "A change from one year to the next beyond PCT percent (percentage points for a share) is a "
                    "plausibility finding (default 50)")
        ->type_name("PCT");
    app->add_option("--jobs", raw->jobs,
                    "Read each long-format file with N threads (default 1); the report is the same for any N")
        ->type_name("N")
        ->check(CLI::Range(1, 256));
    app->add_flag("--per-file", raw->per_file,
                  "Read, evaluate and report each file on its own (json: a plancheck-reports/1 bundle; csv: one table "
                  "with a file column); the exit code is the worst of the files");
    app->add_option("--explain", raw->explain,
                    "Explain one target: every input with its origin, each step of the computation, the verdict")
        ->type_name("TARGET");
    app->add_flag("-v,--verbose", raw->verbose, "Also list ignored rows and the plan statements not encoded as rules");
    return {app, [raw, format](const context& ctx) {
                raw->format_given = format->count() > 0;
                return run_check_command(ctx, *raw);
            }};
}

}  // namespace plancheck::cli
