// Must not compile: a share (%) plus a change of a share (percentage points).
#include "plancheck/units.hpp"

namespace u = plancheck::units;

double percent_plus_percentage_point() {
    const auto share = 12.0 * u::per_cent;
#ifndef PLANCHECK_COMPILE_FAIL_CONTROL
    const auto sum = share + 3.0 * u::percentage_point_units;
#else
    const auto sum = share + 3.0 * u::per_cent;  // two shares: fine
#endif
    return sum.value();
}
