// plancheck lint FILE.toml | --plan ID: load a rule file reporting every error (not just the
// first), then audit the plan's internal consistency. Load errors go to stderr with exit 2; the
// audit is the report, on stdout, and leaves the exit code at 0.

#include <fmt/format.h>

#include <memory>

#include "cli/app.hpp"
#include "plancheck/audit.hpp"
#include "plancheck/rule_loader.hpp"

namespace plancheck::cli {

namespace {

struct lint_options {
    std::string file;
    std::string plan_id;
    bool warnings_only = false;
};

std::string coloured(const context& ctx, const error& e) {
    std::string line = e.format(ctx.lang);
    if (ctx.color_stdout) line = fmt::format("{}{}\x1b[0m", e.level == severity::warning ? "\x1b[33m" : "\x1b[36m", line);
    return line + '\n';
}

int run_lint(const context& ctx, const lint_options& raw) {
    if (raw.file.empty() == raw.plan_id.empty())
        return usage_error(ctx, "give a rule file or --plan ID (one of the two)",
                           "请给出一个规则文件或 --plan ID（二者取一）");

    diagnostics errors;
    std::string name = raw.file;
    result<plan> loaded = [&]() -> result<plan> {
        if (!raw.file.empty()) return load_plan_file(raw.file, &errors);
        const std::string_view text = shipped_plan_text(raw.plan_id);
        if (text.empty()) return load_shipped_plan(raw.plan_id);  // E-PLAN naming the shipped ones
        name = fmt::format("<shipped>/targets/{}.toml", raw.plan_id);
        return load_plan(text, name, &errors);
    }();
    if (!loaded) {
        if (errors.empty()) errors.push_back(loaded.error());
        for (const error& e : errors) print_diagnostic(ctx, e);
        print_diagnostic(ctx, make_error(error_code::usage,
                                         fmt::format("{}: {} error{}; the rule file does not load", name, errors.size(),
                                                     errors.size() == 1 ? "" : "s"),
                                         fmt::format("{}：{} 个错误；规则文件无法加载", name, errors.size())));
        return exit_bad_input;
    }

    const plan& p = *loaded;
    std::size_t binding = 0;
    for (const target& t : p.targets) binding += t.binding ? 1 : 0;
    const bool zh = ctx.lang == language::zh;
    std::string out = zh ? fmt::format("{}：可以加载：规划 {}，{} 个指标，{} 项目标（约束性 {}，预期性 {}），{} 项不可评价\n", name,
                                       p.info.id, p.indicators.size(), p.targets.size(), binding,
                                       p.targets.size() - binding, p.unevaluable.size())
                         : fmt::format("{}: loads: plan {}, {} indicators, {} targets ({} binding, {} expected), {} not "
                                       "evaluable\n",
                                       name, p.info.id, p.indicators.size(), p.targets.size(), binding,
                                       p.targets.size() - binding, p.unevaluable.size());
    std::size_t warnings = 0;
    std::size_t notes = 0;
    for (const error& e : audit_plan(p)) {
        const bool warning = e.level == severity::warning;
        (warning ? warnings : notes) += 1;
        if (warning || !raw.warnings_only) out += coloured(ctx, e);
    }
    out += zh ? fmt::format("审核：{} 个警告，{} 个提示\n", warnings, notes)
              : fmt::format("audit: {} warning{}, {} note{}\n", warnings, warnings == 1 ? "" : "s", notes,
                            notes == 1 ? "" : "s");
    if (!ctx.quiet) write_stdout(out);
    return exit_ok;
}

}  // namespace

command add_lint_command(CLI::App& root) {
    auto raw = std::make_shared<lint_options>();
    CLI::App* app = root.add_subcommand(
        "lint", "Check a rule file: every load error with file:line:column (exit 2), then an audit of the plan's "
                "internal consistency (W-AUDIT; exit 0)\n"
                "检查规则文件：列出全部加载错误及文件:行:列（退出码 2），再审核规划内部的一致性（W-AUDIT；退出码 0）");
    app->add_option("file", raw->file, "The rule file (TOML) to check")->type_name("FILE.toml");
    app->add_option("--plan", raw->plan_id, "Check a shipped plan instead of a file (see `plancheck plans`)");
    app->add_flag("--warnings-only", raw->warnings_only, "Print only the audit's warnings, not its notes");
    return {app, [raw](const context& ctx) { return run_lint(ctx, *raw); }};
}

}  // namespace plancheck::cli
