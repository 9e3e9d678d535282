#pragma once
// Private: pieces the text and HTML reports share, so that both show the same cells, symbols and
// league × target grid.

#include <string>
#include <string_view>
#include <vector>

#include "plancheck/report.hpp"

namespace plancheck::detail {

/// The English or the Chinese wording, by language.
[[nodiscard]] std::string_view tr(language lang, std::string_view en, std::string_view zh);
/// ✓ met, ✗ not met, ↗ on track, ↘ behind, ? no data, – not evaluable.
[[nodiscard]] std::string_view status_symbol(status s);
/// A shown value as the reports print it: "77.63 万吨", "-14%", or "—" when absent; with `sign`,
/// a positive number gets its "+" (a gap).
[[nodiscard]] std::string with_unit(const std::optional<shown_value>& v, bool sign = false);
/// The same to 12 significant digits (percentages to 4 decimals), for CI formats whose messages
/// are compared with the input: 0.935 stays 0.935 (with_unit's two decimals would show 0.94, a
/// value the data does not hold).
[[nodiscard]] std::string with_unit_exact(const std::optional<shown_value>& v, bool sign = false);
/// The target's comparison as a symbol: ≤ < ≥ >, or ≈ for an approximate (左右) target.
[[nodiscard]] std::string_view comparison_symbol(const target& t);
/// Where the plan says it: the section and the plan's sentence (once, when a regional target's
/// source is its annex's title, the same as its section).
[[nodiscard]] std::string plan_words(const target& t);
/// "met/evaluated (pct%)", the percentage "n/a" (无) when nothing was evaluated.
[[nodiscard]] std::string tally_text(const tally& t, language lang);

/// Coverage beside compliance: "judged 9 of 82 targets (11.0%)" / "已评价 9/82 项目标（11.0%）".
[[nodiscard]] std::string coverage_text(const tally& t, language lang);
/// The results a report lists under --only-failed: failures only (not met, behind); a target
/// without data is not a failure and is counted in the coverage instead.
[[nodiscard]] bool listed(const report_context& ctx, const target_result& r);

/// Leagues and cities × annex targets: each cell the region's latest result for that target.
struct region_grid {
    /// One region's line of the grid.
    struct line {
        std::string region;                       ///< canonical region name
        std::vector<const target_result*> cells;  ///< one per column; nullptr where it has none
        const tally* totals = nullptr;            ///< the region's tally, when the summary has one
        grade worst = grade::none;                ///< the worst grade of its results
    };
    std::vector<std::string> columns;  ///< annex target ids, in the order results first name them
    std::vector<line> lines;           ///< by region name; empty without regional targets
};
/// The grid of an evaluation's regional targets.
[[nodiscard]] region_grid build_region_grid(const report_context& ctx);

}  // namespace plancheck::detail
