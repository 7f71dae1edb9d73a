"""Influence analytics: store projections (projection.py) feed pure networkx functions
(measures.py, change.py, whatif.py); catalog.py registers the named entries."""
