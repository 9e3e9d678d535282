// The JSON report. Its schema is documented in docs/json-report.md; names are stable.

#include <nlohmann/json.hpp>

#include "report/json_common.hpp"

#include "plancheck/report.hpp"

namespace plancheck {

namespace {

using json = nlohmann::ordered_json;

json number_or_null(const std::optional<shown_value>& v) { return v ? json(v->number) : json(nullptr); }

json localized(const localized_text& t) { return detail::localized_json(t); }
using detail::tally_json;

}  // namespace

std::string render_json(const report_context& ctx) {
    const plan& p = ctx.p;
    const evaluation& ev = ctx.ev;

    json inputs = json::array();
    for (const input_summary& in : ctx.data.inputs())
        inputs.push_back(json{{"file", in.name},
                              {"sha256", in.sha256},
                              {"bytes", in.bytes},
                              {"encoding", in.encoding},
                              {"format", in.format},
                              {"bom", in.bom},
                              {"rows", in.rows},
                              {"used", in.used},
                              {"ignored", in.ignored},
                              {"rejected", in.rejected},
                              {"blank_lines", in.blank_lines},
                              {"values_without_unit", in.unit_assumed},
                              {"extra_columns", in.extra_columns}});
    json options = json::object();
    for (const auto& [k, v] : ctx.run.options) options[k] = v;

    json run{{"plancheck_version", ctx.run.version},
             {"plan",
              {{"id", p.info.id},
               {"title", localized(p.info.title)},
               {"document", p.info.document},
               {"rule_file", p.file},
               {"rule_file_sha256", p.sha256}}},
             {"inputs", std::move(inputs)},
             {"options", std::move(options)}};

    const compliance_summary& s = ev.summary;
    json summary = tally_json(s.all);
    summary["year"] = ev.years.empty() ? json(nullptr) : json(ev.years.back());
    summary["years"] = ev.years;
    summary["fail_under_percent"] = ctx.run.fail_under ? json(*ctx.run.fail_under) : json(nullptr);
    summary["require_all"] = ev.options.require_all;
    summary["binding"] = tally_json(s.binding);
    summary["expected"] = tally_json(s.expected);
    json regions = json::array();
    for (const auto& [region, t] : s.by_region) {
        json entry = tally_json(t);
        entry["region"] = region;
        const auto g = s.region_grade.find(region);
        entry["grade"] = to_string(g != s.region_grade.end() ? g->second : grade::none);
        regions.push_back(std::move(entry));
    }
    summary["regions"] = std::move(regions);

    json results = json::array();
    for (const target_result& r : ev.results) {
        const target& t = p.targets[r.target_index];
        const indicator& ind = p.indicator_of(t);
        const unit shown_unit = display_unit(p, r);
        json used = json::array();
        json origins = json::array();
        for (const input_value& v : r.inputs) {
            const unit vu = v.value.kind() == ind.kind() ? ind.declared_unit : unit::canonical(v.value.kind());
            const std::string where = v.where ? v.where->to_string() : std::string();
            used.push_back(json{{"role", v.role},
                                {"year", v.year},
                                {"value", vu.value_of(v.value)},
                                {"unit", vu.spelling()},
                                {"origin", v.where ? json(where) : json(nullptr)},
                                {"from_plan", v.from_plan}});
            if (v.where) origins.push_back(where);
        }
        results.push_back(json{
            {"target", t.id},
            {"name", localized(t.name)},
            {"indicator", ind.id},
            {"indicator_name", localized(ind.name)},
            {"region", r.region},
            {"year", r.year},
            {"interim", r.interim},
            {"kind", to_string(t.kind)},
            {"comparison", to_string(t.cmp)},
            {"approximate", t.approximate},
            {"binding", t.binding},
            {"section", t.section},
            {"source", t.source},
            {"status", to_string(r.verdict)},
            {"actual", number_or_null(show(p, r, r.actual))},
            {"required", number_or_null(show(p, r, r.required))},
            {"target_value", number_or_null(show(p, r, r.target_value))},
            {"gap", number_or_null(show(p, r, r.gap))},
            {"unit", shown_unit.spelling()},
            {"attainment_percent", r.attainment ? json(r.attainment->value()) : json(nullptr)},
            {"attainment_meaning", r.attainment ? json(to_string(r.attainment_is)) : json(nullptr)},
            {"attainment_note", r.attainment_note.en.empty() ? json(nullptr) : localized(r.attainment_note)},
            {"time_progress_percent", r.time_progress ? json(r.time_progress->value()) : json(nullptr)},
            {"grade", to_string(r.warning)},
            {"basis", to_string(r.basis)},
            {"base_year", t.base_year ? json(*t.base_year) : json(nullptr)},
            {"target_year", t.year},
            {"inputs", std::move(used)},
            {"origin", std::move(origins)},
            {"reason", r.reason.en.empty() ? json(nullptr) : localized(r.reason)},
        });
    }

    json unevaluable = json::array();
    for (const unevaluable_target& u : p.unevaluable)
        unevaluable.push_back(json{{"id", u.id}, {"section", u.section}, {"source", u.source}, {"reason", localized(u.reason)}});

    json findings = json::array();
    for (const error& e : ctx.findings) findings.push_back(detail::finding_json(e));

    // Every value read, in its canonical unit (exact: the double itself), so that `plancheck merge`
    // can judge the values of several reports as one run would.
    const observation_set& data = ctx.data;
    json data_regions = json::array();
    for (const std::string& r : data.regions()) data_regions.push_back(r);
    json vintages = json::array();
    for (std::size_t i = 1; i < data.vintages().size(); ++i) vintages.push_back(data.vintages()[i]);
    json values = json::array();
    for (std::uint32_t r = 0; r < data.regions().size(); ++r) {
        for (std::size_t i = 0; i < p.indicators.size(); ++i) {
            const auto slots = data.values_of(r, i);
            for (std::size_t y = 0; y < slots.size(); ++y) {
                if (!slots[y]) continue;
                const observation& o = *slots[y];
                values.push_back(json{{"region", data.regions()[r]},
                                      {"indicator", p.indicators[i].id},
                                      {"year", data.first_year() + static_cast<int>(y)},
                                      {"value", o.value.canonical_value()},
                                      {"unit", unit::canonical(o.value.kind()).spelling()},
                                      {"file", o.where.file},
                                      {"line", o.where.line},
                                      {"column", o.where.column},
                                      {"price_base", o.price_base != 0 ? json(o.price_base) : json(nullptr)},
                                      {"vintage", o.vintage != 0 ? json(data.vintages()[o.vintage]) : json(nullptr)}});
            }
        }
    }
    json data_json{{"regions", std::move(data_regions)},
                   {"vintages", std::move(vintages)},
                   {"read_findings", ctx.run.read_findings},
                   {"read_findings_left_out", ctx.run.read_left_out},
                   {"values", std::move(values)}};

    json doc{{"schema", "plancheck-report/1"},
             {"run", std::move(run)},
             {"summary", std::move(summary)},
             {"results", std::move(results)},
             {"not_encoded", std::move(unevaluable)},
             {"findings", std::move(findings)},
             {"findings_left_out", ctx.findings_left_out},
             {"data", std::move(data_json)}};
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace plancheck
