"""helpers.views.aiming: the gunner's picture."""
from helpers.maths import aiming


def test_plot_shows_without_warnings(monkeypatch):
    from helpers.views import aiming as aiming_views
    shown = []
    monkeypatch.setattr(aiming_views, "show", shown.append)
    aiming_views.plot_shots(aiming.shots(), aiming.shots(lr=0.3), labels=("a", "b"))
    assert len(shown) == 1 and len(shown[0].axes) == 4
    assert len(shown[0].axes[0].get_lines()) == 6 * 2 + 2  # an arc and a landing mark per shot, the flag pole, the gun
