"""The production topology as local processes for `make faults`: PostgreSQL, Redis, Varnish, nginx.

Each server runs from a folder of its own under the work folder, on a free port of 127.0.0.1, so
the suite never touches the PostgreSQL or Redis that other work on this machine uses, and each can
be stopped, hung and started again. gunicorn is started by bench/run.py's Bench (see faults.py).

nginx reads the committed server block (deploy/nginx/cinemaone.conf.template) and Varnish the
committed VCL (deploy/varnish/default.vcl) when there is one, with their placeholders and backend
replaced by the local addresses (copies inside the work folder): what is measured is what ships.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from run import process_table

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "cinemaone.conf.template"
VCL = ROOT / "deploy" / "varnish" / "default.vcl"

# Until deploy/varnish/default.vcl exists: cache every page the app tags (it names its cache tags
# in xkey) and keep serving it from grace while the backend is down; purge by tag.
FALLBACK_VCL = """vcl 4.1;
import xkey;

backend default {
    .host = "web";
    .port = "8000";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (req.http.xkey) {
            return (synth(200, "Purged " + xkey.purge(req.http.xkey)));
        }
        return (purge);
    }
}

sub vcl_backend_response {
    if (beresp.http.xkey && beresp.status == 200) {
        set beresp.ttl = 1h;
        set beresp.grace = 1h;
    }
}
"""


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_for_port(port, process=None, seconds=30, name="server"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not listen on {HOST}:{port} within {seconds} s")


def children(pid):
    """Process ids whose parent is `pid`."""
    return [child for child, (parent, _name, _ticks) in process_table().items() if parent == pid]


def stop_process(process, sig=signal.SIGTERM, seconds=30):
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Postgres:
    """A cluster of its own (initdb), run as the postgres user when we are root (it refuses root)."""

    def __init__(self, work):
        self.folder = work / "postgres"
        self.data = self.folder / "data"
        self.port = free_port()
        self.log = work / "logs" / "postgres.log"
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *command):
        return subprocess.run([*self.as_owner, *map(str, command)], check=True, capture_output=True, text=True)

    def start(self):
        if not self.data.exists():
            self.folder.mkdir(parents=True)
            self.log.touch()
            if self.as_owner:
                shutil.chown(self.folder, "postgres")
                shutil.chown(self.log, "postgres")
            self._run(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--no-sync")
        self.pg_ctl("start")

    def pg_ctl(self, action, *extra):
        options = f"-p {self.port} -c listen_addresses={HOST} -k {self.folder}"
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "60", *extra, action)

    def restart(self):
        self.pg_ctl("restart", "-m", "fast")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "fast")

    def postmaster(self):
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def hang(self):
        """SIGSTOP the postmaster first (so it forks no one new), then every backend."""
        master = self.postmaster()
        os.kill(master, signal.SIGSTOP)
        self.stopped = [master, *children(master)]
        for pid in self.stopped[1:]:
            os.kill(pid, signal.SIGSTOP)
        return len(self.stopped)

    def resume(self):
        for pid in reversed(self.stopped):
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass


class Redis:
    """redis-server without persistence: a restart comes back empty, as a cache may."""

    def __init__(self, work):
        self.folder = work / "redis"
        self.port = free_port()
        self.log = work / "logs" / "redis.log"
        self.process = None

    def start(self):
        self.folder.mkdir(exist_ok=True)
        command = ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no",
                   "--dir", str(self.folder), "--logfile", str(self.log)]
        self.process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.process, name="redis-server")

    def stop(self):
        stop_process(self.process)
        self.process = None


class Varnish:
    """varnishd with the committed VCL (deploy/varnish/default.vcl) as it is: it includes
    backend.vcl, which we write (the committed one, pointed at our gunicorn) into a folder that
    comes first in vcl_path, as that file's comment says a test should."""

    def __init__(self, work, backend_port):
        self.folder = work / "varnish"
        self.port = free_port()
        self.admin_port = free_port()
        self.backend_port = backend_port
        self.log = work / "logs" / "varnish.log"
        self.process = None
        self.vcl_source = VCL if VCL.exists() else None

    def point_at_backend(self, text):
        """The backend declared for host "web" port 8000, pointed at our gunicorn."""
        text = re.sub(r'\.host\s*=\s*"web"\s*;', f'.host = "{HOST}";', text)
        return re.sub(r'\.port\s*=\s*"8000"\s*;', f'.port = "{self.backend_port}";', text)

    def start(self):
        self.folder.mkdir(exist_ok=True)
        self.folder.chmod(0o755)
        options = []
        if self.vcl_source:
            vcl = self.vcl_source
            backend = VCL.parent / "backend.vcl"
            if backend.exists():
                (self.folder / "backend.vcl").write_text(self.point_at_backend(backend.read_text()))
                options = ["-p", f"vcl_path={self.folder}:{VCL.parent}"]
            else:  # the backend still declared in default.vcl itself
                vcl = self.folder / "default.vcl"
                vcl.write_text(self.point_at_backend(self.vcl_source.read_text()))
        else:
            vcl = self.folder / "default.vcl"
            vcl.write_text(self.point_at_backend(FALLBACK_VCL))
        for written in self.folder.glob("*.vcl"):
            written.chmod(0o644)
        command = ["varnishd", "-F", "-a", f"{HOST}:{self.port}", "-T", f"{HOST}:{self.admin_port}",
                   "-n", str(self.folder / "instance"), "-f", str(vcl), "-s", "malloc,128m", *options]
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(command, start_new_session=True, stdout=log, stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.process, name="varnishd")

    def stop(self):
        stop_process(self.process)
        self.process = None


class Nginx:
    def __init__(self, work, upstream_port, media_root):
        self.folder = work / "nginx"
        self.port = free_port()
        self.upstream_port = upstream_port
        self.media_root = media_root
        self.logs = work / "logs"
        self.process = None

    def config(self):
        server = NGINX_TEMPLATE.read_text()
        for name, value in {"LISTEN": f"{HOST}:{self.port}", "UPSTREAM": f"{HOST}:{self.upstream_port}",
                            "MEDIA_ROOT": str(self.media_root)}.items():
            server = server.replace("${" + name + "}", value)
        (self.folder / "cinemaone.conf").write_text(server)
        temp = "\n".join(f"    {kind}_temp_path {self.folder / kind};" for kind in
                         ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        user = "user root;\n" if os.geteuid() == 0 else ""  # its temp folders are ours
        return f"""{user}worker_processes 1;
pid {self.folder / "nginx.pid"};
error_log {self.logs / "nginx-error.log"} info;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log {self.logs / "nginx-access.log"};
{temp}
    include {self.folder / "cinemaone.conf"};
}}
"""

    def start(self):
        self.folder.mkdir(exist_ok=True)
        conf = self.folder / "nginx.conf"
        conf.write_text(self.config())
        command = ["nginx", "-p", str(self.folder), "-c", str(conf), "-g", "daemon off;"]
        with open(self.logs / "nginx.log", "a") as log:
            self.process = subprocess.Popen(command, start_new_session=True, stdout=log, stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.process, name="nginx")

    def stop(self):
        stop_process(self.process, signal.SIGQUIT)
        self.process = None
