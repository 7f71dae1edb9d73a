"""Influence analytics: projection statements (projection.py) read into networkx graphs
(network.py) and actor presence (presence.py); measures in compiled code (compiled.py,
louvain.py)
behind networkx-level functions (measures.py, change.py, whatif.py); influence.py,
shifts.py and scenario.py register the catalog entries."""
