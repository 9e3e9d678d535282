// The indicators of a plan as a data file meets them (plancheck/indicator_list.hpp). The names
// and spellings listed are the ones the reader accepts: ids and aliases (plan::index, the
// observation reader's name table), the unit table of the indicator's kind and its unit_aliases
// (indicator::resolve_unit).

#include "plancheck/indicator_list.hpp"

#include <algorithm>

namespace plancheck {

namespace {

void add_once(std::vector<std::string>& list, std::string_view s) {
    if (std::find(list.begin(), list.end(), s) == list.end()) list.emplace_back(s);
}

void add_once(std::vector<std::size_t>& list, std::size_t i) {
    if (std::find(list.begin(), list.end(), i) == list.end()) list.push_back(i);
}

}  // namespace

std::vector<indicator_entry> list_indicators(const plan& p) {
    std::vector<indicator_entry> out(p.indicators.size());
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const indicator& ind = p.indicators[i];
        indicator_entry& e = out[i];
        e.index = i;
        e.names.push_back(ind.id);
        for (const std::string& a : ind.aliases) add_once(e.names, a);

        for (const unit_spelling& s : unit_spellings())
            if (s.kind == ind.kind()) add_once(e.unit_spellings, s.spelling);
        for (const quotient_rule& q : quotient_rules())
            if (q.result == ind.kind()) e.quotients.push_back(q);
        for (const std::string_view example : quotient_examples(ind.kind())) add_once(e.unit_spellings, example);
        for (const auto& [spelling, u] : ind.unit_aliases) {
            add_once(e.unit_spellings, spelling);
            add_once(e.plan_unit_spellings, spelling);
        }

        if (ind.derived)
            for (const std::size_t input : ind.derived->inputs) {
                add_once(e.inputs, input);
                if (input < out.size()) add_once(out[input].computes, i);
            }
    }
    // computes[] is filled by the loop above for inputs declared before or after; only now is
    // it complete, so the targets reached through derived indicators come second.
    for (std::size_t t = 0; t < p.targets.size(); ++t) add_once(out[p.targets[t].indicator_index].targets, t);
    for (indicator_entry& e : out) {
        // Breadth-first over what is computed from it; a rule file cannot declare a cycle, but
        // the visited set keeps this finite whatever it declares.
        std::vector<bool> seen(out.size(), false);
        seen[e.index] = true;
        std::vector<std::size_t> queue = e.computes;
        for (std::size_t k = 0; k < queue.size(); ++k) {
            const std::size_t d = queue[k];
            if (seen[d]) continue;
            seen[d] = true;
            for (const std::size_t t : out[d].targets)
                if (std::find(e.targets.begin(), e.targets.end(), t) == e.targets.end()) add_once(e.targets_through, t);
            for (const std::size_t next : out[d].computes) queue.push_back(next);
        }
        std::sort(e.targets_through.begin(), e.targets_through.end());
    }
    return out;
}

}  // namespace plancheck
