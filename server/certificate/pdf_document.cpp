#include "server/certificate/pdf_document.hpp"

#include <cstdio>
#include <filesystem>

namespace tirage::server {

namespace {
std::string hex4(HPDF_STATUS code) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%04lX", static_cast<unsigned long>(code));
  return buf;
}
}  // namespace

void PdfDocument::on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* f = static_cast<Failure*>(user);
  if (f->code == 0) *f = {code, detail};
}

PdfDocument::PdfDocument() : doc_(HPDF_New(&PdfDocument::on_error, &failure_)) {
  if (!doc_) return;
  HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(doc_);
  HPDF_SetCurrentEncoder(doc_, "UTF-8");
}

PdfDocument::~PdfDocument() {
  if (doc_) HPDF_Free(doc_);
}

Status PdfDocument::status(std::string_view doing) const {
  if (!doc_) return make_error("pdf_failed", "cannot create a PDF document (out of memory?) while " + std::string(doing));
  if (failure_.code == 0) return {};
  return make_error("pdf_failed", "libharu error " + hex4(failure_.code) + " (detail " + std::to_string(failure_.detail) +
                                      ") while " + std::string(doing));
}

Result<HPDF_Font> PdfDocument::load_font(const std::string& path) {
  TIRAGE_TRY(status("loading fonts"));
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return make_error("font_missing", "the certificate font " + path + " does not exist (Debian: apt-get install fonts-dejavu-core)");
  const char* name = HPDF_LoadTTFontFromFile(doc_, path.c_str(), HPDF_TRUE);
  HPDF_Font font = name ? HPDF_GetFont(doc_, name, "UTF-8") : nullptr;
  if (!font || failure_.code != 0) {
    auto why = status("loading the font " + path);
    return why ? make_error("font_unusable", "libharu cannot use the font " + path) : why.error();
  }
  return font;
}

void PdfDocument::set_info(const std::string& title, const std::string& creator) {
  HPDF_SetInfoAttr(doc_, HPDF_INFO_TITLE, title.c_str());
  HPDF_SetInfoAttr(doc_, HPDF_INFO_CREATOR, creator.c_str());
}

Result<std::string> PdfDocument::bytes() {
  TIRAGE_TRY(status("laying out the certificate"));
  if (HPDF_SaveToStream(doc_) != HPDF_OK) return status("writing the PDF").error();
  std::string out(HPDF_GetStreamSize(doc_), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
  if (HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(out.data()), &size) != HPDF_OK && failure_.code != 0)
    return status("reading the PDF back").error();
  out.resize(size);
  if (out.empty()) return make_error("pdf_failed", "libharu wrote an empty PDF");
  return out;
}

}  // namespace tirage::server
