"""The network explorer: a static page served at /explore that reads only the GraphQL API.

The page, its styles and its map boundaries live in `static/`; the third-party scripts
(Cytoscape.js and fCoSE, from npm) are copied into `static/vendor/` by `make web`, so
nothing loads from the internet. The Cytoscape stylesheet is a data file
(`static/style/network-style.json`) that the briefing exports read too.
"""

from api.web.routes import (
    STATIC_DIR,
    STYLE_PATH,
    VENDOR_SCRIPTS,
    explorer_routes,
    load_network_style,
    missing_vendor_scripts,
)

__all__ = [
    "STATIC_DIR",
    "STYLE_PATH",
    "VENDOR_SCRIPTS",
    "explorer_routes",
    "load_network_style",
    "missing_vendor_scripts",
]
