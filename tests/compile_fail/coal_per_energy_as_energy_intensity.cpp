// Must not compile: a coal-per-kWh rate stored as an energy intensity (coal per currency).
#include "plancheck/units.hpp"

namespace u = plancheck::units;

double coal_per_energy_as_energy_intensity() {
    const auto rate = 325.0 * (u::grams_of_coal_equivalent / u::kilowatt_hours);
#ifndef PLANCHECK_COMPILE_FAIL_CONTROL
    const u::quantity_of<u::quantity_kind::energy_intensity> intensity(rate);
    return intensity.value();
#else
    const u::quantity_of<u::quantity_kind::coal_per_energy> same(rate);
    return same.value();
#endif
}
