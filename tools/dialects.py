#!/usr/bin/env python3
"""Writes a canonical dataset folder again in the forms people save it in (data-contract.md,
"Files as people save them"; mapping.md): for tests/scripts/dialects.sh and `./dev demo`.

    dialects.py FORM SRC DST

FORM is one of
  excel1252   Windows-1252, ';', CRLF, decimal comma, D-M-YYYY, D-M-YYYY H:MM:SS, WAAR/ONWAAR,
              and a first column "opmerking" (ignored by the import) with "Cliënt één"
  bom         UTF-8 with BOM, ';', 1.234,56, DD-MM-YYYY, DD-MM-YYYY HH:MM:SS, Ja/Nee
  tab         UTF-8, tab, CR line ends, decimal comma, D/M/YYYY, YYYY-MM-DD HH:MM, j/n,
              BSNs with dots between the digits and without their first leading zero
  xlsx        one workbook per file (clients.xlsx …), 1904 date system, typed cells
  workbook    one workbook (dataset.xlsx) with a sheet per file, 1900 date system
  ecd         an ECD's own export: other file names, headers and words, plus mapping.toml
"""
import csv
import datetime
import io
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$")
# Columns of type int, number or money in the contract (the only ones whose numbers are rewritten).
NUMERIC = {
    "activities.csv": {"waiting_weeks"},
    "budgets.csv": {"year", "lump_sum", "other_income"},
    "costs.csv": {"amount"},
    "goals.csv": {"weight", "score"},
    "measurements.csv": {"value"},
    "project_results.csv": {"value"},
    "providers.csv": {"employees"},
    "staff_surveys.csv": {"year", "score"},
    "staffing.csv": {"fte"},
    "surveys.csv": {"grade", "stars"} | {f"s{i}" for i in range(1, 9)},
}


def read(src, name):
    with open(os.path.join(src, name), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def grouped(integer):
    digits = integer.lstrip("-")
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ("-" if integer.startswith("-") else "") + ".".join(groups)


def dutch_number(value, thousands):
    whole, _, fraction = value.partition(".")
    if thousands:
        whole = grouped(whole)
    return whole + ("," + fraction if fraction else "")


FORMS = {
    "excel1252": dict(sep=";", enc="cp1252", eol="\r\n", date="{d}-{m}-{y}",
                      time=" {H}:{M:02}:{S:02}", true="WAAR", false="ONWAAR", thousands=False),
    "bom": dict(sep=";", enc="utf-8-sig", eol="\n", date="{d:02}-{m:02}-{y}",
                time=" {H:02}:{M:02}:{S:02}", true="Ja", false="Nee", thousands=True),
    "tab": dict(sep="\t", enc="utf-8", eol="\r", date="{d}/{m}/{y}", time=None, true="j",
                false="n", thousands=False, bsn=True),
}


def rewrite(form, file, column, value):
    if value == "":
        return value
    if value in ("true", "false"):
        return form["true"] if value == "true" else form["false"]
    m = STAMP.match(value)
    if m:
        y, mo, d, hh, mm, ss = (int(x or 0) for x in m.groups())
        if form["time"] is None:  # ISO date with a space and an hour without leading zero
            return f"{y:04}-{mo:02}-{d:02} {hh}:{mm:02}" + (f":{ss:02}" if ss else "")
        return form["date"].format(d=d, m=mo, y=y) + form["time"].format(H=hh, M=mm, S=ss)
    m = DATE.match(value)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        return form["date"].format(d=d, m=mo, y=y)
    if column in NUMERIC.get(file, ()):
        return dutch_number(value, form["thousands"])
    if column == "bsn" and form.get("bsn"):
        digits = value[1:] if value.startswith("0") else value  # one zero, as a spreadsheet drops it
        return ".".join([digits[: len(digits) - 6], digits[-6:-3], digits[-3:]])
    return value


def write_csv(path, header, rows, sep, enc, eol):
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=sep, lineterminator=eol)
    writer.writerow(header)
    writer.writerows(rows)
    with open(path, "w", encoding=enc, newline="") as f:
        f.write(out.getvalue())


def text_form(name, src, dst):
    form = FORMS[name]
    for file in sorted(os.listdir(src)):
        if not file.endswith(".csv"):
            continue
        header, rows = read(src, file)
        rows = [[rewrite(form, file, header[i], v) for i, v in enumerate(r)] for r in rows]
        if form["enc"] == "cp1252":
            # A column the import ignores, so that the file holds Windows-1252 bytes.
            header = ["opmerking"] + header
            rows = [["Cliënt één"] + r for r in rows]
        write_csv(os.path.join(dst, file), header, rows, form["sep"], form["enc"], form["eol"])


# ---- Workbooks, written by hand with zipfile ----

def serial(value, date1904):
    m = STAMP.match(value) or DATE.match(value)
    parts = [int(x or 0) for x in m.groups()]
    y, mo, d = parts[:3]
    hh, mm, ss = (parts[3:] + [0, 0, 0])[:3]
    epoch = datetime.date(1904, 1, 1) if date1904 else datetime.date(1899, 12, 30)
    days = (datetime.date(y, mo, d) - epoch).days
    seconds = hh * 3600 + mm * 60 + ss
    return repr(days + seconds / 86400) if seconds else str(days)


def column_letters(i):
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def cell(ref, file, column, value, date1904):
    if value == "":
        return ""
    if value in ("true", "false"):
        return f'<c r="{ref}" t="b"><v>{1 if value == "true" else 0}</v></c>'
    if STAMP.match(value):
        return f'<c r="{ref}" s="2"><v>{serial(value, date1904)}</v></c>'
    if DATE.match(value):
        return f'<c r="{ref}" s="1"><v>{serial(value, date1904)}</v></c>'
    numeric = column in NUMERIC.get(file, ()) or column == "bsn"
    if numeric or re.match(r"^[1-9]\d{0,14}$", value):
        return f'<c r="{ref}"><v>{int(value) if column == "bsn" else value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def sheet_xml(file, header, rows, date1904):
    out = ['<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           "<sheetData>"]
    for r, row in enumerate([header] + rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{column_letters(c)}{r}"
            if r == 1:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
            else:
                cells.append(cell(ref, file, header[c], value, date1904))
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    out.append("</sheetData></worksheet>")
    return "".join(out)


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def write_workbook(path, sheets, date1904):
    """sheets: list of (name, xml)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels",
                   f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                   f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        entries = "".join(f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                          for i, (n, _) in enumerate(sheets))
        z.writestr("xl/workbook.xml",
                   f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr '
                   f'date1904="{1 if date1904 else 0}"/><sheets>{entries}</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" '
                       f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
        rels += f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>'
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>')
        z.writestr("xl/styles.xml",
                   f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
                   f'formatCode="d-m-yyyy hh:mm:ss"/></numFmts><cellXfs count="3"><xf numFmtId="0"/>'
                   f'<xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>')
        for i, (_, xml) in enumerate(sheets):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", xml)


def workbook_forms(name, src, dst):
    sheets = []
    for file in sorted(os.listdir(src)):
        if not file.endswith(".csv"):
            continue
        header, rows = read(src, file)
        if name == "xlsx":
            write_workbook(os.path.join(dst, file[:-4] + ".xlsx"),
                           [("Blad1", sheet_xml(file, header, rows, True))], True)
        else:
            sheets.append((file[:-4], sheet_xml(file, header, rows, False)))
    if name == "workbook":
        sheets.insert(0, ("Toelichting", sheet_xml("", ["uitleg"], [["export"]], False)))
        write_workbook(os.path.join(dst, "dataset.xlsx"), sheets, False)


# ---- An ECD's own export and its mapping ----

MUNICIPALITIES = {"GM0917": "Heerlen", "GM0882": "Landgraaf", "GM0986": "Voerendaal"}
REFERRERS = {"gp": "Huisarts", "youth_doctor": "Jeugdarts", "medical_specialist": "Medisch specialist",
             "certified_institution": "Gecertificeerde instelling", "municipality": "Gemeentelijke toegang",
             "school": "School", "provider": "Zorgaanbieder", "neighbourhood_team": "Sociaal buurtteam",
             "court": "Rechter", "self": "Zelf", "other": "Anders"}
CLIENT_HEADERS = {"client_id": "Cliëntnummer", "bsn": "BSN", "birth_date": "Geboortedatum",
                  "municipality": "Woongemeente", "area_id": "Wijk", "family_id": "Gezinsnummer"}


def ecd_form(src, dst):
    form = FORMS["excel1252"]
    mapping = ["# The ECD's export, mapped onto the contract (mapping.md).\n"]
    # clients: own file name and headers, municipality names, Windows-1252 ';'.
    header, rows = read(src, "clients.csv")
    out = [["Extra kolom"] + [CLIENT_HEADERS[h] for h in header]]
    for r in rows:
        values = [MUNICIPALITIES.get(v, v) if header[i] == "municipality" else
                  rewrite(form, "clients.csv", header[i], v) for i, v in enumerate(r)]
        out.append(["genegeerd"] + values)
    write_csv(os.path.join(dst, "Export clienten 2020.csv"), out[0], out[1:], ";", "cp1252", "\r\n")
    mapping.append('[clients]\nfiles = ["Export clienten*.csv"]\n[clients.columns]\n')
    mapping += [f'{h} = "{CLIENT_HEADERS[h]}"\n' for h in header]
    mapping.append("[clients.values.municipality]\n")
    mapping += [f'"{name.upper()} " = "{code}"\n' for code, name in MUNICIPALITIES.items()]
    # requests: a workbook with its own sheet name, referrer words and a header per column.
    header, rows = read(src, "requests.csv")
    own = {h: "Veld " + h.replace("_", " ").title() for h in header}
    own["request_id"], own["client_id"], own["referrer"] = "Aanmeldnummer", "Cliëntnummer", "Verwijzer"
    rows = [[REFERRERS[v] if header[i] == "referrer" else v for i, v in enumerate(r)] for r in rows]
    xml = sheet_xml("requests.csv", [own[h] for h in header], rows, False)
    write_workbook(os.path.join(dst, "Aanmeldingen.xlsx"),
                   [("Overzicht", sheet_xml("", ["x"], [["y"]], False)), ("Aanmeldingen", xml)], False)
    mapping.append('\n[requests]\nfiles = "Aanmeldingen.xlsx"\nsheet = "Aanmeldingen"\n'
                   "[requests.columns]\n")
    mapping += [f'{h} = "{own[h]}"\n' for h in header]
    mapping.append("[requests.values.referrer]\n")
    mapping += [f'"{word}" = "{code}"\n' for code, word in REFERRERS.items()]
    # The other files stay canonical under their contract names (`fixed` is tested in
    # tests/ingest/mapping_test.cpp: no column of the demo has one value in every row).
    for file in sorted(os.listdir(src)):
        if file.endswith(".csv") and file not in ("clients.csv", "requests.csv"):
            header, rows = read(src, file)
            write_csv(os.path.join(dst, file), header, rows, ",", "utf-8", "\n")
    with open(os.path.join(dst, "mapping.toml"), "w", encoding="utf-8") as f:
        f.write("".join(mapping))


def main():
    name, src, dst = sys.argv[1:4]
    os.makedirs(dst, exist_ok=True)
    if name in FORMS:
        text_form(name, src, dst)
    elif name in ("xlsx", "workbook"):
        workbook_forms(name, src, dst)
    elif name == "ecd":
        ecd_form(src, dst)
    else:
        sys.exit(f"unknown form {name}")


if __name__ == "__main__":
    main()
