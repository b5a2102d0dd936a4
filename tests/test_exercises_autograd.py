"""Notebook 07's exercises as a learner meets them: the notebook's own Value class and solutions pass, its stubs are
unanswered, and wrong code typed the way learners type it gets the hint that names the mistake."""
import itertools
import linecache
import textwrap
from pathlib import Path

import numpy as np
import pytest
from notebook_cells import cells, solutions, source

from helpers.maths import autograd as ag
from helpers.maths import engine
from helpers.maths import network
from helpers.exercises import autograd as exercises
from helpers.exercises.autograd import backward_with_assign, train_without_zeroing
from helpers.exercises.autograd import ex1, ex2, ex3, ex4, ex5, ex6, ex7

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "07_autograd.ipynb"
EXERCISES = {"add": ex1, "mul": ex2, "sigmoid": ex3, "topological_order": ex4, "backward": ex5,
             "xor_loss": ex6, "train": ex7}


def code_cells() -> list[dict]:
    return [c for c in cells(NOTEBOOK.name) if c["cell_type"] == "code"]


_CELLS = itertools.count()


def run_cell(text: str, space: dict) -> None:
    """Run code as IPython runs a cell: its source stays readable (inspect.getsource), so stubs are seen."""
    name = f"<cell {next(_CELLS)}>"
    linecache.cache[name] = (len(text), None, text.splitlines(True), name)
    exec(compile(text, name, "exec"), space)


def notebook_namespace() -> dict:
    """The notebook's given code (imports, the Value class, tanh) run as the notebook runs it, no exercises yet."""
    space: dict = {}
    for cell in code_cells():
        text = source(cell)
        if text.startswith(("import math", "class Value", "def tanh")):
            run_cell(text, space)
    space["XOR"] = ag.XOR
    return space


def learner(code: str, name: str, space: dict | None = None):
    """The function ``name`` as a learner would define it in a notebook cell (with the notebook's Value)."""
    space = notebook_namespace() if space is None else space
    run_cell(textwrap.dedent(code), space)
    return space[name]


def test_the_notebooks_stubs_are_unanswered_and_its_solutions_pass():
    space = notebook_namespace()
    stubs = [c for c in code_cells() if ".check(" in source(c)]
    worked = [code for _, code, _ in solutions(NOTEBOOK.name)]
    assert len(stubs) == len(worked) == 7
    for cell in stubs:
        text = source(cell).split("\n\n\nex")[0]
        run_cell(text, space)
    for name, ex in EXERCISES.items():
        assert ex.check(space[name]).status == "unanswered", name
    for code in worked:
        run_cell(code.split("\n\n\nex")[0], space)
    for name, ex in EXERCISES.items():
        feedback = ex.check(space[name])
        assert feedback.correct, feedback.message


def test_the_solutions_assembled_train_xor_like_helpers_network():
    """The learner's engine (the notebook's class and solutions) gives the reference's curve exactly."""
    space = notebook_namespace()
    for _, code, _ in solutions(NOTEBOOK.name):
        run_cell(code.split("\n\n\nex")[0], space)
    from helpers.maths import network
    start = network.init_network(3, seed=4)
    W, V, params = ag.parameters(start, space["Value"])
    losses = space["train"](params, lambda: space["xor_loss"](W, V), 1.0, 60)
    W2, V2, params2 = ag.parameters(start)
    assert losses == pytest.approx(ag.train(params2, lambda: ag.xor_loss(W2, V2), 1.0, 60), rel=1e-12)
    assert type(space["xor_loss"](W, V)) is space["Value"]


# ---------------------------------------------------------------- the classic bugs, typed as learners type them
def test_equals_instead_of_plus_equals_is_named_on_the_first_graph_that_shows_it():
    space = notebook_namespace()
    space["topological_order"] = engine.topological_order
    backward = learner("""
        def backward(output):
            order = topological_order(output)
            output.grad = 1.0
            for node in reversed(order):
                for parent, local in node.parents:
                    parent.grad = node.grad * local
        """, "backward", space)
    message = ex5.check(backward).message
    assert "Case 4 of 7, L = a * a + b with a = 2, b = −3 (a used twice):\nHint: " in message
    assert message.endswith("\n  expected ∂L/∂a 4   (central differences: 4)\n  got      ∂L/∂a 2")
    assert "write parent.grad += node.grad * local, not parent.grad = …" in message


def test_forgetting_to_zero_is_named():
    train = learner("""
        def train(params, loss_of, lr, epochs):
            losses = []
            for epoch in range(epochs):
                L = loss_of()
                L.backward()
                for p in params:
                    p.data = p.data - lr * p.grad
                losses.append(L.data)
            return losses
        """, "train")
    message = ex7.check(train).message
    assert "Case 2 of 4, the same, 3 epochs:" in message
    assert "set every parameter's grad to 0 before each backward" in message.lower()


def test_zeroing_at_the_end_of_each_epoch_is_right_too():
    train = learner("""
        def train(params, loss_of, lr, epochs):
            losses = []
            for epoch in range(epochs):
                L = loss_of()
                L.backward()
                for p in params:
                    p.data -= lr * p.grad
                    p.grad = 0
                losses.append(L.data)
            return losses
        """, "train")
    assert ex7.check(train).correct


def test_sigmoid_slope_from_the_input_is_named():
    sigmoid = learner("""
        def sigmoid(a):
            z = 1 / (1 + math.exp(-a.data))
            return Value(z, [(a, a.data * (1 - a.data))])
        """, "sigmoid")
    assert "z·(1 − z), not a·(1 − a)" in ex3.check(sigmoid).message


def test_a_recursive_backward_without_the_order_is_named():
    backward = learner("""
        def backward(output):
            output.grad = 1.0
            for parent, local in output.parents:
                parent.grad += output.grad * local
                backward_rest(parent)

        def backward_rest(node):
            for parent, local in node.parents:
                parent.grad += node.grad * local
                backward_rest(parent)
        """, "backward")
    message = ex5.check(backward).message
    assert "(p and a used twice)" in message and "reverse topological order" in message


@pytest.mark.parametrize("code, words", [
    ("""
     def topological_order(output):
         order = []
         def visit(node):
             for parent, _ in node.parents:
                 visit(parent)
             order.append(node)
         visit(output)
         return order
     """, "keep a set of the nodes already visited"),
    ("""
     def topological_order(output):
         order, seen = [], set()
         def visit(node):
             if node not in seen:
                 seen.add(node)
                 for parent, _ in node.parents:
                     visit(parent)
                 order.append(node)
         visit(output)
     """, "forget `return`"),
    ("""
     def topological_order(output):
         order, seen = [], set()
         def visit(node):
             if node not in seen:
                 seen.add(node)
                 for parent, _ in node.parents:
                     visit(parent)
                 order.append(node)
         visit(output)
         return tuple(order)
     """, "correct!"),
])
def test_topological_order_answers(code, words):
    assert words in ex4.check(learner(code, "topological_order")).message


def test_the_checker_shows_a_wrong_order_by_its_node_names():
    order = learner("""
        def topological_order(output):
            return [output] + [parent for parent, _ in output.parents]
        """, "topological_order")
    message = ex4.check(order).message
    assert "Case 2 of 4, p = a * b, q = p + c, L = q * d:\nHint: " in message
    assert message.endswith("\n  expected the order [a, b, p, c, q, d, L]\n  got      the order [L, q, d]")


@pytest.mark.parametrize("code, name, words", [
    ("def add(a, b):\n    return a.data + b.data\n", "add", "add must return a Value (a new node), got float"),
    ("def add(a, b):\n    return Value(a.data + b.data, [(1.0, a), (1.0, b)])\n", "add",
     "each pair (input node, local derivative) in that order"),
    ("def add(a, b):\n    return Value(a.data + b.data)\n", "add", "s must remember where it came from"),
    ("def mul(a, b):\n    return Value(a.data * b.data, [(a, b), (b, a)])\n", "mul",
     "store the number b.data as the local derivative, not the node b"),
    ("def mul(a, b):\n    return Value(a.data * b.data, [(a, a.data), (b, b.data)])\n", "mul",
     "∂m/∂a is the other input, b.data"),
    ("def mul(a, b):\n    Value(a.data * b.data, [(a, b.data), (b, a.data)])\n", "mul", "forget `return`"),
    ("def sigmoid(a):\n    z = 1 / (1 + math.exp(-a))\n    return Value(z, [(a, z * (1 - z))])\n", "sigmoid",
     "TypeError"),
])
def test_operation_mistakes(code, name, words):
    feedback = EXERCISES[name].check(learner(code, name))
    assert feedback.status == "wrong" and words.lower() in feedback.message.lower(), feedback.message


XOR_RIGHT = """
def xor_loss(W, V):
    total = 0.0
    for (x1, x2), t in XOR:
        z = [(row[0] + row[1] * x1 + row[2] * x2).sigmoid() for row in W]
        y = V[0] + V[1] * z[0] + V[2] * z[1] + V[3] * z[2]
        e = y - t
        total = total + 0.5 * (e * e)
    return total * (1 / len(XOR))
"""


@pytest.mark.parametrize("old, new, words", [
    ("return total * (1 / len(XOR))", "return total", "divide the sum by 4"),
    ("0.5 * (e * e)", "(e * e)", "the ½ is missing"),
    ("e = y - t", "e = y.sigmoid() - t", "the output unit has no activation"),
    ("(row[0] + row[1]", "(row[1]", "starts with its bias w_j0"),
    ("y = V[0] + V[1] * z[0]", "y = V[1] * z[0]", "starts with the bias v_0"),
    ("return total * (1 / len(XOR))", "return total.data / len(XOR)", "must return the loss as a value"),
])
def test_xor_loss_mistakes(old, new, words):
    assert old in XOR_RIGHT
    feedback = ex6.check(learner(XOR_RIGHT.replace(old, new), "xor_loss"))
    assert feedback.status == "wrong" and words in feedback.message.lower(), feedback.message


def test_xor_loss_right_as_written_in_the_solution():
    assert ex6.check(learner(XOR_RIGHT, "xor_loss")).correct


def test_xor_loss_written_with_sum_and_a_mean_is_right():
    xor_loss = learner("""
        def xor_loss(W, V):
            losses = []
            for (x1, x2), t in XOR:
                z = [(w0 + w1 * x1 + w2 * x2).sigmoid() for w0, w1, w2 in W]
                y = V[0] + sum(v * zj for v, zj in zip(V[1:], z))
                e = y - t
                losses.append(0.5 * e * e)
            return sum(losses) * 0.25
        """, "xor_loss")
    assert ex6.check(xor_loss).correct


def test_every_exercise_module_object_is_documented():
    assert set(exercises.__all__) >= {f"ex{k}" for k in range(1, 8)}
    for ex in EXERCISES.values():
        assert ex.verify() == []


def test_returning_the_loss_nodes_instead_of_their_data_names_data():
    train = learner("""
        def train(params, loss_of, lr, epochs):
            losses = []
            for epoch in range(epochs):
                for p in params:
                    p.grad = 0.0
                L = loss_of()
                L.backward()
                for p in params:
                    p.data -= lr * p.grad
                losses.append(L)
            return losses
        """, "train")
    result = ex7.check(train)
    assert not result.correct
    assert "append the number L.data, not the node L" in result.message
    assert "float() argument" not in result.message


def _xor_loss_written_with(finish):
    """The XOR loss as a learner writes it, ending with ``finish(total)`` (a division or a power)."""
    def xor_loss(W, V):
        total = 0
        for (x1, x2), t in ag.XOR:
            z = [(row[0] + row[1] * x1 + row[2] * x2).sigmoid() for row in W]
            y = V[0]
            for v, zj in zip(V[1:], z):
                y = y + v * zj
            total = total + 0.5 * (y - t) * (y - t)
        return finish(total)
    return xor_loss


def test_dividing_a_value_gets_the_multiply_instead_hint():
    """Value has no /: the learner's natural total / 4 gets one line saying what to write. It has ** (notebook 02
    squares with it), so a power is simply right."""
    for finish in (lambda total: total / len(ag.XOR), lambda total: 4 / total):
        feedback = ex6.check(_xor_loss_written_with(finish))
        assert feedback.status == "wrong" and "TypeError" in feedback.message, feedback.message
        assert "total * (1 / 4)" in feedback.message and "e * e" in feedback.message, feedback.message
    assert ex6.check(_xor_loss_written_with(lambda total: total * (1 / len(ag.XOR)))).correct
    assert ex6.check(_xor_loss_written_with(lambda total: (total ** 1) * (1 / len(ag.XOR)))).correct


def test_squaring_a_value_of_a_class_without_powers_gets_the_multiply_instead_hint():
    """The notebook's own Value class has no **: the error of a power of it gets the same hint."""
    from helpers.exercises import running
    with pytest.raises(TypeError) as error:
        notebook_namespace()["Value"](2.0) ** 2
    hint = running._hint_for(error.value, str(error.value), None)
    assert hint is not None and "square by multiplying, e * e" in hint, hint


# ---------------------------------------------------------------- the wrong variants the notebook runs
def test_one_weight_steps_with_and_without_zeroing():
    """Notebook 03's 0.8 → 0.59 → 0.4745; without zeroing the second step also repeats the first."""
    def steps(loop):
        w = engine.Value(0.8)
        out = []
        for _ in range(3):
            loop([w], lambda: (1.5 * w - 0.5) * (1.5 * w - 0.5), 0.1, 1)
            out.append(w.data)
        return out

    assert steps(ag.train) == pytest.approx([0.59, 0.4745, 0.4745 - 0.1 * 2 * (1.5 * 0.4745 - 0.5) * 1.5])
    g1, g2 = 2 * (1.5 * 0.8 - 0.5) * 1.5, 2 * (1.5 * 0.59 - 0.5) * 1.5
    assert steps(train_without_zeroing)[:2] == pytest.approx([0.59, 0.59 - 0.1 * (g1 + g2)])  # 0.2645


def test_never_zeroed_xor_races_ahead_then_keeps_swinging():
    """The notebook's claims about the unzeroed run (not chaotic: a 1e-13 nudge moves it by ~1e-12)."""
    start = network.init_network(3, seed=4)
    curves = []
    for nudge in (0.0, 1e-13):
        net = start.copy()
        net.W[0, 0] += nudge
        W, V, params = ag.parameters(net)
        curves.append(np.array(train_without_zeroing(params, lambda: ag.xor_loss(W, V), 1.0, 700)))
    unzeroed = curves[0]
    assert np.abs(curves[1] - unzeroed).max() < 1e-9
    W, V, params = ag.parameters(start)
    zeroed = ag.train(params, lambda: ag.xor_loss(W, V), 1.0, 101)
    assert unzeroed[100] < 0.5 * zeroed[100]                       # races ahead at first
    last = unzeroed[-100:]
    assert last.min() > 1e-3 and last.max() > 5 * last.min()       # never settles


def test_the_classic_bug_loses_a_path():
    a, b = engine.Value(2.0), engine.Value(-3.0)
    p = a * b
    L = p * (p + a)
    backward_with_assign(L)
    assert (a.grad, b.grad, p.grad) == (18.0, -12.0, -6.0)  # the notebook's numbers with =
    a, b = engine.Value(2.0), engine.Value(-3.0)
    p = a * b
    L = p * (p + a)
    L.backward()
    assert (a.grad, b.grad, p.grad) == (24.0, -20.0, -10.0)  # L = a²b² + a²b: 2ab² + 2ab, 2a²b + a², 2p + a
