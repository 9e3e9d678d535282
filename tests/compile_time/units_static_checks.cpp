// Compile-time checks of plancheck's units: building this file is the test.
// Each static_assert names a property that, if it broke, would let a unit mistake through at
// run time or make a spelling resolve to the wrong kind.

#include <type_traits>

#include "plancheck/quantity.hpp"
#include "plancheck/units.hpp"

namespace {

namespace u = plancheck::units;
using k = plancheck::units::quantity_kind;

template <class A, class B>
inline constexpr bool same_dimension = std::is_same_v<typename A::dimension_type, typename B::dimension_type>;

// --- Every unit the spelling table names resolves to the kind its spellings claim. ----------
// (The run-time table takes its kind from kind_of_unit, so a wrong answer here is a wrong kind
// for every value written in that unit.)
static_assert(u::kind_of_unit<u::tce>() == k::coal);
static_assert(u::kind_of_unit<u::kgce>() == k::coal);
static_assert(u::kind_of_unit<u::gce>() == k::coal);
static_assert(u::kind_of_unit<u::wan_tce>() == k::coal);
static_assert(u::kind_of_unit<u::million_tce>() == k::coal);
static_assert(u::kind_of_unit<u::yi_tce>() == k::coal);
static_assert(u::kind_of_unit<u::tonne>() == k::mass);
static_assert(u::kind_of_unit<u::kilogram>() == k::mass);
static_assert(u::kind_of_unit<u::kilotonne>() == k::mass);
static_assert(u::kind_of_unit<u::wan_tonne>() == k::mass);
static_assert(u::kind_of_unit<u::megatonne>() == k::mass);
static_assert(u::kind_of_unit<u::yuan>() == k::currency);
static_assert(u::kind_of_unit<u::wan_yuan>() == k::currency);
static_assert(u::kind_of_unit<u::yi_yuan>() == k::currency);
static_assert(u::kind_of_unit<u::kilowatt_hour>() == k::energy);
static_assert(u::kind_of_unit<u::megawatt_hour>() == k::energy);
static_assert(u::kind_of_unit<u::wan_kilowatt_hour>() == k::energy);
static_assert(u::kind_of_unit<u::yi_kilowatt_hour>() == k::energy);
static_assert(u::kind_of_unit<u::terawatt_hour>() == k::energy);
// Joules are SI energy, the same kind as kWh: electricity in GJ is still electricity.
static_assert(u::kind_of_unit<u::joule>() == k::energy);
static_assert(u::kind_of_unit<u::gigajoule>() == k::energy);
static_assert(u::kind_of_unit<u::kilowatt>() == k::power);
static_assert(u::kind_of_unit<u::wan_kilowatt>() == k::power);
static_assert(u::kind_of_unit<u::gigawatt>() == k::power);
static_assert(u::kind_of_unit<u::square_metre>() == k::area);
static_assert(u::kind_of_unit<u::wan_square_metre>() == k::area);
static_assert(u::kind_of_unit<u::square_kilometre>() == k::area);
static_assert(u::kind_of_unit<u::metre>() == k::length);
static_assert(u::kind_of_unit<u::kilometre>() == k::length);
static_assert(u::kind_of_unit<u::cubic_metre_per_day>() == k::volume_flow);
static_assert(u::kind_of_unit<u::wan_cubic_metre_per_day>() == k::volume_flow);
static_assert(u::kind_of_unit<u::tonne_per_day>() == k::mass_flow);
static_assert(u::kind_of_unit<u::wan_tonne_per_day>() == k::mass_flow);
// Boiler capacity (蒸吨/小时) and treatment capacity (吨/日) are one kind: they convert.
static_assert(u::kind_of_unit<u::tonne_per_hour>() == k::mass_flow);
static_assert(u::kind_of_unit<u::percent>() == k::share);
static_assert(u::kind_of_unit<u::ratio>() == k::share);
static_assert(u::kind_of_unit<u::percentage_point>() == k::percentage_points);
static_assert(u::kind_of_unit<u::index_point>() == k::index);
static_assert(u::kind_of_unit<u::item>() == k::count);
static_assert(u::kind_of_unit<u::wan_item>() == k::count);
static_assert(u::kind_of_unit<u::person>() == k::population);
static_assert(u::kind_of_unit<u::wan_person>() == k::population);
static_assert(u::kind_of_unit<u::day>() == k::duration);
static_assert(u::kind_of_unit<u::hour>() == k::duration);
static_assert(u::kind_of_unit<u::tonne_kilometre>() == k::tonne_km);
static_assert(u::kind_of_unit<u::hundred_tonne_kilometre>() == k::tonne_km);
static_assert(u::kind_of_unit<u::person_kilometre>() == k::person_km);
static_assert(u::kind_of_unit<u::thousand_person_kilometre>() == k::person_km);
static_assert(u::kind_of_unit<u::tce_per_wan_yuan>() == k::energy_intensity);
static_assert(u::kind_of_unit<u::gce_per_kilowatt_hour>() == k::coal_per_energy);
static_assert(u::kind_of_unit<u::tce_per_tonne>() == k::coal_per_mass);
static_assert(u::kind_of_unit<u::kgce_per_person>() == k::coal_per_person);
static_assert(u::kind_of_unit<u::kgce_per_square_metre>() == k::coal_per_area);
static_assert(u::kind_of_unit<u::kgce_per_hundred_tonne_kilometre>() == k::coal_per_tonne_km);
static_assert(u::kind_of_unit<u::kgce_per_hundred_person_kilometre>() == k::coal_per_person_km);

// Quotients built on the fly (as parse_unit does for 千克标准煤/吨) land on the derived kinds.
static_assert(u::kind_of_unit<decltype(u::kgce{} / u::tonne{})>() == k::coal_per_mass);
static_assert(u::kind_of_unit<decltype(u::gce{} / u::megawatt_hour{})>() == k::coal_per_energy);
static_assert(u::kind_of_unit<decltype(u::wan_tce{} / u::yi_yuan{})>() == k::energy_intensity);

// --- Dimensions the design keeps apart on purpose. -----------------------------------------
// Coal equivalent is its own base dimension, not SI energy and not mass: a coal total can
// never be checked against an electricity or pollutant target.
static_assert(!same_dimension<u::tce, u::kilowatt_hour>);
static_assert(!same_dimension<u::tce, u::joule>);
static_assert(!same_dimension<u::tce, u::tonne>);
static_assert(!same_dimension<u::wan_tce, u::wan_tonne>);
static_assert(!same_dimension<u::kilowatt_hour, u::tonne>);
// Energy and power differ by a time: 万千瓦 (capacity) is not 万千瓦时 (generation).
static_assert(!same_dimension<u::kilowatt, u::kilowatt_hour>);
// A share, a change of a share and an index point are three different things: "fall by 3
// percentage points" must not be read as "fall by 3 %".
static_assert(!same_dimension<u::percent, u::percentage_point>);
static_assert(!same_dimension<u::percent, u::index_point>);
static_assert(!same_dimension<u::percentage_point, u::index_point>);
// Counted items are not a bare share either (5 家 is not 5 %).
static_assert(!same_dimension<u::item, u::percent>);
static_assert(!same_dimension<u::item, u::person>);
// Energy intensity (per currency) is not coal per electricity (per kWh).
static_assert(!same_dimension<u::tce_per_wan_yuan, u::gce_per_kilowatt_hour>);
static_assert(!same_dimension<u::tce_per_tonne, u::tce_per_wan_yuan>);
// Volume flow and mass flow differ: 万立方米/日 of sewage is not 万吨/日.
static_assert(!same_dimension<u::cubic_metre_per_day, u::tonne_per_day>);
static_assert(!same_dimension<u::tonne_kilometre, u::person_kilometre>);
// Scaling never changes a dimension: 亿吨标准煤 is still coal, 万元 still currency.
static_assert(same_dimension<u::yi_tce, u::tce>);
static_assert(same_dimension<u::wan_yuan, u::yuan>);
static_assert(same_dimension<u::tonne, u::kilogram>);
static_assert(same_dimension<u::tonne_per_hour, u::tonne_per_day>);

// --- Units whose dimension is no kind are not "known". ------------------------------------
// any_quantity is constrained on is_known_unit; a false positive would make it silently pick a
// kind for a meaningless unit.
static_assert(!u::is_known_unit<decltype(u::tonne{} * u::tonne{})>);
static_assert(!u::is_known_unit<decltype(u::tce{} * u::tce{})>);
static_assert(!u::is_known_unit<decltype(u::yuan{} / u::tce{})>);
static_assert(!u::is_known_unit<decltype(u::tonne{} / u::kilowatt_hour{})>);  // mass per energy
static_assert(!u::is_known_unit<decltype(u::percentage_point{} * u::item{})>);
static_assert(!u::is_known_unit<u::bu::si::volume>);  // a volume alone is no kind plancheck uses
static_assert(u::is_known_unit<u::tce>);
static_assert(u::is_known_unit<u::kgce_per_square_metre>);

// --- any_quantity: one alternative per kind, in the enum's order. ---------------------------
static_assert(std::variant_size_v<plancheck::any_quantity::variant_type> == u::quantity_kind_count);
static_assert(std::is_same_v<std::variant_alternative_t<0, plancheck::any_quantity::variant_type>,
                             u::quantity_of<k::coal>>);
static_assert(std::is_same_v<std::variant_alternative_t<static_cast<std::size_t>(k::share),
                                                        plancheck::any_quantity::variant_type>,
                             u::quantity_of<k::share>>);
// Constructible from a Boost quantity of a known kind, and not from one of no kind.
static_assert(std::is_convertible_v<u::bu::quantity<u::wan_tce, double>, plancheck::any_quantity>);
static_assert(std::is_convertible_v<u::bu::quantity<u::percentage_point, double>, plancheck::any_quantity>);
static_assert(!std::is_constructible_v<plancheck::any_quantity,
                                       u::bu::quantity<decltype(u::tonne{} * u::tonne{}), double>>);

// --- Typed quantities do not mix across kinds. ----------------------------------------------
// A quantity of coal cannot be made implicitly from mass, energy from coal, or a share from
// percentage points. (Boost.Units' explicit converting constructor is not SFINAE-friendly: it
// fails inside its body, so is_constructible says true and the explicit forms are proved by
// tests/compile_fail/ instead.)
static_assert(!std::is_convertible_v<u::bu::quantity<u::wan_tonne, double>, u::quantity_of<k::coal>>);
static_assert(!std::is_convertible_v<u::quantity_of<k::coal>, u::quantity_of<k::energy>>);
static_assert(!std::is_convertible_v<u::quantity_of<k::percentage_points>, u::quantity_of<k::share>>);
// …while a scaled unit of the same kind converts explicitly (万吨标准煤 → tce).
static_assert(std::is_constructible_v<u::quantity_of<k::coal>, u::bu::quantity<u::wan_tce, double>>);

}  // namespace
