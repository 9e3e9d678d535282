#pragma once
// Private: the rule files of targets/, compiled into the library by cmake/embed_files.cmake.

#include <span>
#include <string_view>

namespace plancheck::detail {

struct embedded_file {
    std::string_view name;     ///< file name, e.g. "nmg-13fyp-energy.toml"
    std::string_view content;  ///< its bytes
};

/// The shipped rule files, sorted by name.
std::span<const embedded_file> embedded_plan_files();

}  // namespace plancheck::detail
