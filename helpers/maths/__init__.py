"""The maths of the series, one idea per module, numpy and the standard library only.

- ``calculus``        functions paired with derivatives, the rules, finite differences (01)
- ``engine``          the Value engine: operations with their local derivatives, backward (02, 07)
- ``compgraph``       notebook 02's graphs built with it, and its printed backward steps (02)
- ``single_weight``   the one-weight model y = w*x, descent, stability regimes (03, 04)
- ``neuron``          one neuron y = f(w·x + b): deltas, mean gradients, curvature, what one line can do (04)
- ``network``         the 2-k-1 network in matrix form: forward, backward, training (05-07)
- ``many_runs``       many trainings of that network at once: a grid of rates or starts (05, 06)
- ``xor_nodes``       the same network node by node with the XOR source's names (05)
- ``recording``       one training run with copies of the network kept along the way (05, 06)
- ``gradcheck``       analytic gradients against central finite differences (04, 05, 07)
- ``datasets``        small seeded data sets, held-out split, normalisation (06)
- ``practice``        the experiments of notebook 06
- ``aiming``          the gunner's picture of gradient descent (06)
- ``autograd``        the XOR network in Values, and why scalars are slow (07)
- ``start_here``      the warm-up of notebook 00
- ``roundoff``        how a number that is only round-off prints ("< 1e-12")
- ``checks``          argument checks with one message style
"""
