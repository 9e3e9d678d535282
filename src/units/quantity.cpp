#include "plancheck/quantity.hpp"

#include <array>

namespace plancheck {

namespace {

template <std::size_t... I>
any_quantity::variant_type make_variant(quantity_kind kind, double value, std::index_sequence<I...>) {
    using factory = any_quantity::variant_type (*)(double);
    static constexpr std::array<factory, sizeof...(I)> table{+[](double v) {
        return any_quantity::variant_type{std::in_place_index<I>,
                                          units::quantity_of<static_cast<quantity_kind>(I)>::from_value(v)};
    }...};
    return table[static_cast<std::size_t>(kind)](value);
}

struct kind_text {
    std::string_view id;
    localized_text name;
};

const std::array<kind_text, units::quantity_kind_count>& kind_texts() {
    static const std::array<kind_text, units::quantity_kind_count> texts{{
        {"coal", {"coal equivalent", "标准煤当量"}},
        {"mass", {"mass", "质量"}},
        {"currency", {"currency", "货币"}},
        {"energy", {"energy", "电量（能量）"}},
        {"power", {"power", "功率"}},
        {"area", {"area", "面积"}},
        {"length", {"length", "长度"}},
        {"volume_flow", {"volume flow", "体积流量"}},
        {"mass_flow", {"mass flow", "质量流量"}},
        {"share", {"share", "比重（百分比）"}},
        {"percentage_points", {"percentage points", "百分点"}},
        {"count", {"count", "数量"}},
        {"population", {"population", "人数"}},
        {"duration", {"duration", "天数"}},
        {"index", {"index", "指数"}},
        {"tonne_km", {"freight turnover", "货物周转量"}},
        {"person_km", {"passenger turnover", "旅客周转量"}},
        {"energy_intensity", {"energy intensity", "能耗强度"}},
        {"coal_per_energy", {"coal per unit of electricity", "单位电量煤耗"}},
        {"coal_per_mass", {"energy use per unit of product", "单位产品能耗"}},
        {"coal_per_person", {"energy use per person", "人均能耗"}},
        {"coal_per_area", {"energy use per unit of floor area", "单位面积能耗"}},
        {"coal_per_tonne_km", {"energy use per freight turnover", "单位货物周转量能耗"}},
        {"coal_per_person_km", {"energy use per passenger turnover", "单位旅客周转量能耗"}},
    }};
    return texts;
}

}  // namespace

any_quantity any_quantity::from_canonical(quantity_kind kind, double value) {
    return any_quantity(
        make_variant(kind, value, std::make_index_sequence<units::quantity_kind_count>{}));
}

const localized_text& kind_name(quantity_kind kind) {
    return kind_texts()[static_cast<std::size_t>(kind)].name;
}

std::string_view kind_id(quantity_kind kind) {
    return kind_texts()[static_cast<std::size_t>(kind)].id;
}

}  // namespace plancheck
