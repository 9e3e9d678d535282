#pragma once
// A byte source that hands out at most a few bytes per read, as a pipe or a slow disk may: the
// CSV reader then meets every record cut at every possible place. Used by the tests and the fuzz
// targets.

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>

#include "plancheck/csv.hpp"

namespace plancheck_test {

/// The bytes of a string, at most `step` per read (a step of 0 counts as 1, so a read of 0
/// bytes still means the end).
class trickle_source final : public plancheck::csv::byte_source {
public:
    /// Serves `bytes`, `step` at a time.
    trickle_source(std::string bytes, std::size_t step)
        : bytes_(std::move(bytes)), step_(std::max<std::size_t>(step, 1)) {}
    /// Copies at most `step` bytes (fewer at the end) into `buffer`.
    plancheck::result<std::size_t> read(char* buffer, std::size_t size) override {
        const std::size_t n = std::min({size, step_, bytes_.size() - pos_});
        bytes_.copy(buffer, n, pos_);
        pos_ += n;
        return n;
    }

private:
    std::string bytes_;
    std::size_t step_;
    std::size_t pos_ = 0;
};

}  // namespace plancheck_test
