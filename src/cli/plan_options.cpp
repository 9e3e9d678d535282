#include "cli/plan_options.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace plancheck::cli {

void add_plan_options(CLI::App* app, plan_selection& selection, bool by_years) {
    app->add_option("--plan", selection.plan_id,
                    by_years ? "Plan id (default: the plan of the first --targets file, else the plan whose period holds the "
                               "data's latest year, said on stderr; see `plancheck plans`)"
                             : "Plan id (default: the plan of the first --targets file, else nmg-13fyp-energy; see "
                               "`plancheck plans`)");
    // One file per --targets: `check --targets plan.toml data.csv` must not read data.csv as a
    // second rule file.
    app->add_option("--targets", selection.rule_files, "Load a rule file (TOML); may be repeated")
        ->type_name("FILE")
        ->allow_extra_args(false);
}

std::optional<plan_catalog> open_catalog(const context& ctx, const plan_selection& selection) {
    auto catalog = plan_catalog::with_files(selection.rule_files);
    if (!catalog) {
        print_diagnostic(ctx, catalog.error());
        return std::nullopt;
    }
    return std::move(*catalog);
}

bool names_workbook(std::string_view path) {
    if (path.size() < 5) return false;
    std::string ext(path.substr(path.size() - 5));
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".xlsx";
}

const plan* choose_plan(const context& ctx, plan_catalog& catalog, const plan_selection& selection) {
    auto chosen = catalog.choose(selection.plan_id);
    if (!chosen) {
        print_diagnostic(ctx, chosen.error());
        return nullptr;
    }
    return *chosen;
}

bool write_output_file(const context& ctx, const std::string& path, std::string_view content) {
    const auto fail = [&](std::string_view what) {
        const int e = errno;
        print_diagnostic(ctx, make_error(error_code::io, fmt::format("cannot {} {}: {}", what, path, std::strerror(e)),
                                         fmt::format("无法写入 {}：{}", path, std::strerror(e)), origin{path, 0, 0}));
        return false;
    };
    std::string temp = path + ".plancheck-XXXXXX";
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) return fail("create a temporary file next to");
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            ::unlink(temp.c_str());
            return fail("write");
        }
        written += static_cast<std::size_t>(n);
    }
    // Readable like any file the user would create (mkstemp makes it owner-only).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    // Closed whether or not the data reached the disk, so a failed fsync does not leak the file.
    int sync_error = ::fsync(fd) == 0 ? 0 : errno;
    if (::close(fd) != 0 && sync_error == 0) sync_error = errno;
    if (sync_error != 0) {
        ::unlink(temp.c_str());
        errno = sync_error;
        return fail("write");
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        ::unlink(temp.c_str());
        return fail("replace");
    }
    return true;
}

}  // namespace plancheck::cli
