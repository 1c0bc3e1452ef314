"""The assertions of the attack suite that are not attacks: published counts near the truth,
one published value per cell whatever the path, nothing of another municipality, and the same
published figure for the same set of records."""

import collections
import json
import re

from .cells import BELOW_FIVE, HIDDEN, NOT_RECORD_COUNTS, WITHHELD, is_shown
from .identities import MISSING


def within_two(board, answers):
    """(cells checked, violations): a shown count is within 2 of the truth and 0 only for a true
    0; "<5" stands for a true count of 1 to 6 (a published 1-4 plus noise of at most 2)."""
    checked, bad = 0, []
    for answer in answers:
        for local, published in board.published[answer].items():
            ind, dim, key, part = local
            if part == "percent" or ind in NOT_RECORD_COUNTS or "duur" in key:
                continue
            truth = board.true_value((answer, local))
            if truth is MISSING:
                continue
            if published == BELOW_FIVE:
                ok = 1 <= truth <= 6
            elif is_shown(published):
                ok = abs(published - truth) <= 2 and (published == 0) == (truth == 0)
            else:
                continue
            checked += 1
            if not ok:
                bad.append((answer, local, published, truth))
    return checked, bad


def small_shown_parts(board, answers):
    """Numerators and denominators of shown percentages that are 1 to 4: small counts that
    reach the reader as they are."""
    found = []
    for answer in answers:
        for local, published in board.published[answer].items():
            if local[3] in ("numerator", "denominator") and is_shown(published) \
                    and 1 <= published <= 4:
                found.append((answer, local, published))
    return found


def _same(a, b):
    if is_shown(a) and is_shown(b):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def one_value_per_cell(board, classes, path_of):
    """(cells seen through two or more paths, conflicts): every path that shows a cell (a
    number or "<5") shows the same; a path that hides it by secondary suppression (null) or
    withholds it agrees with anything."""
    compared, conflicts = 0, []
    for (cell, truth), refs in classes.items():
        if len(refs) < 2:
            continue
        compared += 1
        values = [(path_of[a], board.published_value((a, l))) for a, l in refs]
        shown = [v for _, v in values if v not in (HIDDEN, WITHHELD)]
        if any(not _same(v, shown[0]) for v in shown[1:]):
            conflicts.append((cell, truth, values))
    return compared, conflicts


def _without_labels(value):
    if isinstance(value, dict):
        return {k: _without_labels(v) for k, v in value.items() if k != "labels"}
    if isinstance(value, list):
        return [_without_labels(v) for v in value]
    return value


def foreign_figures(text, own, area_municipality):
    """Codes of other municipalities and ids of their areas in an answer, outside the names
    of codes (a JSON object "labels") that a JSON answer may carry."""
    try:
        text = json.dumps(_without_labels(json.loads(text)))
    except ValueError:
        pass
    return foreign_mentions(text, own, area_municipality)


def foreign_mentions(text, own, area_municipality):
    """Codes of other municipalities and ids of their areas anywhere in a text."""
    found = collections.Counter(c for c in re.findall(r"GM\d{4}", text) if c != own)
    for area, municipality in area_municipality.items():
        if municipality != own:
            hits = len(re.findall(rf"(?<![\w-]){re.escape(area)}(?![\w-])", text))
            if hits:
                found[area] += hits
    return found


def foreign_frozen_scopes(frozen_documents, own, count_cells):
    """{scope: figures} of the closed periods' scopes that are not the caller's municipality."""
    out = {}
    for (period, scope), doc in frozen_documents.items():
        if scope != f"municipality:{own}":
            out[f"{period} {scope}"] = count_cells(doc)
    return out


def same_records_same_figure(pairs, explained, published):
    """The property: when two questions count the same set of records (the analyst's explain
    lists the same record ids), the published cells of that indicator are the same.

    pairs: [(question A, question B, indicator, whole)]: `whole` compares every cell of the
    indicator (its records have fixed attributes), else only the total; published: {question:
    cells}.
    Returns (pairs with the same records, cells compared, of which "<5", conflicts)."""
    same, compared, small, conflicts = 0, 0, 0, []
    for a, b, indicator, whole in pairs:
        records_a, records_b = explained[(a, indicator)], explained[(b, indicator)]
        if records_a != records_b or not records_a:
            continue
        same += 1
        cells_a, cells_b = published[a], published[b]
        for local, value in cells_a.items():
            ind, dim, key, part = local
            if ind != indicator or dim == "series" or (dim and not whole):
                continue
            other = cells_b.get(local, 0)
            if HIDDEN in (value, other) or WITHHELD in (value, other):
                continue
            compared += 1
            small += value == BELOW_FIVE
            if not _same(value, other):
                conflicts.append((a, b, local, value, other))
    return same, compared, small, conflicts
