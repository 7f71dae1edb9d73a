"""Build the explorer's map boundaries from the shared Natural Earth admin-1 file.

Keeps Mali, Burkina Faso and Niger (the countries the knowledge base covers region by
region), drops the provenance-only `members` lists, and writes one feature per line so
diffs stay readable. Run:

    python tools/web_geo.py /work/shared/data/geo/sahel-admin1.geojson \
        api/web/static/geo/sahel-admin1.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KEEP_COUNTRIES = ("MLI", "BFA", "NER")
KEEP_PROPERTIES = (
    "country_iso3",
    "country",
    "name",
    "name_iso",
    "iso_3166_2",
    "ne_adm1_code",
    "label_lon",
    "label_lat",
    "slug",
)


def build(source: Path, target: Path) -> int:
    """Write the kept features; return how many."""
    collection = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for feature in collection["features"]:
        properties = feature["properties"]
        if properties["country_iso3"] not in KEEP_COUNTRIES:
            continue
        kept = {key: properties.get(key) for key in KEEP_PROPERTIES}
        features.append({"type": "Feature", "properties": kept, "geometry": feature["geometry"]})
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    target.write_text(text, encoding="utf-8")
    return len(features)


if __name__ == "__main__":
    count = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {count} features to {sys.argv[2]}")
