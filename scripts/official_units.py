"""Generate Loa's catalogue of official administrative units from two PyPI packages, and compare them.

Run in a throwaway virtualenv that has both packages (they are not Loa dependencies):

    python -m venv /tmp/dv && /tmp/dv/bin/pip install vietnam-provinces vietnamadminunits
    /tmp/dv/bin/python scripts/official_units.py            # writes src/loa/organizations/official_data/
    /tmp/dv/bin/python scripts/official_units.py --compare  # only prints the comparison (ADR 0023)

Writes ``units.csv`` (era, level, code, name, type, parent code), ``lineage.csv`` (the 2025 conversion
table: old code → new code, kind, partly) and ``meta.json`` (package versions, counts, comparison).
The 2025 era and the conversion table come from ``vietnam-provinces``, the legacy era (as on
30/06/2025) from ``vietnamadminunits``; each checks the other (ADR 0023: what was compared and why).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.metadata
import json
import sqlite3
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "loa" / "organizations" / "official_data"

# Division types of both packages → Loa's administrative types (organizations.models.AdminType).
TYPES = {
    "tỉnh": "tinh",
    "thành phố trung ương": "tp_tw",
    "huyện": "huyen",
    "quận": "quan",
    "thị xã": "thi_xa",
    "thành phố": "tp_thuoc_tinh",
    "xã": "xa",
    "phường": "phuong",
    "thị trấn": "thi_tran",
    "đặc khu": "dac_khu",
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def vp_data() -> dict:
    """Both eras and the conversion tables from ``vietnam-provinces`` (codes as ints)."""
    import vietnam_provinces
    from vietnam_provinces import _province_conversion_2025 as pconv
    from vietnam_provinces import _ward_conversion_2025 as wconv
    from vietnam_provinces.legacy import _lookup as legacy

    nested = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    provinces = {p["code"]: (nfc(p["name"]), TYPES[p["division_type"]]) for p in nested}
    communes = {
        w["code"]: (nfc(w["name"]), TYPES[w["division_type"]], p["code"]) for p in nested for w in p["wards"]
    }
    lp = {int(p.code): (nfc(p.name), TYPES[str(p.division_type)]) for p in legacy.PROVINCE_MAPPING.values()}
    ld = {
        int(d.code): (nfc(d.name), TYPES[str(d.division_type)], int(d.province_code))
        for d in legacy.DISTRICT_MAPPING.values()
    }
    lw = {
        int(w.code): (nfc(w.name), TYPES[str(w.division_type)], int(w.district_code))
        for w in legacy.WARD_MAPPING.values()
    }
    ward_map = {old: tuple(n.code for n in entry.new_wards) for old, entry in wconv.OLD_TO_NEW.items()}
    partly = {old for old, entry in wconv.OLD_TO_NEW.items() if entry.old_ward.is_partly_merged}
    province_map = {old: tuple(n.code for n in e.new_provinces) for old, e in pconv.OLD_TO_NEW.items()}
    return {
        "provinces": provinces,
        "communes": communes,
        "legacy_provinces": lp,
        "legacy_districts": ld,
        "legacy_communes": lw,
        "ward_map": ward_map,
        "partly": partly,
        "province_map": province_map,
    }


def vam_data() -> dict:
    """The same from ``vietnamadminunits`` (its SQLite dataset; the converter is keyed by names)."""
    import vietnamadminunits

    db = Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"
    con = sqlite3.connect(db)
    rows = con.execute("SELECT DISTINCT provinceCode, province, wardCode, ward FROM admin_units").fetchall()
    provinces = {int(p): nfc(pn) for p, pn, _, _ in rows}
    communes = {int(w): (nfc(wn), int(p)) for p, _, w, wn in rows}
    legacy = con.execute(
        "SELECT DISTINCT provinceCode, province, districtCode, district, wardCode, ward, districtType, wardType"
        " FROM admin_units_legacy"
    ).fetchall()
    lp = {int(p): nfc(pn) for p, pn, *_ in legacy}
    ld = {int(d): (nfc(dn), int(p)) for p, _, d, dn, *_ in legacy}
    lw = {int(w): (nfc(wn), int(d)) for _, _, d, _, w, wn, *_ in legacy if w}
    # Types for the legacy era, which Loa takes from this package (see ADR 0023).
    lp_type = {int(p): "tp_tw" if pn.startswith("Thành phố") else "tinh" for p, pn, *_ in legacy}
    ld_type = {int(d): TYPES[dt_.lower()] for _, _, d, _, _, _, dt_, _ in legacy}
    lw_type = {int(w): TYPES[wt.lower()] for _, _, _, _, w, _, _, wt in legacy if w}
    # Converter: old "province_district_ward" key → new ward keys; resolve keys to codes.
    key_rows = con.execute(
        "SELECT DISTINCT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy"
    ).fetchall()
    old_code = {f"{p}_{d}_{w}": int(c) for p, d, w, c in key_rows if c}
    new_rows = con.execute("SELECT DISTINCT provinceKey, wardKey, wardCode FROM admin_units").fetchall()
    new_code = {(p, w): int(c) for p, w, c in new_rows}
    conv = json.loads((db.parent / "converter_2025.json").read_text(encoding="utf-8"))
    ward_map: dict[int, set[int]] = defaultdict(set)
    unresolved = 0
    for prov, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, olds in wards.items():
            for old in olds:
                if old in old_code and (prov, new_key) in new_code:
                    ward_map[old_code[old]].add(new_code[(prov, new_key)])
                else:
                    unresolved += 1
    for prov, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            for new in news:
                if old in old_code and (prov, new["newWardKey"]) in new_code:
                    ward_map[old_code[old]].add(new_code[(prov, new["newWardKey"])])
                else:
                    unresolved += 1
    return {
        "provinces": provinces,
        "communes": communes,
        "legacy_provinces": lp,
        "legacy_districts": ld,
        "legacy_communes": lw,
        "ward_map": {k: tuple(sorted(v)) for k, v in ward_map.items()},
        "unresolved_keys": unresolved,
        "legacy_types": (lp_type, ld_type, lw_type),
    }


def _names_differ(a: dict, b: dict, name_a, name_b) -> list[tuple]:
    return [
        (code, name_a(a[code]), name_b(b[code]))
        for code in sorted(set(a) & set(b))
        if name_a(a[code]) != name_b(b[code])
    ]


def compare(vp: dict, vam: dict) -> dict:
    """Counts, codes and names of both packages, era by era, and their conversion tables."""
    out: dict = {}
    pairs = [
        ("provinces", lambda v: v[0], lambda v: v),
        ("communes", lambda v: v[0], lambda v: v[0]),
        ("legacy_provinces", lambda v: v[0], lambda v: v),
        ("legacy_districts", lambda v: v[0], lambda v: v[0]),
        ("legacy_communes", lambda v: v[0], lambda v: v[0]),
    ]
    for key, na, nb in pairs:
        a, b = vp[key], vam[key]
        differ = _names_differ(a, b, na, nb)
        out[key] = {
            "vietnam-provinces": len(a),
            "vietnamadminunits": len(b),
            "only_vietnam_provinces": sorted(set(a) - set(b))[:20],
            "only_vietnamadminunits": sorted(set(b) - set(a))[:20],
            "names_differ": len(differ),
            "names_differ_sample": differ[:8],
        }
    parents = [
        c for c in set(vp["communes"]) & set(vam["communes"]) if vp["communes"][c][2] != vam["communes"][c][1]
    ]
    out["communes"]["province_differs"] = len(parents)
    a, b = vp["ward_map"], vam["ward_map"]
    common = set(a) & set(b)
    out["conversion"] = {
        "vietnam-provinces_old_wards": len(a),
        "vietnamadminunits_old_wards": len(b),
        "vietnamadminunits_unresolved_keys": vam["unresolved_keys"],
        "same_successors": sum(1 for k in common if set(a[k]) == set(b[k])),
        "different_successors": sum(1 for k in common if set(a[k]) != set(b[k])),
        "different_sample": [(k, a[k], b[k]) for k in sorted(common) if set(a[k]) != set(b[k])][:8],
    }
    return out


def lineage_rows(vp: dict) -> list[tuple]:
    """(level, old code, new code, kind, partly) — kind: split when the old unit went to several new
    ones, merge when the new one came from several, rename when one became one."""
    rows = []
    for level, table, partly in (
        ("province", vp["province_map"], set()),
        ("commune", vp["ward_map"], vp["partly"]),
    ):
        preds: dict[int, int] = Counter()
        for news in table.values():
            for new in news:
                preds[new] += 1
        for old, news in sorted(table.items()):
            for new in news:
                kind = "split" if len(news) > 1 else "merge" if preds[new] > 1 else "rename"
                rows.append((level, old, new, kind, int(old in partly or len(news) > 1)))
    return rows


def write(vp: dict, vam: dict, comparison: dict) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "units.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["era", "level", "code", "name", "type", "parent"])
        for code, (name, typ) in sorted(vp["provinces"].items()):
            w.writerow(["2025", "province", f"{code:02d}", name, typ, ""])
        for code, (name, typ, prov) in sorted(vp["communes"].items()):
            w.writerow(["2025", "commune", f"{code:05d}", name, typ, f"{prov:02d}"])
        # The legacy era as it stood on 30/06/2025: vietnamadminunits (vietnam-provinces' legacy list
        # predates the 2023–2025 rearrangements; see ADR 0023).
        lp_type, ld_type, lw_type = vam["legacy_types"]
        for code, name in sorted(vam["legacy_provinces"].items()):
            w.writerow(["legacy", "province", f"{code:02d}", name, lp_type[code], ""])
        for code, (name, prov) in sorted(vam["legacy_districts"].items()):
            w.writerow(["legacy", "district", f"{code:03d}", name, ld_type[code], f"{prov:02d}"])
        for code, (name, dist) in sorted(vam["legacy_communes"].items()):
            w.writerow(["legacy", "commune", f"{code:05d}", name, lw_type[code], f"{dist:03d}"])
    with (OUT / "lineage.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["level", "old", "new", "kind", "partly"])
        for level, old, new, kind, partly in lineage_rows(vp):
            width = 2 if level == "province" else 5
            w.writerow([level, f"{old:0{width}d}", f"{new:0{width}d}", kind, partly])
    meta = {
        "generated": dt.date.today().isoformat(),
        "generator": "scripts/official_units.py",
        "source": {
            "vietnam-provinces": importlib.metadata.version("vietnam-provinces"),
            "vietnamadminunits (cross-check)": importlib.metadata.version("vietnamadminunits"),
        },
        "effective": "2025-07-01",
        "comparison": comparison,
    }
    (OUT / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--compare", action="store_true", help="print the comparison only")
    args = parser.parse_args()
    vp, vam = vp_data(), vam_data()
    comparison = compare(vp, vam)
    print(json.dumps(comparison, ensure_ascii=False, indent=1))
    if not args.compare:
        write(vp, vam, comparison)
    return 0


if __name__ == "__main__":
    sys.exit(main())
