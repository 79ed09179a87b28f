"""Watchlists and lookout lists: loaders for public formats and the agency's own CSV."""
