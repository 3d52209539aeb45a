"""The pandas side of the Sightline benchmark: one measurement per process, one JSON report line on stdout.

Job (argv[1], JSON): {"task": "import" | "queries", "eventsCsv": ..., "usersCsv": ...}.
"import" times read_csv of the events file. "queries" loads both files (untimed), then times group_by, join,
funnel and retention once each, on the same data and with the same definitions as bench/src/tasks.ts. The funnel and
retention compute the numbers Sightline's result shows and send them back ("answer") to be checked against it.
"""

import json
import resource
import sys
import time

try:
    import pandas as pd
except ImportError:
    print(json.dumps({"status": "unavailable", "note": "pandas is not installed (apt-get install python3-pandas)"}))
    sys.exit(0)


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def load_events(path):
    return pd.read_csv(path, parse_dates=["ts"])


def group_by(events, users):
    return events.groupby([events["ts"].dt.normalize(), "event"]).size()


def join(events, users):
    merged = events[["user_id", "revenue_usd"]].merge(users[["user_id", "country", "plan"]], on="user_id")
    return merged.groupby(["country", "plan"]).agg(events=("user_id", "size"), paid=("revenue_usd", "count"))


def funnel(events, users):
    """The funnel as Sightline shows it: users per step and the median seconds between steps."""
    window = pd.Timedelta(days=14)
    ev = events[events["user_id"].notna()]
    s = ev[ev["event"] == "signup"].groupby("user_id")["ts"].min().rename("t1")
    pc = ev[ev["event"] == "project_created"][["user_id", "ts"]].merge(s, left_on="user_id", right_index=True)
    pc = pc[(pc["ts"] >= pc["t1"]) & (pc["ts"] <= pc["t1"] + window)]
    p = pc.groupby("user_id").agg(t1=("t1", "first"), t2=("ts", "min"))
    iv = ev[ev["event"] == "invite_sent"][["user_id", "ts"]].merge(p, left_on="user_id", right_index=True)
    iv = iv[(iv["ts"] >= iv["t2"]) & (iv["ts"] <= iv["t1"] + window)]
    i = iv.groupby("user_id").agg(t2=("t2", "first"), t3=("ts", "min"))
    return {
        "users": [len(s), len(p), len(i)],
        "median_seconds": [None, median_seconds(p["t2"] - p["t1"]), median_seconds(i["t3"] - i["t2"])],
    }


def median_seconds(gaps):
    return None if len(gaps) == 0 else float(gaps.dt.total_seconds().median())


def retention(events, users):
    """The retention table as Sightline shows it: each cohort's cells, None where incomplete."""
    ev = events[events["user_id"].notna()]
    day = ev["ts"].dt.normalize()
    week = day - pd.to_timedelta(day.dt.dayofweek, unit="D")
    active = pd.DataFrame({"user_id": ev["user_id"], "week": week}).drop_duplicates()
    first = ev[ev["event"] == "signup"].groupby("user_id")["ts"].min()
    first_day = first.dt.normalize()
    cohort = (first_day - pd.to_timedelta(first_day.dt.dayofweek, unit="D")).rename("cohort")
    m = active.merge(cohort, left_on="user_id", right_index=True)
    k = (m["week"] - m["cohort"]).dt.days // 7
    m = m[(k >= 0) & (k <= 8)].assign(k=k)
    counts = m.groupby(["cohort", "k"]).size()
    # A cell is complete once the week after it has started by the last row's time (k = 0 is the cohort's size).
    last_week = week.max()
    cohorts = {}
    for (c, kk), n in counts.items():
        cells = cohorts.setdefault(c.strftime("%Y-%m-%d"), [0] * 9)
        cells[kk] = int(n)
    for c, cells in cohorts.items():
        start = pd.Timestamp(c)
        for kk in range(1, 9):
            if start + pd.Timedelta(weeks=kk + 1) > last_week:
                cells[kk] = None
    return {"cohorts": cohorts}


def answer_rows(answer):
    """The users a metric counts (entered the funnel, or in a cohort): the sides' "result rows" for metrics."""
    if "users" in answer:
        return answer["users"][0]
    return sum(cells[0] for cells in answer["cohorts"].values())


def main():
    job = json.loads(sys.argv[1])
    if job["task"] == "import":
        ms, df = timed(lambda: load_events(job["eventsCsv"]))
        report = {"status": "ok", "ms": ms, "resultRows": len(df)}
    else:
        events = load_events(job["eventsCsv"])
        users = pd.read_csv(job["usersCsv"], parse_dates=["signup_at"])
        results = {}
        for name, fn in (("group_by", group_by), ("join", join), ("funnel", funnel), ("retention", retention)):
            if name not in job.get("only", [name]):
                continue
            ms, out = timed(lambda: fn(events, users))
            if isinstance(out, dict):
                # A metric: its numbers go back for the bench to check against Sightline's.
                results[name] = {"ms": ms, "resultRows": answer_rows(out), "answer": out}
            else:
                results[name] = {"ms": ms, "resultRows": len(out)}
        report = {"status": "ok", "results": results}
    report["maxRssMb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(report))


if __name__ == "__main__":
    main()
