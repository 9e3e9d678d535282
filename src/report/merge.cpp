// Merging JSON reports by judging their values again, as one run would: the verdicts of the
// reports are never taken over. Reports are untrusted input (they travel between machines and
// can be edited): every field is checked for type and range, and every error names the report
// and the JSON path of the field.

#include "plancheck/merge.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <tuple>
#include <type_traits>

#include "report/json_common.hpp"

namespace plancheck {

namespace {

using json = nlohmann::json;

// A field that is missing, of the wrong type or out of range: thrown inside this file only,
// caught by the public functions and returned as E-REPORT.
struct bad_field {
    std::string path;
    std::string en;
    std::string zh;
};

[[noreturn]] void fail(const std::string& path, std::string en, std::string zh) {
    throw bad_field{path, std::move(en), std::move(zh)};
}

error report_error(const std::string& name, const std::string& path, const std::string& en, const std::string& zh,
                   origin where = {}) {
    if (where.file.empty()) where.file = name;
    // The origin names the report; the message the place in it.
    return make_error(error_code::report_invalid, fmt::format("at {}: {}", path, en), fmt::format("位于 {}：{}", path, zh),
                      std::move(where));
}

// ---- typed access with JSON paths ---------------------------------------------------------------

const json& field(const json& obj, const std::string& path, const char* key) {
    if (!obj.is_object()) fail(path, "expected an object", "应为对象");
    const auto it = obj.find(key);
    if (it == obj.end())
        fail(fmt::format("{}.{}", path, key), "missing (made by `plancheck check --format json` of this version?)",
             "缺失（是否由本版本的 `plancheck check --format json` 生成？）");
    return *it;
}

std::string text_of(const json& j, const std::string& path) {
    if (!j.is_string()) fail(path, "expected a string", "应为字符串");
    return j.get<std::string>();
}
std::string text_at(const json& obj, const std::string& path, const char* key) {
    return text_of(field(obj, path, key), fmt::format("{}.{}", path, key));
}

std::uint64_t count_of(const json& j, const std::string& path, std::uint64_t max = std::uint64_t{1} << 53) {
    if (!j.is_number_unsigned() && !(j.is_number_integer() && j.get<std::int64_t>() >= 0))
        fail(path, "expected a whole number not below 0", "应为非负整数");
    const auto v = j.get<std::uint64_t>();
    if (v > max) fail(path, fmt::format("{} is out of range (at most {})", v, max), fmt::format("{} 超出范围（最大 {}）", v, max));
    return v;
}
std::uint64_t count_at(const json& obj, const std::string& path, const char* key,
                       std::uint64_t max = std::uint64_t{1} << 53) {
    return count_of(field(obj, path, key), fmt::format("{}.{}", path, key), max);
}

bool flag_at(const json& obj, const std::string& path, const char* key) {
    const json& j = field(obj, path, key);
    if (!j.is_boolean()) fail(fmt::format("{}.{}", path, key), "expected true or false", "应为 true 或 false");
    return j.get<bool>();
}

const json& array_at(const json& obj, const std::string& path, const char* key) {
    const json& j = field(obj, path, key);
    if (!j.is_array()) fail(fmt::format("{}.{}", path, key), "expected an array", "应为数组");
    return j;
}

// ---- parsing with a position and a depth bound --------------------------------------------------

// nlohmann's DOM builder, told where a syntax error or an out-of-range number (1e999999) is, and
// stopped at max_report_depth instead of building what a stack-hungry consumer would choke on.
struct bounded_dom : nlohmann::detail::json_sax_dom_parser<json> {
    using base = nlohmann::detail::json_sax_dom_parser<json>;
    explicit bounded_dom(json& j) : base(j, false) {}
    std::size_t depth = 0;
    bool too_deep = false;
    std::size_t error_at = 0;
    std::string error_text;

    bool start_object(std::size_t n) {
        if (++depth > max_report_depth) return too_deep = true, false;
        return base::start_object(n);
    }
    bool end_object() {
        --depth;
        return base::end_object();
    }
    bool start_array(std::size_t n) {
        if (++depth > max_report_depth) return too_deep = true, false;
        return base::start_array(n);
    }
    bool end_array() {
        --depth;
        return base::end_array();
    }
    template <class Exception>
    bool parse_error(std::size_t position, const std::string& token, const Exception& ex) {
        // nlohmann counts what it read as read: a number out of range is its whole token, a syntax
        // error its last byte. Point at the start of either.
        if constexpr (std::is_same_v<Exception, nlohmann::detail::out_of_range>)
            error_at = position >= token.size() ? position - token.size() : 0;
        else
            error_at = position > 0 ? position - 1 : 0;
        error_text = ex.what();
        return false;
    }
};

// Line and column (in characters) of a byte offset.
origin position_of(const std::string& name, const std::string& content, std::size_t byte) {
    origin o{name, 1, 1};
    const std::size_t end = std::min(byte, content.size());
    for (std::size_t i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(content[i]);
        if (c == '\n') {
            ++o.line;
            o.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++o.column;
        }
    }
    return o;
}

// The byte where nesting first exceeds the bound (brackets outside strings).
std::size_t depth_position(const std::string& content) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < content.size(); ++i) {
        const char c = content[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_report_depth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return content.size();
}

// ---- where a JSON path is in the text ----------------------------------------------------------

// A small walker over JSON text that finds the value a path ("$.results[3].status") names, so an
// error about a field points at its line and column. The text parsed already: it is valid JSON.
class path_locator {
public:
    explicit path_locator(const std::string& text) : t_(text) {}

    // The byte offset of the value at `path`, or of the deepest part of it that exists.
    std::size_t find(const std::string& path) {
        i_ = 0;
        space();
        std::size_t k = 1;  // after "$"
        while (k < path.size()) {
            const std::size_t found = i_;
            if (path[k] == '.') {
                std::size_t end = k + 1;
                while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
                if (!member(path.substr(k + 1, end - k - 1))) return found;
                k = end;
            } else if (path[k] == '[') {
                const std::size_t end = path.find(']', k);
                if (end == std::string::npos) return found;
                if (!element(std::strtoull(path.c_str() + k + 1, nullptr, 10))) return found;
                k = end + 1;
            } else {
                return found;
            }
        }
        return i_;
    }

private:
    const std::string& t_;
    std::size_t i_ = 0;

    void space() {
        while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
    }
    void skip_string() {
        for (++i_; i_ < t_.size() && t_[i_] != '"'; ++i_)
            if (t_[i_] == '\\') ++i_;
        ++i_;
    }
    void skip_value() {
        if (i_ >= t_.size()) return;
        if (t_[i_] == '"') return skip_string();
        if (t_[i_] == '{' || t_[i_] == '[') {
            std::size_t depth = 0;
            while (i_ < t_.size()) {
                const char c = t_[i_];
                if (c == '"') {
                    skip_string();
                    continue;
                }
                if (c == '{' || c == '[') ++depth;
                if ((c == '}' || c == ']') && --depth == 0) {
                    ++i_;
                    return;
                }
                ++i_;
            }
            return;
        }
        while (i_ < t_.size() && t_[i_] != ',' && t_[i_] != '}' && t_[i_] != ']' && t_[i_] != ' ' && t_[i_] != '\n') ++i_;
    }
    // Moves to the value of `key` in the object here; false (staying put) when there is none.
    bool member(const std::string& key) {
        const std::size_t start = i_;
        if (i_ >= t_.size() || t_[i_] != '{') return false;
        ++i_;
        while (true) {
            space();
            if (i_ >= t_.size() || t_[i_] != '"') break;
            const std::size_t key_start = i_ + 1;
            skip_string();
            const std::string name = t_.substr(key_start, i_ - key_start - 1);
            space();
            ++i_;  // ':'
            space();
            if (name == key) return true;
            skip_value();
            space();
            if (i_ < t_.size() && t_[i_] == ',') ++i_;
        }
        i_ = start;
        return false;
    }
    bool element(std::size_t n) {
        const std::size_t start = i_;
        if (i_ >= t_.size() || t_[i_] != '[') return false;
        ++i_;
        for (std::size_t k = 0;; ++k) {
            space();
            if (i_ >= t_.size() || t_[i_] == ']') break;
            if (k == n) return true;
            skip_value();
            space();
            if (i_ < t_.size() && t_[i_] == ',') ++i_;
        }
        i_ = start;
        return false;
    }
};

result<json> parse_report(const report_text& r) {
    if (r.content.size() > max_report_bytes)
        return report_error(r.name, "$",
                            fmt::format("{} bytes, more than the {} MiB a report may have", r.content.size(), max_report_bytes >> 20),
                            fmt::format("{} 字节，超过报告上限 {} MiB", r.content.size(), max_report_bytes >> 20));
    json doc;
    bounded_dom dom(doc);
    const bool ok = json::sax_parse(r.content, &dom);
    if (dom.too_deep)
        return report_error(r.name, "$", fmt::format("nested deeper than {} levels: not a plancheck report", max_report_depth),
                            fmt::format("嵌套超过 {} 层：不是 plancheck 报告", max_report_depth),
                            position_of(r.name, r.content, depth_position(r.content)));
    if (!ok || dom.is_errored()) {
        return report_error(r.name, "$", fmt::format("not valid JSON: {}", dom.error_text),
                            fmt::format("不是有效的 JSON：{}", dom.error_text), position_of(r.name, r.content, dom.error_at));
    }
    return doc;
}

// ---- one report, read into typed values ---------------------------------------------------------

struct claimed_result {
    std::string target;
    std::string region;
    int year = 0;
    std::string status;
    std::string path;
};

struct report_value {
    std::string region;
    std::size_t indicator = 0;
    int year = 0;
    observation o;        // where.file: index into the report's inputs
    std::string vintage;  // "" when none
    std::string path;
};

struct loaded;

struct parsed {
    const loaded* from = nullptr;  // the document, for positions
    std::string name;
    std::string version;
    std::string plan_id;
    std::string plan_sha256;
    std::map<std::string, std::string> options;
    std::vector<input_summary> inputs;
    std::vector<std::string> regions;
    std::vector<report_value> values;
    diagnostics read_findings;
    std::uint64_t read_left_out = 0;
    std::vector<claimed_result> results;
};

std::optional<error_code> code_named(std::string_view s) {
    for (int c = 0; c <= static_cast<int>(error_code::internal); ++c)
        if (to_string(static_cast<error_code>(c)) == s) return static_cast<error_code>(c);
    return std::nullopt;
}

// "file:line:column" (or shorter) back into an origin; the file name may hold colons.
origin parse_origin(const std::string& s) {
    origin o{s, 0, 0};
    std::array<std::uint32_t, 2> numbers{};
    std::size_t found = 0;
    std::string rest = s;
    while (found < 2) {
        const std::size_t colon = rest.rfind(':');
        if (colon == std::string::npos || colon + 1 == rest.size()) break;
        std::uint32_t n = 0;
        const char* first = rest.data() + colon + 1;
        const char* last = rest.data() + rest.size();
        const auto [end, ec] = std::from_chars(first, last, n);
        if (ec != std::errc() || end != last || n == 0) break;
        numbers[found++] = n;
        rest.resize(colon);
    }
    o.file = rest;
    if (found == 1) o.line = numbers[0];
    if (found == 2) {
        o.line = numbers[1];
        o.column = numbers[0];
    }
    return o;
}

error finding_of(const json& f, const std::string& path) {
    const std::string code_text = text_at(f, path, "code");
    const auto code = code_named(code_text);
    if (!code)
        fail(path + ".code", fmt::format("unknown finding code \"{}\"", code_text), fmt::format("未知的发现代码“{}”", code_text));
    const json& message = field(f, path, "message");
    error e = make_error(*code, text_at(message, path + ".message", "en"), text_at(message, path + ".message", "zh"));
    const std::string level = text_at(f, path, "severity");
    if (level == "error") e.level = severity::error;
    else if (level == "warning") e.level = severity::warning;
    else if (level == "note") e.level = severity::note;
    else fail(path + ".severity", "expected error, warning or note", "应为 error、warning 或 note");
    const json& where = field(f, path, "origin");
    if (!where.is_null()) e.where = parse_origin(text_of(where, path + ".origin"));
    return e;
}

input_summary input_of(const json& in, const std::string& path) {
    input_summary s;
    s.name = text_at(in, path, "file");
    s.sha256 = text_at(in, path, "sha256");
    s.bytes = count_at(in, path, "bytes");
    s.encoding = text_at(in, path, "encoding");
    s.format = text_at(in, path, "format");
    s.bom = flag_at(in, path, "bom");
    s.rows = count_at(in, path, "rows");
    s.used = count_at(in, path, "used");
    s.ignored = count_at(in, path, "ignored");
    s.rejected = count_at(in, path, "rejected");
    s.blank_lines = count_at(in, path, "blank_lines");
    s.unit_assumed = count_at(in, path, "values_without_unit");
    const json& extra = array_at(in, path, "extra_columns");
    for (std::size_t i = 0; i < extra.size(); ++i)
        s.extra_columns.push_back(text_of(extra[i], fmt::format("{}.extra_columns[{}]", path, i)));
    return s;
}

parsed read_report(const json& doc, const std::string& name, const plan& p, int first_year, int last_year) {
    parsed r;
    r.name = name;
    const json& run = field(doc, "$", "run");
    r.version = text_at(run, "$.run", "plancheck_version");
    const json& plan_json = field(run, "$.run", "plan");
    r.plan_id = text_at(plan_json, "$.run.plan", "id");
    r.plan_sha256 = text_at(plan_json, "$.run.plan", "rule_file_sha256");
    const json& options = field(run, "$.run", "options");
    if (!options.is_object()) fail("$.run.options", "expected an object", "应为对象");
    for (const auto& [k, v] : options.items()) r.options[k] = text_of(v, "$.run.options." + k);
    const json& inputs = array_at(run, "$.run", "inputs");
    for (std::size_t i = 0; i < inputs.size(); ++i) r.inputs.push_back(input_of(inputs[i], fmt::format("$.run.inputs[{}]", i)));

    const json& data = field(doc, "$", "data");
    const json& regions = array_at(data, "$.data", "regions");
    for (std::size_t i = 0; i < regions.size(); ++i) r.regions.push_back(text_of(regions[i], fmt::format("$.data.regions[{}]", i)));
    const json& vintages = array_at(data, "$.data", "vintages");
    std::vector<std::string> vintage_names;
    for (std::size_t i = 0; i < vintages.size(); ++i)
        vintage_names.push_back(text_of(vintages[i], fmt::format("$.data.vintages[{}]", i)));
    const json& values = array_at(data, "$.data", "values");
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string path = fmt::format("$.data.values[{}]", i);
        const json& v = values[i];
        report_value out;
        out.path = path;
        out.region = text_at(v, path, "region");
        if (std::find(r.regions.begin(), r.regions.end(), out.region) == r.regions.end())
            fail(path + ".region", fmt::format("region \"{}\" is not in $.data.regions", out.region),
                 fmt::format("地区“{}”不在 $.data.regions 中", out.region));
        const std::string id = text_at(v, path, "indicator");
        const auto index = p.indicator_index(id);
        if (!index || p.indicators[*index].id != id)
            fail(path + ".indicator", fmt::format("plan {} has no indicator \"{}\"", p.info.id, id),
                 fmt::format("规划 {} 没有指标“{}”", p.info.id, id));
        out.indicator = *index;
        const std::uint64_t year = count_at(v, path, "year", 9999);
        if (year < static_cast<std::uint64_t>(first_year) || year > static_cast<std::uint64_t>(last_year))
            fail(path + ".year", fmt::format("year {} is outside the plan's years {}–{}", year, first_year, last_year),
                 fmt::format("{} 年不在规划年份 {}–{} 之内", year, first_year, last_year));
        out.year = static_cast<int>(year);
        const json& number = field(v, path, "value");
        if (!number.is_number() || !std::isfinite(number.get<double>()))
            fail(path + ".value", "expected a finite number", "应为有限的数");
        const quantity_kind kind = p.indicators[*index].kind();
        const std::string unit_text = text_at(v, path, "unit");
        if (unit_text != unit::canonical(kind).spelling())
            fail(path + ".unit", fmt::format("\"{}\" is not the canonical unit {} of {}", unit_text, unit::canonical(kind).spelling(), id),
                 fmt::format("“{}”不是 {} 的基准单位 {}", unit_text, id, unit::canonical(kind).spelling()));
        out.o.value = any_quantity::from_canonical(kind, number.get<double>());
        const std::uint64_t file = count_at(v, path, "file", 0xFFFFFFFFu);
        if (file >= r.inputs.size())
            fail(path + ".file", fmt::format("input {} does not exist ($.run.inputs has {})", file, r.inputs.size()),
                 fmt::format("输入 {} 不存在（$.run.inputs 共 {} 个）", file, r.inputs.size()));
        out.o.where = value_origin{static_cast<std::uint32_t>(file),
                                   static_cast<std::uint32_t>(count_at(v, path, "line", 0xFFFFFFFFu)),
                                   static_cast<std::uint32_t>(count_at(v, path, "column", 0xFFFFFFFFu))};
        const json& price_base = field(v, path, "price_base");
        if (!price_base.is_null()) {
            const std::uint64_t b = count_of(price_base, path + ".price_base", 9999);
            if (b < 1900) fail(path + ".price_base", "expected a year from 1900", "应为 1900 年以后的年份");
            out.o.price_base = static_cast<std::int16_t>(b);
        }
        const json& vintage = field(v, path, "vintage");
        if (!vintage.is_null()) {
            out.vintage = text_of(vintage, path + ".vintage");
            if (out.vintage.empty() || std::find(vintage_names.begin(), vintage_names.end(), out.vintage) == vintage_names.end())
                fail(path + ".vintage", "not in $.data.vintages", "不在 $.data.vintages 中");
        }
        r.values.push_back(std::move(out));
    }

    const json& findings = array_at(doc, "$", "findings");
    const std::uint64_t read_count = count_at(data, "$.data", "read_findings", findings.size());
    for (std::size_t i = 0; i < read_count; ++i) r.read_findings.push_back(finding_of(findings[i], fmt::format("$.findings[{}]", i)));
    r.read_left_out = count_at(data, "$.data", "read_findings_left_out");

    const json& results = array_at(doc, "$", "results");
    for (std::size_t i = 0; i < results.size(); ++i) {
        const std::string path = fmt::format("$.results[{}]", i);
        claimed_result c;
        c.path = path;
        c.target = text_at(results[i], path, "target");
        if (p.find_target(c.target) == nullptr)
            fail(path + ".target", fmt::format("plan {} has no target \"{}\" (a regional targets table missing?)", p.info.id, c.target),
                 fmt::format("规划 {} 没有目标“{}”（是否缺少地区目标表？）", p.info.id, c.target));
        c.region = text_at(results[i], path, "region");
        const std::uint64_t year = count_at(results[i], path, "year", 9999);
        if (year < static_cast<std::uint64_t>(first_year) || year > static_cast<std::uint64_t>(last_year))
            fail(path + ".year", fmt::format("year {} is outside the plan's years {}–{}", year, first_year, last_year),
                 fmt::format("{} 年不在规划年份 {}–{} 之内", year, first_year, last_year));
        c.year = static_cast<int>(year);
        c.status = text_at(results[i], path, "status");
        r.results.push_back(std::move(c));
    }
    return r;
}

// ---- options -------------------------------------------------------------------------------------

// Options that change which results a run gives or how they are judged or counted; all_years is
// not one of them: a merge of several inputs judges every year, as one run over several files.
constexpr std::array<std::string_view, 12> result_options{
    "plan",   "year",   "path",           "tolerance_percent",      "yellow_band_percent", "require_all",
    "region", "strict", "fail_under_percent", "max_yoy_change_percent", "min_coverage_percent", "max_findings"};

double number_option(const std::map<std::string, std::string>& o, const char* key, double fallback, double lo, double hi) {
    const auto it = o.find(key);
    if (it == o.end()) return fallback;
    double v = 0;
    const char* first = it->second.data();
    const char* last = first + it->second.size();
    const auto [end, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || end != last || !std::isfinite(v) || v < lo || v > hi)
        fail(fmt::format("$.run.options.{}", key), fmt::format("\"{}\" is not a number from {} to {}", it->second, lo, hi),
             fmt::format("“{}”不是 {} 到 {} 之间的数", it->second, lo, hi));
    return v;
}

bool flag_option(const std::map<std::string, std::string>& o, const char* key) {
    const auto it = o.find(key);
    if (it == o.end()) return false;
    if (it->second != "true" && it->second != "false")
        fail(fmt::format("$.run.options.{}", key), "expected \"true\" or \"false\"", "应为 \"true\" 或 \"false\"");
    return it->second == "true";
}

check_request request_of(const parsed& r, const plan& p, bool every_year) {
    check_request q;
    const auto& o = r.options;
    if (const auto y = o.find("year"); y != o.end() && y->second != "latest") {
        int year = 0;
        const auto [end, ec] = std::from_chars(y->second.data(), y->second.data() + y->second.size(), year);
        if (ec != std::errc() || end != y->second.data() + y->second.size() || year < 1900 || year > 2199)
            fail("$.run.options.year", "expected \"latest\" or a year from 1900 to 2199", "应为 \"latest\" 或 1900–2199 的年份");
        q.evaluation.year = year;
        q.read.year = year;
    }
    if (const auto path = o.find("path"); path != o.end()) {
        if (path->second != "linear" && path->second != "compound")
            fail("$.run.options.path", "expected \"linear\" or \"compound\"", "应为 \"linear\" 或 \"compound\"");
        q.evaluation.path = path->second == "compound" ? progress_path::compound : progress_path::linear;
    }
    q.evaluation.tolerance = number_option(o, "tolerance_percent", 2.0, 0, 1e6) * units::per_cent;
    q.evaluation.yellow_band = number_option(o, "yellow_band_percent", 10.0, 0, 1e6) * units::per_cent;
    q.evaluation.require_all = flag_option(o, "require_all");
    q.evaluation.every_year = every_year;
    if (const auto region = o.find("region"); region != o.end() && !region->second.empty()) {
        const std::string canonical = p.canonical_region(region->second);
        if (std::none_of(p.targets.begin(), p.targets.end(), [&](const target& t) { return t.region == canonical; }))
            fail("$.run.options.region", fmt::format("no target of plan {} is about region \"{}\"", p.info.id, region->second),
                 fmt::format("规划 {} 没有关于“{}”的目标", p.info.id, region->second));
        q.evaluation.region = canonical;
    }
    q.plausibility.strict = flag_option(o, "strict");
    q.plausibility.max_yoy_change = number_option(o, "max_yoy_change_percent", 50.0, 1e-9, 1e9) * units::per_cent;
    q.read.max_findings = static_cast<std::size_t>(number_option(o, "max_findings", 50, 0, 1e9));
    return q;
}

// ---- merging -------------------------------------------------------------------------------------

// A report's values into a builder; the indexes of its inputs there. Returns the positions of
// values whose slot was taken (by an earlier report), with the value found there.
struct placed {
    std::vector<std::uint32_t> files;
    std::vector<std::pair<std::size_t, const observation*>> repeats;
};

placed place(observation_set_builder& b, const parsed& r) {
    placed out;
    for (const input_summary& in : r.inputs) out.files.push_back(b.add_input(in));
    for (const std::string& region : r.regions) b.add_region(region);
    for (std::size_t i = 0; i < r.values.size(); ++i) {
        const report_value& v = r.values[i];
        observation o = v.o;
        o.where.file = out.files[v.o.where.file];
        o.vintage = b.add_vintage(v.vintage);
        if (const observation* there = b.add(b.add_region(v.region), v.indicator, v.year, o)) out.repeats.emplace_back(i, there);
    }
    return out;
}

bool same_value(const any_quantity& a, const any_quantity& b) {
    const double x = a.canonical_value();
    const double y = b.canonical_value();
    return std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y));
}

// Every report judged again on its own values must give the results it states: a status edited
// by hand, or a report of another plancheck, is refused.
void verify(const parsed& r, const plan& p) {
    observation_set_builder b(p);
    const placed where = place(b, r);
    if (!where.repeats.empty())
        fail(r.values[where.repeats.front().first].path, "a second value for the same region, indicator and year",
             "同一地区、指标、年份的第二个数值");
    check_outcome o;
    o.data = std::move(b).finish();
    const bool every_year = flag_option(r.options, "all_years");
    judge_observations(p, request_of(r, p, every_year), o);
    if (!o.ev) fail("$.data", "its values do not pass the submission checks it was made with", "其数值未通过生成时的提交检查");
    const auto& got = o.ev->results;
    for (std::size_t i = 0; i < std::max(got.size(), r.results.size()); ++i) {
        if (i >= r.results.size())
            fail("$.results", fmt::format("{} results, but its values give {}", r.results.size(), got.size()),
                 fmt::format("共 {} 个结果，但其数值给出 {} 个", r.results.size(), got.size()));
        const claimed_result& c = r.results[i];
        if (i >= got.size())
            fail(c.path, fmt::format("a result its values do not give ({} results expected)", got.size()),
                 fmt::format("其数值不产生此结果（应为 {} 个结果）", got.size()));
        const target_result& g = got[i];
        const std::string& id = p.targets[g.target_index].id;
        if (c.target != id || c.region != g.region || c.year != g.year)
            fail(c.path, fmt::format("says {} {} {}, where its values give {} {} {}", c.target, c.region, c.year, id, g.region, g.year),
                 fmt::format("为 {} {} {}，而其数值给出 {} {} {}", c.target, c.region, c.year, id, g.region, g.year));
        if (c.status != to_string(g.verdict))
            fail(c.path + ".status",
                 fmt::format("says \"{}\", but its values give \"{}\": the report was edited, or made by another version "
                             "of plancheck",
                             c.status, to_string(g.verdict)),
                 fmt::format("为“{}”，但其数值给出“{}”：报告被修改过，或由其他版本的 plancheck 生成", c.status, to_string(g.verdict)));
    }
}

// The finding one run gives for a value given again (the reader's wording): a note when the first
// is in another file, a warning within one file.
error repeat_finding(const observation_set& set, const plan& p, const std::string& region, std::size_t indicator_index,
                     int year, const observation& first, const origin& here) {
    const indicator& ind = p.indicators[indicator_index];
    const origin first_at = set.resolve(first.where);
    error e = make_error(error_code::duplicate_identical,
                         fmt::format("{} {} {} is given again with the same value (first at {}); ignored", region, ind.id,
                                     year, first_at.to_string()),
                         fmt::format("{} {} {} 年的数值重复出现且相同（首次见 {}）；已忽略", region, ind.name.zh, year,
                                     first_at.to_string()),
                         here);
    e.level = first_at.file != here.file ? severity::note : severity::warning;
    return e;
}

error repeat_note(const observation_set& set, const plan& p, const report_value& v, const observation& first,
                  value_origin here) {
    return repeat_finding(set, p, v.region, v.indicator, v.year, first, set.resolve(here));
}

// A report's own finding of a repeated value names the first value its run saw; one run over all
// files saw an earlier one when an earlier report holds it: the finding is made again for that.
void renew_repeat(error& e, const observation_set& set, const plan& p) {
    if (e.code != error_code::duplicate_identical) return;
    const std::string& m = e.message.en;
    const std::size_t tail = m.find(" is given again with the same value (first at ");
    if (tail == std::string::npos) return;
    const std::string head = m.substr(0, tail);  // "REGION INDICATOR YEAR"
    const std::size_t y = head.rfind(' ');
    if (y == std::string::npos) return;
    const std::size_t i = head.rfind(' ', y - 1);
    if (i == std::string::npos || y == 0) return;
    const std::string region = head.substr(0, i);
    const auto indicator_index = p.indicator_index(head.substr(i + 1, y - i - 1));
    int year = 0;
    const auto [end, ec] = std::from_chars(head.data() + y + 1, head.data() + head.size(), year);
    if (!indicator_index || ec != std::errc() || end != head.data() + head.size()) return;
    const auto region_index = set.region_index(region);
    if (!region_index) return;
    const observation* first = set.find(*region_index, *indicator_index, year);
    if (first == nullptr) return;
    e = repeat_finding(set, p, region, *indicator_index, year, *first, e.where);
}

error conflict_error(const observation_set& set, const plan& p, const report_value& v, const observation& first,
                     value_origin here) {
    const indicator& ind = p.indicators[v.indicator];
    const origin first_at = set.resolve(first.where);
    const auto shown = [&](const any_quantity& q) {
        return fmt::format("{} {}", format_number(ind.declared_unit.value_of(q)), ind.declared_unit.spelling());
    };
    return make_error(error_code::duplicate_conflict,
                      fmt::format("{} {} {} has two different values: {} here and {} at {}", v.region, ind.id, v.year,
                                  shown(v.o.value), shown(first.value), first_at.to_string()),
                      fmt::format("{} {} {} 年有两个不同的数值：此处为 {}，{} 处为 {}", v.region, ind.name.zh, v.year,
                                  shown(v.o.value), first_at.to_string(), shown(first.value)),
                      set.resolve(here));
}

struct loaded {
    std::string name;
    json doc;
    const report_text* text = nullptr;  // where it came from, for positions
    std::string prefix;                 // its path in that text: "$" or "$.reports[k]"
};

// The line and column of a path ("$.run.inputs[2]") of a loaded report.
origin where_of(const loaded& d, const std::string& path) {
    if (d.text == nullptr) return origin{d.name, 0, 0};
    path_locator locate(d.text->content);
    return position_of(d.text->name, d.text->content, locate.find(d.prefix + path.substr(1)));
}

// E-REPORT at the line and column of a path of a loaded report.
error located_error(const loaded& d, const bad_field& e) { return report_error(d.name, e.path, e.en, e.zh, where_of(d, e.path)); }

// Texts into report documents; a bundle gives its reports, and its failed files as findings.
std::vector<loaded> unbundle(const std::vector<report_text>& reports, diagnostics& failed, std::vector<std::string>& failed_names) {
    std::vector<loaded> out;
    for (const report_text& r : reports) {
        auto doc = parse_report(r);
        if (!doc) throw std::move(doc).error();
        const std::string schema = doc->is_object() && doc->contains("schema") && (*doc)["schema"].is_string()
                                       ? (*doc)["schema"].get<std::string>()
                                       : std::string();
        if (schema == "plancheck-reports/1") {
            try {
                const json& each = array_at(*doc, "$", "reports");
                for (std::size_t k = 0; k < each.size(); ++k) {
                    const std::string path = fmt::format("$.reports[{}]", k);
                    const json& one = each[k];
                    const std::string inner = one.is_object() && one.contains("schema") ? one["schema"].dump() : "";
                    if (inner != "\"plancheck-report/1\"")
                        fail(path + ".schema",
                             inner == "\"plancheck-reports/1\"" ? "a bundle inside a bundle: give its reports to merge directly"
                                                                : "expected \"plancheck-report/1\"",
                             inner == "\"plancheck-reports/1\"" ? "包内嵌套了另一个包：请直接合并其中的报告" : "应为 \"plancheck-report/1\"");
                    out.push_back({fmt::format("{}#{}", r.name, k + 1), one, &r, fmt::format("$.reports[{}]", k)});
                }
                if (doc->contains("failed")) {
                    const json& bad = array_at(*doc, "$", "failed");
                    for (std::size_t k = 0; k < bad.size(); ++k) {
                        const std::string path = fmt::format("$.failed[{}]", k);
                        failed_names.push_back(text_at(bad[k], path, "file"));
                        const json& findings = array_at(bad[k], path, "findings");
                        for (std::size_t i = 0; i < findings.size(); ++i)
                            failed.push_back(finding_of(findings[i], fmt::format("{}.findings[{}]", path, i)));
                    }
                }
            } catch (const bad_field& e) {
                throw located_error(loaded{r.name, json(), &r, "$"}, e);
            }
            continue;
        }
        if (schema != "plancheck-report/1")
            throw report_error(r.name, "$.schema", "not \"plancheck-report/1\" (made by `plancheck check --format json`)",
                               "不是 \"plancheck-report/1\"（应由 `plancheck check --format json` 生成）");
        out.push_back({r.name, std::move(*doc), &r, "$"});
    }
    return out;
}

merged_report merge_parsed(std::vector<parsed>& reports, const plan& p, diagnostics failed,
                           const std::vector<std::string>& failed_names) {
    const parsed& first = reports.front();
    std::size_t input_count = failed_names.size();
    // Same plan, version and options; no input twice.
    std::map<std::string, std::string> seen_name;
    std::map<std::string, std::string> seen_sha;
    for (const parsed& r : reports) {
        if (r.plan_id != p.info.id || r.plan_sha256 != p.sha256)
            throw make_error(error_code::plan_unknown,
                             fmt::format("at $.run.plan: made with plan {} (rule file sha256 {}), not with {} (sha256 {}): only "
                                         "reports of one plan and rule file can be merged",
                                         r.plan_id, r.plan_sha256, p.info.id, p.sha256),
                             fmt::format("位于 $.run.plan：使用规划 {}（规则文件 sha256 {}），而非 {}（sha256 {}）：只能合并同一规划、"
                                         "同一规则文件的报告",
                                         r.plan_id, r.plan_sha256, p.info.id, p.sha256),
                             where_of(*r.from, "$.run.plan.rule_file_sha256"));
        if (r.version != first.version)
            throw make_error(error_code::usage,
                             fmt::format("at $.run.plancheck_version: made by plancheck {}, {} by {}: merge reports of one version",
                                         r.version, first.name, first.version),
                             fmt::format("位于 $.run.plancheck_version：由 plancheck {} 生成，{} 由 {} 生成：请合并同一版本的报告",
                                         r.version, first.name, first.version),
                             where_of(*r.from, "$.run.plancheck_version"));
        for (const std::string_view name : result_options) {
            const std::string key(name);
            const auto a = r.options.find(key);
            const auto b = first.options.find(key);
            const std::string av = a == r.options.end() ? "(none)" : a->second;
            const std::string bv = b == first.options.end() ? "(none)" : b->second;
            if (av == bv) continue;
            throw make_error(error_code::usage,
                             fmt::format("at $.run.options.{}: made with {} = {}, {} with {} = {}: shards must be checked "
                                         "with the same options",
                                         key, key, av, first.name, key, bv),
                             fmt::format("位于 $.run.options.{}：{} = {}，而 {} 的 {} = {}：各分片须使用相同的选项检查", key,
                                         key, av, first.name, key, bv),
                             where_of(*r.from, "$.run.options." + key));
        }
        for (std::size_t i = 0; i < r.inputs.size(); ++i) {
            const input_summary& in = r.inputs[i];
            ++input_count;
            const auto twice = [&](const std::string& other, const char* what_en, const char* what_zh) {
                return make_error(error_code::duplicate_conflict,
                                  fmt::format("at $.run.inputs[{}]: input {} {} as an input of {}: one run reads a file "
                                              "once, so each input may be in one report only",
                                              i, in.name, what_en, other),
                                  fmt::format("位于 $.run.inputs[{}]：输入 {} {}（见 {}）：一次运行只读取一个文件一次，每个输入只能"
                                              "出现在一份报告中",
                                              i, in.name, what_zh, other),
                                  where_of(*r.from, fmt::format("$.run.inputs[{}]", i)));
            };
            if (const auto [it, fresh] = seen_name.emplace(in.name, r.name); !fresh)
                throw twice(it->second, "is named", "同名");
            if (!in.sha256.empty())
                if (const auto [it, fresh] = seen_sha.emplace(in.sha256, r.name); !fresh)
                    throw twice(it->second, "has the content (sha256) of another", "内容（sha256）与另一输入相同");
        }
    }

    bool every_year = input_count > 1;
    for (const parsed& r : reports) every_year = every_year || flag_option(r.options, "all_years");
    const check_request request = request_of(first, p, every_year);

    merged_report out;
    out.reports = reports.size();
    out.fail_under = number_option(first.options, "fail_under_percent", 100, 0, 100);
    out.min_coverage = number_option(first.options, "min_coverage_percent", 0, 0, 100);

    // The values, report by report, as one run reads its files one by one.
    observation_set_builder b(p);
    diagnostics findings;
    std::uint64_t left_out = 0;
    bool conflict = false;
    for (const parsed& r : reports) {
        const placed where = place(b, r);
        // A repeat of an earlier report's value: a note at the later one (as between files), and
        // a row whose every value was a repeat is ignored, not used.
        std::vector<std::pair<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, error>> notes;
        std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<std::size_t, std::size_t>> rows;  // values, repeats
        for (const report_value& v : r.values) ++rows[{v.o.where.file, v.o.where.line}].first;
        std::map<std::uint32_t, std::uint64_t> notes_kept;  // per input, as the reader caps them
        for (const error& e : r.read_findings)
            if (e.level == severity::note)
                for (std::size_t f = 0; f < r.inputs.size(); ++f)
                    if (e.where.file == r.inputs[f].name) ++notes_kept[where.files[f]];
        for (const auto& [i, there] : where.repeats) {
            const report_value& v = r.values[i];
            value_origin here = v.o.where;
            here.file = where.files[v.o.where.file];
            if (!same_value(v.o.value, there->value)) {
                findings.push_back(conflict_error(b.so_far(), p, v, *there, here));
                conflict = true;
                continue;
            }
            ++rows[{v.o.where.file, v.o.where.line}].second;
            if (notes_kept[here.file]++ < request.read.max_findings)
                notes.push_back({{here.file, here.line, here.column}, repeat_note(b.so_far(), p, v, *there, here)});
        }
        for (const auto& [row, n] : rows)
            if (n.second > 0 && n.second == n.first) {
                input_summary& in = b.input(where.files[row.first]);
                if (in.used > 0) --in.used;
                ++in.ignored;
            }
        // The notes go where the reader would have put them: among the report's findings, in
        // file and line order.
        std::sort(notes.begin(), notes.end(), [](const auto& a, const auto& c) { return a.first < c.first; });
        std::size_t next = 0;
        for (const error& e : r.read_findings) {
            std::optional<std::uint32_t> file;
            for (std::size_t f = 0; f < r.inputs.size(); ++f)
                if (e.where.file == r.inputs[f].name) file = where.files[f];
            if (file && e.where.line > 0)
                while (next < notes.size() && std::tuple(std::get<0>(notes[next].first), std::get<1>(notes[next].first)) <
                                                  std::tuple(*file, e.where.line))
                    findings.push_back(std::move(notes[next++].second));
            error renewed = e;
            renew_repeat(renewed, b.so_far(), p);
            findings.push_back(std::move(renewed));
        }
        while (next < notes.size()) findings.push_back(std::move(notes[next++].second));
        left_out += r.read_left_out;
    }

    out.outcome.data = std::move(b).finish();
    // A bundle's failed files stop the run, as an input error stops one run.
    for (error& e : failed) findings.push_back(std::move(e));
    out.outcome.findings = std::move(findings);
    out.outcome.findings_left_out = left_out;
    out.outcome.read_findings = out.outcome.findings.size();
    out.outcome.read_left_out = left_out;
    out.outcome.input_failed = conflict || !failed_names.empty();
    judge_observations(p, request, out.outcome);

    out.run.version = first.version;
    out.run.fail_under = out.fail_under;
    out.run.options = first.options;
    if (out.run.options.count("inputs") > 0) {
        std::string names;
        for (const parsed& r : reports)
            for (const input_summary& in : r.inputs) names += (names.empty() ? "" : " ") + in.name;
        out.run.options["inputs"] = names;
    }
    if (out.run.options.count("all_years") > 0) out.run.options["all_years"] = every_year ? "true" : "false";
    out.run.read_findings = out.outcome.read_findings;
    out.run.read_left_out = out.outcome.read_left_out;
    if (!out.outcome.input_failed) {
        const report_context ctx{p,     *out.outcome.ev, out.outcome.data, out.outcome.findings, out.outcome.findings_left_out,
                                 language::en, false,    false,            false,                out.run};
        out.document = render_json(ctx);
    }
    return out;
}

}  // namespace

result<report_text> read_report_file(const std::string& path) {
    const bool is_stdin = path == "-" || path == "/dev/stdin";
    const std::string name = is_stdin ? "<stdin>" : path;
    std::ifstream file;
    if (!is_stdin) {
        file.open(path, std::ios::binary);
        if (!file)
            return make_error(error_code::io, fmt::format("cannot open {}: {}", path, std::strerror(errno)),
                              fmt::format("无法打开 {}：{}", path, std::strerror(errno)), origin{path, 0, 0});
    }
    std::istream& in = is_stdin ? std::cin : file;
    // Read at most one byte past the cap: a larger report is refused without holding it.
    std::string content;
    std::array<char, 65536> buffer{};
    while (in) {
        in.read(buffer.data(), buffer.size());
        content.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (content.size() > max_report_bytes)
            return report_error(name, "$",
                                fmt::format("more than {} bytes ({} MiB), the most a report may have", max_report_bytes,
                                            max_report_bytes >> 20),
                                fmt::format("超过 {} 字节（{} MiB），报告的上限", max_report_bytes, max_report_bytes >> 20),
                                origin{name, 0, 0});
    }
    if (in.bad())
        return make_error(error_code::io, fmt::format("cannot read {}", name), fmt::format("无法读取 {}", name), origin{name, 0, 0});
    return report_text{name, std::move(content)};
}

result<report_plan> plan_of_report(const report_text& r) {
    const std::vector<report_text> one{r};
    std::vector<loaded> docs;
    try {
        diagnostics failed;
        std::vector<std::string> failed_names;
        docs = unbundle(one, failed, failed_names);
    } catch (error& e) {
        return std::move(e);
    }
    if (docs.empty())
        return report_error(r.name, "$.reports", "a bundle without reports (every file failed?)", "包中没有报告（所有文件均失败？）");
    try {
        const json& run = field(docs.front().doc, "$", "run");
        const json& plan_json = field(run, "$.run", "plan");
        report_plan out;
        out.id = text_at(plan_json, "$.run.plan", "id");
        out.rule_file = text_at(plan_json, "$.run.plan", "rule_file");
        out.sha256 = text_at(plan_json, "$.run.plan", "rule_file_sha256");
        const json& options = field(run, "$.run", "options");
        if (options.is_object() && options.contains("regional_targets"))
            out.regional_targets = text_of(options["regional_targets"], "$.run.options.regional_targets");
        return out;
    } catch (const bad_field& e) {
        return located_error(docs.front(), e);
    }
}

result<merged_report> merge_reports(const std::vector<report_text>& reports, const plan& p) {
    if (reports.empty()) return make_error(error_code::usage, "no reports to merge", "没有要合并的报告");
    try {
        diagnostics failed;
        std::vector<std::string> failed_names;
        const std::vector<loaded> docs = unbundle(reports, failed, failed_names);
        if (docs.empty())
            return make_error(error_code::input_failed,
                              "no report to merge: every file of the bundles failed", "没有可合并的报告：包中的所有文件均失败",
                              origin{reports.back().name, 0, 0});
        observation_set_builder years(p);
        std::vector<parsed> all;
        for (const loaded& d : docs) {
            try {
                all.push_back(read_report(d.doc, d.name, p, years.first_year(), years.last_year()));
                all.back().from = &d;
                verify(all.back(), p);
            } catch (const bad_field& e) {
                return located_error(d, e);
            }
        }
        try {
            return merge_parsed(all, p, std::move(failed), failed_names);
        } catch (const bad_field& e) {
            return located_error(docs.front(), e);
        }
    } catch (error& e) {
        return std::move(e);
    }
}

}  // namespace plancheck
