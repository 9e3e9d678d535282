#pragma once
/// The plans available to a run: those shipped in the binary and those loaded from files.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plancheck/error.hpp"
#include "plancheck/plan.hpp"

namespace plancheck {

/// Shipped plans load on first use; rule files given with --targets load at once.
class plan_catalog {
public:
    /// Loads each rule file; the first error ends the load.
    [[nodiscard]] static result<plan_catalog> with_files(const std::vector<std::string>& rule_files);

    /// The plan with this id; without one, the first loaded file's plan, else the default plan.
    [[nodiscard]] result<const plan*> choose(std::string_view id = {});

    /// Ids of every plan available: loaded files first, then shipped ones.
    [[nodiscard]] std::vector<std::string> ids() const;
    /// True when the id names a plan from a file rather than a shipped one.
    [[nodiscard]] bool is_loaded_from_file(std::string_view id) const;

private:
    std::vector<std::unique_ptr<plan>> loaded_;   // from --targets
    std::vector<std::unique_ptr<plan>> shipped_;  // loaded on demand
};

}  // namespace plancheck
