#!/usr/bin/env python3
"""Build civcas's compact gazetteer of Syria and Iraq from the raw source files.

Sources (see src/civcas/data/GAZETTEER-SOURCES.md): GeoNames cities500 and admin tables, the
OCHA common operational datasets (governorates, districts, sub-districts, city neighbourhoods),
a list of Syrian localities with English and Arabic names, and a list of Syrian communities by
sub-district in Arabic only. Entries for one place in several sources are merged (same spelling
key within a few km, or same P-code); every row keeps the sources it came from.

Usage: python scripts/build_gazetteer.py [--src DIR] [--out FILE] [--no-common-words]

With the package pyspellchecker importable (build time only), it also rewrites
lexicons/{en,ar}/common_words.toml: the frequent words whose spelling key some place shares
("Source" ~ Al-Sarkha, الزاوية), which the place finder takes only with more evidence.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from civcas.knowledge.gazetteer import (
    KINDS,
    TSV_COLUMNS,
    Gazetteer,
    admin1_table,
    arabic_keys,
    arabic_norm,
    arabic_piece,
    has_arabic,
    haversine_km,
    latin_piece,
    normalise,
    qualifiers,
    read_places,
    standard_admin1,
    transliterate,
)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SRC = REPO.parent / "shared" / "data" / "gazetteer"
DEFAULT_OUT = REPO / "src" / "civcas" / "data" / "gazetteer.tsv.gz"
DEFAULT_LEXICONS = REPO / "src" / "civcas" / "data" / "lexicons"
MIN_WORD_COUNT = 80  # in pyspellchecker's frequencies (en: about the 47,000 commonest words)

MERGE_KM = 6.0  # same spelling key this close: one place in two sources
COMMUNITY_KM = 25.0  # a listed community joins a known place of its name this near its area
COUNTRIES = {
    "SY": ("Syria", "سوريا", ["Syrian Arab Republic", "سورية", "الجمهورية العربية السورية"]),
    "IQ": ("Iraq", "العراق", ["Republic of Iraq", "جمهورية العراق"]),
}
# An Arabic name starting with an admin word names the unit, not the town (محافظة إدلب).
ADMIN_WORDS_AR = ("محافظة ", "ناحية ", "منطقة ", "مركز ")
# Where the name of a merged entry comes from, most trusted first (ties in votes).
NAME_PRIORITY = {"ocha": 0, "geonames": 1, "prayer": 2, "geonames-alt": 3, "translit": 4}


@dataclass
class Rec:
    """A gazetteer entry under construction."""

    id: str
    country: str
    kind: str
    lat: float | None
    lon: float | None
    provenance: list[str]
    name_votes: list[tuple[str, str]] = field(default_factory=list)  # (name, source)
    ar_votes: list[str] = field(default_factory=list)  # Arabic names, one per source
    names: list[str] = field(default_factory=list)
    name_ar: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    admin3_pcode: str | None = None
    population: int | None = None
    pcode: str | None = None
    coord_precision: str = "exact"

    def add_names(self, names: Iterable[str]) -> None:
        for n in names:
            n = n.strip()
            if n and n not in self.names:
                self.names.append(n)

    def latin_keys(self) -> set[str]:
        return {normalise(n) for n in self.names if n and not has_arabic(n)}

    def arabic_norms(self) -> set[str]:
        return {arabic_norm(n) for n in self.names if has_arabic(n)}

    def km(self, lat: float | None, lon: float | None) -> float:
        if None in (self.lat, self.lon, lat, lon):
            return float("inf")
        return haversine_km(self.lat, self.lon, lat, lon)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- reading sources


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def fnum(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


@dataclass
class Unit:
    """An OCHA admin unit: its names, parents and centroid."""

    pcode: str
    level: int
    country: str
    name: str
    name_ar: str
    alt: list[str]
    admin1: str
    admin2: str | None
    lat: float | None
    lon: float | None


def read_units(src: Path) -> dict[str, Unit]:
    """OCHA governorates, districts and sub-districts of both countries, by P-code."""
    units: dict[str, Unit] = {}
    a1 = {a.pcode: a.name for a in admin1_table()}
    syr = src / "ocha_syr_admin_2016"
    names2: dict[str, str] = {}
    for level in (1, 2, 3):
        for row in read_csv(syr / f"syr_admin{level}.csv"):
            pcode = row["PCODE"]
            admin1 = a1[pcode[:4]]
            admin2 = row.get("ADM2_EN") if level == 3 else (row["NAME_EN"] if level == 2 else None)
            if level == 2:
                names2[pcode] = row["NAME_EN"]
            alt = [row.get("NAM_EN_REF", ""), row.get("NAM_AR_REF", "")]
            units[pcode] = Unit(
                pcode, level, "SY", row["NAME_EN"], row["NAME_AR"], [a for a in alt if a],
                admin1, admin2, fnum(row["centroid_lat"]), fnum(row["centroid_lon"]),
            )
    irq = src / "ocha_irq_admin_2019"
    for level in (1, 2, 3):
        path = irq / f"irq_admbnda_adm{level}_cso_20190603_attributes.csv"
        for row in read_csv(path):
            p = f"ADM{level}_"
            pcode = row[p + "PCODE"]
            admin1 = a1[pcode[:5]]
            admin2 = row.get("ADM2_EN") if level >= 2 else None
            alt = [row.get(p + k, "") for k in ("REF", "ALT1EN", "ALT2EN", "ALT1AR", "ALT2AR")]
            units[pcode] = Unit(
                pcode, level, "IQ", row[p + "EN"], row[p + "AR"], [a for a in alt if a],
                admin1, admin2, fnum(row["centroid_lat"]), fnum(row["centroid_lon"]),
            )
    return units


# --------------------------------------------------------------------------- point in polygon


@dataclass
class Poly:
    pcode: str
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
    rings: list[list[tuple[float, float]]]  # outer ring first, then holes


def read_polygons(src: Path) -> list[Poly]:
    """Sub-district polygons of both countries (for placing points in their admin units)."""
    files = [
        (src / "ocha_syr_admin_2016" / "syr_admin3.geojson", "PCODE"),
        (src / "ocha_irq_admin_2019" / "irq_admbnda_adm3_cso_20190603.geojson", "ADM3_PCODE"),
    ]
    polys: list[Poly] = []
    for path, prop in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for feat in data["features"]:
            geom = feat["geometry"]
            parts = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
            for part in parts:
                rings = [[(float(x), float(y)) for x, y, *_ in ring] for ring in part]
                xs = [x for x, _ in rings[0]]
                ys = [y for _, y in rings[0]]
                polys.append(
                    Poly(feat["properties"][prop], (min(xs), min(ys), max(xs), max(ys)), rings)
                )
    return polys


def in_ring(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    """Even-odd rule."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


class Locator:
    """Finds the sub-district of a point: its polygon, else the nearest centroid within 30 km."""

    def __init__(self, polys: list[Poly], units: dict[str, Unit]) -> None:
        self.polys = polys
        self.units3 = [u for u in units.values() if u.level == 3 and u.lat is not None]

    def locate(self, lat: float | None, lon: float | None, country: str | None) -> str | None:
        if lat is None or lon is None:
            return None
        for p in self.polys:
            x0, y0, x1, y1 = p.bbox
            if x0 <= lon <= x1 and y0 <= lat <= y1 and in_ring(lon, lat, p.rings[0]):
                if not any(in_ring(lon, lat, hole) for hole in p.rings[1:]):
                    return p.pcode
        best, best_km = None, 30.0
        for u in self.units3:
            if country and u.country != country:
                continue
            d = haversine_km(lat, lon, u.lat, u.lon)  # type: ignore[arg-type]
            if d < best_km:
                best, best_km = u.pcode, d
        return best


# --------------------------------------------------------------------------- populated places


def clean_latin(name: str) -> str:
    """GeoNames ASCII names mark ayn with a backtick: `Ayn -> Ayn, Tall `Afar -> Tall 'Afar."""
    return name.strip().lstrip("`'").replace("`", "'")


def usable_alt(name: str) -> bool:
    """Alternate names worth keeping: Arabic script, or Latin with a capital letter (GeoNames
    also carries machine romanisations in lower case such as 'alswst')."""
    if not name or len(name) > 60:
        return False
    if len(name) <= 4 and name.isupper():
        return False  # codes (DAM, QSW), not names
    if has_arabic(name):
        return all("\u0600" <= ch <= "\u06ff" or ch in " -'" for ch in name)
    if any(ch.isupper() for ch in name) and all(ch < "\u0370" or ch in "‘’ʿʾ" for ch in name):
        return True
    return False


def kind_of(population: int | None, fcode: str = "") -> str:
    pop = population or 0
    if pop >= 50_000 or fcode in ("PPLC", "PPLA"):
        return "city"
    if fcode == "PPLX":
        return "neighbourhood"
    if pop >= 5_000 or fcode in ("PPLA2", "PPLA3"):
        return "town"
    return "village"


def read_geonames(src: Path) -> Iterator[Rec]:
    a1 = {g: a.name for a in admin1_table() for g in a.geonames}
    for cc in ("SY", "IQ"):
        path = src / f"geonames_cities500_{cc}.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            f = line.split("\t")
            if len(f) < 19 or f[6] != "P":
                continue
            pop = int(f[14]) if f[14].isdigit() and int(f[14]) > 0 else None
            rec = Rec(
                id=f"gn:{f[0]}", country=f[8], kind=kind_of(pop, f[7]),
                lat=float(f[4]), lon=float(f[5]), provenance=["geonames"], population=pop,
                admin1=a1.get(f"{f[8]}.{f[10]}"),
            )
            rec.name_votes.append((clean_latin(f[2]), "geonames"))
            alts = [
                a for a in f[3].split(",") if usable_alt(a) and not a.startswith(ADMIN_WORDS_AR)
            ]
            rec.name_votes += [(clean_latin(a), "geonames-alt") for a in alts if not has_arabic(a)]
            rec.add_names([clean_latin(f[2]), f[1], *alts])
            arabic = [a for a in alts if has_arabic(a)]
            rec.name_ar = arabic[0] if arabic else None
            rec.ar_votes = arabic[:1]
            yield rec


def split_name(name: str, admin_keys: set[str]) -> list[str]:
    """A list entry as names: "X (Al-Hasakah)" -> X; "Hama,Taybat al-Imam" -> the town;
    "Assad - Aslan Koy" -> both names, but not "Abin - Efrin" where the second is the district."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if "," in name:
        head, _, rest = name.partition(",")
        if normalise(head) in admin_keys:
            name = rest.strip()
    parts = [p.strip() for p in re.split(r"\s+-\s+", name) if p.strip()]
    return parts[:1] + [p for p in parts[1:] if normalise(p) not in admin_keys]


def read_prayer(src: Path, admin_keys: set[str]) -> Iterator[Rec]:
    data = json.loads((src / "prayer_times_cities-sy.json").read_text(encoding="utf-8"))
    for i, row in enumerate(data):
        names = split_name((row.get("nameEn") or "").strip(), admin_keys)
        en = names[0] if names else ""
        ar = (row.get("nameAr") or "").strip()
        pop = row.get("pop") or None
        rec = Rec(
            id=f"pt:{i}", country="SY", kind=kind_of(pop), lat=fnum(row.get("lat")),
            lon=fnum(row.get("lng")), provenance=["prayer-times"], population=pop,
        )
        if en:
            rec.name_votes.append((en, "prayer"))
        elif ar:
            rec.name_votes.append((transliterate(ar), "translit"))
        rec.add_names([*names, ar])
        rec.name_ar = ar or None
        rec.ar_votes = [ar] if ar else []
        yield rec


# --------------------------------------------------------------------------- merging


class Index:
    """Entries by spelling key (Latin and Arabic-script), to find merge partners fast."""

    def __init__(self) -> None:
        self.recs: list[Rec] = []
        self.by_key: dict[str, list[Rec]] = defaultdict(list)

    def keys_of(self, rec: Rec) -> set[str]:
        return rec.latin_keys() | rec.arabic_norms()

    def add(self, rec: Rec) -> None:
        self.recs.append(rec)
        self.reindex(rec)

    def reindex(self, rec: Rec) -> None:
        for k in self.keys_of(rec):
            if k and rec not in self.by_key[k]:
                self.by_key[k].append(rec)

    def near(
        self,
        keys: Iterable[str],
        lat: float | None,
        lon: float | None,
        km: float,
        kinds: tuple[str, ...] = ("city", "town", "village"),
        area: tuple[str | None, str | None] = (None, None),
    ) -> Rec | None:
        """The closest entry with one of `keys` within `km`; an entry in the same sub-district
        (or within 2.5 x `km` in the same district) counts too, when `area` names them, since
        lists place a community in its area, not at its own spot."""
        admin3, admin2 = area
        best, best_km = None, float("inf")
        for k in keys:
            for rec in self.by_key.get(k, ()):
                if rec.kind not in kinds:
                    continue
                d = rec.km(lat, lon)
                ok = d <= km
                ok = ok or (admin3 is not None and rec.admin3_pcode == admin3)
                ok = ok or (admin2 is not None and rec.admin2 == admin2 and d <= 2.5 * km)
                if ok and d < best_km:
                    best, best_km = rec, d
        return best


def fits_latin(arabic: str, rec: Rec) -> bool:
    """Whether an Arabic name reads like one of the entry's Latin names (a list that pairs an
    Arabic name with another place's English name, جديدة = Daraa, would mislead)."""
    latin = rec.latin_keys()
    if not latin:
        return True
    return any(fuzz.ratio(k, lk) >= 70 for k in arabic_keys(arabic) for lk in latin)


def merge_into(target: Rec, rec: Rec) -> None:
    """Fold `rec` (same place, another source) into `target`."""
    misfits = [n for n in rec.names if has_arabic(n) and not fits_latin(n, target)]
    if misfits:
        rec.names = [n for n in rec.names if n not in misfits]
        rec.ar_votes = [a for a in rec.ar_votes if a not in misfits]
        rec.name_ar = rec.ar_votes[0] if rec.ar_votes else None
    for p in rec.provenance:
        if p not in target.provenance:
            target.provenance.append(p)
    target.name_votes += rec.name_votes
    target.ar_votes += rec.ar_votes
    target.add_names(rec.names)
    target.name_ar = target.name_ar or rec.name_ar
    if rec.population and (target.population or 0) < rec.population:
        target.population = rec.population
    if KINDS.index(rec.kind) < KINDS.index(target.kind):
        target.kind = rec.kind
    target.pcode = target.pcode or rec.pcode


def choose_name(rec: Rec) -> str:
    """The spelling most sources agree on; ties go to the most trusted source."""
    votes: dict[str, set[str]] = defaultdict(set)
    first: dict[str, str] = {}
    rank: dict[str, int] = {}
    for name, source in rec.name_votes:
        fold = name.lower()
        votes[fold].add(source.split("-")[0])
        first.setdefault(fold, name)
        rank[fold] = min(rank.get(fold, 99), NAME_PRIORITY.get(source, 9))
    if not votes:
        return rec.names[0] if rec.names else rec.id
    best = min(votes, key=lambda f: (-len(votes[f]), rank[f], len(f)))
    return first[best]


def choose_arabic(rec: Rec) -> str | None:
    """The Arabic spelling most sources give (first seen wins a tie)."""
    if not rec.ar_votes:
        return rec.name_ar
    counts = Counter(arabic_norm(a) for a in rec.ar_votes)
    best = max(counts, key=lambda k: counts[k])
    return next(a for a in rec.ar_votes if arabic_norm(a) == best)


def place_in_units(rec: Rec, pcode: str | None, units: dict[str, Unit]) -> None:
    """Set a point's admin names from its sub-district."""
    unit = units.get(pcode) if pcode else None
    if unit is None:
        return
    rec.admin3_pcode = unit.pcode
    rec.admin3 = unit.name
    rec.admin2 = unit.admin2
    rec.admin1 = unit.admin1


# --------------------------------------------------------------------------- communities list


def _unit_key(name_ar: str) -> str:
    """An admin unit's Arabic name without the words lists add (مركز X, X السكانية)."""
    return arabic_norm(name_ar.replace("مركز", "").replace("السكانية", ""))


def match_unit(name_ar: str, candidates: list[Unit]) -> Unit | None:
    """The unit of this Arabic name among candidates: same key, else the closest spelling."""
    key = _unit_key(name_ar)
    for u in candidates:
        if _unit_key(u.name_ar) == key:
            return u
    scored = [(fuzz.ratio(key, _unit_key(u.name_ar)), u) for u in candidates]
    scored.sort(key=lambda s: -s[0])
    return scored[0][1] if scored and scored[0][0] >= 75 else None


def read_communities(src: Path, units: dict[str, Unit]) -> Iterator[tuple[Rec, Unit | None]]:
    """Arabic-only communities, each placed at its sub-district's centroid."""
    path = src / "karabala_syrian_towns_ar.csv"
    districts = [u for u in units.values() if u.country == "SY" and u.level == 2]
    subs = [u for u in units.values() if u.country == "SY" and u.level == 3]
    for i, row in enumerate(read_csv(path)):
        town = row["Town"].strip()
        admin1 = standard_admin1(row["Governorate"].strip())
        if not town or admin1 is None:
            continue
        d = match_unit(row["City"], [u for u in districts if u.admin1 == admin1])
        s = None
        if d is not None:
            s = match_unit(row["District"], [u for u in subs if u.pcode.startswith(d.pcode)])
        if s is None:  # districts and sub-districts redrawn since: look in the governorate
            s = match_unit(row["District"], [u for u in subs if u.admin1 == admin1])
            if s is not None:
                d = next(u for u in districts if s.pcode.startswith(u.pcode))
        area = s or d
        rec = Rec(
            id=f"kb:{i}", country="SY", kind="village",
            lat=area.lat if area else None, lon=area.lon if area else None,
            provenance=["karabala"], coord_precision="district", admin1=admin1,
        )
        if d is not None:
            rec.admin2 = d.name
        if s is not None:
            rec.admin3, rec.admin3_pcode = s.name, s.pcode
        rec.name_ar = town
        rec.ar_votes = [town]
        rec.name_votes.append((transliterate(town), "translit"))
        rec.add_names([transliterate(town), town])
        yield rec, area


# --------------------------------------------------------------------------- build


def unit_recs(units: dict[str, Unit], src: Path) -> list[Rec]:
    """Governorates, districts and sub-districts as entries (and the two countries)."""
    kinds = {1: "governorate", 2: "district", 3: "subdistrict"}
    gn_admin2: dict[str, list[str]] = defaultdict(list)
    for line in (src / "geonames_admin2_SY_IQ.txt").read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) >= 3:
            gn_admin2[normalise(f[2].replace("District", ""))].append(f[2])
    a1 = {a.name: a for a in admin1_table()}
    recs: list[Rec] = []
    for u in units.values():
        rec = Rec(
            id=f"ocha:{u.pcode}", country=u.country, kind=kinds[u.level], lat=u.lat, lon=u.lon,
            provenance=["ocha-admin"], pcode=u.pcode, admin1=u.admin1,
        )
        names = [u.name, u.name_ar, *u.alt]
        if u.level == 1:
            a = a1[u.admin1]
            rec.name_votes.append((a.name, "ocha"))
            names = [a.name, a.name_ar, *names, *a.aliases]
            rec.name_ar = a.name_ar
        else:
            rec.name_votes.append((u.name, "ocha"))
            rec.name_ar = u.name_ar
            if u.name_ar.startswith("مركز "):
                names.append(u.name_ar[len("مركز ") :])
        if u.level == 2:
            rec.admin2 = u.name
            names += gn_admin2.get(normalise(u.name), [])
        if u.level == 3:
            rec.admin2, rec.admin3, rec.admin3_pcode = u.admin2, u.name, u.pcode
        rec.add_names(names)
        recs.append(rec)
    for cc, (name, name_ar, alt) in COUNTRIES.items():
        tops = [u for u in units.values() if u.country == cc and u.level == 1 and u.lat]
        lat = sum(u.lat for u in tops) / len(tops)  # type: ignore[misc]
        lon = sum(u.lon for u in tops) / len(tops)  # type: ignore[misc]
        rec = Rec(id=f"country:{cc}", country=cc, kind="country", lat=lat, lon=lon,
                  provenance=["ocha-admin"], pcode=cc, coord_precision="country")
        rec.name_votes.append((name, "ocha"))
        rec.name_ar = name_ar
        rec.add_names([name, name_ar, *alt])
        recs.append(rec)
    return recs


def neighbourhood_recs(src: Path, units: dict[str, Unit]) -> tuple[list[Rec], list[dict]]:
    rows = read_csv(src / "ocha_syr_admin_2016" / "city_neighbourhoods.csv")
    recs: list[Rec] = []
    for row in rows:
        rec = Rec(
            id=f"nbhd:{row['PCODE']}", country="SY", kind="neighbourhood",
            lat=fnum(row["LATITUDE"]), lon=fnum(row["LONGITUDE"]),
            provenance=["ocha-neighbourhoods"], pcode=row["PCODE"],
        )
        rec.name_votes.append((row["NAME_EN"], "ocha"))
        rec.name_ar = row["NAME_AR"]
        rec.add_names([row["NAME_EN"], row["NAME_AR"], row["NAM_EN_REF"], row["NAM_AR_REF"]])
        place_in_units(rec, row["ADM3_PCODE"], units)
        recs.append(rec)
    return recs, rows


def derived_bases(index: Index) -> list[Rec]:
    """Twin villages listed only as "X Fawqani"/"X Tahtani": add the bare "X" that reports use,
    at the same spot, unless a place of that name is already near."""
    words = {w: q for q, spec in qualifiers().items() for w in spec.arabic}
    out: list[Rec] = []
    seen: set[tuple[str, str | None]] = set()
    for rec in list(index.recs):
        if rec.kind != "village" or not rec.name_ar:
            continue
        parts = rec.name_ar.split()
        if len(parts) < 2 or parts[-1] not in words:
            continue
        base_ar = " ".join(parts[:-1])
        key = arabic_norm(base_ar)
        if len(key) < 4 or (key, rec.admin3) in seen:
            continue  # a short base is more often a person's name (Ali) than a village
        seen.add((key, rec.admin3))
        keys = [key, *arabic_keys(base_ar)[:1]]
        if index.near(keys, rec.lat, rec.lon, 15.0, area=(rec.admin3_pcode, None)) is not None:
            continue
        base = Rec(
            id=f"derived:{rec.id}", country=rec.country, kind="village", lat=rec.lat,
            lon=rec.lon, provenance=["derived", *rec.provenance], admin1=rec.admin1,
            admin2=rec.admin2, admin3=rec.admin3, admin3_pcode=rec.admin3_pcode,
            coord_precision=rec.coord_precision,
        )
        latin = [n for n in rec.names if not has_arabic(n) and " " in n.strip()]
        qual_key = normalise(words[parts[-1]])
        bare = [n.rsplit(" ", 1)[0] for n in latin if normalise(n.rsplit(" ", 1)[1]) == qual_key]
        base.name_votes.append((transliterate(base_ar), "translit"))
        base.name_ar = base_ar
        base.add_names([*bare, transliterate(base_ar), base_ar])
        out.append(base)
    return out


def build(src: Path) -> list[Rec]:
    """All entries, merged, with admin units set."""
    units = read_units(src)
    locator = Locator(read_polygons(src), units)
    index = Index()
    for rec in read_geonames(src):
        pcode = locator.locate(rec.lat, rec.lon, rec.country)
        place_in_units(rec, pcode, units)
        twin = index.near(index.keys_of(rec), rec.lat, rec.lon, MERGE_KM)
        if twin is not None:
            merge_into(twin, rec)
            index.reindex(twin)
        else:
            index.add(rec)
    admin_keys = {normalise(u.name) for u in units.values()} | {
        normalise(n) for a in admin1_table() for n in (a.name, *a.aliases) if not has_arabic(n)
    }
    for rec in read_prayer(src, admin_keys):
        twin = index.near(index.keys_of(rec), rec.lat, rec.lon, MERGE_KM)
        if twin is None and rec.name_ar:  # one Latin spelling may differ: try the Arabic guess
            twin = index.near(arabic_keys(rec.name_ar)[:1], rec.lat, rec.lon, MERGE_KM / 2)
        if twin is not None:
            merge_into(twin, rec)
            index.reindex(twin)
            continue
        place_in_units(rec, locator.locate(rec.lat, rec.lon, "SY"), units)
        index.add(rec)
    for rec, area in read_communities(src, units):
        keys = [arabic_norm(rec.name_ar or "")]
        primary = arabic_keys(rec.name_ar or "")
        area_codes = (rec.admin3_pcode, rec.admin2)
        twin = index.near(keys, rec.lat, rec.lon, COMMUNITY_KM, area=area_codes)
        if twin is None and primary:
            twin = index.near(primary[:1], rec.lat, rec.lon, COMMUNITY_KM, area=area_codes)
        if twin is not None and (twin.admin1 in (None, rec.admin1)):
            merge_into(twin, rec)
            index.reindex(twin)
            continue
        if area is None:
            continue
        index.add(rec)
    for rec in derived_bases(index):
        index.add(rec)
    nbhd, rows = neighbourhood_recs(src, units)
    attach_city_codes(index, rows)
    return unit_recs(units, src) + index.recs + dedupe_neighbourhoods(nbhd)


def attach_city_codes(index: Index, rows: list[dict]) -> None:
    """The OCHA community code (C-code) of each city that has neighbourhoods, on the city."""
    spots: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        lat, lon = fnum(row["LATITUDE"]), fnum(row["LONGITUDE"])
        if lat is not None and lon is not None:
            spots[(row["ADM4_PCODE"], row["ADM4_EN"])].append((lat, lon))
    for (code, name), pts in spots.items():
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        city = index.near([normalise(name)], lat, lon, 15.0)
        if city is not None and not city.pcode:
            city.pcode = code
            if "ocha-neighbourhoods" not in city.provenance:
                city.provenance.append("ocha-neighbourhoods")


def dedupe_neighbourhoods(recs: list[Rec]) -> list[Rec]:
    out: list[Rec] = []
    by_key: dict[str, list[Rec]] = defaultdict(list)
    for rec in recs:
        key = normalise(rec.name_votes[0][0])
        twin = next((r for r in by_key[key] if r.km(rec.lat, rec.lon) < 1.0), None)
        if twin is not None:
            merge_into(twin, rec)
            continue
        by_key[key].append(rec)
        out.append(rec)
    return out


def compact_names(rec: Rec, name: str) -> list[str]:
    """Alternate names without repeats: one spelling per key (Latin) and per Arabic key."""
    seen = {normalise(name)}
    if rec.name_ar:
        seen.add(arabic_norm(rec.name_ar))
    out: list[str] = []
    for n in rec.names:
        key = arabic_norm(n) if has_arabic(n) else normalise(n)
        if not key or key in seen or "|" in n or "\t" in n:
            continue
        seen.add(key)
        out.append(n)
    return out


def rows_of(recs: list[Rec]) -> list[list[str]]:
    order = {k: i for i, k in enumerate(KINDS)}
    rows = []
    for rec in recs:
        name = choose_name(rec)
        rec.name_ar = choose_arabic(rec)
        rows.append(
            [
                rec.id,
                name,
                rec.name_ar or "",
                rec.country,
                rec.admin1 or "",
                rec.admin2 or "",
                rec.admin3 or "",
                f"{rec.lat:.4f}" if rec.lat is not None else "",
                f"{rec.lon:.4f}" if rec.lon is not None else "",
                rec.kind,
                str(rec.population) if rec.population else "",
                rec.pcode or "",
                rec.coord_precision,
                "+".join(rec.provenance),
                "|".join(compact_names(rec, name)),
            ]
        )
    rows.sort(key=lambda r: (r[3], r[4], order[r[9]], r[1], r[0]))
    return rows


def write(rows: list[list[str]], out: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None,
                        lineterminator="\n")
    writer.writerow(TSV_COLUMNS)
    for row in rows:
        writer.writerow([" ".join(c.split()) if c.strip() != c or any(
            ch in c for ch in "\t\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029") else c for c in row])
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-identical between builds of the same sources
    out.write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0))


def common_words(gaz: Gazetteer, counts: dict[str, int], lang: str) -> list[str]:
    """Frequent words that share a key with a place. English: those not spelled as any name
    (Source ~ Al-Sarkha). Arabic: those whose places are all small, since there the name is the
    word itself (الزاوية, جديدة); a big town's name (هجين) stays a name."""
    out = []
    for w, c in counts.items():
        if c < MIN_WORD_COUNT or len(w) < 2:
            continue
        if lang == "en":
            if w.isascii() and w.isalpha() and gaz.hits(latin_piece(w)) and w not in gaz.surfaces:
                out.append(w)
        elif has_arabic(w) and all("\u0621" <= ch <= "\u064a" for ch in w):
            hits = gaz.hits(arabic_piece(w))
            if hits and not any(
                p.kind in ("country", "governorate", "city") or (p.population or 0) >= 20_000
                for p, _ in hits
            ):
                out.append(w)
    return sorted(out)


def write_common_words(gazetteer: Path, folder: Path) -> dict[str, int] | None:
    """lexicons/<lang>/common_words.toml for English and Arabic; None where pyspellchecker is
    not installed (the old lists stay)."""
    try:
        from spellchecker import SpellChecker  # type: ignore[import-not-found]
    except ImportError:
        return None
    gaz = Gazetteer(read_places(gazetteer))
    sizes = {}
    for lang in ("en", "ar"):
        words = common_words(gaz, SpellChecker(language=lang).word_frequency.dictionary, lang)
        lines = [
            "# Frequent words that share a spelling key with some place (en: Source ~",
            "# Al-Sarkha; ar: الزاوية, جديدة). English: a place only where spelled exactly as",
            "# a name; Arabic: only after a word that introduces a place (بلدة, قرية, ريف).",
            "# Generated by scripts/build_gazetteer.py from the word frequencies of",
            "# pyspellchecker (MIT); do not edit: add words to `stop` in places.toml instead.",
            "words = [",
        ]
        row = "   "
        for w in words:
            item = f' "{w}",'
            if len(row) + len(item) > 99:
                lines.append(row)
                row = "   "
            row += item
        lines += [row, "]", ""]
        out = folder / lang / "common_words.toml"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines), encoding="utf-8")
        sizes[lang] = len(words)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="raw source folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="gazetteer .tsv.gz")
    parser.add_argument("--lexicons", type=Path, default=DEFAULT_LEXICONS,
                        help="lexicon folder that gets <lang>/common_words.toml")
    parser.add_argument("--no-common-words", action="store_true",
                        help="do not rewrite the common-word lists")
    args = parser.parse_args(argv)
    if not (args.src / "SOURCES.md").is_file():
        print(f"error: no gazetteer sources in {args.src}", file=sys.stderr)
        return 2
    rows = rows_of(build(args.src))
    write(rows, args.out)
    kinds = Counter(r[9] for r in rows)
    countries = Counter(r[3] for r in rows)
    sources = Counter(p for r in rows for p in r[13].split("+"))
    size = args.out.stat().st_size
    print(f"{len(rows)} places -> {args.out} ({size / 1024:.0f} KiB)")
    print("  by country: " + ", ".join(f"{k} {v}" for k, v in sorted(countries.items())))
    print("  by kind: " + ", ".join(f"{k} {kinds[k]}" for k in KINDS if kinds[k]))
    print("  by source: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())))
    if not args.no_common_words:
        sizes = write_common_words(args.out, args.lexicons)
        if sizes is None:
            print("  common words: pyspellchecker not installed, lists left as they are")
        else:
            for lang, n in sizes.items():
                print(f"  common {lang} words sharing a place key: {n} -> {args.lexicons / lang}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
