"""The link a teacher gives the class: log in to the hub, pull the series, open 00 in JupyterLab.

    python classroom/link.py https://hub.example.edu https://github.com/OWNER/backprop-step-by-step

prints a link like https://hub.example.edu/hub/user-redirect/git-pull?repo=...&branch=main&...
Following it, a student logs in (if they are not yet), their server starts, nbgitpuller
clones the repository into their home (the first time) or merges the teacher's new commits
into it (every later time, keeping the student's own changes: an edited cell stays, a
deleted file comes back), and JupyterLab opens on notebooks/00_start_here.ipynb.
The link is nbgitpuller's documented query (repo, branch, targetpath, urlpath), no more.
"""
from __future__ import annotations

import argparse
from urllib.parse import urlencode

FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"
FOLDER = "backprop-step-by-step"


def nbgitpuller_link(hub_url: str, repo: str, branch: str = "main", notebook: str = FIRST_NOTEBOOK,
                     folder: str = FOLDER) -> str:
    """The hub link that pulls ``repo`` at ``branch`` into ``~/folder`` and opens ``notebook`` in JupyterLab.

    ``folder`` is fixed (not taken from the repository's name), so a fork or a mirror of the
    repository lands in the same folder and every student's copy has the same path.
    """
    if not hub_url.startswith(("http://", "https://")):
        raise ValueError(f"hub_url must start with http:// or https://, got {hub_url!r}")
    if not repo or not branch:
        raise ValueError("repo and branch must not be empty")
    query = urlencode({"repo": repo, "branch": branch, "targetpath": folder,
                       "urlpath": f"lab/tree/{folder}/{notebook}"})
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hub_url", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("repo", help="the repository's git URL (the class's fork, or this repository)")
    parser.add_argument("--branch", default="main")
    args = parser.parse_args(argv)
    link = nbgitpuller_link(args.hub_url, args.repo, args.branch)
    print(link)
    return link


if __name__ == "__main__":
    main()
