"""How the coach reads a sentence: tokens, language, verbs, reasons, numbers, stages (ARCHITECTURE.md, The coach).

The coach's rules (workshop/coach.py) ask questions such as "does this open with a verb?" or "is there
a target?"; this module answers them with word lists from assets/coach_rules.json and regexes compiled
once at import, so one item takes well under a millisecond.

It reads generously: a word needs positive evidence (a determiner, a noun suffix, a known topic noun)
before it counts as "not a verb", because a good objective must never be flagged just because its verb
("Untangle", "Declutter", "Wow") is missing from a list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assets import load_json

WORDS: dict[str, frozenset[str]] = {
    name: frozenset(words) for name, words in load_json("coach_rules.json")["words"].items()
}
VERB, NOT_VERB, UNKNOWN = "verb", "not a verb", "unknown"
MAX_ANALYSED_CHARS = 2000  # the grammar is in the first sentence; a pasted essay must stay fast


def _alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, with any run of spaces matching any whitespace."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in ordered)


_WRITTEN_NUMBER = _alternation(WORDS["written_numbers"])
_ARROW = r"(?:->|→|⟶|➜|=>)"
_TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_LEADING_LABEL = re.compile(  # "O1:", "KR 2 -", "3.", bullets, quotes and emoji before the words
    r"^(?:\s*(?:objective|key\s+result|obj|kr|o)\s*\d{0,2}\s*[:.)\-–—]"
    r"|\s*\(?\d{1,2}[.)]\s|[^\w$€£¥]+)+",
    re.IGNORECASE,
)
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_NUMBER = re.compile(  # "tier-1" and "24/7" are names; "20/month" is a rate
    r"(?<![\w.,/])(?<!\d-)(?<![^\W\d_]-)(?P<currency>[$€£¥]\s?)?(?P<value>\d+(?:[.,]\d+)*)"
    r"(?P<suffix>\s?%|\s?per\s?cent\b|[^\W\d_]+\b)?(?![\w]|/\d|-\d)",
    re.IGNORECASE,
)
_RANGE_OR_SCORE = re.compile(  # "4-5x", "10–15%", a score "8/10" or "4.5/5" (but "24/7" is a name)
    r"(?<![\w.,/])(?:\d+(?:[.,]\d+)?\s?[-–]\s?\d+(?:[.,]\d+)?\s?(?:%|x\b)"
    r"|(?!24/7\b)\d+(?:[.,]\d+)?/\d+\b(?!/))",
    re.IGNORECASE,
)
_ZERO_TARGET = re.compile(  # "no fatal errors", "zero outages", "without a crash" are targets of nought
    r"\b(?:zero|none|never)\b|\bno\s+(?!(?:more|less|longer|later|sooner|fewer|than|one)\b)[^\W\d_]"
    r"|\bwithout\s+(?:a|an|any)\s+[^\W\d_]",
    re.IGNORECASE,
)
_WRITTEN_NUMBER_WORD = re.compile(rf"\b(?:{_WRITTEN_NUMBER})\b", re.IGNORECASE)
MULTIPLIER_OPENING = re.compile(r"^(?:double|triple|quadruple|halve)\b(?![\s-]*(?:down|check)\b|-)")
_WHY = re.compile(
    rf"\b(?:{_alternation(WORDS['why_phrases'])})\b"
    rf"|\bso\s+(?!(?:{_alternation(WORDS['so_is_not_why_before'])})\b)[^\W\d_]"
    rf"|,\s*(?:{_alternation(WORDS['why_after_comma'])})\b"
    r"|\bsince\s+[^\W\d_]"
    r"|(?:\s[-–—]\s|[–—:;])\s*(?:[^\W_]+\W+){2,}[^\W_]",  # an explanation after a dash or a colon
)
_FOR_A_REASON = re.compile(rf"\bfor\s+(?!(?:{_alternation(WORDS['for_is_not_why_before'])})\b|\d)[^\W\d_]")
_NOT_A_MEANS = WORDS["by_is_not_why_before"] | WORDS["written_numbers"] | WORDS["months"]
_BY_MEANS = re.compile(  # "by making pricing easier", "by a community"; not "by Q3", "by the end", "by 20%"
    rf"\bby\s+(?!(?:{_alternation(_NOT_A_MEANS)})\b)[^\W\d_]")
_SUPERLATIVE = re.compile(
    rf"\b(?:{_alternation(WORDS['superlatives'] | WORDS['superlative_phrases'])})\b|#1\b")
_BASELINE_PHRASE = re.compile(
    r"(?:\b(?:up|down)\s+)?\b(?:from|instead\s+of)\s+"
    r"(?:about\s+|around\s+|roughly\s+|~\s*)?[-+−]?[$€£¥]?\s?"
    rf"(?:\d[\d.,]*\s?%?|(?:{_WRITTEN_NUMBER})\b)"
    r"|\b(?:baseline|currently|today|now|was|vs\.?|versus|compared\s+(?:to|with))\b"
    r"\W{0,3}[~$€£¥]?\d[\d.,]*\s?%?",
    re.IGNORECASE,
)
_TARGET_PHRASE = re.compile(
    rf"{_ARROW}|[<>≤≥]"
    rf"|\b(?:to|by)\s+(?:about\s+|around\s+)?[-+−]?[$€£¥]?\s?(?:\d|(?:{_WRITTEN_NUMBER})\b)"
    r"|\b(?:at\s+least|at\s+most|below|under|above|over|fewer\s+than|less\s+than|more\s+than"
    r"|or\s+(?:more|less|better|above|below|higher|lower))\b",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(r"\b[^\W\d_]{3,}ier\b")  # happier, easier, speedier
_STAGE_SPLIT = re.compile(rf"\s*(?:{_ARROW}|>|;|\bthen\b|\(?\b\d{{1,2}}[.)]\s)\s*", re.IGNORECASE)
_LIST_SPLIT = re.compile(rf"\s*(?:,|;|\band\b|\bthen\b|/|{_ARROW})\s*", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•·–—]+|\d{1,2}[.)])?\s*")
_LAST_WORD = re.compile(r"([^\W\d_][\w'-]*)\W*$")
_FIRST_WORD = re.compile(r"[^\W_]")

_OPENING_PHRASES = sorted(
    (tuple(phrase.split()) for phrase in WORDS["opening_phrases"]), key=len, reverse=True)
_NOUN_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ship", "ism", "ology", "ance", "ence", "ency",
                  "ancy", "ics", "ure", "ery", "ory", "ary", "hood", "dom", "ist", "ee")
_ADJECTIVE_SUFFIXES = ("al", "ic", "ive", "ous", "ful", "less", "able", "ible", "est", "ent", "ant", "ed")
_VERB_SUFFIXES = ("ize", "ise", "ify", "yse", "yze", "ing")
_VERB_PREFIXES = ("re", "de", "co", "pre", "un", "over", "under", "out", "up", "cross", "fast", "kick",
                  "jump", "right", "future", "double", "e")


@dataclass(frozen=True)
class ItemText:
    """One item prepared for the rules: its tokens as typed and lowercased, and its language."""

    original: str
    lower: str
    cased: tuple[str, ...]
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    word_count: int
    char_count: int
    english: bool

    def word(self, index: int) -> str:
        return self.words[index] if 0 <= index < len(self.words) else ""


def read_item(text: str) -> ItemText | None:
    """The item ready for the rules, or None when nothing is written (blank, or only symbols)."""
    cleaned = _INVISIBLE.sub("", text or "").strip()
    analysed = unicodedata.normalize("NFKC", cleaned[:MAX_ANALYSED_CHARS])  # folds full-width letters
    analysed = analysed.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    analysed = _LEADING_LABEL.sub("", analysed, count=1).strip()
    if not analysed:
        return None
    word_count = len(cleaned.split()) + len(CJK.findall(analysed)) // 2  # CJK writes without spaces
    matches = list(_TOKEN.finditer(analysed))
    cased = tuple(match.group() for match in matches)
    words = tuple(token.lower() for token in cased)
    lower = analysed.lower()
    if len(lower) != len(analysed):  # "İ" lowers to two characters; positions must stay aligned
        lower = "".join(char.lower() if len(char.lower()) == 1 else char for char in analysed)
    return ItemText(analysed, lower, cased, words, tuple(match.span() for match in matches),
                    word_count, len(cleaned), _looks_english(analysed, words))


def _looks_english(text: str, words: Sequence[str]) -> bool:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return False
    latin = sum(1 for char in letters if char < "\u0250" or "\u1e00" <= char <= "\u1eff")
    if latin < 0.6 * len(letters):
        return False
    english = sum(1 for word in words if word in WORDS["english_markers"])
    foreign = sum(1 for word in words if word in WORDS["foreign_markers"])
    if any(not char.isascii() for char in letters):
        foreign += 1  # accents point away from English unless English words outnumber them
    return english >= foreign


# --- verbs ---------------------------------------------------------------------------------------

def opening_index(words: Sequence[str]) -> int:
    """Where the item's own words start, after "We will", "To", "Let's" and the like."""
    for phrase in _OPENING_PHRASES:
        if tuple(words[: len(phrase)]) == phrase and len(words) > len(phrase):
            return len(phrase)
    return 0


def _is_adverb(word: str) -> bool:
    return word in WORDS["adverbs"] or (word.endswith("ly") and len(word) > 4 and word not in WORDS["verbs"])


def skip_adverbs(words: Sequence[str], index: int) -> int:
    """The index of the first word from `index` on that is not an adverb ("Radically simplify")."""
    while index < len(words) - 1 and _is_adverb(words[index]):
        index += 1
    return index


def classify_word(item: ItemText, index: int) -> str:
    """Is the word at `index` a verb? VERB and NOT_VERB need evidence; anything else is UNKNOWN."""
    if index >= len(item.words):
        return NOT_VERB
    word, following = item.words[index], item.word(index + 1)
    if any(char.isdigit() for char in word):
        return NOT_VERB
    if word in WORDS["verbs"]:
        return NOT_VERB if following == "of" and word not in WORDS["verbs_taking_of"] else VERB
    if word in WORDS["non_verb_openers"] or word in WORDS["topic_nouns"] or word in WORDS["gerund_nouns"]:
        return NOT_VERB
    if _is_adverb(word):
        return classify_word(item, index + 1) if following else NOT_VERB
    if following in WORDS["object_openers"]:
        return VERB  # "Tame the ...", "Win back ...": an object or a particle follows a verb
    if "-" in word:
        head, _, last = word.partition("-")
        return VERB if head in _VERB_PREFIXES or last in WORDS["verbs"] else NOT_VERB
    if word.endswith(_VERB_SUFFIXES):
        return VERB
    if word.endswith(("er", "or")) and (word[:-2] in WORDS["verbs"] or word[:-1] in WORDS["verbs"]):
        return NOT_VERB  # an agent noun: manager, developer, investor
    if word.endswith(_NOUN_SUFFIXES + _ADJECTIVE_SUFFIXES):
        return NOT_VERB
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return NOT_VERB  # a plural noun or a third person: "Customers love ...", "Sales grows ..."
    return UNKNOWN


def reads_as_noun_phrase_start(item: ItemText, index: int) -> bool:
    """A verb that is also a noun, used as a noun: "Support quality", "Design system adoption"."""
    following = item.word(index + 1)
    return (item.word(index) in WORDS["noun_like_verbs"] and following not in WORDS["object_openers"]
            and following not in WORDS["non_verb_openers"])


# --- reasons -------------------------------------------------------------------------------------

def has_why(item: ItemText, verb_index: int, *, count_for: bool) -> bool:
    """Whether the words after the verb give a reason; "for + someone" counts only when asked."""
    if verb_index >= len(item.spans):
        return False
    rest = item.lower[item.spans[verb_index][1]:]
    if _WHY.search(rest) or _BY_MEANS.search(rest) or (count_for and _FOR_A_REASON.search(rest)):
        return True
    return _has_purpose_to(item, verb_index) or _says_what_it_does(item, verb_index)


def _says_what_it_does(item: ItemText, verb_index: int) -> bool:
    """A relative clause saying what the thing does or who uses it: "a team that helps us keep every
    customer", "an app that customers love"."""
    words = item.words
    for index in range(verb_index + 1, len(words) - 1):
        if words[index] not in WORDS["relative_pronouns"]:
            continue
        for following in words[index + 1:index + 3]:  # "that helps …", "that customers love"
            if following in WORDS["relative_clause_verbs"] or _third_person_verb(following) or _names_people(
                    following):
                return True
    return False


def _third_person_verb(word: str) -> bool:
    """ "supports", "drives", "watches": a verb of the list with the -s of the third person."""
    verbs = WORDS["verbs"]
    return word.endswith("s") and (word[:-1] in verbs or (word.endswith("es") and word[:-2] in verbs))


def names_a_beneficiary(item: ItemText, verb_index: int) -> bool:
    """People or organisations the change is for: "more people", "food critics", "mid-size retailers"."""
    return any(_names_people(word) for word in item.words[verb_index + 1:])


def _names_people(word: str) -> bool:
    """A known group of people, or a plural agent noun ("retailers", "dentists") that is not a thing."""
    if word in WORDS["people_nouns"]:
        return True
    agent_plural = word.endswith(("ers", "ors", "ists", "ians")) and len(word) > 5
    return agent_plural and word not in WORDS["plural_things"]


def beneficiary_after_for(item: ItemText, verb_index: int) -> bool:
    """ "for the sales team", "for new hires": a "for" that names who receives, not why."""
    words = item.words
    receivers = WORDS["people_nouns"] | {"team", "department", "group", "staff"}
    return any(word == "for" and any(later in receivers for later in words[index + 1:index + 5])
               for index, word in enumerate(words[verb_index + 1:], start=verb_index + 1))


def names_an_outcome(item: ItemText, verb_index: int) -> bool:
    """A state people would notice once the work is done: trust, adoption, productivity, culture …"""
    return any(word in WORDS["outcome_nouns"] for word in item.words[verb_index + 1:])


def content_words_after(item: ItemText, verb_index: int) -> int:
    """Words that carry meaning after the verb, leaving out articles, pronouns, prepositions and periods."""
    ignored = WORDS["non_verb_openers"] | WORDS["object_openers"] | WORDS["for_is_not_why_before"]
    return sum(1 for word in item.words[verb_index + 1:] if word not in ignored)


def is_superlative(item: ItemText) -> bool:
    return bool(_SUPERLATIVE.search(item.lower))


def gerund_stem(word: str) -> str:
    """The verb of a gerund ("making" → "make", "being" → "be"), or "" when the word is none."""
    if not word.endswith("ing") or word in WORDS["gerund_nouns"] or len(word) < 5:
        return ""
    stem = word[:-3]
    for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if candidate in WORDS["verbs"]:
            return candidate
    return ""


def _has_purpose_to(item: ItemText, verb_index: int) -> bool:
    """ "... to + verb" states a purpose; "to the cloud", "from 5 to 3", "time to market" do not."""
    words = item.words
    for index in range(verb_index + 1, len(words) - 1):
        if words[index] != "to" or words[index - 1] in WORDS["to_is_preposition_after"]:
            continue
        if "from" in words[max(verb_index, index - 5):index]:
            continue
        target = skip_adverbs(words, index + 1)
        following = item.cased[target]
        if following[:1].isupper() and not following.isupper() and words[target] not in WORDS["verbs"]:
            continue  # a proper noun: "to Stripe", "to Kubernetes"
        if words[target] in WORDS["activity_purposes"]:
            continue  # "a tracking system to report changes": the purpose is more work, not an outcome
        if words[target] not in WORDS["object_openers"] and classify_word(item, target) != NOT_VERB:
            return True
    return False


# --- numbers -------------------------------------------------------------------------------------

def _previous_word(text: str, position: int, first_word_at: int) -> tuple[str, bool]:
    """The word before `position` as typed, and whether it is the item's first word."""
    match = _LAST_WORD.search(text, max(0, position - 60), position)
    if not match:
        return "", False
    return match.group(1), match.start(1) == first_word_at


def _reads_as_year(previous: str, following: str) -> bool:
    if following in WORDS["words_after_a_year"]:
        return True
    ends_a_phrase = not following or following in WORDS["non_verb_openers"] or following in ("so", "to")
    return previous in WORDS["time_prepositions"] and ends_a_phrase


def metric_numbers(text: str, *, names_by_capitals: bool) -> int:
    """How many numbers in the text are measures, not dates, versions or names ("SOC 2", "Q3", "3D").

    With `names_by_capitals`, a number after a capitalised word inside the sentence is a name
    ("Windows 11"); objectives use that, key results do not ("Hit NPS 50" is a target).
    """
    count = 0
    first = _FIRST_WORD.search(text)
    first_word_at = first.start() if first else -1
    for match in _NUMBER.finditer(text):
        suffix = (match.group("suffix") or "").strip().lower()
        if match.group("currency") or suffix.startswith(("%", "per")):
            count += 1
            continue
        if suffix:
            count += suffix in WORDS["number_units"]  # "10k", "20ms" measure; "3D", "1st" name
            continue
        previous, previous_is_first = _previous_word(text, match.start(), first_word_at)
        lowered = previous.lower()
        following = text[match.end():match.end() + 12].lower().split()[:1]
        value = match.group("value")
        next_word = following[0].strip(",.;:!?)") if following else ""
        if len(value) == 4 and value[:2] in ("19", "20") and _reads_as_year(lowered, next_word):
            continue  # "by 2027", "Make 2027 the year ..."; but "in 2000 stores" counts stores
        if text[match.start() - 1:match.start()] == "#":
            continue  # "the #1 choice" is a way of saying "the best"
        if lowered in WORDS["months"] or next_word in WORDS["months"]:
            continue  # a day of a month: "by March 31"
        if lowered in WORDS["names_before_numbers"]:
            continue
        if names_by_capitals and previous[:1].isupper() and not previous_is_first:
            continue
        count += 1
    return count


def written_numbers(text: str) -> int:
    """Numbers written as English words: "twelve", "half", "double"."""
    return len(_WRITTEN_NUMBER_WORD.findall(text))


def zero_targets(text: str) -> int:
    """Targets of nought: "no accepted payment fails", "zero outages", "without a crash"."""
    return len(_ZERO_TARGET.findall(text))


def ranges(text: str) -> int:
    """Ranges and scores that measure: "4-5x", "10–15%", "8/10"."""
    return len(_RANGE_OR_SCORE.findall(text))


def measurable_amounts(item: ItemText) -> int:
    written = written_numbers(item.lower) + zero_targets(item.lower) if item.english else 0
    return metric_numbers(item.original, names_by_capitals=False) + ranges(item.original) + written


def is_vague(item: ItemText) -> bool:
    """A comparative or change word with nothing to anchor it yet: "more", "better", "improve"."""
    return any(word in WORDS["vague_words"] for word in item.words) or bool(_COMPARATIVE.search(item.lower))


def has_baseline(text: str) -> bool:
    return bool(_BASELINE_PHRASE.search(text))


def has_target(text: str) -> bool:
    """Whether a value to reach remains once the baseline ("from 12%", "currently 5") is set aside."""
    rest = _BASELINE_PHRASE.sub(" ", text)
    return bool(_TARGET_PHRASE.search(rest) or metric_numbers(rest, names_by_capitals=False)
                or written_numbers(rest) or zero_targets(rest))


# --- milestone stages ----------------------------------------------------------------------------

def stage_count(stages: str) -> int:
    """Named stages in the milestone field, one per line, bullets allowed."""
    return sum(1 for line in (stages or "").splitlines() if _BULLET.sub("", line).strip())


def stage_count_in_text(item: ItemText) -> int:
    """Stages named in the sentence: after a colon, between arrows or semicolons, or as a list of verbs."""
    text = item.original
    _, colon, tail = text.partition(":")
    if colon and tail.strip():
        return _count_parts(_LIST_SPLIT.split(tail))
    if _STAGE_SPLIT.search(text):
        return _count_parts(_STAGE_SPLIT.split(text))
    parts = [part for part in _LIST_SPLIT.split(text) if part.strip()]
    return sum(1 for part in parts if part.split()[0].lower() in WORDS["verbs"])


def _count_parts(parts: Iterable[str]) -> int:
    return sum(1 for part in parts if any(char.isalpha() for char in part or ""))
