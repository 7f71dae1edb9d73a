"""GraphML (yEd, Cytoscape desktop, Gephi), typed attributes declared per key."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from api.export.graphfile import to_networkx
from api.export.picture import NetworkPicture


def write_graphml(picture: NetworkPicture, path: Path) -> Path:
    nx.write_graphml(to_networkx(picture), str(path), named_key_ids=True)
    return path
