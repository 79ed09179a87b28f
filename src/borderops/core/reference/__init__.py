"""Reference data that needs no database: curated tables and parsers for public files.

* :mod:`.bts` reads the BTS Border Crossing Entry Data file (land ports, monthly counts);
* :mod:`.hs` reads HS nomenclature files and holds the built-in demo set;
* :mod:`.ports` and :mod:`.patrol` hold the curated ports, patrol sectors and checkpoints;
* :mod:`.registries` gives countries, currencies and airports from pycountry and airportsdata;
* :mod:`.types` holds the records they all return, including :class:`~.types.RowError`.
"""
