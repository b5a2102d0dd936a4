"""The checkers inside a real Jupyter kernel, as a learner meets them: one kernel, several cells."""
import pytest
from python_says import error_line, raised

jupyter_client = pytest.importorskip("jupyter_client")

CELLS = {
    "import": "import helpers\nhelpers.setup()\nfrom helpers.exercises import CodeExercise, call\n"
              "ex = CodeExercise('D', reference=lambda x: 2 * x, cases=[call(1.5)], hint='h', time_limit=0.5)",
    "power": "answer = 0.7^2",
    "other": "len(5)",
    "define": "def mine(x):\n    y = x * 2\n    return y / 0",
    "check": "print(ex.check(mine))",
    "loop": "def loop(x):\n    while True:\n        pass\nprint(ex.check(loop))",
}


@pytest.fixture(scope="module")
def results():
    """Each cell's reply status, printed text and error tracebacks."""
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="python3")
    found = {}
    try:
        for name, code in CELLS.items():
            outputs = []
            reply = kc.execute_interactive(code, timeout=60, output_hook=outputs.append)
            found[name] = (reply["content"]["status"],
                           "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream"),
                           [m["content"]["traceback"] for m in outputs if m["msg_type"] == "error"])
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return found


def test_a_slip_is_one_line_and_still_an_error(results):
    assert results["import"][0] == "ok"
    status, _, [traceback] = results["power"]
    assert status == "error"  # Run All still stops at the cell
    assert traceback == ["TypeError: ^ is not a power in Python (it is bitwise 'xor'). Write ** instead: answer = 0.7 ** 2"]


def test_other_errors_keep_the_normal_traceback(results):
    status, _, [traceback] = results["other"]
    assert status == "error" and len(traceback) > 1 and str(raised("len(5)")) in traceback[-1]


def test_the_code_checker_names_the_learners_cell_and_line(results):
    status, text, errors = results["check"]
    assert status == "ok" and errors == []
    assert text.splitlines() == ["✘ D: not quite. Case 1 of 1, mine(x=1.5):", "  your code raised an error.",
                                 "  Cell In[4], line 3:  return y / 0", "  " + error_line("(1.5 * 2) / 0")]


def test_the_time_limit_works_in_the_kernel(results):
    status, text, _ = results["loop"]
    assert status == "ok" and "still running after 0.5 s" in text
