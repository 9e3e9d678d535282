#include <algorithm>
#include <vector>

#include "plancheck/observations.hpp"

namespace plancheck {

std::optional<std::uint32_t> observation_set::region_index(std::string_view canonical_name) const {
    const auto it = region_by_name_.find(std::string(canonical_name));
    if (it == region_by_name_.end()) return std::nullopt;
    return it->second;
}

const observation* observation_set::find(std::uint32_t region, std::size_t indicator, int year) const {
    if (year < first_year_ || year > last_year_) return nullptr;
    const auto it = groups_.find((std::uint64_t{region} << 32) | indicator);
    if (it == groups_.end()) return nullptr;
    const auto& slot = it->second[static_cast<std::size_t>(year - first_year_)];
    return slot ? &*slot : nullptr;
}

std::vector<int> observation_set::years() const {
    // A flag per year of the plan's range: a county panel has a hundred thousand groups.
    std::vector<bool> seen(static_cast<std::size_t>(std::max(last_year_ - first_year_ + 1, 0)));
    for (const auto& [key, slots] : groups_)
        for (std::size_t i = 0; i < slots.size() && i < seen.size(); ++i)
            if (slots[i]) seen[i] = true;
    std::vector<int> out;
    for (std::size_t i = 0; i < seen.size(); ++i)
        if (seen[i]) out.push_back(first_year_ + static_cast<int>(i));
    return out;
}

std::span<const std::optional<observation>> observation_set::values_of(std::uint32_t region,
                                                                       std::size_t indicator) const {
    const auto it = groups_.find((std::uint64_t{region} << 32) | indicator);
    if (it == groups_.end()) return {};
    return it->second;
}

std::vector<int> observation_set::years_of(std::uint32_t region, std::size_t indicator) const {
    std::vector<int> out;
    const auto it = groups_.find((std::uint64_t{region} << 32) | indicator);
    if (it == groups_.end()) return out;
    for (std::size_t i = 0; i < it->second.size(); ++i)
        if (it->second[i]) out.push_back(first_year_ + static_cast<int>(i));
    return out;
}

observation_set_builder::observation_set_builder(const plan& p) {
    // The reader's years: the plan's period, widened to every target's and base value's year.
    set_.first_year_ = p.info.base_year;
    set_.last_year_ = p.info.target_year;
    for (const target& t : p.targets) {
        if (t.base_year) set_.first_year_ = std::min(set_.first_year_, *t.base_year);
        set_.last_year_ = std::max(set_.last_year_, t.year);
    }
    for (const indicator& ind : p.indicators)
        for (const plan_value& b : ind.bases) set_.first_year_ = std::min(set_.first_year_, b.year);
}

std::uint32_t observation_set_builder::add_input(input_summary in) {
    set_.inputs_.push_back(std::move(in));
    return static_cast<std::uint32_t>(set_.inputs_.size() - 1);
}

std::uint32_t observation_set_builder::add_region(const std::string& canonical) {
    auto [pos, inserted] = set_.region_by_name_.emplace(canonical, static_cast<std::uint32_t>(set_.regions_.size()));
    if (inserted) set_.regions_.push_back(canonical);
    return pos->second;
}

std::uint16_t observation_set_builder::add_vintage(const std::string& text) {
    if (text.empty()) return 0;
    const auto it = std::find(set_.vintages_.begin() + 1, set_.vintages_.end(), text);
    if (it != set_.vintages_.end()) return static_cast<std::uint16_t>(it - set_.vintages_.begin());
    set_.vintages_.push_back(text);
    return static_cast<std::uint16_t>(set_.vintages_.size() - 1);
}

const observation* observation_set_builder::add(std::uint32_t region, std::size_t indicator, int year,
                                                const observation& o) {
    auto& slots = set_.groups_[(std::uint64_t{region} << 32) | indicator];
    if (slots.empty()) slots.resize(static_cast<std::size_t>(set_.last_year_ - set_.first_year_ + 1));
    auto& slot = slots[static_cast<std::size_t>(year - set_.first_year_)];
    if (slot) return &*slot;
    slot = o;
    ++set_.stored_;
    return nullptr;
}

origin observation_set::resolve(const value_origin& o) const {
    return origin{o.file < inputs_.size() ? inputs_[o.file].name : std::string(), o.line, o.column};
}

}  // namespace plancheck
