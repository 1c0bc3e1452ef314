#!/usr/bin/env python3
"""Attacks on disclosure control as an outsider would make them (issue 11).

Plays a municipality user who asks the API and `kpi` many overlapping questions, and the public
who reads StatLine files, and tries to recover every cell its answers hide ("<5", or null with
"suppressed": true) exactly, by subtraction. The truth is `kpi --role analyst` for every
question the attacker asks. Everything is read from outputs (JSON documents and files). Run by
tests/scripts/disclosure_attack.sh, which makes the store and starts the server; the method is
described in docs/privacy-testing.md.

Bounds (indicators.md, "Privacy rule for outputs"): each subtraction attack recovers exactly at
most half of the hidden cells for which it computes a value (a uniform guess between 1 and 4 gets
a quarter of the "<5" cells); every shown count is within 2 of the truth; one cell has one
published value through every path; a municipality never receives another municipality's
figures; the same records give the same published figure.

RK_ATTACK_TRACE=METHOD (or *) lists every cell a method attacked, with its published, derived and
true value.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from disclosure import checks, methods  # noqa: E402
from disclosure.cells import flatten_document  # noqa: E402
from disclosure.identities import Identity, evaluate, involves_hidden, within_answer  # noqa: E402
from disclosure.sources import Api, Query, Workbook  # noqa: E402
from disclosure.study import Study  # noqa: E402

BOUND = 0.5  # at most half of the hidden cells attacked may be recovered exactly
MIN_ATTACKED = 20  # an attack that reaches fewer hidden cells proves nothing
MIN_COUNTS_CHECKED = 1000
MIN_PATH_CELLS = 100
MIN_PROPERTY_CELLS = 20
PROPERTY_INDICATORS = {  # indicator -> compare every cell (records with fixed attributes)
    "requests.new": True, "outcome.end_reasons": True, "waitlist.count": False}
ASSERTED = ("periods", "series", "area", "quadrant", "provider", "statline")
MUST_REACH = ("periods", "area", "statline")


class Verdict:
    """Prints every check with its figures and remembers whether one failed."""

    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, condition, message, details=()):
        print(("ok: " if condition else "FAIL: ") + message)
        for line in list(details)[:8]:
            print("      " + line)
        if condition:
            self.passed += 1
        else:
            self.failed += 1


def count_cells(doc):
    return len(flatten_document(doc))


def attacks(study):
    """Runs every attack method on the attacker's answers; [Outcome]."""
    board = study.board
    within = {a: within_answer(a, board.published[a]) for a in board.published
              if a[0] != "statline"}
    everything = []

    def run(name, description, cross, answers=None):
        if answers is None:
            answers = {r[0] for i in cross for r in i.refs()}
        support = [i for a in answers if a in within for i in within[a]]
        identities = [i for i in cross + support if involves_hidden(board, i)]
        if name not in ("within", "all"):
            everything.extend(cross)
        return evaluate(board, name, description, identities, describe=describe)

    def describe(answer):
        what = answer[1]
        label = what.label() if isinstance(what, Query) else str(what)
        return f"{study.path.get(answer, answer[0])} {label}"

    api = lambda q: ("api", q)  # noqa: E731
    out = []
    asked = [a for a in board.published if a[0] == "api"]
    cross = [Identity(i.total, i.parts) for a in asked for i in within[a]]
    out.append(run("within", "inside one answer at a time", cross, []))

    cross = []
    for months, cumulative in study.by_scope.values():
        cross += methods.overlapping_periods(board, [api(q) for q in months],
                                             [api(q) for q in cumulative])
    out.append(run("periods", "[Jan..M] - [Jan..M-1] against [M..M]; waiting list from its change",
                   cross))

    cross = []
    for months, cumulative in study.by_scope.values():
        month_answer = {q.start[:7]: api(q) for q in months}
        cross += methods.series_against_totals(board, [api(q) for q in months + cumulative],
                                               month_answer)
    out.append(run("series", "series points against the total and against their month", cross))

    cross = []
    for i in range(len(study.months)):
        for col in (0, 1):
            whole = api(study.by_scope[""][col][i])
            parts = {a: api(study.by_scope[a][col][i]) for a in study.areas}
            cross += methods.complement(board, whole, parts, "area")
    out.append(run("area", "municipality minus the other areas (--area and breakdown)", cross))

    cross = []
    for i in range(len(study.months)):
        whole = api(study.by_scope[""][0][i])
        parts = {k: api(qs[i]) for k, qs in study.by_quadrant.items()}
        cross += methods.complement(board, whole, parts, "quadrant")
    out.append(run("quadrant", "municipality minus the other quadrants", cross))

    whole = api(study.by_scope[""][0][study.provider_month])
    parts = {p: api(q) for p, q in study.by_provider.items()}
    out.append(run("provider", "municipality minus the other providers",
                   methods.complement(board, whole, parts, "provider")))

    copies = [(a, ("kpi", a[1])) for a in board.published
              if a[0].startswith("api") and ("kpi", a[1]) in board.published]
    copies += [(a, api(a[1])) for a in board.published if a[0] == "frozen"]
    out.append(run("copies", "API and closed-period figures against kpi for the same question",
                   methods.same_answer(board, copies)))

    study.classes = methods.cell_classes(board, study.where, study.area_municipality)
    out.append(run("paths", "the same cell through every path (kpi, API, files, public)",
                   methods.one_cell_paths(study.classes)))

    out.append(run("statline", "StatLine rows and columns (public files) by subtraction",
                   methods.statline_tables(board, study.statline_public),
                   study.statline_public))
    out.append(run("all", "every identity above at once (the strongest attacker)", everything))
    return out


def print_table(outcomes):
    print()
    print(f"{'method':<9} {'reached':>7} {'copied':>6} {'exact':>5} {'attacked':>8} {'exact':>6} "
          f"{'exact %':>8} {'<5':>5} {'clamped %':>9} {'bound':>6}  what the attacker does")
    for o in outcomes:
        clamped = f"{100 * o.clamped_exact / o.below_five:.1f}" if o.below_five else "-"
        bound = f"{100 * BOUND:.0f} %" if o.name in ASSERTED else "-"
        print(f"{o.name:<9} {o.reachable:>7} {o.copied:>6} {o.copied_exact:>5} {o.attacked:>8} "
              f"{o.exact:>6} {100 * o.share():>7.1f}% {o.below_five:>5} {clamped:>9} {bound:>6}  "
              f"{o.description}")
    below = sum(o.below_five for o in outcomes if o.name in ASSERTED)
    expected = sum(o.uniform_expected for o in outcomes if o.name in ASSERTED)
    print("reached: hidden cells in an identity that holds for the true figures; copied: of "
          "which a value was copied from the same records elsewhere (exact: equal to the truth); "
          "attacked: of which a value was computed by difference; exact: equal to the truth")
    print(f"baseline: a uniform random guess between 1 and 4 is right for 25 % of the cells that "
          f"hide 1-4 ({100 * expected / below if below else 0:.1f} % of the {below} \"<5\" cells "
          f"attacked by the bounded methods)")
    print("clamped %: exact share of the attacked \"<5\" cells when the estimate is clamped to "
          "1..4 (information, not asserted)")
    for o in outcomes:
        for e in o.examples[:2]:
            print(f"  {o.name}: {e}")
    print()


def assert_attacks(verdict, outcomes):
    for o in outcomes:
        if o.name in MUST_REACH:
            # The attack must have material: hidden cells in identities that hold. Whether it can
            # compute a value for them is what disclosure control decides (StatLine's two-way
            # tables keep two hidden cells in every row and column, so nothing is attacked).
            # StatLine alone may end with nothing attackable (every row and column keeps two
            # hidden cells); the others must have computed values to be judged.
            enough = o.reachable if o.name == "statline" else o.attacked
            verdict.check(enough >= MIN_ATTACKED,
                          f"{o.name}: {o.reachable} hidden cells reached, {o.attacked} attacked "
                          f"(at least {MIN_ATTACKED} "
                          f"{'reached' if o.name == 'statline' else 'attacked'})")
        if o.name in ASSERTED and o.attacked >= MIN_ATTACKED:
            verdict.check(o.share() <= BOUND,
                          f"{o.name}: {o.exact} of {o.attacked} hidden cells attacked recovered "
                          f"exactly ({100 * o.share():.1f} %, bound {100 * BOUND:.0f} %)",
                          o.examples)
        elif o.name in ASSERTED:
            print(f"note: {o.name}: {o.attacked} hidden cells attacked, too few to judge")


def assert_truth(verdict, study):
    truths = [q for q in study.program.documents if q.role == "analyst"]
    empty = [q.label() for q in truths if count_cells(study.program.documents[q]) == 0]
    figures = sum(count_cells(study.program.documents[q]) for q in truths)
    verdict.check(truths and not empty,
                  f"{len(truths)} truth answers (kpi --role analyst) with {figures} figures, "
                  f"none empty", empty)


def assert_counts(verdict, study):
    answers = list(study.board.published)
    checked, bad = checks.within_two(study.board, answers)
    verdict.check(checked >= MIN_COUNTS_CHECKED and not bad,
                  f"shown counts within 2 of the truth: {checked} checked, {len(bad)} off",
                  [f"{study.path[a]} {'/'.join(x for x in l if x)}: {p} for true {t}"
                   for a, l, p, t in bad])
    small = checks.small_shown_parts(study.board, answers)
    print(f"note: {len(small)} shown numerators or denominators of percentages are 1 to 4 "
          f"(small counts that reach the reader as they are)")


def assert_one_value(verdict, study):
    compared, conflicts = checks.one_value_per_cell(study.board, study.classes, study.path)

    def show(cell):
        period, scope, ind, part = cell
        where = " ".join(f"{k}={v}" for k, v in sorted(scope)) or "combined"
        return f"{ind} {part} {'..'.join(period[1:])} {where}"

    details = []
    for cell, truth, values in conflicts:
        by_path = {}
        for p, v in values:
            by_path.setdefault(p, set()).add(str(v))
        paths = "; ".join(f"{p}: {'/'.join(sorted(v))}" for p, v in sorted(by_path.items()))
        details.append(f"{show(cell)} (true {truth}): {paths}")
    verdict.check(compared >= MIN_PATH_CELLS and not conflicts,
                  f"one cell, one published value: {compared} cells seen through two or more "
                  f"paths, {len(conflicts)} with different published values", details)
    march = study.months[2]
    for ind, period in (("clients.total", ("period",) + march), ("clients.on", ("on", march[0]))):
        key = (period, frozenset({("municipality", study.own)}), ind, "value")
        for (cell, truth), refs in study.classes.items():
            if cell == key:
                paths = "; ".join(sorted({f"{study.path[a]}: {study.board.published_value((a, l))}"
                                          for a, l in refs}))
                print(f"  {ind} of {study.own} {'..'.join(period[1:])} (true {truth}): {paths}")


def assert_no_foreign(verdict, study):
    own, areas = study.own, study.area_municipality
    status, text = study.periods_texts["session"]
    found = checks.foreign_mentions(text, own, areas)
    scopes = checks.foreign_frozen_scopes(study.frozen, own, count_cells)
    token_status, token_text = study.periods_texts["token"]
    found_token = checks.foreign_mentions(token_text, own, areas)
    verdict.check(status == 200 and token_status == 200 and not found and not found_token
                  and not scopes,
                  f"/api/periods of a {own} user (session and token): "
                  f"{sum(found.values())} mentions of other municipalities, "
                  f"{len(scopes)} closed scopes of others with {sum(scopes.values())} figures",
                  [f"{k}: {v} figures" for k, v in scopes.items()]
                  + [f"{k}: {v} times" for k, v in found.most_common()])
    texts = study.texts
    leaks = {name: checks.foreign_figures(t, own, areas) for name, t in texts.items()}
    leaks = {n: c for n, c in leaks.items() if c}
    verdict.check(not leaks,
                  f"no other municipality in {len(texts)} other answers and files of a {own} user "
                  f"(kpi, API answers, charts, listings, xlsx, StatLine, report)",
                  [f"{n}: {dict(c)}" for n, c in leaks.items()])
    print("other listings: " + ", ".join(f"{p} {s}" for p, s in study.listings.items()))


def assert_property(verdict, study):
    """Same records, same published figure: a week asked Monday-Friday and Monday-Sunday."""
    def same_true_total(a, b, indicator):  # else the records differ: no need to ask
        total = (indicator, "", "", "value")
        x, y = (study.board.truth[("api", q)].get(total, 0) for q in (a, b))
        return x == y and x > 0

    pairs = [(a, b, ind, whole) for a, b in study.week_pairs
             for ind, whole in PROPERTY_INDICATORS.items() if same_true_total(a, b, ind)]
    items = [(q, ind) for a, b, ind, _ in pairs for q in (a, b)]
    explained = study.program.explain(items)
    published = {q: study.board.published[("api", q)] for pair in study.week_pairs for q in pair}
    same, compared, small, conflicts = checks.same_records_same_figure(
        pairs, explained, published)
    verdict.check(compared >= MIN_PROPERTY_CELLS and not conflicts,
                  f"same records, same figure: {same} pairs of questions with the same records, "
                  f"{compared} cells compared ({small} \"<5\"), {len(conflicts)} differ",
                  [f"{a.label()} vs {b.end}: {'/'.join(x for x in l if x)} {x} vs {y}"
                   for a, b, l, x, y in conflicts])
    q = study.by_scope[""][0][2]
    again = json.loads(study.program.run("kpi", "--db", study.program.db, *q.kpi_args(),
                                         "--format", "json"))
    first = flatten_document(study.program.documents[q])
    differ = [] if flatten_document(again) == first else ["kpi asked twice"]
    for kind in ("api", "api-token"):
        if study.board.published.get((kind, q)) != first:
            differ.append(f"{kind} against kpi")
    verdict.check(not differ, f"the same question twice (kpi, API session, API token) gives the "
                  f"same published figures ({len(first)} cells)", differ)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--dataset", required=True, help="the demo dataset (areas.csv)")
    parser.add_argument("--work", required=True)
    parser.add_argument("--url", required=True, help="the server's address")
    parser.add_argument("--name", required=True, help="a municipality account")
    parser.add_argument("--password", required=True)
    parser.add_argument("--token", required=True, help="an API token of the same account")
    parser.add_argument("--municipality", default="GM0917")
    parser.add_argument("--year", type=int, default=2020)
    parser.add_argument("--closed", default="2020-07-01..2020-12-31",
                        help="a period closed with `regiekamer close`")
    args = parser.parse_args()
    api = Api(args.url, args.name, args.password)
    study = Study(args, api, Api(args.url, token=args.token))
    study.plan()
    workbook = Workbook(study.program, study.ask("municipality", study.months[2],
                                                 municipality=study.own), args.work)
    study.collect_cli()
    study.collect_api()
    study.collect_files(workbook)
    print(f"{len(study.attacker)} questions through the API, {len(study.cli)} also through kpi, "
          f"{len(study.public)} public; {study.program.calls} program runs, "
          f"{api.calls + study.token_api.calls} API calls; {len(study.board.published)} answers "
          f"with {sum(len(c) for c in study.board.published.values())} published cells; "
          f"{study.own}: areas {', '.join(study.areas)}, {len(study.providers)} providers")
    outcomes = attacks(study)
    study.lap("attacks")
    print_table(outcomes)
    verdict = Verdict()
    assert_truth(verdict, study)
    assert_attacks(verdict, outcomes)
    assert_counts(verdict, study)
    assert_one_value(verdict, study)
    assert_no_foreign(verdict, study)
    assert_property(verdict, study)
    study.lap("checks")
    print(f"{verdict.passed} checks passed, {verdict.failed} failed; time: "
          f"{', '.join(study.timing)}; {study.program.calls} program runs")
    return 1 if verdict.failed else 0


if __name__ == "__main__":
    sys.exit(main())
