"""The identities of each attack method, built from the answers the attacker asked for.

Each function returns the identities one method adds (cross=True); the identities inside every
answer it uses (identities.within_answer) are added by the caller, so every method also uses
what one answer gives away by itself.
"""

import calendar
import collections
import datetime
import re

from .identities import MISSING, Identity

# Indicators that count events dated in the period (indicators.md): the figure of [Jan..M] is
# the figure of [Jan..M-1] plus that of [M..M], for the total and every breakdown cell.
ADDITIVE_OVER_PERIODS = {
    "requests.new", "requests.incomplete", "requests.gp_not_in_care", "flow.intake_5wd",
    "flow.core_team_7d", "flow.urgent_24h", "flow.offer_letter_5wd", "outcome.end_reasons",
    "outcome.ended_by_plan", "outcome.goals_attained", "satisfaction.responses",
    "satisfaction.stars", "satisfaction.decided_together", "complaints.count",
    "complaints.escalated", "complaints.response_5wd", "family_plan.missing",
    "family_plan.multi_problem", "family_plan.multiple",
}
# Series whose points are the figure of their month: requests.new per month is requests.new of
# that month; clients in care in a month are clients.total of that month.
MONTHLY_SERIES = {"requests.new": "requests.new", "clients.monthly": "clients.total"}


def attackable(local):
    """Counts and the parts of percentages (a percentage itself is not summed)."""
    return local[3] != "percent"


def overlapping_periods(board, months, cumulative):
    """months[i] = [M..M], cumulative[i] = [Jan..M] (answers of one scope, M = i + 1):
    [Jan..M] - [Jan..M-1] against [M..M] for every additive cell, and the waiting list on the
    last day of M from the one of M-1 and waitlist.change of M."""
    out = []
    for m in range(1, len(months)):
        now, before, month = cumulative[m], cumulative[m - 1], months[m]
        keys = set(board.published[now]) | set(board.published[before])
        keys |= set(board.published[month])
        for local in keys:
            if local[0] in ADDITIVE_OVER_PERIODS and local[1] != "series" and attackable(local):
                out.append(Identity((now, local), ((before, local), (month, local))))
        previous = months[m - 1]
        for local in set(board.published[month]) | set(board.published[previous]):
            ind, dim, key, part = local
            if ind == "waitlist.count" and dim in ("", "provider"):
                change = ("waitlist.change", dim, key, part)
                out.append(Identity((month, local), ((previous, local), (month, change))))
    return out


def series_against_totals(board, answers, month_answer):
    """The total of an answer against the sum of its series points, and each monthly point
    against the total of that month asked by itself (month_answer: 'YYYY-MM' -> answer)."""
    out = []
    for answer in answers:
        points = collections.defaultdict(list)
        for local in board.published[answer]:
            if local[1] == "series":
                points[local[0]].append(local)
        for ind, locals_ in points.items():
            out.append(Identity((answer, (ind, "", "", "value")),
                                tuple((answer, p) for p in locals_)))
            if ind not in MONTHLY_SERIES:
                continue
            for p in locals_:
                month = month_answer.get(p[2])
                if month is not None:
                    out.append(Identity((answer, p),
                                        ((month, (MONTHLY_SERIES[ind], "", "", "value")),)))
    return out


def complement(board, whole, parts, dimension):
    """whole: the answer of the municipality; parts: {value: answer asked with --DIMENSION value}.
    Every cell of the whole against the sum of the same cell of the parts, and the cell
    DIMENSION=value of the whole's breakdown against the total of that part."""
    out = []
    keys = set(board.published[whole])
    for answer in parts.values():
        keys |= set(board.published[answer])
    for local in keys:
        if attackable(local):
            out.append(Identity((whole, local), tuple((a, local) for a in parts.values())))
    for value, answer in parts.items():
        for ind, dim, key, part in board.published[answer]:
            if dim == "" and attackable((ind, dim, key, part)):
                out.append(Identity((whole, (ind, dimension, value, part)),
                                    ((answer, (ind, "", "", part)),)))
    return out


def same_answer(board, copies):
    """copies: [(copy, original)]: every cell of a copy (API answer, frozen figures) against the
    same cell of the original answer."""
    out = []
    for copy, original in copies:
        for local in board.published[copy]:
            out.append(Identity((copy, local), ((original, local),)))
    return out


def statline_tables(board, answers):
    """Inside each StatLine file: started trajectories by referrer add up to the started ones,
    ended ones by reason to the ended ones (tables 2-4), and each column's Totaal row is the sum
    of the municipality rows."""
    out = []
    for answer in answers:
        cells = board.published[answer]
        rows = collections.defaultdict(list)
        columns = collections.defaultdict(list)
        for local in cells:
            table, row, column, _ = local
            if "duur" in column:  # the average duration is not a count
                continue
            rows[(table, row)].append(local)
            columns[(table, column)].append(local)
        for (table, row), locals_ in rows.items():
            ref = lambda t, c: (answer, (t, row, c, "value"))  # noqa: E731
            if table == "statline.3":
                started = ref(table, "Trajecten gestart")
                out.append(Identity(started, tuple((answer, x) for x in locals_
                                                   if (answer, x) != started)))
                out.append(Identity(ref("statline.2", "Trajecten gestart"), (started,)))
            if table == "statline.4":
                ended = ref(table, "Trajecten beëindigd")
                out.append(Identity(ended, tuple((answer, x) for x in locals_
                                                 if (answer, x) != ended)))
                out.append(Identity(ref("statline.2", "Trajecten beëindigd"), (ended,)))
        for (table, column), locals_ in columns.items():
            total = (answer, (table, "Totaal", column, "value"))
            out.append(Identity(total, tuple((answer, x) for x in locals_
                                             if (answer, x) != total)))
    return out


# --- one cell, one published value ---------------------------------------------------------

# Counts of clients on one day: clients.start on `from`, clients.end and waitlist.count on `to`.
ON_DAY = {"clients.start": ("clients.on", "start"), "clients.end": ("clients.on", "end"),
          "waitlist.count": ("waitlist.count", "end")}
STATLINE_ON_DAY = {"Jongeren met jeugdhulp begin": "start", "Jongeren met jeugdhulp eind": "end"}


def _month(key):
    year, month = int(key[:4]), int(key[5:7])
    last = calendar.monthrange(year, month)[1]
    return ("period", f"{key}-01", f"{key}-{last:02}")


def _quarter_end(key):
    year, quarter = int(key[:4]), int(key[5])
    month = quarter * 3
    return datetime.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def canonical(where, local, area_municipality):
    """The cell a published figure is about, whatever path it came through: (period, scope
    constraints, indicator, part), or None. `where` is (start, end, scope) of the answer."""
    start, end, scope = where
    ind, dim, key, part = local
    constraints = dict(scope)
    day = {"start": start, "end": end}
    if ind.startswith("statline."):
        if dim != "Totaal":
            constraints["municipality"] = dim
        if key in STATLINE_ON_DAY:
            ind, period = "clients.on", ("on", day[STATLINE_ON_DAY[key]])
        else:
            ind, period = f"{ind}:{key}", ("period", start, end)
    elif dim == "series":
        if ind in MONTHLY_SERIES and re.fullmatch(r"\d{4}-\d\d", key):
            ind, period = MONTHLY_SERIES[ind], _month(key)
        elif ind == "waitlist.quarterly" and re.fullmatch(r"\d{4}Q[1-4]", key):
            ind, period = "waitlist.count", ("on", _quarter_end(key))
        else:
            return None
    else:
        if dim:
            if constraints.get(dim, key) != key:
                return None
            constraints[dim] = key
        if ind in ON_DAY:
            ind, which = ON_DAY[ind]
            period = ("on", day[which])
        else:
            period = ("period", start, end)
    if "area" in constraints and "municipality" not in constraints:
        constraints["municipality"] = area_municipality.get(constraints["area"], "?")
    return (period, frozenset(constraints.items()), ind, part)


def cell_classes(board, where_of, area_municipality):
    """{canonical cell: [ref]} over every answer in where_of, one list per true value (two
    paths whose true figures differ are not the same cell, whatever the names say)."""
    classes = collections.defaultdict(list)
    for answer, where in where_of.items():
        for local in board.published[answer]:
            c = canonical(where, local, area_municipality)
            truth = board.true_value((answer, local))
            if c is not None and truth is not MISSING:
                classes[(c, round(truth, 9))].append((answer, local))
    return classes


def one_cell_paths(classes):
    """Equalities between every path of the same cell."""
    out = []
    for refs in classes.values():
        for other in refs[1:]:
            out.append(Identity(refs[0], (other,)))
    return out
