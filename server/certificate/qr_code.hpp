// QR codes through libqrencode, as a plain square of dark/light modules.
#pragma once

#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace tirage::server {

struct QrCode {
  int size = 0;             // modules per side, without the quiet zone
  std::vector<bool> dark;   // size * size, row by row from the top

  // True when the module at (row, col) is dark.
  bool at(int row, int col) const { return dark[static_cast<std::size_t>(row * size + col)]; }
};

// Encodes text (a URL) as 8-bit data with error correction level M; an error
// if libqrencode refuses it (too long for the largest QR code, out of memory).
Result<QrCode> encode_qr(std::string_view text);

}  // namespace tirage::server
