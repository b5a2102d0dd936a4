"""SliderFigure: redraws in place, reports what it shows, rejects bad input clearly."""
import ipywidgets as widgets
import pytest
from matplotlib.figure import Figure

from helpers.widgets import SliderFigure


def make():
    fig = Figure(figsize=(4, 3))
    (line,) = fig.add_subplot().plot([0, 1], [0, 1])

    def update(rate):
        line.set_ydata([0, rate])
        return f"rate {rate:.2f}"

    return SliderFigure(fig, {"rate": widgets.FloatSlider(value=0.5, max=2)}, update, name="demo")


def test_moving_the_slider_redraws_the_image():
    view = make()
    before = bytes(view.image.value)
    assert view.readout == "rate 0.50"
    assert view.set(rate=1.5) == "rate 1.50"
    after = bytes(view.image.value)
    assert after != before and after.startswith(b"\x89PNG")
    assert view.last_redraw_ms > 0


def test_text_repr_is_stable():
    assert make()._repr_mimebundle_()["text/plain"] == "[demo: move the controls in a live kernel]"


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="unknown control"):
        make().set(speed=1)
    with pytest.raises(TypeError, match="matplotlib Figure"):
        SliderFigure("not a figure", {"x": widgets.FloatSlider()}, lambda x: "")
