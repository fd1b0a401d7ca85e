"""Django's SQLite backend, with each distinct SQL text's placeholders rewritten once."""
