#include "server/draws/certificate_service.hpp"

#include "server/certificate/certificate_pdf.hpp"
#include "server/certificate/certificate_view.hpp"

namespace tirage::server {

Result<std::shared_ptr<const std::string>> CertificateService::pdf(const std::string& draw_id, const std::string& lang,
                                                                   UnixSeconds now) {
  auto view_text = draws_.public_view_text(draw_id, now);
  if (!view_text) return view_text.error();
  const std::string key = draw_id + "/" + lang;
  auto cached = rendered_.find(key);
  if (!cached || cached->first != *view_text) {
    std::lock_guard render(render_mu_);
    cached = rendered_.find(key);
    if (!cached || cached->first != *view_text) {
      auto view = parse_json(**view_text);
      if (!view) return view.error();
      auto data = certificate_data_from_view(*view, public_url_ + "/v/" + draw_id);
      if (!data) return data.error();
      auto pdf = render_certificate_pdf(*data, lang, CertificateAssets{});
      if (!pdf) return pdf.error();
      cached = std::make_shared<const Rendered>(*view_text, std::move(*pdf));
      rendered_.put(key, cached, cached->second.size());
    }
  }
  // Aliasing: the PDF lives as long as the cached pair does.
  return std::shared_ptr<const std::string>(cached, &cached->second);
}

}  // namespace tirage::server
