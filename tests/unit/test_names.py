"""Statements without the names the two accounts share, and the vectors built from them."""

from __future__ import annotations

import numpy as np
import pytest

from readout_tui.core.engine.evidence import statement_vectors
from readout_tui.core.engine.names import capitalised_inside, without_shared_names
from readout_tui.testing import FakeEmbedder

CALL = [
    "Prime Minister Netanyahu spoke with President Putin.",
    "The Prime Minister criticised Russia's cooperation with Iran.",
    "Putin stressed the humanitarian situation in Gaza.",
    "Both sides agreed to stay in contact.",
]


def test_names_used_by_several_statements_are_taken_out():
    focused = without_shared_names(CALL)
    assert focused[0] == "Netanyahu spoke with President."
    # Of these four statements only one names Russia, one Iran: they say what it is about.
    assert focused[1] == "The criticised Russia's cooperation with Iran."
    assert focused[2] == "stressed the humanitarian situation in Gaza."


def test_a_name_each_account_mentions_once_is_shared():
    left = ["The Prime Minister criticised Russia's cooperation with Iran."]
    right = ["Putin rejected the criticism of Russia's ties with Iran."]
    assert without_shared_names(left + right) == [
        "The Prime Minister criticised cooperation with.",
        "Putin rejected the criticism of ties with.",
    ]


def test_sentence_openers_are_not_names():
    texts = ["The leaders spoke at length.", "The call was long.", "Both sides agreed.", "Both sides met in Geneva."]
    assert without_shared_names(texts) == texts
    assert "the" not in capitalised_inside(texts) and "both" not in capitalised_inside(texts)


def test_a_stop_after_an_abbreviation_opens_no_sentence():
    # "Lavrov" only ever follows "Mr.": it is a name all the same.
    texts = [
        "Mr. Putin spoke with Mr. Lavrov about the hostages.",
        "Then Mr. Lavrov met the U.S. envoy in Moscow.",
        "The U.S. side and Putin agreed on China-U.S. trade.",
    ]
    # "Mr." is shared too, and goes with its stop; "U.S." goes whole.
    assert without_shared_names(texts) == [
        "spoke with about the hostages.",
        "Then met the envoy in Moscow.",
        "The side and agreed on China trade.",
    ]


def test_a_statement_that_is_all_names_is_kept_whole():
    texts = ["Netanyahu and Putin spoke.", "Then Netanyahu thanked Putin for the help."]
    # "and spoke." is all that would be left: too little to say what the statement is about.
    assert without_shared_names(texts) == [texts[0], "Then thanked for the help."]


def test_possessives_count_as_the_name():
    texts = ["Russia's envoys sharply criticised Israel.", "Israel's army and Russia's navy met."]
    assert without_shared_names(texts) == ["envoys sharply criticised.", "army and navy met."]


def test_texts_without_letter_case_are_unchanged():
    texts = ["以色列总理与普京通话。", "普京强调加沙人道主义局势。"]
    assert without_shared_names(texts) == texts


def test_a_capitalised_name_is_not_confused_with_the_same_word_in_lower_case():
    texts = ["The Parties met in Geneva.", "The parties agreed in Geneva.", "Geneva hosted it all."]
    # "parties" in lower case is no use of the name "Parties": used once, it stays.
    assert without_shared_names(texts)[:2] == ["The Parties met in.", "The parties agreed in."]


def test_a_hyphenated_name_goes_with_its_hyphen():
    texts = ["The anti-Israel stance of the envoys.", "Israel and Gaza were discussed at length."]
    assert without_shared_names(texts)[0] == "The anti stance of the envoys."


def test_text_in_capitals_or_title_case_has_no_names():
    texts = ["PUTIN AND NETANYAHU DISCUSSED GAZA TODAY.", "Putin Discussed Gaza With Netanyahu", "Then Putin spoke."]
    assert without_shared_names(texts) == texts


def test_a_repeated_statement_does_not_share_names_with_itself():
    texts = ["The Kremlin said Hamas attacked Gaza.", "The Kremlin said Hamas attacked Gaza.", "Nothing else here."]
    assert without_shared_names(texts) == texts


def test_statement_vectors_average_the_two_cosines():
    embedder = FakeEmbedder(dim=64)

    def embed(texts):
        return embedder.encode(texts)

    vectors = statement_vectors(CALL, embed)
    whole, focused = embed(CALL), embed(without_shared_names(CALL))
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(1.0, abs=1e-5)
    expected = (whole @ whole.T + focused @ focused.T) / 2
    np.testing.assert_allclose(vectors @ vectors.T, expected, atol=1e-5)


def _old_capitalised_inside(texts):
    """``capitalised_inside`` as it was: every word found, then its capital looked at."""
    from readout_tui.core.engine.names import WORD, _key, opens_sentence

    return {
        _key(m.group()) for text in texts for m in WORD.finditer(text)
        if m.group()[0].isupper() and not opens_sentence(text, m.start())
    }


@pytest.mark.parametrize("seed", range(20))
def test_capitalised_words_found_past_lower_case_ones_are_those_found_word_by_word(seed):
    import random

    rng = random.Random(seed)
    pieces = ["a", "B", "é", "É", "ß", "Σ", "σ", "ǅ", "Ⓐ", "1", "_", "x_Y", "-", "'", "\u2019", ".", " ", "  ",
              "U.S.", "Mr.", "Putin's", "anti-Israel", "Russian-Israeli", "ПУТИН", "путин", "Путина", "中国",
              "Xi's", "'s", "-B", "b-", "e'E", "\u2019Z", "!", "? ", "\"", "(", "IAEA", "Ⅻ", "ǈx"]
    texts = ["".join(rng.choices(pieces, k=rng.randint(0, 40))) for _ in range(200)]
    assert capitalised_inside(texts) == _old_capitalised_inside(texts)


def test_a_text_given_twice_is_read_once_with_the_same_result():
    """``without_shared_names`` reads each distinct text once; repeats get its result, and a
    name two copies of one statement use counts once, as ever."""
    from readout_tui.core.engine.names import without_shared_names

    texts = ["Putin met Netanyahu in Moscow today.", "They spoke of Gaza, said Putin at length.",
             "Putin met Netanyahu in Moscow today.", "The sides discussed Gaza and other topics."]
    got = without_shared_names(texts)
    assert got[0] == got[2]
    assert got == [without_shared_names(texts)[k] for k in range(4)]
    # "Moscow" is in one distinct statement only (twice): not shared, kept.
    assert "Moscow" in got[0] and "Putin" not in got[0]
