// Must not compile: adding a mass (万吨) to a coal-equivalent amount (亿吨标准煤).
#include "plancheck/units.hpp"

namespace u = plancheck::units;

double coal_plus_mass() {
    const auto coal = 2.25 * u::hundred_million_tce;
#ifndef PLANCHECK_COMPILE_FAIL_CONTROL
    const auto total = coal + 5.0 * u::ten_thousand_tonnes;
#else
    const auto total = coal + 0.5 * u::hundred_million_tce;  // same kind and unit: fine
#endif
    return total.value();
}
