"""JupyterHub on one server for a class (up to the capacity table in TEACHING.md).

For up to 20 students on a 2-core, 8 GB Linux server (TEACHING.md). What IT runs, from the
repository root, with Python 3.11-3.14 and Node:

    python3 -m venv /opt/classroom && /opt/classroom/bin/pip install -r classroom/requirements-hub.txt
    npm install -g configurable-http-proxy@5.3.0
    /opt/classroom/bin/jupyterhub -f classroom/jupyterhub_config.py     # as root, port 8000

One shared environment (as The Littlest JupyterHub sets up): the hub and every student's
server run from the venv above, which holds the series' exact pins (requirements.txt),
JupyterHub and nbgitpuller. Students log in with their accounts on the server (JupyterHub's
default PAM authenticator; each student needs a Linux user) and get their own server as that
user. Put HTTPS in front (a reverse proxy or JupyterHub.ssl_cert/ssl_key) before real use.
Then give the class the link from `python classroom/link.py https://your.hub URL-of-the-repo`.

tests/test_classroom.py runs a hub from this file, swapping only who logs in (a test
authenticator) and how servers start (as one user, homes in a temporary folder).
"""
import os
import sys

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

# Students' servers come from the same environment as the hub (sys.prefix), not from PATH.
c.Spawner.cmd = [os.path.join(sys.prefix, "bin", "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"

# A student who follows the class link before their server runs gets it started after 1 s
# (without this, JupyterHub shows a page with a "Launch server" button instead).
c.JupyterHub.implicit_spawn_seconds = 1

# A link to a repository that does not exist or is private must fail at once with
# nbgitpuller's explanation, not wait for a password prompt nobody can answer.
c.Spawner.environment = {"GIT_TERMINAL_PROMPT": "0"}

# A server that stopped (crashed, killed, out of memory) is noticed within 10 s (default 30),
# so the student's next visit starts it again instead of showing "server appears to be down".
c.Spawner.poll_interval = 10

# Culling idle work, by the server itself: a kernel idle for 30 minutes is shut down (saved
# notebooks stay; JupyterLab saves every 2 minutes), and a server with no activity for an hour
# stops. Following the class link again restarts it.
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=1800",
    "--MappingKernelManager.cull_interval=300",
    "--ServerApp.shutdown_no_activity_timeout=3600",
]

# Memory: each student's server + kernel holds about 320 MB after running notebook 03
# (benchmarks/classroom_capacity.py), so a 2-core, 8 GB server holds 20 students (TEACHING.md's
# capacity table). The local-process spawner does not enforce this limit (it only tells the
# server); The Littlest JupyterHub's spawner does.
c.Spawner.mem_limit = "1G"
