"""The attacker's questions and everything it gets back, with the truth beside it.

A Study plans the questions from what the attacker's own answer for the year shows (its areas
and providers), asks them through the API (session and token) and `kpi`, reads the files
(StatLine, xlsx, report) and puts every answer on one Board with the analyst's answer to the
same question as its truth.
"""

import calendar
import csv
import datetime
import json
import os
import time

from .cells import (
    flatten_document, flatten_workbook, frozen_scope_documents, parse_statline, units)
from .identities import Board
from .sources import Program, Query

PROPERTY_WEEKS = (3, 13, 23, 33, 43)  # ISO weeks of the year for the property test


def month_periods(year):
    return [(f"{year}-{m:02}-01", f"{year}-{m:02}-{calendar.monthrange(year, m)[1]:02}")
            for m in range(1, 13)]


def read_areas(dataset):
    with open(os.path.join(dataset, "areas.csv"), newline="", encoding="utf-8-sig") as f:
        return {r["area_id"]: r["municipality"] for r in csv.DictReader(f)}


def breakdown_keys(doc, dimension):
    keys = set()
    for body in doc["indicators"].values():
        cells = (body.get("breakdown") or {}).get(dimension) or {}
        keys |= set(cells)
    return sorted(keys)


class Study:
    """The questions, the answers and the board of published and true cells.

    The attacker asks through the API, as a municipality user outside the provider would; the
    same questions for its own municipality also go through `kpi --role municipality`, the
    public ones through `kpi --role public` and the files."""

    def __init__(self, args, api, token_api):
        self.args = args
        self.own = args.municipality
        self.api = api
        self.token_api = token_api
        self.program = Program(args.bin, args.db)
        self.area_municipality = read_areas(args.dataset)
        self.board = Board()
        self.where = {}  # answer -> (start, end, scope): what cell a local key is about
        self.path = {}  # answer -> the path it came through, for messages
        self.texts = {}  # every answer and file of the municipality user, for the leak scan
        self.months = month_periods(args.year)
        self.cumulative = [(self.months[0][0], end) for _, end in self.months]
        self.closed = tuple(args.closed.split(".."))
        self.timing = []
        self.started = time.monotonic()

    def lap(self, what):
        self.timing.append(f"{what} {time.monotonic() - self.started:.0f} s")

    def ask(self, role, period, **scope):
        return Query(role, period[0], period[1], **scope)

    def plan(self):
        """Every question, from what the attacker's own answer for the year shows."""
        own = {"municipality": self.own}
        m = "municipality"
        year = self.ask(m, (self.months[0][0], self.months[-1][1]), **own)
        doc = self.api.json("/api/indicators", year.api_params())
        self.areas = breakdown_keys(doc, "area")
        self.providers = breakdown_keys(doc, "provider")
        scopes = {"": own, **{a: {**own, "area": a} for a in self.areas}}
        self.by_scope = {
            name: ([self.ask(m, p, **s) for p in self.months],
                   [self.ask(m, p, **s) for p in self.cumulative])
            for name, s in scopes.items()}
        self.by_quadrant = {k: [self.ask(m, p, **own, quadrant=k) for p in self.months]
                            for k in ("K1", "K2", "K3")}
        self.provider_month = 2  # March
        self.by_provider = {pr: self.ask(m, self.months[2], **own, provider=pr)
                            for pr in self.providers}
        self.closed_question = self.ask(m, self.closed, **own)
        self.week_pairs = []
        for s in scopes.values():
            for week in PROPERTY_WEEKS:
                monday = datetime.date.fromisocalendar(self.args.year, week, 1)
                friday, sunday = monday + datetime.timedelta(4), monday + datetime.timedelta(6)
                self.week_pairs.append((self.ask(m, (monday.isoformat(), friday.isoformat()), **s),
                                        self.ask(m, (monday.isoformat(), sunday.isoformat()), **s)))
        attacker = [q for months, cumulative in self.by_scope.values() for q in months + cumulative]
        attacker += [q for qs in self.by_quadrant.values() for q in qs]
        attacker += list(self.by_provider.values()) + [self.closed_question]
        attacker += [q for pair in self.week_pairs for q in pair]
        self.attacker = list(dict.fromkeys(attacker))
        base_months, base_cumulative = self.by_scope[""]
        self.cli = list(dict.fromkeys(
            base_months + base_cumulative + [self.closed_question]
            + [self.by_scope[a][0][2] for a in self.areas]))
        self.public = [self.ask("public", p) for p in self.months + [self.closed]]
        self.public += [self.ask("public", p, **own) for p in (self.months[2], self.closed)]

    def add(self, answer, cells, truth_question, path, where):
        truth = flatten_document(self.program.documents[truth_question.as_role("analyst")])
        self.board.add(answer, cells, truth)
        self.path[answer] = path
        self.where[answer] = where

    def collect_cli(self):
        """The truth for every question; the municipality's and the public's kpi answers."""
        asked = self.attacker + self.public
        self.program.kpi(self.cli + self.public + [q.as_role("analyst") for q in asked])
        for q in self.cli + self.public:
            doc = self.program.documents[q]
            self.add(("kpi", q), flatten_document(doc), q, f"kpi --role {q.role}",
                     (q.start, q.end, q.scope()))
            if q.role == "municipality":
                self.texts[f"kpi --role municipality {q.label()}"] = json.dumps(doc)
        self.units = units(self.program.documents[self.closed_question.as_role("analyst")])
        self.labels = self.program.documents[self.closed_question.as_role("analyst")].get("labels")
        self.lap("kpi")

    def _api_answer(self, kind, q, status, text, path):
        self.texts[f"{path} {q.label()}"] = text
        if status != 200:
            raise RuntimeError(f"{path} {q.label()}: {status} {text[:200]}")
        self.add((kind, q), flatten_document(json.loads(text)), q, path,
                 (q.start, q.end, q.scope()))

    def collect_api(self):
        """The municipality user's API answers; /api/periods and every listing besides."""
        for q, (status, text) in self.api.documents(self.attacker).items():
            self._api_answer("api", q, status, text, "GET /api/indicators")
        march, own = self.by_scope[""][0][2], self.closed_question
        for q in (march, own):
            status, text = self.token_api.request("/api/indicators", q.api_params(), bearer=True)
            self._api_answer("api-token", q, status, text, "GET /api/indicators (token)")
            for indicator in self.program.documents[q]["indicators"]:
                path = f"/api/indicators/{indicator}"
                status, text = self.api.request(path, q.api_params())
                self._api_answer(f"api-one:{indicator}", q, status, text,
                                 "GET /api/indicators/{id}")
        for indicator in self.program.documents[march]["indicators"]:
            self.texts[f"/api/charts/{indicator}"] = self.api.request(
                f"/api/charts/{indicator}", march.api_params())[1]
        self.texts["/api/me"] = self.api.request("/api/me")[1]
        self.listings = {}
        for path, params in (("/api/rows", march.api_params()),
                             ("/api/insights", march.api_params()),
                             ("/api/measurements", None), ("/api/openapi.json", None),
                             ("/api/indicators/requests.new",
                              {**march.api_params(), "format": "csv"})):
            status, text = self.api.request(path, params)
            self.listings[path + ("?format=csv" if params and "format" in params else "")] = status
            if status == 200:
                self.texts[path] = text
        self.periods_texts = {
            "session": self.api.request("/api/periods"),
            "token": self.token_api.request("/api/periods", bearer=True)}
        status, text = self.periods_texts["session"]
        self.frozen = frozen_scope_documents(json.loads(text), self.units) if status == 200 else {}
        for (period, scope), doc in self.frozen.items():
            if scope == f"municipality:{self.own}":
                self.add(("frozen", own), flatten_document(doc), own,
                         "GET /api/periods (closed figures)", (own.start, own.end, own.scope()))
        self.lap("API")

    def collect_files(self, workbook):
        """StatLine files (public, and the municipality's own), the xlsx workbook, the report."""
        work = self.args.work
        self.statline_public = []
        for i, period in enumerate(self.months):
            q = self.ask("public", period)
            published = parse_statline(self.program.statline(q, f"{work}/statline-{i}.csv"))
            truth = parse_statline(
                self.program.statline(q.as_role("analyst"), f"{work}/statline-{i}-truth.csv"))
            self.board.add(("statline", q), published, truth)
            self.path[("statline", q)] = "export statline --role public"
            self.where[("statline", q)] = (q.start, q.end, {})
            self.statline_public.append(("statline", q))
        q = self.ask("municipality", self.months[2], municipality=self.own)
        text = self.program.statline(q, f"{work}/statline-own.csv")
        truth = parse_statline(
            self.program.statline(q.as_role("analyst"), f"{work}/statline-own-truth.csv"))
        self.board.add(("statline", q), parse_statline(text), truth)
        self.path[("statline", q)] = "export statline --role municipality"
        self.where[("statline", q)] = (q.start, q.end, q.scope())
        self.texts["export statline --role municipality"] = text
        self.texts["report.html"] = self.program.report_html(
            self.months[2][0][:7], self.own, f"{work}/report")
        sheets, sheet_text = workbook.sheets()
        self.texts["export xlsx"] = sheet_text
        xq = workbook.query
        self.add(("xlsx", xq), flatten_workbook(sheets, self.units, self.labels), xq, "export xlsx",
                 (xq.start, xq.end, xq.scope()))
        self.lap("files")
