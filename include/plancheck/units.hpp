#pragma once
/// Compile-time units: the Boost.Units dimensions, units and quantity kinds plancheck knows.
///
/// Boost.Units is the single source of dimensions and conversion factors. Standard-coal
/// equivalent, currency, items, persons, percentage points and index points are base dimensions
/// of their own, so that a coal amount can never be compared with a pollutant mass, nor a share
/// with a change of a share. Mixing them does not compile:
///
///     using namespace plancheck::units;
///     auto cap = 2.25 * hundred_million_tce;          // quantity of coal equivalent
///     quantity_of<quantity_kind::coal> c(cap);         // explicit conversion to tce: fine
///     // auto bad = cap + 5.0 * ten_thousand_tonnes;   // coal + mass: does not compile

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/base_units/metric/day.hpp>
#include <boost/units/base_units/metric/hour.hpp>
#include <boost/units/base_units/metric/ton.hpp>
#include <boost/units/conversion.hpp>
#include <boost/units/make_scaled_unit.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/scale.hpp>
#include <boost/units/static_rational.hpp>
#include <boost/units/systems/si/area.hpp>
#include <boost/units/systems/si/dimensionless.hpp>
#include <boost/units/systems/si/energy.hpp>
#include <boost/units/systems/si/length.hpp>
#include <boost/units/systems/si/mass.hpp>
#include <boost/units/systems/si/power.hpp>
#include <boost/units/systems/si/volume.hpp>
#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

namespace plancheck::units {

namespace bu = boost::units;

// ---------------------------------------------------------------------------------------------
// Base dimensions that SI does not have. The numbers only need to be unique and positive
// (Boost.Units reserves negative ones for its own dimensions).

/// Standard-coal equivalent: an amount of primary energy measured in coal, not SI energy.
struct coal_equivalent_base_dimension : bu::base_dimension<coal_equivalent_base_dimension, 101> {};
/// Money. The price basis (current or constant prices of a year) is indicator metadata.
struct currency_base_dimension : bu::base_dimension<currency_base_dimension, 102> {};
/// Counted things: units, firms, vehicles, plants, projects.
struct item_base_dimension : bu::base_dimension<item_base_dimension, 103> {};
/// Persons, for per-capita quantities.
struct person_base_dimension : bu::base_dimension<person_base_dimension, 104> {};
/// Percentage points: the difference of two shares, which is not itself a share.
struct percentage_point_base_dimension
    : bu::base_dimension<percentage_point_base_dimension, 105> {};
/// Points of a composite index (such as the ecological index EI), not a share.
struct index_point_base_dimension : bu::base_dimension<index_point_base_dimension, 106> {};

/// The dimensions of the base dimensions above, for defining units.
using coal_equivalent_dimension = coal_equivalent_base_dimension::dimension_type;
using currency_dimension = currency_base_dimension::dimension_type;
using item_dimension = item_base_dimension::dimension_type;
using person_dimension = person_base_dimension::dimension_type;
using percentage_point_dimension = percentage_point_base_dimension::dimension_type;
using index_point_dimension = index_point_base_dimension::dimension_type;

// ---------------------------------------------------------------------------------------------
// Base units of those dimensions.

/// Tonne of standard-coal equivalent (吨标准煤), 1 tce = 7000 kcal (GB/T 2589).
struct tce_base_unit : bu::base_unit<tce_base_unit, coal_equivalent_dimension, 101> {
    static constexpr const char* name() { return "tonne of coal equivalent"; }  ///< for output
    static constexpr const char* symbol() { return "tce"; }  ///< for output
};
/// Yuan renminbi (元).
struct yuan_base_unit : bu::base_unit<yuan_base_unit, currency_dimension, 102> {
    static constexpr const char* name() { return "yuan"; }  ///< for output
    static constexpr const char* symbol() { return "CNY"; }  ///< for output
};
/// One counted item (个, 家, 辆, 台, 座, 项, 处).
struct item_base_unit : bu::base_unit<item_base_unit, item_dimension, 103> {
    static constexpr const char* name() { return "item"; }  ///< for output
    static constexpr const char* symbol() { return "item"; }  ///< for output
};
/// One person (人).
struct person_base_unit : bu::base_unit<person_base_unit, person_dimension, 104> {
    static constexpr const char* name() { return "person"; }  ///< for output
    static constexpr const char* symbol() { return "person"; }  ///< for output
};
/// One percentage point (个百分点).
struct percentage_point_base_unit
    : bu::base_unit<percentage_point_base_unit, percentage_point_dimension, 105> {
    static constexpr const char* name() { return "percentage point"; }  ///< for output
    static constexpr const char* symbol() { return "pp"; }  ///< for output
};
/// One point of an index.
struct index_point_base_unit : bu::base_unit<index_point_base_unit, index_point_dimension, 106> {
    static constexpr const char* name() { return "index point"; }  ///< for output
    static constexpr const char* symbol() { return "pt"; }  ///< for output
};

// ---------------------------------------------------------------------------------------------
// Units. Chinese amounts scale by 万 (10^4) and 亿 (10^8).

/// A unit scaled by 10^E.
template <class Unit, int E>
using scaled = typename bu::make_scaled_unit<Unit, bu::scale<10, bu::static_rational<E>>>::type;

// coal equivalent
using tce = tce_base_unit::unit_type;  ///< 吨标准煤, tonne of coal equivalent
using kgce = scaled<tce, -3>;  ///< 千克标准煤
using gce = scaled<tce, -6>;  ///< 克标准煤
using wan_tce = scaled<tce, 4>;  ///< 万吨标准煤, 10^4 tce
using million_tce = scaled<tce, 6>;  ///< Mtce, 10^6 tce
using yi_tce = scaled<tce, 8>;  ///< 亿吨标准煤, 10^8 tce
// mass
using tonne = bu::metric::ton_base_unit::unit_type;  ///< 吨
using kilogram = bu::si::mass;  ///< 千克
using kilotonne = scaled<tonne, 3>;  ///< kt, 10^3 t
using wan_tonne = scaled<tonne, 4>;  ///< 万吨, 10^4 t
using megatonne = scaled<tonne, 6>;  ///< Mt, 10^6 t
// currency
using yuan = yuan_base_unit::unit_type;  ///< 元
using wan_yuan = scaled<yuan, 4>;  ///< 万元
using yi_yuan = scaled<yuan, 8>;  ///< 亿元
// time (only as a denominator of flows, and days on their own)
using hour = bu::metric::hour_base_unit::unit_type;  ///< 小时
using day = bu::metric::day_base_unit::unit_type;  ///< 日, 天
// power and electric energy
using kilowatt = scaled<bu::si::power, 3>;  ///< 千瓦
using wan_kilowatt = scaled<kilowatt, 4>;  ///< 万千瓦
using megawatt = scaled<bu::si::power, 6>;  ///< MW
using gigawatt = scaled<bu::si::power, 9>;  ///< GW
using kilowatt_hour = decltype(kilowatt{} * hour{});  ///< 千瓦时, 度
using megawatt_hour = scaled<kilowatt_hour, 3>;  ///< MWh
using gigawatt_hour = scaled<kilowatt_hour, 6>;  ///< GWh
using terawatt_hour = scaled<kilowatt_hour, 9>;  ///< TWh
using wan_kilowatt_hour = scaled<kilowatt_hour, 4>;  ///< 万千瓦时
using yi_kilowatt_hour = scaled<kilowatt_hour, 8>;  ///< 亿千瓦时
using joule = bu::si::energy;  ///< J, only for the explicit calorific conversion
using megajoule = scaled<joule, 6>;  ///< MJ
using gigajoule = scaled<joule, 9>;  ///< GJ
using terajoule = scaled<joule, 12>;  ///< TJ
// area and length
using square_metre = bu::si::area;  ///< 平方米
using wan_square_metre = scaled<square_metre, 4>;  ///< 万平方米
using square_kilometre = scaled<square_metre, 6>;  ///< 平方公里
using metre = bu::si::length;  ///< 米
using kilometre = scaled<metre, 3>;  ///< 公里, 千米
// flows (treatment and boiler capacity)
using cubic_metre_per_day = decltype(bu::si::volume{} / day{});  ///< 立方米/日
using wan_cubic_metre_per_day = scaled<cubic_metre_per_day, 4>;  ///< 万立方米/日
using tonne_per_day = decltype(tonne{} / day{});  ///< 吨/日
using wan_tonne_per_day = scaled<tonne_per_day, 4>;  ///< 万吨/日
using tonne_per_hour = decltype(tonne{} / hour{});  ///< 吨/小时 (蒸吨/小时 of boilers)
// shares, points, counts
using ratio = bu::si::dimensionless;  ///< a plain ratio, 1
using percent = scaled<ratio, -2>;  ///< %, 百分比
using percentage_point = percentage_point_base_unit::unit_type;  ///< 个百分点
using index_point = index_point_base_unit::unit_type;  ///< a point of an index
using item = item_base_unit::unit_type;  ///< 个, 家, 辆, 台, 座, 项, 处
using wan_item = scaled<item, 4>;  ///< 万个, 10^4 items
using person = person_base_unit::unit_type;  ///< 人
using wan_person = scaled<person, 4>;  ///< 万人
// transport turnover
using tonne_kilometre = decltype(tonne{} * kilometre{});  ///< 吨公里, freight turnover
using hundred_tonne_kilometre = scaled<tonne_kilometre, 2>;  ///< 百吨公里
using person_kilometre = decltype(person{} * kilometre{});  ///< 人公里, passenger turnover
using hundred_person_kilometre = scaled<person_kilometre, 2>;  ///< 百人公里
using thousand_person_kilometre = scaled<person_kilometre, 3>;  ///< 千人公里
// derived kinds the plan uses
using tce_per_wan_yuan = decltype(tce{} / wan_yuan{});  ///< 吨标准煤/万元, energy intensity
/// 克标准煤/千瓦时, coal consumption rate of power supply.
using gce_per_kilowatt_hour = decltype(gce{} / kilowatt_hour{});
using tce_per_tonne = decltype(tce{} / tonne{});  ///< 吨标准煤/吨, product energy use
using kgce_per_person = decltype(kgce{} / person{});  ///< 千克标准煤/人
using kgce_per_square_metre = decltype(kgce{} / square_metre{});  ///< 千克标准煤/平方米
/// 千克标准煤/百吨公里.
using kgce_per_hundred_tonne_kilometre = decltype(kgce{} / hundred_tonne_kilometre{});
/// 千克标准煤/百人公里.
using kgce_per_hundred_person_kilometre = decltype(kgce{} / hundred_person_kilometre{});

/// Unit constants for writing quantities in code: `2.25 * hundred_million_tce`.
inline constexpr tce tonnes_of_coal_equivalent{};  ///< 吨标准煤
inline constexpr wan_tce ten_thousand_tce{};  ///< 万吨标准煤
inline constexpr yi_tce hundred_million_tce{};  ///< 亿吨标准煤
inline constexpr gce grams_of_coal_equivalent{};  ///< 克标准煤
inline constexpr kgce kilograms_of_coal_equivalent{};  ///< 千克标准煤
inline constexpr tonne tonnes{};  ///< 吨
inline constexpr wan_tonne ten_thousand_tonnes{};  ///< 万吨
inline constexpr wan_yuan ten_thousand_yuan{};  ///< 万元
inline constexpr kilowatt_hour kilowatt_hours{};  ///< 千瓦时
inline constexpr megawatt_hour megawatt_hours{};  ///< MWh
inline constexpr percent per_cent{};  ///< %
inline constexpr percentage_point percentage_point_units{};  ///< 个百分点

/// Calorific value of standard coal, GB/T 2589: 1 tce = 29.3076 GJ. Used only by the explicit
/// coal-to-energy conversion; coal equivalent is never converted to energy implicitly.
inline const bu::quantity<decltype(gigajoule{} / tce{})> calorific_value_of_standard_coal =
    29.3076 * (gigajoule{} / tce{});

// ---------------------------------------------------------------------------------------------
// Quantity kinds: every dimension a value in plancheck can have, each with a canonical unit.

/// The kinds of quantity plancheck keeps apart. The order is part of `any_quantity`.
enum class quantity_kind : std::uint8_t {
    coal,                      ///< standard-coal equivalent, canonical tce
    mass,                      ///< pollutants, products, capacity, canonical t
    currency,                  ///< GDP and value added, canonical CNY
    energy,                    ///< electricity, canonical kWh
    power,                     ///< installed capacity, canonical kW
    area,                      ///< floor area, canonical m²
    length,                    ///< canonical m
    volume_flow,               ///< treatment capacity, canonical m³/d
    mass_flow,                 ///< treatment and boiler capacity, canonical t/d
    share,                     ///< a share or rate, canonical %
    percentage_points,         ///< change of a share, canonical pp
    count,                     ///< counted items, canonical 1 item
    population,                ///< persons, canonical 1 person
    duration,                  ///< days, canonical d
    index,                     ///< index points
    tonne_km,                  ///< freight turnover, canonical t·km
    person_km,                 ///< passenger turnover, canonical person·km
    energy_intensity,          ///< coal per currency, canonical tce/10k CNY
    coal_per_energy,           ///< coal consumption rate of power supply, canonical gce/kWh
    coal_per_mass,             ///< unit product energy consumption, canonical tce/t
    coal_per_person,           ///< per-capita energy use, canonical kgce/person
    coal_per_area,             ///< per-area energy use, canonical kgce/m²
    coal_per_tonne_km,         ///< freight energy intensity, canonical kgce/100 t·km
    coal_per_person_km,        ///< passenger energy intensity, canonical kgce/100 person·km
};

/// Number of quantity kinds.
inline constexpr std::size_t quantity_kind_count =
    static_cast<std::size_t>(quantity_kind::coal_per_person_km) + 1;

/// The canonical unit of each kind.
template <quantity_kind K>
struct kind_traits;

#define PLANCHECK_KIND(K, U)          \
    template <>                       \
    struct kind_traits<quantity_kind::K> { \
        using unit = U;               \
    }
PLANCHECK_KIND(coal, tce);
PLANCHECK_KIND(mass, tonne);
PLANCHECK_KIND(currency, yuan);
PLANCHECK_KIND(energy, kilowatt_hour);
PLANCHECK_KIND(power, kilowatt);
PLANCHECK_KIND(area, square_metre);
PLANCHECK_KIND(length, metre);
PLANCHECK_KIND(volume_flow, cubic_metre_per_day);
PLANCHECK_KIND(mass_flow, tonne_per_day);
PLANCHECK_KIND(share, percent);
PLANCHECK_KIND(percentage_points, percentage_point);
PLANCHECK_KIND(count, item);
PLANCHECK_KIND(population, person);
PLANCHECK_KIND(duration, day);
PLANCHECK_KIND(index, index_point);
PLANCHECK_KIND(tonne_km, tonne_kilometre);
PLANCHECK_KIND(person_km, person_kilometre);
PLANCHECK_KIND(energy_intensity, tce_per_wan_yuan);
PLANCHECK_KIND(coal_per_energy, gce_per_kilowatt_hour);
PLANCHECK_KIND(coal_per_mass, tce_per_tonne);
PLANCHECK_KIND(coal_per_person, kgce_per_person);
PLANCHECK_KIND(coal_per_area, kgce_per_square_metre);
PLANCHECK_KIND(coal_per_tonne_km, kgce_per_hundred_tonne_kilometre);
PLANCHECK_KIND(coal_per_person_km, kgce_per_hundred_person_kilometre);
#undef PLANCHECK_KIND

/// The canonical unit type of kind K.
template <quantity_kind K>
using canonical_unit = typename kind_traits<K>::unit;

/// A quantity of kind K in its canonical unit.
template <quantity_kind K>
using quantity_of = bu::quantity<canonical_unit<K>, double>;

namespace detail {
template <class Unit, std::size_t... I>
constexpr int kind_index_of(std::index_sequence<I...>) {
    int found = -1;
    ((std::is_same_v<typename Unit::dimension_type,
                     typename canonical_unit<static_cast<quantity_kind>(I)>::dimension_type>
          ? (found = static_cast<int>(I), 0)
          : 0),
     ...);
    return found;
}
template <std::size_t... I>
constexpr bool dimensions_are_distinct(std::index_sequence<I...> seq) {
    // Each kind's dimension must map back to that same kind, or two kinds would be mixable.
    return ((kind_index_of<canonical_unit<static_cast<quantity_kind>(I)>>(seq) ==
             static_cast<int>(I)) &&
            ...);
}
}  // namespace detail

/// True when Unit has the dimension of one of plancheck's quantity kinds.
template <class Unit>
inline constexpr bool is_known_unit =
    detail::kind_index_of<Unit>(std::make_index_sequence<quantity_kind_count>{}) >= 0;

/// The kind of a unit, found from its Boost.Units dimension at compile time.
template <class Unit>
constexpr quantity_kind kind_of_unit() {
    constexpr int index = detail::kind_index_of<Unit>(std::make_index_sequence<quantity_kind_count>{});
    static_assert(index >= 0, "this unit's dimension is not one of plancheck's quantity kinds");
    return static_cast<quantity_kind>(index);
}

static_assert(detail::dimensions_are_distinct(std::make_index_sequence<quantity_kind_count>{}),
              "two quantity kinds share a dimension and could be mixed");

/// Factor that converts a value in From to the canonical unit of its kind, from Boost.Units.
template <class From>
double factor_to_canonical() {
    return bu::conversion_factor(From{}, canonical_unit<kind_of_unit<From>()>{});
}

}  // namespace plancheck::units
