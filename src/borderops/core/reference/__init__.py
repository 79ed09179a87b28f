"""Reference data that needs no database: curated tables and parsers for public files."""
