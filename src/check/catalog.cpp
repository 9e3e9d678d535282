#include "plancheck/catalog.hpp"
#include "plancheck/plan_choice.hpp"

#include <fmt/format.h>

#include "plancheck/rule_loader.hpp"

namespace plancheck {

result<plan_catalog> plan_catalog::with_files(const std::vector<std::string>& rule_files) {
    plan_catalog catalog;
    for (const std::string& path : rule_files) {
        auto loaded = load_plan_file(path);
        if (!loaded) return std::move(loaded).error();
        for (const auto& existing : catalog.loaded_)
            if (existing->info.id == loaded->info.id)
                return make_error(error_code::rule_duplicate,
                                  fmt::format("plan id {} is loaded twice (also from {})", loaded->info.id, existing->file),
                                  fmt::format("规划 id {} 被加载了两次（另见 {}）", loaded->info.id, existing->file),
                                  origin{path, 0, 0});
        catalog.loaded_.push_back(std::make_unique<plan>(std::move(*loaded)));
    }
    return catalog;
}

result<const plan*> plan_catalog::choose(std::string_view id) {
    if (id.empty()) {
        if (!loaded_.empty()) return static_cast<const plan*>(loaded_.front().get());
        id = default_plan_id;
    }
    for (const auto& p : loaded_)
        if (p->info.id == id) return static_cast<const plan*>(p.get());
    for (const auto& p : shipped_)
        if (p->info.id == id) return static_cast<const plan*>(p.get());
    auto shipped = load_shipped_plan(id);
    if (!shipped) {
        if (!loaded_.empty()) {
            auto err = std::move(shipped).error();
            err.message.en += fmt::format("; loaded from files: {}", fmt::join(ids(), ", "));
            return err;
        }
        return std::move(shipped).error();
    }
    shipped_.push_back(std::make_unique<plan>(std::move(*shipped)));
    return static_cast<const plan*>(shipped_.back().get());
}

std::vector<std::string> plan_catalog::ids() const {
    std::vector<std::string> out;
    for (const auto& p : loaded_) out.push_back(p->info.id);
    for (const std::string& id : shipped_plan_ids())
        if (!is_loaded_from_file(id)) out.push_back(id);
    return out;
}

bool plan_catalog::is_loaded_from_file(std::string_view id) const {
    for (const auto& p : loaded_)
        if (p->info.id == id) return true;
    return false;
}

}  // namespace plancheck

namespace plancheck {

plan_fit fit_of(const plan& p, const observation_set& data) {
    plan_fit fit;
    fit.plan_id = p.info.id;
    fit.base_year = p.info.base_year;
    fit.target_year = p.info.target_year;
    const auto region = data.region_index(p.info.region.zh);
    if (!region) return fit;
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const std::vector<int> years = data.years_of(*region, i);
        if (!years.empty() && (!fit.latest_year || years.back() > *fit.latest_year)) fit.latest_year = years.back();
    }
    if (!fit.latest_year) return fit;
    for (const target& t : p.targets)
        if (t.region == p.info.region.zh && data.find(*region, t.indicator_index, *fit.latest_year) != nullptr)
            ++fit.targets_with_data;
    return fit;
}

plan_choice choose_by_years(plan_catalog& catalog, const plan& current, const check_outcome& read,
                            const check_request& request) {
    plan_choice choice;
    choice.fits.push_back(fit_of(current, read.data));
    choice.latest_year = choice.fits.front().latest_year;
    bool rows_left = read.input_failed;
    for (const input_summary& in : read.data.inputs()) rows_left = rows_left || in.ignored > 0 || in.rejected > 0;
    // The common case costs nothing: data of the plan's period, every row used.
    if (choice.fits.front().in_period() && !rows_left) return choice;
    for (const std::string& input : request.inputs)
        if (input == "-") {
            choice.stdin_not_reread = true;
            return choice;
        }
    std::vector<const plan*> read_for{&current};
    for (const std::string& id : shipped_plan_ids()) {
        if (id == current.info.id) continue;
        auto other = catalog.choose(id);
        if (!other) continue;  // a shipped plan always loads (tested); nothing to pick if not
        observation_reader reader(**other, request.read);
        for (const std::string& input : request.inputs) reader.read_file(input);
        const bool refused = reader.failed();
        const observation_set data = std::move(reader).finish();
        choice.fits.push_back(fit_of(**other, data));
        // A plan that refuses the data (indicators it does not know, …) does not fit it.
        if (refused) choice.fits.back().latest_year.reset();
        read_for.push_back(*other);
        const auto& latest = choice.fits.back().latest_year;
        if (latest && (!choice.latest_year || *latest > *choice.latest_year)) choice.latest_year = latest;
    }
    std::vector<std::size_t> fitting;
    for (std::size_t i = 0; i < choice.fits.size(); ++i)
        if (choice.fits[i].in_period() && choice.fits[i].latest_year == choice.latest_year) fitting.push_back(i);
    if (fitting.empty() || fitting.front() == 0) return choice;  // nothing fits better than current
    std::size_t best = fitting.front();
    for (const std::size_t i : fitting)
        if (choice.fits[i].targets_with_data > choice.fits[best].targets_with_data) best = i;
    for (const std::size_t i : fitting)
        if (i != best && choice.fits[i].targets_with_data == choice.fits[best].targets_with_data) {
            for (const std::size_t j : fitting)
                if (choice.fits[j].targets_with_data == choice.fits[best].targets_with_data)
                    choice.tied.push_back(choice.fits[j].plan_id);
            return choice;
        }
    choice.chosen = read_for[best];
    return choice;
}

}  // namespace plancheck
