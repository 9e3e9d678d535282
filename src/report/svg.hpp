#pragma once
// Private: the inline SVG pictures of the HTML report (a gauge, a bar of grades, a line chart of a
// target's trajectory). They draw what they are given: every value comes from the evaluation,
// every string is escaped here.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plancheck/evaluate.hpp"

namespace plancheck::detail {

/// Text made safe for HTML and SVG, in content and in quoted attributes: & < > " ' escaped.
[[nodiscard]] std::string escape_html(std::string_view s);

/// The CSS class of a grade's colour: "g-green", "g-yellow", "g-red", or "g-none".
[[nodiscard]] std::string_view grade_class(grade g);

/// A half-ring gauge of a share.
struct gauge {
    std::optional<double> percent;  ///< the filled share, 0–100; absent when nothing was evaluated
    std::string value;              ///< written in the middle: "91.5%"
    std::string detail;             ///< written below it: "75/82 met"
    std::string hover;              ///< the hover text
};
/// `<svg class="pc-gauge">`.
[[nodiscard]] std::string svg_gauge(const gauge& g);

/// One coloured segment of a bar of counts.
struct bar_segment {
    std::string css_class;  ///< its colour (grade_class)
    std::size_t count = 0;  ///< its length
    std::string hover;      ///< the hover text
};
/// `<svg class="pc-grades">`: the segments side by side, each as long as its count.
[[nodiscard]] std::string svg_bar(const std::vector<bar_segment>& segments);

/// A point of a chart.
struct chart_point {
    int year = 0;           ///< on the horizontal axis
    double value = 0;       ///< on the vertical axis, in the chart's unit
    std::string css_class;  ///< its colour (grade_class), for the actual values
    std::string hover;      ///< the exact value with its unit, for the hover title
};

/// A target's trajectory: the measure by year, the expected path, the final target.
struct line_chart {
    std::string title;                  ///< accessible name of the picture
    std::string unit;                   ///< the unit of every value, written above the axis
    std::vector<chart_point> actual;    ///< by year: the measure judged, coloured by grade
    std::vector<chart_point> expected;  ///< by year: the evaluation's expected path, base to target
    std::optional<chart_point> target;  ///< the final threshold: a line across, a mark at its year
};
/// `<svg class="pc-chart">`; years run from the earliest to the latest year of any point.
[[nodiscard]] std::string svg_line_chart(const line_chart& c);

/// What a chart draws, for the key that explains the charts once.
enum class swatch : std::uint8_t { actual, expected, target };
/// `<svg class="pc-swatch">`: a short sample of a chart's line and mark.
[[nodiscard]] std::string svg_swatch(swatch kind);

}  // namespace plancheck::detail
