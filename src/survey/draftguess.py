"""The guesses a draft codebook makes from a data file, each one with its reason.

A draft (:mod:`survey.draft`) marks every guess with a comment for the user to confirm:
the questionnaire's language (from the words of its labels), which column is the
respondent code (or that none is, so respondents are numbered by their row), which coded
answers form an ordered scale (ordinal) and which codes are missing answers ("don't know",
"no answer").

>>> guess_language(["Wie zufrieden sind Sie?", "sehr zufrieden", "gar nicht"])
('de', 'German words in the labels')
>>> ordered_scale({1: "never", 2: "sometimes", 3: "often", 4: "always"})
True
>>> ordered_scale({1: "single", 2: "married", 3: "divorced"})
False
>>> missing_label("Don't know"), missing_label("keine Angabe"), missing_label("often")
(True, True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

__all__ = ["guess_language", "ordered_scale", "missing_label", "find_id", "ID_NAME"]

_WORD = re.compile(r"[a-zäöüß']+")
_GERMAN = frozenset(
    "und oder nicht der die das den dem des ein eine einer ich sie wir ihr ja nein sehr "
    "eher gar trifft zu stimme voll ganz weiß weiss keine angabe immer nie selten manchmal "
    "oft häufig zufrieden unzufrieden wie ist sind mit für von bei haben wurde wenig etwas "
    "ziemlich überhaupt teils gut schlecht mittel alter geschlecht weiblich männlich".split())
_ENGLISH = frozenset(
    "and or not the a an of to in you your we i yes no very rather agree disagree strongly "
    "somewhat completely don't know always never rarely sometimes often satisfied "
    "dissatisfied how is are with for from at have was little some quite neither nor "
    "good poor fair excellent bad age gender female male hours per week".split())

#: words of ordered answer scales (frequency, degree, agreement, quality), German and English
_ORDERED = re.compile(
    r"\b(never|rarely|seldom|sometimes|often|always|usually|very|somewhat|rather|fairly|"
    r"slightly|moderately|extremely|strongly|agree|disagree|not at all|a little|a lot|"
    r"completely|totally|mostly|partly|poor|fair|good|excellent|bad|satisfied|dissatisfied|"
    r"unsatisfied|low|high|medium|less|more|none|never|hardly|much|little|important|"
    r"unimportant|likely|unlikely|easy|difficult|hard|"
    r"nie|niemals|selten|manchmal|gelegentlich|oft|häufig|immer|meistens|sehr|eher|etwas|"
    r"ziemlich|kaum|gar nicht|überhaupt nicht|stark|trifft|stimme|zustimm|zufrieden|"
    r"unzufrieden|gut|schlecht|mittel|teils|wenig|viel|wichtig|unwichtig|leicht|schwer)\b",
    re.IGNORECASE)
#: labels of a missing answer ("don't know", "no answer", "refused", "not applicable")
_MISSING = re.compile(
    r"(don'?t know|do not know|dk\b|no answer|not answered|refused|refusal|prefer not|"
    r"not applicable|\bn/?a\b|^missing|^system missing|"
    r"wei(ß|ss) nicht|keine angabe|k\.\s?a\.|keine antwort|nicht beantwortet|verweigert|"
    r"^fehlend|entf(ä|ae)llt|nicht zutreffend)",
    re.IGNORECASE)
_ID_NAME = re.compile(
    r"^(id|code|nr|no|lfdn|serial|token|uuid|uid|pid|resp(ondent)?|case|fall|"
    r"(resp(ondent)?|case|participant|person|pers|teilnehmer|fall|interview|record|"
    r"response|submission)[ _.-]?(id|nr|no|code|number|nummer)?|.*[ _.-]id)$",
    re.IGNORECASE)
#: what a draft names the respondent-code column when the file calls it something else
ID_NAME = "id"


def guess_language(texts: Iterable[str]) -> tuple[str, str]:
    """``("de"|"en", why)`` from the words of a questionnaire's labels; German when it
    cannot tell (the workbench's first users are German)."""
    german = english = 0
    for text in texts:
        lowered = str(text).lower()
        german += 2 * sum(lowered.count(c) for c in "äöüß")
        for word in _WORD.findall(lowered):
            german += word in _GERMAN
            english += word in _ENGLISH
    if english > german:
        return "en", "English words in the labels"
    if german > english:
        return "de", "German words in the labels"
    return "de", "no telling words in the labels: German assumed"


def ordered_scale(levels: Mapping[int | float | str, str]) -> bool:
    """Whether value labels form an ordered answer scale: at least three consecutive
    integer codes whose labels name degrees, frequencies or agreement (or are numbers)."""
    try:
        codes = sorted(int(float(c)) for c in levels)
    except (TypeError, ValueError):
        return False
    if len(codes) < 3 or codes != list(range(codes[0], codes[0] + len(codes))):
        return False
    labels = [str(v).strip() for v in levels.values()]
    if all(re.fullmatch(r"[-+]?\d+([.,]\d+)?(\s*[-=:].*)?", t) for t in labels):
        return True
    hits = sum(bool(_ORDERED.search(t)) for t in labels)
    return hits * 2 >= len(labels) or (bool(_ORDERED.search(labels[0]))
                                       and bool(_ORDERED.search(labels[-1])))


def missing_label(label: str) -> bool:
    """Whether a value label names a missing answer rather than an answer."""
    return bool(_MISSING.search(str(label).strip()))


def find_id(frame: pd.DataFrame, labelled: Sequence[str] = ()) -> tuple[str | None, str]:
    """The respondent-code column of a raw table (cells as text), and why; None when no
    column is a unique, non-blank code (then respondents are numbered by their row).

    A candidate has a value in every row, no value twice and no value labels. The first
    candidate whose name says it is a code (``id``, ``lfdn``, ``respondent_id``, …) is
    taken; else the file's first column if it is a candidate of whole numbers or text.
    """
    candidates = [c for c in frame.columns if c not in set(labelled) and _unique(frame[c])]
    for column in candidates:
        if _ID_NAME.match(str(column).strip()):
            return column, "its name and its values (unique, none blank)"
    if len(frame.columns) and frame.columns[0] in candidates:
        values = frame[frame.columns[0]].astype(str).str.strip()
        number = pd.to_numeric(values, errors="coerce")
        if number.isna().all() or (number.notna().all() and (number % 1 == 0).all()):
            return frame.columns[0], "the first column, unique and never blank"
    return None, "no column has a value in every row and no value twice"


def _unique(column: pd.Series) -> bool:
    values = column.astype(str).str.strip()
    return bool(len(values)) and not (values == "").any() and values.is_unique
