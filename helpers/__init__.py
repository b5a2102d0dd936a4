"""Shared code for the "Backpropagation, step by step" notebooks, in three parts.

- :mod:`helpers.maths`      the maths, numpy and the standard library only (a test keeps it so)
- :mod:`helpers.views`      pictures and sliders (matplotlib, ipywidgets); ``helpers.views.setup()``
                            in a notebook's first cell installs what the notebooks need
- :mod:`helpers.exercises`  the checkers that give feedback on the learner's answers

Names mirror each other per idea: ``maths/network.py`` computes the XOR network,
``views/network.py`` draws it. Maths never imports views or exercises. README.md's map
("to change X, open Y") says where each idea lives.
"""
