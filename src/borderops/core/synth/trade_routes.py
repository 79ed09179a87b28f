"""Places goods leave from (UN/LOCODEs) and the hubs where they change vessel."""

from __future__ import annotations

PLACES: dict[str, tuple[str, ...]] = {
    "CN": ("CNSHA", "CNNGB", "CNYTN", "CNTAO", "CNXMN", "CNTSN"),
    "HK": ("HKHKG",),
    "TW": ("TWKHH", "TWTPE"),
    "VN": ("VNSGN", "VNHPH", "VNCMT"),
    "KH": ("KHKOS",),
    "TH": ("THLCH", "THBKK"),
    "MY": ("MYPKG", "MYTPP", "MYPEN"),
    "ID": ("IDTPP", "IDSUB"),
    "PH": ("PHMNL",),
    "SG": ("SGSIN",),
    "KR": ("KRPUS", "KRINC"),
    "JP": ("JPTYO", "JPYOK", "JPNGO", "JPUKB"),
    "IN": ("INNSA", "INMUN", "INMAA"),
    "PK": ("PKKHI", "PKBQM"),
    "BD": ("BDCGP",),
    "AE": ("AEJEA", "AEDXB"),
    "SA": ("SAJED", "SADMM"),
    "TR": ("TRAMR", "TRMER"),
    "IR": ("IRBND",),
    "RU": ("RULED", "RUNVS", "RUVVO"),
    "BY": ("BYMSQ",),
    "DE": ("DEHAM", "DEBRV", "DEFRA"),
    "NL": ("NLRTM", "NLAMS"),
    "FR": ("FRLEH", "FRFOS"),
    "IT": ("ITGOA", "ITSPE", "ITMIL"),
    "ES": ("ESVLC", "ESALG", "ESBCN"),
    "PT": ("PTLIS", "PTLEI"),
    "GB": ("GBFXT", "GBSOU", "GBLGP"),
    "IE": ("IEDUB", "IEORK"),
    "CH": ("CHBSL", "CHZRH"),
    "ZA": ("ZADUR", "ZACPT"),
    "AU": ("AUSYD", "AUMEL"),
    "MX": ("MXZLO", "MXLZC", "MXVER", "MXMTY", "MXGDL", "MXMEX", "MXTIJ"),
    "CA": ("CAVAN", "CAMTR", "CATOR", "CAPRR", "CAHAL"),
    "GT": ("GTPRQ", "GTSTC"),
    "HN": ("HNPCR",),
    "SV": ("SVAQJ",),
    "NI": ("NICIO",),
    "CR": ("CRMOB", "CRCAL"),
    "PA": ("PABLB", "PAMIT"),
    "CO": ("COCTG", "COBUN", "COSMR"),
    "EC": ("ECGYE",),
    "PE": ("PECLL",),
    "CL": ("CLSAI", "CLVAP"),
    "AR": ("ARBUE",),
    "BR": ("BRSSZ", "BRPNG", "BRRIG"),
}

# Where containers change vessel on the way to the United States.
HUBS: dict[str, tuple[str, ...]] = {
    "asia": ("SGSIN", "HKHKG", "KRPUS", "MYTPP"),
    "europe": ("ESALG", "NLRTM", "DEHAM"),
    "americas": ("PABLB", "PAMIT", "COCTG"),
    "middle_east": ("AEJEA",),
}
_REGIONS = {
    "asia": "CN HK TW VN KH TH MY ID PH SG KR JP IN PK BD AU",
    "middle_east": "AE SA TR IR",
    "europe": "RU BY DE NL FR IT ES PT GB IE CH ZA",
    "americas": "MX CA GT HN SV NI CR PA CO EC PE CL AR BR",
}
REGION_OF: dict[str, str] = {
    country: region for region, countries in _REGIONS.items() for country in countries.split()
}

# Inland places goods cross from, by the state of the U.S. land port they enter at.
BORDER_PLACES: dict[str, tuple[str, ...]] = {
    "CA": ("MXTIJ", "MXMXL"),
    "AZ": ("MXNOG", "MXHMO"),
    "NM": ("MXCJS",),
    "TX": ("MXMTY", "MXNLD", "MXREX", "MXCJS"),
    "WA": ("CAVAN",),
    "MT": ("CACAL",),
    "ND": ("CAWNP",),
    "MN": ("CAWNP", "CATBY"),
    "MI": ("CATOR", "CAWND"),
    "NY": ("CATOR", "CAMTR"),
    "VT": ("CAMTR",),
    "ME": ("CASJB", "CAMTR"),
}
