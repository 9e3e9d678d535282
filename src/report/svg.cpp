#include "report/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "plancheck/report.hpp"

namespace plancheck::detail {

namespace {

// The chart's frame, in viewBox units (the page scales the whole picture).
constexpr double chart_width = 560;
constexpr double chart_height = 236;
constexpr double left = 64;     // tick labels
constexpr double right = 18;
constexpr double top = 28;      // the unit
constexpr double bottom = 28;   // year labels
constexpr double year_pad = 16; // first and last year stand off the frame

// A round step near `raw` (1, 2 or 5 times a power of ten), for ticks people read at a glance.
double round_step(double raw) {
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / power;
    return (f < 1.5 ? 1.0 : f < 3.0 ? 2.0 : f < 7.0 ? 5.0 : 10.0) * power;
}

std::string num(double v) { return fmt::format("{:.1f}", v); }

std::string title_element(std::string_view text) {
    return text.empty() ? std::string() : "<title>" + escape_html(text) + "</title>";
}

// The vertical scale: every value inside, round ticks at both ends.
struct scale {
    double low = 0;
    double high = 1;
    double step = 1;

    static scale of(const std::vector<double>& values) {
        const auto [lo_it, hi_it] = std::minmax_element(values.begin(), values.end());
        double lo = *lo_it;
        double hi = *hi_it;
        const double pad = hi - lo > 1e-12 * std::max(std::abs(lo), std::abs(hi)) ? (hi - lo) * 0.08
                                                                                     : std::max(std::abs(hi) * 0.1, 1.0);
        // Values all on one side of zero keep zero as the edge of the scale, not a tick beyond it
        // (unless every value is zero).
        const double lower = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
        const double upper = hi <= 0 && hi + pad > 0 ? 0 : hi + pad;
        lo = upper > lower ? lower : lo - pad;
        hi = upper > lower ? upper : hi + pad;
        scale s;
        s.step = round_step((hi - lo) / 4.0);
        s.low = std::floor(lo / s.step) * s.step;
        s.high = std::ceil(hi / s.step) * s.step;
        return s;
    }
    [[nodiscard]] double y(double v) const {
        return top + (high - v) / (high - low) * (chart_height - top - bottom);
    }
    // Decimals the step needs, so that ticks read 0.05, 0.1, 5 and not 0.050000001.
    [[nodiscard]] int decimals() const { return std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 0, 6); }
};

}  // namespace

std::string escape_html(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string_view grade_class(grade g) {
    switch (g) {
        case grade::green: return "g-green";
        case grade::yellow: return "g-yellow";
        case grade::red: return "g-red";
        case grade::none: break;
    }
    return "g-none";
}

std::string svg_gauge(const gauge& g) {
    // A half ring from the left (0 %) over the top to the right (100 %).
    constexpr double cx = 110;
    constexpr double cy = 112;
    constexpr double r = 88;
    std::string out = fmt::format(R"(<svg class="pc-gauge" viewBox="0 0 220 146" role="img">{})", title_element(g.hover));
    out += fmt::format(R"(<path class="track" d="M {} {} A {} {} 0 0 1 {} {}"/>)", num(cx - r), num(cy), num(r), num(r),
                       num(cx + r), num(cy));
    if (g.percent && *g.percent > 0) {
        const double share = std::clamp(*g.percent / 100.0, 0.0, 1.0);
        const double angle = std::numbers::pi * (1.0 - share);
        out += fmt::format(R"(<path class="fill" d="M {} {} A {} {} 0 0 1 {} {}"/>)", num(cx - r), num(cy), num(r),
                           num(r), num(cx + r * std::cos(angle)), num(cy - r * std::sin(angle)));
    }
    out += fmt::format(R"(<text class="value" x="{}" y="{}">{}</text>)", num(cx), num(cy - 8), escape_html(g.value));
    out += fmt::format(R"(<text class="detail" x="{}" y="{}">{}</text>)", num(cx), num(cy + 26), escape_html(g.detail));
    return out + "</svg>";
}

std::string svg_bar(const std::vector<bar_segment>& segments) {
    constexpr double width = 300;
    constexpr double height = 14;
    std::size_t total = 0;
    for (const bar_segment& s : segments) total += s.count;
    std::string out = fmt::format(R"(<svg class="pc-grades" viewBox="0 0 {} {}" preserveAspectRatio="none" role="img">)",
                                  num(width), num(height));
    double x = 0;
    for (const bar_segment& s : segments) {
        if (s.count == 0 || total == 0) continue;
        const double w = width * static_cast<double>(s.count) / static_cast<double>(total);
        out += fmt::format(R"(<rect class="{}" x="{}" y="0" width="{}" height="{}">{}</rect>)", s.css_class, num(x),
                           num(w), num(height), title_element(s.hover));
        x += w;
    }
    return out + "</svg>";
}

std::string svg_line_chart(const line_chart& given) {
    // A value that is not a number has no place on the scale; the rest is drawn.
    line_chart c = given;
    const auto not_finite = [](const chart_point& p) { return !std::isfinite(p.value); };
    std::erase_if(c.actual, not_finite);
    std::erase_if(c.expected, not_finite);
    if (c.target && not_finite(*c.target)) c.target.reset();
    std::vector<double> values;
    int first = 0;
    int last = 0;
    bool any = false;
    const auto take = [&](const chart_point& p) {
        values.push_back(p.value);
        first = any ? std::min(first, p.year) : p.year;
        last = any ? std::max(last, p.year) : p.year;
        any = true;
    };
    for (const chart_point& p : c.actual) take(p);
    for (const chart_point& p : c.expected) take(p);
    if (c.target) take(*c.target);
    if (!any) return {};
    const scale s = scale::of(values);
    const double plot_right = chart_width - right;
    const double plot_bottom = chart_height - bottom;
    const auto x = [&](int year) {
        if (last == first) return (left + plot_right) / 2;
        return left + year_pad + (year - first) * (plot_right - left - 2 * year_pad) / (last - first);
    };

    std::string out = fmt::format(R"(<svg class="pc-chart" viewBox="0 0 {} {}" role="img">{})", num(chart_width),
                                  num(chart_height), title_element(c.title));
    out += fmt::format(R"(<text class="unit" x="4" y="14">{}</text>)", escape_html(c.unit));
    // Horizontal grid and value ticks; the zero line stronger, where it is inside.
    const int ticks = static_cast<int>(std::lround((s.high - s.low) / s.step));
    const double first_tick = std::round(s.low / s.step);
    for (int i = 0; i <= ticks; ++i) {
        const double v = (first_tick + i) * s.step;
        const double y = s.y(v);
        out += fmt::format(R"(<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}"/>)",
                           std::abs(v) < s.step * 1e-6 ? "zero" : "grid", num(left), num(y), num(plot_right), num(y));
        out += fmt::format(R"(<text class="tick" x="{}" y="{}">{}</text>)", num(left - 6), num(y),
                           escape_html(format_display(v, s.decimals())));
    }
    // Years along the bottom: every year, or every second or fifth on a long span (labels stay
    // apart in the larger type of the print stylesheet too).
    const int span = last - first;
    const int every = span <= 8 ? 1 : span <= 16 ? 2 : 5;
    out += fmt::format(R"(<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>)", num(left), num(plot_bottom),
                       num(plot_right), num(plot_bottom));
    for (int year = first; year <= last; ++year) {
        if ((year - first) % every != 0 && year != last) continue;
        out += fmt::format(R"(<text class="year" x="{}" y="{}">{}</text>)", num(x(year)), num(plot_bottom + 18), year);
    }

    if (c.target) {
        const double y = s.y(c.target->value);
        out += fmt::format(R"(<line class="target" x1="{}" y1="{}" x2="{}" y2="{}">{}</line>)", num(left), num(y),
                           num(plot_right), num(y), title_element(c.target->hover));
    }
    const auto polyline = [&](const std::vector<chart_point>& points, std::string_view css) {
        if (points.size() < 2) return std::string();
        std::string d;
        for (const chart_point& p : points) d += fmt::format("{}{},{}", d.empty() ? "" : " ", num(x(p.year)), num(s.y(p.value)));
        return fmt::format(R"(<polyline class="{}" points="{}"/>)", css, d);
    };
    out += polyline(c.expected, "expected");
    for (const chart_point& p : c.expected)
        out += fmt::format(R"(<circle class="expected-point" cx="{}" cy="{}" r="3.5">{}</circle>)", num(x(p.year)),
                           num(s.y(p.value)), title_element(p.hover));
    if (c.target) {
        const double tx = x(c.target->year);
        const double ty = s.y(c.target->value);
        out += fmt::format(R"(<path class="target-mark" d="M {} {} L {} {} L {} {} L {} {} Z">{}</path>)", num(tx),
                           num(ty - 6), num(tx + 6), num(ty), num(tx), num(ty + 6), num(tx - 6), num(ty),
                           title_element(c.target->hover));
    }
    out += polyline(c.actual, "actual");
    for (const chart_point& p : c.actual)
        out += fmt::format(R"(<circle class="point {}" cx="{}" cy="{}" r="5.5">{}</circle>)", p.css_class,
                           num(x(p.year)), num(s.y(p.value)), title_element(p.hover));

    return out + "</svg>";
}

std::string svg_swatch(swatch kind) {
    std::string out = R"(<svg class="pc-swatch" viewBox="0 0 28 12" aria-hidden="true">)";
    switch (kind) {
        case swatch::actual:
            out += R"(<line class="actual" x1="1" y1="6" x2="27" y2="6"/><circle class="point g-green" cx="14" cy="6" r="4.5"/>)";
            break;
        case swatch::expected:
            out += R"(<line class="expected" x1="1" y1="6" x2="27" y2="6"/><circle class="expected-point" cx="14" cy="6" r="3"/>)";
            break;
        case swatch::target:
            out += R"(<line class="target" x1="1" y1="6" x2="27" y2="6"/><path class="target-mark" d="M 14 1 L 19 6 L 14 11 L 9 6 Z"/>)";
            break;
    }
    return out + "</svg>";
}

}  // namespace plancheck::detail
