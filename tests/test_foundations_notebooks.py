"""Notebooks 00–02: every claim their prose makes about a computation, recomputed here without the notebook.

The notebooks' printed numbers are checked by nbval; this file pins what the sentences around them
say (the engine in 02 is right, backwards is cheap, relative error, the sweet spots' assumptions …)
and what these three notebooks keep (exercises before their answers, sliders saved at their defaults;
what every notebook promises is in test_notebook_conventions).
"""
import math
import random

import pytest

from helpers.maths import calculus
from helpers.views import calculus as calculus_plots
from helpers.maths import compgraph, engine
from helpers.views import compgraph as compgraph_views
from helpers.views import start_here as start_here_views
from helpers.exercises import compgraph as compgraph_exercises
from notebook_cells import ROOT, cells, printed_text, prose, solutions_start, source, widget_state

NOTEBOOKS = ["00_start_here.ipynb", "01_derivatives.ipynb", "02_chain_rule.ipynb"]


def text_of(cell: dict) -> str:
    """What a reader sees of a cell: its source and its text outputs."""
    outs = []
    for out in cell.get("outputs", []):
        outs.append("".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", "")))
    return source(cell) + "\n" + "\n".join(outs)


# ---------------------------------------------------------------- 02's engine, read from the notebook
def notebook_engine():
    """Execute the `class Value` cell of notebook 02 and return the class it defines."""
    engine = [source(c) for c in cells("02_chain_rule.ipynb") if source(c).startswith("class Value")]
    assert len(engine) == 1, "notebook 02 should show its engine in exactly one cell"
    code_lines = [line for line in engine[0].splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(code_lines) <= 30, f"the engine should stay about 20 lines of code, it has {len(code_lines)}"
    namespace: dict = {}
    exec(engine[0], namespace)  # noqa: S102 - our own notebook's cell
    return namespace["Value"]


def test_the_engine_in_02_gives_the_single_weight_numbers():
    Value = notebook_engine()
    x, w, t = Value(1.5), Value(0.8), Value(0.5)
    y = w * x
    e = y - t
    L = e ** 2
    L.backward()
    assert (y.data, L.data) == (pytest.approx(1.2), pytest.approx(0.49))
    assert (e.grad, y.grad, w.grad, x.grad, t.grad) == (
        pytest.approx(1.4), pytest.approx(1.4), pytest.approx(2.1), pytest.approx(1.12), pytest.approx(-1.4))
    # the gate patterns the notebook prints: multiply stores the other input, add/subtract ±1
    assert [local for _, local in y.parents] == [1.5, 0.8]
    assert [local for _, local in e.parents] == [1.0, -1.0]


@pytest.mark.parametrize("seed", range(5))
def test_the_engine_in_02_agrees_with_central_differences_and_with_compgraph(seed):
    Value = notebook_engine()
    rng = random.Random(seed)
    p0, q0, r0 = (rng.uniform(-1.5, 1.5) for _ in range(3))

    def build(V, p, q, r):
        p, q, r = V(p), V(q), V(r)
        u = p * q - r            # every operation, and p used three times
        out = (u * u + p) ** 3 - p * r
        return out, (p, q, r)

    def value(p, q, r):
        u = p * q - r
        return (u * u + p) ** 3 - p * r

    out, inputs = build(Value, p0, q0, r0)
    out.backward()
    reference, ref_inputs = build(engine.Value, p0, q0, r0)
    reference.backward()
    h = 1e-6
    point = [p0, q0, r0]
    for k, (node, ref) in enumerate(zip(inputs, ref_inputs)):
        up, down = list(point), list(point)
        up[k] += h
        down[k] -= h
        numeric = (value(*up) - value(*down)) / (2 * h)
        assert node.grad == pytest.approx(numeric, rel=1e-6, abs=1e-8)
        assert node.grad == pytest.approx(ref.grad, rel=1e-12, abs=1e-12)


def test_the_engine_in_02_adds_the_paths_of_a_node_used_twice():
    Value = notebook_engine()
    s = Value(3.0)
    (s * s).backward()
    assert s.grad == 6.0  # with = instead of += it would be 3


# ---------------------------------------------------------------- claims in 01
def loss(w):
    return (1.5 * w - 0.5) ** 2


@pytest.mark.parametrize("dw", [1.0, 0.5, 0.1, 0.01, -0.2])
def test_01_secant_slope_is_2_1_plus_2_25_dw_and_the_nudge_misses_by_2_25_dw_squared(dw):
    assert (loss(0.8 + dw) - loss(0.8)) / dw == pytest.approx(2.1 + 2.25 * dw)
    assert (loss(0.8 + dw) - loss(0.8)) - 2.1 * dw == pytest.approx(2.25 * dw ** 2)
    assert loss(0.8 + dw) == pytest.approx((0.7 + 1.5 * dw) ** 2)


def test_01_relative_error_stays_put_while_the_absolute_error_grows_with_the_slope():
    h = 1e-3
    errors = {}
    for x in (1.0, 10.0):
        central = (math.exp(x + h) - math.exp(x - h)) / (2 * h)
        errors[x] = abs(central - math.exp(x))
        assert errors[x] / math.exp(x) == pytest.approx(h ** 2 / 6, rel=1e-3)   # "h²/6 ≈ 1.7e-7"
    assert f"{h ** 2 / 6:.1e}" == "1.7e-07"
    assert 7000 < errors[10.0] / errors[1.0] < 9000                             # "about 8000-fold"


def test_01_truncation_constants_for_exp_near_1():
    """C1 = f''/2 ≈ 1.4 and C2 = f'''/6 ≈ 0.45 for eˣ at x = 1, as the tug-of-war sentence says."""
    h = 1e-3
    forward = (math.exp(1 + h) - math.exp(1)) / h
    central = (math.exp(1 + h) - math.exp(1 - h)) / (2 * h)
    assert (forward - math.e) / h == pytest.approx(math.e / 2, rel=1e-3) and round(math.e / 2, 1) == 1.4
    assert (central - math.e) / h ** 2 == pytest.approx(math.e / 6, rel=1e-3) and round(math.e / 6, 2) == 0.45


def test_01_sweet_spots_and_the_recommended_steps():
    points = __import__("numpy").random.default_rng(0).uniform(0.5, 1.5, 200)
    hs = [1e-2, 1e-4, 1e-5, 1e-6, 1e-7, 1e-12]
    central = dict(zip(hs, calculus.step_errors(calculus.exp, points, hs)["central"]))
    assert central[1e-5] < 1e-9 and central[1e-6] < 1e-9       # "errors around 1e-10" for h = 1e-5 or 1e-6
    assert central[1e-5] < min(central[1e-2], central[1e-12])   # exercise 2's answer
    assert central[1e-12] > central[1e-2]                       # round-off at 1e-12 is worse than truncation at 1e-2


def test_01_a_tiny_step_vanishes_at_a_large_x_and_a_scaled_step_works():
    x = 1e6
    assert x + 1e-11 == x
    assert ((x + 1e-11) ** 2 - (x - 1e-11) ** 2) / 2e-11 == 0.0
    h = 1e-5 * x
    assert ((x + h) ** 2 - (x - h) ** 2) / (2 * h) == 2e6
    assert 1.0 + 1e-11 != 1.0  # at x of size 1 the same step is fine


def test_01_a_tangent_can_cross_the_curve():
    """The tangent of x³ at 0 is y = 0, and the curve is below it on the left and above it on the right."""
    cube = calculus.power(3)
    line = calculus.tangent_line(cube, 0.0)
    assert line.slope == 0.0 and line.intercept == 0.0
    assert cube(-0.1) < line(-0.1) and cube(0.1) > line(0.1)


def test_01_squashers_picture_shows_both_functions_in_their_ranges():
    from matplotlib.figure import Figure
    ax = Figure().add_subplot()
    calculus_plots.plot_squashers(ax)
    sigma, tanh = ax.get_lines()[:2]
    assert 0 < min(sigma.get_ydata()) and max(sigma.get_ydata()) < 1
    assert -1 < min(tanh.get_ydata()) < -0.99 and 0.99 < max(tanh.get_ydata()) < 1
    assert sigma.get_linestyle() != tanh.get_linestyle()  # not told apart by colour alone


# ---------------------------------------------------------------- claims in 02
def test_02_two_step_chain_gives_2_1():
    w = 0.8
    e = 1.5 * w - 0.5
    assert 2 * e * 1.5 == pytest.approx(2.1)
    assert (loss(w + 1e-6) - loss(w - 1e-6)) / 2e-6 == pytest.approx(2.1, rel=1e-8)


@pytest.mark.parametrize("n", [3, 30, 300])
def test_02_why_backwards_is_cheap_counts(n):
    graph = compgraph.layer_chain(x=1.0, weights=[0.9] * n, t=0.5)
    everything = engine.topological_order(graph)
    operations = sum(1 for node in everything if node.parents)
    edges = sum(len(node.parents) for node in everything)
    assert operations == 2 * n + 1 and edges == 3 * n + 2
    assert 1.4 <= edges / operations <= 1.6            # "the backward pass costs about one and a half forward passes"
    if n == 300:
        assert (2 * n * operations, operations + edges) == (360600, 1503)
    # and the backward pass really gives every weight's gradient, checked against nudging one weight
    graph.backward()
    k = n // 2

    def loss_with(wk):
        weights = [0.9] * n
        weights[k] = wk
        return compgraph.layer_chain(x=1.0, weights=weights, t=0.5).data

    numeric = (loss_with(0.9 + 1e-6) - loss_with(0.9 - 1e-6)) / 2e-6
    assert graph[f"w{k + 1}"].grad == pytest.approx(numeric, rel=1e-5, abs=1e-9)


def test_02_tanh_slope_by_the_quotient_rule():
    for x in (-2.0, -0.3, 0.5, 1.7):
        u, v = math.exp(x) - math.exp(-x), math.exp(x) + math.exp(-x)
        du, dv = v, u   # u' = v and v' = u, by the chain rule on e^(−x)
        assert (du * v - u * dv) / v ** 2 == pytest.approx(1 - math.tanh(x) ** 2, rel=1e-12)


def test_02_sigmoid_slope_identity_used_in_section_4():
    for a in (-3.0, 0.0, 0.5, 2.0):
        s = 1 / (1 + math.exp(-a))
        assert math.exp(-a) / (1 + math.exp(-a)) ** 2 == pytest.approx(s * (1 - s), rel=1e-12)


def test_02_exercise_4_forward_values_do_not_depend_on_w3():
    old = compgraph.layer_chain(1.0, [0.9, -1.3, 0.7], 0.5)
    new = compgraph.layer_chain(1.0, list(compgraph_exercises.EX4_WEIGHTS), 0.5)
    assert old["z1"].data == new["z1"].data and old["z2"].data == new["z2"].data
    assert old["y"].data != new["y"].data


def test_02_slider_readouts_move_and_come_back():
    view = compgraph_views.graph_view(compgraph.single_weight_loss, "w", compgraph_views.WEIGHT_GRID, value=0.8)
    first = view.readout
    assert view.set(w=1 / 3) == "w = 0.333: L = 0.0000, ∂L/∂w = 0.0000"
    assert view.set(w=0.8) == first


# ---------------------------------------------------------------- the shape of each notebook
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_exercise_is_asked_before_the_solutions_and_solved_after_them(notebook):
    nb, start = cells(notebook), solutions_start(notebook)
    asked = [k for k, c in enumerate(nb) if "answer = ...\n" in source(c)]
    solved = [k for k, c in enumerate(nb) if ".check(answer)" in source(c) and "answer = ..." not in source(c)]
    assert asked and all(k < start for k in asked) and len(solved) == len(asked)
    assert all(k > start for k in solved)


def test_00_exercise_1_is_asked_before_anything_shows_its_answer():
    from helpers.exercises.start_here import ex1
    nb = cells("00_start_here.ipynb")
    ask = next(k for k, c in enumerate(nb) if "**Exercise 1.**" in source(c))
    answer = ex1.answer()
    assert answer == pytest.approx(0.16)
    for cell in nb[:ask]:
        for revealing in (f"{answer:.2f}", f"{answer:.4f}"):
            assert revealing not in text_of(cell), f"{revealing!r} shown before exercise 1: {source(cell)[:60]!r}"


def test_01_exercise_2_is_asked_before_anything_reveals_its_answer():
    nb = cells("01_derivatives.ipynb")
    ask = next(k for k, c in enumerate(nb) if "**Exercise 2.**" in source(c))
    for cell in nb[:ask]:
        for revealing in ("1e-5", "1e-05", "10^{-5}", "10⁻⁵"):
            assert revealing not in text_of(cell), f"{revealing!r} shown before exercise 2: {source(cell)[:60]!r}"


def saved_readouts(notebook: str) -> list[str]:
    """The bold readouts of every slider, as the saved widget state shows them."""
    return [m["state"]["value"] for m in widget_state(notebook).values()
            if m["model_name"] == "HTMLModel" and m["state"]["value"].startswith("<b>")]


@pytest.mark.parametrize("notebook, make_view", [
    ("00_start_here.ipynb", lambda: start_here_views.loss_slider(w=0.8)),
    ("01_derivatives.ipynb", lambda: calculus_plots.secant_view(loss, 0.8, dx=0.5, var="w")),
    ("02_chain_rule.ipynb", lambda: compgraph_views.graph_view(
        compgraph.single_weight_loss, "w", compgraph_views.WEIGHT_GRID, value=0.8)),
])
def test_sliders_are_saved_at_their_defaults(notebook, make_view):
    assert saved_readouts(notebook) == [f"<b>{make_view().readout}</b>"]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_sources_are_cited_through_the_readme(notebook):
    """A notebook that mentions one of the three articles points to the README's Sources section."""
    text = prose(notebook)
    readme = (ROOT / "README.md").read_text()
    sources = readme.split("## Sources", 1)[1]
    for title in ("Understanding Neural Network Backpropagation Learning", "A Beginner's Guide to Backpropagation",
                  "How Does Backpropagation in a Neural Network Work?", "Anas Al-Masri", "Built In", "Pathmind"):
        assert title in sources.replace("\n  ", " "), title
    if any(word in text for word in ("article", "beginner's guide", "sources")):
        assert "../README.md#sources" in text


# -- what the review of notebooks 00-03 asked to be said right (and pinned)
def test_02_the_gradient_reused_by_two_inputs_is_that_of_their_product():
    """Review item 9: ∂L/∂a2 serves w2 and z1 (a2 = w2·z1); ∂L/∂y serves w3 and z2 (y = w3·z2)."""
    graph = compgraph.layer_chain(1.0, [0.9, -1.3, 0.7], 0.5)
    graph.backward()
    for product, (left, right) in {"a2": ("w2", "z1"), "y": ("w3", "z2")}.items():
        parents = [node for node, _ in graph[product].parents]
        assert parents == [graph[left], graph[right]]
        assert graph[left].grad == pytest.approx(graph[product].grad * graph[right].data, rel=1e-12)
        assert graph[right].grad == pytest.approx(graph[product].grad * graph[left].data, rel=1e-12)


def test_02_the_guides_parameter_to_parameter_wording_is_named():
    """Review item 13: the chain runs through the layers' outputs, not from weights to weights."""
    graph = compgraph.layer_chain(1.0, [0.9, -1.3, 0.7], 0.5)
    graph.backward()
    assert graph["w3"] not in [node for node, _ in graph["a2"].parents]  # no edge from a weight to a weight
    assert graph["z2"] in [node for node, _ in graph["y"].parents]       # the last layer hands back ∂L/∂z2


def test_02_exercise_4_solution_shows_the_printed_values_suffice():
    out = printed_text("02_chain_rule.ipynb")
    assert "z2 = -0.7311" in out and "w_3 = 1.1" in prose("02_chain_rule.ipynb")
    assert "from z2 = -0.7311: 1.736307; both are 1.736 to 3 decimals" in out
    assert "to 3 decimals" in prose("02_chain_rule.ipynb")


def test_01_the_rates_print_the_digit_the_algebra_gives():
    """Review item 7: ΔL/Δw = 2.1 + 2.25·Δw exactly; at Δw = 0.001 that is 2.10225, not 2.1022."""
    loss = lambda w: (1.5 * w - 0.5) ** 2  # noqa: E731
    for dw in (1.0, 0.5, 0.1, 0.01, 0.001):
        rate = (loss(0.8 + dw) - loss(0.8)) / dw
        assert f"{rate:.5f}" == f"{2.1 + 2.25 * dw:.5f}"
        assert f"ΔL/Δw = {2.1 + 2.25 * dw:.5f}" in printed_text("01_derivatives.ipynb")


def test_01_exercise_2_prompt_and_solution_both_use_a_number():
    """Review item 8: the prompt asks for the step as a number; the solution passes one."""
    name = "01_derivatives.ipynb"
    assert "answer with the step as a number, e.g. `answer = 1e-2`" in prose(name)
    solution = next(source(c) for c in cells(name)[solutions_start(name):] if "ex2.check(" in source(c))
    assert "candidates = [1e-2, 1e-5, 1e-12]" in solution and "answer = candidates[" in solution


def test_00_table_maps_the_perceptron_sections_z_and_the_generic_u_v():
    """Review item 16: the single-weight article's perceptron section calls the weighted sum plus bias z."""
    text = prose("00_start_here.ipynb")
    assert "single-weight article (its perceptron section): $z$" in text
    assert "$u$ and $v$ are any two functions" in text


def test_02_each_gradient_is_the_sum_over_its_arrows_of_target_gradient_times_label():
    """Review item 11: the rule as the prose states it (the gradient of the box an arrow leads to times the
    number on that arrow, summed over all arrows leaving the box), checked on every node of the three-layer graph."""
    graph = compgraph.layer_chain(1.0, [0.9, -1.3, 0.7], 0.5)
    graph.backward()
    everything = engine.topological_order(graph)
    for node in everything:
        if node is graph:
            continue
        arrows = [(user, local) for user in everything for parent, local in user.parents if parent is node]
        assert node.grad == pytest.approx(sum(user.grad * local for user, local in arrows), rel=1e-12, abs=1e-15)
