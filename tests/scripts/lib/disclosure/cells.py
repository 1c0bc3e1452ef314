"""Published figures as flat cells, read from outputs only.

Every output a reader gets (the `kpi --format json` document, an API answer, the frozen figures
of /api/periods, a converted xlsx workbook, a StatLine file) becomes a dict from a local key
(indicator, dimension, key, part) to a published value: a number, BELOW_FIVE ("<5") or HIDDEN
(null with "suppressed": true). The dimension is "" for the total and "series" for a series
point; the part is "value" or "values.NAME" for a count, and "percent", "numerator" or
"denominator" for a percentage. Only figures about persons are kept: counts, and percentages of
persons with their parts. Money is exact by design and left out.
"""

import csv
import io
import re

BELOW_FIVE = "<5"
HIDDEN = None  # null with "suppressed": true
WITHHELD = "withheld"  # the parts of a shown percentage that the answer leaves out

# Percentages whose parts are money, not persons (exact by the privacy rule, rule 5).
MONEY_PREFIXES = ("finance.", "care.share_k")
# A difference of two counts, not a count of records: left out of the "within 2" check.
NOT_RECORD_COUNTS = {"waitlist.change"}


def is_hidden(value):
    return value is HIDDEN or value == BELOW_FIVE


def is_shown(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number(value):
    """A JSON number as int when it is whole (counts), else float."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def indicator_kind(indicator, unit):
    """'count', 'ratio' (percentage of persons) or None (not attacked)."""
    if unit == "count":
        return "count"
    if unit == "percent" and not indicator.startswith(MONEY_PREFIXES):
        return "ratio"
    return None


# --- the kpi JSON document (CLI and API) ----------------------------------------------------


def _count_cell(cell):
    """Published count of a cell, or ... when the cell carries none."""
    if isinstance(cell, bool):
        return ...
    if isinstance(cell, (int, float)):
        return number(cell)
    if cell == BELOW_FIVE:
        return BELOW_FIVE
    if isinstance(cell, dict):
        if cell.get("suppressed"):
            return HIDDEN
        if "value" in cell:
            return _count_cell(cell["value"])
    return ...


def _ratio_parts(cell):
    """{part: published} of a percentage cell: the value and, when published, its parts."""
    if not isinstance(cell, dict):
        return {}
    if cell.get("suppressed"):
        return {"percent": HIDDEN, "numerator": HIDDEN, "denominator": HIDDEN}
    out = {}
    if is_shown(cell.get("value")):
        out["percent"] = cell["value"]
    for part in ("numerator", "denominator"):
        if is_shown(cell.get(part)):
            out[part] = number(cell[part])
        elif "percent" in out:
            out[part] = WITHHELD
    return out


def _is_nested(cells):
    """A two-dimension table (staffing, projects): its cells are dicts of cells."""
    return any(
        isinstance(c, dict) and not ({"value", "values", "suppressed"} & c.keys())
        for c in cells.values()
    )


def flatten_indicator(indicator, body, out):
    kind = indicator_kind(indicator, body.get("unit"))
    if kind is None:
        return
    if kind == "count":
        total = _count_cell(body)
        if total is not ...:
            out[(indicator, "", "", "value")] = total
        for name, v in (body.get("values") or {}).items():
            c = HIDDEN if v is None else _count_cell(v)  # a suppressed part is a bare null
            if c is not ...:
                out[(indicator, "", "", "values." + name)] = c
        for point in body.get("series") or []:
            c = _count_cell(point)
            if c is not ...:
                out[(indicator, "series", point["key"], "value")] = c
    else:
        for part, v in _ratio_parts(body).items():
            out[(indicator, "", "", part)] = v
    for dim, cells in (body.get("breakdown") or {}).items():
        if not isinstance(cells, dict) or _is_nested(cells):
            continue
        for key, cell in cells.items():
            if kind == "count":
                c = _count_cell(cell)
                if c is not ...:
                    out[(indicator, dim, key, "value")] = c
            else:
                for part, v in _ratio_parts(cell).items():
                    out[(indicator, dim, key, part)] = v


def flatten_document(doc):
    """Cells of a kpi/API document; {} when it has no indicators."""
    out = {}
    for indicator, body in (doc.get("indicators") or {}).items():
        if isinstance(body, dict):
            flatten_indicator(indicator, body, out)
    return out


def units(doc):
    return {i: b.get("unit") for i, b in (doc.get("indicators") or {}).items()}


# --- frozen figures as /api/periods shows them (the stored result format) ------------------


def _frozen_number(n):
    if not isinstance(n, dict):
        return ...
    if n.get("b"):
        return BELOW_FIVE
    if n.get("s"):
        return HIDDEN
    v = n.get("v")
    return number(v) if is_shown(v) else ...


def _frozen_figure(f, kind):
    """A stored figure as a kpi JSON cell."""
    if not isinstance(f, dict):
        return None
    cell = {}
    value = _frozen_number(f.get("value"))
    if value is HIDDEN:
        return {"value": None, "suppressed": True}
    if value is not ...:
        cell["value"] = value
    for part in ("numerator", "denominator"):
        if is_shown(f.get(part)):
            cell[part] = number(f[part])
    values = {}
    for pair in f.get("values") or []:
        if isinstance(pair, list) and len(pair) == 2:
            v = _frozen_number(pair[1])
            if v is not ...:
                values[pair[0]] = v
    if values:
        cell["values"] = values
    if kind == "count" and set(cell) == {"value"}:
        return cell["value"]
    return cell


def frozen_scope_documents(periods_answer, units_by_id):
    """{(period, scope): kpi-like document} from the closed periods of an /api/periods answer.

    Reads whatever figures the answer carries; an answer without figures gives {}.
    """
    out = {}
    for closed in periods_answer.get("closed") or []:
        detail = closed.get("detail") if isinstance(closed, dict) else None
        if not isinstance(detail, dict):
            continue
        for scope, results in (detail.get("scopes") or {}).items():
            if not isinstance(results, list):
                continue
            indicators = {}
            for r in results:
                if not isinstance(r, dict) or "id" not in r:
                    continue
                unit = units_by_id.get(r["id"])
                kind = indicator_kind(r["id"], unit)
                body = {"unit": unit}
                total = _frozen_figure(r.get("total"), kind)
                if isinstance(total, dict):
                    body.update(total)
                elif total is not None:
                    body["value"] = total
                body["series"] = [
                    {"key": p[0], "value": _frozen_figure(p[1], kind)}
                    for p in r.get("series") or []
                    if isinstance(p, list) and len(p) == 2
                ]
                body["breakdown"] = {
                    b.get("dimension"): {
                        c[0]: _frozen_figure(c[1], kind)
                        for c in b.get("cells") or []
                        if isinstance(c, list) and len(c) == 2
                    }
                    for b in r.get("breakdowns") or []
                    if isinstance(b, dict)
                }
                indicators[r["id"]] = body
            out[(closed.get("period"), scope)] = {"indicators": indicators}
    return out


# --- an xlsx workbook converted to CSV (one file per sheet) ---------------------------------


def _sheet_value(text):
    if text == "":
        return ...
    if text == BELOW_FIVE:
        return BELOW_FIVE
    try:
        return number(float(text))
    except ValueError:
        return ...


def flatten_workbook(sheets, units_by_id, labels=None):
    """Cells of a workbook: `sheets` maps an indicator id to its rows after the header
    (Uitsplitsing, Sleutel, Naam, Onderdeel, Waarde, Teller, Noemer, Status, Opmerking). The
    sheet names dimensions and parts in Dutch; `labels` (the JSON document's) gives their codes
    back, so a cell has the same local key as in the other paths."""
    labels = labels or {}
    dim_code = {word: code for code, word in (labels.get("dimensions") or {}).items()}
    dim_code.setdefault("reeks", "series")  # a series is no breakdown: labels do not list it
    part_code = {word: code for code, word in (labels.get("parts") or {}).items()}
    out = {}
    for indicator, rows in sheets.items():
        kind = indicator_kind(indicator, units_by_id.get(indicator))
        if kind is None:
            continue
        for row in rows:
            dim, key, _name, part, value, num, den, _, note = (row + [""] * 9)[:9]
            dim = dim_code.get(dim, dim)
            part = part_code.get(part, part)
            hidden = value == "" and "privacy" in note
            if kind == "count":
                local = (indicator, dim, key, "values." + part if part else "value")
                v = HIDDEN if hidden else _sheet_value(value)
                if v is not ...:
                    out[local] = v
            elif not part:
                shown = is_shown(_sheet_value(value))
                for p, text in (("percent", value), ("numerator", num), ("denominator", den)):
                    v = HIDDEN if hidden else _sheet_value(text)
                    if v is ... and shown:
                        v = WITHHELD
                    if v is not ...:
                        out[(indicator, dim, key, p)] = v
    return out


# --- a StatLine file ------------------------------------------------------------------------

TABLE_TITLE = re.compile(r"^Tabel (\d+):")


def parse_statline(text):
    """{("statline.N", row label, column, "value"): published}; an empty average is HIDDEN."""
    out = {}
    table = header = None
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        if not row or row == [""]:
            header = None
            continue
        m = TABLE_TITLE.match(row[0]) if len(row) == 1 else None
        if m:
            table, header = int(m.group(1)), None
            continue
        if table is None:
            continue
        if header is None:
            header = row
            continue
        for column, text_value in zip(header[2:], row[2:]):
            if text_value == BELOW_FIVE:
                v = BELOW_FIVE
            elif text_value == "":
                v = HIDDEN
            else:
                v = number(float(text_value))
            out[(f"statline.{table}", row[0], column, "value")] = v
    return out
