#include <fmt/format.h>

#include <cmath>

#include "plancheck/report.hpp"

namespace plancheck {

std::string_view to_string(report_format f) {
    switch (f) {
        case report_format::text: return "text";
        case report_format::json: return "json";
        case report_format::csv: return "csv";
        case report_format::markdown: return "markdown";
        case report_format::junit: return "junit";
        case report_format::github: return "github";
        case report_format::html: return "html";
        case report_format::xlsx: return "xlsx";
    }
    return "text";
}

std::optional<report_format> parse_report_format(std::string_view name) {
    for (const auto f : {report_format::text, report_format::json, report_format::csv, report_format::markdown,
                         report_format::junit, report_format::github, report_format::html, report_format::xlsx})
        if (to_string(f) == name) return f;
    return std::nullopt;
}

unit display_unit(const plan& p, const target_result& r) {
    const target& t = p.targets[r.target_index];
    const std::optional<any_quantity>& measure = r.actual ? r.actual : r.required;
    const quantity_kind kind = measure ? measure->kind() : t.threshold_unit.kind();
    if (t.threshold_unit.kind() == kind) return t.threshold_unit;
    const indicator& ind = p.indicator_of(t);
    if (ind.kind() == kind) return ind.declared_unit;
    return unit::canonical(kind);
}

std::optional<shown_value> show(const plan& p, const target_result& r, const std::optional<any_quantity>& q) {
    if (!q) return std::nullopt;
    const unit u = display_unit(p, r);
    if (u.kind() != q->kind()) return shown_value{q->canonical_value(), std::string(canonical_spelling(q->kind(), language::zh))};
    return shown_value{u.value_of(*q), u.spelling()};
}

std::string format_display(double value, int decimals) {
    if (!std::isfinite(value)) return "—";
    const double magnitude = std::abs(value);
    // Small values keep three significant digits rather than rounding to zero.
    if (magnitude != 0 && magnitude < std::pow(10.0, -decimals)) return format_number(value, 3);
    std::string s = fmt::format("{:.{}f}", value, decimals);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

std::string format_attainment(const units::quantity_of<quantity_kind::share>& a) {
    // Rounded down, as the plan reports completion ("完成任务的138%"); a tiny epsilon keeps
    // 138.0 computed as 137.99999999 from showing as 137.
    // Casting inf or NaN to an integer is undefined (it printed -9223372036854775808%).
    if (!std::isfinite(a.value()) || std::abs(a.value()) > 1e15) return "—";
    return fmt::format("{}%", static_cast<long long>(std::floor(a.value() + 1e-9)));
}

std::string render(report_format format, const report_context& ctx) {
    switch (format) {
        case report_format::text: return render_text(ctx);
        case report_format::json: return render_json(ctx);
        case report_format::csv: return render_csv(ctx);
        case report_format::markdown: return render_markdown(ctx);
        case report_format::junit: return render_junit(ctx);
        case report_format::github: return render_github(ctx);
        case report_format::html: return render_html(ctx);
        case report_format::xlsx: {
            auto book = render_xlsx(ctx);
            return book ? std::move(*book) : std::string();
        }
    }
    return render_text(ctx);
}

}  // namespace plancheck
