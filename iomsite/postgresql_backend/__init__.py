"""Django's PostgreSQL backend, with a cheaper health check and long statements' parsing kept."""
