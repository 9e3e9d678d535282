#pragma once
// Shared by the fuzz targets: the tests' byte source that hands out its bytes a few at a time (so
// the CSV reader meets every record split at every possible place), and a check that survives
// Release builds and stops the fuzzer with a message naming the broken property.

#include <cstdio>
#include <cstdlib>

#include "trickle_source.hpp"

namespace plancheck_fuzz {

/// Aborts with a message when a property every input must have does not hold: libFuzzer saves
/// the input as a crash.
#define PLANCHECK_FUZZ_CHECK(cond)                                                            \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            std::fprintf(stderr, "fuzz property broken: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                     \
        }                                                                                     \
    } while (false)

using plancheck_test::trickle_source;

}  // namespace plancheck_fuzz
