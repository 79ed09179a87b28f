"""Hand-written name tables for scripts where a letter-by-letter romanization misleads.

Korean passports spell the common surnames by custom (김 → KIM, not GIM); Arabic script
omits short vowels, so a mechanical romanization (محمد → MHMD) looks like no passport.
"""

from __future__ import annotations

KOREAN_SURNAMES: dict[str, str] = {
    "김": "KIM", "이": "LEE", "박": "PARK", "최": "CHOI", "정": "JUNG", "강": "KANG",
    "조": "CHO", "윤": "YOON", "장": "JANG", "임": "LIM", "한": "HAN", "오": "OH",
    "서": "SEO", "신": "SHIN", "권": "KWON", "황": "HWANG", "안": "AHN", "송": "SONG",
    "류": "RYU", "유": "YOO", "전": "JEON", "홍": "HONG", "고": "KO", "문": "MOON",
    "양": "YANG", "손": "SON", "배": "BAE", "백": "BAEK", "허": "HEO", "남": "NAM",
    "심": "SIM", "노": "NOH", "하": "HA", "곽": "KWAK", "성": "SUNG", "차": "CHA",
    "주": "JOO", "우": "WOO", "구": "KOO", "민": "MIN", "진": "JIN", "지": "JI",
    "엄": "EOM", "채": "CHAE", "원": "WON", "천": "CHEON", "방": "BANG", "공": "KONG",
    "현": "HYUN", "변": "BYUN", "염": "YEOM", "여": "YEO", "추": "CHOO", "도": "DO",
    "석": "SEOK", "선": "SUN", "설": "SEOL", "마": "MA", "길": "KIL", "연": "YEON",
    "나": "NA", "명": "MYUNG", "기": "KI", "반": "BAN", "왕": "WANG", "금": "KEUM",
    "옥": "OK", "육": "YOOK", "인": "IN", "맹": "MAENG", "제": "JE", "모": "MO",
    "탁": "TAK", "국": "KOOK", "황보": "HWANGBO", "남궁": "NAMGOONG", "제갈": "JEGAL",
    "선우": "SUNWOO", "독고": "DOKGO",
}  # fmt: skip

# (Arabic script, passport spelling). Egyptian spellings follow Egypt's passports
# (MOHAMED, not MUHAMMAD); the Gulf family names keep their AL prefix.
ARABIC_MALE: tuple[tuple[str, str], ...] = (
    ("محمد", "MOHAMED"), ("أحمد", "AHMED"), ("محمود", "MAHMOUD"), ("مصطفى", "MOSTAFA"),
    ("علي", "ALI"), ("عمر", "OMAR"), ("خالد", "KHALED"), ("حسن", "HASSAN"),
    ("حسين", "HUSSEIN"), ("يوسف", "YOUSSEF"), ("إبراهيم", "IBRAHIM"),
    ("عبد الله", "ABDULLAH"), ("عبد الرحمن", "ABDELRAHMAN"), ("طارق", "TAREK"),
    ("كريم", "KARIM"), ("سعيد", "SAID"), ("ياسر", "YASSER"), ("هشام", "HISHAM"),
    ("وليد", "WALEED"), ("سامي", "SAMI"), ("فيصل", "FAISAL"), ("ناصر", "NASSER"),
    ("سلطان", "SULTAN"), ("فهد", "FAHAD"), ("عادل", "ADEL"), ("أيمن", "AYMAN"),
    ("شريف", "SHERIF"), ("عمرو", "AMR"), ("حازم", "HAZEM"), ("سلمان", "SALMAN"),
)  # fmt: skip
ARABIC_FEMALE: tuple[tuple[str, str], ...] = (
    ("فاطمة", "FATMA"), ("مريم", "MARIAM"), ("نور", "NOUR"), ("سارة", "SARA"),
    ("هدى", "HODA"), ("منى", "MONA"), ("ياسمين", "YASMINE"), ("ليلى", "LAILA"),
    ("آية", "AYA"), ("رنا", "RANA"), ("دينا", "DINA"), ("هبة", "HEBA"), ("نادية", "NADIA"),
    ("أمل", "AMAL"), ("سلمى", "SALMA"), ("رحاب", "REHAB"), ("شيماء", "SHAIMAA"),
    ("إيمان", "EMAN"), ("ريم", "REEM"), ("نورة", "NOURA"), ("لمى", "LAMA"), ("جود", "JOUD"),
)  # fmt: skip
ARABIC_FAMILY: dict[str, tuple[tuple[str, str], ...]] = {
    "EGY": (
        ("حسن", "HASSAN"), ("علي", "ALI"), ("محمود", "MAHMOUD"), ("إبراهيم", "IBRAHIM"),
        ("السيد", "ELSAYED"), ("عبد العزيز", "ABDELAZIZ"), ("مصطفى", "MOSTAFA"),
        ("سليمان", "SOLIMAN"), ("المصري", "ELMASRY"), ("الشريف", "ELSHERIF"),
        ("فرج", "FARAG"), ("شاهين", "SHAHIN"), ("منصور", "MANSOUR"), ("عثمان", "OSMAN"),
        ("صالح", "SALEH"), ("النجار", "ELNAGGAR"), ("حمدي", "HAMDY"), ("يوسف", "YOUSSEF"),
        ("رمضان", "RAMADAN"), ("عبد الله", "ABDALLA"),
    ),
    "SAU": (
        ("القحطاني", "ALQAHTANI"), ("الغامدي", "ALGHAMDI"), ("الزهراني", "ALZAHRANI"),
        ("العتيبي", "ALOTAIBI"), ("الشهري", "ALSHEHRI"), ("الدوسري", "ALDOSARI"),
        ("الحربي", "ALHARBI"), ("المطيري", "ALMUTAIRI"), ("العنزي", "ALANAZI"),
        ("الشمري", "ALSHAMMARI"), ("السبيعي", "ALSUBAIE"), ("العمري", "ALOMARI"),
        ("الرشيد", "ALRASHEED"), ("السديري", "ALSUDAIRI"),
    ),
}  # fmt: skip

# Other spellings of the same name that a watchlist may hold, by naming tradition: regular
# expressions over the passport (ICAO) spelling and what they become elsewhere.
ROMANIZATION_VARIANTS: dict[str, tuple[tuple[str, str], ...]] = {
    "slavic": (
        ("KH", "H"), ("IU", "YU"), ("IA", "YA"), (r"II\b", "IY"), (r"II\b", "Y"), ("EI", "EY"),
        ("SHCH", "SCH"), ("ZH", "J"), ("TS", "TZ"), ("Y", "I"), (r"\bE", "YE"), ("V\b", "FF"),
    ),
    "arabic": (
        (r"\bMOHAMED\b", "MUHAMMAD"), (r"\bMOHAMED\b", "MOHAMMED"), (r"\bAHMED\b", "AHMAD"),
        (r"\bHUSSEIN\b", "HUSSAIN"), (r"\bYOUSSEF\b", "YUSUF"), (r"\bOMAR\b", "UMAR"),
        (r"\bHASSAN\b", "HASAN"), (r"\bABDELRAHMAN\b", "ABDUL RAHMAN"),
        (r"\bABDULLAH\b", "ABDALLAH"), (r"\bKHALED\b", "KHALID"), (r"\bTAREK\b", "TARIQ"),
        (r"\bEL(?=[A-Z]{3})", "EL "), (r"\bEL(?=[A-Z]{3})", "AL-"), (r"\bAL(?=[A-Z]{3})", "AL "),
        ("OU", "U"), ("EE", "I"),
    ),
    "chinese": (
        (r"\bZHANG\b", "CHANG"), (r"\bWANG\b", "WONG"), (r"\bCHEN\b", "CHAN"),
        (r"\bLI\b", "LEE"), (r"\bHUANG\b", "WONG"), (r"\bZH", "CH"), (r"\bXI", "HSI"),
        (r"\bQ", "CH"), (r"\bX", "HS"), (r"\bZ(?!H)", "TS"),
    ),
    "korean": (
        (r"\bLEE\b", "YI"), (r"\bLEE\b", "RHEE"), (r"\bPARK\b", "PAK"), (r"\bCHOI\b", "CHOE"),
        (r"\bKIM\b", "GIM"), (r"\bJUNG\b", "CHUNG"), (r"\bJUNG\b", "JEONG"), ("EO", "U"),
        ("EU", "U"),
    ),
    "japanese": (
        (r"O\b", "OH"), ("OU", "O"), ("SHI", "SI"), ("CHI", "TI"), ("TSU", "TU"), ("FU", "HU"),
        ("JI", "ZI"),
    ),
    "greek": (("OU", "U"), ("F", "PH"), ("CH", "H"), ("Y", "I"), (r"I\b", "IS")),
    "hispanic": (("Z", "S"), ("LL", "Y"), ("V", "B"), ("B", "V"), (r"GU(?=[EI])", "G")),
    "western": (
        ("PH", "F"), (r"\bC(?=[AOU])", "K"), ("W", "V"), ("KS", "X"), ("EI", "IE"),
        ("TH", "T"), ("OE", "O"), ("UE", "U"), ("AE", "A"), (r"(?<=[A-Z])Y", "I"),
    ),
}  # fmt: skip
