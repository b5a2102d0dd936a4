"""Exercises for notebook 07 (build your own autograd): seven pieces of an engine, each checked on its own.

The learner's ``Value`` (given in the notebook) holds ``data``, ``grad`` and ``parents``, a list of
pairs (input node, local derivative). The learner writes ``add``, ``mul``, ``sigmoid``,
``topological_order``, ``backward``, the XOR loss ``xor_loss`` and the training loop ``train``.
Every case builds its inputs with :class:`helpers.maths.engine.Value` (whose operators are the
reference ones), so each exercise checks one function only: a slip in ``mul`` cannot make
``backward`` look wrong. The reference answers are the functions of :mod:`helpers.maths.engine`
and :mod:`helpers.maths.autograd`; gradients are also checked against central differences
(``numeric``), and the XOR loss against :mod:`helpers.maths.network`. Each typical mistake is a wrong implementation below.
"""
from __future__ import annotations

import math
from typing import Any, Callable

from helpers.maths import autograd as ag
from helpers.maths import engine
from helpers.maths import network
from helpers.maths import neuron
from helpers.maths.engine import _is_node
from helpers.maths.gradcheck import numerical_gradient, numerical_network_gradients
from . import Case, CodeExercise, Mistake
from .compare import Problem

__all__ = ["ex1", "ex2", "ex3", "ex4", "ex5", "ex6", "ex7", "backward_with_assign", "train_without_zeroing"]

def _num(x: float) -> str:
    """A number as a case label shows it: 2, 0.25, −3 (with a real minus sign)."""
    return f"{x:g}".replace("-", "−")


def _pairs(out: Any, name: str) -> list:
    """The node's parents as a list, or a clear error when it is not a node."""
    if not _is_node(out):
        raise TypeError(f"{name} must return a Value (a new node), got {type(out).__name__} {out!r:.40}: "
                        "make one with Value(data, [(input, local derivative), …])")
    try:
        return [tuple(pair) for pair in out.parents]
    except TypeError:
        raise TypeError(f"parents must be a list of pairs (input node, local derivative), got {out.parents!r:.60}") \
            from None


def _local_summary(out: Any, inputs: tuple, name: str) -> tuple | None:
    """(out.data, then per input the sum of the local derivatives stored with it), as the checker compares them."""
    if out is None:
        return None
    pairs = _pairs(out, name)
    result = [float(out.data)]
    for node in inputs:
        total = 0.0
        for pair in pairs:
            if len(pair) == 2 and pair[0] is node:
                if _is_node(pair[1]):
                    return (result[0], *[_VALUE_AS_LOCAL] * len(inputs))
                total += float(pair[1])
        result.append(total)
    return tuple(result)


_VALUE_AS_LOCAL = Problem("a Value", "the local derivative stored in parents is a Value; it must be a plain number, "
                                    "computed from the numbers .data (z * (1 - z) of Values makes a Value).")


def _operation_case(name: str, label: str, values: tuple[float, ...], same: bool = False,
                    numeric: Callable[[], tuple] | None = None) -> Case:
    """Call the learner's operation on fresh nodes holding ``values`` (``same``: the one node twice)."""
    def run(operation):
        nodes = tuple(engine.Value(v) for v in values)
        if same:
            nodes = (nodes[0], nodes[0])
        return _local_summary(operation(*nodes), nodes, name)
    return Case(label, run, numeric=numeric)


def _slopes(f: Callable[..., float], values: tuple[float, ...]) -> tuple:
    """f(values) and its central-difference slope in each argument: independent of any engine."""
    return (f(*values), *numerical_gradient(lambda v: f(*v), values))


# ---------------------------------------------------------------- exercise 1: add
def _add_case(a: float, b: float) -> Case:
    return _operation_case("add", f"s = add(a, b) with a = {_num(a)}, b = {_num(b)}", (a, b),
                           numeric=lambda: _slopes(lambda x, y: x + y, (a, b)))


def _add_same(a: float) -> Case:
    return _operation_case("add", f"s = add(a, a) with a = {_num(a)}: the same node twice", (a,), same=True,
                           numeric=lambda: (2 * a, 2.0, 2.0))


def _add_input_values(a, b):
    return type(a)(a.data + b.data, [(a, a.data), (b, b.data)])


def _add_no_parents(a, b):
    return type(a)(a.data + b.data)


ex1 = CodeExercise(
    "Exercise 1 (add)", reference=engine.add, returns=("s.data", "∂s/∂a", "∂s/∂b"),
    cases=[_add_case(2.0, -3.0), _add_case(0.5, 0.25), _add_same(1.5), _add_case(-1.5, 4.0)],
    hint="s = a + b: data a.data + b.data, and parents [(a, ∂s/∂a), (b, ∂s/∂b)] with both local derivatives 1.",
    explanation="A sum passes any nudge of a or b on unchanged, so both local derivatives are 1.",
    mistakes=[
        Mistake(_add_input_values, "the local derivative of a sum is 1 for each input (if a moves by 1, s moves "
                                   "by 1), not the input's value."),
        Mistake(_add_no_parents, "s must remember where it came from: parents = [(a, 1.0), (b, 1.0)], each pair "
                                 "(input node, local derivative) in that order."),
    ],
)


# ---------------------------------------------------------------- exercise 2: mul
def _mul_case(a: float, b: float) -> Case:
    return _operation_case("mul", f"m = mul(a, b) with a = {_num(a)}, b = {_num(b)}", (a, b),
                           numeric=lambda: _slopes(lambda x, y: x * y, (a, b)))


def _mul_same(a: float) -> Case:
    return _operation_case("mul", f"m = mul(a, a) with a = {_num(a)}: the same node twice", (a,), same=True,
                           numeric=lambda: (a * a, 2 * a, 2 * a))


def _mul_own_values(a, b):
    return type(a)(a.data * b.data, [(a, a.data), (b, b.data)])


def _mul_ones(a, b):
    return type(a)(a.data * b.data, [(a, 1.0), (b, 1.0)])


def _mul_nodes(a, b):
    return type(a)(a.data * b.data, [(a, b), (b, a)])


def _mul_no_parents(a, b):
    return type(a)(a.data * b.data)


ex2 = CodeExercise(
    "Exercise 2 (mul)", reference=engine.mul, returns=("m.data", "∂m/∂a", "∂m/∂b"),
    cases=[_mul_case(2.0, -3.0), _mul_case(0.5, 4.0), _mul_same(1.5), _mul_case(-1.5, 0.0)],
    hint="m = a·b: data a.data * b.data; ∂m/∂a = b.data and ∂m/∂b = a.data.",
    explanation="Each input of a product gets the other input's value as its local derivative.",
    mistakes=[
        Mistake(_mul_own_values, "∂m/∂a is the other input, b.data: if a moves by 1, m = a·b moves by b."),
        Mistake(_mul_ones, "1 and 1 are the local derivatives of a sum; for a product each input gets the other "
                           "input's value."),
        Mistake(_mul_nodes, "store the number b.data as the local derivative, not the node b."),
        Mistake(_mul_no_parents, "m must remember where it came from: parents = [(a, b.data), (b, a.data)], each "
                                 "pair (input node, local derivative) in that order."),
    ],
)


# ---------------------------------------------------------------- exercise 3: sigmoid
def _sigmoid_case(a: float) -> Case:
    return _operation_case("sigmoid", f"z = sigmoid(a) with a = {_num(a)}", (a,),
                           numeric=lambda: _slopes(neuron.sigmoid, (a,)))


def _sigmoid_with(slope: Callable[[float, float], float], exponent: float = -1.0):
    def sigmoid(a):
        z = 1.0 / (1.0 + math.exp(exponent * a.data))
        return type(a)(z, [(a, slope(a.data, z))])
    return sigmoid


ex3 = CodeExercise(
    "Exercise 3 (sigmoid)", reference=engine.sigmoid, returns=("z.data", "∂z/∂a"),
    cases=[_sigmoid_case(0.5), _sigmoid_case(0.0), _sigmoid_case(-2.0), _sigmoid_case(3.0)],
    hint="z = 1 / (1 + math.exp(−a.data)); its local derivative is z·(1 − z), written with the output z.",
    explanation="Like tanh's, the sigmoid's slope needs only its own output: z·(1 − z).",
    mistakes=[
        Mistake(_sigmoid_with(lambda a, z: a * (1 - a)), "σ′ is written with the output z = σ(a): z·(1 − z), "
                                                         "not a·(1 − a)."),
        Mistake(_sigmoid_with(lambda a, z: z), "the local derivative is z·(1 − z), not z itself."),
        Mistake(_sigmoid_with(lambda a, z: 1 - z * z), "1 − z² is tanh's slope; the sigmoid's is z·(1 − z)."),
        Mistake(_sigmoid_with(lambda a, z: z * (1 - z), exponent=1.0), "σ(a) = 1/(1 + e^(−a)): the exponent has "
                                                                       "a minus sign."),
    ],
)


# ---------------------------------------------------------------- exercise 4: the topological order
def _graph_single():
    a = engine.Value(2.0)
    return a, {"a": a}


def _graph_tree():
    a, b, c, d = engine.Value(2.0), engine.Value(-3.0), engine.Value(0.5), engine.Value(4.0)
    p = a * b
    q = p + c
    L = q * d
    return L, {"a": a, "b": b, "c": c, "d": d, "p": p, "q": q, "L": L}


def _graph_shared():
    a, b = engine.Value(2.0), engine.Value(-3.0)
    p = a * b
    s = p + a
    L = p * s
    return L, {"a": a, "b": b, "p": p, "s": s, "L": L}


def _graph_diamond():
    a = engine.Value(0.5)
    z = a.sigmoid()
    three = engine.Value(3.0)
    p = three * z
    q = z * z
    y = p + q
    return y, {"a": a, "z": z, "3": three, "p": p, "q": q, "y": y}


class _Order:
    """Node names in an order, shown as "the order [a, b, p]" in the checker's messages."""

    def __init__(self, names):
        self.names = tuple(names)

    def __eq__(self, other):
        return isinstance(other, _Order) and self.names == other.names

    def __hash__(self):
        return hash(self.names)

    def __repr__(self):
        return "[" + ", ".join(self.names) + "]"


_Order.__name__ = "the order"  # the checker describes a value by its type's name: "the order [a, b, p]"


def _order_case(label: str, build: Callable[[], tuple]) -> Case:
    """Any valid order counts: a valid one is reported as the reference's, a wrong one by its node names."""
    def run(topological_order):
        output, names = build()
        name_of = {id(node): name for name, node in names.items()}
        order = topological_order(output)
        if order is None:
            return None
        order = list(order)
        got = [name_of.get(id(node), "?") for node in order]
        expected = engine.topological_order(output)
        position = {id(node): k for k, node in enumerate(order)}
        valid = (len(order) == len(expected) and len(position) == len(order)
                 and all(id(node) in position for node in expected)
                 and all(position[id(p)] < position[id(n)] for n in expected for p, _ in n.parents))
        return _Order(name_of[id(node)] for node in expected) if valid else _Order(got)
    return Case(label, run)


def _order_without_seen(output):
    order = []

    def visit(node):
        for parent, _ in node.parents:
            visit(parent)
        order.append(node)
    visit(output)
    return order


def _order_node_first(output):
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            order.append(node)
            for parent, _ in node.parents:
                visit(parent)
    visit(output)
    return order


def _order_output_first(output):
    return engine.topological_order(output)[::-1]


def _order_one_level(output):
    return [parent for parent, _ in output.parents] + [output]


ex4 = CodeExercise(
    "Exercise 4 (topological order)", reference=engine.topological_order,
    cases=[_order_case("the order of a single node a", _graph_single),
           _order_case("p = a * b, q = p + c, L = q * d", _graph_tree),
           _order_case("p = a * b, s = p + a, L = p * s (p and a used twice)", _graph_shared),
           _order_case("z = sigmoid(a), p = 3 * z, q = z * z, y = p + q", _graph_diamond)],
    hint="visit(node): if it is not seen yet, mark it seen, visit each of its parents, then append the node; "
         "start with visit(output) and return the list.",
    explanation="Every node comes after the nodes it was made from, and each appears once; reversed, the output "
                "comes first.",
    mistakes=[
        Mistake(_order_without_seen, "a node used twice appears twice: keep a set of the nodes already visited and "
                                     "skip them."),
        Mistake(_order_node_first, "append a node after its parents (after the loop over them): every node must "
                                   "come after the nodes it was made from."),
        Mistake(_order_output_first, "that is the order backward walks, output first; list the inputs first "
                                     "(backward will reverse the list)."),
        Mistake(_order_one_level, "go all the way back: visit the parents of the parents too (visit calls "
                                  "itself), down to the leaves."),
    ],
)


# ---------------------------------------------------------------- exercise 5: backward
def _grad_case(label: str, build: Callable[[Any, Any], Any], a: float, b: float,
               left_over: tuple[float, float] = (0.0, 0.0)) -> Case:
    """Build L from leaves a, b (reference Values), run the learner's backward(L), read ∂L/∂a, ∂L/∂b and ∂L/∂L.

    ``left_over`` are grads a and b already hold (from an earlier backward): backward adds to them."""
    def run(backward):
        x, y = engine.Value(a), engine.Value(b)
        x.grad, y.grad = left_over
        output = build(x, y)
        backward(output)
        return x.grad, y.grad, output.grad

    def numeric():
        value = lambda u, v: build(engine.Value(u), engine.Value(v)).data  # noqa: E731
        da, db = _slopes(value, (a, b))[1:]
        return da + left_over[0], db + left_over[1], 1.0
    return Case(label, run, numeric=numeric)


def _backward_with(update: Callable[[Any, Any, float], None], seed: bool = True, reverse: bool = True):
    def backward(output):
        order = engine.topological_order(output)
        if seed:
            output.grad = 1.0
        for node in (reversed(order) if reverse else order):
            for parent, local in node.parents:
                update(parent, node, local)
    return backward


def _assign(parent, node, local):
    parent.grad = node.grad * local  # the classic bug: = instead of +=


def _no_local(parent, node, local):
    parent.grad += node.grad


def _no_node_grad(parent, node, local):
    parent.grad += local


def _right(parent, node, local):
    parent.grad += node.grad * local


def _backward_zeroing(output):
    """A correct pass that first sets every node's grad to 0: then nothing accumulates across backward calls."""
    order = engine.topological_order(output)
    for node in order:
        node.grad = 0.0
    output.grad = 1.0
    for node in reversed(order):
        for parent, local in node.parents:
            parent.grad += node.grad * local


def _backward_skipping_leaves(output):
    """A correct pass that never adds into the leaves (nodes without parents)."""
    output.grad = 1.0
    for node in reversed(engine.topological_order(output)):
        for parent, local in node.parents:
            if parent.parents:
                parent.grad += node.grad * local


def _backward_recursive(output):
    """Depth first from the output, no order: a node passes its grad on before it has all of it."""
    output.grad = 1.0

    def walk(node):
        for parent, local in node.parents:
            parent.grad += node.grad * local
            walk(parent)
    walk(output)


def _shared(a, b):
    """p = a·b, L = p·(p + a): p and a are each used twice."""
    p = a * b
    return p * (p + a)


def _neuron(a, b):
    """½(σ(1.5·a + b) − 1)²: a neuron with weight a, bias b, input 1.5, target 1; the error is used twice."""
    e = (1.5 * a + b).sigmoid() - 1.0
    return 0.5 * (e * e)


#: The backward pass with the classic bug, for the notebook to show what it does.
backward_with_assign = _backward_with(_assign)

ex5 = CodeExercise(
    "Exercise 5 (backward)", reference=engine.backward, returns=("∂L/∂a", "∂L/∂b", "∂L/∂L"),
    cases=[_grad_case("L = a + b with a = 2, b = −3", lambda a, b: a + b, 2.0, -3.0),
           _grad_case("L = a * b with a = 2, b = −3", lambda a, b: a * b, 2.0, -3.0),
           _grad_case("L = (a * b).tanh() with a = 0.2, b = 0.5", lambda a, b: (a * b).tanh(), 0.2, 0.5),
           _grad_case("L = a * a + b with a = 2, b = −3 (a used twice)", lambda a, b: a * a + b, 2.0, -3.0),
           _grad_case("p = a * b, L = p * (p + a) with a = 2, b = −3 (p and a used twice)", _shared, 2.0, -3.0),
           _grad_case("e = sigmoid(1.5a + b) − 1, L = ½·e·e with a = 0.8, b = 0.1", _neuron, 0.8, 0.1),
           _grad_case("L = a * b with a = 2, b = −3, where a.grad = 0.5 and b.grad = 0.25 are left from an earlier "
                      "backward (backward adds to them)", lambda a, b: a * b, 2.0, -3.0, left_over=(0.5, 0.25))],
    hint="output.grad = 1.0; then for every node in reversed(topological_order(output)), for each (parent, local) "
         "in its parents: parent.grad += node.grad * local.",
    explanation="The gradient that reaches a node is multiplied by each edge's local derivative and added to the "
                "input's grad: the chain rule along a path, a sum over the paths.",
    mistakes=[
        Mistake(backward_with_assign, "a node used twice gets one contribution per path, and they add: write "
                                      "parent.grad += node.grad * local, not parent.grad = …."),
        Mistake(_backward_with(_right, seed=False), "every gradient stayed 0: start the backward pass with "
                                                    "∂L/∂L = 1 (output.grad = 1.0 before the loop), and make sure "
                                                    "your topological_order passes Exercise 4."),
        Mistake(_backward_with(_right, reverse=False), "walk the order backwards, reversed(…): the output first, so "
                                                       "that each node has its whole gradient before it passes it on."),
        Mistake(_backward_with(_no_local), "multiply by the edge's local derivative: parent.grad += node.grad * local "
                                           "(the chain rule)."),
        Mistake(_backward_with(_no_node_grad), "multiply the local derivative by the gradient that reached the node: "
                                               "parent.grad += node.grad * local."),
        Mistake(_backward_zeroing, "your backward sets the grads to 0 before it adds: backward only adds, and "
                                   "zeroing belongs to the training loop (Exercise 7). A backward that zeroes "
                                   "hides what §7 shows: gradients left from an earlier step add up."),
        Mistake(_backward_skipping_leaves, "∂L/∂L is 1, but the leaves (a and b, the nodes without parents) never "
                                           "receive their gradient: every parent gets "
                                           "parent.grad += node.grad * local, leaf or not."),
        Mistake(_backward_recursive, "visit the nodes in reverse topological order: walking from the output along "
                                     "every path passes a shared node's gradient on before it is complete, and more "
                                     "than once."),
    ],
)


# ---------------------------------------------------------------- exercise 6: the XOR loss in Values
_CUT_HINT = ("the graph is cut: some weights are not among the nodes L was made from, so backward cannot reach them "
             "and their gradients stay 0. A .data (a plain number) where a Value belongs cuts the graph: keep "
             "computing with the Values until L.")


def _xor_case(label: str, net: network.Network) -> Case:
    def run(xor_loss):
        W, V, _ = ag.parameters(net)
        L = xor_loss(W, V)
        if L is None:
            return None
        if not _is_node(L):
            raise TypeError(f"xor_loss must return the loss as a Value (so that backward can run), got "
                            f"{type(L).__name__} {L!r:.40}")
        reached = {id(node) for node in engine.topological_order(L)}
        cut = [name for name, group in (("W", [w for row in W for w in row]), ("V", V))
               if not all(id(p) in reached for p in group)]
        engine.backward(L)
        dW, dV = ag.gradients(W, V)
        if cut:
            return float(L.data), *(Problem(f"not connected to L ({name} is not in L's graph)", _CUT_HINT)
                                     if name in cut else grads for name, grads in (("W", dW), ("V", dV)))
        return float(L.data), dW, dV

    def numeric():
        loss = network.loss(net, network.XOR_X, network.XOR_T)
        return (loss, *numerical_network_gradients(net, network.XOR_X, network.XOR_T))
    return Case(label, run, numeric=numeric)


def _xor_loss_with(hidden_bias=True, output_bias=True, half=True, mean=True, squash_output=False,
                   activation="sigmoid", bias_last=False):
    def xor_loss(W, V):
        total = 0.0
        for (x1, x2), t in ag.XOR:
            sums = [(row[0] if hidden_bias else 0.0) + row[1] * x1 + row[2] * x2 for row in W]
            z = [getattr(a, activation)() for a in sums]
            if bias_last:
                y = V[-1]
                for v, zj in zip(V[:-1], z):
                    y = y + v * zj
            else:
                y = V[0] if output_bias else 0.0
                for v, zj in zip(V[1:], z):
                    y = y + v * zj
            if squash_output:
                y = y.sigmoid()
            e = y - t
            total = total + (0.5 if half else 1.0) * (e * e)
        return total * (1.0 / len(ag.XOR)) if mean else total
    return xor_loss


ex6 = CodeExercise(
    "Exercise 6 (the XOR loss in Values)", reference=ag.xor_loss, returns=("L", "∂L/∂W", "∂L/∂V"),
    cases=[_xor_case("W, V = notebook 05's start, init_network(3, seed=4)", network.init_network(3, seed=4)),
           _xor_case("W, V = init_network(3, seed=0)", network.init_network(3, seed=0)),
           _xor_case("every weight 0.5", network.init_network(3, value=0.5))],
    hint="for each sample: z_j = σ(W_j0 + W_j1·x1 + W_j2·x2) for every row of W, y = V_0 + V_1·z_1 + … + V_k·z_k, "
         "add ½(y − t)·(y − t); return the sum divided by 4.",
    explanation="Your engine found all 13 gradients from the forward pass alone: you never wrote a delta.",
    mistakes=[
        Mistake(_xor_loss_with(mean=False), "the loss is the mean over the 4 samples: divide the sum by 4."),
        Mistake(_xor_loss_with(half=False), "each sample's loss is ½(y − t)²: the ½ is missing."),
        Mistake(_xor_loss_with(hidden_bias=False), "each hidden unit's weighted sum starts with its bias W_j0 "
                                                   "(the weight on X0 = 1): W_j0 + W_j1·x1 + W_j2·x2."),
        Mistake(_xor_loss_with(output_bias=False), "the output's weighted sum starts with the bias V_0 (the weight "
                                                   "on Z0 = 1): y = V_0 + V_1·z_1 + …."),
        Mistake(_xor_loss_with(squash_output=True), "the output unit has no activation (the identity, as in "
                                                    "helpers.network): y is the weighted sum itself."),
        Mistake(_xor_loss_with(activation="tanh"), "the hidden units use the sigmoid, .sigmoid(), as in notebook 05."),
        Mistake(_xor_loss_with(bias_last=True), "V_0 is the bias: V[0] stands alone and V[1], V[2], V[3] go with "
                                                "z_1, z_2, z_3."),
    ],
)


# ---------------------------------------------------------------- exercise 7: the training loop
def _train_case(label: str, start: tuple[float, ...], loss: Callable[..., Any], lr: float, epochs: int) -> Case:
    def run(train):
        params = [engine.Value(v) for v in start]
        losses = train(params, lambda: loss(*params), lr, epochs)
        if losses is None:
            return None
        losses = list(losses)
        if any(_is_node(x) for x in losses):
            raise TypeError("the list of losses holds Values: append the number L.data, not the node L")
        return [float(x) for x in losses], [p.data for p in params]
    return Case(label, run)


def _one_weight(w):
    """Notebook 03's loss (1.5·w − 0.5)²."""
    e = 1.5 * w - 0.5
    return e * e


def _train_with(zero: bool = True, direction: float = -1.0, in_place: bool = True):
    """The training loop with one thing changed: no zeroing, a step uphill, or a step that moves nothing."""
    def train(params, loss_of, lr, epochs):
        losses = []
        for _ in range(epochs):
            if zero:
                for p in params:
                    p.grad = 0.0
            L = loss_of()
            L.backward()
            for p in params:
                if in_place:
                    p.data += direction * lr * p.grad
                else:
                    p = p - lr * p.grad  # only gives the loop variable a new value
            losses.append(L.data)
        return losses
    return train


#: The training loop with the classic bug, for the notebook to show what it does: grads never zeroed.
train_without_zeroing = _train_with(zero=False)


ex7 = CodeExercise(
    "Exercise 7 (the training loop)", reference=ag.train, returns=("losses", "weights"),
    cases=[_train_case("notebook 03's weight: w = 0.8, L = (1.5w − 0.5)², lr = 0.1, 1 epoch", (0.8,), _one_weight,
                       0.1, 1),
           _train_case("the same, 3 epochs", (0.8,), _one_weight, 0.1, 3),
           _train_case("a neuron: a = 0.8, b = 0.1, L = ½(σ(1.5a + b) − 1)², lr = 2, 4 epochs", (0.8, 0.1),
                       _neuron, 2.0, 4),
           _train_case("0 epochs", (0.8,), _one_weight, 0.1, 0)],
    hint="every epoch: set p.grad = 0.0 for every parameter, L = loss_of(), L.backward(), then p.data -= lr * p.grad "
         "for every parameter; keep L.data in the list you return.",
    explanation="Zero, forward, backward, step: the same four lines as in every framework's training loop.",
    mistakes=[
        Mistake(train_without_zeroing, "set every parameter's grad to 0 before each backward: backward adds to "
                                        ".grad, so without zeroing each step uses the sum of all the gradients "
                                        "so far."),
        Mistake(_train_with(in_place=False), "the weights never move: change p.data itself (p = … only gives the loop "
                                       "variable a new value), and zero the grads before backward, not between "
                                       "backward and the step."),
        Mistake(_train_with(direction=1.0), "the step climbs the loss: subtract lr·grad, p.data -= lr * p.grad."),
    ],
)
