"""Does a key result count the team's own work rather than what that work changes? (ARCHITECTURE.md, The coach, issue 16)

"Hire two marketers", "Run 3 training events", "Write 12 articles", "Migrate 95% of the tests" and "Raise
our checklist compliance to 90%" all carry a number, yet each measures effort: the room can hit them and
change nothing for anyone. The coach recognises such key results by their shape, never by their topic:

- an activity verb opening the key result (hire, interview, run, hold, write, publish, plan, develop …);
- a verb that makes or adds things (launch, ship, build, add, recruit …) followed by a count of them,
  unless the count is a share ("Ship 98% of orders") or of people outside the team ("Add 500 paying
  customers", "Recruit 40 study participants" are outcomes; "Add 3 developers" is hiring);
- a count of activity nouns ("10+ demo calls", "3 blog posts") with nobody outside the team before it;
- a share of the team's own work, tests, plan or checklist, or effort given ("devotes 2 days");
- hiring "to plan".

A later number after an outcome word ("Run 6 webinars that bring in 150 sign-ups") says what the work
brings, and then the key result is an outcome after all.
"""

from __future__ import annotations

import re

from workshop.coach_reading import WORDS, ItemText, metric_numbers, written_numbers

_TO_PLAN = re.compile(r"\b(?:to|per|against)\s+(?:the\s+|our\s+)?(?:hiring\s+)?plan\b|\bhiring\s+plan\b")
_SHARE = re.compile(r"\d\s?%|\bhalf\b|\ball\s+(?:of\s+)?(?:the|our|their)\b")
_PEOPLE = WORDS["people_nouns"] | WORDS["people_words_singular"]
_COUNT_WINDOW = 4  # "Launch with 3 content types": the count follows the verb closely


def counts_activity(item: ItemText, start: int) -> bool:
    """True when the key result counts or completes the team's own work and names no result of it."""
    words = item.words
    if not words or start >= len(words):
        return False
    if _shares_own_work(item) or _TO_PLAN.search(item.lower):
        return True  # a share of the team's own plan, tests or checklist is done work, whatever it reaches
    first_count = _first_count(item, start)
    found = (_opens_with_activity(item, start) or _counts_things_made(item, start, first_count)
             or _counts_activity_nouns(item, first_count))
    return found and not _names_what_it_brings(item, start, first_count)


def _is_count(word: str) -> bool:
    return any(char.isdigit() for char in word) or word in WORDS["written_numbers"]


def _first_count(item: ItemText, start: int) -> int:
    """Index of the first word that is a number, or -1."""
    return next((index for index in range(start, len(item.words)) if _is_count(item.words[index])), -1)


def _is_share(item: ItemText, index: int) -> bool:
    """ "98% of orders", "half of the calls": a share of something, not a count of things done."""
    after = item.original[item.spans[index][1]:item.spans[index][1] + 3].lstrip()
    return after.startswith("%") or item.word(index + 1) in ("of", "percent", "per-cent")


def _opens_with_activity(item: ItemText, start: int) -> bool:
    verb, pair = item.word(start), " ".join(item.words[start:start + 2])
    counts_output = verb in WORDS["output_verbs"] and any(  # "Deliver 5 new features"
        word in WORDS["activity_nouns"] for word in item.words[start + 1:start + 6])
    return verb in WORDS["activity_verbs"] or pair in WORDS["activity_phrases"] or counts_output


def _counts_things_made(item: ItemText, start: int, first_count: int) -> bool:
    """ "Launch with 3 content types", "Add full 3 full time developers"; not "Add 500 paying customers"."""
    if item.word(start) not in WORDS["making_verbs"] or not 0 < first_count - start <= _COUNT_WINDOW:
        return False
    if _is_share(item, first_count):
        return False
    counted = item.words[first_count + 1:first_count + 5]
    staff = any(word in WORDS["staff_nouns"] for word in counted)
    return staff or not any(word in _PEOPLE for word in counted)


def _counts_activity_nouns(item: ItemText, first_count: int) -> bool:
    """ "3 blog posts", "10+ demo calls" — unless people outside the team do them ("10 user tweets")."""
    if first_count < 0 or _is_share(item, first_count):
        return False
    if any(word in _PEOPLE for word in item.words[:first_count]):
        return False
    phrase = item.words[first_count + 1:first_count + 4]
    if any(word in _PEOPLE for word in phrase):
        return False
    return any(word in WORDS["activity_nouns"] for word in phrase[:2])


def _lemma_in(word: str, lemmas: frozenset[str]) -> bool:
    """The word or its -s, -es, -ed, -d form is in `lemmas` ("completes", "refactored", "devotes")."""
    candidates = (word, word[:-1], word[:-2]) if word.endswith(("s", "d")) else (word,)
    return any(candidate in lemmas for candidate in candidates)


def _shares_own_work(item: ItemText) -> bool:
    """ "Each team completes >80% of the work", "Migrate 95% of e2e tests", "checklist compliance to 90%"."""
    words = item.words
    if "checklist" in words and any(_is_count(word) for word in words):
        return True
    if any(_lemma_in(word, WORDS["effort_verbs"]) for word in words) and any(_is_count(w) for w in words):
        return True
    if not _SHARE.search(item.lower):
        return False
    works_on_own = any(_lemma_in(word, WORDS["own_work_verbs"]) for word in words)
    return works_on_own and any(word in WORDS["own_work_nouns"] for word in words)


def _names_what_it_brings(item: ItemText, start: int, first_count: int) -> bool:
    """A number after an outcome word says what the work brings: "… that bring in 150 sign-ups",
    "Hold churn below 2%", "Run payroll with zero errors"; but "with 3 content types" counts the work."""
    words = item.words
    for index in range(start + 1, len(words)):
        word = words[index]
        if word not in WORDS["outcome_connectors"]:
            continue
        if word == "at" and item.word(index + 1) in ("least", "most"):
            continue
        if word == "with" and index + 1 == first_count and item.word(index + 1) != "zero":
            continue
        rest = item.original[item.spans[index][1]:]
        if metric_numbers(rest, names_by_capitals=False) or written_numbers(rest.lower()):
            return True
    return False
