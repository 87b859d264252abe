"""The correction learned from the attribution gold, on top of the rules."""

from __future__ import annotations

import numpy as np

from readout_tui.core.engine.attribution import How, Side, learned
from readout_tui.core.io.article import attribute_text

ARTICLE = """Zembla and Freedonia leaders talk by phone
President Ana Vorel of Zembla spoke with Freedonian Prime Minister Otto Brask on Monday.
The Zemblan government said in a statement that the two leaders discussed grain exports.
Vorel also urged Brask to reopen the border crossings, the statement said.
Vorel later told reporters in the capital that she expected a visit soon.
Freedonia's foreign ministry said the call focused on energy prices.
"""


def model_towards(feature: str, target: str, weight: float, margin: float = 0.0) -> learned.Model:
    """A model that knows one feature, pushing the statements that have it towards ``target``."""
    options = learned.Options()
    bucket = next(iter(learned.hashed({feature: 1.0}, options.dims)))
    row = np.zeros(len(learned.CLASSES))
    row[learned.CLASSES.index(target)] = weight
    # without the feature, each statement's rules' class is the likelier
    rows = {bucket: row}
    for rules, bias in (("rules=neither", "neither"), ("rules=side", "ref")):
        b = next(iter(learned.hashed({rules: 1.0}, options.dims)))
        rows[b] = np.zeros(len(learned.CLASSES))
        rows[b][learned.CLASSES.index(bias)] = 5.0
    return learned.Model(options, rows, np.zeros(len(learned.CLASSES)), margin)


def test_a_statement_moves_where_the_model_is_sure_and_says_where_the_rules_had_it():
    rules = attribute_text(ARTICLE, learned=False)
    reporters = next(s for s in rules.statements if "reporters" in s.text)
    assert reporters.side is not Side.NEITHER  # the rules give it to Vorel's side

    moved = learned.apply(rules.statements, model_towards("w=reporters", "neither", 1000.0))
    statement = moved[reporters.index]
    assert statement.side is Side.NEITHER and statement.how is How.LEARNED
    assert statement.learned_from == (reporters.side, reporters.how)
    # nothing else moves, and the headline is never read
    assert [s for s in moved if s.how is How.LEARNED] == [statement]

    unsure = learned.apply(rules.statements, model_towards("w=reporters", "neither", 1000.0, margin=1.01))
    assert unsure == list(rules.statements)


def test_why_a_learned_move_says_what_the_rules_had_done():
    # It said "(the rules: Zemblan government, cue)": a riddle, not a reason.
    from dataclasses import replace

    rules = attribute_text(ARTICLE, learned=False)
    reporters = next(s for s in rules.statements if "reporters" in s.text)
    moved = learned.apply(rules.statements, model_towards("w=reporters", "neither", 1000.0))
    corrected = replace(rules, statements=tuple(moved))
    label = rules.label(reporters.side)
    why = corrected.why(reporters.index)
    assert why.startswith("learned from annotated articles; the rules gave it to " + label), why
    opening = next(s for s in rules.statements if s.text.startswith("President Ana Vorel"))
    towards = learned.apply(rules.statements, model_towards("w=ana", "ref", 1000.0))
    assert towards[opening.index].how is How.LEARNED
    assert replace(rules, statements=tuple(towards)).why(opening.index).endswith("the rules left it on neither (no cue)")


def test_the_other_side_and_the_reference_side_of_a_statement_the_rules_left_on_neither():
    rules = attribute_text(ARTICLE, learned=False).statements
    reporters = next(s for s in rules if "reporters" in s.text)
    other = learned.apply(rules, model_towards("w=reporters", "other", 1000.0))[reporters.index]
    assert other.side not in (Side.NEITHER, reporters.side)

    opening = next(s for s in rules if s.text.startswith("President Ana Vorel"))
    assert opening.side is Side.NEITHER and learned.reference(rules)[opening.index] is None
    # no side before it: the reference side is the left one
    ref = learned.apply(rules, model_towards("w=spoke", "ref", 1000.0))[opening.index]
    assert ref.side is Side.LEFT and ref.how is How.LEARNED


def test_the_weights_round_trip_through_json_and_the_hashing_stays_put():
    model = model_towards("w=reporters", "neither", 2.5, margin=0.3)
    again = learned.Model.from_json(model.to_json())
    assert again.options == model.options and again.margin == 0.3
    features = learned.features(attribute_text(ARTICLE, learned=False).statements, model.options)
    for named in filter(None, features):
        assert np.allclose(again.probabilities(named), model.probabilities(named))
    # the shipped weights are keyed by these buckets: a change of hashing must refit them
    assert learned.hashed({"w=reporters": 1.0}, 1 << 14) == {8545: 1.0}


def test_the_shipped_weights_are_read_when_asked_for_and_the_rules_alone_are_the_default():
    model = learned.shipped()
    assert model is not None and model.rows and 0 <= model.margin < 1
    rules = attribute_text(ARTICLE, learned=False)
    assert attribute_text(ARTICLE) == rules
    corrected = attribute_text(ARTICLE, learned=True)
    assert [s.text for s in corrected.statements] == [s.text for s in rules.statements]
    for s in corrected.statements:
        if s.how is How.LEARNED:
            assert s.learned_from is not None and "learned from annotated articles" in corrected.why(s.index)


def with_options(model: learned.Model, **changes) -> learned.Model:
    from dataclasses import replace

    return replace(model, options=replace(model.options, **changes))


def test_without_swapping_a_statement_the_rules_gave_a_side_never_goes_to_the_other():
    rules = attribute_text(ARTICLE, learned=False).statements
    statement = next(s for s in rules if s.text.startswith("Vorel also urged"))
    assert statement.side is not Side.NEITHER
    towards_other = model_towards("w=urged", "other", 1000.0)
    assert learned.apply(rules, towards_other)[statement.index].side not in (Side.NEITHER, statement.side)
    kept = learned.apply(rules, with_options(towards_other, swap=False))
    assert kept[statement.index] == statement
    # a statement the rules left on neither may still go to either side
    opening = next(s for s in rules if s.text.startswith("President Ana Vorel"))
    other = learned.apply(rules, with_options(model_towards("w=spoke", "other", 1000.0), swap=False))
    assert other[opening.index].side is Side.RIGHT


def test_a_side_statement_needs_the_extra_margin_to_go_to_neither_and_a_neither_one_does_not():
    from dataclasses import replace

    rules = attribute_text(ARTICLE, learned=False).statements
    reporters = next(s for s in rules if "reporters" in s.text)
    opening = next(s for s in rules if s.text.startswith("President Ana Vorel"))
    # about 0.2 surer of neither than of the rules' side (its own class weighs 5)
    value = learned.features(rules, learned.Options())[reporters.index]["w=reporters"]
    to_neither = model_towards("w=reporters", "neither", (5 + np.log(1.5)) / value)
    probabilities = to_neither.probabilities(learned.features(rules, to_neither.options)[reporters.index])
    assert 0.1 < probabilities[0] - probabilities[1] < 0.3
    assert learned.apply(rules, to_neither)[reporters.index].side is Side.NEITHER
    assert learned.apply(rules, replace(to_neither, margin_off=0.4))[reporters.index] == reporters
    onto_side = replace(model_towards("w=spoke", "ref", 1000.0), margin_off=0.9)
    assert learned.apply(rules, onto_side)[opening.index].side is Side.LEFT


def test_old_weights_are_read_without_an_extra_margin_and_with_the_settled_options_only():
    import pytest

    data = model_towards("w=reporters", "neither", 1.0).to_json()
    del data["margin_off"]
    assert learned.Model.from_json(data).margin_off == 0.0
    settled = {**data, "options": {**data["options"], "position": True, "place": True, "shape": False}}
    assert learned.Model.from_json(settled).to_json() == learned.Model.from_json(data).to_json()
    for name, value in (("position", False), ("place", False), ("shape", True)):
        with pytest.raises(ValueError, match=name):
            learned.Model.from_json({**data, "options": {**data["options"], name: value}})


def test_every_body_statement_reads_where_it_stands():
    rules = attribute_text(ARTICLE, learned=False).statements
    named = [f for f in learned.features(rules, learned.Options()) if f]
    assert named and all(any(k.startswith("body=") for k in f) and any(k.startswith("place=") for k in f) for f in named)


def test_the_correction_never_empties_an_account_the_rules_found():
    rules = attribute_text(ARTICLE, learned=False).statements
    ministry = next(s for s in rules if "foreign ministry" in s.text)
    assert ministry.side is not Side.NEITHER
    assert [s for s in rules if s.side is ministry.side] == [ministry]  # its account's only statement

    # Sure that it is the reporter's, the model would leave Freedonia's account empty and the
    # article could not be compared: the statement stays where the rules had it.
    kept = learned.apply(rules, model_towards("w=energy", "neither", 1000.0))
    assert kept[ministry.index] == ministry
    # Where the account keeps another statement, the same move is made.
    longer = attribute_text(ARTICLE + "The ministry added that the call was warm.\n", learned=False).statements
    first = next(s for s in longer if "foreign ministry" in s.text)
    assert learned.apply(longer, model_towards("w=energy", "neither", 1000.0))[first.index].side is Side.NEITHER
