#!/usr/bin/env python3
"""Checks the output of bench/sql/subset_*.sql (rows of space-separated fields) against the figures
of `regiekamer kpi --format json`: check_subset.py KPI_JSON SQL_OUTPUT. Exit 1 on a difference."""
import json, sys
ind = json.load(open(sys.argv[1]))["indicators"]
rows = [line.split() for line in open(sys.argv[2]) if line.strip()]
bad = []
def check(name, sql, engine):
    if engine is None or abs(float(sql) - float(engine)) > 1e-6:
        bad.append(f"{name}: SQL {sql}, kpi {engine}")
for r in rows:
    if r[0] == "clients":
        for value, id in zip(r[1:], ["start", "new", "total", "ended", "end"]):
            check("clients." + id, value, ind["clients." + id]["value"])
    elif r[0] == "clients_by_municipality":
        for value, id in zip(r[2:], ["start", "new", "total", "ended", "end"]):
            cells = ind["clients." + id].get("breakdown", {}).get("municipality", {})
            check(f"clients.{id} {r[1]}", value, cells.get(r[1], 0))
    elif r[0] in ("clients.monthly", "requests.new", "waitlist.quarterly"):
        if r[0] not in ind:
            print(f"  (not compared: {r[0]} not in the kpi output yet)"); continue
        series = {p["key"]: p.get("value") for p in ind[r[0]].get("series", [])}
        check(f"{r[0]} {r[1]}", r[2], series.get(r[1]))
    elif r[0] in ("outcome.ended_by_plan", "flow.intake_5wd"):
        if r[0] not in ind:
            print(f"  (not compared: {r[0]} not in the kpi output yet)"); continue
        check(r[0] + " numerator", r[1], ind[r[0]].get("numerator"))
        check(r[0] + " denominator", r[2], ind[r[0]].get("denominator"))
print(f"  SQL and kpi agree on {len(rows)} result rows" if not bad else "  DIFFERENCES:\n    " + "\n    ".join(bad[:20]))
sys.exit(1 if bad else 0)
