#pragma once
/// The rule model: a plan, the indicators it speaks of, and its targets as typed rules.
///
/// A `plan` is what a rule file (targets/*.toml, see docs/rule-files.md) loads into. Every
/// threshold is an `any_quantity` whose kind was checked against its indicator at load time,
/// so a rule with a wrong unit never reaches evaluation.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "plancheck/error.hpp"
#include "plancheck/quantity.hpp"
#include "plancheck/unit.hpp"

namespace plancheck {

/// How a target is judged (docs/methods.md gives each formula).
enum class target_kind : std::uint8_t {
    at_most,                ///< value ≤ threshold (or < when strict)
    at_least,               ///< value ≥ threshold (or > when strict)
    change_vs_base,         ///< (value − base) / base compared with a percentage
    increment_at_most,      ///< value − base compared with an amount
    annual_growth_at_most,  ///< compound annual growth from the base year compared with a %
    no_growth,              ///< value ≤ base
    cumulative_at_least,    ///< sum of yearly values after the base year compared with an amount
    deadline,               ///< a condition that holds from a year on, every year after
};

/// The stable name of a kind ("at_most", …).
[[nodiscard]] std::string_view to_string(target_kind kind);
/// The kind named `name`, if any.
[[nodiscard]] std::optional<target_kind> parse_target_kind(std::string_view name);

/// The comparison a target's wording implies: 以内/不超过 ≤, 低于/以下 <, 达到/不低于 ≥, 超过 >.
enum class comparison : std::uint8_t { less_equal, less, greater_equal, greater };

/// "<=", "<", ">=", ">".
[[nodiscard]] std::string_view to_string(comparison c);
/// The comparison spelled `text`, if any (also ≤ and ≥).
[[nodiscard]] std::optional<comparison> parse_comparison(std::string_view text);
/// True for ≤ and <: a cap rather than a floor.
[[nodiscard]] constexpr bool is_upper_bound(comparison c) {
    return c == comparison::less_equal || c == comparison::less;
}
/// lhs (c) rhs.
[[nodiscard]] constexpr bool holds(double lhs, comparison c, double rhs) {
    switch (c) {
        case comparison::less_equal: return lhs <= rhs;
        case comparison::less: return lhs < rhs;
        case comparison::greater_equal: return lhs >= rhs;
        case comparison::greater: return lhs > rhs;
    }
    return false;
}

/// The comparison a kind implies when the rule does not give one (a change takes its direction
/// from the sign of the threshold).
[[nodiscard]] comparison default_comparison(target_kind kind, const std::optional<any_quantity>& threshold);
/// False when a comparison contradicts its kind (a cap compared with >=).
[[nodiscard]] bool comparison_fits(target_kind kind, comparison c);
/// True for kinds that need a base year (every kind but at_most, at_least and deadline).
[[nodiscard]] bool needs_base_year(target_kind kind);

/// The expected path from base to target in interim years.
enum class progress_path : std::uint8_t {
    linear,    ///< by year k of n, k/n of the change (the time progress Chinese assessments use)
    compound,  ///< geometric: the same rate of change every year
};
/// "linear", "compound".
[[nodiscard]] std::string_view to_string(progress_path p);

/// A value the plan itself states (or implies) for an indicator, e.g. 2015 COD 83.56万吨.
struct plan_value {
    int year = 0;                 ///< the year the value is of
    std::int16_t price_base = 0;  ///< constant-price base year of a money-based value, 0 if none
    /// The value, typed.
    any_quantity value = any_quantity::from_canonical(quantity_kind::share, 0);
    bool derived = false;  ///< computed from the plan's numbers rather than stated
    std::string section;   ///< where the plan states it
    std::string source;  ///< the plan's sentence, verbatim
    std::string note;    ///< for the reader, e.g. how a derived value was computed
    origin where;  ///< in the rule file
};

/// How an indicator can be computed from others, as its rule file declares (docs/derived.md).
struct derivation {
    /// How the value is computed.
    enum class method : std::uint8_t {
        ratio,            ///< numerator ÷ denominator (an intensity, a share, a per-capita value)
        growth_of,        ///< this indicator is the yearly growth rate (%) of another
        saving_chain,     ///< energy saved, chain method of GB/T 13234: (I[k−1] − I[k]) × output[k]
        saving_fixed_base,///< energy saved against the base year: (I[base] − I[k]) × output[k]
        task_completion,  ///< Σ energy saved ÷ the saving an intensity target requires, in %
    };
    method how = method::ratio;  ///< the method
    /// Indicator indices: ratio {numerator, denominator}; growth_of {of}; saving {intensity,
    /// output}; task_completion {intensity, output, savings…}.
    std::vector<std::size_t> inputs;
    std::string target_id;  ///< task_completion: the intensity target whose saving is the task
    origin where;           ///< in the rule file
};
/// "ratio", "growth_of", "saving_chain", "saving_fixed_base", "task_completion".
[[nodiscard]] std::string_view to_string(derivation::method m);

/// A statistic the plan speaks of.
struct indicator {
    std::string id;                     ///< e.g. "emissions.cod"
    localized_text name;                ///< the plan's own Chinese name, and English
    unit declared_unit = unit::canonical(quantity_kind::share);  ///< fixes the kind; display unit
    std::vector<std::string> aliases;   ///< other names a CSV may use (the Chinese name included)
    /// Yearbook names of the same rate with the opposite sign, positive for a fall (单位GDP能耗降低率
    /// 3.2 is a change of −3.2 %): a value under one of them is read negated. Rates (%) only.
    std::vector<std::string> fall_aliases;
    std::vector<std::pair<std::string, unit>> unit_aliases;  ///< plan spellings such as 克/千瓦时
    std::vector<plan_value> bases;      ///< values the plan states, by year
    std::optional<derivation> derived;  ///< how to compute it from other indicators, if it can be
    std::int16_t price_base = 0;        ///< constant-price base year of its money values, 0 if none
    std::string note;                   ///< for the reader
    origin where;                       ///< in the rule file

    /// The kind of quantity of its values (fixed by its unit).
    [[nodiscard]] quantity_kind kind() const { return declared_unit.kind(); }
    /// The plan's stated value for `year`, if any.
    [[nodiscard]] const plan_value* base_for(int year) const;
    /// The unit for a spelling, honouring unit_aliases; E-UNIT or E-UNIT-DIMENSION otherwise.
    [[nodiscard]] result<unit> resolve_unit(std::string_view spelling) const;
};

/// A target of the plan as a typed rule.
struct target {
    std::string id;                    ///< stable, e.g. "cod-cap"
    localized_text name;               ///< short title
    std::size_t indicator_index = 0;   ///< into plan::indicators
    target_kind kind = target_kind::at_most;   ///< how it is judged
    comparison cmp = comparison::less_equal;   ///< strictness, from the plan's wording
    std::optional<any_quantity> threshold;  ///< absent for no_growth
    unit threshold_unit = unit::canonical(quantity_kind::share);  ///< as written, for display
    bool approximate = false;          ///< 左右: met within the tolerance
    std::optional<int> base_year;      ///< for relative kinds and the interim path
    int year = 0;                      ///< target year, or the deadline year
    bool binding = false;              ///< 约束性 (true) or 预期性 (false)
    std::string region;                ///< canonical region name
    std::string section;               ///< "第二章 第三节 主要目标"
    std::string source;                ///< the plan's sentence, verbatim
    std::vector<int> checklist;        ///< rows of the plan's checklist it encodes
    std::string note;                  ///< for the reader
    std::optional<progress_path> path; ///< overrides the run's default path
    origin where;                      ///< in the rule file

    /// The chapter: the first word of the section ("第二章").
    [[nodiscard]] std::string_view chapter() const;
    /// The annex target this regional target instantiates ("cod-cut" for "cod-cut@包头市"),
    /// or empty for a target of the plan's own region.
    std::string annex_target_id;
};

/// A threshold in a unit that fits the indicator and the kind: the indicator's kind for levels,
/// increments and sums, % for changes and growth rates. E-RULE-UNIT or E-RULE-DIMENSION
/// otherwise (without origin; the caller adds it).
[[nodiscard]] result<std::pair<any_quantity, unit>> make_threshold(const indicator& ind, target_kind kind,
                                                                   double number, std::string_view unit_text);

/// One target an annex of the plan sets for each league or city, without its value (the
/// annexes' figures are not in the plan's text; a regional targets table supplies them).
struct annex_target {
    std::string id;                 ///< prefix of the regional target ids, e.g. "cod-cut"
    std::size_t indicator_index = 0;              ///< into plan::indicators
    target_kind kind = target_kind::change_vs_base;  ///< how the regional targets are judged
    comparison cmp = comparison::less_equal;      ///< their strictness
    std::string unit_text;          ///< unit the table's value is written in, e.g. "%"
};

/// An annex of the plan that sets targets per league or city (各盟市目标).
struct annex {
    std::string id;                 ///< e.g. "annex-1"
    std::string title;              ///< "附件2 各盟市“十三五”主要污染物减排预期目标"
    bool binding = false;           ///< 约束性 (true) or 预期性 (false)
    std::vector<annex_target> targets;  ///< the targets it sets for each league and city
    origin where;                   ///< in the rule file
};

/// A row of the plan deliberately not encoded as a rule, with the reason.
struct unevaluable_target {
    std::string id;               ///< stable, unique among targets and not-evaluable entries
    std::string section;          ///< where the plan says it
    std::string source;           ///< the plan's words, verbatim
    localized_text reason;        ///< why it is not a rule
    std::vector<int> checklist;   ///< checklist rows it accounts for
    origin where;                 ///< in the rule file
};

/// Metadata of a plan.
struct plan_info {
    std::string id;                  ///< e.g. "nmg-13fyp-energy"
    localized_text title;            ///< the plan's title
    std::string document;            ///< 内政发〔2018〕12号
    localized_text issuer;           ///< who issued it
    std::string date;                ///< ISO date of issue
    localized_text region;           ///< the plan's own region
    std::vector<std::string> region_aliases;  ///< other spellings of the region (内蒙古, 全区)
    std::vector<localized_text> subregions;  ///< leagues and cities (盟市)
    int base_year = 0;               ///< e.g. 2015
    int target_year = 0;             ///< e.g. 2020
    std::string source_url;          ///< where the plan's text was published
};

/// A loaded rule set.
class plan {
public:
    plan_info info;                               ///< metadata
    std::vector<indicator> indicators;            ///< in rule-file order
    std::vector<target> targets;                  ///< in rule-file order (regional targets after)
    std::vector<unevaluable_target> unevaluable;  ///< statements deliberately not encoded
    std::vector<annex> annexes;  ///< per-league/city target sets, filled by a regional table
    std::string file;     ///< the rule file's name as loaded ("<shipped>/…" for built-ins)
    std::string sha256;   ///< of the rule file's bytes

    /// The indicator with this id or alias (exact after trimming), or nullptr.
    [[nodiscard]] const indicator* find_indicator(std::string_view name) const;
    /// Index of that indicator, if any.
    [[nodiscard]] std::optional<std::size_t> indicator_index(std::string_view name) const;
    /// The target with this id, or nullptr.
    [[nodiscard]] const target* find_target(std::string_view id) const;
    /// The plan's region name for a region spelling ("内蒙古", "全区", "內蒙古自治區",
    /// "Inner Mongolia" → "内蒙古自治区"), a league's or city's Chinese name for its English one,
    /// or the spelling itself (text::clean_name) when it is neither. Names compare after
    /// text::fold_name: NFKC, invisible characters removed, case folded.
    [[nodiscard]] std::string canonical_region(std::string_view name) const;
    /// Every declared spelling of a region with the canonical name it stands for: the plan's
    /// region (Chinese, English, region_aliases) and each league or city (Chinese, English).
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> region_spellings() const;
    /// Every name an indicator can be given by (ids and aliases), for suggestions.
    [[nodiscard]] std::vector<std::string> indicator_names() const;
    /// The indicator a target is about.
    const indicator& indicator_of(const target& t) const { return indicators[t.indicator_index]; }

    /// Builds the lookup tables; the loader calls it once the vectors are filled.
    void index();

private:
    std::unordered_map<std::string, std::string> region_by_fold_;  // fold_name(spelling) → canonical
    std::unordered_map<std::string, std::size_t> indicator_by_name_;
    std::unordered_map<std::string, std::size_t> target_by_id_;
};

}  // namespace plancheck
