"""Where the figures come from: the regiekamer program (kpi, exports, report) and the HTTP API.

Everything here is what an outsider can ask for; the analyst answers are the truth the test
compares with, never something the attacker sees.
"""

import concurrent.futures
import csv
import glob
import http.cookiejar
import json
import os
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, replace

SCOPE_FIELDS = ("municipality", "area", "quadrant", "provider")


@dataclass(frozen=True)
class Query:
    """One question: a role, a period and a scope (combined scopes intersect)."""

    role: str
    start: str
    end: str
    municipality: str = None
    area: str = None
    quadrant: str = None
    provider: str = None

    def scope(self):
        return {f: getattr(self, f) for f in SCOPE_FIELDS if getattr(self, f) is not None}

    def as_role(self, role):
        return replace(self, role=role)

    def kpi_args(self):
        args = ["--from", self.start, "--to", self.end]
        for field, value in self.scope().items():
            args += ["--" + field, value]
        return args + ["--role", self.role]

    def api_params(self):
        return {"from": self.start, "to": self.end, **self.scope()}

    def label(self):
        scope = " ".join(f"{k}={v}" for k, v in self.scope().items()) or "combined"
        return f"{self.start}..{self.end} {scope} ({self.role})"


def jobs():
    return max(1, min(4, len(os.sched_getaffinity(0))))


class Program:
    """Runs the regiekamer binary against one store, answers cached per question."""

    def __init__(self, binary, db):
        self.binary = binary
        self.db = db
        self.documents = {}
        self.explained = {}
        self.calls = 0

    def run(self, *args):
        self.calls += 1
        done = subprocess.run([self.binary, *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(
                f"regiekamer {' '.join(args)}: exit {done.returncode}: {done.stderr}")
        return done.stdout

    def _kpi(self, query):
        return json.loads(self.run("kpi", "--db", self.db, *query.kpi_args(), "--format", "json"))

    def kpi(self, queries):
        """{query: document} for every query (run side by side, each once)."""
        todo = [q for q in dict.fromkeys(queries) if q not in self.documents]
        with concurrent.futures.ThreadPoolExecutor(jobs()) as pool:
            for q, doc in zip(todo, pool.map(self._kpi, todo)):
                self.documents[q] = doc
        return {q: self.documents[q] for q in queries}

    def _explain(self, item):
        query, indicator = item
        out = self.run(
            "kpi", "--db", self.db, *query.as_role("analyst").kpi_args(), "--explain", indicator,
            "--format", "json")
        return frozenset(json.loads(out)["records"])

    def explain(self, items):
        """{(query, indicator): frozenset of record ids} (analyst only: the test's oracle)."""
        todo = [i for i in dict.fromkeys(items) if i not in self.explained]
        with concurrent.futures.ThreadPoolExecutor(jobs()) as pool:
            for item, records in zip(todo, pool.map(self._explain, todo)):
                self.explained[item] = records
        return {i: self.explained[i] for i in items}

    def statline(self, query, path):
        self.run("export", "statline", "--db", self.db, *query.kpi_args(), "--out", path)
        with open(path, encoding="utf-8") as f:
            return f.read()

    def report_html(self, period, municipality, out_dir):
        self.run("report", "--db", self.db, "--period", period, "--municipality", municipality,
                 "--out", out_dir)
        with open(os.path.join(out_dir, "report.html"), encoding="utf-8") as f:
            return f.read()


class Workbook:
    """An xlsx export converted to CSV by headless LibreOffice, started in the background
    because the conversion takes longest of all."""

    # The CSV filter's token 12 (-1) writes every sheet as NAME-SHEET.csv; token 9 (false)
    # writes the stored values, not the displayed ones.
    FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

    def __init__(self, program, query, work):
        self.query = query
        self.path = os.path.join(work, "attack.xlsx")
        self.sheets_dir = os.path.join(work, "attack-sheets")
        program.run("export", "xlsx", "--db", program.db, *query.kpi_args(), "--out", self.path)
        self.process = subprocess.Popen(
            ["soffice", f"-env:UserInstallation=file://{work}/lo-profile", "--headless",
             "--convert-to", self.FILTER, "--outdir", self.sheets_dir, self.path],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @staticmethod
    def _read(path):
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.reader(f))

    def sheets(self):
        """{indicator: rows after the header row}; every sheet's raw text under "" too."""
        if self.process.wait(timeout=300) != 0:
            raise RuntimeError("LibreOffice could not convert the workbook")
        prefix = os.path.join(self.sheets_dir, "attack-")
        index = self._read(prefix + "Inhoud.csv")
        start = next(i for i, r in enumerate(index) if r[:2] == ["Blad", "Indicator"]) + 1
        out, text = {}, []
        for row in index[start:]:
            if not row or not row[0]:
                continue
            rows = self._read(prefix + row[0] + ".csv")
            head = next(i for i, r in enumerate(rows) if r[:1] == ["Uitsplitsing"])
            out[row[1]] = [r for r in rows[head + 1:] if any(r)]
        for path in sorted(glob.glob(prefix + "*.csv")):
            with open(path, encoding="utf-8") as f:
                text.append(f.read())
        return out, "\n".join(text)


class Api:
    """A logged-in API user: a session cookie (POST /api/login) or a bearer token."""

    def __init__(self, base, name=None, password=None, token=None):
        self.base = base.rstrip("/")
        self.token = token
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.calls = 0
        if name is not None:
            status, body = self.request("/api/login", body={"name": name, "password": password})
            if status != 200:
                raise RuntimeError(f"login {name}: {status} {body}")

    def request(self, path, params=None, body=None, bearer=False):
        """(status, text) of one call; HTTP errors are answers too."""
        url = self.base + path
        if params:
            url += "?" + urllib.parse.urlencode(params)
        data, headers = None, {}
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if bearer:
            headers["Authorization"] = "Bearer " + self.token
        self.calls += 1
        req = urllib.request.Request(url, data=data, headers=headers)
        try:
            with self.opener.open(req, timeout=60) as res:
                return res.status, res.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def documents(self, queries, path="/api/indicators"):
        """{query: (status, text)} for every query, asked side by side."""
        queries = list(dict.fromkeys(queries))
        with concurrent.futures.ThreadPoolExecutor(jobs()) as pool:
            answers = pool.map(lambda q: self.request(path, q.api_params()), queries)
            return dict(zip(queries, answers))

    def json(self, path, params=None, bearer=False):
        status, text = self.request(path, params, bearer=bearer)
        if status != 200:
            raise RuntimeError(f"GET {path} {params}: {status} {text[:200]}")
        return json.loads(text)
