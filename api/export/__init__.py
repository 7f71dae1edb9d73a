"""Briefing exports: pictures, slides and files, drawn with the explorer's own stylesheet.

One module per format (png, pdf, svg, gexf, graphml, cyjs, csv, map, chart, pptx brief);
they all read a `queries.subgraph.Subgraph` or catalog series, never the store directly.
"""
