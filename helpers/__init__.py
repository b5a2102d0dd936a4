"""Shared code for the "Backpropagation, step by step" notebooks.

Each module holds one idea; notebooks import the module they need, e.g.
``from helpers import single_weight``. Math modules never plot; ``*_plots`` modules
draw; ``widgets`` and ``learning_rate`` make the sliders; ``exercises`` gives feedback.

Math
- ``calculus``        functions paired with derivatives, the rules, finite differences
- ``compgraph``       a tiny computation graph with a backward pass (notebooks 02, 07)
- ``single_weight``   the one-weight model y = w*x, descent, stability regimes (03, 04)
- ``neuron``          one neuron y = f(w·x + b): deltas, mean gradients, curvature, what one line can do (04)
- ``network``         the 2-k-1 network in matrix form: forward, backward, training (05-07)
- ``xor_nodes``       the same network node by node with the XOR source's names (05)
- ``gradcheck``       analytic gradients against central finite differences (04, 05, 07)
- ``datasets``        small seeded data sets, held-out split, normalisation (06)
- ``practice``        the experiments of notebook 06
- ``aiming``          the gunner's picture of gradient descent (06)
- ``autograd``        build-your-own autograd: the reference engine, XOR in Values (07)
- ``start_here``      the warm-up of notebook 00

Pictures and sliders
- ``style``           the look every figure shares: palette, sizes, pixel density, compact PNGs
- ``widgets``         SliderFigure: one figure redrawn in place behind controls
- ``learning_rate``   a learning-rate slider driving a loss curve, and a static grid
- ``training_view``   watch one training run: an epoch scrubber with a play button, and its strip of stills
- ``calculus_plots``, ``single_weight_plots``, ``neuron_plots``, ``network_plots``, ``practice_plots``,
  ``autograd_plots``

Exercises
- ``exercises``       the checkers: Exercise for a value, CodeExercise for code the learner
                      writes (``codecheck``); one submodule of exercises per notebook
"""
