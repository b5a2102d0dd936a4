"""Shared code for the "Backpropagation, step by step" notebooks.

Each module holds one idea; notebooks import the module they need, e.g.
``from helpers import single_weight``.

- ``calculus``       derivatives, numerical differentiation, the chain rule
- ``single_weight``  the one-weight model a = i*w and its gradient descent
- ``network``        the small 2-k-1 network: forward, backward, training
- ``gradcheck``      analytic gradients against central finite differences
- ``widgets``        a figure redrawn in place behind sliders
- ``exercises``      exercises with instant feedback
"""
