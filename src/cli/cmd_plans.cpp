// plancheck plans: the plans available to a run (shipped in the binary and loaded with
// --targets), with what identifies each one: document number, years, rule file and its SHA-256.

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/plan_options.hpp"
#include "plancheck/rule_loader.hpp"
#include "plancheck/text.hpp"

namespace plancheck::cli {

namespace {

using json = nlohmann::ordered_json;

struct plans_options {
    std::vector<std::string> rule_files;
    std::string format = "text";
    bool ids_only = false;
};

struct listed_plan {
    const plan* p;
    bool from_file;
};

std::size_t binding_count(const plan& p) {
    std::size_t n = 0;
    for (const target& t : p.targets) n += t.binding ? 1 : 0;
    return n;
}

std::string render_text(const std::vector<listed_plan>& plans, language lang) {
    const bool zh = lang == language::zh;
    const std::vector<std::string> labels =
        zh ? std::vector<std::string>{"标题", "文号", "地区", "年份", "目标", "规则文件", "SHA-256", "来源", "地区别名"}
           : std::vector<std::string>{"title", "document", "region", "years", "targets", "rule file", "sha256", "from",
                                      "also written"};
    std::size_t width = 0;
    for (const std::string& l : labels) width = std::max(width, text::display_width(l));
    const auto line = [&](std::size_t label, std::string_view value) {
        return fmt::format("  {}  {}\n", text::pad_right(labels[label], width), value);
    };

    std::string out;
    for (const listed_plan& lp : plans) {
        const plan& p = *lp.p;
        const std::size_t binding = binding_count(p);
        const bool is_default = !lp.from_file && p.info.id == default_plan_id;
        if (!out.empty()) out += '\n';
        out += fmt::format("{}{}\n", p.info.id, is_default ? (zh ? "（默认）" : " (default)") : "");
        out += line(0, p.info.title.in(lang));
        out += line(1, p.info.document);
        out += line(2, p.info.region.in(lang));
        // The spellings of the region a statistics file may use (compared after NFKC, without
        // invisible characters, in any case).
        std::vector<std::string> spellings{zh ? p.info.region.en : p.info.region.zh};
        for (const std::string& a : p.info.region_aliases) spellings.push_back(a);
        out += line(8, fmt::format("{}", fmt::join(spellings, zh ? "、" : ", ")));
        out += line(3, fmt::format("{} → {}", p.info.base_year, p.info.target_year));
        out += line(4, zh ? fmt::format("{} 项（约束性 {}，预期性 {}），不可评价 {} 项", p.targets.size(), binding,
                                        p.targets.size() - binding, p.unevaluable.size())
                          : fmt::format("{} ({} binding, {} expected), {} not evaluable", p.targets.size(), binding,
                                        p.targets.size() - binding, p.unevaluable.size()));
        out += line(5, p.file);
        out += line(6, p.sha256);
        out += line(7, lp.from_file ? (zh ? "--targets 加载" : "loaded with --targets") : (zh ? "内置" : "shipped"));
    }
    return out;
}

std::string render_json(const std::vector<listed_plan>& plans) {
    json list = json::array();
    for (const listed_plan& lp : plans) {
        const plan& p = *lp.p;
        const std::size_t binding = binding_count(p);
        list.push_back(json{{"id", p.info.id},
                            {"title", {{"zh", p.info.title.zh}, {"en", p.info.title.en}}},
                            {"document", p.info.document},
                            {"issuer", {{"zh", p.info.issuer.zh}, {"en", p.info.issuer.en}}},
                            {"date", p.info.date.empty() ? json(nullptr) : json(p.info.date)},
                            {"region", {{"zh", p.info.region.zh}, {"en", p.info.region.en}}},
                            {"region_aliases", p.info.region_aliases},
                            {"base_year", p.info.base_year},
                            {"target_year", p.info.target_year},
                            {"indicators", p.indicators.size()},
                            {"targets", p.targets.size()},
                            {"binding", binding},
                            {"expected", p.targets.size() - binding},
                            {"not_evaluable", p.unevaluable.size()},
                            {"rule_file", p.file},
                            {"rule_file_sha256", p.sha256},
                            {"shipped", !lp.from_file},
                            {"default", !lp.from_file && p.info.id == default_plan_id}});
    }
    return json{{"plans", std::move(list)}}.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

int run_plans(const context& ctx, const plans_options& raw) {
    plan_selection selection;
    selection.rule_files = raw.rule_files;
    auto catalog = open_catalog(ctx, selection);
    if (!catalog) return exit_bad_input;
    if (raw.ids_only) {
        // Without loading the shipped plans: shell completion runs this on every <Tab>.
        std::string out;
        for (const std::string& id : catalog->ids()) out += id + '\n';
        if (!ctx.quiet) write_stdout(out);
        return exit_ok;
    }
    std::vector<listed_plan> plans;
    for (const std::string& id : catalog->ids()) {
        const plan* p = choose_plan(ctx, *catalog, plan_selection{id, {}});
        if (p == nullptr) return exit_bad_input;
        plans.push_back({p, catalog->is_loaded_from_file(id)});
    }
    if (!ctx.quiet) write_stdout(raw.format == "json" ? render_json(plans) : render_text(plans, ctx.lang));
    return exit_ok;
}

}  // namespace

command add_plans_command(CLI::App& root) {
    auto raw = std::make_shared<plans_options>();
    CLI::App* app = root.add_subcommand(
        "plans", "List the plans: shipped ones and those loaded with --targets (id, title, document, years, targets, "
                 "rule file and its SHA-256)\n"
                 "列出规划：内置规划及用 --targets 加载的规划（编号、标题、文号、年份、目标数、规则文件及其 SHA-256）");
    app->add_option("--targets", raw->rule_files, "Load a rule file (TOML) and list its plan too; may be repeated")
        ->type_name("FILE");
    CLI::Option* format =
        app->add_option("--format", raw->format, "Output format: text or json")->check(CLI::IsMember({"text", "json"}));
    app->add_flag("--ids", raw->ids_only, "Print only the plan ids, one per line (for scripts and shell completion)")
        ->excludes(format);
    return {app, [raw](const context& ctx) { return run_plans(ctx, *raw); }};
}

}  // namespace plancheck::cli
