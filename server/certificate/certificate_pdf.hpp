// The certificate of a drawn draw as an A4 PDF (libharu), in French, English,
// Spanish or German: title, organizer, dates, winners and alternates (with
// substitutions), the participant count and Merkle root, the random value
// (a local beacon is called weaker, in plain words), the rules, the
// signatures, a QR code of the verify link with the link printed beside it,
// and how anyone can check the draw. Fonts are embedded so every accent prints.
//
//   CertificateData data = ...;                      // or certificate_data_from_view()
//   auto pdf = render_certificate_pdf(data, "fr", CertificateAssets{});
//   if (!pdf) return pdf.error();                     // errors are values, never aborts
//   send(*pdf);                                       // the PDF's bytes
#pragma once

#include <string>
#include <string_view>

#include "server/certificate/certificate_data.hpp"
#include "shared/core/result.hpp"

namespace tirage::server {

// Font files the certificate embeds; Debian's fonts-dejavu-core by default.
struct CertificateAssets {
  std::string regular_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string bold_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  std::string mono_font = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
};

// The PDF's bytes for data in lang ("fr", "en", "es", "de"; any other value
// gives English). Organizers' text is printed up to a few hundred characters
// per field (then "…"). Errors: a missing or unusable font, a time that is
// not RFC 3339, a verify URL too long for a QR code, any libharu failure.
Result<std::string> render_certificate_pdf(const CertificateData& data, std::string_view lang, const CertificateAssets& assets);

}  // namespace tirage::server
