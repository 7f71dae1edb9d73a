"""The GraphQL API: a strawberry schema over the typed catalog, served by starlette."""
