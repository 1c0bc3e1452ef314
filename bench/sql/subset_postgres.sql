-- The client, request and waiting-list subset of bench/sql/subset_sqlite.sql, the same figures as
-- plain SQL against regiekamer's PostgreSQL store (tables as the store creates them: dates TEXT
-- 'YYYY-MM-DD' with the C collation, timestamps TEXT 'YYYY-MM-DDTHH:MM[:SS]', no indexes beyond
-- the primary keys). Run by bench/pg_compare.sh: psql -X -q -A -t -F ' ' URI < subset_postgres.sql,
-- with the period in the first statement; its output rows are those of the SQLite version.
--
-- Working days: as in the SQLite version, a calendar table 2017-2031 with the running count of
-- working days (weekdays not in the holiday table, the days off of
-- tests/data/calendar/holidays_nl_2018_2030.csv with the default options).
\set ON_ERROR_STOP 1

CREATE TEMP TABLE period (f TEXT COLLATE "C", t TEXT COLLATE "C");
INSERT INTO period VALUES ('2024-01-01', '2024-12-31');

-- Calendar months and quarter ends of the period.
CREATE TEMP TABLE months AS
SELECT first::date::text COLLATE "C" AS first,
       (first + INTERVAL '1 month' - INTERVAL '1 day')::date::text COLLATE "C" AS last,
       to_char(first, 'YYYY-MM') COLLATE "C" AS key
FROM period p, generate_series(date_trunc('month', p.f::date), p.t::date, INTERVAL '1 month') AS first;

CREATE TEMP TABLE quarter_ends AS
SELECT DISTINCT (date_trunc('quarter', first::date) + INTERVAL '3 months' - INTERVAL '1 day')::date::text COLLATE "C" AS day,
       (substr(first, 1, 4) || 'Q' || extract(quarter FROM first::date)) COLLATE "C" AS key
FROM months;

CREATE TEMP TABLE holidays (day TEXT COLLATE "C" PRIMARY KEY);
INSERT INTO holidays VALUES
  ('2018-01-01'), ('2018-04-02'), ('2018-04-27'), ('2018-05-10'), ('2018-05-21'), ('2018-12-25'),
  ('2018-12-26'), ('2019-01-01'), ('2019-04-22'), ('2019-04-27'), ('2019-05-30'), ('2019-06-10'),
  ('2019-12-25'), ('2019-12-26'), ('2020-01-01'), ('2020-04-13'), ('2020-04-27'), ('2020-05-21'),
  ('2020-06-01'), ('2020-12-25'), ('2020-12-26'), ('2021-01-01'), ('2021-04-05'), ('2021-04-27'),
  ('2021-05-13'), ('2021-05-24'), ('2021-12-25'), ('2021-12-26'), ('2022-01-01'), ('2022-04-18'),
  ('2022-04-27'), ('2022-05-26'), ('2022-06-06'), ('2022-12-25'), ('2022-12-26'), ('2023-01-01'),
  ('2023-04-10'), ('2023-04-27'), ('2023-05-18'), ('2023-05-29'), ('2023-12-25'), ('2023-12-26'),
  ('2024-01-01'), ('2024-04-01'), ('2024-04-27'), ('2024-05-09'), ('2024-05-20'), ('2024-12-25'),
  ('2024-12-26'), ('2025-01-01'), ('2025-04-21'), ('2025-04-26'), ('2025-05-29'), ('2025-06-09'),
  ('2025-12-25'), ('2025-12-26'), ('2026-01-01'), ('2026-04-06'), ('2026-04-27'), ('2026-05-14'),
  ('2026-05-25'), ('2026-12-25'), ('2026-12-26'), ('2027-01-01'), ('2027-03-29'), ('2027-04-27'),
  ('2027-05-06'), ('2027-05-17'), ('2027-12-25'), ('2027-12-26'), ('2028-01-01'), ('2028-04-17'),
  ('2028-04-27'), ('2028-05-25'), ('2028-06-05'), ('2028-12-25'), ('2028-12-26'), ('2029-01-01'),
  ('2029-04-02'), ('2029-04-27'), ('2029-05-10'), ('2029-05-21'), ('2029-12-25'), ('2029-12-26'),
  ('2030-01-01'), ('2030-04-22'), ('2030-04-27'), ('2030-05-30'), ('2030-06-10'), ('2030-12-25'),
  ('2030-12-26');

CREATE TEMP TABLE workday_calendar AS
SELECT d::date::text COLLATE "C" AS day,
       SUM(CASE WHEN extract(isodow FROM d) < 6 AND d::date::text NOT IN (SELECT day FROM holidays) THEN 1 ELSE 0 END)
         OVER (ORDER BY d) AS run
FROM generate_series(DATE '2017-01-01', DATE '2031-12-31', INTERVAL '1 day') AS d;
CREATE UNIQUE INDEX workday_calendar_day ON workday_calendar (day);
ANALYZE workday_calendar;

-- clients.start, new, total, ended, end: distinct clients over the trajectories that overlap the
-- period; in care on from / on to.
SELECT 'clients' AS figure, SUM(on_from) AS start, COUNT(*) - SUM(on_from) AS new, COUNT(*) AS total,
       COUNT(*) - SUM(on_to) AS ended, SUM(on_to) AS "end"
FROM (SELECT client_id,
             MAX((start_date <= p.f AND (end_date IS NULL OR end_date >= p.f))::int) AS on_from,
             MAX((start_date <= p.t AND (end_date IS NULL OR end_date >= p.t))::int) AS on_to
      FROM trajectories, period p
      WHERE start_date <= p.t AND (end_date IS NULL OR end_date >= p.f)
      GROUP BY client_id) x;

-- The same per municipality (of the trajectory, else the client's).
SELECT 'clients_by_municipality' AS figure, m, SUM(on_from), COUNT(*) - SUM(on_from), COUNT(*),
       COUNT(*) - SUM(on_to), SUM(on_to)
FROM (SELECT t.client_id, COALESCE(t.municipality, c.municipality) AS m,
             MAX((t.start_date <= p.f AND (t.end_date IS NULL OR t.end_date >= p.f))::int) AS on_from,
             MAX((t.start_date <= p.t AND (t.end_date IS NULL OR t.end_date >= p.t))::int) AS on_to
      FROM trajectories t JOIN clients c ON c.client_id = t.client_id, period p
      WHERE t.start_date <= p.t AND (t.end_date IS NULL OR t.end_date >= p.f)
      GROUP BY t.client_id, m) x
GROUP BY m ORDER BY m;

-- clients.monthly: distinct clients in care on at least one day of each month.
SELECT 'clients.monthly' AS figure, mo.key, COUNT(DISTINCT t.client_id)
FROM months mo JOIN trajectories t
  ON t.start_date <= mo.last AND (t.end_date IS NULL OR t.end_date >= mo.first)
GROUP BY mo.key ORDER BY mo.key;

-- requests.new per month (by the date of received_at).
SELECT 'requests.new' AS figure, substr(received_at, 1, 7) AS key, COUNT(*)
FROM requests, period p
WHERE substr(received_at, 1, 10) BETWEEN p.f AND p.t
GROUP BY key ORDER BY key;

-- waitlist.quarterly: distinct clients waiting (since <= D < until) on each quarter's last day.
SELECT 'waitlist.quarterly' AS figure, q.key, COUNT(DISTINCT w.client_id)
FROM quarter_ends q JOIN waitlist w ON w.since <= q.day AND (w.until IS NULL OR w.until > q.day)
GROUP BY q.key ORDER BY q.key;

-- outcome.ended_by_plan: % of trajectories ended in the period with end_reason plan.
SELECT 'outcome.ended_by_plan' AS figure, SUM((end_reason = 'plan')::int), COUNT(*),
       100.0 * SUM((end_reason = 'plan')::int) / NULLIF(COUNT(*), 0)
FROM trajectories, period p WHERE end_date BETWEEN p.f AND p.t;

-- flow.intake_5wd: complete requests received in the period with workdays(complete, intake) <= 5;
-- a missing intake is late.
SELECT 'flow.intake_5wd' AS figure, SUM(on_time), COUNT(*), 100.0 * SUM(on_time) / NULLIF(COUNT(*), 0)
FROM (SELECT (r.intake_at IS NOT NULL AND GREATEST(ci.run - cc.run, 0) <= 5)::int AS on_time
      FROM requests r CROSS JOIN period p
      JOIN workday_calendar cc ON cc.day = substr(r.complete_at, 1, 10)
      LEFT JOIN workday_calendar ci ON ci.day = substr(r.intake_at, 1, 10)
      WHERE substr(r.received_at, 1, 10) BETWEEN p.f AND p.t AND r.complete_at IS NOT NULL) x;
