// OrganizerApp's ways out of a draw: its public page, its verification
// link and certificate, and the list or the winners as a CSV download.
#include "wasm/app/organizer_app.hpp"

#include "shared/import/csv_writer.hpp"
#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {

void OrganizerApp::open_draw(const std::string& draw_id, const std::string&) {
  open_url("/v/" + draw_id + "?lang=" + text().language());
}

std::string OrganizerApp::verify_url() const { return page_origin() + "/v/" + draw.draw_id(); }

std::string OrganizerApp::certificate_url() const {
  return page_origin() + "/api/v1/draws/" + draw.draw_id() + "/certificate.pdf?lang=" + text().language();
}

void OrganizerApp::export_csv(bool winners_only) {
  std::vector<std::string> header{T("export.rank"), T("export.platform"), T("export.id"), T("export.name")};
  std::vector<std::vector<std::string>> rows;
  const auto& entries = pipeline.list().entries;
  if (winners_only) {
    std::size_t rank = 1;
    for (auto i : draw.winners()) rows.push_back({std::to_string(rank++), entries[i].platform, entries[i].id, entries[i].name});
    rank = 1;
    for (auto i : draw.alternates())
      rows.push_back({T("export.alternate", {{"n", std::to_string(rank++)}}), entries[i].platform, entries[i].id, entries[i].name});
  } else {
    header[0] = T("export.index");
    for (std::size_t i = 0; i < entries.size(); ++i)
      rows.push_back({std::to_string(i), entries[i].platform, entries[i].id, entries[i].name});
  }
  const std::string name = (winners_only ? "winners-" : "participants-") + (draw.draw_id().empty() ? giveaway.giveaway_id : draw.draw_id()) + ".csv";
  download(name, "text/csv;charset=utf-8", write_csv(header, rows));
}

}  // namespace tirage::app
