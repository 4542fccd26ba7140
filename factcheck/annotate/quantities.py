"""The quantities of a sentence: numbers, quantities and dates, each with its span.

Everything language-specific comes from ``rules/lexicons/<lang>/numbers.toml``: number words,
vague quantities ("des milliers", "thousands", "Tausende"), qualifiers ("au moins", "at least"),
months, weekdays and percent words. Compound number words ("vingt-trois", "twenty-three",
"dreiundzwanzig") are read with text2num. The text is never rewritten: each quantity keeps its
span in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..rules import lexicon, phrase_pattern, supported_languages

DATE_KINDS = ("date", "month", "year", "weekday", "time")
DIGITS = r"\d+(?:[.,\u00a0\u202f ’']\d{3})*(?:[.,]\d+)?"  # "130’000": the Swiss grouping
WORD_RE = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Quantity:
    kind: str  # count | percent | vague | year | month | date | weekday | time | duration
    value: float  # count/percent: the number; vague: order of magnitude; year; month 1-12;
    #               date: month * 100 + day; weekday 0-6; time: minutes after midnight;
    #               duration: seconds
    text: str
    start: int
    end: int
    qualifier: str | None = None  # min | gt | max | lt | approx
    qualifier_text: str | None = None  # the qualifier as written ("at least", "au moins")
    dimension: str | None = None  # what a count measures: "length", "mass", ... (MEASURES)
    twin: int = -1  # the start of the same measure in another unit ("50 miles (80 km)"), or -1

    @property
    def phrase(self) -> str:
        """The quantity with its qualifier, as written."""
        return f"{self.qualifier_text} {self.text}" if self.qualifier_text else self.text

    @property
    def is_date(self) -> bool:
        return self.kind in DATE_KINDS

    def describe(self) -> str:
        return self.text

    @property
    def rare(self) -> bool:
        """A figure particular enough to tie two sentences: a count or a share of 100 or more,
        or with decimals ("212 years", "£380,000", "3.75 percent"); not a small count, a date
        or a year, which recur for other things."""
        return self.kind in ("count", "percent") and (
            self.value >= 100 or self.value != int(self.value)
        )


@dataclass(frozen=True)
class NumberLexicon:
    language: str
    decimal: str
    words: dict[str, float]
    ambiguous: frozenset[str]
    vague_re: re.Pattern[str] | None
    vague: dict[str, float]
    scale_re: re.Pattern[str] | None
    scale: dict[str, float]
    qualifier_re: re.Pattern[str] | None
    qualifiers: dict[str, str]
    change_verbs: frozenset[str]  # after one, an upper-bound word is the figure's new level
    preposition_verbs: frozenset[str]  # after one, the qualifier word is its preposition
    time_before: frozenset[str]  # words before "18.40" that make it a time of day ("a las")
    age_after: frozenset[str]  # two words before a span of years that make it an age
    months: tuple[str, ...]
    ambiguous_months: frozenset[str]
    month_re: re.Pattern[str] | None
    weekdays: tuple[str, ...]
    weekday_re: re.Pattern[str] | None
    percent_re: re.Pattern[str] | None
    followers: frozenset[str]
    time_re: re.Pattern[str] | None
    duration: frozenset[str]
    approximate: frozenset[str] = frozenset()  # number words that are approximate themselves
    half_re: re.Pattern[str] | None = None  # "and a half", « et demi », "y medio" after a figure
    idioms_re: re.Pattern[str] | None = None  # "seven days a week", « 24 heures sur 24 »: no figure


def norm(phrase: str) -> str:
    return " ".join(phrase.lower().replace("'", "’").split())


@cache
def number_lexicon(language: str) -> NumberLexicon:
    data = lexicon(language)["numbers"]
    months = tuple(m.lower() for m in data.get("months", []))
    weekdays = tuple(w.lower() for w in data.get("weekdays", []))
    percent = data.get("percent", [])
    month_alts = (
        months
        + tuple(m[:3] + "." for m in months if len(m) > 4)
        + tuple(m[:4] + "." for m in months if len(m) > 5)
    )  # "Dec.", "Sept."
    return NumberLexicon(
        language=language,
        decimal="." if language == "en" else ",",
        words={norm(k): float(v) for k, v in data.get("words", {}).items()},
        ambiguous=frozenset(norm(w) for w in data.get("ambiguous", [])),
        approximate=frozenset(norm(w) for w in data.get("approximate", [])),
        half_re=re.compile(
            r"^(?:\s+(?P<unit>(?-i:[^\W\d_A-ZÀ-Þ][^\W\d_]{1,14})))?\s+(?:"
            + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in data["half"])
            + r")(?![\w-])",
            re.I,
        )
        if data.get("half")
        else None,
        vague_re=phrase_pattern(list(data.get("vague", {}))),
        idioms_re=phrase_pattern(data.get("idioms", [])),
        vague={norm(k): float(v) for k, v in data.get("vague", {}).items()},
        scale_re=phrase_pattern(list(data.get("scale", {}))),
        scale={norm(k): float(v) for k, v in data.get("scale", {}).items()},
        qualifier_re=phrase_pattern(list(data.get("qualifiers", {}))),
        qualifiers={norm(k): v for k, v in data.get("qualifiers", {}).items()},
        change_verbs=frozenset(norm(w) for w in data.get("change_verbs", [])),
        preposition_verbs=frozenset(norm(w) for w in data.get("preposition_verbs", [])),
        time_before=frozenset(norm(w) for w in data.get("time_before", [])),
        age_after=frozenset(" ".join(w.lower().split()) for w in data.get("age_after", [])),
        months=months,
        ambiguous_months=frozenset(m.lower() for m in data.get("ambiguous_months", [])),
        month_re=phrase_pattern(list(month_alts)),
        weekdays=weekdays,
        weekday_re=compound_pattern(list(weekdays), data.get("compounds", False)),
        percent_re=re.compile(
            r"^\s*(?:"
            + "|".join(
                re.escape(p).replace(r"\ ", r"\s+") for p in sorted(percent, key=len, reverse=True)
            )
            + r")(?!\w)",
            re.I,
        )
        if percent
        else None,
        followers=frozenset(norm(w) for w in data.get("followers", [])),
        duration=frozenset(norm(w) for w in data.get("duration_before", [])),
        time_re=re.compile(
            r"\s?(?:"
            + "|".join(re.escape(t) for t in sorted(data.get("time", []), key=len, reverse=True))
            + r")(?!\w)",
            re.I,
        )
        if data.get("time")
        else None,
    )


def compound_pattern(words: list[str], compounds: bool) -> re.Pattern[str] | None:
    """Whole words; with compounds, also the start of a longer word ("Montagmorgen")."""
    if not compounds:
        return phrase_pattern(words)
    if not words:
        return None
    alts = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")", re.I)


def parse_digits(text: str, decimal: str) -> float | None:
    raw = re.sub(r"[\u00a0\u202f ]|(?<=\d)[’'](?=\d{3}(?!\d))", "", text)
    thousands = "," if decimal == "." else "."
    if re.fullmatch(r"\d{1,3}(?:" + re.escape(thousands) + r"\d{3})+", raw):
        raw = raw.replace(thousands, "")
    elif re.fullmatch(r"\d{1,3}(?:" + re.escape(decimal) + r"000)+", raw):
        # "150,000" in a Spanish text: no one writes a decimal as three zeros, so it is the
        # other convention's thousands (a copied figure)
        raw = raw.replace(decimal, "")
    elif decimal in raw:
        raw = raw.replace(thousands, "").replace(decimal, ".")
    elif re.fullmatch(r"\d+" + re.escape(thousands) + r"\d{1,2}", raw):
        raw = raw.replace(thousands, ".")  # "7.4" in a Spanish text: no thousands group has
        # fewer than three digits, so the other convention's decimal point (a copied figure)
    else:
        raw = raw.replace(thousands, "")
    try:
        return float(raw)
    except ValueError:
        return None


def month_index(lex: NumberLexicon, word: str) -> int | None:
    w = word.lower().rstrip(".")
    for i, m in enumerate(lex.months):
        if w == m or (len(w) >= 3 and m.startswith(w) and word.endswith(".")):
            return i + 1
    return None


NUMERIC_DATE = re.compile(r"(?<![\w./,])(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d\d)(?![\w/])")
SHORT_MONTH_DAY = re.compile(
    r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\s+(\d{1,2})(?![\d.,:])"
)
MONTH_LEAD = re.compile(
    r"\b(?:in|until|till|by|since|from|before|after|through|last|next|early|late|mid|of|"
    r"during|between|and)\s+$",
    re.I,
)


def qualifier_match(lex: NumberLexicon, text: str, start: int) -> tuple[str | None, str | None]:
    """The qualifier right before a number: (relation, words as written) or (None, None)."""
    if lex.qualifier_re is None:
        return None, None
    window = text[max(0, start - 30) : start]
    best: tuple[str | None, str | None] = (None, None)
    for m in lex.qualifier_re.finditer(window):
        between = window[m.end() :].strip(" \u00a0\u202f£$€¥")
        # "en torno a un 30 %", "around a third": an article may stand between
        if not between or between.lower() in QUALIFIER_ARTICLES:
            best = (lex.qualifiers.get(norm(m.group(0))), m.group(0))
    if best[0] is not None and verb_before(text, start, lex.preposition_verbs, reach=80):
        # "verfügen (im Parlament zusammen) über 416 Mandate": the verb's preposition, no bound
        return None, None
    if best[0] == "max" and verb_before(text, start, lex.change_verbs, reach=60):
        # "ha rebajado la intensidad hasta 7,5": lowered to 7.5, not "up to"
        return None, None
    return best


def verb_before(text: str, start: int, verbs: frozenset[str], reach: int) -> bool:
    """Whether one of the verbs stands among the five words before the qualifier of the number
    at start (within reach characters)."""
    if not verbs:
        return False
    before = text[max(0, start - reach) : start].lower().split()[-6:-1]
    return any(norm(w.strip(",.")) in verbs for w in before)


QUALIFIER_ARTICLES = {"a", "an", "un", "una", "unos", "unas", "une", "ein", "eine", "einen"}


def words_before(words: frozenset[str], text: str, start: int) -> bool:
    """Whether the word, or the two words, right before ``start`` are one of ``words``."""
    window = text[max(0, start - 20) : start].lower().split()
    return bool(window) and (window[-1] in words or " ".join(window[-2:]) in words)


def clock_before(lex: NumberLexicon, text: str, m: re.Match) -> bool:
    """ "a las 18.40", „um 18.40“: hours and minutes after a word that gives a time of day, and
    no unit after them ("at 18.40 euros" is a price)."""
    if not m.group(2) or "." not in m.group(0) or int(m.group(1)) > 24:
        return False
    rest = text[m.end() :].lstrip()
    return (
        words_before(lex.time_before, text, m.start())
        and not rest.startswith("%")
        and not CURRENCY.match(rest)
    )


def duration_before(lex: NumberLexicon, text: str, start: int) -> bool:
    return words_before(lex.duration, text, start)


# the first day of a range before the day its month follows ("del 23 al 25 de septiembre",
# "du 3 au 5 mai", „vom 3. bis 5. Mai“, "23-25 September"), and the last day after a month's day
# ("September 23 to 25", "October 24-26")
# what joins the two ends of a range of days or years ("3 to 5 May", « de 1977 à 1981 »)
RANGE_WORDS = r"(?:-|–|—|to|through|until|till|and|au|à|et|al|a|y|hasta|bis|und)"
DAY_BEFORE_RANGE = re.compile(r"(?<![\d.,])(\d{1,2})(?:\.|er|º)?\s*" + RANGE_WORDS + r"\s*$", re.I)
DAY_AFTER_RANGE = re.compile(r"\s*" + RANGE_WORDS + r"\s*(\d{1,2})(?![\d.,]\d|\w)", re.I)


def range_day(month: int, m: re.Match[str]) -> Quantity:
    """The other day of a range, written as a bare number: a date of the range's month."""
    return Quantity("date", month * 100 + int(m.group(1)), m.group(1), m.start(1), m.end(1))


def extract(text: str, language: str) -> tuple[Quantity, ...]:
    """Every quantity in a sentence, in text order, spans not overlapping."""
    lex = number_lexicon(language)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def add(q: Quantity) -> None:
        if free(q.start, q.end):
            found.append(q)
            taken.append((q.start, q.end))

    if lex.idioms_re is not None:  # "seven days a week", « sept jours sur sept »: every day
        taken.extend(m.span() for m in lex.idioms_re.finditer(text))
    # dates in figures: "26/09/2019", "26.09.2019" (day first; month first in English when
    # the day cannot be the month: "09/26/2019")
    for m in NUMERIC_DATE.finditer(text):
        day, nth = int(m.group(1)), int(m.group(3))
        if lex.language == "en" and day <= 12 < nth:
            day, nth = nth, day
        if 1 <= day <= 31 and 1 <= nth <= 12:
            cut = m.start(4) - 1  # the day and month, then the year
            add(Quantity("date", nth * 100 + day, text[m.start() : cut], m.start(), cut))
            add(Quantity("year", float(m.group(4)), m.group(4), m.start(4), m.end(4)))
    if lex.language == "en":
        # "Sep 26", "Jan 5": a short month with no full stop, capitalised, before its day
        for m in SHORT_MONTH_DAY.finditer(text):
            short = month_index(lex, m.group(1) + ".")
            if short is not None and 1 <= int(m.group(2)) <= 31:
                add(Quantity("date", short * 100 + int(m.group(2)), m.group(0), m.start(), m.end()))
    # dates: "12 décembre", "12. Dezember", "12 de diciembre", "December 12", "Dec. 12"
    if lex.month_re is not None:
        for m in lex.month_re.finditer(text):
            month = month_index(lex, m.group(0))
            if month is None:
                continue
            before = re.search(r"(\d{1,2})(?:\.|er|º)?\s+(?:de\s+)?$", text[: m.start()])
            after = re.match(r"\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)", text[m.end() :])
            if before and 1 <= int(before.group(1)) <= 31:
                opening = DAY_BEFORE_RANGE.search(text[: before.start()])
                if opening and 1 <= int(opening.group(1)) <= 31:
                    # "del 23 al 25 de septiembre", "du 3 au 5 mai": the first day is of that
                    # month too
                    add(range_day(month, opening))
                add(
                    Quantity(
                        "date",
                        month * 100 + int(before.group(1)),
                        text[before.start() : m.end()],
                        before.start(),
                        m.end(),
                    )
                )
            elif after and 1 <= int(after.group(1)) <= 31:
                end = m.end() + after.end()
                add(
                    Quantity(
                        "date",
                        month * 100 + int(after.group(1)),
                        text[m.start() : end],
                        m.start(),
                        end,
                    )
                )
                last = DAY_AFTER_RANGE.match(text, end)
                if last and 1 <= int(last.group(1)) <= 31:
                    # "September 23 to 25", "October 24-26": the last day is of that month too
                    add(range_day(month, last))
            elif m.group(0).endswith(".") and not re.match(r"\s+\d{4}", text[m.end() :]):
                continue  # "sept jours sur sept.": a bare short form is a month only by a year
            elif (
                m.group(0).lower() not in lex.ambiguous_months
                or re.match(r"\s+\d{4}", text[m.end() :])
                or (m.group(0)[:1].isupper() and MONTH_LEAD.search(text[: m.start()]))
            ):
                # "may", "march" are months next to a year or, capitalised, after a word of
                # time ("until March", "in May")
                add(Quantity("month", month, m.group(0), m.start(), m.end()))
    if lex.weekday_re is not None:
        for m in lex.weekday_re.finditer(text):
            add(
                Quantity(
                    "weekday",
                    lex.weekdays.index(m.group(0).lower()),
                    m.group(0),
                    m.start(),
                    m.end(),
                )
            )
    if lex.vague_re is not None:
        for m in lex.vague_re.finditer(text):
            lead = re.search(
                r"\d[\s\u00a0\u202f]?(?:([^\W\d]+)[\s\u00a0\u202f])?$", text[: m.start()]
            )
            if lead and (lead.group(1) is None or norm(lead.group(1)) in lex.scale):
                continue  # "3,5 millions", "10 mil millones": a scale after digits, read below
            word = re.search(r"([^\W\d_]+)[\s\u00a0\u202f]+$", text[: m.start()])
            if word and norm(word.group(1)) in lex.words and lex.words[norm(word.group(1))] > 1:
                continue  # "zwei Milliarden", "deux millions": a scale after a number word
            add(
                Quantity(
                    "vague",
                    lex.vague[norm(m.group(0))],
                    m.group(0),
                    m.start(),
                    m.end(),
                    *qualifier_match(lex, text, m.start()),
                )
            )
    for m in re.finditer(r"(?<![\w.,])((?:19|20)\d\d)\s?[-–/]\s?(\d\d(?:\d\d)?)(?![\w])", text):
        first, second = m.group(1), m.group(2)
        if free(m.start(), m.end()):
            # "1974-76", "1977-1995": both years of the span ("2024-25" is 2024 and 2025)
            end = int(first[:2] + second) if len(second) == 2 else int(second)
            found.append(Quantity("year", float(first), first, m.start(1), m.end(1)))
            if int(first) < end <= 2100:
                found.append(Quantity("year", float(end), second, m.start(2), m.end(2)))
            taken.append((m.start(), m.end()))
    for m in DURATION.finditer(text):
        # "2:00:35 Stunden", "in 2:01:00": a race time or a duration, hours to seconds as one
        h, mins, secs = (int(g) for g in m.groups())
        if mins < 60 and secs < 60:
            bound = qualifier_match(lex, text, m.start())
            add(
                Quantity(
                    "duration", h * 3600 + mins * 60 + secs, m.group(0), m.start(), m.end(), *bound
                )
            )
    for m in re.finditer(r"(?<![\w.,:])(\d{1,2})(?:\s?[:.h]\s?(\d{2}))?(?![\d])", text):
        minutes = int(m.group(2) or 0)
        after = lex.time_re.match(text, m.end()) if lex.time_re else None
        if (
            not after
            and not (m.group(2) and re.search(r"[:h]", m.group(0)))
            and not clock_before(lex, text, m)
        ):
            continue
        if (
            after
            and not m.group(2)
            and duration_before(lex, text, m.start())
            and not CLOCK_RANGE_END.match(text, after.end())
        ):
            continue  # "pendant 3 heures": a duration (« de 6 heures à minuit » is a time)
        hour = int(m.group(1))
        marker = after.group(0).strip().lower() if after else ""
        if marker.startswith(EVENING) and hour < 12:
            hour += 12
        elif marker.startswith(MORNING) and hour == 12:
            hour = 0  # "12:20 am": twenty past midnight
        end = after.end() if after else m.end()
        if hour <= 24 and minutes < 60:
            add(Quantity("time", hour * 60 + minutes, text[m.start() : end], m.start(), end))
    for m in re.finditer(r"(?<![\w.,])(" + DIGITS + r")(bn|m|k)(?![\w])", text):  # "$212m"
        value = parse_digits(m.group(1), lex.decimal)
        if value is not None:
            value *= {"bn": 1e9, "m": 1e6, "k": 1e3}[m.group(2).lower()]
            add_number(lex, text, m.start(), m.end(), value, add, digits=True)
    # not the digits of a name ("COVID-19", "G-20", "F-35")
    # a degree sign or a unit letter may follow ("14.89ºC", "14.98C"); a figure is never read
    # as the part of a decimal before its point
    for m in re.finditer(
        r"(?<![\w.,])(?<![^\W\d_]-)" + DIGITS + r"(?=[º°]|[CF](?!\w)|(?!\w)(?![.,]\d))", text
    ):
        value = parse_digits(m.group(0), lex.decimal)
        if value is None or identifier(text, m.start(), language):
            continue
        add_number(lex, text, m.start(), m.end(), value, add, digits=True)
    for start, end, value in word_numbers(lex, text):
        clock = word_time(lex, text, end, value)
        if clock is not None:
            add(Quantity("time", clock[0], text[start : clock[1]], start, clock[1]))
            continue
        add_number(lex, text, start, end, value, add, digits=False)
    return conversions(text, sorted(found, key=lambda q: q.start))


# words after an hour that put it after noon ("6 p.m.", "las 7 de la tarde", "three in the evening")
EVENING = (
    "p.m",
    "pm",
    "p. m",
    "de la tarde",
    "de la noche",
    "heures du soir",
    "in the afternoon",
    "in the evening",
)
# words after an hour that put it before noon: "12 a.m." is midnight
MORNING = ("a.m", "am", "a. m")
# words after a number that may make it a duration as well as a time of day ("trois heures")
AMBIGUOUS_TIME = frozenset({"h", "heure", "heures", "hora", "horas", "gmt", "utc"})


def word_time(lex: NumberLexicon, text: str, end: int, value: float) -> tuple[int, int] | None:
    """A number in words that is a time of day ("three a.m.", « trois heures du matin », „drei
    Uhr“): (minutes after midnight, where the time ends); None for any other number."""
    after = lex.time_re.match(text, end) if lex.time_re else None
    if after is None or value != int(value) or not 1 <= value <= 12:
        return None
    word = after.group(0).strip().lower()
    if word in AMBIGUOUS_TIME:
        return None
    evening = word.startswith(EVENING)
    if word.startswith(MORNING) and value == 12:
        return 0, after.end()  # "twelve a.m.": midnight
    return int(value + 12 if evening else value) * 60, after.end()


@cache
def identifier_words(language: str) -> frozenset[str]:
    return frozenset(
        w.casefold() for w in lexicon(language).get("numbers", {}).get("identifiers", [])
    )


PREVIOUS_WORD = re.compile(r"([^\W\d_]+)\.?\s*$")


def identifier(text: str, start: int, language: str) -> bool:
    """Whether the number at ``start`` names something rather than counting it: after a word
    such as "route", "ligne", „Autobahn“, "vuelo", or right after a single capital letter ("A
    47", "D 18")."""
    window = text[max(0, start - 30) : start]
    m = PREVIOUS_WORD.search(window)
    if m is None:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        # "A 47" after a word of the sentence, never a sentence's "A 17-year-old"
        before = window[: m.start()].rstrip()
        lead = PREVIOUS_WORD.search(before)
        if lead is not None and lead.group(1).casefold() in identifier_words(language):
            return True  # „Autobahn A 47“
        return bool(before) and before[-1:].isalpha() and word not in ("A", "I", "Y", "O")
    return word.casefold() in identifier_words(language)


# between a measure and the same in other units: "50 miles (80 km)", "23 feet [7 metres]", "7
# metres, or 23 feet"
CONVERSION_GAP = re.compile(
    r"\s*[^\W\d_][\w.²³-]*(?:\s+[^\W\d_][\w.²³-]*)?\s*(?:[(\[]|,?\s*(?:or|soit|oder|o sea)\s)"
    r"\s*(?:about|around|some|roughly|environ|rund|etwa|unos|unas|cerca de)?\s*$"
)


# an amount of money and the same in another currency in brackets ("€29,040 (NZ$54,679)",
# "29,040 euros (around $32,350)"); a time and the same in another time zone ("3 a.m. (02h00
# GMT)")
CURRENCY = re.compile(
    r"[$€£¥]|\b(?:euros?|dollars?|dólares|pounds?|pfund|libras?|francs?|franken|francos?|pesos?"
    r"|yen|yuan|rupees?|reais|rand)\b",
    re.I,
)
BRACKET_GAP = re.compile(
    r"\s*[^\W\d_]*\s*\(\s*(?:about|around|some|roughly|environ|rund|etwa|unos|unas|cerca de|"
    r"approx\.?)?\s*[A-Za-z]{0,3}\s?[$€£¥]?\s*$"
)
TIME_ZONE = re.compile(
    r"^\s*(?:GMT|UTC|CET|CEST|MEZ|MESZ|EST|EDT|CST|CDT|PST|PDT|BST|JST|KST|AEST|AEDT|IST|"
    r"heure de Paris|heure locale|heure (?:française|japonaise|de \w+)|Ortszeit|\w+er Zeit|"
    r"hora local|hora peninsular|hora (?:española|japonesa|de \w+)|local time|\w+ time)\b"
)


def time_zone(text: str, q: Quantity) -> str:
    """The time zone written right after a time ("15h20 GMT", « 00h20 heure locale »), folded;
    "" when none is written."""
    m = TIME_ZONE.match(text[q.end :]) if q.kind == "time" else None
    return m.group(0).strip().casefold() if m else ""


def converted(text: str, a: Quantity, b: Quantity) -> bool:
    """Whether b, in brackets right after a, gives a in another currency or time zone."""
    if BRACKET_GAP.match(text[a.end : b.start]) is None:
        return False
    if a.kind == b.kind == "count":
        return bool(
            CURRENCY.search(text[max(0, a.start - 3) : a.end + 10])
            and CURRENCY.search(text[max(0, b.start - 4) : b.end + 10])
        )
    return b.kind == "time" and a.kind in ("time", "count") and bool(TIME_ZONE.match(text[b.end :]))


def conversions(text: str, found: list[Quantity]) -> tuple[Quantity, ...]:
    """The quantities, a measure and its conversion into other units paired as twins; the
    conversion takes the measure's qualifier ("about 50 miles (80 km)": about 80 km too)."""
    out = list(found)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if (
            a.kind == b.kind == "count"
            and a.dimension is not None
            and a.dimension == b.dimension
            and CONVERSION_GAP.match(text[a.end : b.start]) is not None
        ) or converted(text, a, b):
            shared = a.qualifier is not None and b.qualifier is None
            out[k] = replace(a, twin=b.start)
            out[k + 1] = replace(
                b,
                twin=a.start,
                qualifier=a.qualifier if shared else b.qualifier,
                qualifier_text=a.qualifier_text if shared else b.qualifier_text,
            )
    return tuple(out)


# the end of a range of clock times after "de 6 heures": « à minuit », "a las 22", "bis 18 Uhr"
CLOCK_RANGE_END = re.compile(
    r"\s+(?:à|a|jusqu[’']à|hasta|bis|to|until)\s+(?:las\s+)?"
    r"(?:\d|minuit|midi|medianoche|mediodía|mitternacht|midnight|noon)",
    re.I,
)
DURATION = re.compile(r"(?<![\w.,:])(\d{1,2}):(\d{2}):(\d{2})(?![\d:])")  # "2:00:35"

RANGE_NEXT = re.compile(
    r"\s*(?:and|to|or|et|à|ou|y|a|o|und|bis|oder|[-–])\s+(?:el\s+|le\s+)?\d[\d.,]*"
)  # the second figure of a range, up to where its unit would be


def half_after(lex, rest: str) -> tuple[int, bool]:
    """The length of "and a half" (« et demi », "y medio") right after a figure, or after the
    one word of its unit ("deux kilomètres et demi"), and whether a unit stands between; (0,
    False) when none follows."""
    m = lex.half_re.match(rest) if lex.half_re is not None else None
    return (m.end(), m.group("unit") is not None) if m else (0, False)


def add_number(lex, text, start, end, value, add, *, digits: bool) -> None:
    rest = text[end:]
    length, unit = half_after(lex, rest)
    if length and not unit:  # "two and a half million", « dos millones y medio » read as one
        last = norm(text[start:end]).split()[-1]
        value += 0.5 * lex.scale.get(last, 1.0)
        end += length
        rest = text[end:]
    factor = 0.0
    if lex.scale_re is not None:
        # "210 million", "210\u00a0millions", and the compound "a 210-million-euro plant"
        m = lex.scale_re.match(rest.lstrip(" \u00a0\u202f-"))
        if m:
            gap = len(rest) - len(rest.lstrip(" \u00a0\u202f-"))
            if gap <= 1:
                factor = lex.scale[norm(m.group(0))]
                value *= factor
                end += gap + m.end()
                rest = text[end:]
    if unit and factor:  # « dos millones y medio »: half a million more
        more, unit = half_after(lex, rest)
        if more and not unit:
            value += 0.5 * factor
            end += more
            rest = text[end:]
    elif unit and value == int(value):  # « deux kilomètres et demi »: the unit stays after it
        value += 0.5
    kind = "count"
    if lex.percent_re is not None:
        m = lex.percent_re.match(rest)
        if m:
            kind = "percent"
            end += m.end()
        else:
            # "between 58.3 and 60.7 percent", « entre el 58,3 y el 60,7 % »: the first figure
            # of a range shares the second's percent sign
            r = RANGE_NEXT.match(rest)
            if r and lex.percent_re.match(rest[r.end() :]):
                kind = "percent"
    if (
        kind == "count"
        and digits
        and 1900 <= value <= 2100
        and re.fullmatch(r"\d{4}", text[start:end])
    ):
        kind = "year"
    if text[max(0, start - 1) : start] in "£$€¥" and start > 0:
        start -= 1  # "£52 million": the currency sign belongs to the amount
    qualifier, qualifier_text = qualifier_match(lex, text, start)
    if qualifier is None and norm(text[start:end].split()[0]) in lex.approximate:
        qualifier = "approx"  # « une soixantaine » is "about sixty"
    add(
        Quantity(
            kind,
            value,
            text[start:end],
            start,
            end,
            qualifier,
            qualifier_text,
            dimension=aged(lex, measure(text[end:]), text[:start]) if kind == "count" else None,
        )
    )


def word_numbers(lex: NumberLexicon, text: str):
    """Spans of number words: runs of words that text2num reads as one number."""
    from text_to_num import text2num

    tokens = list(WORD_RE.finditer(text))
    i = 0
    while i < len(tokens):
        word = norm(tokens[i].group(0))
        if word not in lex.words and not compound_candidate(lex, word):
            i += 1
            continue
        best = None
        for j in range(min(len(tokens), i + 6), i, -1):
            start, end = tokens[i].start(), tokens[j - 1].end()
            if re.search(r"[^\w\s’'-]", text[start:end]):
                continue
            phrase = text[start:end]
            try:
                value = float(text2num(phrase.lower().replace("’", "'"), lex.language))
            except (ValueError, IndexError, KeyError):
                single = norm(phrase)
                if single in lex.words:
                    value = lex.words[single]
                else:
                    continue
            best = (start, end, value, j)
            break
        if best is None:
            i += 1
            continue
        start, end, value, j = best
        if (
            j - i == 1
            and norm(text[start:end]) in lex.ambiguous
            and not number_context(lex, text, start, end)
        ):
            i += 1
            continue
        yield start, end, value
        i = j


@cache
def number_parts(language: str) -> re.Pattern[str] | None:
    """The number words of a language that may stand inside a compound (four letters or
    more), as one pattern."""
    parts = sorted(
        (w for w in number_lexicon(language).words if len(w) >= 4), key=len, reverse=True
    )
    return re.compile("|".join(map(re.escape, parts))) if parts else None


def compound_candidate(lex: NumberLexicon, word: str) -> bool:
    """A single token that may be a compound number word ("vingt-trois", "dreiundzwanzig")."""
    pattern = number_parts(lex.language)
    return len(word) <= 40 and pattern is not None and pattern.search(word) is not None


PREPOSITION_QUALIFIERS = frozenset({"über", "unter", "over", "under", "sur", "sous", "sobre"})


def number_context(lex: NumberLexicon, text: str, start: int, end: int) -> bool:
    """An ambiguous number word ("un", "one", "neuf") counts when a qualifier precedes it or a
    plural noun follows it; "über", "over", "under" before it are prepositions („über eine ganz
    andere Nacht reden“)."""
    qualifier, written = qualifier_match(lex, text, start)
    nxt = re.match(r"\s+([^\W\d_]+(?:[’'])?)", text[end:])
    if qualifier and (
        (written or "").casefold() not in PREPOSITION_QUALIFIERS
        or (nxt is not None and norm(nxt.group(1)) in lex.scale)  # „über eine Million“
    ):
        return True
    if nxt and norm(nxt.group(1)) in lex.followers:
        return True
    return bool(
        nxt
        and len(nxt.group(1)) > 3
        and nxt.group(1).lower()[-1] in "sx"
        and nxt.group(1)[0].islower()
    )


# the families of kinds compared with each other (a date's day against a month: same family)
FAMILY = {
    "duration": "d",
    "count": "n",
    "vague": "n",
    "percent": "p",
    "year": "y",
    "month": "m",
    "date": "m",
    "weekday": "w",
    "time": "t",
}


# units of measure, the same in the four languages or close enough: a count of kilometres is
# never a changed count of people
MEASURES = {
    "length": (
        "km",
        "kilometres",
        "kilometers",
        "kilometre",
        "kilometer",
        "kilómetros",
        "kilómetro",
        "kilomètres",
        "kilomètre",
        "kilometern",
        "miles",
        "mile",
        "millas",
        "milla",
        "milles",  # « 21 milles » (nautical miles), never « 21 mille » (a thousand)
        "meilen",
        "meile",
        "seemeilen",
        "metern",
        "metres",
        "meters",
        "metre",
        "meter",
        "metros",
        "mètres",
        "cm",
        "mm",
        "ft",
        "feet",
        "foot",
        "pies",
    ),
    "mass": (
        "kg",
        "kilograms",
        "kilogrammes",
        "kilogramos",
        "kilogramm",
        "kilo",
        "kilos",
        "tonnes",
        "tons",
        "toneladas",
        "tonnen",
        "grams",
        "gramos",
        "grammes",
    ),
    "area": ("hectares", "hectáreas", "hektar", "ha", "km²", "km2", "acres"),
    "speed": ("km/h", "mph", "kmh"),
    "temperature": ("°c", "°f", "degrees", "grados", "degrés", "grad"),
}


@cache
def measure_words() -> dict[str, str]:
    """Unit word -> dimension. A span of time ("over the past four years") is no count of
    people and is not compared with one: its words are the lexicons' ``duration_units``."""
    words = {w: dim for dim, units in MEASURES.items() for w in units}
    for lang in supported_languages():
        for unit in lexicon(lang).get("numbers", {}).get("duration_units", []):
            words.setdefault(unit.lower(), "duration")
    return words


MEASURE_RE = re.compile(r"^[\s\u00a0-]*([^\s\u00a0,.;:()]+)")


AREA_FIRST = ("square", "sq", "m²", "m2", "quadratmeter", "quadratkilometer")  # "60-square-metre"
AREA_AFTER = {
    "cuadrados",
    "cuadrado",
    "cuadradas",
    "carrés",
    "carré",
    "carrées",
}  # "40 metros cuadrados"


# what says a span of years is someone's age: "at the age of 88", « à l'âge de 88 ans », « mort
# à 88 ans », "a los 88 años", "im Alter von 88 Jahren", "aged 88"
AGE_LEAD = re.compile(
    r"(?:\bage\s+of|\baged|[âa]ge\s+de|\bâgée?s?\s+de|\bà|\bedad\s+de|\ba\s+los|\bAlter\s+von)\s*$",
    re.I,
)


# a name and a comma before an age: "Juan Ortega, de 71 años", « Jeanne Roux, 71 ans »
NAME_COMMA = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w’'-]*,(?:\s+de)?\s*$")


def aged(lex: NumberLexicon, dimension: str | None, before: str) -> str | None:
    """A span of years that an age phrase opens is an age, not a duration; so is one after a
    person and "of" (« un homme de 71 ans », the lexicon's ``age_after``) or after a name and
    a comma."""
    if dimension != "duration":
        return dimension
    if (
        AGE_LEAD.search(before)
        or NAME_COMMA.search(before)
        or words_before(lex.age_after, before, len(before))
    ):
        return "age"
    return dimension


def measure(after: str) -> str | None:
    """The dimension of the unit right after a number ("170 km", "12-kilometre"), or None."""
    m = MEASURE_RE.match(after)
    word = m.group(1).lower() if m else ""
    if word.startswith(AREA_FIRST):
        return "area"
    if (
        word.endswith(("-old", "-olds"))
        or word.startswith("jährig")
        or (
            measure_words().get(word) == "duration"
            and re.match(r"\s+old\b", after[m.end() :] if m else "")
        )
    ):
        return "age"  # "a 12-year-old", "63 years old"
    words = measure_words()
    found = words.get(word) or (words.get(word[:-1]) if word.endswith("s") else None)
    if found == "length" and m:
        nxt = MEASURE_RE.match(after[m.end() :])
        if nxt and nxt.group(1).lower() in AREA_AFTER:
            return "area"
    return found
