#include "plancheck/catalog.hpp"

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
