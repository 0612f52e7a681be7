#!/usr/bin/env python3
"""Compare the oracle's CSVs (scripts/oracle/oracle.py --out OUT_DIR) with the flywheel tables in a database.

Usage: compare.py OUT_DIR CONNINFO [--max N] [--tables a,b]
Numbers compare as Decimal with 1e-12 relative tolerance (absolute below 1), NULL must match NULL, booleans and
text exactly, except `reason`, which only needs to be non-empty unless status is covered.
Prints the first differences per table and one summary line: `N passed, M failed`.
"""
import argparse
import csv
import os
import shutil
import subprocess
import sys
from decimal import Decimal, InvalidOperation, getcontext

getcontext().prec = 60
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import COLUMNS, KEYS, STAGE_ORDER  # noqa: E402

NULL = "\\N"
TEXT = {"user_id", "plan", "stage", "cohort_kind", "feature", "status", "reason", "month", "signup_month",
        "first_paid_month", "cohort_month"}
BOOL = {"is_active", "is_payer", "complete", "is_bottleneck"}
TOL = Decimal("1e-12")


def psql_bin():
    p = shutil.which("psql")
    return p or "/usr/lib/postgresql/15/bin/psql"


def fetch(conninfo, table, cols):
    order = []
    for k in KEYS[table]:
        if k == "stage":
            order.append("case stage when 'acquire' then 0 when 'use' then 1 when 'feedback' then 2 "
                         "when 'retain' then 3 end")
        else:
            order.append(k)
    sel = ", ".join('"%s"' % c if c in ("new",) else c for c in cols)
    q = "select %s from flywheel.%s order by %s" % (sel, table, ", ".join(order))
    out = subprocess.run([psql_bin(), conninfo, "-X", "-At", "-F", "\t", "-P", "null=\\N", "-v", "ON_ERROR_STOP=1",
                          "-c", q], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    rows = []
    for line in out.stdout.split("\n"):
        if line == "":
            continue
        rows.append(line.split("\t"))
    return rows


def num(s):
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def same(col, exp, act, row_exp):
    if col == "reason":
        status = row_exp.get("status")
        if status == "covered":
            return True
        return act not in (NULL, "")
    if exp == NULL or act == NULL:
        return exp == act
    if col in BOOL:
        return exp == act
    if col in TEXT:
        return exp == act
    a, b = num(exp), num(act)
    if a is None or b is None:
        return exp == act
    scale = max(Decimal(1), abs(a), abs(b))
    return abs(a - b) <= TOL * scale


def keyof(table, row):
    out = []
    for k in KEYS[table]:
        v = row[k]
        if k == "stage":
            v = STAGE_ORDER.get(v, 9)
        elif k == "months_since":
            v = int(v)
        out.append(v)
    return tuple(out)


def compare_table(out_dir, conninfo, table, maxn):
    cols = [c.strip() for c in COLUMNS[table].split(",")]
    with open(os.path.join(out_dir, table + ".csv"), newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r)
        exp = [dict(zip(header, rec)) for rec in r]
    try:
        act = [dict(zip(cols, rec)) for rec in fetch(conninfo, table, cols)]
    except RuntimeError as e:
        return ["  query failed: %s" % e], 1, len(exp), 0
    em = {keyof(table, x): x for x in exp}
    am = {keyof(table, x): x for x in act}
    diffs = []
    missing = sorted(set(em) - set(am))
    extra = sorted(set(am) - set(em))
    for k in missing:
        diffs.append("  missing row (oracle has, product lacks): %s" % (k,))
    for k in extra:
        diffs.append("  extra row (product has, oracle lacks): %s" % (k,))
    coldiff = {}
    for k in sorted(set(em) & set(am)):
        for c in cols:
            if not same(c, em[k][c], am[k][c], em[k]):
                coldiff.setdefault(c, []).append((k, em[k][c], am[k][c]))
    for c, lst in coldiff.items():
        diffs.append("  column %s: %d rows differ" % (c, len(lst)))
        for k, e, a in lst[:maxn]:
            diffs.append("    %s expected %s actual %s" % (k, e, a))
    return diffs, len(missing) + len(extra) + sum(len(v) for v in coldiff.values()), len(exp), len(act)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("conninfo")
    ap.add_argument("--max", type=int, default=5)
    ap.add_argument("--tables")
    a = ap.parse_args()
    tables = a.tables.split(",") if a.tables else list(COLUMNS)
    passed = failed = 0
    for t in tables:
        diffs, n, ne, na = compare_table(a.out_dir, a.conninfo, t, a.max)
        status = "PASS" if n == 0 else "FAIL"
        print("%s %s (oracle %d rows, product %d rows)" % (status, t, ne, na))
        shown = 0
        for d in diffs:
            if d.startswith("  missing") or d.startswith("  extra"):
                shown += 1
                if shown > a.max:
                    continue
            print(d)
        if shown > a.max:
            print("  ... %d missing/extra rows in all" % shown)
        if n == 0:
            passed += 1
        else:
            failed += 1
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
