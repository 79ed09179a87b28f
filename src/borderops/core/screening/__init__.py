"""Screening: matching people, organisations, vessels and vehicles against listed entries."""
