#pragma once
// Private: a workbook written with libxlsxwriter and handed back as bytes, so a workbook leaves
// the library like every other rendering (a string) and the caller writes it where it writes
// any output (complete or not at all). libxlsxwriter only writes to a named file: the workbook
// goes to a private temporary file, is read back and the file removed.

#include <xlsxwriter.h>

#include <string>
#include <string_view>

#include "plancheck/error.hpp"

namespace plancheck::detail {

/// One workbook being written.
class xlsx_book {
public:
    /// Creates the workbook in a temporary file; E-IO when none can be made.
    [[nodiscard]] static result<xlsx_book> create();
    xlsx_book(xlsx_book&& other) noexcept;
    xlsx_book& operator=(xlsx_book&&) = delete;
    xlsx_book(const xlsx_book&) = delete;
    xlsx_book& operator=(const xlsx_book&) = delete;
    ~xlsx_book();

    /// The libxlsxwriter workbook, to add sheets and formats to.
    [[nodiscard]] lxw_workbook* get() const { return book_; }
    /// Closes the workbook and returns its bytes; E-IO when libxlsxwriter could not write it.
    [[nodiscard]] result<std::string> finish();

private:
    xlsx_book(std::string path, lxw_workbook* book) : path_(std::move(path)), book_(book) {}
    std::string path_;
    lxw_workbook* book_ = nullptr;
};

/// Text as a workbook can hold it, in a cell, a comment or the document's properties: control
/// characters other than tab and line break (which XML 1.0 cannot carry) become U+FFFD, and
/// text beyond Excel's limit of 32767 characters is cut with "…".
[[nodiscard]] std::string xlsx_text(std::string_view text);

/// Writes a text cell: always a string, never a formula (a cell of an input that begins with
/// = + - @ stays text), cut at Excel's limit of 32767 characters.
void write_text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, std::string_view text, lxw_format* format = nullptr);

/// A text cell's comment (a note shown on hover), cut at Excel's limit like a cell.
void write_note(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, std::string_view text);

}  // namespace plancheck::detail
