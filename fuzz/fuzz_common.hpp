#pragma once
// Shared by the fuzz targets: a byte source that hands out its bytes a few at a time (so the
// CSV reader meets every record split at every possible place), and a check that survives
// Release builds and stops the fuzzer with a message naming the broken property.

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "plancheck/csv.hpp"

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

/// Bytes of a string, at most `step` per read (step ≥ 1, so a read of 0 still means the end).
class trickle_source final : public plancheck::csv::byte_source {
public:
    trickle_source(std::string bytes, std::size_t step) : bytes_(std::move(bytes)), step_(std::max<std::size_t>(step, 1)) {}
    plancheck::result<std::size_t> read(char* buffer, std::size_t size) override {
        const std::size_t n = std::min({size, step_, bytes_.size() - pos_});
        std::memcpy(buffer, bytes_.data() + pos_, n);
        pos_ += n;
        return n;
    }

private:
    std::string bytes_;
    std::size_t step_;
    std::size_t pos_ = 0;
};

}  // namespace plancheck_fuzz
