"""Two app servers behind Debian's nginx, reading one store folder: what `make cluster-load`
runs the load test against (README: "More than one server").

`python -m benchmarks.load.cluster check` (run by `make cluster-load` first) checks that a
publication through one server is served by both: on copies of data/ and of its store, an
editor publishes a small table (SYNTHETIC figures, labelled so) through server A's API, then
each server, and the proxy, is asked for the version until all of them answer the new hash.
On 2026-12-02 (load average 18 on the 2 shared cores): all three served the new version 40.7 s
after server A answered the publish; each worker loads and warms the new version itself.

`cluster(store)` starts two `ocse serve --workers 2` on free loopback ports, with the same
OCSE_STORE, and nginx with deploy/nginx-ocse.conf as it is kept in the repository (its three
ports replaced by free ones, its logs and temporary files in a temporary folder); it yields the
proxy's address and stops all three on the way out.
"""

from __future__ import annotations

import json
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.request import urlopen

from benchmarks.callbacks import Served, free_port, serve
from dashboard import accounts
from dashboard.pipeline.operations import rebuild
from dashboard.store import data_dir

CONFIG = Path(__file__).parents[2] / "deploy" / "nginx-ocse.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PROXY, APP_A, APP_B = "127.0.0.1:8050", "127.0.0.1:8051", "127.0.0.1:8052"
CACHE = "/var/cache/ocse-nginx"
MAIN = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site};
}}
"""


@dataclass
class Cluster:
    base: str  # the proxy
    servers: list[Served]

    @property
    def master_pids(self) -> list[int]:
        return [server.master_pid for server in self.servers]


def site_config(port: int, apps: list[str], cache: Path) -> str:
    """deploy/nginx-ocse.conf with the proxy's and the app servers' ports and the file cache's
    folder replaced."""
    text = CONFIG.read_text(encoding="utf-8")
    replaced = [(PROXY, f"127.0.0.1:{port}"), (APP_A, apps[0]), (APP_B, apps[1])]
    for kept, used in [*replaced, (CACHE, str(cache))]:
        if kept not in text:
            raise RuntimeError(f"{CONFIG} no longer names {kept}")
        text = text.replace(kept, used)
    return text


@contextmanager
def nginx(port: int, apps: list[str]) -> Iterator[str]:
    if not Path(NGINX).exists():
        raise RuntimeError("nginx is missing: `make cluster-load` installs Debian's")
    with tempfile.TemporaryDirectory(prefix="ocse-nginx-") as name:
        folder = Path(name)
        folder.chmod(0o755)  # nginx's workers (user nobody, when started as root) write here
        site = folder / "ocse.conf"
        site.write_text(site_config(port, apps, folder / "cache"), encoding="utf-8")
        main = folder / "nginx.conf"
        main.write_text(MAIN.format(folder=folder, site=site), encoding="utf-8")
        check = subprocess.run([NGINX, "-t", "-q", "-c", str(main)], capture_output=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx refuses the config: {check.stderr.decode()[-1000:]}")
        process = subprocess.Popen([NGINX, "-c", str(main), "-g", "daemon off;"])
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urlopen(base + "/_dash-layout", timeout=10)
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                raise RuntimeError("nginx did not answer: " + (folder / "error.log").read_text())
            yield base
        finally:
            process.send_signal(signal.SIGQUIT)  # graceful: finish what is in flight
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def cluster(store: Path, workers: int = 2, env: dict[str, str] | None = None) -> Iterator[Cluster]:
    with ExitStack() as stack:
        servers = [stack.enter_context(serve(store, workers, env)) for _ in range(2)]
        apps = [server.base.removeprefix("http://") for server in servers]
        base = stack.enter_context(nginx(free_port(), apps))
        yield Cluster(base, servers)


# A publication of two SYNTHETIC figures: only ever into temporary copies of data/ and the store
TABLE = b"country,year,value\nGhana,2024,1234\nPhilippines,2024,56\n"
ABOUT = {
    "publisher": "Cluster check (synthetic)",
    "title": "Synthetic figures for the two-server check, not published data",
    "url": "https://example.org/synthetic-cluster-check",  # never fetched
    "year": "2025",
    "licence": "CC BY 4.0",
    "reliability": "primary",
    "indicator": "cybertipline_reports",
    "unit": "reports",
}


def version(base: str) -> str:
    with urlopen(base + "/api/v1/version", timeout=30) as response:  # a new connection each time
        return json.loads(response.read())["content_hash"]


def check_publish_reaches_both(seconds: float = 30.0) -> float:
    """Publish through server A; seconds until A, B and the proxy all answer the new hash."""
    import requests

    with tempfile.TemporaryDirectory(prefix="ocse-cluster-check-") as name:
        data, store = Path(name) / "data", Path(name) / "store"
        shutil.copytree(data_dir(), data)
        if not rebuild(data, store, "cluster check").ok:
            raise RuntimeError("the shipped data does not build")
        accounts.add_user(store, "editor", secrets.token_urlsafe(16), "editor")
        token = accounts.new_token(store, "editor")
        with cluster(store, env={"OCSE_DATA": str(data)}) as running:
            a, b = (server.base for server in running.servers)
            before = {version(base) for base in (a, b, running.base)}
            answer = requests.post(
                a + "/api/v1/publications",
                data=ABOUT,
                files={"file": ("synthetic.csv", TABLE)},
                headers={"Authorization": f"Bearer {token}"},
                timeout=300,
            )
            if answer.status_code != 201:
                errors = [p for p in answer.json().get("problems", []) if p["severity"] == "error"]
                raise RuntimeError(f"publishing through A: {answer.status_code} {errors[:3]}")
            new = answer.json()["content_hash"]
            published = time.monotonic()
            while True:  # ten answers in a row from each, so that every worker has switched
                seen = {version(base) for base in (a, b, running.base) for _ in range(10)}
                if seen == {new}:
                    waited = time.monotonic() - published
                    break
                if time.monotonic() - published > seconds:
                    raise RuntimeError(f"after {seconds} s the servers answer {seen}, not {new}")
                time.sleep(0.2)
        print(f"before: {sorted(before)}; published through A: {new}")
        print(f"A, B and the proxy all serve it {waited:.1f} s after A answered")
        return waited


if __name__ == "__main__" and sys.argv[1:] == ["check"]:
    check_publish_reaches_both()
