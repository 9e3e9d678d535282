#include "observations/names.hpp"

#include "plancheck/text.hpp"

namespace plancheck::detail {

void name_matcher::add(std::string_view spelling, std::uint32_t number) {
    std::string folded = text::fold_name(spelling);
    if (folded.empty() || !by_fold_.emplace(folded, number).second) return;
    known_.push_back({std::string(spelling), text::decode(folded), number});
}

name_match name_matcher::match(std::string_view spelling) const {
    const std::string folded = text::fold_name(spelling);
    if (const auto it = by_fold_.find(folded); it != by_fold_.end())
        return {name_match::how::known, it->second, {}};
    const std::u32string word = text::decode(folded);
    const entry* best = nullptr;
    std::size_t best_distance = 0;
    for (const entry& k : known_) {
        const std::size_t limit = text::slip_limit(k.folded.size());
        const std::size_t gap = word.size() > k.folded.size() ? word.size() - k.folded.size() : k.folded.size() - word.size();
        if (limit == 0 || gap > limit) continue;  // the distance is at least the difference in length
        const std::size_t d = text::slip_distance(word, k.folded);
        if (d <= limit && (best == nullptr || d < best_distance)) {
            best = &k;
            best_distance = d;
        }
    }
    if (best == nullptr) return {};
    return {name_match::how::close, best->number, best->spelling};
}

}  // namespace plancheck::detail
