// plancheck as a library: load the shipped plan, read a statistics file, evaluate it, walk the
// results, and work with typed quantities directly. docs/library.md explains each step.
//
//     plancheck-example examples/nmg-2020-illustrative.csv

#include <iostream>
#include <string>
#include <utility>

#include <plancheck/evaluate.hpp>
#include <plancheck/observations.hpp>
#include <plancheck/report.hpp>
#include <plancheck/rule_loader.hpp>
#include <plancheck/unit.hpp>
#include <plancheck/units.hpp>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: plancheck-example STATISTICS.csv\n";
        return 2;
    }
    const plancheck::language lang = plancheck::language::en;

    // 1. The plan: the rule sets ship inside the library, so no file is needed.
    plancheck::result<plancheck::plan> loaded = plancheck::load_shipped_plan(plancheck::default_plan_id);
    if (!loaded) {
        std::cerr << loaded.error().format(lang) << '\n';
        return 2;
    }
    const plancheck::plan& plan = *loaded;
    std::cout << plan.info.title.in(lang) << " (" << plan.info.document << "), " << plan.targets.size()
              << " targets\n";

    // 2. The statistics: every row is used, ignored with a reason (a note) or refused (an error).
    plancheck::observation_reader reader(plan, plancheck::read_options{});
    reader.read_file(argv[1]);
    for (const plancheck::error& e : reader.problems())
        if (e.level != plancheck::severity::note) std::cerr << e.format(lang) << '\n';
    if (reader.failed()) return 2;  // nothing may be evaluated on data with errors
    const plancheck::observation_set data = std::move(reader).finish();

    // 3. Evaluation is a pure function: no I/O, the same result for the same inputs.
    plancheck::evaluation_options options;  // the latest year in the data, linear interim path
    options.tolerance = 2.0 * plancheck::units::per_cent;  // a typed share, not a bare double
    const plancheck::evaluation ev = plancheck::evaluate(plan, data, options);

    // 4. The results: one per target, region and year, with values in the target's own unit.
    for (const plancheck::target_result& r : ev.results) {
        if (plancheck::counts_as_met(r.verdict)) continue;
        const plancheck::target& t = plan.targets[r.target_index];
        std::cout << "  " << plancheck::to_string(r.verdict) << "  " << t.id << ' ' << r.year;
        const auto actual = plancheck::show(plan, r, r.actual);
        const auto required = plancheck::show(plan, r, r.required);
        if (actual && required)
            std::cout << ": " << plancheck::format_display(actual->number) << ' ' << actual->unit << " against "
                      << plancheck::format_display(required->number) << ' ' << required->unit;
        std::cout << "\n    " << t.source << '\n';
    }
    const plancheck::tally& all = ev.summary.all;
    std::cout << "compliance: " << all.met << '/' << all.evaluated;
    if (const auto share = all.compliance()) std::cout << " (" << plancheck::format_display(share->value(), 1) << "%)";
    std::cout << '\n';

    // 5. Typed quantities. The cap from the plan's sentence, written in code: its type is a coal
    //    equivalent in 亿吨标准煤, and adding a mass to it would not compile.
    using namespace plancheck::units;
    const quantity_of<quantity_kind::coal> cap(2.25 * hundred_million_tce);  // explicit: to tce

    // A value spelled as in a statistics file, resolved at run time to a typed quantity.
    const plancheck::result<plancheck::unit> unit = plancheck::parse_unit("万吨标准煤");
    if (!unit) {
        std::cerr << unit.error().format(lang) << '\n';
        return 2;
    }
    const plancheck::any_quantity reported = unit->quantity(23400);
    if (const quantity_of<quantity_kind::coal>* coal = reported.get_if<quantity_kind::coal>())
        std::cout << "23400 万吨标准煤 is " << (*coal > cap ? "above" : "within") << " the 2.25 亿吨标准煤 cap, by "
                  << plancheck::format_display(unit->value_of(plancheck::any_quantity(*coal - cap))) << ' '
                  << unit->spelling() << '\n';

    // The same for the value the data holds: the indicator, its region and year.
    const auto region = data.region_index(plan.info.region.zh);
    const auto indicator = plan.indicator_index("energy.total_consumption");
    if (region && indicator && !ev.years.empty())
        if (const plancheck::observation* o = data.find(*region, *indicator, ev.years.back()))
            if (const auto* coal = o->value.get_if<quantity_kind::coal>())
                std::cout << "the data's " << ev.years.back() << " total, "
                          << plancheck::format_display(unit->value_of(o->value)) << ' ' << unit->spelling() << " (at "
                          << data.resolve(o->where).to_string() << "), is " << (*coal > cap ? "above" : "within")
                          << " the cap\n";
    return all.compliance() && all.met == all.evaluated ? 0 : 1;
}
