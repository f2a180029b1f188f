// Placeholder until the search engine lands (issue 3): `search` and `emit`.
