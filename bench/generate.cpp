// Writes the benchmark input: a long-format statistics file and its regional targets table
// (bench/generator.hpp). Deterministic: the same arguments always write the same bytes.
//
//   plancheck-bench-generate ROWS OUT.csv [REGIONAL_TARGETS.csv] [options]
//     --regions N       regions C00000… (default: ROWS / 700 + 1, i.e. 50 years each)
//     --region-start K  number of the first region (default 0)
//     --region NAME     one region of this name instead of C00000… (e.g. the plan's own)
//     --first-year Y    first year (default 1981, or 1900 when more than 50 years are needed)
//     --seed S          seed of the values (default 1)

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "generator.hpp"

namespace {

int usage(const char* argv0) {
    std::fprintf(stderr,
                 "usage: %s ROWS OUT.csv [REGIONAL_TARGETS.csv] [--regions N] [--region-start K] [--region NAME] "
                 "[--first-year Y] [--seed S]\n",
                 argv0);
    return 2;
}

bool write_file(const char* path, const std::string& text) {
    std::FILE* f = std::fopen(path, "wb");
    if (f == nullptr) {
        std::perror(path);
        return false;
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !written) {
        std::perror(path);
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    plancheck_bench::generator_options o;
    std::vector<const char*> positional;
    for (int i = 1; i < argc; ++i) {
        const bool has_value = i + 1 < argc;
        if (std::strcmp(argv[i], "--regions") == 0 && has_value) {
            o.regions = std::atoll(argv[++i]);
        } else if (std::strcmp(argv[i], "--region-start") == 0 && has_value) {
            o.region_start = std::atoll(argv[++i]);
        } else if (std::strcmp(argv[i], "--region") == 0 && has_value) {
            o.fixed_region = argv[++i];
        } else if (std::strcmp(argv[i], "--first-year") == 0 && has_value) {
            o.first_year = std::atoi(argv[++i]);
        } else if (std::strcmp(argv[i], "--seed") == 0 && has_value) {
            o.seed = std::strtoull(argv[++i], nullptr, 10);
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            return usage(argv[0]);
        } else {
            positional.push_back(argv[i]);
        }
    }
    if (positional.size() < 2 || positional.size() > 3) return usage(argv[0]);
    o.rows = std::atoll(positional[0]);
    std::string why;
    if (o.rows < 0 || !plancheck_bench::resolve(o, why)) {
        std::fprintf(stderr, "%s\n", why.empty() ? "ROWS must not be negative" : why.c_str());
        return 2;
    }

    std::FILE* out = std::fopen(positional[1], "wb");
    if (out == nullptr) {
        std::perror(positional[1]);
        return 2;
    }
    bool written = true;
    plancheck_bench::generate_rows(o, [&](const std::string& b) {
        written = written && std::fwrite(b.data(), 1, b.size(), out) == b.size();
    });
    if (std::fclose(out) != 0 || !written) {
        std::perror(positional[1]);
        return 2;
    }
    if (positional.size() > 2 && !write_file(positional[2], plancheck_bench::regional_targets(o))) return 2;
    return 0;
}
