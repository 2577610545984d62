// Dates as comment exports write them, to Unix seconds (UTC), and Excel's
// serial day numbers to ISO text.
//
//   parse_import_time("2026-12-24T18:00:00+01:00")   // 1798131600
//   parse_import_time("24/12/2026 18:00")            // day first, as in FR/ES/DE
//   excel_serial_to_iso(46015.75, false)             // "2025-12-24T18:00:00"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace tirage {

// Accepts ISO 8601 dates and date-times (T or space, optional seconds and
// fraction, Z / +hh:mm / none = UTC), dd/mm/yyyy and dd.mm.yyyy with an
// optional time (mm/dd when the second number is over 12), yyyy/mm/dd, Unix
// seconds (9-11 digits), Unix milliseconds (12-13 digits) and Excel serial
// numbers (1900 system). Relative text ("2 weeks ago") is an error saying so.
Result<std::int64_t> parse_import_time(std::string_view text);

// Unix seconds of an Excel serial day number, rounded to the second; nullopt
// outside years 1900-9999.
std::optional<std::int64_t> excel_serial_to_unix(double serial, bool date1904);

// "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" when the serial has a time of day
// (no zone: spreadsheets have none); empty outside years 1900-9999.
std::string excel_serial_to_iso(double serial, bool date1904);

}  // namespace tirage
