// A libharu document whose errors become values: libharu reports failures
// through an error handler (it never aborts here); the first one is kept and
// turned into an Error by status(). Text is UTF-8 with embedded TrueType fonts.
#pragma once

#include <hpdf.h>

#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace tirage::server {

class PdfDocument {
 public:
  // A new, empty document with compression on; check status() before use.
  PdfDocument();
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  HPDF_Doc get() const { return doc_; }

  // Ok while libharu has reported no error; otherwise the first one, saying what was being done.
  Status status(std::string_view doing) const;

  // Loads a TrueType font file, embedded in the document, for UTF-8 text.
  Result<HPDF_Font> load_font(const std::string& path);

  // Sets the document's title and creator (UTF-8).
  void set_info(const std::string& title, const std::string& creator);

  // The finished document's bytes.
  Result<std::string> bytes();

 private:
  struct Failure {
    HPDF_STATUS code = 0;
    HPDF_STATUS detail = 0;
  };
  static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user);

  Failure failure_;
  HPDF_Doc doc_ = nullptr;
};

}  // namespace tirage::server
