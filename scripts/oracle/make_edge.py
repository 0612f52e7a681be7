#!/usr/bin/env python3
"""Writes an adversarial but valid input folder for the oracle comparison: make_edge.py OUT_DIR.

Each payment/user line below targets one SPEC 4/4.1 rule (comment says which). Usage and feedback are
pseudo-random (fixed seed) on top of hand-placed rows.
"""
import datetime as dt
import gzip
import json
import os
import random
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rnd = random.Random(7)


def w(name, header, rows, gz=False, bom=False, crlf=False):
    nl = "\r\n" if crlf else "\n"
    text = ("\ufeff" if bom else "") + ",".join(header) + nl + "".join(",".join(r) + nl for r in rows)
    p = os.path.join(out, name)
    if gz:
        with gzip.open(p, "wt", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(text)


# ---- users: e-001..e-030; e-031/e-032 deliberately missing (inferred signups)
users = []
for i in range(1, 31):
    day = dt.date(2026, 1, 1) + dt.timedelta(days=(i * 11) % 300)
    if i % 4 == 0:
        users.append(["e-%03d" % i, day.isoformat(), "ads", "US"])          # bare date: midnight reporting zone
    else:
        users.append(["e-%03d" % i, "%sT03:30:00Z" % day.isoformat(), "organic", "DE"])  # near midnight: zone matters
users.append(["e-040", "2026-03-01T04:30:00Z", "ads", "US"])  # signs up, never does anything
users.append(["e-041", "2026-12-01", "ads", "US"])            # bare date after the data: outside range
w("users.csv", ["user_id", "signed_up_at", "channel", "country"], users, bom=True, crlf=True)

# ---- reference data
w("model_prices.csv", ["model", "effective_from", "input_per_mtok", "output_per_mtok", "cached_input_per_mtok",
                       "currency"],
  [["m-usd", "2025-01-01", "3", "15", "0.3", "USD"],
   ["m-usd", "2026-08-01", "2", "10", "", "USD"],        # cached defaults to input; changes at a date boundary
   ["m-eur", "2025-01-01", "1", "4", "0.5", "EUR"],      # priced in EUR: converted at the call's date
   ["m-free", "2025-01-01", "0", "0", "0", "USD"]])      # zero cost calls
fx = []
d = dt.date(2025, 12, 1)
while d <= dt.date(2027, 1, 31):
    if d.weekday() < 5:
        k = (d - dt.date(2025, 12, 1)).days
        fx.append(["EUR", d.isoformat(), "%.6f" % (1.08 + 0.0003 * (k % 17))])
        fx.append(["GBP", d.isoformat(), "%.6f" % (1.27 + 0.0002 * (k % 13))])
        fx.append(["JPY", d.isoformat(), "%.8f" % (0.0066 + 0.00001 * (k % 7))])
        fx.append(["BHD", d.isoformat(), "%.6f" % (2.65 + 0.001 * (k % 5))])
    d += dt.timedelta(days=1)
w("fx_rates.csv", ["currency", "date", "rate"], fx)
w("fx_rates_fix.csv", ["currency", "date", "rate"], [["EUR", "2026-04-01", "1.5"]])  # later file wins
w("features.csv", ["feature", "display_name", "value_per_call"],
  [["chat", "Chat", "0.01"], ["code", "Code", "0.3"], ["image", "Image", "0.02"], ["agent", "Agent", ""],
   ["zero", "Zero", "0.1"]], bom=True, crlf=True)

# ---- payments
P = []


def ch(pid, u, t, amount="", minor="", cur="USD", plan="pro", interval="month", ps="", pe=""):
    P.append([pid, u, t, "charge", amount, minor, cur, plan, interval, ps, pe, ""])


def rf(pid, u, t, amount="", minor="", cur="USD", of=""):
    P.append([pid, u, t, "refund", amount, minor, cur, "", "", "", "", of])


# e-001: Jan 31 clamping then renewal across the March DST gap; monthly chain
ch("c-001-1", "e-001", "2026-01-31T15:00:00Z", "30")                 # end Feb 28 (clamped)
ch("c-001-2", "e-001", "2026-02-28T15:00:00Z", "30")                 # crosses Mar 8 DST (NY)
ch("c-001-3", "e-001", "2026-03-31T04:30:00Z", "30")                 # Mar 31 00:30 NY -> Apr 30
# e-002: default end falls into the DST gap (02:30 local, NY) and into the fall-back repeat
ch("c-002-1", "e-002", "2026-02-08T07:30:00Z", "25")                 # +1 month -> 2026-03-08 02:30 NY (gap)
ch("c-002-2", "e-002", "2026-10-01T05:30:00Z", "25")                 # +1 month -> 2026-11-01 01:30 NY (repeat)
ch("c-002-3", "e-002", "2026-11-01T05:30:00Z", "25")
# e-003: voided by two partial refunds summing to the amount; its refunds count nowhere
ch("c-003-1", "e-003", "2026-03-10T12:00:00Z", "40", plan="team")
rf("r-003-1", "e-003", "2026-03-12T12:00:00Z", "15", of="c-003-1")
rf("r-003-2", "e-003", "2026-04-02T12:00:00Z", "25", of="c-003-1")
ch("c-003-2", "e-003", "2026-05-10T12:00:00Z", "20")                 # first_paid_month is May, MRR new in May
# e-004: partial refund (other refund, refund month), and a refund naming an unknown charge
ch("c-004-1", "e-004", "2026-04-20T12:00:00Z", "50", plan="team")
rf("r-004-1", "e-004", "2026-05-03T12:00:00Z", "10", of="c-004-1")
rf("r-004-2", "e-004", "2026-07-03T12:00:00Z", "7.5", of="c-404")    # unknown: other refund, refund-only month
# e-005: plan ties: same occurred_at, greater payment_id wins; one-time after subscription sets plan
ch("c-005-a", "e-005", "2026-06-05T10:00:00Z", "20", plan="alpha")
ch("c-005-b", "e-005", "2026-06-05T10:00:00Z", "20", plan="beta")
ch("c-005-c", "e-005", "2026-07-05T10:00:00Z", "20", plan="beta")
ch("c-005-d", "e-005", "2026-07-20T10:00:00Z", "5", plan="credits", interval="one_time")
# e-006: service period before the first month (MRR at earlier month ends) -> later MRR is reactivation
ch("c-006-1", "e-006", "2026-01-05T12:00:00Z", "90", plan="q", interval="quarter",
   ps="2025-09-15T00:00:00Z", pe="2025-12-15T00:00:00Z")
ch("c-006-2", "e-006", "2026-03-05T12:00:00Z", "20")
# e-007: yearly in JPY via amount_minor, annual in BHD with 3 decimals
ch("c-007-1", "e-007", "2026-02-14T12:00:00Z", minor="36000", cur="JPY", plan="annual", interval="year")
ch("c-008-1", "e-008", "2026-05-31T23:59:59.999Z", minor="12345", cur="BHD", plan="annual", interval="year")
# e-009: period starting 1 ms before month end (payer in that month), explicit end of another length
ch("c-009-1", "e-009", "2026-06-30T23:59:59.999Z", "45", plan="odd", interval="month",
   ps="2026-06-30T23:59:59.999Z", pe="2026-08-14T00:00:00Z")
# e-010: refund in another currency than its charge (voids when converted >= amount)
ch("c-010-1", "e-010", "2026-04-10T12:00:00Z", "20", cur="EUR")
rf("r-010-1", "e-010", "2026-04-11T12:00:00Z", "16", cur="GBP", of="c-010-1")
ch("c-010-2", "e-010", "2026-06-10T12:00:00Z", "20", cur="EUR")
rf("r-010-2", "e-010", "2026-06-11T12:00:00Z", "10", cur="GBP", of="c-010-2")   # partial
# e-011: payer with no calls at all (idle revenue); e-012 payer whose calls cost 0 (by-calls fallback)
ch("c-011-1", "e-011", "2026-05-02T12:00:00Z", "20")
ch("c-011-2", "e-011", "2026-06-02T12:00:00Z", "20")
ch("c-012-1", "e-012", "2026-05-02T12:00:00Z", "20")
# e-013: zero-amount charge (first_paid_month but never a payer)
ch("c-013-1", "e-013", "2026-05-02T12:00:00Z", "0")
# e-014: refund after a mid-month as_of would void the charge (with --as-of 2026-09-15 it must not)
ch("c-014-1", "e-014", "2026-09-01T12:00:00Z", "30")
rf("r-014-1", "e-014", "2026-09-20T12:00:00Z", "30", of="c-014-1")
# e-015: currency with no FX rate (left out of sums)
ch("c-015-1", "e-015", "2026-05-02T12:00:00Z", "20", cur="CHF")
ch("c-015-2", "e-015", "2026-06-02T12:00:00Z", "20")
# e-031 (not in users): earliest activity is a voided charge -> inferred signup month
ch("c-031-1", "e-031", "2026-02-20T12:00:00Z", "10", interval="one_time", plan="credits")
rf("r-031-1", "e-031", "2026-03-20T12:00:00Z", "10", of="c-031-1")
# e-016: contraction/expansion chain; e-017 month-boundary period starts in NY vs UTC
ch("c-016-1", "e-016", "2026-03-15T12:00:00Z", "60", plan="team")
ch("c-016-2", "e-016", "2026-04-15T12:00:00Z", "20")
ch("c-016-3", "e-016", "2026-05-15T12:00:00Z", "100", plan="biz")
ch("c-017-1", "e-017", "2026-07-01T02:00:00Z", "20")                 # June 30 in NY
ch("c-017-2", "e-017", "2026-08-01T02:00:00Z", "20")
ch("c-017-3", "e-017", "2026-09-01T02:00:00Z", "20")
# e-018..e-025: ordinary monthly payers for volume
for i in range(18, 26):
    m = 3 + i % 4
    for k in range(3 + i % 3):
        mm = m + k
        if mm > 12:
            break
        ch("c-%03d-%d" % (i, k), "e-%03d" % i, "2026-%02d-%02dT%02d:17:00Z" % (mm, 1 + i % 27, i % 24), "20",
           plan="pro" if k % 2 == 0 else "team")
rows = [["payment_id", "user_id", "occurred_at", "kind", "amount", "amount_minor", "currency", "plan", "interval",
         "period_start", "period_end", "refund_of"]] + P
with open(os.path.join(out, "payments.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("".join(",".join(r) + "\n" for r in rows))

# ---- usage: hand-placed + random
U = []
ev = [0]


def use(u, t, feat, model="m-usd", i=1000, o=200, c=0, cost="", cur=""):
    ev[0] += 1
    U.append(["x-%06d" % ev[0], u, t, feat, model, str(i), str(o), str(c), cost, cur])


use("e-012", "2026-05-03T12:00:00Z", "zero", model="m-free")
use("e-012", "2026-05-04T12:00:00Z", "chat", cost="0")
use("e-012", "2026-05-05T12:00:00Z", "chat", model="m-free")
use("e-017", "2026-08-01T02:00:00Z", "code", i=500000, o=10000, c=200000)   # price date differs NY vs UTC
use("e-017", "2026-07-31T23:59:59.9999995Z", "code", i=1000, o=10)         # 7-digit fraction rounds to next second
use("e-001", "2026-03-08T06:59:59Z", "chat")
use("e-002", "2026-03-08T07:00:00Z", "agent", model="m-eur")
use("e-030", "2026-06-06T12:00:00Z", "chat", model="m-unpriced")           # unpriced: counts as a call
use("e-030", "2026-06-07T12:00:00Z", "chat", cost="0.5", cur="EUR")
use("e-030", "2026-04-04T12:00:00Z", "chat", cost="0.5", cur="EUR")         # EUR fix file rate 1.5 (Apr 1 weekend?)
use("e-032", "2026-02-10T12:00:00Z", "chat")                                # not in users
active = ["e-%03d" % i for i in range(1, 31) if i not in (11,)]
for mo in range(1, 13):
    if mo == 6:
        continue  # a month with no random usage
    for u in active:
        if rnd.random() < 0.35:
            continue
        for _ in range(rnd.randint(1, 12)):
            day = rnd.randint(1, 28)
            t = "2026-%02d-%02dT%02d:%02d:%02dZ" % (mo, day, rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59))
            feat = rnd.choice(["chat", "chat", "code", "image", "image", "agent"])
            model = rnd.choice(["m-usd", "m-usd", "m-eur"])
            i = rnd.randint(100, 200000)
            use(u, t, feat, model=model, i=i, o=rnd.randint(10, 5000), c=rnd.randint(0, i // 2))
# epoch timestamps (seconds, milliseconds, fractional)
use("e-020", "1775000000", "chat")
use("e-020", "1775000000123", "chat")
use("e-020", "1775000000.5", "code")
hdr = ["event_id", "user_id", "occurred_at", "feature", "model", "input_tokens", "output_tokens",
       "cached_input_tokens", "cost", "cost_currency"]
half = len(U) // 2
w("usage-a.csv", hdr, U[:half])
w("usage-b.csv.gz", hdr, U[half - 5:], gz=True)  # overlapping re-sent rows: duplicates

# ---- feedback (JSONL, numbers and strings)
F = []
for k in range(200):
    u = rnd.choice(active)
    mo = rnd.choice([1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12])
    t = "2026-%02d-%02dT%02d:00:00+05:30" % (mo, rnd.randint(1, 28), rnd.randint(0, 23))
    r = rnd.choice([1, 2, 3, 4, 5, "4", "up", "down"])
    F.append({"event_id": "f-%05d" % k, "user_id": u, "occurred_at": t, "feature": rnd.choice(["chat", "code"]),
              "rating": r, "comment": None})
with open(os.path.join(out, "feedback.jsonl"), "w", encoding="utf-8") as f:
    for x in F:
        f.write(json.dumps(x) + "\n")
print("wrote", out, len(U), "usage", len(P), "payments", len(F), "feedback")

# ---- second set: exact boundaries (files payments-extra.csv, usage-extra.csv, users_extra.csv)
P2, U2 = [], []


def ch2(pid, u, t, amount, interval="one_time", plan="credits", ps="", pe=""):
    P2.append([pid, u, t, "charge", amount, "", "USD", plan, interval, ps, pe, ""])


def use2(eid, u, t, feat, cost="", model="m-usd"):
    U2.append([eid, u, t, feat, model, "1000", "100", "0", cost, "USD" if cost else ""])


# status exactly at target (covered) and revenue exactly = cost (below_target, not ambiguous)
ch2("d-050", "e-050", "2026-10-10T12:00:00Z", "20")
use2("y-1", "e-050", "2026-10-11T12:00:00Z", "exact", "5")
use2("y-2", "e-050", "2026-10-12T12:00:00Z", "exact", "5")
ch2("d-051", "e-051", "2026-10-10T12:00:00Z", "20")
use2("y-3", "e-051", "2026-10-11T12:00:00Z", "even", "10")
use2("y-4", "e-051", "2026-10-12T12:00:00Z", "even", "10")
# free cap exactly at the budget: budget 20*0.5-2 = 8, unit cost 1, calls 10 and 2 -> q = 6, saves 4, 1 affected
ch2("d-052", "e-052", "2026-10-10T12:00:00Z", "20")
use2("y-5", "e-052", "2026-10-11T12:00:00Z", "capf", "2")
for k in range(10):
    use2("y-a%d" % k, "e-053", "2026-10-%02dT12:00:00Z" % (11 + k), "capf", "1")
for k in range(2):
    use2("y-b%d" % k, "e-054", "2026-10-%02dT12:00:00Z" % (11 + k), "capf", "1")
# payer with negative net revenue in its month
ch2("d-055a", "e-055", "2026-09-05T12:00:00Z", "30", interval="one_time")
ch2("d-055b", "e-055", "2026-10-05T12:00:00Z", "10")
P2.append(["d-055r", "e-055", "2026-10-06T12:00:00Z", "refund", "25", "", "USD", "", "", "", "", "d-055a"])
use2("y-6", "e-055", "2026-10-07T12:00:00Z", "neg", "1")
# MRR periods exactly on UTC month starts; then a gap and a reactivation
ch2("d-056a", "e-056", "2026-04-01T00:00:00Z", "20", interval="month", plan="pro",
    ps="2026-04-01T00:00:00Z", pe="2026-05-01T00:00:00Z")
ch2("d-056b", "e-056", "2026-05-01T00:00:00Z", "20", interval="month", plan="pro")
ch2("d-056c", "e-056", "2026-08-01T00:00:00Z", "20", interval="month", plan="pro")
# signup before the range; other timestamp syntax; unpriced-only feature
use2("y-7", "e-042", "2026-10-11 12:00:00.5+02", "chat")
use2("y-8", "e-057", "2026-10-11T12:00:00Z", "ghost", model="m-unpriced")
use2("y-9", "e-058", "2026-10-11T12:00:00-09:30", "chat")   # not in users
w("users_extra.csv", ["user_id", "signed_up_at"], [["e-042", "2025-06-01T00:00:00Z"], ["e-050", "2026-10-01"]])
w("payments-extra.csv", ["payment_id", "user_id", "occurred_at", "kind", "amount", "amount_minor", "currency", "plan",
                         "interval", "period_start", "period_end", "refund_of"], P2)
w("usage-extra.csv", hdr, U2)

# ---- third set: free cap landing exactly on a user's call count (budget 20*0.5-6 = 4 -> q = 2), tgm equality 0.7
P3, U3 = [], []
P3.append(["d-060", "e-060", "2026-11-10T12:00:00Z", "charge", "20", "", "USD", "credits", "one_time", "", "", ""])
U3.append(["z-0", "e-060", "2026-11-11T12:00:00Z", "capq", "m-usd", "1", "1", "0", "6", "USD"])
for k in range(10):
    U3.append(["z-a%d" % k, "e-061", "2026-11-%02dT12:00:00Z" % (11 + k), "capq", "m-usd", "1", "1", "0", "1", ""])
for k in range(2):
    U3.append(["z-b%d" % k, "e-062", "2026-11-%02dT12:00:00Z" % (11 + k), "capq", "m-usd", "1", "1", "0", "1", ""])
P3.append(["d-063", "e-063", "2026-11-10T12:00:00Z", "charge", "10", "", "USD", "credits", "one_time", "", "", ""])
U3.append(["z-c", "e-063", "2026-11-11T12:00:00Z", "tgm", "m-usd", "1", "1", "0", "3", "USD"])
w("payments-extra2.csv", ["payment_id", "user_id", "occurred_at", "kind", "amount", "amount_minor", "currency", "plan",
                          "interval", "period_start", "period_end", "refund_of"], P3)
w("usage-extra2.csv", hdr, U3)

# ---- fourth set: America/Santiago transitions (gap at local midnight Sep 6, repeated 23:xx on Apr 4, 2026)
P4 = [["d-070", "e-070", "2026-08-06T04:30:00Z", "charge", "31", "", "USD", "pro", "month", "", "", ""],   # end Sep 6 00:30 (gap)
      ["d-071", "e-071", "2026-03-05T02:30:00Z", "charge", "31", "", "USD", "pro", "month", "", "", ""],   # end Apr 4 23:30 (repeat)
      ["d-072", "e-072", "2026-08-06T04:30:00Z", "charge", "31", "", "USD", "pro", "month", "2026-08-06", "", ""]]
w("payments-extra3.csv", ["payment_id", "user_id", "occurred_at", "kind", "amount", "amount_minor", "currency", "plan",
                          "interval", "period_start", "period_end", "refund_of"], P4)
w("users_extra3.csv", ["user_id", "signed_up_at"], [["e-070", "2026-09-06"]])
