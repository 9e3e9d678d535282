#pragma once
// Names in statistics files (indicators, columns) matched against the names a plan knows, after
// text::fold_name: equal (known), a slip of one known name (close: an error with "did you mean"),
// or far from all of them (a name the plan does not use: counted and listed once).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace plancheck::detail {

/// How a spelling relates to the known names.
struct name_match {
    enum class how : std::uint8_t { known, close, far };
    how kind = how::far;
    std::uint32_t number = 0;  ///< known: the item it names; close: the item it is a slip of
    std::string suggestion;    ///< close: the known spelling it is nearest to
};

/// Known names, each with the number of what it names.
class name_matcher {
public:
    /// Adds a known spelling; the first spelling of a folded name wins.
    void add(std::string_view spelling, std::uint32_t number);
    /// Known after folding, a slip of one known name (text::slip_limit), or far from all.
    [[nodiscard]] name_match match(std::string_view spelling) const;

private:
    struct entry {
        std::string spelling;
        std::u32string folded;
        std::uint32_t number;
    };
    std::unordered_map<std::string, std::uint32_t> by_fold_;
    std::vector<entry> known_;
};

}  // namespace plancheck::detail
