// Must not compile: a wan_tonne (mass) quantity stored in a quantity_of<quantity_kind::coal>.
#include "plancheck/units.hpp"

namespace u = plancheck::units;

double coal_constructed_from_mass() {
#ifndef PLANCHECK_COMPILE_FAIL_CONTROL
    const u::quantity_of<u::quantity_kind::coal> coal(5.0 * u::ten_thousand_tonnes);
#else
    const u::quantity_of<u::quantity_kind::coal> coal(5.0 * u::ten_thousand_tce);  // coal: fine
#endif
    return coal.value();
}
