"""A JupyterHub on 127.0.0.1 and students who use it the way a browser does.

``Hub`` starts JupyterHub (from the environment ``classroom/requirements-hub.txt`` makes)
with its configurable-http-proxy, loading the teacher's ``classroom/jupyterhub_config.py``
and changing only who logs in (JupyterHub's test authenticator, one password) and how
servers start (all as this user, each student's home in a temporary folder). ``Student``
logs in through the login form, follows the nbgitpuller link (the hub starts their server),
reads nbgitpuller's progress stream as its page does, and then talks to their own server
only through the hub's proxy: the contents API and a kernel's websocket, where it runs a
notebook cell by cell and moves a slider with the same widget messages JupyterLab sends.
Used by tests/test_classroom.py and benchmarks/classroom_capacity.py. Every wait is bounded.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import struct
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlparse

import requests
import websocket

ROOT = Path(__file__).resolve().parent.parent


def _load_link_module():
    """classroom/link.py, the teacher's link generator (a script folder, not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("classroom_link", ROOT / "classroom" / "link.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_link = _load_link_module()
FOLDER, nbgitpuller_link = _link.FOLDER, _link.nbgitpuller_link

CI_HUB = ROOT / "build" / "hub-venv" / "bin" / "jupyterhub"
CI_PROXY = ROOT / "build" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "class-of-" + secrets.token_hex(4)


def find_tool(env_name: str, name: str, ci_path: Path) -> str | None:
    """A tool from $env_name, the place .ci/run installs it, or PATH."""
    for candidate in (os.environ.get(env_name), str(ci_path), shutil.which(name)):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_repository(source: Path, workdir: Path, branch: str = "main") -> tuple[str, Path]:
    """A bare copy of ``source``'s committed HEAD as ``branch`` (the class's repository) and a
    teacher's clone of it; returns the file:// URL students pull from and the clone."""
    bare = workdir / "course.git"
    git = ["git", "-c", "init.defaultBranch=" + branch]
    subprocess.run([*git, "init", "-q", "--bare", str(bare)], check=True, timeout=60)
    subprocess.run(["git", "-C", str(source), "push", "-q", str(bare), f"HEAD:refs/heads/{branch}"],
                   check=True, timeout=120)
    teacher = workdir / "teacher"
    subprocess.run(["git", "clone", "-q", "--branch", branch, str(bare), str(teacher)], check=True, timeout=120)
    for key, value in (("user.name", "Teacher"), ("user.email", "teacher@example.invalid")):
        subprocess.run(["git", "-C", str(teacher), "config", key, value], check=True)
    return bare.as_uri(), teacher


class Hub:
    """JupyterHub + configurable-http-proxy on free ports of 127.0.0.1, state in ``workdir``."""

    def __init__(self, workdir: Path, jupyterhub: str, proxy: str, extra_config: str = ""):
        self.workdir, self.jupyterhub, self.proxy = workdir, jupyterhub, proxy
        self.homes = workdir / "homes"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(16)
        self.extra_config = extra_config
        self.process: subprocess.Popen | None = None
        self.log = workdir / "jupyterhub.log"

    def config(self) -> str:
        as_root = os.geteuid() == 0 if hasattr(os, "geteuid") else False
        return f"""
load_subconfig({str(ROOT / 'classroom' / 'jupyterhub_config.py')!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{self.proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {str(self.workdir / 'proxy.pid')!r}
c.JupyterHub.db_url = "sqlite:///{self.workdir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(self.workdir / 'cookie_secret')!r}
c.JupyterHub.cleanup_servers = True
# The test's changes to the teacher's file: a test authenticator (one password for all) ...
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allow_all = True
# ... servers started as this user, each student's home a folder of the test's
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(self.homes) + '/{username}'!r}
c.Spawner.args = c.Spawner.args + {['--allow-root'] if as_root else []!r}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# ... and a service token for the test's own look-ups (server state, stopping servers)
c.JupyterHub.services = [{{"name": "classroom-test", "api_token": {self.token!r}}}]
c.JupyterHub.load_roles = [{{"name": "classroom-test", "services": ["classroom-test"],
    "scopes": ["admin:users", "admin:servers", "admin:server_state", "tokens", "access:servers"]}}]
{self.extra_config}
"""

    def start(self, timeout: float = 90) -> None:
        self.homes.mkdir(parents=True, exist_ok=True)
        (self.workdir / "jupyterhub_config.py").write_text(self.config())
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
        env["PATH"] = os.pathsep.join([str(Path(self.proxy).parent), env.get("PATH", "")])
        self.process = subprocess.Popen([self.jupyterhub, "-f", str(self.workdir / "jupyterhub_config.py")],
                                        cwd=self.workdir, env=env, stdout=self.log.open("w"),
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/hub/health", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"JupyterHub did not answer within {timeout} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """The hub's REST API with the test's service token."""
        return requests.request(method, f"{self.url}/hub/api/{path}", timeout=30,
                                headers={"Authorization": f"token {self.token}"}, **kwargs)

    def server_pid(self, name: str) -> int | None:
        """The process id of ``name``'s server, from the spawner's state (None if not running)."""
        model = self.api("GET", f"users/{name}").json()
        server = model.get("servers", {}).get("")
        return (server or {}).get("state", {}).get("pid")

    def stop(self, timeout: float = 60) -> None:
        """Stop every student's server, then the hub and the proxy."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            for user in self.api("GET", "users").json():
                if user.get("servers"):
                    self.api("DELETE", f"users/{user['name']}/server")
        except (requests.RequestException, ValueError):
            pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:  # servers stop in the background; wait until none is left
            try:
                if not any(u.get("servers") for u in self.api("GET", "users").json()):
                    break
            except (requests.RequestException, ValueError):
                break
            time.sleep(0.5)
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        pid_file = self.workdir / "proxy.pid"
        if pid_file.exists():  # the hub stops its proxy; make sure of it
            try:
                os.kill(int(pid_file.read_text().strip()), 15)
            except (ProcessLookupError, ValueError):
                pass


@dataclass
class Pull:
    """What nbgitpuller's progress page received: the phase it ended in, its messages, seconds."""
    phase: str
    events: list[dict]
    seconds: float

    @property
    def error(self) -> dict:
        return next((e for e in self.events if e.get("phase") == "error"), {})


class Student:
    """One student: a browser's cookies, their own server behind the hub's proxy."""

    def __init__(self, hub: Hub, name: str):
        self.hub, self.name = hub, name
        self.session = requests.Session()
        self.server = f"{hub.url}/user/{name}/"
        self.token: str | None = None

    # --- the hub's pages -------------------------------------------------------------------------
    def log_in(self) -> None:
        page = self.session.get(f"{self.hub.url}/hub/login", timeout=30)
        page.raise_for_status()
        found = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text)
        xsrf = found.group(1) if found else self.session.cookies.get("_xsrf", "")
        reply = self.session.post(f"{self.hub.url}/hub/login", timeout=60, allow_redirects=False,
                                  data={"username": self.name, "password": PASSWORD, "_xsrf": xsrf})
        if reply.status_code != 302:
            raise RuntimeError(f"{self.name}: login answered {reply.status_code}, not a redirect")

    def follow(self, link: str, timeout: float = 180) -> requests.Response:
        """Open ``link`` as a browser would: if the hub shows its "server not running" page, go
        where its script goes (the spawn URL), then reload the target until the server answers."""
        target = urlparse(link)
        deadline = time.monotonic() + timeout
        page = self.session.get(link, timeout=60)
        while time.monotonic() < deadline:
            if page.status_code == 424 or "/hub/spawn-pending/" in page.url:
                spawn = re.search(r'var spawn_url = "([^"]+)"', page.text)
                if spawn:  # "server not running": its script opens the spawn URL after 1 s
                    self.session.get(self.hub.url + spawn.group(1).replace("&amp;", "&"), timeout=60)
                time.sleep(0.5)
                page = self.session.get(link, timeout=60)
                continue
            if page.status_code == 200 and urlparse(page.url).path.startswith(f"/user/{self.name}/"):
                return page
            if target.path.startswith("/hub/user-redirect/") and page.status_code >= 400:
                raise RuntimeError(f"{self.name}: {link} answered {page.status_code}: {page.text[:300]}")
            time.sleep(0.5)
            page = self.session.get(link, timeout=60)
        raise TimeoutError(f"{self.name}: {link} did not reach the server within {timeout} s "
                           f"(last {page.status_code} {page.url})\n{self.hub.log_tail()}")

    def pull(self, link: str, timeout: float = 120) -> Pull:
        """What nbgitpuller's page does after it loads: read /git-pull/api's event stream to its end."""
        query = {key: value for key, value in parse_qsl(urlparse(link).query) if key != "urlpath"}
        api = f"{self.server}git-pull/api?" + urlencode(query)
        start = time.monotonic()
        events: list[dict] = []
        with self.session.get(api, stream=True, timeout=(30, timeout)) as stream:
            stream.raise_for_status()
            for line in stream.iter_lines(decode_unicode=True):
                if time.monotonic() - start > timeout:
                    return Pull("timeout", events, time.monotonic() - start)
                if line and line.startswith("data:"):
                    events.append(json.loads(line[5:]))
                    if events[-1].get("phase") in ("finished", "error"):
                        return Pull(events[-1]["phase"], events, time.monotonic() - start)
        return Pull("closed", events, time.monotonic() - start)

    def open_class_link(self, link: str) -> tuple[requests.Response, Pull]:
        """Follow the class link to nbgitpuller's page (starting the server if needed) and let the
        page pull; the page then sends the student to the link's urlpath (JupyterLab)."""
        page = self.follow(link)
        pulled = self.pull(link)
        return page, pulled

    # --- the student's server, through the proxy ------------------------------------------------
    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        if self.token is None:
            reply = self.hub.api("POST", f"users/{self.name}/tokens",
                                 json={"expires_in": 7200, "note": "classroom test: the student's API calls"})
            reply.raise_for_status()
            self.token = reply.json()["token"]
        return self.session.request(method, f"{self.server}api/{path}", timeout=kwargs.pop("timeout", 60),
                                    headers={"Authorization": f"token {self.token}"}, **kwargs)

    def contents(self, path: str) -> dict | None:
        reply = self.api("GET", f"contents/{path}")
        if reply.status_code == 404:
            return None
        reply.raise_for_status()
        return reply.json()

    def save(self, path: str, notebook: dict) -> None:
        self.api("PUT", f"contents/{path}", json={"type": "notebook", "content": notebook}).raise_for_status()

    def open_kernel(self, notebook_path: str) -> "Kernel":
        """A kernel session for ``notebook_path`` (as JupyterLab opens one), connected by websocket."""
        reply = self.api("POST", "sessions", json={"path": notebook_path, "type": "notebook",
                                                   "name": Path(notebook_path).name,
                                                   "kernel": {"name": "python3"}})
        reply.raise_for_status()
        kernel_id = reply.json()["kernel"]["id"]
        return Kernel(self, kernel_id)


@dataclass
class Cell:
    """One execution: the reply's status and the error / stderr outputs it produced."""
    status: str
    problems: list[str] = field(default_factory=list)
    result: str | None = None


class Kernel:
    """A kernel's websocket at /user/NAME/api/kernels/ID/channels, through the hub's proxy."""

    def __init__(self, student: Student, kernel_id: str):
        self.student, self.id = student, kernel_id
        self.session_id = uuid.uuid4().hex
        self.models: dict[str, dict] = {}  # widget model id -> state, from comm_open / update messages
        self.displayed: list[str] = []  # widget view model ids, in display order
        self.statuses: list[str] = []
        url = student.server.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?session_id={self.session_id}"
        self.ws = websocket.create_connection(url, timeout=60,
                                              header=[f"Authorization: token {student.token}"])

    def close(self) -> None:
        self.ws.close()

    def _message(self, msg_type: str, content: dict, channel: str = "shell") -> dict:
        return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": self.student.name,
                           "session": self.session_id, "date": "", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}

    def receive(self, timeout: float) -> dict:
        """The next message (binary frames carry buffers: only their JSON part is kept)."""
        self.ws.settimeout(max(timeout, 0.01))
        frame = self.ws.recv()
        if isinstance(frame, bytes):
            count = struct.unpack("!I", frame[:4])[0]
            offsets = struct.unpack("!" + "I" * count, frame[4:4 + 4 * count])
            message = json.loads(frame[offsets[0]:offsets[1] if count > 1 else None])
            message["buffer_sizes"] = [(offsets[i + 1] if i + 1 < count else len(frame)) - offsets[i]
                                       for i in range(1, count)]
        else:
            message = json.loads(frame)
        self._track(message)
        return message

    def _track(self, message: dict) -> None:
        kind, content = message.get("msg_type") or message["header"]["msg_type"], message.get("content", {})
        if kind == "status":
            self.statuses.append(content.get("execution_state"))
        elif kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.models[content["comm_id"]] = dict(content["data"].get("state", {}))
        elif kind == "comm_msg" and content.get("data", {}).get("method") in ("update", "echo_update"):
            self.models.setdefault(content["comm_id"], {}).update(content["data"].get("state", {}))
        elif kind in ("display_data", "execute_result"):
            view = content.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                self.displayed.append(view["model_id"])

    def execute(self, code: str, timeout: float = 120) -> Cell:
        """Run ``code``; wait for its reply and for the kernel to go idle. Errors and stderr are problems."""
        request = self._message("execute_request", {"code": code, "silent": False, "store_history": True,
                                                    "user_expressions": {}, "allow_stdin": False,
                                                    "stop_on_error": True})
        self.ws.send(json.dumps(request))
        msg_id, deadline = request["header"]["msg_id"], time.monotonic() + timeout
        cell, replied, idle = Cell("no reply"), False, False
        while not (replied and idle):
            left = deadline - time.monotonic()
            if left <= 0:
                cell.problems.append(f"no reply within {timeout} s")
                return cell
            message = self.receive(left)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "execute_reply":
                cell.status, replied = content["status"], True
                if content["status"] != "ok":
                    cell.problems.append(f"{content.get('ename')}: {content.get('evalue')}")
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
            elif kind == "error":
                cell.problems.append(f"error output {content['ename']}: {content['evalue']}")
            elif kind == "stream" and content["name"] == "stderr":
                cell.problems.append(f"stderr: {content['text'][:200]}")
            elif kind == "execute_result":
                cell.result = content["data"].get("text/plain")
        return cell

    def run_notebook(self, notebook: dict, timeout: float = 120) -> list[tuple[int, Cell]]:
        """Every code cell in order, as Run All does; stops at the first cell with a problem."""
        ran = []
        for number, cell in enumerate(notebook["cells"]):
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            result = self.execute(source, timeout)
            ran.append((number, result))
            if result.problems or result.status != "ok":
                break
        return ran

    # --- widgets, as JupyterLab's widget manager sees them ------------------------------------------
    def descendants(self, model_id: str) -> list[str]:
        found, stack = [], [model_id]
        while stack and len(found) < 10_000:
            current = stack.pop()
            found.append(current)
            for child in self.models.get(current, {}).get("children", []) or []:
                if isinstance(child, str) and child.startswith("IPY_MODEL_"):
                    stack.append(child[len("IPY_MODEL_"):])
        return found

    def slider_view(self, index: int = 0) -> tuple[str, str]:
        """The (slider, picture) model ids of the ``index``-th displayed view that has a
        selection slider and an image (notebook 03's learning-rate explorer)."""
        views = []
        for top in self.displayed:
            models = self.descendants(top)
            sliders = [m for m in models if self.models.get(m, {}).get("_model_name") == "SelectionSliderModel"]
            images = [m for m in models if self.models.get(m, {}).get("_model_name") == "ImageModel"]
            if sliders and images:
                views.append((sliders[0], images[0]))
        if len(views) <= index:
            raise LookupError(f"{len(views)} slider views displayed, wanted number {index + 1}")
        return views[index]

    def move(self, slider: str, picture: str, index: int, timeout: float = 30) -> dict:
        """Set ``slider``'s position as JupyterLab does when a student moves it (a comm update from
        the front end), and wait for the new picture. Returns the round trip seen here and the
        kernel-side time (from the kernel going busy on the move to it sending the picture, both by
        the kernel's clock), in ms."""
        request = self._message("comm_msg", {"comm_id": slider,
                                             "data": {"method": "update", "state": {"index": index},
                                                      "buffer_paths": []}})
        start = time.perf_counter()
        self.ws.send(json.dumps(request))
        msg_id, deadline = request["header"]["msg_id"], time.monotonic() + timeout
        busy_at = picture_at = None
        while time.monotonic() < deadline:
            message = self.receive(deadline - time.monotonic())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            content = message["content"]
            if message["msg_type"] == "status" and content["execution_state"] == "busy":
                busy_at = message["header"]["date"]
            if (message["msg_type"] == "comm_msg" and content["comm_id"] == picture
                    and ["value"] in content["data"].get("buffer_paths", [])):  # new PNG bytes
                round_trip = (time.perf_counter() - start) * 1000
                picture_at = message["header"]["date"]
                kernel = _ms_between(busy_at, picture_at) if busy_at else None
                return {"round_trip_ms": round_trip, "kernel_ms": kernel,
                        "png_bytes": sum(message.get("buffer_sizes", []))}
        raise TimeoutError(f"{self.student.name}: no new picture within {timeout} s after index={index}")


def _ms_between(first: str, second: str) -> float:
    from datetime import datetime
    return (datetime.fromisoformat(second.replace("Z", "+00:00"))
            - datetime.fromisoformat(first.replace("Z", "+00:00"))).total_seconds() * 1000


def class_link(hub: Hub, repo_url: str, branch: str = "main") -> str:
    return nbgitpuller_link(hub.url, repo_url, branch)


NOTEBOOK_DIR = f"{FOLDER}/notebooks"
