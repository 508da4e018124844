"""Speakers and sources: pronouns, appositions, grouping, types (docs/annotation.md section 2)."""

import pytest

from tests.conftest import describe


def test_pronoun_resolves_to_the_antecedent_that_agrees(fr):
    text = (
        "Le maire, Hervé Dumas, a reçu la directrice de l'école, Sylvie Morel. "
        "Elle a affirmé que les classes rouvriraient lundi."
    )
    report = fr.analyze(text)
    atts = report.attributions
    assert len(atts) == 1, describe(text, atts)
    assert atts[0].speaker.span.text == "Elle", describe(text, atts)
    assert atts[0].speaker.resolved and "Morel" in atts[0].speaker.resolved, describe(text, atts)
    assert atts[0].speaker.type == "person", describe(text, atts)


def test_mentions_of_one_person_form_one_source(fr):
    text = (
        "Abel Ferrand, ministre de l'Agriculture, a déclaré que les aides seraient versées. "
        "« Nous tiendrons parole », a ajouté le ministre.\n\n"
        "M. Ferrand a enfin assuré que le calendrier serait respecté."
    )
    report = fr.analyze(text)
    assert len(report.attributions) == 3, describe(text, report.attributions)
    ids = {a.speaker.source_id for a in report.attributions}
    assert len(ids) == 1, describe(text, report.attributions)
    assert report.sources[0].type == "person"
    assert "Ferrand" in report.sources[0].name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Selon le ministère de la Santé, les urgences sont saturées.", "organisation"),
        ("Selon une source diplomatique, les discussions sont suspendues.", "anonymous"),
        ("Selon certains observateurs, les discussions sont suspendues.", "vague"),
        ("Selon un rapport de la Cour des comptes, la dette a doublé.", "document"),
        ("Selon le préfet de la Gironde, la digue a cédé dans la nuit.", "role"),
        ("Selon Marie Lefort, la digue a cédé dans la nuit.", "person"),
        # "on" in a named circle is anonymous, a bare "on" vague (ANNOTATION.md 2)
        ("On assure à Matignon que la réforme sera votée.", "anonymous"),
        ("On dit que la réforme sera votée.", "vague"),
        ("La réforme sera votée, confie-t-on dans l’entourage du ministre.", "anonymous"),
        # plurals of person nouns: specific people by nature, by a definite determiner or as
        # members of a named body are anonymous; an unspecific group is vague
        ("Selon plusieurs témoins, le camion roulait très vite.", "anonymous"),
        ("Selon des sources policières, le suspect a été interpellé.", "anonymous"),
        ("Selon plusieurs responsables de l'Unesco, le site sera classé.", "anonymous"),
        ("Selon les auteurs de l'étude, la tendance se confirme.", "anonymous"),
        ("Selon l'un d'eux, la grève sera reconduite.", "anonymous"),
        # institutions as a body, a share of a group, a record
        ("Selon les syndicats, la grève sera reconduite.", "organisation"),
        ("Selon les forces de l'ordre, le cortège comptait 3 000 personnes.", "organisation"),
        ("Selon 40 % des personnes interrogées, la réforme est injuste.", "vague"),
        ("Selon un reportage de la télévision publique, la digue a cédé.", "document"),
        ("Selon les premiers éléments de l'enquête, le conducteur roulait vite.", "document"),
        # names from every region by their form: a first name read without accents, a name
        # particle, a name set beside an office whatever the first name
        ("Selon Stève Léger, la route sera rouverte demain.", "person"),
        ("Selon Ine Van Wymersch, le dossier sera transmis au parquet.", "person"),
        (
            "Selon Yacouba Ouédraogo, porte-parole du gouvernement, la route sera rouverte.",
            "person",
        ),
    ],
)
def test_source_types(fr, text, expected):
    atts = fr.analyze(text).attributions
    assert len(atts) == 1, describe(text, atts)
    assert atts[0].speaker.type == expected, describe(text, atts) + f" typed {atts[0].speaker.type}"


def test_a_cue_with_no_subject_continues_the_speaker_before_it(fr):
    text = (
        "Le préfet de l'Hérault, Hugues Moutier, a annoncé que la manifestation était "
        "interdite. Et de préciser que quatre personnes avaient été interpellées."
    )
    atts = fr.analyze(text).attributions
    assert len(atts) == 2, describe(text, atts)
    assert atts[1].speaker is not None, describe(text, atts)
    assert atts[1].speaker.source_id == atts[0].speaker.source_id, describe(text, atts)
    assert atts[1].speaker.type == "person", describe(text, atts)


def test_pronoun_after_an_apposed_description_resolves_to_the_name(fr):
    text = (
        "Le directeur du musée, Tiago Alvès, annonce la réouverture des salles. "
        "« Nous avons tout repeint en trois mois », explique-t-il."
    )
    atts = fr.analyze(text).attributions
    quoted = [a for a in atts if a.speaker is not None and a.speaker.span.text == "il"]
    assert quoted, describe(text, atts)
    assert quoted[0].speaker.resolved and "Alvès" in quoted[0].speaker.resolved
    assert quoted[0].speaker.type == "person", describe(text, atts)


def test_a_description_referring_back_to_a_name_is_that_person(fr):
    text = (
        "Le procureur fédéral Frédéric Van Leeuw a confirmé que l'enquête se poursuivait. "
        "Le magistrat a ajouté que deux suspects avaient été entendus."
    )
    report = fr.analyze(text)
    atts = report.attributions
    assert len(atts) == 2, describe(text, atts)
    assert {a.speaker.type for a in atts} == {"person"}, describe(text, atts)
    assert len({a.speaker.source_id for a in atts}) == 1, describe(text, atts)


def test_people_sharing_a_role_word_and_a_vague_group_stay_apart(fr):
    text = (
        "La députée socialiste Nadia Ferrand a affirmé que le budget était insincère. "
        "Le député Gaëtan Roussel a estimé que le texte serait rejeté. "
        "Certains députés de la majorité ont jugé que le calendrier était intenable."
    )
    report = fr.analyze(text)
    atts = report.attributions
    assert len(atts) == 3, describe(text, atts)
    assert len({a.speaker.source_id for a in atts}) == 3, describe(text, atts)
    assert [a.speaker.type for a in atts] == ["person", "person", "vague"], describe(text, atts)


def test_a_demonstrative_record_is_the_record_cited_before(fr):
    text = (
        "Un rapport de la Cour des comptes affirme que la dette a doublé. "
        "Ce document souligne aussi que les dépenses ont dérapé."
    )
    atts = fr.analyze(text).attributions
    assert len(atts) == 2, describe(text, atts)
    assert atts[0].speaker.source_id == atts[1].speaker.source_id, describe(text, atts)
    assert {a.speaker.type for a in atts} == {"document"}, describe(text, atts)


def test_a_pronoun_refers_to_a_speaker_before_a_person_named_in_what_was_said(en):
    text = (
        "Foreign Office Spokesman Qazi Rahimullah said the leaders of Saudi Arabia and Iran "
        "had praised the effort. He said Prime Minister Nawaz Sharif would visit Qatar next "
        "week. He said no date had been set for the talks."
    )
    atts = en.analyze(text).attributions
    pronouns = [a for a in atts if a.speaker is not None and a.speaker.span.text == "He"]
    assert len(pronouns) == 2, describe(text, atts)
    for att in pronouns:
        assert att.speaker.resolved and "Rahimullah" in att.speaker.resolved, describe(text, atts)
        assert att.speaker.type == "person", describe(text, atts)


def test_an_office_with_a_capital_refers_back_to_the_named_holder(en):
    text = (
        "Health Minister Antonio Lalaqavu said the outbreak was under control. "
        "The Minister said that more nurses would be sent to the islands."
    )
    atts = en.analyze(text).attributions
    assert len(atts) == 2, describe(text, atts)
    assert [a.speaker.type for a in atts] == ["person", "person"], describe(text, atts)
    assert atts[0].speaker.source_id == atts[1].speaker.source_id, describe(text, atts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said the road would stay closed until Monday.", "organisation"),
        ("Reuters reported that the talks had stalled.", "organisation"),
        ("A worried Nigerian said that the market had been closed for days.", "anonymous"),
        ("Some reports said the striker would miss the final.", "vague"),
        ("Three people said the talks had stalled overnight.", "anonymous"),
        ("The Spokesman said that no date had been set.", "role"),
        ("A Veranta spokesperson said the company would apply in June.", "anonymous"),
        ("A spokesman for Mr Hale said the minister would stand down.", "anonymous"),
    ],
)
def test_english_source_types(en, text, expected):
    atts = en.analyze(text).attributions
    assert len(atts) == 1, describe(text, atts)
    assert atts[0].speaker.type == expected, describe(text, atts) + f" typed {atts[0].speaker.type}"


def test_a_name_in_apposition_to_any_noun_makes_a_person(fr):
    text = "Son principal rival Mamadou Kourouma a affirmé que le scrutin était truqué."
    atts = fr.analyze(text).attributions
    assert len(atts) == 1, describe(text, atts)
    assert atts[0].speaker.type == "person", describe(text, atts)


def test_an_office_named_later_in_the_text_is_that_person(fr):
    text = (
        "Le parquet a ouvert une enquête pour violation du secret, a indiqué sa porte-parole.\n\n"
        "« Aucune piste n'est écartée », a précisé Ine Van Wymersch, porte-parole du parquet."
    )
    atts = fr.analyze(text).attributions
    assert len(atts) == 2, describe(text, atts)
    assert [a.speaker.type for a in atts] == ["person", "person"], describe(text, atts)
    assert atts[0].speaker.source_id == atts[1].speaker.source_id, describe(text, atts)


def test_it_speaks_for_the_body_named_before_not_a_person(en):
    text = (
        "The Ministry of Health said on Monday that 40 cases had been confirmed, according to "
        "Director Celine Laori. It urged the public to boil drinking water."
    )
    atts = en.analyze(text).attributions
    spoken = [a for a in atts if a.speaker is not None and a.speaker.span.text == "It"]
    assert spoken, describe(text, atts)
    assert spoken[0].speaker.type == "organisation", describe(text, atts)


def test_a_description_with_adjectives_refers_back_like_a_short_one(fr):
    text = (
        "Le candidat Joseph Mbarga a affirmé que le scrutin avait été truqué. "
        "L'ancien Premier ministre a ajouté que les résultats étaient fabriqués."
    )
    atts = fr.analyze(text).attributions
    assert len(atts) == 2, describe(text, atts)
    assert [a.speaker.type for a in atts] == ["person", "person"], describe(text, atts)
    assert atts[0].speaker.source_id == atts[1].speaker.source_id, describe(text, atts)


def test_the_same_source_is_the_source_cited_just_before(fr):
    text = (
        "L'avocat Samir Dalloul a affirmé que son client était innocent. "
        "Selon la même source, l'audience a été reportée au mois prochain."
    )
    atts = fr.analyze(text).attributions
    assert len(atts) == 2, describe(text, atts)
    assert atts[0].speaker.source_id == atts[1].speaker.source_id, describe(text, atts)
    assert atts[1].speaker.type == "person", describe(text, atts)


def test_two_people_introduced_in_one_sentence_stay_two_sources(fr):
    text = (
        "Le maire Paul Henrion et son adjointe Marie Vasseur ont tenu une réunion. "
        "Le maire a affirmé que la route serait refaite. "
        "Son adjointe a précisé que les travaux dureraient un mois."
    )
    atts = fr.analyze(text).attributions
    assert len(atts) == 2, describe(text, atts)
    assert atts[0].speaker.source_id != atts[1].speaker.source_id, describe(text, atts)
    assert "Henrion" in (atts[0].speaker.resolved or ""), describe(text, atts)
    assert "Vasseur" in (atts[1].speaker.resolved or ""), describe(text, atts)


def test_they_speaks_for_the_body_named_just_before(en):
    """A body named by a common noun, subject or object, is the nearest antecedent of "they"
    (British usage gives it plural agreement), before the people named earlier."""
    text = (
        "Residents of the estate called the police after midnight. They said the fire had "
        "started in a garage."
    )
    atts = en.analyze(text).attributions
    assert len(atts) == 1, describe(text, atts)
    assert atts[0].speaker.resolved == "the police", describe(text, atts)
    assert atts[0].speaker.type == "organisation", describe(text, atts)


def test_a_pronoun_continues_one_of_a_group_not_a_name_before_it(fr):
    """« … », affirme l'un d'entre eux. « … », ajoute-t-il: "il" is that unnamed person (one of
    a group is person-like), not the person named two sentences earlier."""
    text = (
        "Marc Tessier a ouvert la réunion. Les grévistes tiennent bon. « On ne lâchera rien », "
        "affirme l'un d'entre eux. « Il faut tenir », ajoute-t-il."
    )
    atts = fr.analyze(text).attributions
    last = atts[-1]
    assert last.speaker.resolved and "un" in last.speaker.resolved, describe(text, atts)
    assert last.speaker.type == "anonymous", describe(text, atts)


def test_the_lede_pronoun_with_no_antecedent_is_the_headline_protagonist(fr):
    """The headline opens with a name; the lede says "elle" with nobody named before it in the
    body: the pronoun is that person."""
    text = (
        "Zaho, épuisée, annule sa tournée d'été\n\n12 - Juin - 2024\n\nCoup dur pour les fans de "
        "la chanteuse. Alors qu'elle avait promis de remonter sur scène en juillet, elle a révélé "
        "ce lundi avoir besoin de repos."
    )
    atts = fr.analyze(text).attributions
    assert atts, describe(text, atts)
    for att in atts:
        assert att.speaker.resolved == "Zaho", describe(text, atts)
        assert att.speaker.type == "person", describe(text, atts)


def test_quotation_paragraphs_continue_the_speaker_named_before_them(en):
    """A run of paragraphs that are each a quotation, after one with its speaker, all take that
    speaker; the wire credit in parentheses after them is no reporting verb."""
    text = (
        '"We do not know yet how long he will be out," the coach said on Sunday.\n\n'
        '"The scan showed a small tear and we will wait a few more days to see it clearly."\n\n'
        '"Nobody here spoke about twelve weeks, so that story is completely wrong." '
        "(Reporting by Jane Roe; Editing by John Doe)"
    )
    atts = en.analyze(text).attributions
    assert len(atts) == 3, describe(text, atts)
    assert all(a.speaker is not None for a in atts), describe(text, atts)
    assert {a.speaker.source_id for a in atts} == {atts[0].speaker.source_id}, describe(text, atts)
    assert all(a.cue is None or a.cue.span.text == "said" for a in atts), describe(text, atts)


def test_a_tie_between_types_goes_to_the_first_mention_whatever_the_hash_seed():
    """The type of a source is its mentions' most common type; a tie is decided by the order of
    the mentions, never by set order (which changes with PYTHONHASHSEED from run to run)."""
    from analyzer.components.sources import _source_type

    assert _source_type(["document", "organisation"]) == "document"
    assert _source_type(["organisation", "document"]) == "organisation"
    assert _source_type(["vague", "person", "vague"]) == "person"
