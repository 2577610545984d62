// The PDF certificate of a draw (server/certificate/), per language. A drawn
// draw's view text stays the same until a substitution, so the PDF made from
// it is kept with it; one PDF is rendered at a time, so a loop of requests
// cannot take every core.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "server/draws/draw_service.hpp"
#include "server/http/answer_cache.hpp"

namespace tirage::server {

class CertificateService {
 public:
  // public_url: the certificate's verify link and QR code point at public_url + /v/{id}.
  CertificateService(DrawService& draws, std::string public_url) : draws_(draws), public_url_(std::move(public_url)) {}

  // The PDF for the draw in lang; the draw's errors ('not_found', ...) otherwise.
  Result<std::shared_ptr<const std::string>> pdf(const std::string& draw_id, const std::string& lang, UnixSeconds now);

 private:
  // The view text a PDF was made from, and the PDF.
  using Rendered = std::pair<std::shared_ptr<const std::string>, std::string>;

  DrawService& draws_;
  const std::string public_url_;
  AnswerCache<Rendered> rendered_{64u << 20};
  std::mutex render_mu_;
};

}  // namespace tirage::server
