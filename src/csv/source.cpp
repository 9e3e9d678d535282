#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "plancheck/csv.hpp"

namespace plancheck::csv {

namespace {

// Reads a file descriptor with read(2): no stdio buffering on top of our own buffer.
class fd_source final : public byte_source {
public:
    fd_source(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
    ~fd_source() override {
        if (owned_) ::close(fd_);
    }
    fd_source(const fd_source&) = delete;
    fd_source& operator=(const fd_source&) = delete;

    result<std::size_t> read(char* buffer, std::size_t size) override {
        while (true) {
            const ssize_t n = ::read(fd_, buffer, size);
            if (n >= 0) return static_cast<std::size_t>(n);
            if (errno == EINTR) continue;
            const int e = errno;
            return make_error(error_code::io, fmt::format("cannot read {}: {}", name_, std::strerror(e)),
                              fmt::format("无法读取 {}：{}", name_, std::strerror(e)), origin{name_, 0, 0});
        }
    }

private:
    int fd_;
    bool owned_;
    std::string name_;
};

class string_source final : public byte_source {
public:
    explicit string_source(std::string bytes) : bytes_(std::move(bytes)) {}
    result<std::size_t> read(char* buffer, std::size_t size) override {
        const std::size_t n = std::min(size, bytes_.size() - pos_);
        std::memcpy(buffer, bytes_.data() + pos_, n);
        pos_ += n;
        return n;
    }

private:
    std::string bytes_;
    std::size_t pos_ = 0;
};

}  // namespace

result<std::unique_ptr<byte_source>> open_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        return make_error(error_code::io, fmt::format("cannot open {}: {}", path, std::strerror(e)),
                          fmt::format("无法打开 {}：{}", path, std::strerror(e)), origin{path, 0, 0});
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return std::unique_ptr<byte_source>(std::make_unique<fd_source>(fd, true, path));
}

std::unique_ptr<byte_source> open_stdin() { return std::make_unique<fd_source>(0, false, "<stdin>"); }

std::unique_ptr<byte_source> from_string(std::string bytes) {
    return std::make_unique<string_source>(std::move(bytes));
}

}  // namespace plancheck::csv
