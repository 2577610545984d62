#include "server/certificate/qr_code.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

namespace tirage::server {

Result<QrCode> encode_qr(std::string_view text) {
  if (text.empty()) return make_error("certificate_qr", "cannot make a QR code of an empty link");
  const std::string data(text);
  // Data encoding rather than QRcode_encodeString: a URL's bytes go in as they are.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<const unsigned char*>(data.data()), 0, QR_ECLEVEL_M),
      &QRcode_free);
  if (!qr) {
    const int err = errno;
    return make_error("certificate_qr", "libqrencode cannot encode the " + std::to_string(data.size()) +
                                    "-byte link as a QR code: " + std::strerror(err));
  }
  QrCode out;
  out.size = qr->width;
  out.dark.resize(static_cast<std::size_t>(qr->width) * static_cast<std::size_t>(qr->width));
  for (std::size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = (qr->data[i] & 1) != 0;
  return out;
}

}  // namespace tirage::server
