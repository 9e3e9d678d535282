// Must not compile: comparing electricity (kWh) with coal (tce) without energy_of_coal.
#include "plancheck/units.hpp"

namespace u = plancheck::units;

bool energy_compared_with_coal() {
    const auto electricity = 8000.0 * u::kilowatt_hours;
    const auto coal = 1.0 * u::tonnes_of_coal_equivalent;
#ifndef PLANCHECK_COMPILE_FAIL_CONTROL
    return electricity < coal;
#else
    // The explicit calorific conversion (GB/T 2589) makes the comparison well-typed.
    const u::quantity_of<u::quantity_kind::energy> coal_energy(coal * u::calorific_value_of_standard_coal);
    return electricity < coal_energy;
#endif
}
