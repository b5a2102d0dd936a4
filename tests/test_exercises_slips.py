"""Typing slips that raise before the checker runs: one explanatory line in IPython, other errors untouched."""
import json
import subprocess
import sys
import textwrap

import pytest
from python_says import raised

from helpers.exercises import slips
from helpers.exercises.single_weight import ex3  # noqa: F401  (registers its option texts)


@pytest.mark.parametrize("code, words", [
    ("answer = 0.7^2", "Write ** instead: answer = 0.7 ** 2"),
    ("x = 0.7\nanswer = x ^ 2.0", "^ is not a power"),
    ("answer = (1,2 * 0,8 - 0,5) ** 2", "write 1.2 instead of 1,2"),
    ("answer = (0,7) * 0.5", "write 0.7 instead of 0,7"),
    ("answer = 2(1.2 - 0.5)", "Python needs * to multiply: answer = 2 * (1.2 - 0.5)"),
    ("answer = (1.5 × 0.8 − 0.5)**2", "answer = (1.5 * 0.8 - 0.5)**2"),
    ("answer = 0.7²", "answer = 0.7**2"),
    ("answer = 1.5 · 0.8", "answer = 1.5 * 0.8"),
    ("answer = 0,05", "use a dot for decimals"),
    ("answer = 2w", "write 2 * w"),
    ("answer = diverges", 'text answers go in quotes: "diverges"'),
    ("answer = oscillates but converges", 'answer = "oscillates but converges"'),
    ("answer = exp(1)", "math.exp(x) or np.exp(x)"),
    ("answer = e**2", "math.e"),
])
def test_known_slips_are_explained_with_the_fix(code, words):
    error = raised(code)
    line = getattr(error, "text", None) or code.splitlines()[-1]
    text = slips.explain(error, line)
    assert text is not None and words in text, text
    assert "\n" not in text and len(text) < 160


def test_numpy_scalars_get_the_same_word():
    error = raised("import numpy as np\nanswer = np.float64(0.7) ^ 2")
    assert "^ is not a power" in slips.explain(error, "answer = np.float64(0.7) ^ 2")


@pytest.mark.parametrize("code", ["len(5)", "sum = 0.5\nsum([1, 2])", "[1, 2] * 0.5", "1 / 0", "undefined_name",
                                  "def f(:", "int('x')", "None + 1", "answer = 'a' ^ 2"])
def test_other_errors_are_left_alone(code):
    error = raised(code)
    assert slips.explain(error, code.splitlines()[-1]) is None


SHELL_SCRIPT = textwrap.dedent(r'''
    import json, sys
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance(colors="nocolor")
    out = []
    for cell in json.loads(sys.argv[1]):
        print("@@CELL")
        result = shell.run_cell(cell)
        print("@@SUCCESS" if result.success else "@@ERROR")
''')


def run_in_ipython(cells: list[str]) -> list[tuple[str, bool]]:
    """Run cells in a fresh IPython shell (own process); each cell's printed output and success."""
    done = subprocess.run([sys.executable, "-c", SHELL_SCRIPT, json.dumps(cells)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    parts = done.stdout.split("@@CELL\n")[1:]
    return [(p.rsplit("@@", 1)[0], p.rstrip().endswith("@@SUCCESS")) for p in parts]


def test_ipython_shows_one_line_for_a_slip_and_the_normal_traceback_otherwise():
    cells = ["import helpers\nhelpers.setup()", "answer = 0.7^2", "x = 0.5\nanswer = (x * 0.8)^2", "len(5)",
             "answer = (1.5 × 0.8 − 0.5)**2", "def f(:", "def g(x):\n    return x^2", "g(0.5)",
             "import numpy as np\nnp.linalg.inv(np.zeros((2, 2)))", "answer = 0.49"]
    results = run_in_ipython(cells)
    imported, power, power2, other, unicode, syntax, define, inside, library, fine = results
    assert imported == ("", True) and define[1] and fine == ("", True)
    assert power == ("TypeError: ^ is not a power in Python (it is bitwise 'xor'). "
                     "Write ** instead: answer = 0.7 ** 2\n", False)
    assert "answer = (x * 0.8) ** 2" in power2[0] and power2[0].count("\n") == 1
    assert "Traceback" in other[0] and str(raised("len(5)")) in other[0] and not other[1]
    assert unicode[0].startswith("SyntaxError: '×' is a typeset symbol") and not unicode[1]
    assert raised("def f(:").msg in syntax[0] and "def f(:" in syntax[0] and not syntax[1]
    assert inside[0].startswith("TypeError: ^ is not a power") and "return x ** 2" in inside[0]
    assert "LinAlgError" in library[0] and "Traceback" in library[0]  # raised inside numpy: untouched


def test_ipython_handler_leaves_someone_elses_handler_alone():
    cells = ["def mine(self, etype, value, tb, tb_offset=None):\n    print('MINE')\n"
             "get_ipython().set_custom_exc((TypeError,), mine)",
             "import helpers\nhelpers.setup()", "answer = 0.7^2"]
    *_, power = run_in_ipython(cells)
    assert power[0] == "MINE\n"
