"""Pictures for notebook 01: secants turning into the tangent, finite-difference error against step size,
and the two activation functions σ and tanh."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import calculus as c
from .widgets import SliderFigure

__all__ = ["draw_secants", "secant_view", "plot_step_errors", "plot_squashers"]


def _curve(ax: Axes, fn, x0: float, span: tuple[float, float], label: str, var: str) -> None:
    xs = np.linspace(*span, 200)
    ax.plot(xs, fn(xs), color="black", lw=2, label=label)
    ax.plot([x0], [fn(x0)], "o", color="black")
    ax.set_xlim(*span)
    ax.set_xlabel(var)
    ax.grid(alpha=0.3)


def draw_secants(ax: Axes, fn, x0: float, dxs, span: tuple[float, float] = (-0.2, 1.9),
                 label: str = "y = f(x)", var: str = "x") -> None:
    """The curve, the tangent at x0 (dashed) and one secant per step Δx, slopes in the legend.

    ``fn`` is any function of one number that also works on numpy arrays; the tangent's slope
    is exact for a :class:`calculus.Function` and a central difference otherwise.
    """
    c._check_callable(fn, "fn")
    _curve(ax, fn, x0, span, label, var)
    xs = np.linspace(*span, 2)
    for dx, colour in zip(dxs, ["tab:red", "tab:orange", "tab:green", "tab:purple", "tab:brown"]):
        slope = c.secant_slope(fn, x0, dx)
        ax.plot(xs, fn(x0) + slope * (xs - x0), color=colour, lw=1, label=f"Δ{var} = {dx:g}: slope {slope:.3f}")
        ax.plot([x0 + dx], [fn(x0 + dx)], "o", color=colour)
    tangent = c.tangent_line(fn, x0)
    ax.plot(xs, tangent(xs), "--", color="tab:blue", lw=2, label=f"tangent: slope {tangent.slope:.3f}")
    ax.set_ylim(-0.3, float(np.max(fn(np.linspace(*span, 200)))) * 1.05)
    ax.legend(fontsize=8, loc="upper left")


def secant_view(fn, x0: float, dx: float = 0.5, span: tuple[float, float] = (-0.2, 1.9),
                label: str = "y = f(x)", var: str = "x") -> SliderFigure:
    """A Δx slider (control name ``dx``): the secant through x0 and x0+Δx swings onto the tangent as Δx shrinks."""
    c._check_callable(fn, "fn")
    fig = Figure(figsize=(6, 4), layout="constrained")
    ax = fig.add_subplot()
    _curve(ax, fn, x0, span, label, var)
    xs = np.linspace(*span, 2)
    tangent = c.tangent_line(fn, x0)
    ax.plot(xs, tangent(xs), "--", color="tab:blue", label=f"tangent: slope {tangent.slope:.3f}")
    (secant,) = ax.plot([], [], color="tab:red", lw=1.5, label="secant")
    (point,) = ax.plot([], [], "o", color="tab:red")
    ax.set_ylim(-0.3, float(np.max(fn(np.linspace(*span, 200)))) * 1.05)
    ax.legend(loc="upper left", fontsize=9)

    def update(dx: float) -> str:
        slope = c.secant_slope(fn, x0, dx)
        secant.set_data(xs, fn(x0) + slope * (xs - x0))
        point.set_data([x0 + dx], [fn(x0 + dx)])
        ax.set_title(f"Δ{var} = {dx:.3f}   Δy = {fn(x0 + dx) - fn(x0):.4f}")
        return (f"Δ{var} = {dx:.3f}: secant slope = {slope:.4f}, "
                f"tangent slope = {tangent.slope:.4f}, gap = {slope - tangent.slope:.4f}")

    slider = widgets.FloatSlider(value=dx, min=0.01, max=1.0, step=0.01, description=f"Δ{var}",
                                 continuous_update=True, readout_format=".2f")
    return SliderFigure(fig, {"dx": slider}, update, name="secant → tangent")


def plot_step_errors(ax: Axes, hs, errors: dict[str, np.ndarray]) -> None:
    """Log–log error against step h for each method, with the best step of each marked."""
    for method, colour in (("forward", "tab:red"), ("central", "tab:blue")):
        err = np.maximum(errors[method], 1e-17)  # an exact 0 has no logarithm
        best = int(np.argmin(err))
        ax.loglog(hs, err, "o-", color=colour, label=f"{method} difference")
        ax.loglog([hs[best]], [err[best]], "*", color=colour, markersize=16)
    ax.invert_xaxis()
    ax.set_xlabel("step h  (smaller to the right)")
    ax.set_ylabel("|numeric − exact| derivative")
    ax.grid(alpha=0.3, which="both")
    ax.legend()


def plot_squashers(ax: Axes, span: tuple[float, float] = (-5.0, 5.0)) -> None:
    """σ(x) and tanh(x) side by side, with the levels they approach far out (told apart by line style and label)."""
    xs = np.linspace(*span, 401)
    ax.plot(xs, c.sigmoid(xs), color="tab:blue", lw=2, label="σ(x) = 1/(1 + e⁻ˣ): from 0 to 1")
    ax.plot(xs, c.tanh(xs), color="tab:orange", lw=2, ls="--", label="tanh(x): from −1 to 1")
    for level in (-1.0, 0.0, 1.0):
        ax.axhline(level, color="grey", lw=0.8, ls=":")
    ax.set_xlim(*span)
    ax.set_ylim(-1.15, 1.15)
    ax.set_xlabel("x (for a unit: its weighted sum a)")
    ax.set_ylabel("activation value")
    ax.set_title("Two S-shaped squashing functions")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left")
