"""Shared code for the "Backpropagation, step by step" notebooks, in three parts.

- :mod:`helpers.maths`      the maths, numpy and the standard library only (a test keeps it so)
- :mod:`helpers.views`      pictures and sliders (matplotlib, ipywidgets)
- :mod:`helpers.exercises`  the checkers that give feedback on the learner's answers

Names mirror each other per idea: ``maths/network.py`` computes the XOR network,
``views/network.py`` draws it. Maths never imports views or exercises. README.md's map
("to change X, open Y") says where each idea lives.

Importing any of it changes nothing global: :func:`setup`, in each notebook's first code cell,
installs what the notebooks need in the running kernel.
"""
from __future__ import annotations

__all__ = ["setup"]


def setup() -> None:
    """Install what the notebooks need in this kernel (calling it again does no harm).

    - the series' matplotlib style, and 2x pictures for ``plt.show()`` and a figure left as a
      cell's value (:func:`helpers.views.show.apply`);
    - after each cell, slider pictures left by code are stored in 256 colours
      (:func:`helpers.views.controls.compact_after_cells`);
    - a slip such as ``0.7^2`` gets one line saying what to write instead of a traceback
      (:func:`helpers.exercises.slips.install`).
    """
    from helpers.exercises import slips
    from helpers.views import controls, show

    show.apply()
    controls.compact_after_cells()
    slips.install()
