// Units: spellings, normalisation, conversion factors from Boost.Units, dimension errors,
// suggestions, the explicit calorific conversion and typed run-time quantities.

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catch.hpp"
#include "plancheck/quantity.hpp"
#include "plancheck/unit.hpp"
#include "plancheck/units.hpp"

namespace Catch {
template <>
struct StringMaker<plancheck::quantity_kind> {
    static std::string convert(plancheck::quantity_kind k) { return std::string(plancheck::kind_id(k)); }
};
template <>
struct StringMaker<plancheck::error_code> {
    static std::string convert(plancheck::error_code c) { return std::string(plancheck::to_string(c)); }
};
}  // namespace Catch

namespace {

using plancheck::any_quantity;
using plancheck::error_code;
using plancheck::language;
using plancheck::parse_unit;
using plancheck::quantity_kind;
using plancheck::unit;
using Catch::Matchers::WithinRel;

std::vector<quantity_kind> all_kinds() {
    std::vector<quantity_kind> kinds;
    for (std::size_t i = 0; i < plancheck::units::quantity_kind_count; ++i)
        kinds.push_back(static_cast<quantity_kind>(i));
    return kinds;
}

// Parses a spelling the test expects to be known.
unit known(std::string_view spelling) {
    auto u = parse_unit(spelling);
    INFO("spelling: " << spelling);
    if (!u) FAIL(u.error().message.en);
    return *u;
}

// Expresses `value` given in `from` in the unit `to`, through the library's own conversion.
double expressed(double value, std::string_view from, std::string_view to) {
    const unit f = known(from);
    const unit t = known(to);
    auto q = plancheck::convert(value, f, t);
    INFO(from << " → " << to);
    if (!q) FAIL(q.error().message.en);
    return t.value_of(*q);
}

// The factor of a unit to its kind's canonical unit.
double factor_of(const unit& u) { return u.quantity(1.0).canonical_value(); }

}  // namespace

TEST_CASE("Every listed spelling parses to its own kind and factor", "[units][spellings]") {
    const auto spellings = plancheck::unit_spellings();
    REQUIRE(spellings.size() > 100);
    for (const auto& s : spellings) {
        INFO("spelling: " << s.spelling);
        auto u = parse_unit(s.spelling);
        REQUIRE(u.has_value());
        CHECK(u->kind() == s.kind);
        CHECK(u->spelling() == s.spelling);
        CHECK_THAT(factor_of(*u), WithinRel(s.to_canonical, 1e-12));
    }
}

TEST_CASE("Every listed spelling round-trips a value through its canonical unit", "[units][spellings]") {
    for (const auto& s : plancheck::unit_spellings()) {
        const unit u = known(s.spelling);
        for (const double x : {1.0, 2.25, 0.001, 12345.678, -7.1, 3.0e9}) {
            INFO("spelling: " << s.spelling << ", value " << x);
            CHECK_THAT(u.value_of(u.quantity(x)), WithinRel(x, 1e-12));
        }
    }
}

TEST_CASE("No two spellings collide after normalisation with a different kind or factor",
          "[units][spellings]") {
    std::map<std::string, std::pair<std::string_view, const plancheck::unit_spelling*>> seen;
    for (const auto& s : plancheck::unit_spellings()) {
        const std::string key = plancheck::normalize_unit_spelling(s.spelling);
        INFO("spelling: " << s.spelling << " (key " << key << ")");
        CHECK_FALSE(key.empty());
        const auto [it, inserted] = seen.try_emplace(key, s.spelling, &s);
        if (inserted) continue;
        INFO("collides with: " << it->second.first);
        CHECK(it->second.second->kind == s.kind);
        CHECK_THAT(it->second.second->to_canonical, WithinRel(s.to_canonical, 1e-12));
    }
}

TEST_CASE("Every quotient example parses to the kind it is listed under", "[units][quotients]") {
    std::size_t examples = 0;
    for (const quantity_kind kind : all_kinds()) {
        for (const std::string_view spelling : plancheck::quotient_examples(kind)) {
            ++examples;
            INFO("kind " << plancheck::kind_id(kind) << ", spelling " << spelling);
            auto u = parse_unit(spelling);
            REQUIRE(u.has_value());
            CHECK(u->kind() == kind);
            CHECK_THAT(u->value_of(u->quantity(42.5)), WithinRel(42.5, 1e-12));
        }
    }
    CHECK(examples >= 20);
    CHECK(plancheck::quotient_examples(quantity_kind::coal).empty());
}

TEST_CASE("Every quotient rule combines two kinds into a third", "[units][quotients]") {
    const auto rules = plancheck::quotient_rules();
    REQUIRE_FALSE(rules.empty());
    for (const auto& r : rules) {
        const std::string spelling = std::string(plancheck::canonical_spelling(r.numerator, language::zh)) + "/" +
                                     std::string(plancheck::canonical_spelling(r.denominator, language::zh));
        INFO(spelling);
        const unit u = known(spelling);
        CHECK(u.kind() == r.result);
    }
}

TEST_CASE("The canonical spelling of every kind parses back to that kind with factor 1",
          "[units][canonical]") {
    for (const quantity_kind kind : all_kinds()) {
        for (const language lang : {language::zh, language::en}) {
            const std::string_view spelling = plancheck::canonical_spelling(kind, lang);
            INFO("kind " << plancheck::kind_id(kind) << ", spelling " << spelling);
            const unit u = known(spelling);
            CHECK(u.kind() == kind);
            CHECK_THAT(factor_of(u), WithinRel(1.0, 1e-12));
        }
        const unit c = unit::canonical(kind);
        CHECK(c.kind() == kind);
        CHECK(c.spelling() == plancheck::canonical_spelling(kind, language::zh));
        CHECK_THAT(factor_of(c), WithinRel(1.0, 1e-12));
    }
    CHECK(plancheck::canonical_spelling(quantity_kind::coal, language::zh) == "吨标准煤");
    CHECK(plancheck::canonical_spelling(quantity_kind::coal, language::en) == "tce");
    CHECK(plancheck::canonical_spelling(quantity_kind::energy_intensity, language::zh) == "吨标准煤/万元");
}

TEST_CASE("Spellings are normalised: full-width forms, spaces and case", "[units][normalise]") {
    using plancheck::normalize_unit_spelling;
    CHECK(normalize_unit_spelling("10k TCE") == "10ktce");
    CHECK(normalize_unit_spelling("ｋｗｈ") == "kwh");
    CHECK(normalize_unit_spelling("万吨 标准煤") == "万吨标准煤");
    CHECK(normalize_unit_spelling("万吨\u3000标准煤") == "万吨标准煤");  // ideographic space
    CHECK(normalize_unit_spelling("％") == "%");
    CHECK(normalize_unit_spelling("吨标准煤／万元") == "吨标准煤/万元");
    CHECK(normalize_unit_spelling("㎡") == "m2");
    CHECK(normalize_unit_spelling("m²") == "m2");
    CHECK(normalize_unit_spelling("t·km") == "t*km");
    CHECK(normalize_unit_spelling("GWh") == "gwh");

    SECTION("normalised spellings resolve to the same unit as the listed ones") {
        const std::vector<std::pair<std::string_view, std::string_view>> same{
            {"10K TCE", "万吨标准煤"}, {"ｋｗｈ", "千瓦时"}, {"万吨 标准煤", "万吨标准煤"},
            {"％", "%"},               {"㎡", "平方米"},     {"１０ｋ ㎡", "万平方米"},
            {"KGCE／T", "kgce/t"},     {"gce / kWh", "克标准煤/千瓦时"}, {" MWH ", "兆瓦时"},
            {"t·km", "吨公里"},        {"ＧＷｈ", "GWh"},   {"10k m²", "万平方米"},
        };
        for (const auto& [odd, plain] : same) {
            INFO(odd << " vs " << plain);
            const unit a = known(odd);
            const unit b = known(plain);
            CHECK(a.same_as(b));
            CHECK(a.kind() == b.kind());
        }
    }
    SECTION("the unit keeps the spelling as given, trimmed") {
        CHECK(known("  万吨 ").spelling() == "万吨");
        CHECK(known("10K TCE").spelling() == "10K TCE");
    }
}

TEST_CASE("Conversions agree with hand-computed values", "[units][convert]") {
    struct pair_case {
        double value;
        std::string_view from;
        double expected;
        std::string_view to;
    };
    const std::vector<pair_case> cases{
        {2.25, "亿吨标准煤", 22500, "万吨标准煤"},
        {325, "gce/kWh", 325, "kgce/MWh"},
        {325, "gce/kWh", 0.325, "kgce/kWh"},
        {325, "克标准煤/千瓦时", 0.325, "千克标准煤/千瓦时"},
        {382, "千克标准煤/吨", 0.382, "吨标准煤/吨"},
        {1, "万千瓦时", 10, "MWh"},
        {10, "蒸吨/小时", 240, "吨/日"},
        {57.5, "万立方米/日", 575000, "m3/d"},
        {1, "km2", 100, "万平方米"},
        {1, "平方公里", 1e6, "平方米"},
        {1, "亿元", 10000, "万元"},
        {5, "万元", 50000, "CNY"},
        {3.5, "万吨", 35000, "t"},
        {1, "Mt", 100, "万吨"},
        {250, "kt", 25, "万吨"},
        {1, "TWh", 10, "亿千瓦时"},
        {1, "亿千瓦时", 100, "GWh"},
        {1, "万千瓦", 10, "MW"},
        {1, "GW", 100, "万千瓦"},
        {1, "亿千瓦", 10000, "万千瓦"},
        {1, "亿千瓦", 100, "GW"},
        {5000, "万千瓦", 0.5, "亿千瓦"},
        {0.5, "吨标准煤/万元", 500, "千克标准煤/万元"},
        {1, "千克标准煤/千人公里", 0.1, "千克标准煤/百人公里"},
        {1, "Mtce", 100, "万吨标准煤"},
        {20, "公斤标准煤", 0.02, "tce"},
        {3600, "MJ", 1000, "kWh"},
        {1, "GJ", 1e9 / 3.6e6, "度"},
        {12, "公里", 12000, "米"},
        {2, "t/h", 48, "t/d"},
        {1.5, "万辆", 15000, "辆"},
        {2, "万人", 20000, "人"},
        {3, "千克", 0.003, "吨"},
        {500, "克", 0.5, "kg"},
        {1, "100 t*km", 100, "吨公里"},
    };
    for (const auto& c : cases) {
        INFO(c.value << " " << c.from << " = " << c.expected << " " << c.to);
        CHECK_THAT(expressed(c.value, c.from, c.to), WithinRel(c.expected, 1e-12));
        // And back again.
        CHECK_THAT(expressed(c.expected, c.to, c.from), WithinRel(c.value, 1e-12));
    }
}

TEST_CASE("A unit's quantity is the value in the kind's canonical unit", "[units][convert]") {
    CHECK_THAT(known("亿吨标准煤").quantity(2.25).canonical_value(), WithinRel(2.25e8, 1e-12));
    CHECK_THAT(known("万吨").quantity(105.2).canonical_value(), WithinRel(1.052e6, 1e-12));
    CHECK_THAT(known("克标准煤/千瓦时").quantity(325).canonical_value(), WithinRel(325.0, 1e-12));
    CHECK_THAT(known("千克标准煤/千瓦时").quantity(0.325).canonical_value(), WithinRel(325.0, 1e-12));
    CHECK_THAT(known("吨标准煤/元").quantity(1).canonical_value(), WithinRel(1e4, 1e-12));
    CHECK(known("亿吨标准煤").quantity(2.25).kind() == quantity_kind::coal);
}

TEST_CASE("Converting across dimensions is E-UNIT-DIMENSION naming both kinds", "[units][errors]") {
    const unit wan_tonne = known("万吨");
    const unit wan_tce = known("万吨标准煤");

    auto bad = plancheck::convert(5, wan_tonne, wan_tce);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code == error_code::unit_dimension);
    CHECK(bad.error().message.en == "cannot convert 5 万吨 (mass) to 万吨标准煤 (coal equivalent)");
    CHECK(bad.error().message.zh == "无法把 5 万吨（质量）换算为 万吨标准煤（标准煤当量）");
    CHECK(bad.error().level == plancheck::severity::error);

    SECTION("a fractional value is shown as written") {
        auto e = plancheck::convert(2.5, known("%"), known("个百分点"));
        REQUIRE_FALSE(e.has_value());
        CHECK(e.error().message.en == "cannot convert 2.5 % (share) to 个百分点 (percentage points)");
    }
    SECTION("energy and coal equivalent do not convert without the calorific value") {
        auto e = plancheck::convert(1, known("kWh"), known("tce"));
        REQUIRE_FALSE(e.has_value());
        CHECK(e.error().message.en == "cannot convert 1 kWh (energy) to tce (coal equivalent)");
    }
    SECTION("power is not energy") {
        auto e = plancheck::convert(1, known("万千瓦"), known("万千瓦时"));
        REQUIRE_FALSE(e.has_value());
        CHECK(e.error().code == error_code::unit_dimension);
    }
    SECTION("dimension_mismatch carries the origin and formats like the CLI") {
        const auto err = plancheck::dimension_mismatch("5", wan_tonne, wan_tce, {"data.csv", 12, 4});
        CHECK(err.format(language::en) ==
              "data.csv:12:4: error[E-UNIT-DIMENSION]: cannot convert 5 万吨 (mass) to 万吨标准煤 (coal equivalent)");
        CHECK(err.format(language::zh) ==
              "data.csv:12:4: 错误[E-UNIT-DIMENSION]: 无法把 5 万吨（质量）换算为 万吨标准煤（标准煤当量）");
    }
    SECTION("without a value only the units are named") {
        const auto err = plancheck::dimension_mismatch("", wan_tonne, wan_tce);
        CHECK(err.message.en == "cannot convert 万吨 (mass) to 万吨标准煤 (coal equivalent)");
    }
}

TEST_CASE("Unknown spellings are E-UNIT with the nearest known spelling suggested", "[units][errors]") {
    SECTION("a typo of a coal unit suggests the standard spelling") {
        auto u = parse_unit("万吨标煤X");
        REQUIRE_FALSE(u.has_value());
        CHECK(u.error().code == error_code::unit_unknown);
        CHECK(u.error().message.en == "unknown unit \"万吨标煤X\" (did you mean 万吨标准煤?)");
        CHECK(u.error().message.zh == "无法识别的单位“万吨标煤X”（是否应为 万吨标准煤？）");
        CHECK(u.error().format(language::en) == "error[E-UNIT]: unknown unit \"万吨标煤X\" (did you mean 万吨标准煤?)");
    }
    SECTION("an English typo is answered in English") {
        auto u = parse_unit("kwhh");
        REQUIRE_FALSE(u.has_value());
        CHECK(u.error().message.en == "unknown unit \"kwhh\" (did you mean kWh?)");
    }
    SECTION("typos are matched without regard to case, as spellings are parsed") {
        // Regression: "KWHH" was compared with "kWh" case-sensitively (3 edits) and got no
        // suggestion, although "KWH" itself parses.
        auto u = parse_unit("KWHH");
        REQUIRE_FALSE(u.has_value());
        CHECK(u.error().message.en == "unknown unit \"KWHH\" (did you mean kWh?)");
        auto q = parse_unit("千克标准煤/万圆");
        REQUIRE_FALSE(q.has_value());
        CHECK(q.error().message.en == "unknown unit \"千克标准煤/万圆\" (did you mean 千克标准煤/万元?)");
    }
    SECTION("a mass per coal-less kind suggests coal over the same denominator") {
        auto u = parse_unit("吨/万元");
        REQUIRE_FALSE(u.has_value());
        CHECK(u.error().code == error_code::unit_unknown);
        CHECK(u.error().message.en ==
              "unknown unit \"吨/万元\" (did you mean 吨标准煤/万元?); mass per currency is not a kind of "
              "quantity plancheck knows");
    }
    SECTION("the suggestion for a quotient written with a full-width slash names the denominator once") {
        // Regression: the denominator was cut at an ASCII '/', which "克／万元" does not have,
        // so the whole spelling was appended ("克标准煤/克／万元").
        auto u = parse_unit("吨／万元");
        REQUIRE_FALSE(u.has_value());
        CHECK_THAT(u.error().message.en, Catch::Matchers::StartsWith(
                                             "unknown unit \"吨／万元\" (did you mean 吨标准煤/万元?)"));
    }
    SECTION("a suggestion never drops or adds a scale word") {
        // Regression (issue 17): "万t" was answered "did you mean t?", and 75.92 万吨 written as
        // 75.92 t made COD fall by 99.99 %.
        for (const auto& [typo, suggested] : std::vector<std::pair<std::string_view, std::string_view>>{
                 {"万tt", "万吨"}, {"万吨吨", "万吨"}, {"亿吨标准煤X", "亿吨标准煤"}, {"万吨标煤X", "万吨标准煤"}}) {
            INFO(typo);
            auto u = parse_unit(typo);
            REQUIRE_FALSE(u.has_value());
            CHECK(u.error().message.en ==
                  "unknown unit \"" + std::string(typo) + "\" (did you mean " + std::string(suggested) + "?)");
        }
        // Without a scale word, none is offered: "tt" is near t, never 万t.
        auto plain = parse_unit("tcee");
        REQUIRE_FALSE(plain.has_value());
        CHECK(plain.error().message.en == "unknown unit \"tcee\" (did you mean tce?)");
        // No spelling with 亿 is near: no suggestion at all rather than one without 亿.
        auto far = parse_unit("亿xyz");
        REQUIRE_FALSE(far.has_value());
        CHECK(far.error().message.en == "unknown unit \"亿xyz\" (`plancheck units` lists the accepted spellings)");
    }
    SECTION("a word far from every spelling gets no suggestion") {
        auto u = parse_unit("xyzzyplugh");
        REQUIRE_FALSE(u.has_value());
        CHECK(u.error().code == error_code::unit_unknown);
        CHECK(u.error().message.en == "unknown unit \"xyzzyplugh\" (`plancheck units` lists the accepted spellings)");
    }
    SECTION("empty, malformed and doubly-divided spellings are refused") {
        auto empty = parse_unit("   ");
        REQUIRE_FALSE(empty.has_value());
        CHECK(empty.error().code == error_code::unit_unknown);
        CHECK(empty.error().message.en == "empty unit");

        auto bytes = parse_unit("\xFF\xFE");
        REQUIRE_FALSE(bytes.has_value());
        CHECK(bytes.error().code == error_code::encoding);

        for (const std::string_view s : {"吨/吨/吨", "tce/", "/万元", "吨标准煤/苹果", "百分比/万元"}) {
            INFO(s);
            auto u = parse_unit(s);
            REQUIRE_FALSE(u.has_value());
            CHECK(u.error().code == error_code::unit_unknown);
        }
    }
}

TEST_CASE("suggest_spelling keeps the scale and changes the kind", "[units][suggest]") {
    CHECK(plancheck::suggest_spelling(known("万吨"), quantity_kind::coal) == "万吨标准煤");
    CHECK(plancheck::suggest_spelling(known("吨"), quantity_kind::coal) == "吨标准煤");
    CHECK(plancheck::suggest_spelling(known("kg"), quantity_kind::coal) == "kgce");
    CHECK(plancheck::suggest_spelling(known("克"), quantity_kind::coal) == "克标准煤");
    // No spelling of the wanted kind shares the scale: the canonical spelling.
    CHECK(plancheck::suggest_spelling(known("千瓦时"), quantity_kind::mass) == "吨");
}

TEST_CASE("The energy of coal uses the GB/T 2589 calorific value", "[units][calorific]") {
    using namespace plancheck::units;
    const quantity_of<quantity_kind::coal> one_tce(1.0 * tonnes_of_coal_equivalent);
    const auto energy = plancheck::energy_of_coal(one_tce);
    CHECK_THAT(energy.value(), WithinRel(29.3076e9 / 3.6e6, 1e-12));  // kWh

    const quantity_of<quantity_kind::coal> cap(2.25 * hundred_million_tce);
    CHECK_THAT(plancheck::energy_of_coal(cap).value(), WithinRel(2.25e8 * 29.3076e9 / 3.6e6, 1e-12));

    const auto back = plancheck::coal_of_energy(energy);
    CHECK_THAT(back.value(), WithinRel(1.0, 1e-12));
    const quantity_of<quantity_kind::energy> one_gwh(1.0 * megawatt_hours * 1000.0);
    CHECK_THAT(plancheck::coal_of_energy(one_gwh).value(), WithinRel(1e6 * 3.6e6 / 29.3076e9, 1e-12));
}

TEST_CASE("Percent and percentage points are different kinds", "[units][share]") {
    const unit pct = known("%");
    const unit pp = known("个百分点");
    CHECK(pct.kind() == quantity_kind::share);
    CHECK(known("％").kind() == quantity_kind::share);
    CHECK(known("百分比").kind() == quantity_kind::share);
    CHECK(pp.kind() == quantity_kind::percentage_points);
    CHECK(known("百分点").kind() == quantity_kind::percentage_points);
    CHECK(known("pp").kind() == quantity_kind::percentage_points);
    CHECK(known("点").kind() == quantity_kind::index);
    CHECK_FALSE(pct.same_as(pp));
    CHECK_FALSE(pct.quantity(3) == pp.quantity(3));
    CHECK_FALSE(plancheck::convert(3, pct, pp).has_value());
    CHECK_FALSE(plancheck::convert(3, pp, pct).has_value());
    // The canonical unit of a share is the percent itself: 12 % is stored as 12, not 0.12.
    CHECK_THAT(pct.quantity(12).canonical_value(), WithinRel(12.0, 1e-12));
}

TEST_CASE("An any_quantity made from a Boost quantity is in the canonical unit", "[units][quantity]") {
    using namespace plancheck::units;
    any_quantity q = 2.25 * plancheck::units::hundred_million_tce;
    CHECK(q.kind() == quantity_kind::coal);
    CHECK_THAT(q.canonical_value(), WithinRel(2.25e8, 1e-12));
    REQUIRE(q.get_if<quantity_kind::coal>() != nullptr);
    CHECK_THAT(q.get_if<quantity_kind::coal>()->value(), WithinRel(2.25e8, 1e-12));
    CHECK(q.get_if<quantity_kind::mass>() == nullptr);
    CHECK(q.get_if_type<quantity_of<quantity_kind::coal>>() != nullptr);
    CHECK(q.get_if_type<quantity_of<quantity_kind::energy>>() == nullptr);
    CHECK_THAT(known("万吨标准煤").value_of(q), WithinRel(22500.0, 1e-12));

    const any_quantity mass = 5.0 * ten_thousand_tonnes;
    CHECK(mass.kind() == quantity_kind::mass);
    CHECK_THAT(mass.canonical_value(), WithinRel(5e4, 1e-12));

    const any_quantity rate = 325.0 * (grams_of_coal_equivalent / kilowatt_hours);
    CHECK(rate.kind() == quantity_kind::coal_per_energy);
    CHECK_THAT(rate.canonical_value(), WithinRel(325.0, 1e-12));

    const any_quantity intensity = 0.5 * (tonnes_of_coal_equivalent / ten_thousand_yuan);
    CHECK(intensity.kind() == quantity_kind::energy_intensity);
    CHECK_THAT(intensity.canonical_value(), WithinRel(0.5, 1e-12));

    const any_quantity share = 12.0 * per_cent;
    CHECK(share.kind() == quantity_kind::share);
    CHECK_THAT(share.canonical_value(), WithinRel(12.0, 1e-12));

    const any_quantity points = 3.0 * percentage_point_units;
    CHECK(points.kind() == quantity_kind::percentage_points);

    SECTION("from_canonical builds the same value as a typed quantity") {
        const any_quantity same = any_quantity::from_canonical(quantity_kind::coal, 2.25e8);
        CHECK(same.kind() == q.kind());
        CHECK_THAT(same.canonical_value(), WithinRel(q.canonical_value(), 1e-15));
        // operator== compares kind and value; the same number in another kind is not equal.
        CHECK(any_quantity::from_canonical(quantity_kind::coal, q.canonical_value()) == q);
        CHECK_FALSE(any_quantity::from_canonical(quantity_kind::mass, q.canonical_value()) == q);
    }
    SECTION("visit passes the typed quantity") {
        const double v = q.visit([](const auto& typed) { return typed.value(); });
        CHECK_THAT(v, WithinRel(2.25e8, 1e-12));
    }
}

TEST_CASE("visit_same_kind applies f to two quantities of one kind and nothing else", "[units][quantity]") {
    using namespace plancheck::units;
    const any_quantity a = 2.25 * hundred_million_tce;
    const any_quantity b = 22000.0 * ten_thousand_tce;
    const any_quantity m = 5.0 * ten_thousand_tonnes;
    const auto difference = [](const auto& x, const auto& y) { return (x - y).value(); };

    const auto d = plancheck::visit_same_kind(a, b, difference);
    REQUIRE(d.has_value());
    CHECK_THAT(*d, WithinRel(5e6, 1e-12));

    const auto less = plancheck::visit_same_kind(b, a, [](const auto& x, const auto& y) { return x < y; });
    REQUIRE(less.has_value());
    CHECK(*less);

    CHECK_FALSE(plancheck::visit_same_kind(a, m, difference).has_value());
    CHECK_FALSE(plancheck::visit_same_kind(known("%").quantity(3), known("pp").quantity(3), difference).has_value());
}

TEST_CASE("same_as compares amounts, not spellings", "[units]") {
    CHECK(known("万吨标准煤").same_as(known("10k tce")));
    CHECK(known("度").same_as(known("kWh")));
    CHECK(known("千克标准煤/吨").same_as(known("kgce/t")));
    CHECK_FALSE(known("万吨标准煤").same_as(known("万吨")));
    CHECK_FALSE(known("吨").same_as(known("万吨")));
}

TEST_CASE("value_of a quantity of another kind is a broken invariant", "[units]") {
    const any_quantity coal = known("吨标准煤").quantity(1);
    CHECK_THROWS_AS((void)known("吨").value_of(coal), plancheck::invariant_violation);
}

TEST_CASE("Every kind has a distinct id and a name in both languages", "[units][kinds]") {
    std::map<std::string, quantity_kind> ids;
    for (const quantity_kind kind : all_kinds()) {
        const std::string id(plancheck::kind_id(kind));
        INFO(id);
        CHECK_FALSE(id.empty());
        CHECK(ids.emplace(id, kind).second);
        CHECK_FALSE(plancheck::kind_name(kind).en.empty());
        CHECK_FALSE(plancheck::kind_name(kind).zh.empty());
    }
    CHECK(plancheck::kind_id(quantity_kind::energy_intensity) == "energy_intensity");
    CHECK(plancheck::kind_name(quantity_kind::coal).en == "coal equivalent");
    CHECK(plancheck::kind_name(quantity_kind::coal).zh == "标准煤当量");
}

TEST_CASE("format_number writes significant digits without trailing zeros", "[units][format]") {
    using plancheck::format_number;
    CHECK(format_number(22500) == "22500");
    CHECK(format_number(5) == "5");
    CHECK(format_number(2.5) == "2.5");
    CHECK(format_number(-7.1) == "-7.1");
    CHECK(format_number(0.1 + 0.2) == "0.3");
    CHECK(format_number(2.25e8) == "225000000");
    CHECK(format_number(0.0) == "0");
    CHECK(format_number(-0.0) == "0");
    CHECK(format_number(0.000123) == "0.000123");
    CHECK(format_number(1.0 / 3.0, 3) == "0.333");
    CHECK(format_number(2.0 / 3.0, 2) == "0.67");
    CHECK(format_number(123456.0, 3) == "1.23e+05");
}

TEST_CASE("A Chinese scale word composes with a unit symbol (issue 17)", "[units][spellings]") {
    using Catch::Matchers::WithinRel;
    const auto factor = [](std::string_view s) {
        auto u = parse_unit(s);
        INFO(s);
        REQUIRE(u.has_value());
        return std::pair{u->kind(), u->quantity(1.0).canonical_value()};
    };
    for (const auto& [spelling, same_as] : std::vector<std::pair<std::string_view, std::string_view>>{
             {"万t", "万吨"}, {"万ｔ", "万吨"}, {"万 t", "万吨"}, {"亿t", "亿吨"}, {"万tce", "万吨标准煤"},
             {"万ｔｃｅ", "万吨标准煤"}, {"亿tce", "亿吨标准煤"}, {"万kWh", "万千瓦时"}, {"亿kWh", "亿千瓦时"},
             {"亿ｋＷｈ", "亿千瓦时"}, {"万kW", "万千瓦"}, {"万m2", "万平方米"}, {"百万t", "Mt"},
             {"亿CNY", "亿元"}, {"克标煤", "克标准煤"}, {"千克标煤", "千克标准煤"}, {"吨标煤/万元", "吨标准煤/万元"},
             {"克标煤/千瓦时", "克标准煤/千瓦时"}, {"g/kWh", "gce/kWh"}, {"克/千瓦时", "克标准煤/千瓦时"},
             {"ｇ／ｋＷｈ", "gce/kWh"}, {"万t/日", "万吨/日"}}) {
        INFO(spelling << " = " << same_as);
        const auto [kind, f] = factor(spelling);
        const auto [kind2, f2] = factor(same_as);
        CHECK(kind == kind2);
        CHECK_THAT(f, WithinRel(f2, 1e-12));
    }
    SECTION("scale words do not compose with shares, points, durations, indices or each other") {
        for (const std::string_view s : {"万%", "亿pp", "万d", "万pt", "万万吨", "万10kt", "亿万t", "万"}) {
            INFO(s);
            CHECK_FALSE(parse_unit(s).has_value());
        }
    }
}

TEST_CASE("Values are finite after conversion, within the range plancheck computes with", "[units][range]") {
    CHECK(plancheck::within_range(0));
    CHECK(plancheck::within_range(-0.0));
    CHECK(plancheck::within_range(1e100));
    CHECK(plancheck::within_range(-1e-100));
    CHECK_FALSE(plancheck::within_range(1e101));
    CHECK_FALSE(plancheck::within_range(4.9e-324));
    CHECK_FALSE(plancheck::within_range(std::numeric_limits<double>::infinity()));
    CHECK_FALSE(plancheck::within_range(std::numeric_limits<double>::quiet_NaN()));
    const auto wan = parse_unit("万吨");
    REQUIRE(wan.has_value());
    const plancheck::error e = plancheck::out_of_range("1e305", *wan, wan->quantity(1e305).canonical_value());
    CHECK(e.code == error_code::number_range);
    CHECK(e.message.en ==
          "1e305 万吨 is infinity 吨: outside the range plancheck computes with (0, or ±1e-100 to ±1e+100 吨), "
          "where a change or a ratio of it could overflow");
    SECTION("convert refuses a result that is not finite") {
        const auto yi = parse_unit("亿吨");
        const auto g = parse_unit("克");
        REQUIRE((yi.has_value() && g.has_value()));
        auto r = plancheck::convert(1e305, *yi, *g);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == error_code::number_range);
    }
}
