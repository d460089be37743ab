"""Compares two engines' decisions of the same cases, line by line, on the main keys of
`zeren eval --format jsonl` (the keys the hand-written decision writes). Used by
benches/agree.sh (zeren against the hand-written code) and benches/rego/agree.sh (regorus
against it).

    python3 benches/tools/same_keys.py NAME_A A.jsonl NAME_B B.jsonl N SEED

Prints the first few differences in full and the count; exits 1 on any difference, on an error
record on either side, or when either file does not have N lines.
"""
import json
import sys

KEYS = ["case", "accountable", "rung", "authority", "people", "escalations",
        "rectification_ordered", "unit_consequences", "duty_breaches", "circumstances",
        "scope", "in_force", "articles"]
SHOW = 5


def main_keys(d):
    return {k: d.get(k, "<missing>") for k in KEYS}


def main():
    name_a, path_a, name_b, path_b, n, seed = sys.argv[1:7]
    compared = differences = 0
    shown = []
    with open(path_a, encoding="utf-8") as a, open(path_b, encoding="utf-8") as b:
        for line, (al, bl) in enumerate(zip(a, b), 1):
            compared += 1
            try:
                ad, bd = json.loads(al), json.loads(bl)
            except json.JSONDecodeError as e:
                ad, bd = {"error": f"not JSON: {e}"}, {}
            if "error" in ad or "error" in bd:
                differences += 1
                if len(shown) < SHOW:
                    shown.append((line, ["error"], ad.get("error"), bd.get("error")))
                continue
            ak, bk = main_keys(ad), main_keys(bd)
            if ak != bk:
                differences += 1
                if len(shown) < SHOW:
                    keys = [k for k in KEYS if ak[k] != bk[k]]
                    shown.append((line, keys, {k: ak[k] for k in keys}, {k: bk[k] for k in keys}))
        extra = sum(1 for _ in a) + sum(1 for _ in b)
    width = max(len(name_a), len(name_b)) + 1
    for line, keys, av, bv in shown:
        print(f"line {line}: {', '.join(keys)} differ")
        print(f"  {name_a + ':':<{width}} " + json.dumps(av, ensure_ascii=False)[:2000])
        print(f"  {name_b + ':':<{width}} " + json.dumps(bv, ensure_ascii=False)[:2000])
    if extra or compared != int(n):
        print(f"line counts differ: {compared} compared of {n} cases, {extra} lines left over")
        differences += 1
    print(f"seed {seed}: {compared} cases compared, {differences} differences")
    sys.exit(1 if differences else 0)


main()
