#pragma once
// Runs the real plancheck binary for end-to-end tests: stdout, stderr and the exit code,
// each captured separately, and a temporary folder for inputs.
//
//     plancheck_test::temp_dir dir;
//     const std::string csv = dir.write("data.csv", "region,indicator,year,value,unit\n…");
//     const auto r = plancheck_test::run_cli({"check", csv, "--lang", "en"});
//     CHECK(r.exit_code == 0);
//     CHECK(r.err.empty());
//
// The binary's path comes from the PLANCHECK_BINARY macro (tests/CMakeLists.txt). The child
// runs with posix_spawn; its streams go to files in a private temporary folder (no pipes, so
// a large output cannot deadlock), and LANG/LC_ALL/LC_MESSAGES are removed from its
// environment so the language is the default (English) unless a test passes --lang.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

extern char** environ;  // NOLINT: POSIX

namespace plancheck_test {

/// True in the AddressSanitizer build (PLANCHECK_SANITIZE), where the binary runs several times
/// slower: the end-to-end tests use smaller inputs or fewer runs there.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool sanitized = true;
#else
inline constexpr bool sanitized = false;
#endif
#else
inline constexpr bool sanitized = false;
#endif

/// A temporary folder, removed with everything in it when the object goes out of scope.
class temp_dir {
public:
    temp_dir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "plancheck-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error(std::string("mkdtemp failed: ") + std::strerror(errno));
        path_ = pattern;
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }

    /// The folder.
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

    /// Writes `content` (bytes, as given) to `name` inside the folder; returns its full path.
    std::string write(const std::string& name, std::string_view content) const {
        const std::filesystem::path file = path_ / name;
        std::ofstream out(file, std::ios::binary);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        if (!out) throw std::runtime_error("cannot write " + file.string());
        return file.string();
    }

    /// The content of a file inside the folder (empty when it does not exist).
    [[nodiscard]] std::string read(const std::string& name) const { return read_file(path_ / name); }

    /// The whole content of any file, as bytes.
    static std::string read_file(const std::filesystem::path& file) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        return content.str();
    }

private:
    std::filesystem::path path_;
};

/// What a run of the binary produced.
struct run_result {
    int exit_code = -1;  ///< the exit status, or 128 + signal number when killed by a signal
    std::string out;     ///< everything written to stdout
    std::string err;     ///< everything written to stderr
};

/// Runs plancheck with `args` (without the program name), feeding `stdin_text` on stdin.
inline run_result run_cli(std::vector<std::string> args, std::string stdin_text = {}) {
    const temp_dir io;
    const std::string in_path = io.write("stdin", stdin_text);
    const std::string out_path = (io.path() / "stdout").string();
    const std::string err_path = (io.path() / "stderr").string();

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, in_path.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);

    std::vector<std::string> argv_strings{PLANCHECK_BINARY};
    argv_strings.insert(argv_strings.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
    std::vector<char*> argv;
    for (std::string& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);

    // The locale variables pick the output language; tests choose it with --lang instead.
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        if (entry.starts_with("LANG=") || entry.starts_with("LC_ALL=") || entry.starts_with("LC_MESSAGES="))
            continue;
        env_strings.emplace_back(entry);
    }
    std::vector<char*> envp;
    for (std::string& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);

    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error(std::string("cannot run ") + argv[0] + ": " + std::strerror(spawned));

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));

    run_result r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = temp_dir::read_file(out_path);
    r.err = temp_dir::read_file(err_path);
    return r;
}

}  // namespace plancheck_test
