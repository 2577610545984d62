/* Writes xlsxwriter.xlsx with Debian's libxlsxwriter, the way Excel-like
 * writers produce files (shared strings, styles, a real date format).
 *   gcc make_xlsxwriter_fixture.c -lxlsxwriter -o /tmp/mk && /tmp/mk xlsxwriter.xlsx */
#include <xlsxwriter.h>

int main(int argc, char** argv) {
  lxw_workbook* wb = workbook_new(argc > 1 ? argv[1] : "xlsxwriter.xlsx");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Commentaires");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy hh:mm");
  worksheet_write_string(ws, 0, 0, "Pseudo", NULL);
  worksheet_write_string(ws, 0, 1, "Commentaire", NULL);
  worksheet_write_string(ws, 0, 2, "Date", NULL);
  worksheet_write_string(ws, 0, 3, "Abonnés", NULL);
  worksheet_write_string(ws, 1, 0, "@zoé", NULL);
  worksheet_write_string(ws, 1, 1, "Je tente ma chance @max @léa #Noël", NULL);
  lxw_datetime dt1 = {2026, 12, 20, 18, 30, 0};
  worksheet_write_datetime(ws, 1, 2, &dt1, date);
  worksheet_write_number(ws, 1, 3, 1234, NULL);
  worksheet_write_string(ws, 2, 0, "@max", NULL);
  worksheet_write_string(ws, 2, 1, "Moi aussi !", NULL);
  lxw_datetime dt2 = {2026, 12, 21, 9, 0, 0};
  worksheet_write_datetime(ws, 2, 2, &dt2, date);
  worksheet_write_boolean(ws, 2, 3, 0, NULL);
  worksheet_write_string(ws, 4, 0, "@zoé", NULL);  /* a second comment, after an empty row */
  worksheet_write_string(ws, 4, 1, "encore", NULL);
  return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
