"""The rules behind findings: stable ids, default severities, and the page each one prints.

A finding is what an editor acts on; each rule says what it flags, why it matters, an example
and how to fix it (``analyzer rules ID`` prints it, in the manner of ``ruff rule``). The texts
are English here and translated where they are shown (``rule(id, lang)``, see ``i18n``); the
ids and severities never change with the language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from analyzer.i18n import N_, translator


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
            N_("A factual statement in the writer's voice that no source stands behind."),
            N_(
                "Readers cannot tell who vouches for a number, an event or a decision the "
                "writer did not witness; an editor's first question is 'who says so?'."
            ),
            N_("The plant will close in June and 240 jobs will go."),
            N_(
                "Attribute the statement to a named source (according to the management, X "
                "said) or cite the document it comes from."
            ),
        ),
        Rule(
            "vague-source",
            "warning",
            N_("A statement attributed to an unspecific group or indefinite agent."),
            N_(
                "'Experts', 'the media', 'some' cannot be checked or held to account, and can "
                "hide the writer's own view."
            ),
            N_("Spanish media said the government…"),
            N_("Name the outlet, the expert or the organisation."),
        ),
        Rule(
            "anonymous-source",
            "warning",
            N_("A specific source the text does not name."),
            N_(
                "Anonymity can be justified, but readers should be told why the source is "
                "not named."
            ),
            N_("According to a source close to the case, the suspect fled."),
            N_(
                "Name the source, or say why anonymity was granted (on condition of anonymity, "
                "because they were not authorised to speak)."
            ),
        ),
        Rule(
            "unattributed-quote",
            "warning",
            N_("A quotation nobody is said to have spoken."),
            N_(
                "A quotation without a speaker cannot be checked and may be misread as the "
                "writer's."
            ),
            N_("“Hands off my school.”"),
            N_("Say who said or wrote it, and where."),
        ),
        Rule(
            "unattributed-hedge",
            "warning",
            N_("The writer declines to vouch for a statement without saying whose doubt it is."),
            N_(
                "'Reportedly', 'apparently' or a journalistic conditional signal an unconfirmed "
                "fact; without a source the reader cannot weigh it."
            ),
            N_("The minister has reportedly resigned."),
            N_(
                "Confirm the fact, or attribute it (the minister has resigned, X said, "
                "without confirming it)."
            ),
        ),
        Rule(
            "weasel-phrase",
            "warning",
            N_("An indefinite source used to assert something."),
            N_(
                "'Some say', 'it is said that', 'many believe' pass an opinion off as common "
                "knowledge."
            ),
            N_("It is rumoured that the mayor will not run again."),
            N_("Name who says it, or drop the claim."),
        ),
        Rule(
            "non-neutral-verb",
            "info",
            N_("A reporting verb that judges what it reports."),
            N_(
                "'Claim' casts doubt, 'admit' implies guilt, 'reveal' presupposes truth, "
                "'slam' evaluates: the verb frames the speaker."
            ),
            N_("The mayor claimed the accounts were balanced."),
            N_(
                "Prefer a neutral verb (say, state, tell, add) unless the judgement is itself "
                "reported."
            ),
        ),
        Rule(
            "loaded-term",
            "warning",
            N_("An evaluative or emotive word in the writer's own voice."),
            N_(
                "Words such as 'scandal', 'ordeal', 'regime' carry a judgement the reader may "
                "take for fact."
            ),
            N_("The canteen scandal broke on Tuesday."),
            N_("Use a descriptive word, or quote the person who used the loaded one."),
        ),
        Rule(
            "single-source",
            "info",
            N_("Most of the attributed statements come from one source."),
            N_("A story told by one voice gives the reader no way to check it against another."),
            N_("Six attributions, five of them to the same spokesperson."),
            N_("Add an independent source: the other side, a document, an expert."),
        ),
        Rule(
            "unused-suppression",
            "warning",
            N_("An inline suppression comment that suppresses nothing."),
            N_("Stale suppressions hide future findings and mislead the next editor."),
            N_("<!-- analyzer: ignore vague-source --> before a paragraph with no vague source."),
            N_("Remove the comment, or correct the rule name it gives."),
        ),
    )
}


def rule(rule_id: str, lang: str | None = None) -> Rule:
    """A rule, its page in ``lang`` (English by default)."""
    return localized(RULES[rule_id], lang)


def localized(r: Rule, lang: str | None) -> Rule:
    """The rule's page in ``lang``; the id and the severity stay as they are."""
    tr = translator(lang)
    return replace(
        r, summary=tr(r.summary), why=tr(r.why), example=tr.verbatim(r.example), fix=tr(r.fix)
    )
