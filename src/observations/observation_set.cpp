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

origin observation_set::resolve(const value_origin& o) const {
    return origin{o.file < inputs_.size() ? inputs_[o.file].name : std::string(), o.line, o.column};
}

}  // namespace plancheck
