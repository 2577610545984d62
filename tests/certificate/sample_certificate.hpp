// A drawn draw's certificate data with accented names in several scripts,
// and poppler helpers that read a PDF back the way a person's viewer would.
#pragma once

#include <string>

#include "server/certificate/certificate_data.hpp"

namespace tirage::testing {

// Three winners and two alternates ("Zoé Müller", "Ñandú", "François", ...),
// a drand beacon (round 24819372), 12 345 participants, one substitution.
server::CertificateData sample_certificate();

// The same with the weaker local beacon.
server::CertificateData sample_local_certificate();

// A fresh temporary folder, removed by the caller.
std::string make_temp_dir();

// Writes bytes to path.
void write_file(const std::string& path, const std::string& bytes);

// pdftotext's UTF-8 text of the PDF at path ("" when poppler fails).
std::string pdf_text(const std::string& path);

// The text with every run of whitespace (line breaks, spaces, no-break spaces) made one ASCII space.
std::string one_line(const std::string& text);

// The text with all whitespace removed: wrapped hex reads as one string.
std::string no_spaces(const std::string& text);

// Number of pages pdfinfo would report, counted from pdftotext's form feeds.
int page_count(const std::string& text);

// Runs pdftoppm -png -r dpi on page 1 into out_png; true when the PNG exists.
bool render_first_page(const std::string& pdf_path, const std::string& out_png, int dpi);

}  // namespace tirage::testing
