// The certificate of a drawn draw as a PDF (libharu), in FR, EN, ES or DE:
// title, organizer, dates, rules, participant count and root, the beacon, the
// winners and alternates (with substitutions), the signatures, a QR code of the
// verify page's link (libqrencode) and how to check it. Fonts are embedded
// (DejaVu Sans) so every accented letter prints.
#pragma once

#include <string>

#include "shared/protocol/jcs.hpp"

namespace tirage::server {

struct CertificateFonts {
  std::string regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  std::string mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
};

// The PDF bytes for a drawn draw's public view; verify_url goes in the QR code.
Result<std::string> render_certificate_pdf(const Json& view, const std::string& language, const std::string& verify_url,
                                           const CertificateFonts& fonts = {});

}  // namespace tirage::server
