#!/usr/bin/env python3
"""Writes an .xlsx of N comment rows (handle, text, date) for import_bench:
shared strings for the handles, inline strings for the text, a date style,
deflated like Excel's files.   make_big_xlsx.py OUT.xlsx [N]"""
import sys
import zipfile

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>username</t></is></c><c r="B1" t="inlineStr"><is><t>comment</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>date</t></is></c></row>']
for i in range(n):
    r = i + 2
    tag = "#fete" if i % 7 == 0 else "#noel"
    rows.append(f'<row r="{r}"><c r="A{r}" t="s"><v>{i}</v></c><c r="B{r}" t="inlineStr"><is><t>Bravo {tag} @friend{i % 1000} '
                f'@pal{(i + 1) % 1000}</t></is></c><c r="C{r}" s="1"><v>{46357 + i % 20}.{i % 60:02d}</v></c></row>')
sheet = f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}><sheetData>' + "".join(rows) + '</sheetData></worksheet>'
sst = f'<?xml version="1.0" encoding="UTF-8"?>\n<sst {NS}>' + "".join(f'<si><t>@user{i - i % 10 if i % 10 == 9 else i}</t></si>' for i in range(n)) + '</sst>'
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<workbook {NS}><sheets><sheet name="Comments" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
               '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    z.writestr("xl/styles.xml", f'<styleSheet {NS}><cellXfs><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>')
    z.writestr("xl/sharedStrings.xml", sst)
    z.writestr("xl/worksheets/sheet1.xml", sheet)
