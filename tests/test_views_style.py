"""helpers.views.style: one palette with line styles, sizes in displayed pixels, clipping to the view."""

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from helpers.views import show, style


def relative_luminance(colour):
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_series_differ_by_more_than_colour():
    looks = [style.series(k) for k in range(len(style.SERIES))]
    assert len({look["color"] for look in looks}) == len(looks)
    assert len({str(look["linestyle"]) for look in looks}) == len(looks)
    assert len({look["marker"] for look in looks}) == len(looks)
    assert style.series(len(style.SERIES)) == style.series(0)  # wraps around
    with pytest.raises(TypeError, match="series number"):
        style.series(-1)


def test_palette_is_okabe_ito_and_readable_on_white():
    assert set(style.SERIES) <= set(style.OKABE_ITO.values())
    assert style.OKABE_ITO["yellow"] not in style.SERIES
    for colour in style.SERIES:  # WCAG contrast of a thin line against white: at least 2:1
        assert (1.05) / (relative_luminance(colour) + 0.05) >= 2.0, colour


def test_apply_sets_sizes_and_a_cycle_with_line_styles():
    show.apply()
    assert mpl.rcParams["figure.dpi"] == style.DISPLAY_DPI
    for key in ("font.size", "xtick.labelsize", "ytick.labelsize", "legend.fontsize", "axes.labelsize"):
        assert mpl.rcParams[key] >= style.MIN_FONT_PT
    cycle = mpl.rcParams["axes.prop_cycle"].by_key()
    assert list(cycle["color"]) == list(style.SERIES) and len(set(map(str, cycle["linestyle"]))) == len(style.SERIES)


def test_sizes_are_displayed_pixels_and_never_wider_than_the_notebook():
    assert style.inches(672, 384) == (7.0, 4.0)
    fig = style.new_figure(640, 360)
    assert style.displayed_size(fig) == (640, 360)
    with pytest.raises(ValueError, match="wider than the notebook"):
        style.new_figure(style.CONTENT_WIDTH + 1, 300)
    with pytest.raises(ValueError, match="positive number of pixels"):
        style.inches(0, 300)


def test_clip_to_view_cuts_a_line_where_it_leaves():
    x, y, left = style.clip_to_view([0, 1, 2, 3], [0, 1, 4, 9], (0, 3), (0, 2))
    assert left and list(x[:2]) == [0, 1] and list(y[:2]) == [0, 1]
    assert x[-1] == pytest.approx(1 + 1 / 3) and y[-1] == pytest.approx(2.0)  # the crossing of the top edge
    x, y, left = style.clip_to_view([0, 1], [0, 1], (0, 1), (0, 1))
    assert not left and list(y) == [0, 1]
    # log y: the crossing is interpolated in log space; non-finite points count as outside
    x, y, left = style.clip_to_view([0, 1, 2], [1e-2, 1e2, np.inf], (0, 2), (1e-3, 1e1), log_y=True)
    assert left and x[-1] == pytest.approx(0.75) and y[-1] == pytest.approx(10.0)
    x, y, left = style.clip_to_view([0, 1], [5, 6], (0, 1), (0, 1))
    assert left and x.size == 0
    with pytest.raises(ValueError, match="same length"):
        style.clip_to_view([0, 1], [0], (0, 1), (0, 1))


def test_off_chart_marker_points_where_the_line_left():
    fig = Figure()
    ax = fig.add_subplot()
    ax.set(xlim=(0, 1), ylim=(0, 1))
    marker = style.off_chart_marker(ax)
    assert not marker.text.get_visible()
    marker.show_at(0.5, 1.0)
    assert marker.text.get_visible() and marker.text.get_text().startswith("↑")
    marker.show_at(1.0, 0.5)
    assert "→" in marker.text.get_text()
    marker.hide()
    assert not marker.text.get_visible()
