// plancheck: parses arguments, validates them into typed options, calls the library and maps
// the outcome to an exit code (0 targets met, 1 targets missed, 2 usage or input error).

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/sha256.hpp"

namespace plancheck::cli {

namespace {

language language_from_environment() {
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (v != nullptr && *v != '\0') return std::strncmp(v, "zh", 2) == 0 ? language::zh : language::en;
    }
    return language::en;
}

bool wants_color(const std::string& mode, int fd) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color != nullptr && *no_color != '\0') return false;
    return ::isatty(fd) != 0;
}

}  // namespace

void write_stdout(std::string_view text, int exit_code_if_closed) {
    if (text.empty()) return;
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
        if (errno == EPIPE) std::_Exit(exit_code_if_closed);
    }
}

// Where the CLI can send a reader of a diagnostic: the library names the thing, the CLI the command.
error with_command_hint(const error& e) {
    error out = e;
    if (e.code == error_code::indicator_unknown) {
        out.message.en += " (`plancheck indicators` lists the plan's indicators and their aliases)";
        out.message.zh += "（`plancheck indicators` 列出本规划的指标及其别名）";
    }
    return out;
}

void print_diagnostic(const context& ctx, const error& e) {
    std::string line = with_command_hint(e).format(ctx.lang);
    if (ctx.color_stderr) {
        const char* colour = e.level == severity::error ? "\x1b[31m" : e.level == severity::warning ? "\x1b[33m" : "\x1b[36m";
        line = fmt::format("{}{}\x1b[0m", colour, line);
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
}

bool coverage_gate(const context& ctx, const tally& all, double min_coverage) {
    if (min_coverage <= 0) return true;
    const auto c = all.coverage();
    if (c && c->value() + 1e-9 >= min_coverage) return true;
    const std::string pct = c ? fmt::format("{:.1f}%", c->value()) : "0%";
    print_diagnostic(ctx, make_error(error_code::coverage,
                                     fmt::format("only {} of {} targets were judged ({}), below --min-coverage {}%: the "
                                                 "data lacks what the others need (plancheck template lists it)",
                                                 all.judged(), all.results, pct, format_number(min_coverage)),
                                     fmt::format("仅评价了 {}/{} 项目标（{}），低于 --min-coverage {}%：其余目标所需的数据缺失"
                                                 "（可用 plancheck template 查看）",
                                                 all.judged(), all.results, pct, format_number(min_coverage))));
    return false;
}

int usage_error(const context& ctx, std::string en, std::string zh) {
    print_diagnostic(ctx, make_error(error_code::usage, std::move(en), std::move(zh)));
    return exit_bad_input;
}

int run(int argc, char** argv) {
    CLI::App root{"plancheck: check yearly statistics against the quantitative targets of a development plan\n"
                  "plancheck：按发展规划的量化目标核查年度统计数据"};
    root.require_subcommand(1);
    // The version and what identifies the rules compiled in, so a verdict can be traced to them.
    root.set_version_flag("--version", [] {
        std::string text = fmt::format("plancheck {}\nshipped plans (rule file SHA-256):", PLANCHECK_VERSION);
        const std::vector<std::string> ids = shipped_plan_ids();
        std::size_t width = 0;
        for (const std::string& id : ids) width = std::max(width, id.size());
        for (const std::string& id : ids)
            text += fmt::format("\n  {:<{}}  {}", id, width, sha256_hex(shipped_plan_text(id)));
        return text;
    }, "Print the version and the shipped plans with the SHA-256 of their rule files");
    root.footer("Exit codes: 0 targets met (compliance >= --fail-under), 1 targets missed, 2 bad input or usage.\n"
                "退出码：0 达标，1 未达标，2 输入或用法错误。");

    global_options raw;
    root.add_option("--lang", raw.lang, "Output language: zh or en (default: from LANG/LC_ALL)")
        ->check(CLI::IsMember({"zh", "en"}));
    root.add_option("--color", raw.color, "Colour: auto, always or never (NO_COLOR is respected)")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    root.add_flag("-q,--quiet", raw.quiet, "Print nothing on stdout; only the exit code and errors");
    root.fallthrough();

    std::vector<command> commands{add_check_command(root), add_units_command(root), add_convert_command(root), add_plans_command(root),
                                  add_rules_command(root), add_indicators_command(root), add_lint_command(root), add_template_command(root),
                                  add_merge_command(root)};

    try {
        root.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = root.exit(e);
        return code == 0 ? exit_ok : exit_bad_input;
    }

    context ctx;
    ctx.lang = raw.lang.empty() ? language_from_environment() : (raw.lang == "zh" ? language::zh : language::en);
    ctx.color_stderr = wants_color(raw.color, STDERR_FILENO);
    ctx.color_stdout = wants_color(raw.color, STDOUT_FILENO);
    ctx.quiet = raw.quiet;

    for (const command& c : commands)
        if (c.app->parsed()) return c.run(ctx);
    return exit_bad_input;
}

}  // namespace plancheck::cli

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    try {
        return plancheck::cli::run(argc, argv);
    } catch (const plancheck::invariant_violation& v) {
        std::fprintf(stderr, "error[E-INTERNAL]: internal invariant broken: %s (%s:%d); please report this\n",
                     v.expression, v.file, v.line);
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "error[E-INTERNAL]: out of memory\n");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error[E-INTERNAL]: %s; please report this\n", e.what());
    }
    return plancheck::cli::exit_bad_input;
}
