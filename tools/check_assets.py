#!/usr/bin/env python3
"""Check assets/districts.csv and assets/districts.geojson; optionally render a PNG.

    python3 tools/check_assets.py --shared ../shared [--png /tmp/assets_check.png]

Standard library only (the PNG is written with zlib). Exit status 1 on any failed check.
"""

import argparse
import csv
import json
import math
import os
import struct
import sys
import zlib
from collections import Counter, defaultdict

COLUMNS = ["code", "name_zh", "name_en", "type", "zone", "subzone", "population_10k",
           "population_year", "population_estimated", "gdp_100m_yuan", "gdp_year",
           "gdp_estimated", "area_km2", "centroid_lon", "centroid_lat", "source"]
R_KM = 6371.0072

errors = []


def check(cond, msg):
    if not cond:
        errors.append(msg)
    return cond


def ring_area_km2(ring):
    s = 0.0
    for i in range(len(ring) - 1):
        (l1, p1), (l2, p2) = ring[i], ring[i + 1]
        s += math.radians(l2 - l1) * (2 + math.sin(math.radians(p1)) + math.sin(math.radians(p2)))
    return -s * R_KM ** 2 / 2     # signed: >0 counter-clockwise


def feature_area(coords):
    return sum(abs(ring_area_km2(p[0])) - sum(abs(ring_area_km2(h)) for h in p[1:]) for p in coords)


def boundary_edges(features):
    """Undirected edges used by exactly one ring (the outline of the union) and the
    multiplicity histogram of all edges."""
    cnt = Counter()
    for f in features:
        for p in f["geometry"]["coordinates"]:
            for r in p:
                for i in range(len(r) - 1):
                    a, b = tuple(r[i]), tuple(r[i + 1])
                    cnt[(a, b) if a <= b else (b, a)] += 1
    return cnt


def count_cycles(edges):
    """Number of connected components of a set of undirected edges."""
    adj = defaultdict(list)
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    seen, comps = set(), 0
    for v in adj:
        if v in seen:
            continue
        comps += 1
        stack = [v]
        seen.add(v)
        while stack:
            u = stack.pop()
            for w in adj[u]:
                if w not in seen:
                    seen.add(w)
                    stack.append(w)
    return comps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--assets", default="assets")
    ap.add_argument("--png", default=None)
    args = ap.parse_args()

    # ---- CSV ----
    with open(os.path.join(args.assets, "districts.csv"), encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        check(rd.fieldnames == COLUMNS, f"columns {rd.fieldnames}")
        rows = list(rd)
    codes = [r["code"] for r in rows]
    check(len(rows) == 38, f"{len(rows)} rows")
    check(codes == sorted(codes) and len(set(codes)) == 38, "codes not sorted/unique")
    for r in rows:
        for k in COLUMNS:
            if k != "subzone":
                check(r[k].strip() != "", f"{r['code']}: empty {k}")
        check(r["type"] in ("district", "county", "autonomous_county"), f"{r['code']} type")
        check(r["zone"] in ("metro", "northeast", "southeast"), f"{r['code']} zone")
        check(r["subzone"] in (("central", "new") if r["zone"] == "metro" else ("",)),
              f"{r['code']} subzone")
        check(r["gdp_year"] == "2022", f"{r['code']} gdp_year")
        for b in ("population_estimated", "gdp_estimated"):
            check(r[b] in ("true", "false"), f"{r['code']} {b}")
            if r[b] == "true":
                check("ESTIMATED" in r["source"], f"{r['code']}: {b} but no method in source")
    gdp_cents = sum(round(float(r["gdp_100m_yuan"]) * 100) for r in rows)
    pop_sum = sum(float(r["population_10k"]) for r in rows)
    check(gdp_cents == 2912903, f"GDP sum {gdp_cents / 100}")
    c = Counter(r["zone"] for r in rows)
    check(c == Counter(metro=21, northeast=11, southeast=6), f"zones {c}")
    c = Counter(r["subzone"] for r in rows if r["zone"] == "metro")
    check(c == Counter(central=9, new=12), f"subzones {c}")
    c = Counter(r["type"] for r in rows)
    check(c == Counter(district=26, county=8, autonomous_county=4), f"types {c}")
    print(f"csv: {len(rows)} rows, population sum {pop_sum:.2f} 万, GDP sum {gdp_cents / 100:.2f} 亿元, "
          f"estimated pop {sum(r['population_estimated'] == 'true' for r in rows)}, "
          f"estimated gdp {sum(r['gdp_estimated'] == 'true' for r in rows)}")

    # ---- GeoJSON ----
    with open(os.path.join(args.assets, "districts.geojson"), encoding="utf-8") as fh:
        geo = json.load(fh)
    with open(os.path.join(args.shared, "data", "geo", "chongqing_districts.geojson"),
              encoding="utf-8") as fh:
        src = json.load(fh)
    feats = geo["features"]
    check(geo["type"] == "FeatureCollection" and len(feats) == 38, "feature count")
    check([f["id"] for f in feats] == codes, "feature ids differ from CSV codes")
    nverts = 0
    for f in feats:
        pr = f["properties"]
        check(pr.get("adcode") == f["id"] and pr.get("name") and pr.get("name_en"),
              f"{f['id']} properties {pr}")
        check(f["geometry"]["type"] == "MultiPolygon", f"{f['id']} geometry type")
        for p in f["geometry"]["coordinates"]:
            for k, r in enumerate(p):
                nverts += len(r)
                check(r[0] == r[-1], f"{f['id']} ring not closed")
                check(len(r) >= 4, f"{f['id']} ring with {len(r)} positions")
                check(all(r[i] != r[i + 1] for i in range(len(r) - 1)),
                      f"{f['id']} repeated consecutive point")
                check(all(round(x, 5) == x and round(y, 5) == y for x, y in r),
                      f"{f['id']} coordinates not rounded to 5 decimals")
                a = ring_area_km2(r)
                check((a > 0) == (k == 0), f"{f['id']} ring orientation not RFC 7946")
    check(3000 <= nverts <= 6000, f"vertex count {nverts}")

    # shared borders: every edge used by at most 2 rings; outline components as in the input
    cnt_o = boundary_edges(feats)
    cnt_i = boundary_edges(src["features"])
    mult_o, mult_i = Counter(cnt_o.values()), Counter(cnt_i.values())
    check(max(mult_o) <= 2, f"edge multiplicities {mult_o}")
    outline_o = count_cycles([e for e, n in cnt_o.items() if n == 1])
    outline_i = count_cycles([e for e, n in cnt_i.items() if n == 1])
    print(f"geojson: 38 features, {nverts} vertices; edges shared by 2 rings: "
          f"{mult_o[2]} of {len(cnt_o)} (input {mult_i[2]} of {len(cnt_i)}); "
          f"outline components (outer boundary, unfilled holes, islands): {outline_o} (input {outline_i})")

    # area change per district
    src_by = {f["id"]: f for f in src["features"]}
    worst = []
    for f in feats:
        a0 = feature_area(src_by[f["id"]]["geometry"]["coordinates"])
        a1 = feature_area(f["geometry"]["coordinates"])
        worst.append((abs(a1 - a0) / a0 * 100, f["id"], f["properties"]["name"], a0, a1))
    worst.sort(reverse=True)
    tot0 = sum(w[3] for w in worst)
    tot1 = sum(w[4] for w in worst)
    print(f"area: total {tot0:.1f} -> {tot1:.1f} km²; largest relative change: " +
          ", ".join(f"{n} {a0:.1f}->{a1:.1f} ({d:.1f}%)" for d, _c, n, a0, a1 in worst[:4]))

    # crossings (reuse the builder's checker on every ring of the output)
    sys.dont_write_bytecode = True
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import prepare_assets as pa
    arcs = {}
    k = 0
    for f in feats:
        for p in f["geometry"]["coordinates"]:
            for r in p:
                arcs[k] = [tuple(x) for x in r]
                k += 1
    # shared edges appear twice (once per ring): drop exact duplicates before checking
    segs_seen = set()
    dedup = {}
    for aid, pts in arcs.items():
        keep = [pts[0]]
        for i in range(len(pts) - 1):
            e = (pts[i], pts[i + 1])
            e = e if e[0] <= e[1] else (e[1], e[0])
            if e in segs_seen:
                if len(keep) > 1:
                    dedup[len(dedup)] = keep
                keep = [pts[i + 1]]
            else:
                segs_seen.add(e)
                keep.append(pts[i + 1])
        if len(keep) > 1:
            dedup[len(dedup)] = keep
    bad = pa.find_crossings(dedup)
    check(not bad, f"{len(bad)} polylines with crossing segments")
    print(f"crossings: {'none' if not bad else len(bad)}")

    # centroid inside simplified largest polygon?
    for r in rows:
        f = next(x for x in feats if x["id"] == r["code"])
        pt = (float(r["centroid_lon"]), float(r["centroid_lat"]))
        inside = any(pa.point_in_polygon(pt, p) for p in f["geometry"]["coordinates"])
        if not inside:
            print(f"note: centroid of {r['code']} {r['name_zh']} lies outside the simplified polygon")

    if args.png:
        render_png(feats, rows, args.png)
        print(f"wrote {args.png}")

    if errors:
        print("FAILED:\n  " + "\n  ".join(errors[:50]))
        sys.exit(1)
    print("all checks passed")


# ---------------------------------------------------------------------------
# PNG rendering (scan-line fill per district, outlines, centroid dots)
# ---------------------------------------------------------------------------
def render_png(feats, rows, path, width=1400, bbox=(105.2, 110.3, 28.1, 32.3)):
    lon0, lon1, lat0, lat1 = bbox
    k = math.cos(math.radians((lat0 + lat1) / 2))
    scale = width / ((lon1 - lon0) * k)
    height = int((lat1 - lat0) * scale) + 1
    img = bytearray(b"\xff" * (width * height * 3))

    def xy(p):
        return ((p[0] - lon0) * k * scale, (lat1 - p[1]) * scale)

    zone_base = {"metro": (230, 120, 90), "northeast": (90, 150, 220), "southeast": (110, 190, 110)}
    byc = {r["code"]: r for r in rows}

    def put(x, y, col):
        if 0 <= x < width and 0 <= y < height:
            i = (y * width + x) * 3
            img[i:i + 3] = bytes(col)

    for n, f in enumerate(feats):
        r = byc[f["id"]]
        base = zone_base[r["zone"]]
        shade = 0.75 + 0.25 * ((n * 7) % 5) / 4
        col = tuple(min(255, int(c * shade + 40 * (1 - shade))) for c in base)
        for poly in f["geometry"]["coordinates"]:
            rings = [[xy(p) for p in ring] for ring in poly]
            ys = [p[1] for ring in rings for p in ring]
            for y in range(max(0, int(min(ys))), min(height, int(max(ys)) + 1)):
                yc = y + 0.5
                xs = []
                for ring in rings:
                    for i in range(len(ring) - 1):
                        (x0, y0), (x1, y1) = ring[i], ring[i + 1]
                        if (y0 > yc) != (y1 > yc):
                            xs.append(x0 + (yc - y0) * (x1 - x0) / (y1 - y0))
                xs.sort()
                for i in range(0, len(xs) - 1, 2):
                    for x in range(max(0, int(xs[i] + 0.5)), min(width, int(xs[i + 1] + 0.5))):
                        put(x, y, col)
    # outlines
    for f in feats:
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                pts = [xy(p) for p in ring]
                for i in range(len(pts) - 1):
                    (x0, y0), (x1, y1) = pts[i], pts[i + 1]
                    steps = int(max(abs(x1 - x0), abs(y1 - y0))) + 1
                    for s in range(steps + 1):
                        t = s / steps
                        put(int(x0 + t * (x1 - x0)), int(y0 + t * (y1 - y0)), (40, 40, 40))
    # centroids
    for r in rows:
        cx, cy = xy((float(r["centroid_lon"]), float(r["centroid_lat"])))
        for dx in range(-3, 4):
            for dy in range(-3, 4):
                if dx * dx + dy * dy <= 9:
                    put(int(cx) + dx, int(cy) + dy, (0, 0, 0))
    raw = b"".join(b"\x00" + bytes(img[y * width * 3:(y + 1) * width * 3]) for y in range(height))

    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    with open(path, "wb") as fh:
        fh.write(png)


if __name__ == "__main__":
    main()
