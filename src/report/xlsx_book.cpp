#include "report/xlsx_book.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include <fmt/format.h>

namespace plancheck::detail {

namespace {

// Excel's limit for a cell's text (and a comment's), in characters.
constexpr std::size_t excel_text_limit = 32767;

error io_error(std::string en, std::string zh) { return make_error(error_code::io, std::move(en), std::move(zh)); }

}  // namespace

std::string xlsx_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const bool starts_char = (byte & 0xC0U) != 0x80U;
        if (starts_char && ++chars > excel_text_limit - 1) {
            out += "…";
            break;
        }
        if (byte < 0x20 && byte != '\t' && byte != '\n')
            out += "\xEF\xBF\xBD";
        else if (byte == 0x7F)
            out += "\xEF\xBF\xBD";
        else
            out += text[i];
    }
    return out;
}

result<xlsx_book> xlsx_book::create() {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    std::string path = (dir / "plancheck-xlsx-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) {
        const int e = errno;
        return io_error(fmt::format("cannot create a temporary file for the workbook in {}: {}", dir.string(), std::strerror(e)),
                        fmt::format("无法在 {} 中为工作簿创建临时文件：{}", dir.string(), std::strerror(e)));
    }
    ::close(fd);
    lxw_workbook* book = workbook_new(path.c_str());
    if (book == nullptr) {
        ::unlink(path.c_str());
        return io_error("cannot start a workbook (libxlsxwriter)", "无法创建工作簿（libxlsxwriter）");
    }
    return xlsx_book(std::move(path), book);
}

xlsx_book::xlsx_book(xlsx_book&& other) noexcept
    : path_(std::move(other.path_)), book_(std::exchange(other.book_, nullptr)) {
    other.path_.clear();
}

xlsx_book::~xlsx_book() {
    // An unfinished workbook: libxlsxwriter frees it when closed; the half-written file goes.
    if (book_ != nullptr) workbook_close(book_);
    if (!path_.empty()) ::unlink(path_.c_str());
}

result<std::string> xlsx_book::finish() {
    const lxw_error closed = workbook_close(std::exchange(book_, nullptr));
    if (closed != LXW_NO_ERROR)
        return io_error(fmt::format("cannot write the workbook: {}", lxw_strerror(closed)),
                        fmt::format("无法写入工作簿：{}", lxw_strerror(closed)));
    std::ifstream in(path_, std::ios::binary);
    if (!in) return io_error("cannot read back the workbook just written", "无法读回刚写入的工作簿");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

void write_text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, std::string_view text, lxw_format* format) {
    if (text.empty()) {
        if (format != nullptr) worksheet_write_blank(sheet, row, col, format);
        return;
    }
    const std::string cell = xlsx_text(text);
    worksheet_write_string(sheet, row, col, cell.c_str(), format);
}

void write_note(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, std::string_view text) {
    if (text.empty()) return;
    const std::string note = xlsx_text(text);
    lxw_comment_options options{};
    options.width = 420;
    options.height = 160;
    worksheet_write_comment_opt(sheet, row, col, note.c_str(), &options);
}

}  // namespace plancheck::detail
