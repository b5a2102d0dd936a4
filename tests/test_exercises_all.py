"""Every exercise of every notebook: each declared mistake is named by its hint, answers are accepted, texts read well.

The notebooks' exercise modules are found by themselves (every module of helpers.exercises
that is not part of the checker), so a new notebook's exercises are tested here too.
"""
import importlib
import pkgutil

import numpy as np
import pytest

import helpers.exercises
from helpers.exercises import CodeExercise, Exercise
from helpers.exercises.reading import sentence

CHECKER = {"feedback", "reading", "slips", "compare", "running", "codecheck"}
MODULES = sorted(m.name for m in pkgutil.iter_modules(helpers.exercises.__path__) if m.name not in CHECKER)
OBJECTS = [(f"{m}.{name}", obj) for m in MODULES
           for name, obj in sorted(vars(importlib.import_module(f"helpers.exercises.{m}")).items())
           if isinstance(obj, (Exercise, CodeExercise))]
EXERCISES = [(label, ex) for label, ex in OBJECTS if isinstance(ex, Exercise)]
CODE_EXERCISES = [(label, ex) for label, ex in OBJECTS if isinstance(ex, CodeExercise)]
MISTAKES = [(f"{label}: {hint[:30]}", ex, wrong, hint) for label, ex in EXERCISES
            for wrong, hint in ex.mistake_answers()]


def test_every_notebook_has_its_exercises():
    assert {"start_here", "calculus", "compgraph", "single_weight", "network", "practice"} <= set(MODULES)
    assert len(EXERCISES) >= 20  # 2 + 4 + 4 + 3 + 3 + 4 in notebooks 00-03, 05, 06


@pytest.mark.parametrize("label, ex", CODE_EXERCISES, ids=[e[0] for e in CODE_EXERCISES])
def test_each_code_exercise_is_sound(label, ex):
    assert ex.verify() == []


@pytest.mark.parametrize("label, ex", EXERCISES, ids=[e[0] for e in EXERCISES])
def test_the_computed_answer_is_accepted_and_the_texts_read_well(label, ex):
    assert ex.check(ex.answer()).correct
    assert ex.mistakes, f"{label} declares no typical mistakes"
    for text in (ex.hint, ex.explanation, *(m.hint for m in ex.mistakes)):
        assert text and text.strip() == text and not text.endswith(".."), (label, text)
    assert not ex.check(ex.answer()).message.split("correct! ", 1)[1][:1].islower()  # issue 17
    assert ex.check(...).status == "unanswered"


@pytest.mark.parametrize("label, ex, wrong, hint", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_declared_mistake_is_named_by_its_hint(label, ex, wrong, hint):
    feedback = ex.check(wrong)
    assert feedback.status == "wrong"
    assert feedback.message == f"{ex.title}: not quite. {sentence(hint)}", feedback.message


@pytest.mark.parametrize("label, ex, wrong, hint", [m for m in MISTAKES if not isinstance(m[2], str)],
                         ids=[m[0] for m in MISTAKES if not isinstance(m[2], str)])
def test_a_mistake_typed_to_four_significant_digits_is_still_named(label, ex, wrong, hint):
    typed = float(f"{float(wrong):.4g}")
    assert sentence(hint) in ex.check(typed).message


@pytest.mark.parametrize("label, ex", [e for e in EXERCISES if e[1].choices is None],
                         ids=[e[0] for e in EXERCISES if e[1].choices is None])
def test_a_flipped_sign_is_named(label, ex):
    answer = float(ex.answer())
    if answer == 0 or any(np.isclose(-answer, float(w)) for w, _ in ex.mistake_answers()):
        pytest.skip("the negative is a declared mistake or the answer is 0")
    assert "sign is flipped" in ex.check(-answer).message
