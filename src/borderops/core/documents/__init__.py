"""Travel documents: ICAO Doc 9303 machine-readable zones (composition and check digits)."""
