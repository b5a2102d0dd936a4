"""A class on a JupyterHub: three students follow the nbgitpuller link and work in their own servers.

A real JupyterHub with its configurable-http-proxy on 127.0.0.1 (classroom/jupyterhub_config.py,
test authenticator), the repository's committed HEAD served as a local git repository. Three
students log in through the login form and follow the class link (classroom/link.py); each
gets the series in their own home; notebook 03 runs clean in each student's own kernel, cell by
cell over the kernel's websocket through the hub's proxy, and its slider redraws when moved with
JupyterLab's widget messages. A student's saved answer survives a second pull after the teacher
pushes a commit, a deleted notebook comes back, and a link with a wrong branch or repository
answers with nbgitpuller's error (which its page explains), not a hang. Killing one student's
kernel, then another's server, loses nothing: the others keep working, the server comes back.

Needs the hub's environment (classroom/requirements-hub.txt; $CLASSROOM_HUB or
build/hub-venv/bin/jupyterhub) and configurable-http-proxy from npm ($CONFIGURABLE_HTTP_PROXY,
build/chp/node_modules/.bin, or PATH): .ci/run installs both; elsewhere the test is skipped.
"""
from __future__ import annotations

import ast
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psutil
import pytest
import requests
from conftest import require

import classroom_hub as ch

pytestmark = pytest.mark.slow
STUDENTS = ("alice", "bob", "carol")
NOTEBOOK = "03_single_weight.ipynb"
TEACHERS_LINE = "*(Updated for this class: read section 5 before the slider.)*"


def test_class_link_opens_jupyterlab_on_the_first_notebook():
    link = ch.nbgitpuller_link("https://hub.example.edu/", "https://github.com/OWNER/backprop-step-by-step",
                               branch="main")
    parts = urlparse(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    assert parse_qs(parts.query) == {"repo": ["https://github.com/OWNER/backprop-step-by-step"], "branch": ["main"],
                                     "targetpath": ["backprop-step-by-step"],
                                     "urlpath": ["lab/tree/backprop-step-by-step/notebooks/00_start_here.ipynb"]}
    assert (ch.ROOT / "notebooks" / "00_start_here.ipynb").is_file()
    with pytest.raises(ValueError, match="http"):
        ch.nbgitpuller_link("hub.example.edu", "https://github.com/OWNER/backprop-step-by-step")


def pins(path: Path) -> dict[str, str]:
    return dict(line.split("==") for line in path.read_text().splitlines() if re.match(r"^[\w.-]+==", line))


def test_classroom_files_agree_with_each_other():
    """One hub everywhere: the image's appendix installs the versions the hub test runs, .ci/run's
    proxy is the one the teacher's instructions name, and the Kubernetes values keep the one-server
    config's behaviour (the link starts a server, JupyterLab opens) within measured resources."""
    import yaml
    from traitlets.config import Config

    classroom_dir = ch.ROOT / "classroom"
    hub_pins = pins(classroom_dir / "requirements-hub.txt")
    values_text = (classroom_dir / "z2jh-values.yaml").read_text()
    values = yaml.safe_load(values_text)
    assert f"jupyterhub=={hub_pins['jupyterhub']} nbgitpuller=={hub_pins['nbgitpuller']}" in values_text
    assert "-c ${REPO_DIR}/binder/constraints.txt" in values_text  # Binder's exact environment
    proxy_versions = {re.search(r"configurable-http-proxy@([\d.]+)", (where).read_text()).group(1)
                      for where in (ch.ROOT / ".ci" / "run", classroom_dir / "jupyterhub_config.py",
                                    classroom_dir / "requirements-hub.txt")}
    assert len(proxy_versions) == 1, proxy_versions
    config = Config()
    exec(compile((classroom_dir / "jupyterhub_config.py").read_text(), "jupyterhub_config.py", "exec"),
         {"get_config": lambda: config})
    assert config.Spawner.default_url == values["singleuser"]["defaultUrl"] == "/lab"
    assert config.Spawner.environment["GIT_TERMINAL_PROMPT"] == values["singleuser"]["extraEnv"]["GIT_TERMINAL_PROMPT"] == "0"
    assert config.JupyterHub.implicit_spawn_seconds == values["hub"]["config"]["JupyterHub"]["implicit_spawn_seconds"] > 0
    single = values["singleuser"]
    units = {"M": 1e6, "G": 1e9}
    memory = {k: float(v[:-1]) * units[v[-1]] for k, v in single["memory"].items()}
    assert 0 < memory["guarantee"] <= memory["limit"]
    assert 0 < float(single["cpu"]["guarantee"]) <= float(single["cpu"]["limit"])
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0
    teaching = (ch.ROOT / "TEACHING.md").read_text()
    assert f"guarantee {single['memory']['guarantee']}" in teaching, "TEACHING.md should quote the memory guarantee"


@pytest.fixture(scope="module")
def classroom():
    hub_exe = ch.find_tool("CLASSROOM_HUB", "jupyterhub", ch.CI_HUB)
    proxy = ch.find_tool("CONFIGURABLE_HTTP_PROXY", "configurable-http-proxy", ch.CI_PROXY)
    require(hub_exe is not None, "JupyterHub is not installed (pip install -r classroom/requirements-hub.txt "
                                 "into build/hub-venv, or run .ci/run once)")
    require(proxy is not None, "configurable-http-proxy is not installed (npm install --prefix build/chp "
                               "configurable-http-proxy@5.3.0, or run .ci/run once)")
    require(shutil.which("git") is not None and (ch.ROOT / ".git").exists(),
            "needs git and a git checkout of the repository (the class pulls its committed HEAD)")
    workdir = Path(tempfile.mkdtemp(prefix="classroom-"))
    repo, teacher = ch.serve_repository(ch.ROOT, workdir)
    hub = ch.Hub(workdir, hub_exe, proxy)
    state = {"hub": hub, "repo": repo, "teacher": teacher, "link": ch.class_link(hub, repo), "kernels": {}}
    started = time.monotonic()
    try:
        hub.start()
        students = {name: ch.Student(hub, name) for name in STUDENTS}
        for student in students.values():
            student.log_in()
        with ThreadPoolExecutor(len(students)) as pool:  # the class opens the link at the same moment
            opened = dict(zip(students, pool.map(lambda s: s.open_class_link(state["link"]), students.values())))
        state.update(students=students, opened=opened)
        yield state
    finally:
        for kernel in state["kernels"].values():
            kernel.close()
        hub.stop()
        print(f"\nclassroom: hub, {len(STUDENTS)} students, all checks: {time.monotonic() - started:.0f} s")
        shutil.rmtree(workdir, ignore_errors=True)


def committed_notebooks(teacher: Path) -> list[str]:
    listed = subprocess.run(["git", "-C", str(teacher), "ls-files", "notebooks/*.ipynb"],
                            capture_output=True, text=True, check=True).stdout.split()
    return sorted(Path(name).name for name in listed)


def test_series_appears_in_every_students_home(classroom):
    expected = committed_notebooks(classroom["teacher"])
    assert "00_start_here.ipynb" in expected and NOTEBOOK in expected
    for name, student in classroom["students"].items():
        page, pulled = classroom["opened"][name]
        assert page.url.startswith(student.server + "git-pull?"), page.url
        assert pulled.phase == "finished", (name, pulled.events)
        listing = student.contents(ch.NOTEBOOK_DIR)
        assert sorted(item["name"] for item in listing["content"] if item["type"] == "notebook") == expected
        assert (classroom["hub"].homes / name / ch.FOLDER / "notebooks" / NOTEBOOK).is_file()
        # where nbgitpuller's page sends the student next: JupyterLab on the first notebook
        target = parse_qs(urlparse(classroom["link"]).query)["urlpath"][0]
        lab = student.session.get(student.server + target, timeout=60)
        assert lab.status_code == 200 and "jupyter-config-data" in lab.text, (name, lab.status_code)


def test_notebook_runs_clean_in_each_students_own_server(classroom):
    def run(student):
        notebook = student.contents(f"{ch.NOTEBOOK_DIR}/{NOTEBOOK}")["content"]
        kernel = student.open_kernel(f"{ch.NOTEBOOK_DIR}/{NOTEBOOK}")
        classroom["kernels"][student.name] = kernel
        return notebook, kernel.run_notebook(notebook), kernel

    with ThreadPoolExecutor(len(STUDENTS)) as pool:
        results = dict(zip(STUDENTS, pool.map(run, classroom["students"].values())))
    for name, (notebook, ran, kernel) in results.items():
        code_cells = sum(cell["cell_type"] == "code" for cell in notebook["cells"])
        assert len(ran) == code_cells and all(cell.status == "ok" and not cell.problems for _, cell in ran), \
            (name, [(number, cell.status, cell.problems) for number, cell in ran if cell.problems or cell.status != "ok"])
        # the kernel runs in this student's own server, in their copy of the series
        where = kernel.execute("import os; (os.getpid(), os.getcwd())")
        pid, cwd = ast.literal_eval(where.result)
        assert cwd == str(classroom["hub"].homes / name / ch.FOLDER / "notebooks")
        server = classroom["hub"].server_pid(name)
        assert server in [parent.pid for parent in psutil.Process(pid).parents()], (name, pid, server)
        kernel.pid = pid
        # 03's learning-rate slider, moved the way JupyterLab sends a move, redraws its picture
        slider, picture = kernel.slider_view()
        moved = kernel.move(slider, picture, (kernel.models[slider]["index"] + 1) % 3)
        assert moved["png_bytes"] > 10_000, moved


def answer_cell(notebook: dict) -> int:
    return next(i for i, cell in enumerate(notebook["cells"])
                if cell["cell_type"] == "code" and "".join(cell["source"]).startswith("answer = ...")
                and "ex1.check" in "".join(cell["source"]))


def test_saved_answer_survives_a_second_pull_and_a_deleted_notebook_comes_back(classroom):
    alice, bob = classroom["students"]["alice"], classroom["students"]["bob"]
    path = f"{ch.NOTEBOOK_DIR}/{NOTEBOOK}"
    notebook = alice.contents(path)["content"]
    cell = classroom["answer_cell"] = answer_cell(notebook)
    notebook["cells"][cell]["source"] = "answer = 0.4745   # alice's answer\nex1.check(answer)"
    alice.save(path, notebook)  # what JupyterLab's save does
    assert alice.api("DELETE", f"contents/{ch.NOTEBOOK_DIR}/01_derivatives.ipynb").status_code == 204
    assert alice.contents(f"{ch.NOTEBOOK_DIR}/01_derivatives.ipynb") is None

    # the teacher changes another cell of the same notebook and adds a file, then pushes
    teacher = classroom["teacher"]
    source = json.loads((teacher / "notebooks" / NOTEBOOK).read_text())
    first_text = next(i for i, c in enumerate(source["cells"]) if c["cell_type"] == "markdown")
    source["cells"][first_text]["source"].append("\n\n" + TEACHERS_LINE)
    (teacher / "notebooks" / NOTEBOOK).write_text(json.dumps(source, indent=1, ensure_ascii=False) + "\n")
    (teacher / "CLASS_NOTES.md").write_text("Homework: notebook 03, exercises 1-3.\n")
    for command in (["add", "-A"], ["commit", "-q", "-m", "Class notes"], ["push", "-q", "origin", "main"]):
        subprocess.run(["git", "-C", str(teacher), *command], check=True, timeout=60)

    for student in (alice, bob):  # both follow the class link again
        page, pulled = student.open_class_link(classroom["link"])
        assert pulled.phase == "finished", (student.name, pulled.events)
        mine = student.contents(path)["content"]
        assert TEACHERS_LINE in "".join(mine["cells"][first_text]["source"]), student.name
        assert student.contents(f"{ch.FOLDER}/CLASS_NOTES.md") is not None, student.name
    mine = alice.contents(path)["content"]
    assert "".join(mine["cells"][cell]["source"]).startswith("answer = 0.4745   # alice's answer")
    back = alice.contents(f"{ch.NOTEBOOK_DIR}/01_derivatives.ipynb")
    assert back is not None, "the deleted notebook did not come back"
    restored = classroom["hub"].homes / "alice" / ch.FOLDER / "notebooks" / "01_derivatives.ipynb"
    assert restored.read_bytes() == (teacher / "notebooks" / "01_derivatives.ipynb").read_bytes()
    # bob changed nothing: his copy is the teacher's commit
    assert "".join(bob.contents(path)["content"]["cells"][cell]["source"]).startswith("answer = ...")


@pytest.mark.parametrize("wrong", ["branch", "repository"])
def test_wrong_link_shows_an_error_not_a_hang(classroom, wrong):
    carol = classroom["students"]["carol"]
    repo, branch = classroom["repo"], "main"
    if wrong == "branch":
        branch = "no-such-branch"
    else:
        repo = repo.replace("course.git", "no-such-course.git")
    link = ch.nbgitpuller_link(classroom["hub"].url, repo, branch)
    started = time.monotonic()
    page = carol.follow(link, timeout=60)
    pulled = carol.pull(link, timeout=60)
    assert time.monotonic() - started < 60
    assert pulled.phase == "error", pulled.events
    code = pulled.error["error"]["code"]
    assert code == {"branch": "branch_exist", "repository": "ls_remote"}[wrong], pulled.error
    # the page's script turns that code into an explanation for the student
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page.text)
    bundle = next(s for s in scripts if "nbgitpuller" in s or "bundle" in s)
    script = carol.session.get(classroom["hub"].url + bundle if bundle.startswith("/") else bundle, timeout=60).text
    assert {"branch": "incorrect branch name", "repository": "is unavailable"}[wrong] in script
    # carol's copy of the series is untouched
    assert carol.contents(f"{ch.NOTEBOOK_DIR}/{NOTEBOOK}") is not None


def test_killed_kernel_and_killed_server_lose_nothing(classroom):
    hub, students, kernels = classroom["hub"], classroom["students"], classroom["kernels"]
    assert set(kernels) == set(STUDENTS) and "answer_cell" in classroom, \
        "runs after the tests above (their kernels, alice's saved answer)"
    alice, bob, carol = (students[name] for name in STUDENTS)
    path = f"{ch.NOTEBOOK_DIR}/{NOTEBOOK}"

    def still_working(name: str) -> None:
        kernel = kernels[name]
        slider, picture = kernel.slider_view()
        assert kernel.move(slider, picture, (kernel.models[slider]["index"] + 1) % 3)["png_bytes"] > 10_000
        assert ast.literal_eval(kernel.execute("import os; os.getpid()").result) == kernel.pid, f"{name}'s kernel restarted"

    # 1. alice's kernel dies: the server restarts it; bob and carol notice nothing
    killed = kernels["alice"].pid
    os.kill(killed, signal.SIGKILL)
    still_working("bob")
    still_working("carol")
    deadline, answer = time.monotonic() + 60, None
    while time.monotonic() < deadline:
        try:
            answer = kernels["alice"].execute("import os; os.getpid()", timeout=10)
        except Exception:  # the websocket may drop while the kernel restarts: open it again
            kernels["alice"].close()
            kernels["alice"] = ch.Kernel(alice, kernels["alice"].id)
            continue
        if answer.status == "ok" and answer.result and ast.literal_eval(answer.result) != killed:
            break
        time.sleep(1)
    assert answer is not None and answer.status == "ok" and ast.literal_eval(answer.result) != killed, \
        "alice's kernel did not come back"
    kernels["alice"].pid = ast.literal_eval(answer.result)
    assert "0.4745   # alice's answer" in alice.contents(path)["content"]["cells"][classroom["answer_cell"]]["source"]

    # 2. bob saves an answer, then his server process dies
    notebook = bob.contents(path)["content"]
    cell = answer_cell(notebook)
    notebook["cells"][cell]["source"] = "answer = 0.59 - 0.1 * 1.155   # bob's answer\nex1.check(answer)"
    bob.save(path, notebook)
    server = hub.server_pid("bob")
    servers_before = {name: hub.server_pid(name) for name in ("alice", "carol")}
    kernels["bob"].close()
    os.kill(server, signal.SIGKILL)
    started = time.monotonic()
    down = bob.session.get(bob.server + "lab", timeout=30)  # bob reloads his page
    assert time.monotonic() - started < 30 and down.status_code != 200, down.status_code
    still_working("carol")  # carol is unaffected
    assert {name: hub.server_pid(name) for name in ("alice", "carol")} == servers_before
    # the hub notices (classroom config: poll every 10 s) and the class link starts the server again
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and hub.server_pid("bob") == server:
        time.sleep(1)
    assert hub.server_pid("bob") != server, "the hub did not notice bob's server had stopped within 60 s"
    page, pulled = bob.open_class_link(classroom["link"])
    assert pulled.phase == "finished", pulled.events
    assert hub.server_pid("bob") not in (None, server)
    mine = bob.contents(path)["content"]
    assert "".join(mine["cells"][cell]["source"]).startswith("answer = 0.59 - 0.1 * 1.155   # bob's answer")
    again = bob.open_kernel(path)
    kernels["bob"] = again
    ran = again.run_notebook(mine)
    assert all(c.status == "ok" and not c.problems for _, c in ran), [c.problems for _, c in ran]
    still_working("carol")

