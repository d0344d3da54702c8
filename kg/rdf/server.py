"""Share a built graph past one machine: serve it as a SPARQL 1.1 endpoint, or push it to one.

``serve`` loads ``OUT/graph.ttl`` into an Oxigraph database and runs the ``oxigraph`` server (the
binary of the ``oxigraph`` package on PyPI) on it; ``/query`` answers SPARQL over HTTP. It is
read-only (``oxigraph serve-read-only``: no SPARQL UPDATE, no Graph Store writes) unless
``writable``, when ``/update`` and ``/store`` (the SPARQL 1.1 Graph Store HTTP Protocol) change
it too. ``push`` sends a graph to such a store with the standard library only.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.errors import EndpointError, GraphFileError, ServerError

GRAPH_FILE = "graph.ttl"
DEFAULT_PORT = 7878
READY_TIMEOUT = 20.0  # seconds for the server to answer its first query
HTTP_TIMEOUT = 60.0  # seconds for one push request

Ready = Callable[["Server"], None]


def graph_file(outdir: str | os.PathLike) -> Path:
    """The Turtle file of a build folder (``OUT/graph.ttl``), or ``outdir`` itself if it is one."""
    path = Path(outdir)
    if path.is_dir():
        path = path / GRAPH_FILE
        if not path.is_file():
            raise GraphFileError(
                str(path), f"no such file; build it first with kg build INPUT... -o {outdir}"
            )
    elif not path.is_file():
        raise GraphFileError(str(path), "no such build folder or Turtle file; check the path")
    return path


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` command: beside this Python (a virtualenv's bin/), else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServerError(
            "oxigraph", "command not found; install the server with pip install oxigraph"
        )
    return found


def is_loopback(host: str) -> bool:
    """Whether ``host`` answers this machine only (127.0.0.0/8, ::1, localhost).

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    name = host.strip("[]")
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        pass
    try:  # a host name: loopback only if every address it stands for is
        addresses = {info[4][0] for info in socket.getaddrinfo(name, None)}
    except OSError:
        return False  # the server will fail to bind it and say so
    return bool(addresses) and all(
        ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses
    )


def open_to_network_warning(host: str, port: int, writable: bool) -> str | None:
    """The warning kg serve prints when ``host`` is not loopback, else None."""
    if is_loopback(host):
        return None
    what = "query and change the graph" if writable else "query the graph"
    # Oxigraph's server follows SERVICE clauses and has no switch to refuse them.
    return (
        f"warning: {host}:{port} is open to the network: anyone who can reach this machine can "
        f"{what} and make the server fetch URLs (SPARQL SERVICE), without a password; use "
        "--host 127.0.0.1 to serve this machine only"
    )


@dataclass
class Server:
    """A running ``oxigraph serve`` (or ``serve-read-only``): ``url`` is its base (``/query``;
    ``/update`` and ``/store`` take changes when ``writable``)."""

    url: str
    process: subprocess.Popen
    location: Path
    writable: bool = False

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    def wait(self) -> int:
        """Block until the server stops; return its exit status."""
        return self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _check_port_free(host: str, port: int) -> None:
    # Without this, the readiness poll could be answered by whatever already listens there.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # As the server does: a closed connection's TIME_WAIT must not count as in use.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            raise ServerError(
                f"{host}:{port}", f"cannot listen there ({e.strerror}); choose another --port"
            ) from e


def _last_line(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1] if lines else ""


def _load(binary: str, location: Path, graph: Path) -> None:
    done = subprocess.run(
        [binary, "load", "--location", str(location), "--file", str(graph)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        why = lines[-1] if lines else f"exit status {done.returncode}"
        raise GraphFileError(str(graph), f"oxigraph cannot load it: {why}")


def _wait_until_ready(server: Server, log: Path, timeout: float) -> None:
    probe = f"{server.query_url}?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            why = _last_line(log) or f"exit status {server.process.returncode}"
            raise ServerError(server.url, f"the oxigraph server stopped: {why}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise ServerError(server.url, f"the oxigraph server did not answer within {timeout:.0f} s")


@contextmanager
def running_server(
    outdir: str | os.PathLike,
    port: int = DEFAULT_PORT,
    host: str = "127.0.0.1",
    timeout: float = READY_TIMEOUT,
    writable: bool = False,
) -> Iterator[Server]:
    """Load ``OUT/graph.ttl`` into a fresh Oxigraph database and serve it on ``host:port``,
    read-only unless ``writable``; yields once ``/query`` answers and stops the server (and
    deletes the database) on exit."""
    graph = graph_file(outdir)
    binary = oxigraph_binary()
    _check_port_free(host, port)
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
        location = Path(tmp) / "db"
        _load(binary, location, graph)
        log = Path(tmp) / "server.log"
        command = "serve" if writable else "serve-read-only"
        with open(log, "wb") as log_file:
            process = subprocess.Popen(
                [binary, command, "--location", str(location), "--bind", f"{host}:{port}"],
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                # Its own session: Ctrl-C reaches kg, which then stops the server in order.
                start_new_session=True,
            )
        server = Server(f"http://{host}:{port}", process, location, writable)
        try:
            _wait_until_ready(server, log, timeout)
            yield server
        finally:
            server.stop()


def serve(
    outdir: str | os.PathLike,
    port: int = DEFAULT_PORT,
    host: str = "127.0.0.1",
    ready: Ready | None = None,
    writable: bool = False,
) -> int:
    """Serve the graph of build folder ``outdir`` as a SPARQL 1.1 endpoint until stopped,
    read-only unless ``writable``.

    Calls ``ready(server)`` once the endpoint answers, then blocks until the server exits or
    the user presses Ctrl-C (or the process gets SIGTERM); returns the server's exit status, 0
    after Ctrl-C. The server and its database never outlive the call.
    """
    in_main_thread = threading.current_thread() is threading.main_thread()
    # SIGTERM would end Python without running the cleanup below and leave oxigraph running.
    previous = signal.signal(signal.SIGTERM, _interrupt) if in_main_thread else None
    try:
        with running_server(outdir, port, host, writable=writable) as server:
            if ready is not None:
                ready(server)
            return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def store_url(endpoint_url: str, graph_iri: str | None = None) -> str:
    """The Graph Store Protocol URL of ``endpoint_url`` for the default graph or ``graph_iri``.

    >>> store_url("http://127.0.0.1:7878/")
    'http://127.0.0.1:7878/store?default'
    >>> store_url("http://127.0.0.1:7878", "https://w3id.org/kg-press/graph/gb")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fkg-press%2Fgraph%2Fgb'
    """
    base = endpoint_url.rstrip("/")
    if graph_iri is None:
        return f"{base}/store?default"
    return f"{base}/store?" + urllib.parse.urlencode({"graph": graph_iri})


def push(
    outdir: str | os.PathLike,
    endpoint_url: str,
    graph_iri: str | None = None,
    replace: bool = True,
) -> str:
    """Send the graph of build folder ``outdir`` (or a Turtle file) to a SPARQL endpoint's store.

    HTTP PUT (``replace``: the graph's old triples go) or POST (the triples are added) of
    ``text/turtle`` to ``{endpoint_url}/store?default``, or ``?graph=IRI`` for a named graph.
    Returns the URL it sent to; raises ``EndpointError`` naming the URL when that fails.
    """
    path = graph_file(outdir)
    if graph_iri is not None and not urllib.parse.urlparse(graph_iri).scheme:
        raise EndpointError(
            graph_iri, "not an absolute IRI; give one such as https://example.org/g"
        )
    url = store_url(endpoint_url, graph_iri)
    if urllib.parse.urlparse(url).scheme not in ("http", "https"):
        raise EndpointError(endpoint_url, "not an http:// or https:// URL")
    with open(path, "rb") as body:
        request = urllib.request.Request(
            url,
            data=body,
            method="PUT" if replace else "POST",
            headers={
                "Content-Type": "text/turtle; charset=utf-8",
                "Content-Length": str(path.stat().st_size),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT):
                pass
        except urllib.error.HTTPError as e:
            detail = e.read(500).decode("utf-8", errors="replace").strip().splitlines()
            why = f"HTTP {e.code} {e.reason}" + (f": {detail[0]}" if detail else "")
            raise EndpointError(url, f"the endpoint refused the graph ({why})") from e
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise EndpointError(
                url, f"cannot reach the endpoint ({reason}); is it running? start one with kg serve"
            ) from e
    return url
