// Must not compile: an any_quantity made from tonne·tonne, a dimension that is no kind.
#include "plancheck/quantity.hpp"

namespace u = plancheck::units;

double any_quantity_of_no_kind() {
#ifndef PLANCHECK_COMPILE_FAIL_CONTROL
    const plancheck::any_quantity q = 2.0 * (u::tonnes * u::tonnes);
#else
    const plancheck::any_quantity q = 2.0 * u::tonnes;  // mass: fine
#endif
    return q.canonical_value();
}
