#!/usr/bin/env python3
"""Independent oracle for the flywheel metrics (SPEC sections 2.2, 3, 4, 4.1).

Reads one input folder in sample-data format, computes the eight flywheel objects with Decimal arithmetic and
writes one CSV per object (NULL written as \\N, booleans as t/f, months as YYYY-MM-DD), sorted by natural key.
Standard library only. Written without reading sql/compute, to cross-check it.
"""
import argparse
import csv
import datetime as dt
import decimal
import gzip
import io
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict
from decimal import Decimal
from zoneinfo import ZoneInfo

decimal.getcontext().prec = 50
D0 = Decimal(0)
D1 = Decimal(1)
UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
NULL = None

KINDS = ["users", "usage", "feedback", "payments", "model_prices", "fx_rates", "features"]
EXP0 = set("BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split())
EXP3 = set("BHD IQD JOD KWD LYD OMR TND".split())
EXP4 = set("CLF UYW".split())


# ---------------------------------------------------------------- time helpers (instants are int microseconds UTC)

class TZ:
    def __init__(self, name):
        self.zone = ZoneInfo(name)

    def local(self, us):
        """Wall-clock naive datetime of an instant in the zone."""
        return (EPOCH + dt.timedelta(microseconds=us)).astimezone(self.zone).replace(tzinfo=None)

    def to_instant(self, naive):
        """Wall clock -> instant, resolving DST gaps/repeats like PostgreSQL (the smaller UTC offset)."""
        o0 = naive.replace(tzinfo=self.zone, fold=0).utcoffset()
        o1 = naive.replace(tzinfo=self.zone, fold=1).utcoffset()
        off = min(o0, o1)
        utc_naive = naive - off
        delta = utc_naive - dt.datetime(1970, 1, 1)
        return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds

    def date_of(self, us):
        return self.local(us).date()

    def month_of(self, us):
        l = self.local(us)
        return (l.year, l.month)

    def month_start(self, m):
        return self.to_instant(dt.datetime(m[0], m[1], 1))

    def add_months(self, us, n):
        """timestamptz + n months (PostgreSQL semantics: wall clock, clamp day, re-resolve offset)."""
        l = self.local(us)
        y, mo = l.year, l.month - 1 + n
        y += mo // 12
        mo = mo % 12 + 1
        day = min(l.day, days_in_month(y, mo))
        return self.to_instant(l.replace(year=y, month=mo, day=day))


def days_in_month(y, m):
    if m == 12:
        return 31
    return (dt.date(y, m + 1, 1) - dt.date(y, m, 1)).days


def next_month(m, n=1):
    y, mo = m[0], m[1] - 1 + n
    return (y + mo // 12, mo % 12 + 1)


def month_diff(a, b):
    """a - b in months."""
    return (a[0] - b[0]) * 12 + (a[1] - b[1])


def mstr(m):
    return NULL if m is None else "%04d-%02d-01" % m


TS_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}(?::?\d{2})?)$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
NUM_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_ts(s, tz, allow_date=False):
    s = s.strip()
    m = TS_RE.match(s)
    if m:
        y, mo, d, hh, mi, ss = (int(x) for x in m.groups()[:6])
        frac = m.group(7)
        us = 0
        if frac:
            q = Decimal("0" + frac).quantize(Decimal("0.000001"), rounding=decimal.ROUND_HALF_EVEN)
            us = int(q * 1_000_000)
        off = m.group(8)
        if off in ("Z", "z"):
            offmin = 0
        else:
            sign = -1 if off[0] == "-" else 1
            body = off[1:].replace(":", "")
            offmin = sign * (int(body[:2]) * 60 + (int(body[2:4]) if len(body) > 2 else 0))
        naive = dt.datetime(y, mo, d, hh, mi, ss)
        delta = naive - dt.datetime(1970, 1, 1)
        return (delta.days * 86400 + delta.seconds - offmin * 60) * 1_000_000 + us
    m = DATE_RE.match(s)
    if m:
        if not allow_date:
            raise ValueError("bare date not allowed: %r" % s)
        return tz.to_instant(dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    if NUM_RE.match(s):
        v = Decimal(s)
        if v >= Decimal("1e14"):
            raise ValueError("epoch too large")
        if v >= Decimal("1e11"):
            v = v / 1000
        return int((v * 1_000_000).to_integral_value(rounding=decimal.ROUND_HALF_EVEN))
    raise ValueError("bad timestamp %r" % s)


def parse_date(s, tz):
    s = s.strip()
    m = DATE_RE.match(s)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return tz.date_of(parse_ts(s, tz))


def text(s):
    return unicodedata.normalize("NFC", s.strip())


# ---------------------------------------------------------------- reading

def kind_of(name):
    low = name.lower()
    best = None
    for k in KINDS:
        if low.startswith(k) and (len(low) == len(k) or low[len(k)] in "-_."):
            if best is None or len(k) > len(best):
                best = k
    return best


def rows_of(path):
    name = os.path.basename(path)
    base = name[:-3] if name.lower().endswith(".gz") else name
    opener = (lambda: gzip.open(path, "rt", encoding="utf-8-sig", newline="")) if name.lower().endswith(".gz") \
        else (lambda: open(path, "r", encoding="utf-8-sig", newline=""))
    with opener() as f:
        if base.lower().endswith((".jsonl", ".ndjson")):
            for line in f:
                line = line.strip()
                if not line:
                    continue
                obj = json.loads(line, parse_float=str, parse_int=str)
                row = {}
                for k, v in obj.items():
                    if v is None:
                        continue
                    if isinstance(v, bool):
                        v = "true" if v else "false"
                    row[k.strip()] = str(v)
                yield row
        else:
            r = csv.reader(f)
            header = None
            for rec in r:
                if header is None:
                    header = [h.strip() for h in rec]
                    continue
                if not rec:
                    continue
                yield {h: v for h, v in zip(header, rec)}


def get(row, k):
    v = row.get(k)
    if v is None:
        return None
    if v.strip() == "":
        return None
    return v


def load(folder, tz):
    names = sorted((n for n in os.listdir(folder)), key=lambda n: n.encode())
    data = {k: [] for k in KINDS}
    for n in names:
        if n.startswith(".") or n.lower().endswith((".tmp", ".part", ".partial")):
            continue
        p = os.path.join(folder, n)
        if not os.path.isfile(p):
            continue
        base = n[:-3] if n.lower().endswith(".gz") else n
        if not base.lower().endswith((".csv", ".jsonl", ".ndjson")):
            continue
        k = kind_of(n)
        if k is None:
            continue
        for row in rows_of(p):
            data[k].append(row)
    return data


def amount_of(row):
    a = get(row, "amount")
    cur = get(row, "currency").strip()
    if a is not None:
        return Decimal(a.strip()), cur
    mi = Decimal(get(row, "amount_minor").strip())
    e = 0 if cur in EXP0 else 3 if cur in EXP3 else 4 if cur in EXP4 else 2
    return mi.scaleb(-e), cur


# ---------------------------------------------------------------- model

class Oracle:
    def __init__(self, folder, as_of=None, tzname="UTC", currency="USD", tgm="0.5"):
        self.tz = TZ(tzname)
        self.cur = currency
        self.tgm = Decimal(tgm)
        raw = load(folder, self.tz)
        self.parse(raw, as_of)

    # ---- parsing, dedup, as_of filter
    def parse(self, raw, as_of_text):
        tz = self.tz
        self.users = {}
        for r in raw["users"]:
            self.users[text(r["user_id"])] = parse_ts(r["signed_up_at"], tz, allow_date=True)
        self.prices = {}
        for r in raw["model_prices"]:
            model = text(r["model"])
            eff = parse_date(r["effective_from"], tz)
            inp = Decimal(get(r, "input_per_mtok").strip())
            out = Decimal(get(r, "output_per_mtok").strip())
            c = get(r, "cached_input_per_mtok")
            cached = Decimal(c.strip()) if c is not None else inp
            curr = (get(r, "currency") or "USD").strip()
            self.prices[(model, eff)] = (inp, out, cached, curr)
        self.fx = {}
        for r in raw["fx_rates"]:
            self.fx[(get(r, "currency").strip(), parse_date(r["date"], tz))] = Decimal(r["rate"].strip())
        self.features = {}
        for r in raw["features"]:
            v = get(r, "value_per_call")
            self.features[text(r["feature"])] = Decimal(v.strip()) if v is not None else None

        def dedup(rows, key):
            seen = set()
            out = []
            for r in rows:
                k = text(r[key])
                if k in seen:
                    continue
                seen.add(k)
                out.append(r)
            return out

        usage = []
        for r in dedup(raw["usage"], "event_id"):
            c = get(r, "cost")
            cached = get(r, "cached_input_tokens")
            usage.append(dict(
                user=text(r["user_id"]), t=parse_ts(r["occurred_at"], tz), feature=text(r["feature"]),
                model=text(r["model"]), inp=int(r["input_tokens"].strip()), out=int(r["output_tokens"].strip()),
                cached=int(cached.strip()) if cached is not None else 0,
                cost=Decimal(c.strip()) if c is not None else None,
                cost_currency=(get(r, "cost_currency") or "USD").strip()))
        feedback = []
        for r in dedup(raw["feedback"], "event_id"):
            rt = r["rating"].strip()
            rating = 5 if rt == "up" else 1 if rt == "down" else int(Decimal(rt))
            feedback.append(dict(user=text(r["user_id"]), t=parse_ts(r["occurred_at"], tz),
                                 feature=text(r["feature"]), rating=rating))
        payments = []
        for r in dedup(raw["payments"], "payment_id"):
            amt, curr = amount_of(r)
            kind = r["kind"].strip()
            p = dict(id=text(r["payment_id"]), user=text(r["user_id"]), t=parse_ts(r["occurred_at"], tz),
                     kind=kind, amount=amt, currency=curr)
            if kind == "charge":
                p["plan"] = text(get(r, "plan")) if get(r, "plan") is not None else None
                p["interval"] = r["interval"].strip()
                ps, pe = get(r, "period_start"), get(r, "period_end")
                p["ps"] = parse_ts(ps, tz, allow_date=True) if ps is not None else None
                p["pe"] = parse_ts(pe, tz, allow_date=True) if pe is not None else None
            else:
                p["refund_of"] = text(r["refund_of"])
            payments.append(p)

        if as_of_text:
            self.as_of = parse_ts(as_of_text, tz, allow_date=True)
            usage = [u for u in usage if u["t"] <= self.as_of]
            feedback = [f for f in feedback if f["t"] <= self.as_of]
            payments = [p for p in payments if p["t"] <= self.as_of]
        else:
            self.as_of = max([u["t"] for u in usage] + [f["t"] for f in feedback] + [p["t"] for p in payments])
        self.usage, self.feedback, self.payments = usage, feedback, payments
        first_t = min([u["t"] for u in usage] + [f["t"] for f in feedback] + [p["t"] for p in payments])
        self.first_month = tz.month_of(first_t)
        self.last_month = tz.month_of(self.as_of)
        self.months = []
        m = self.first_month
        while m <= self.last_month:
            self.months.append(m)
            m = next_month(m)
        self.prev_first = next_month(self.first_month, -1)
        self.ext_months = [self.prev_first] + self.months
        self.fx_sorted = defaultdict(list)
        for (c, d), r in self.fx.items():
            self.fx_sorted[c].append((d, r))
        for c in self.fx_sorted:
            self.fx_sorted[c].sort()
        self.price_sorted = defaultdict(list)
        for (mdl, d), v in self.prices.items():
            self.price_sorted[mdl].append((d, v))
        for mdl in self.price_sorted:
            self.price_sorted[mdl].sort()

    def rate(self, currency, date):
        if currency == self.cur:
            return D1
        best = None
        for d, r in self.fx_sorted.get(currency, []):
            if d <= date:
                best = r
            else:
                break
        return best

    def convert(self, amount, currency, us):
        r = self.rate(currency, self.tz.date_of(us))
        return None if r is None else amount * r

    def complete(self, m):
        last_day = dt.datetime(m[0], m[1], days_in_month(*m))
        return self.as_of >= self.tz.to_instant(last_day)

    # ---- computation
    def compute(self):
        tz = self.tz
        # usage
        self.ufm = defaultdict(lambda: [0, D0])  # (u, M, F) -> [calls, cost]
        self.um_calls = defaultdict(int)
        self.um_in = defaultdict(int)
        self.um_out = defaultdict(int)
        self.um_cost = defaultdict(lambda: D0)
        self.um_features = defaultdict(set)
        self.month_feature_calls = defaultdict(int)
        for e in self.usage:
            M = tz.month_of(e["t"])
            cost = None
            if e["cost"] is not None:
                cost = self.convert(e["cost"], e["cost_currency"], e["t"])
            else:
                day = tz.date_of(e["t"])
                pr = None
                for d, v in self.price_sorted.get(e["model"], []):
                    if d <= day:
                        pr = v
                    else:
                        break
                if pr is not None:
                    inp, out, cached, curr = pr
                    c = ((e["inp"] - e["cached"]) * inp + e["cached"] * cached + e["out"] * out) / Decimal(1000000)
                    cost = self.convert(c, curr, e["t"])
            k = (e["user"], M, e["feature"])
            self.ufm[k][0] += 1
            key = (e["user"], M)
            self.um_calls[key] += 1
            self.um_in[key] += e["inp"]
            self.um_out[key] += e["out"]
            self.um_features[key].add(e["feature"])
            if cost is not None:
                self.ufm[k][1] += cost
                self.um_cost[key] += cost
        # feedback
        self.um_fb = defaultdict(int)
        self.um_fb_pos = defaultdict(int)
        self.m_fb = defaultdict(int)
        self.m_fb_pos = defaultdict(int)
        for f in self.feedback:
            M = tz.month_of(f["t"])
            self.um_fb[(f["user"], M)] += 1
            self.m_fb[M] += 1
            if f["rating"] >= 4:
                self.um_fb_pos[(f["user"], M)] += 1
                self.m_fb_pos[M] += 1
        # payments
        charges = {p["id"]: p for p in self.payments if p["kind"] == "charge"}
        refunds = [p for p in self.payments if p["kind"] == "refund"]
        by_charge = defaultdict(list)
        for r in refunds:
            if r["refund_of"] in charges:
                by_charge[r["refund_of"]].append(r)
        voided = set()
        for cid, rs in by_charge.items():
            ch = charges[cid]
            if all(r["currency"] == ch["currency"] for r in rs):
                tot = sum((r["amount"] for r in rs), D0)
                if tot >= ch["amount"]:
                    voided.add(cid)
            else:
                tot = D0
                for r in rs:
                    if r["currency"] == ch["currency"]:
                        tot += r["amount"]
                    else:
                        # cross rate at the refund's date (SPEC names no date; the product documents this)
                        c = self.convert(r["amount"], r["currency"], r["t"])
                        cr = self.rate(ch["currency"], tz.date_of(r["t"]))
                        if c is not None and cr:
                            tot += c / cr
                if tot >= ch["amount"]:
                    voided.add(cid)
        self.voided = voided
        self.gross = defaultdict(lambda: D0)
        self.refund_um = defaultdict(lambda: D0)
        self.refund_nonzero = set()
        self.recog_nonzero = set()
        plan_pick = {}  # (u,M) -> ((t, id), plan)
        self.first_paid = {}
        self.subs = defaultdict(list)  # u -> [(s, e, mrr)]
        for ch in charges.values():
            if ch["id"] in voided:
                continue
            u = ch["user"]
            M0 = tz.month_of(ch["t"])
            if u not in self.first_paid or M0 < self.first_paid[u]:
                self.first_paid[u] = M0
            amt = self.convert(ch["amount"], ch["currency"], ch["t"])
            if amt is None:
                continue
            rec = {}
            if ch["interval"] == "one_time":
                rec[M0] = amt
            else:
                months = {"month": 1, "quarter": 3, "year": 12}[ch["interval"]]
                s = ch["ps"] if ch["ps"] is not None else ch["t"]
                e = ch["pe"] if ch["pe"] is not None else tz.add_months(s, months)
                dur = e - s
                m = tz.month_of(s)
                while True:
                    ms, me = tz.month_start(m), tz.month_start(next_month(m))
                    if ms >= e:
                        break
                    ov = min(e, me) - max(s, ms)
                    if ov > 0:
                        rec[m] = amt * Decimal(ov) / Decimal(dur)
                    m = next_month(m)
                self.subs[u].append((s, e, amt / Decimal(months)))
            for M, v in rec.items():
                self.gross[(u, M)] += v
                if v != 0:
                    self.recog_nonzero.add((u, M))
                # plan: any charge recognising in M (period overlap > 0 s, or one-time in M), whatever its amount:
                # SPEC 4.1 says "non-zero amount" only for row existence (docs/metrics.md reads it the same way)
                key = (ch["t"], ch["id"])
                if (u, M) not in plan_pick or key > plan_pick[(u, M)][0]:
                    plan_pick[(u, M)] = (key, ch["plan"] if ch["plan"] is not None else "")
        for r in refunds:
            if r["refund_of"] in voided:
                continue
            amt = self.convert(r["amount"], r["currency"], r["t"])
            if amt is None:
                continue
            M = tz.month_of(r["t"])
            self.refund_um[(r["user"], M)] += amt
            if amt != 0:
                self.refund_nonzero.add((r["user"], M))
        self.plan_of = {k: v[1] for k, v in plan_pick.items()}
        # all users
        users = set(self.users)
        for e in self.usage:
            users.add(e["user"])
        for f in self.feedback:
            users.add(f["user"])
        for p in self.payments:
            users.add(p["user"])
        self.all_users = users
        earliest = {}
        for lst in (self.usage, self.feedback, self.payments):
            for x in lst:
                if x["user"] not in earliest or x["t"] < earliest[x["user"]]:
                    earliest[x["user"]] = x["t"]
        self.signup = {}
        for u in users:
            self.signup[u] = tz.month_of(self.users[u]) if u in self.users else tz.month_of(earliest[u])
        # MRR at month ends, for every month end in ext range and earlier
        self.mrr = defaultdict(lambda: D0)  # (u, M) -> mrr at start(M+1)
        self.first_mrr_end = {}  # u -> month M whose end is the first with MRR>0
        ends = {M: tz.month_start(next_month(M)) for M in self.ext_months}
        for u, lst in self.subs.items():
            for s, e, v in lst:
                for M, t in ends.items():
                    if s < t <= e:
                        self.mrr[(u, M)] += v
                if v > 0:
                    Ms = tz.month_of(s)
                    t = tz.month_start(next_month(Ms))
                    if t <= e:
                        if u not in self.first_mrr_end or Ms < self.first_mrr_end[u]:
                            self.first_mrr_end[u] = Ms
        # payer/active sets per month
        self.payers = defaultdict(set)
        self.active = defaultdict(set)
        for (u, M), g in self.gross.items():
            if g > 0:
                self.payers[M].add(u)
        for (u, M) in self.um_calls:
            self.active[M].add(u)

    def revenue(self, u, M):
        return self.gross.get((u, M), D0) - self.refund_um.get((u, M), D0)

    # ---- objects
    def user_months(self):
        rows = []
        keys = set(self.um_calls) | set(self.um_fb) | self.recog_nonzero | self.refund_nonzero
        keys |= {k for k, v in self.mrr.items() if v > 0}
        inrange = set(self.months)
        for (u, M) in sorted(k for k in keys if k[1] in inrange):
            rows.append(dict(
                user_id=u, month=mstr(M), plan=self.plan_of.get((u, M), "free"),
                is_active=(u, M) in self.um_calls, is_payer=u in self.payers[M],
                calls=self.um_calls.get((u, M), 0), input_tokens=self.um_in.get((u, M), 0),
                output_tokens=self.um_out.get((u, M), 0), cost=self.um_cost.get((u, M), D0),
                revenue=self.revenue(u, M), mrr_end=self.mrr.get((u, M), D0),
                feedback_count=self.um_fb.get((u, M), 0), positive_feedback_count=self.um_fb_pos.get((u, M), 0),
                signup_month=mstr(self.signup[u]), first_paid_month=mstr(self.first_paid.get(u))))
        self.um_rows = rows
        return rows

    def kpis_for(self, M):
        Mp = next_month(M, -1)
        payers = self.payers[M]
        active = self.active[M]
        prev_payers = self.payers[Mp]
        k = {}
        k["signups"] = sum(1 for u in self.all_users if self.signup[u] == M)
        k["active_users"] = len(active)
        k["payers"] = len(payers)
        ap = payers & active
        k["active_payers"] = len(ap)
        k["active_free_users"] = len(active - payers)
        k["new_payers"] = sum(1 for u, m in self.first_paid.items() if m == M)
        k["reactivated_payers"] = sum(1 for u in payers - prev_payers if self.first_paid.get(u) and self.first_paid[u] < M)
        k["churned_payers"] = len(prev_payers - payers)
        rev_users = {u for (u, m) in list(self.gross) + list(self.refund_um) if m == M}
        revenue = sum((self.revenue(u, M) for u in rev_users), D0)
        cost_paid = D0
        cost_free = D0
        for (u, m), c in self.um_cost.items():
            if m != M:
                continue
            if u in payers:
                cost_paid += c
            else:
                cost_free += c
        cost = cost_paid + cost_free
        k["revenue"], k["cost"], k["cost_paid"], k["cost_free"] = revenue, cost, cost_paid, cost_free
        k["gross_margin"] = (revenue - cost) / revenue if revenue > 0 else NULL
        arppu = revenue / len(payers) if payers else NULL
        k["arppu"] = arppu
        k["cost_per_active_payer"] = cost_paid / len(ap) if ap else NULL
        naf = len(active - payers)
        cf = cost_free / naf if naf else NULL
        k["cost_per_active_free_user"] = cf
        k["free_cost_share"] = cost_free / cost if cost != 0 else NULL
        den = len(active) + len(payers) - len(ap)
        k["paid_share"] = Decimal(len(payers)) / den if den else NULL
        cp = cost_paid / len(payers) if payers else NULL
        if arppu is None or cp is None or cf is None or arppu <= cp:
            k["break_even_paid_share"] = NULL
        else:
            k["break_even_paid_share"] = cf / (arppu - cp + cf)
        k["idle_revenue"] = sum((self.revenue(u, M) for u in payers - active), D0)
        k["mrr_end"] = sum((v for (u, m), v in self.mrr.items() if m == M), D0)
        k["payer_retention"] = Decimal(len(prev_payers & payers)) / len(prev_payers) if prev_payers else NULL
        m0s = {u: v for (u, m), v in self.mrr.items() if m == Mp and v > 0}
        s0 = sum(m0s.values(), D0)
        if s0 > 0:
            k["nrr"] = sum((self.mrr.get((u, M), D0) for u in m0s), D0) / s0
            k["grr"] = sum((min(v, self.mrr.get((u, M), D0)) for u, v in m0s.items()), D0) / s0
        else:
            k["nrr"] = k["grr"] = NULL
        k["feedback_rate"] = Decimal(sum(1 for u in ap if self.um_fb.get((u, M), 0) > 0)) / len(ap) if ap else NULL
        k["satisfaction"] = Decimal(self.m_fb_pos[M]) / self.m_fb[M] if self.m_fb[M] else NULL
        vc = D0
        for (u, m, f), (calls, c) in self.ufm.items():
            if m == M and self.features.get(f) is not None:
                vc += calls * self.features[f]
        k["value_created"] = vc
        k["_cp"] = cp
        # loop: acquire pool
        pool = set()
        for u in active:
            fp = self.first_paid.get(u)
            if fp is None or fp >= M:
                pool.add(u)
        for u, fp in self.first_paid.items():
            if fp == M:
                pool.add(u)
        k["_acquire"] = Decimal(k["new_payers"]) / len(pool) if pool else NULL
        k["_use"] = Decimal(len(ap)) / len(payers) if payers else NULL
        return k

    def monthly_kpis(self):
        self.k = {M: self.kpis_for(M) for M in self.months}
        rows = []
        for i, M in enumerate(self.months):
            k = self.k[M]
            rets = [self.k[m]["payer_retention"] for m in self.months[max(0, i - 2):i + 1]]
            rets = [r for r in rets if r is not None]
            ltv = NULL
            if rets and k["arppu"] is not None:
                avg = sum(rets, D0) / len(rets)
                if avg != 1:
                    ltv = (k["arppu"] - k["_cp"]) / (1 - avg)
            row = dict(month=mstr(M), complete=self.complete(M))
            for c in ["signups", "active_users", "payers", "active_payers", "active_free_users", "new_payers",
                      "reactivated_payers", "churned_payers", "revenue", "cost", "cost_paid", "cost_free",
                      "gross_margin", "arppu", "cost_per_active_payer", "cost_per_active_free_user",
                      "free_cost_share", "paid_share", "break_even_paid_share", "idle_revenue", "mrr_end",
                      "payer_retention", "nrr", "grr", "feedback_rate", "satisfaction", "value_created"]:
                row[c] = k[c]
            row["ltv_gross_profit"] = ltv
            rows.append(row)
        return rows

    def mrr_movements(self):
        rows = []
        users = {u for (u, m) in self.mrr}
        for M in self.months:
            Mp = next_month(M, -1)
            r = dict(month=mstr(M), mrr_start=D0, new=D0, reactivation=D0, expansion=D0, contraction=D0,
                     churn=D0, mrr_end=D0)
            for u in users:
                m0 = self.mrr.get((u, Mp), D0)
                m1 = self.mrr.get((u, M), D0)
                r["mrr_start"] += m0
                r["mrr_end"] += m1
                if m0 == 0 and m1 > 0:
                    if self.first_mrr_end.get(u) is not None and self.first_mrr_end[u] < M:
                        r["reactivation"] += m1
                    else:
                        r["new"] += m1
                elif m1 > m0 > 0:
                    r["expansion"] += m1 - m0
                elif 0 < m1 < m0:
                    r["contraction"] += m1 - m0
                elif m0 > 0 and m1 == 0:
                    r["churn"] -= m0
            rows.append(r)
        return rows

    def loop_stages(self):
        stages = ["acquire", "use", "feedback", "retain"]

        def rate(M, st):
            if M not in self.k:
                return NULL
            k = self.k[M]
            return {"acquire": k["_acquire"], "use": k["_use"], "feedback": k["feedback_rate"],
                    "retain": k["payer_retention"]}[st]

        rows = []
        for M in self.months:
            per = []
            for st in stages:
                r = rate(M, st)
                prev = rate(next_month(M, -1), st)
                tr = [rate(next_month(M, -j), st) for j in (1, 2, 3)]
                tr = [x for x in tr if x is not None]
                trailing = sum(tr, D0) / len(tr) if tr else NULL
                change = NULL
                if r is not None and trailing is not None and trailing != 0:
                    change = r / trailing - 1
                per.append(dict(month=mstr(M), stage=st, rate=r, previous_rate=prev, trailing_rate=trailing,
                                change=change, is_bottleneck=False))
            best = None
            for row in per:
                if row["change"] is not None and row["change"] < 0:
                    if best is None or row["change"] < best["change"]:
                        best = row
            if best is not None:
                best["is_bottleneck"] = True
            rows.extend(per)
        return rows

    def cohort_retention(self):
        rows = []
        inrange = set(self.months)
        for kind in ("first_payment", "signup"):
            groups = defaultdict(set)
            if kind == "first_payment":
                for u, m in self.first_paid.items():
                    groups[m].add(u)
            else:
                for u in self.all_users:
                    groups[self.signup[u]].add(u)
            for cm in sorted(groups):
                if cm not in inrange:
                    continue
                mem = groups[cm]
                size = len(mem)
                cum_rev = D0
                cum_gp = D0
                for k in range(0, month_diff(self.last_month, cm) + 1):
                    M = next_month(cm, k)
                    retained = mem & (self.payers[M] if kind == "first_payment" else self.active[M])
                    rev = sum((self.revenue(u, M) for u in mem), D0)
                    cost = sum((self.um_cost.get((u, M), D0) for u in mem), D0)
                    cum_rev += rev
                    cum_gp += rev - cost
                    rows.append(dict(cohort_kind=kind, cohort_month=mstr(cm), months_since=k, cohort_size=size,
                                     retained_users=len(retained), retention=Decimal(len(retained)) / size,
                                     revenue=rev, cost=cost, cumulative_revenue_per_user=cum_rev / size,
                                     cumulative_gross_profit_per_user=cum_gp / size, complete=self.complete(M)))
        return rows

    def feature_economics(self):
        rows = []
        target = 1 / (1 - self.tgm)
        for M in self.months:
            payers = self.payers[M]
            feats = defaultdict(lambda: dict(calls=0, users=set(), paying=set(), cost=D0, cost_paid=D0,
                                             cost_free=D0, rbc=D0, rbk=D0, rbu=D0, free_calls={}))
            for (u, m, f), (calls, c) in self.ufm.items():
                if m != M:
                    continue
                x = feats[f]
                x["calls"] += calls
                x["users"].add(u)
                x["cost"] += c
                if u in payers:
                    x["paying"].add(u)
                    x["cost_paid"] += c
                else:
                    x["cost_free"] += c
                    x["free_calls"][u] = calls
            for u in payers & self.active[M]:
                rev = self.revenue(u, M)
                ucost = self.um_cost.get((u, M), D0)
                ucalls = self.um_calls[(u, M)]
                fs = self.um_features[(u, M)]
                for f in fs:
                    calls, c = self.ufm[(u, M, f)]
                    x = feats[f]
                    if ucost != 0:
                        x["rbc"] += rev * c / ucost
                    else:
                        x["rbc"] += rev * calls / ucalls
                    x["rbk"] += rev * calls / ucalls
                    x["rbu"] += rev / len(fs)
            for f in sorted(feats):
                x = feats[f]
                cost = x["cost"]
                revs = [x["rbc"], x["rbk"], x["rbu"]]
                under = [r < cost for r in revs]
                if cost == 0:
                    status, reason = "covered", ""
                elif all(under):
                    status, reason = "uncovered", "revenue below cost under all models"
                elif any(under):
                    status, reason = "ambiguous", "revenue below cost under some models"
                elif all(r * (1 - self.tgm) >= cost for r in revs):  # r >= cost / (1 - tgm), exactly
                    status, reason = "covered", ""
                else:
                    status, reason = "below_target", "below target"
                fc = fcs = fcu = NULL
                budget = max(D0, x["rbc"] * (1 - self.tgm) - x["cost_paid"])
                if x["cost_free"] > budget:
                    calls_free = sum(x["free_calls"].values())
                    unit = x["cost_free"] / calls_free
                    lst = sorted(x["free_calls"].values())

                    def capped(q):
                        return sum((min(c, q) for c in lst)) * unit

                    lo, hi = 0, max(lst)  # capped(hi) = cost_free > budget
                    if capped(0) > budget:
                        q = 0  # cannot happen: capped(0) = 0 <= budget
                    else:
                        while hi - lo > 1:
                            mid = (lo + hi) // 2
                            if capped(mid) <= budget:
                                lo = mid
                            else:
                                hi = mid
                        q = lo
                    fc = q
                    fcs = x["cost_free"] - capped(q)
                    fcu = sum(1 for c in lst if c > q)
                rows.append(dict(month=mstr(M), feature=f, calls=x["calls"], users=len(x["users"]),
                                 paying_users=len(x["paying"]), cost=cost, cost_paid=x["cost_paid"],
                                 cost_free=x["cost_free"], revenue_by_cost=x["rbc"], revenue_by_calls=x["rbk"],
                                 revenue_by_users=x["rbu"], coverage=x["rbc"] / cost if cost != 0 else NULL,
                                 margin=x["rbc"] - cost, status=status, reason=reason, free_cap_calls=fc,
                                 free_cap_savings=fcs, free_cap_affected_users=fcu))
        return rows

    def feature_retention(self):
        rows = []
        for M in self.months:
            Mp = next_month(M, -1)
            pp = self.payers[Mp]
            if not pp:
                continue
            used = defaultdict(set)
            for u in pp:
                for f in self.um_features.get((u, Mp), ()):
                    used[f].add(u)
            now = self.payers[M]
            for f in sorted(used):
                us = used[f]
                nu = pp - us
                ru = len(us & now)
                rn = len(nu & now)
                retu = Decimal(ru) / len(us)
                retn = Decimal(rn) / len(nu) if nu else NULL
                rows.append(dict(month=mstr(M), feature=f, payers_using=len(us), retained_using=ru,
                                 retention_using=retu, retention_not_using=retn,
                                 lift=retu - retn if retn is not None else NULL))
        return rows

    def plan_economics(self):
        agg = defaultdict(lambda: dict(payers=0, active=0, revenue=D0, cost=D0, n=0, unprof=0))
        for r in self.um_rows:
            a = agg[(r["month"], r["plan"])]
            a["n"] += 1
            a["payers"] += r["is_payer"]
            a["active"] += r["is_active"]
            a["revenue"] += r["revenue"]
            a["cost"] += r["cost"]
            a["unprof"] += r["cost"] > r["revenue"]
        rows = []
        for (m, p) in sorted(agg, key=lambda k: (k[0], k[1] if k[1] is not None else "")):
            a = agg[(m, p)]
            rows.append(dict(month=m, plan=p, payers=a["payers"], active_users=a["active"], revenue=a["revenue"],
                             cost=a["cost"],
                             gross_margin=(a["revenue"] - a["cost"]) / a["revenue"] if a["revenue"] > 0 else NULL,
                             arppu=a["revenue"] / a["payers"] if a["payers"] else NULL,
                             cost_per_user=a["cost"] / a["n"], unprofitable_users=a["unprof"]))
        return rows


COLUMNS = {
    "user_months": "user_id, month, plan, is_active, is_payer, calls, input_tokens, output_tokens, cost, revenue, "
                   "mrr_end, feedback_count, positive_feedback_count, signup_month, first_paid_month",
    "monthly_kpis": "month, complete, signups, active_users, payers, active_payers, active_free_users, new_payers, "
                    "reactivated_payers, churned_payers, revenue, cost, cost_paid, cost_free, gross_margin, arppu, "
                    "cost_per_active_payer, cost_per_active_free_user, free_cost_share, paid_share, "
                    "break_even_paid_share, idle_revenue, mrr_end, payer_retention, nrr, grr, feedback_rate, "
                    "satisfaction, value_created, ltv_gross_profit",
    "mrr_movements": "month, mrr_start, new, reactivation, expansion, contraction, churn, mrr_end",
    "loop_stages": "month, stage, rate, previous_rate, trailing_rate, change, is_bottleneck",
    "cohort_retention": "cohort_kind, cohort_month, months_since, cohort_size, retained_users, retention, revenue, "
                        "cost, cumulative_revenue_per_user, cumulative_gross_profit_per_user, complete",
    "feature_economics": "month, feature, calls, users, paying_users, cost, cost_paid, cost_free, revenue_by_cost, "
                         "revenue_by_calls, revenue_by_users, coverage, margin, status, reason, free_cap_calls, "
                         "free_cap_savings, free_cap_affected_users",
    "feature_retention": "month, feature, payers_using, retained_using, retention_using, retention_not_using, lift",
    "plan_economics": "month, plan, payers, active_users, revenue, cost, gross_margin, arppu, cost_per_user, "
                      "unprofitable_users",
}
KEYS = {
    "user_months": ["user_id", "month"], "monthly_kpis": ["month"], "mrr_movements": ["month"],
    "loop_stages": ["month", "stage"], "cohort_retention": ["cohort_kind", "cohort_month", "months_since"],
    "feature_economics": ["month", "feature"], "feature_retention": ["month", "feature"],
    "plan_economics": ["month", "plan"],
}
STAGE_ORDER = {"acquire": 0, "use": 1, "feedback": 2, "retain": 3}


def fmt(v):
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v != 0 else "0"
    return str(v)


def sort_key(table, row):
    out = []
    for k in KEYS[table]:
        v = row[k]
        if k == "stage":
            v = STAGE_ORDER[v]
        out.append(v if v is not None else "")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("input_dir")
    ap.add_argument("--as-of")
    ap.add_argument("--reporting-timezone", default="UTC")
    ap.add_argument("--reporting-currency", default="USD")
    ap.add_argument("--target-gross-margin", default="0.5")
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    o = Oracle(a.input_dir, a.as_of, a.reporting_timezone, a.reporting_currency, a.target_gross_margin)
    o.compute()
    tables = {"user_months": o.user_months(), "monthly_kpis": o.monthly_kpis(), "mrr_movements": o.mrr_movements(),
              "loop_stages": o.loop_stages(), "cohort_retention": o.cohort_retention(),
              "feature_economics": o.feature_economics(), "feature_retention": o.feature_retention(),
              "plan_economics": o.plan_economics()}
    os.makedirs(a.out, exist_ok=True)
    for name, rows in tables.items():
        cols = [c.strip() for c in COLUMNS[name].split(",")]
        rows = sorted(rows, key=lambda r: sort_key(name, r))
        with open(os.path.join(a.out, name + ".csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            for r in rows:
                w.writerow([fmt(r[c]) for c in cols])
    print("as_of=%s months=%s..%s users=%d usage=%d payments=%d" % (
        (EPOCH + dt.timedelta(microseconds=o.as_of)).isoformat(), mstr(o.first_month), mstr(o.last_month),
        len(o.all_users), len(o.usage), len(o.payments)), file=sys.stderr)


if __name__ == "__main__":
    main()
