"""The rules behind findings: stable ids, default severities, and the page each one prints.

A finding is what an editor acts on; each rule says what it flags, why it matters, an example
and how to fix it (``analyzer rules ID`` prints it, in the manner of ``ruff rule``).
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    summary: str
    why: str
    example: str
    fix: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "unattributed-claim",
            "warning",
            "A factual statement in the writer's voice that no source stands behind.",
            "Readers cannot tell who vouches for a number, an event or a decision the writer "
            "did not witness; an editor's first question is 'who says so?'.",
            "L'usine fermera en juin et 240 emplois seront supprimés.",
            "Attribute the statement to a named source (selon la direction, a indiqué X) or "
            "cite the document it comes from.",
        ),
        Rule(
            "vague-source",
            "warning",
            "A statement attributed to an unspecific group or indefinite agent.",
            "'Des experts', 'les médias', 'on' cannot be checked or held to account, and can "
            "hide the writer's own view.",
            "Les médias espagnols ont précisé que le gouvernement…",
            "Name the outlet, the expert or the organisation.",
        ),
        Rule(
            "anonymous-source",
            "warning",
            "A specific source the text does not name.",
            "Anonymity can be justified, but readers should be told why the source is not named.",
            "Selon une source proche du dossier, le suspect aurait fui.",
            "Name the source, or say why anonymity was granted (sous couvert d'anonymat, "
            "because they were not authorised to speak).",
        ),
        Rule(
            "unattributed-quote",
            "warning",
            "A quotation nobody is said to have spoken.",
            "A quotation without a speaker cannot be checked and may be misread as the writer's.",
            "« Touche pas à mon école. »",
            "Say who said or wrote it, and where.",
        ),
        Rule(
            "unattributed-hedge",
            "warning",
            "The writer declines to vouch for a statement without saying whose doubt it is.",
            "A journalistic conditional or 'apparemment' signals an unconfirmed fact; without a "
            "source the reader cannot weigh it.",
            "Le ministre aurait démissionné.",
            "Confirm the fact, or attribute it (selon X, le ministre aurait démissionné).",
        ),
        Rule(
            "weasel-phrase",
            "warning",
            "An indefinite source used to assert something.",
            "'On dit que', 'selon certains', 'some say' pass an opinion off as common knowledge.",
            "Il se murmure que le maire ne se représentera pas.",
            "Name who says it, or drop the claim.",
        ),
        Rule(
            "non-neutral-verb",
            "info",
            "A reporting verb that judges what it reports.",
            "'Prétendre' casts doubt, 'avouer' implies guilt, 'révéler' presupposes truth, "
            "'fustiger' evaluates: the verb frames the speaker.",
            "Le maire a prétendu que les comptes étaient à l'équilibre.",
            "Prefer a neutral verb (dire, déclarer, indiquer, affirmer) unless the judgement is "
            "itself reported.",
        ),
        Rule(
            "loaded-term",
            "warning",
            "An evaluative or emotive word in the writer's own voice.",
            "Words such as 'scandale', 'calvaire', 'régime' carry a judgement the reader may "
            "take for fact.",
            "Le scandale de la cantine a éclaté mardi.",
            "Use a descriptive word, or quote the person who used the loaded one.",
        ),
        Rule(
            "single-source",
            "info",
            "Most of the attributed statements come from one source.",
            "A story told by one voice gives the reader no way to check it against another.",
            "Six attributions, five of them to the same spokesperson.",
            "Add an independent source: the other side, a document, an expert.",
        ),
        Rule(
            "unused-suppression",
            "warning",
            "An inline suppression comment that suppresses nothing.",
            "Stale suppressions hide future findings and mislead the next editor.",
            "<!-- analyzer: ignore vague-source --> before a paragraph with no vague source.",
            "Remove the comment, or correct the rule name it gives.",
        ),
    )
}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]
