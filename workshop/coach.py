"""The coach: a deterministic, offline reviewer of objectives, key results and whole sets (ARCHITECTURE.md, The coach).

It reads one item as it is typed and answers with findings; each carries a stable rule code, a severity,
a sentence a facilitator can read aloud and the shape of a rewrite. Those sentences and the word lists
the rules use live in assets/coach_rules.json; this module holds only the judgement.

Severities follow what a facilitator would do: an *error* means the item cannot be scored at the end of
the period, a *warning* means the room should rewrite it, a *tip* polishes it. False alarms cost trust, so
every grammar rule needs positive evidence before it speaks (an unfamiliar first word counts as a verb),
a purpose the reader can see in the words (a beneficiary, an outcome) softens a missing "why" to a tip,
and the English grammar rules run only on English-looking text: a team writing in another language sees
only the language-neutral findings (numbers, length, stages). What each rule takes as evidence is
written beside it in assets/coach_rules.json.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assets import load_json
from workshop.coach_activity import counts_activity
from workshop.coach_reading import (
    CJK, MULTIPLIER_OPENING, NOT_VERB, UNKNOWN, WORDS, ItemText, beneficiary_after_for, classify_word,
    content_words_after, gerund_stem, has_baseline, has_target, has_why, is_superlative, is_vague,
    measurable_amounts, metric_numbers, names_a_beneficiary, names_an_outcome, opening_index, ranges,
    reads_as_noun_phrase_start, read_item, skip_adverbs, stage_count, stage_count_in_text,
)

ERROR, WARNING, TIP = "error", "warning", "tip"
METRIC, MILESTONE = "metric", "milestone"  # the key-result kinds of workshop.models
CASCADE_MODELS_NEEDING_A_PARENT = ("duality", "flexible")
SHORTEST_OBJECTIVE_WORDS, LONGEST_OBJECTIVE_WORDS = 4, 30
SHORTEST_OBJECTIVE_WORDS_OTHER_LANGUAGES = 3  # languages without articles say the same in fewer words
SHORTEST_READABLE_PURPOSE_WORDS = 5  # "Delight our enterprise customers" is still only a wish
LONGEST_OBJECTIVE_CHARS = 300  # also catches a pasted block with no spaces
FEWEST_OBJECTIVES, MOST_OBJECTIVES = 3, 5
FEWEST_KEY_RESULTS, MOST_KEY_RESULTS = 3, 5


@dataclass(frozen=True)
class Rule:
    """One entry of the catalogue; `message` may hold {count} and {objective} placeholders.

    `evidence` says, for people tuning the coach, what in the words makes the rule speak."""

    code: str
    severity: str
    title: str
    message: str
    rewrite: str
    evidence: str


@dataclass(frozen=True)
class Finding:
    """What the coach says about one item: which rule, how serious, the sentence and a rewrite shape."""

    code: str
    severity: str
    message: str
    rewrite: str


@dataclass(frozen=True)
class SetObjective:
    """What the set rules need to know about one objective of the team's set."""

    text: str
    key_result_count: int
    aligned: bool


_RULE_TEXTS = load_json("coach_rules.json")["rules"]
RULES: dict[str, Rule] = {code: Rule(code=code, **entry) for code, entry in _RULE_TEXTS.items()}
_RULE_ORDER = {code: position for position, code in enumerate(RULES)}
_SEVERITY_ORDER = {ERROR: 0, WARNING: 1, TIP: 2}


def _finding(code: str, severity: str = "", **values: object) -> Finding:
    """The rule's finding; `severity` softens it where the rule's evidence is only partly there."""
    rule = RULES[code]
    return Finding(code, severity or rule.severity, rule.message.format(**values), rule.rewrite)


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda found: (_SEVERITY_ORDER[found.severity], _RULE_ORDER[found.code]))


def needs_work(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error or a warning; tips never count against an item."""
    return any(found.severity in (ERROR, WARNING) for found in findings)


# --- objectives ----------------------------------------------------------------------------------

# Under the duality cascade a company key result becomes the team's objective word for word: its
# number and its missing "why" are by design, so those rules would only be false alarms there.
_NOT_FOR_ADOPTED_KEY_RESULTS = {"OBJ-NUMBER", "OBJ-WHY", "OBJ-TASK"}


def review_objective(text: str, adopted_key_result: bool = False) -> list[Finding]:
    """Findings about one objective; an empty text has none (the screen shows nothing for it).

    `adopted_key_result` marks an objective taken from a company key result (duality cascade)."""
    if adopted_key_result:
        return [f for f in review_objective(text) if f.code not in _NOT_FOR_ADOPTED_KEY_RESULTS]
    item = read_item(text)
    if item is None:
        return []
    findings: list[Finding] = []
    explained = False
    if item.english and item.words:
        findings, explained = _objective_grammar(item)
    measures = metric_numbers(item.original, names_by_capitals=True) or ranges(item.original)
    if measures or MULTIPLIER_OPENING.search(" ".join(item.words[opening_index(item.words):])):
        findings.append(_finding("OBJ-NUMBER"))
    shortest = SHORTEST_OBJECTIVE_WORDS if item.english else SHORTEST_OBJECTIVE_WORDS_OTHER_LANGUAGES
    too_short = item.word_count < shortest and not explained and not CJK.search(item.original)
    too_long = item.word_count > LONGEST_OBJECTIVE_WORDS or item.char_count > LONGEST_OBJECTIVE_CHARS
    if too_short or too_long:
        findings.append(_finding("OBJ-LENGTH"))
    return _sorted(findings)


def _objective_grammar(item: ItemText) -> tuple[list[Finding], bool]:
    """Verb, why, topic, task and superlative findings, and whether they already explain a too-short text."""
    start = opening_index(item.words)
    opening = classify_word(item, start)
    verb_index = skip_adverbs(item.words, start)
    has_purpose = has_why(item, verb_index, count_for=False)
    if not has_purpose and _is_topic(item, start, opening):  # "for the sales team" gives no reason
        return [_finding("OBJ-TOPIC")], True
    findings = [_finding("OBJ-VERB")] if _opens_without_a_verb(item, start, opening, has_purpose) else []
    verb = item.words[verb_index]
    if opening != NOT_VERB and verb in WORDS["task_verbs"] and not has_purpose and not _names_a_need(
            item, verb_index):
        findings.append(_finding("OBJ-TASK"))
    elif not has_purpose:  # a warning only when no purpose at all can be read from the words
        findings.append(_finding("OBJ-WHY", severity=TIP if _purpose_can_be_read(item, verb_index) else ""))
    if is_superlative(item) and not has_why(item, verb_index, count_for=True) and not names_a_beneficiary(
            item, verb_index):
        findings.append(_finding("OBJ-VAGUE"))
    explained = any(found.code in ("OBJ-TASK", "OBJ-WHY") and found.severity == WARNING for found in findings)
    return findings, explained


def _opens_without_a_verb(item: ItemText, start: int, opening: str, has_purpose: bool) -> bool:
    """A noun, a subject ("LSIF is adopted …"), a gerund ("Making …") or a bare "To define …"."""
    if opening == NOT_VERB:
        return True
    first = item.words[start]
    if item.word(start + 1) in WORDS["subject_followers"] and first not in WORDS["verbs"]:
        return True
    # Non-finite openings ("Making …", "To define …") read as an aim only when a reason follows.
    gerund = start == 0 and gerund_stem(first)
    return (bool(gerund) or (item.words[0] == "to" and start == 1)) and not has_purpose


def _purpose_can_be_read(item: ItemText, verb_index: int) -> bool:
    """No explicit "why", but the reader can see whom it serves or what it changes.

    "For + someone or something" always counts; a beneficiary, an outcome noun or a change verb with a
    concrete object count from five words on, because a shorter text has room only for verb and object."""
    if has_why(item, verb_index, count_for=True):
        return True
    if item.word_count < SHORTEST_READABLE_PURPOSE_WORDS:
        return False
    changes = item.words[verb_index] in WORDS["change_verbs"] and content_words_after(item, verb_index) >= 3
    return names_a_beneficiary(item, verb_index) or names_an_outcome(item, verb_index) or changes


def _names_a_need(item: ItemText, verb_index: int) -> bool:
    """A deliverable that says what it serves: "for the demands of …", or an outcome such as a culture."""
    serves = has_why(item, verb_index, count_for=True) and not beneficiary_after_for(item, verb_index)
    return serves or names_an_outcome(item, verb_index)


def _is_topic(item: ItemText, start: int, opening: str) -> bool:
    """A bare noun phrase: no verb to be found, or a noun-like verb opening a few words."""
    words = item.words[start:]
    if len(words) > 8:
        return False
    # The last word of a noun phrase is its head, often a verb-noun: "Website relaunch", "Pay review".
    later_verbs = [word for word in words[1:-1]
                   if word in WORDS["verbs"] and word not in WORDS["noun_like_verbs"]]
    if opening == NOT_VERB:
        return not later_verbs
    return len(words) <= 4 and not later_verbs and reads_as_noun_phrase_start(item, start)


# --- key results ---------------------------------------------------------------------------------

def review_key_result(text: str, kind: str = METRIC, stages: str = "", *,
                      baseline: str = "", target: str = "") -> list[Finding]:
    """Findings about one key result; `stages` holds a milestone's stage names, one per line.

    `baseline` and `target` are the separate fields of the key-result form, when the screen has them:
    a number typed there counts just like one written in the sentence.
    """
    if kind not in (METRIC, MILESTONE):
        raise ValueError(f"unknown key-result kind {kind!r}")
    item = read_item(text)
    if item is None:
        return []
    start = opening_index(item.words)
    if kind == MILESTONE:
        staged = stage_count(stages) >= 2 or stage_count_in_text(item) >= 2
        findings = [] if staged else [_finding("KR-STAGES")]
    else:
        findings = _measure_findings(item, start, baseline.strip(), target.strip())
        if item.english and item.words and counts_activity(item, start):
            findings.append(_finding("KR-ACTIVITY"))
    measurable = not any(found.severity == ERROR for found in findings)
    if measurable and item.english and item.words and _key_result_opens_without_verb(item, start):
        findings.append(_finding("KR-VERB"))  # only polish once the measure itself is clear
    return _sorted(findings)


def _key_result_opens_without_verb(item: ItemText, start: int) -> bool:
    opening = classify_word(item, start)
    if opening == NOT_VERB:
        return True
    return item.word(start + 1) in WORDS["passive_second_words"] and (
        opening == UNKNOWN or reads_as_noun_phrase_start(item, start))


def _measure_findings(item: ItemText, start: int, baseline: str, target: str) -> list[Finding]:
    vague = item.english and is_vague(item)
    if not measurable_amounts(item) and not target:
        return [_finding("KR-VAGUE" if vague else "KR-NUMBER")]
    if not item.english:
        return []  # "from X to Y" is read in English only; a number is all we can check here
    if not target and not has_target(item.lower):
        return [_finding("KR-VAGUE")]  # only a baseline: "Reduce churn from 5%"
    maintains = item.word(start) in WORDS["maintain_verbs"]
    return [] if baseline or maintains or has_baseline(item.lower) else [_finding("KR-FROM-TO")]


# --- the whole set -------------------------------------------------------------------------------

def _brief(text: str, words: int = 6, characters: int = 60) -> str:
    """The first few words of an objective, enough for the room to know which one is meant."""
    parts = text.split()
    brief = " ".join(parts[:words])
    if len(brief) > characters:
        brief = brief[:characters - 1].rstrip()
    return brief + ("…" if brief != " ".join(parts) else "")


def review_set(objectives: Sequence[SetObjective], cascade_model: str) -> list[Finding]:
    """Findings about the team's whole set: how many objectives, key results each, alignment, copies."""
    written = [objective for objective in objectives if objective.text.strip()]
    if not written:
        return []
    findings: list[Finding] = []
    if len(written) > MOST_OBJECTIVES:
        findings.append(_finding("SET-OBJ-COUNT", count=len(written)))
    elif len(written) < FEWEST_OBJECTIVES:
        findings.append(_finding("SET-OBJ-FEW", count=len(written)))
    seen: set[str] = set()
    for objective in written:
        brief = _brief(objective.text)
        if not FEWEST_KEY_RESULTS <= objective.key_result_count <= MOST_KEY_RESULTS:
            findings.append(_finding("SET-KR-COUNT", objective=brief, count=objective.key_result_count))
        if cascade_model in CASCADE_MODELS_NEEDING_A_PARENT and not objective.aligned:
            findings.append(_finding("SET-ALIGN", objective=brief))
        normalised = " ".join(objective.text.casefold().split())
        if normalised in seen:
            findings.append(_finding("SET-DUPLICATE", objective=brief))
        seen.add(normalised)
    return findings
