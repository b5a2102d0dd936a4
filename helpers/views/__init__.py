"""Pictures and sliders; each module draws the idea of the maths module of the same name.

- ``style``           the look every figure shares: palette, sizes, pixel density, nothing leaves its axes
- ``show``            how a picture reaches the screen: 2x PNG, compact encoding, ``show(fig)``
- ``controls``        SliderFigure: one figure redrawn in place behind controls; grid sliders
- ``redraw``          the partial redraw that keeps slider pictures quick
- ``learning_rate``   a learning-rate slider driving a loss curve, and a static grid
- ``scrubber``        watch one training run: an epoch scrubber with a play button, and its strip of stills
- ``calculus``, ``compgraph``, ``single_weight``, ``neuron``, ``network``, ``practice``, ``aiming``,
  ``autograd``, ``start_here``: the pictures of the maths module of the same name

Importing changes nothing global; :func:`helpers.setup` (each notebook's first code cell) installs
what the notebooks need.
"""
