"""GEXF 1.2 (Gephi), with every node and edge attribute and the layout's positions."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from api.export.graphfile import to_networkx
from api.export.picture import NetworkPicture


def write_gexf(picture: NetworkPicture, path: Path) -> Path:
    nx.write_gexf(to_networkx(picture, viz=True), str(path), version="1.2draft")
    return path
