// The table of accepted unit spellings. Each spelling names a Boost.Units unit type; its factor
// to the canonical unit of its kind is computed by Boost.Units (`factor_to_canonical`), never
// written here by hand.

#include <array>
#include <vector>

#include "plancheck/unit.hpp"
#include "units/unit_table.hpp"

namespace plancheck::detail {

namespace {

namespace u = units;
// 亿千瓦, the 14th plans' installed-capacity unit; only spelled here, so units.hpp stays as is.
using yi_kilowatt = u::scaled<u::kilowatt, 8>;

template <class Unit>
unit_spelling spell(std::string_view spelling) {
    return {spelling, u::kind_of_unit<Unit>(), u::factor_to_canonical<Unit>()};
}

// A quotient rule with its factor from canonical numerator ÷ canonical denominator to the
// canonical unit of the result, again from Boost.Units; the static_assert proves the
// dimensions agree at compile time.
template <quantity_kind N, quantity_kind D, quantity_kind R>
quotient_entry quotient() {
    using raw = decltype(u::canonical_unit<N>{} / u::canonical_unit<D>{});
    static_assert(std::is_same_v<typename raw::dimension_type,
                                 typename u::canonical_unit<R>::dimension_type>,
                  "numerator ÷ denominator does not have the result kind's dimension");
    return {{N, D, R}, u::bu::conversion_factor(raw{}, u::canonical_unit<R>{})};
}

template <int E>
scale_prefix prefix(std::string_view spelling) {
    return {spelling, u::bu::conversion_factor(u::scaled<u::tonne, E>{}, u::tonne{})};
}

}  // namespace

const std::vector<scale_prefix>& scale_prefixes() {
    static const std::vector<scale_prefix> table{prefix<6>("百万"), prefix<4>("万"), prefix<8>("亿")};
    return table;
}

const std::vector<unit_spelling>& atomic_spellings() {
    static const std::vector<unit_spelling> table{
        // standard-coal equivalent
        spell<u::tce>("吨标准煤"), spell<u::tce>("吨标煤"), spell<u::tce>("tce"),
        spell<u::wan_tce>("万吨标准煤"), spell<u::wan_tce>("万吨标煤"), spell<u::wan_tce>("10k tce"),
        spell<u::million_tce>("百万吨标准煤"), spell<u::million_tce>("Mtce"),
        spell<u::yi_tce>("亿吨标准煤"), spell<u::yi_tce>("亿吨标煤"), spell<u::yi_tce>("100M tce"),
        spell<u::kgce>("千克标准煤"), spell<u::kgce>("千克标煤"), spell<u::kgce>("公斤标准煤"), spell<u::kgce>("公斤标煤"), spell<u::kgce>("kgce"),
        spell<u::gce>("克标准煤"), spell<u::gce>("克标煤"), spell<u::gce>("gce"),
        // mass
        spell<u::tonne>("吨"), spell<u::tonne>("t"), spell<u::tonne>("蒸吨"),
        spell<u::wan_tonne>("万吨"), spell<u::wan_tonne>("10k t"),
        spell<u::kilotonne>("千吨"), spell<u::kilotonne>("kt"),
        spell<u::megatonne>("百万吨"), spell<u::megatonne>("Mt"),
        spell<u::kilogram>("千克"), spell<u::kilogram>("公斤"), spell<u::kilogram>("kg"),
        spell<u::scaled<u::kilogram, -3>>("克"), spell<u::scaled<u::kilogram, -3>>("g"),
        // currency
        spell<u::yuan>("元"), spell<u::yuan>("CNY"), spell<u::yuan>("RMB"),
        spell<u::wan_yuan>("万元"), spell<u::wan_yuan>("10k CNY"),
        spell<u::yi_yuan>("亿元"), spell<u::yi_yuan>("100M CNY"),
        // electric energy, and joules for the explicit calorific conversion
        spell<u::kilowatt_hour>("千瓦时"), spell<u::kilowatt_hour>("度"), spell<u::kilowatt_hour>("kWh"),
        spell<u::wan_kilowatt_hour>("万千瓦时"), spell<u::wan_kilowatt_hour>("10k kWh"),
        spell<u::yi_kilowatt_hour>("亿千瓦时"), spell<u::yi_kilowatt_hour>("100M kWh"),
        spell<u::megawatt_hour>("兆瓦时"), spell<u::megawatt_hour>("MWh"),
        spell<u::gigawatt_hour>("吉瓦时"), spell<u::gigawatt_hour>("GWh"),
        spell<u::terawatt_hour>("太瓦时"), spell<u::terawatt_hour>("TWh"),
        spell<u::joule>("焦耳"), spell<u::joule>("J"),
        spell<u::megajoule>("兆焦"), spell<u::megajoule>("MJ"),
        spell<u::gigajoule>("吉焦"), spell<u::gigajoule>("GJ"),
        spell<u::terajoule>("太焦"), spell<u::terajoule>("TJ"),
        // power
        spell<u::kilowatt>("千瓦"), spell<u::kilowatt>("kW"),
        spell<u::wan_kilowatt>("万千瓦"), spell<u::wan_kilowatt>("10k kW"),
        spell<yi_kilowatt>("亿千瓦"), spell<yi_kilowatt>("100M kW"),
        spell<u::megawatt>("兆瓦"), spell<u::megawatt>("MW"),
        spell<u::gigawatt>("吉瓦"), spell<u::gigawatt>("GW"),
        // area
        spell<u::square_metre>("平方米"), spell<u::square_metre>("m2"), spell<u::square_metre>("m²"),
        spell<u::wan_square_metre>("万平方米"), spell<u::wan_square_metre>("10k m2"),
        spell<u::square_kilometre>("平方公里"), spell<u::square_kilometre>("平方千米"),
        spell<u::square_kilometre>("km2"),
        // length
        spell<u::metre>("米"), spell<u::metre>("m"),
        spell<u::kilometre>("公里"), spell<u::kilometre>("千米"), spell<u::kilometre>("km"),
        // volume flow (treatment capacity)
        spell<u::cubic_metre_per_day>("立方米/日"), spell<u::cubic_metre_per_day>("立方米/天"),
        spell<u::cubic_metre_per_day>("m3/d"),
        spell<u::wan_cubic_metre_per_day>("万立方米/日"), spell<u::wan_cubic_metre_per_day>("万立方米/天"),
        spell<u::wan_cubic_metre_per_day>("10k m3/d"),
        // shares and points
        spell<u::percent>("%"), spell<u::percent>("百分比"), spell<u::percent>("percent"),
        spell<u::percent>("%/年"), spell<u::percent>("%/yr"),
        spell<u::percentage_point>("个百分点"), spell<u::percentage_point>("百分点"),
        spell<u::percentage_point>("pp"),
        spell<u::index_point>("点"), spell<u::index_point>("pt"),
        // counts
        spell<u::item>("个"), spell<u::item>("家"), spell<u::item>("辆"), spell<u::item>("台"),
        spell<u::item>("座"), spell<u::item>("项"), spell<u::item>("处"), spell<u::item>("套"),
        spell<u::item>("item"), spell<u::item>("items"),
        spell<u::wan_item>("万辆"), spell<u::wan_item>("万个"), spell<u::wan_item>("万台"),
        spell<u::person>("人"), spell<u::person>("person"), spell<u::person>("persons"),
        spell<u::wan_person>("万人"),
        // durations
        spell<u::day>("天"), spell<u::day>("日"), spell<u::day>("d"), spell<u::day>("day"),
        spell<u::day>("days"),
        spell<u::hour>("小时"), spell<u::hour>("时"), spell<u::hour>("h"),
        // transport turnover
        spell<u::tonne_kilometre>("吨公里"), spell<u::tonne_kilometre>("t*km"),
        spell<u::tonne_kilometre>("tkm"),
        spell<u::hundred_tonne_kilometre>("百吨公里"), spell<u::hundred_tonne_kilometre>("100 t*km"),
        spell<u::hundred_tonne_kilometre>("100 tkm"),
        spell<u::person_kilometre>("人公里"), spell<u::person_kilometre>("person*km"),
        spell<u::person_kilometre>("pkm"),
        spell<u::hundred_person_kilometre>("百人公里"),
        spell<u::hundred_person_kilometre>("100 person*km"),
        spell<u::hundred_person_kilometre>("100 pkm"),
        spell<u::thousand_person_kilometre>("千人公里"),
        spell<u::thousand_person_kilometre>("1000 person*km"),
    };
    return table;
}

const std::vector<quotient_entry>& quotient_table() {
    using K = quantity_kind;
    static const std::vector<quotient_entry> table{
        quotient<K::coal, K::currency, K::energy_intensity>(),
        quotient<K::coal, K::energy, K::coal_per_energy>(),
        quotient<K::coal, K::mass, K::coal_per_mass>(),
        quotient<K::coal, K::population, K::coal_per_person>(),
        quotient<K::coal, K::area, K::coal_per_area>(),
        quotient<K::coal, K::tonne_km, K::coal_per_tonne_km>(),
        quotient<K::coal, K::person_km, K::coal_per_person_km>(),
        quotient<K::mass, K::duration, K::mass_flow>(),
    };
    return table;
}

double ratio_to_share_factor() { return u::bu::conversion_factor(u::ratio{}, u::percent{}); }

}  // namespace plancheck::detail
