"""Site search: an index of what the public may see, one row per item and language
(``index``), queried by PostgreSQL's full-text search or, on SQLite, by case-folded text
(``query``), and the results page (``views``)."""
