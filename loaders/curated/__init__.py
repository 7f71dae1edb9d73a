"""The curated knowledge base: YAML files of sourced facts (see data/FORMAT.md)."""

from loaders.curated.loader import LoadSummary, load_paths, validate_paths
from loaders.curated.reader import read_yaml

__all__ = ["LoadSummary", "load_paths", "read_yaml", "validate_paths"]
