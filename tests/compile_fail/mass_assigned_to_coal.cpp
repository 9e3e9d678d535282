// Must not compile: implicitly copy-initialising a coal quantity from 万吨 (mass).
#include "plancheck/units.hpp"

namespace u = plancheck::units;

double mass_assigned_to_coal() {
    u::quantity_of<u::quantity_kind::coal> coal = 1.0 * u::tonnes_of_coal_equivalent;
#ifndef PLANCHECK_COMPILE_FAIL_CONTROL
    coal = 5.0 * u::ten_thousand_tonnes;
#else
    coal = u::quantity_of<u::quantity_kind::coal>(5.0 * u::ten_thousand_tce);  // explicit, same kind
#endif
    return coal.value();
}
