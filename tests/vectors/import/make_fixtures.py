#!/usr/bin/env python3
"""Writes the .xlsx and CSV fixtures of tests/unit/shared/xlsx_reader_test.cpp
and csv_reader_test.cpp (run from anywhere; output beside this script).

Each .xlsx is a real OOXML package written part by part with zipfile, so a
test can name exactly what a cell holds; xlsxwriter.xlsx is written by
Debian's libxlsxwriter instead (make_xlsxwriter_fixture.c), as Excel-like
writers do it. Broken files are broken in one known place each."""
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def workbook(sheets, date1904=False):
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>'
    items = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(sheets))
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {NS}>{pr}<sheets>{items}</sheets></workbook>'


def workbook_rels(targets, shared=True, styles=True):
    rels = [f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{t}"/>'
            for i, t in enumerate(targets)]
    if shared:
        rels.append('<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
    if styles:
        rels.append('<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(rels) + '</Relationships>')


def shared_strings(items):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {NS} count="{len(items)}" uniqueCount="{len(items)}">'
            + "".join(items) + '</sst>')


# Style 0: General; 1: built-in date (14); 2: custom "dd/mm/yyyy hh:mm"; 3: custom number "0.00"; 4: custom "[h]:mm".
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet {NS}>
<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="&quot;day&quot;\\ 0.00"/><numFmt numFmtId="166" formatCode="[h]:mm"/></numFmts>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="166" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""


def sheet(rows_xml):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS}><sheetData>\n{rows_xml}\n</sheetData></worksheet>'


def write(name, parts, method=zipfile.ZIP_DEFLATED):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w", method) as z:
        for part, data in parts:
            info = zipfile.ZipInfo(part, date_time=(2026, 11, 25, 0, 0, 0))  # fixed: reruns give the same bytes
            info.compress_type = method
            z.writestr(info, data)
    return path


def package(sheets, sst=None, styles=STYLES, date1904=False, targets=None):
    targets = targets or [f"worksheets/sheet{i + 1}.xml" for i in range(len(sheets))]
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
             ("xl/workbook.xml", workbook([n for n, _ in sheets], date1904)),
             ("xl/_rels/workbook.xml.rels", workbook_rels(targets, sst is not None, styles is not None))]
    for (n, xml), t in zip(sheets, targets):
        parts.append(("xl/" + t.lstrip("/").replace("xl/", "", 1) if t.startswith("/") else "xl/" + t, xml))
    if sst is not None:
        parts.append(("xl/sharedStrings.xml", shared_strings(sst)))
    if styles is not None:
        parts.append(("xl/styles.xml", styles))
    return parts


# basic.xlsx --------------------------------------------------------------
SST = ["<si><t>Username</t></si>", "<si><t>Comment</t></si>", "<si><t>Date</t></si>", "<si><t>Likes</t></si>",
       "<si><t>@zoe</t></si>",
       # rich text runs, a phonetic run to leave out, an escaped carriage return
       "<si><r><rPr><b/></rPr><t>Bravo </t></r><r><t xml:space=\"preserve\">#Noël </t></r><rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></si>",
       "<si><t>@max</t></si>", "<si><t>line one_x000D_\nline two &amp; &lt;three&gt;</t></si>",
       "<si><t xml:space=\"preserve\">  spaced  </t></si>", "<si><t>Élodie</t></si>"]
BASIC_ROWS = """<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="inlineStr"><is><t>Flag</t></is></c></row>
<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2" s="1"><v>46015</v></c><c r="D2"><v>12</v></c><c r="E2" t="b"><v>1</v></c></row>
<row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" t="s"><v>7</v></c><c r="C3" s="2"><v>46015.75</v></c><c r="D3"><v>1.5E+3</v></c><c r="E3" t="b"><v>0</v></c></row>
<row r="5"><c r="A5" t="inlineStr"><is><t>@inline</t></is></c><c r="D5" s="3"><v>0.25</v></c></row>
<row r="6"><c r="A6" t="s"><v>9</v></c><c r="B6" t="s"><v>8</v></c><c r="C6" t="str"><v>formula_x0021_</v></c><c r="D6" t="e"><v>#N/A</v></c></row>
<row r="7"><c r="B7" t="s"><v>8</v></c></row>
<row r="8"><c r="A8" t="inlineStr"><is><t>@last</t></is></c><c r="C8" s="4"><v>1.5</v></c></row>"""
LIST_ROWS = """<row><c t="inlineStr"><is><t>alice</t></is></c></row>
<row><c t="inlineStr"><is><t>bob</t></is></c></row>
<row><c/><c t="inlineStr"><is><t>second column</t></is></c></row>"""
write("basic.xlsx", package([("Comments", sheet(BASIC_ROWS)), ("Autre liste", sheet(LIST_ROWS))], SST))

# export_metadata.xlsx: ExportComments-like metadata rows above the header.
meta = ['<row r="1"><c r="A1" t="inlineStr"><is><t>Exported by a comment export tool</t></is></c></row>',
        '<row r="2"><c r="A2" t="inlineStr"><is><t>https://www.instagram.com/p/XXXX/</t></is></c></row>',
        '<row r="4"><c r="A4" t="inlineStr"><is><t>Total comments</t></is></c><c r="B4"><v>2</v></c></row>']
header = ('<row r="7">' + "".join(f'<c r="{c}7" t="inlineStr"><is><t>{t}</t></is></c>' for c, t in
          zip("ABCDEF", ["Id", "SubId", "Name (click to view profile)", "Profile ID", "Date", "Comment"])) + '</row>')
data = ['<row r="8"><c r="A8"><v>1</v></c><c r="C8" t="inlineStr"><is><t>Zoé</t></is></c><c r="D8"><v>17841400000000001</v></c><c r="E8" s="2"><v>46010.5</v></c><c r="F8" t="inlineStr"><is><t>Je participe @max @lea #noel</t></is></c></row>',
        '<row r="9"><c r="A9"><v>2</v></c><c r="B9"><v>1</v></c><c r="C9" t="inlineStr"><is><t>Max</t></is></c><c r="D9"><v>17841400000000002</v></c><c r="E9" s="2"><v>46011.25</v></c><c r="F9" t="inlineStr"><is><t>Merci !</t></is></c></row>']
write("export_metadata.xlsx", package([("Comments", sheet("\n".join(meta + [header] + data)))], None))

# date1904.xlsx: the Mac date system; serial 0 is 1904-01-01.
write("date1904.xlsx", package([("S", sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c></row>'
                                            '<row r="2"><c r="A2" s="1"><v>0</v></c></row>'
                                            '<row r="3"><c r="A3" s="1"><v>44561</v></c></row>'))], None, date1904=True))

# stored_prefixed.xlsx: stored (not deflated) entries, an absolute relationship
# target, and elements with a namespace prefix, as some generators write them.
PREFIXED = ('<?xml version="1.0"?>\n<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
            '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>pseudo</x:t></x:is></x:c></x:row>'
            '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>@stored</x:t></x:is></x:c></x:row>'
            '</x:sheetData></x:worksheet>')
write("stored_prefixed.xlsx", package([("Feuil1", PREFIXED)], None, None, targets=["/xl/worksheets/data.xml"]),
      zipfile.ZIP_STORED)

# bad_shared_index.xlsx: cell C12 points at shared string 99 of 2.
rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 12))
rows += '<row r="12"><c r="A12" t="s"><v>1</v></c><c r="C12" t="s"><v>99</v></c></row>'
write("bad_shared_index.xlsx", package([("S", sheet(rows))], ["<si><t>user</t></si>", "<si><t>x</t></si>"]))

# bad_xml.xlsx: the sheet's XML breaks on its line 4 (<c> never closed).
BROKEN = (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}><sheetData>\n'
          '<row r="1"><c r="A1" t="inlineStr"><is><t>user</t></is></c></row>\n<row r="2"><c r="A2"><v>1</v></row>\n'
          '</sheetData></worksheet>')
write("bad_xml.xlsx", package([("S", BROKEN)], None))

# bomb.xlsx: an 8 MB sheet of spaces that deflates to a few KB (ratio far over 200).
write("bomb.xlsx", package([("S", sheet(" " * (8 << 20)))], None))

# bad_crc.xlsx and size_lie.xlsx: valid packages patched afterwards.
def patch_central(name, field_offset, value):
    path = os.path.join(HERE, name)
    data = bytearray(open(path, "rb").read())
    target = b"xl/worksheets/sheet1.xml"
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_len] == target:
            struct.pack_into("<I", data, at + field_offset, value)
        at = data.find(b"PK\x01\x02", at + 4)
    open(path, "wb").write(bytes(data))

basic_sheet = [("S", sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>username</t></is></c></row>'
                           '<row r="2"><c r="A2" t="inlineStr"><is><t>@crc</t></is></c></row>'))]
write("bad_crc.xlsx", package(basic_sheet, None))
patch_central("bad_crc.xlsx", 16, 0x12345678)
write("size_lie.xlsx", package(basic_sheet, None))
patch_central("size_lie.xlsx", 24, 10)  # declares 10 bytes; it inflates to more

# truncated.xlsx: the first half of basic.xlsx (no central directory).
full = open(os.path.join(HERE, "basic.xlsx"), "rb").read()
open(os.path.join(HERE, "truncated.xlsx"), "wb").write(full[: len(full) // 2])

# CSV files --------------------------------------------------------------------
# Excel in a French locale: ';' and Windows-1252 (é = E9, € = 80, œ = 9C).
open(os.path.join(HERE, "excel_fr_1252.csv"), "wb").write(
    "Nom d'utilisateur;Commentaire;Date\r\n@zoé;J'adore ! 10€ #noël;24/12/2026 18:00\r\n"
    "@max;\"un cœur; deux\";25/12/2026 09:30\r\n".encode("cp1252"))
open(os.path.join(HERE, "utf16le_tab.csv"), "wb").write(
    "\ufeffusername\tcomment\r\n@zoé\tSalut 👋\r\n@max\t\"deux\r\nlignes\"\r\n".encode("utf-16-le"))
# A quote opened on line 3, column 2 that never closes.
open(os.path.join(HERE, "malformed_quote.csv"), "wb").write(
    b"username,comment\n@a,fine\n@b,\"never closed\n@c,more\n")
print("fixtures written to", HERE)
