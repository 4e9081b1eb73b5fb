"""Running Graphviz: ``dot`` turns DOT source into SVG, PNG, PDF or JSON (positions), and
:func:`positions` reads node boxes back from the JSON (used by the layout tests)."""

from __future__ import annotations

import atexit
import fcntl
import json
import logging
import os
import re
import selectors
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal, TypeVar

from genogram_service.errors import RenderFailed

log = logging.getLogger(__name__)

Format = Literal["svg", "png", "pdf", "json"]
T = TypeVar("T")
MEDIA_TYPES: dict[str, str] = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
    "dot": "text/vnd.graphviz",
    "json": "application/json",
}


TIMEOUT_S = 120.0


def run_dot(source: str, fmt: Format, *, timeout_s: float = TIMEOUT_S, dpi: int | None = None
            ) -> bytes:
    """Lay out ``source`` with ``dot`` and return the output in ``fmt``."""
    args = ["dot", f"-T{fmt}"]
    if dpi is not None and fmt == "png":
        args.append(f"-Gdpi={dpi}")
    return _run(args, source.encode("utf-8"), timeout_s)


def run_dot_twice(source: str, second: str, then: Callable[[dict[str, Box]], T], *,
                  timeout_s: float = TIMEOUT_S) -> tuple[T, bytes]:
    """One layout, two outputs: the node positions (``-Tplain``, the cheapest) and ``second``
    (``svg`` or ``dot``). ``dot`` writes the positions first; ``then(positions)`` runs as soon
    as they have arrived, while ``dot`` is still writing ``second`` (so that work is off the
    render's path; docs/benchmarks.md has the numbers), and its result is returned with
    ``second``."""
    done: list[T] = []
    out = _run(["dot", "-Tplain", f"-T{second}"], source.encode("utf-8"), timeout_s,
               marker=_PLAIN_END, at_marker=lambda plain: done.append(then(
                   plain_positions(plain))))
    end = out.index(_PLAIN_END) + len(_PLAIN_END)  # found: so ``then`` has run
    return done[0], out[end:]


_PLAIN_END = b"\nstop\n"
_PLAIN_NODE = re.compile(rb'^node ("(?:[^"\\]|\\.)*"|\S+) (\S+) (\S+) (\S+) (\S+)', re.M)


def plain_positions(plain: bytes) -> dict[str, Box]:
    """Node name -> box, from ``dot -Tplain`` output (inches there, points here)."""
    out: dict[str, Box] = {}
    for m in _PLAIN_NODE.finditer(plain):
        raw = m.group(1).decode("utf-8")
        name = raw[1:-1].replace('\\"', '"') if raw.startswith('"') else raw
        x, y, w, h = (float(v) * 72 for v in m.groups()[1:])
        out[name] = Box(name, x, y, w, h)
    return out


def run_neato_n2(laid_out: bytes, background: str, fmt: Format, *, dpi: int | None = None,
                 timeout_s: float = TIMEOUT_S) -> bytes:
    """Draw an already laid-out graph (``dot -Tdot`` output) with extra ``_background``
    drawing operations, keeping every position (``neato -n2``)."""
    text = laid_out.decode("utf-8")
    head = text.index("{") + 1
    text = text[:head] + f"\n\tgraph [_background={dot_string(background)}];" + text[head:]
    args = ["neato", "-n2", f"-T{fmt}"]
    if dpi is not None and fmt == "png":
        args.append(f"-Gdpi={dpi}")
    return _run(args, text.encode("utf-8"), timeout_s)


def dot_string(value: str, chunk: int = 8000) -> str:
    """``value`` as a DOT string; long ones as ``"..." + "..."`` (Graphviz 2.43 reads at most
    16384 characters per quoted string)."""
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    parts = []
    while quoted:
        cut = min(chunk, len(quoted))
        while cut < len(quoted) and quoted[cut - 1] == "\\":
            cut += 1  # never split an escape
        parts.append(quoted[:cut])
        quoted = quoted[cut:]
    return " + ".join(f'"{p}"' for p in parts) or '""'


def _run(args: list[str], data: bytes, timeout_s: float, *, marker: bytes | None = None,
         at_marker: Callable[[bytes], object] | None = None) -> bytes:
    proc = _SPARES.take(tuple(args))
    try:
        out, err = _exchange(proc, data, timeout_s, marker, at_marker)
    except subprocess.TimeoutExpired as exc:
        raise RenderFailed(f"Graphviz took longer than {timeout_s:g} s") from exc
    finally:
        if proc.returncode is None:  # a timeout, or ``at_marker`` failed
            proc.kill()
            proc.wait()
        for pipe in (proc.stdin, proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
        _SPARES.refill(tuple(args))  # started now: it is ready long before the next render
    if proc.returncode != 0 or not out:
        log.error("%s failed (%s): %s", args[0], proc.returncode,
                  err.decode(errors="replace")[-500:])
        raise RenderFailed("Graphviz could not lay out this genogram")
    if err:
        log.debug("dot: %s", err.decode(errors="replace")[-500:])
    return out


def _exchange(proc: subprocess.Popen[bytes], data: bytes, timeout_s: float,
              marker: bytes | None, at_marker: Callable[[bytes], object] | None
              ) -> tuple[bytes, bytes]:
    """Like ``proc.communicate(data)`` (the input written while the outputs are read, so
    neither side can block the other), and: the input goes in large writes instead of
    512-byte ones, and ``at_marker(output so far)`` is called once, as soon as stdout
    contains ``marker`` (with the output up to the marker's end), while the process goes on
    writing."""
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    deadline = time.monotonic() + timeout_s
    stdin, stdout = proc.stdin.fileno(), proc.stdout.fileno()
    chunks: dict[int, bytearray] = {stdout: bytearray(), proc.stderr.fileno(): bytearray()}
    view, offset = memoryview(data), 0
    waiting = marker is not None and at_marker is not None
    with selectors.DefaultSelector() as sel:
        for fd in chunks:
            sel.register(fd, selectors.EVENT_READ)
        if data:
            os.set_blocking(stdin, False)
            sel.register(stdin, selectors.EVENT_WRITE)
        else:
            proc.stdin.close()
        while sel.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise subprocess.TimeoutExpired(proc.args, timeout_s)
            for key, _ in sel.select(remaining):
                if key.fd == stdin:
                    try:
                        offset += os.write(stdin, view[offset:offset + _WRITE_CHUNK])
                    except BlockingIOError:
                        continue
                    except BrokenPipeError:  # it stopped reading (an error: see stderr)
                        offset = len(data)
                    if offset >= len(data):
                        sel.unregister(stdin)
                        proc.stdin.close()
                    continue
                chunk = os.read(key.fd, _READ_CHUNK)
                if not chunk:
                    sel.unregister(key.fd)
                    continue
                got = chunks[key.fd]
                got += chunk
                if waiting and key.fd == stdout:
                    assert marker is not None and at_marker is not None
                    found = got.find(marker, max(0, len(got) - len(chunk) - len(marker)))
                    if found >= 0:
                        waiting = False
                        at_marker(bytes(got[:found + len(marker)]))
    proc.wait(max(0.0, deadline - time.monotonic()))
    return bytes(chunks[stdout]), bytes(chunks[proc.stderr.fileno()])


_WRITE_CHUNK = 1 << 20
_READ_CHUNK = 1 << 18


class _Spares:
    """Graphviz processes started ahead of need, waiting for their input on stdin.

    Starting ``dot`` takes a measurable part of a render before it reads a byte (loading
    Graphviz and its plugins; docs/benchmarks.md has the number); a process started after
    the previous run has done that by the time the next genogram's DOT source is ready, so a
    render takes a waiting process and, when its layout is done, starts a new one in the
    background for the next. At most ``per_args`` wait per argument list, for at most
    ``kinds`` argument lists (the most recently used); each is a few MB.
    A waiting process that gets end-of-file (this process exits) writes nothing and ends."""

    def __init__(self, per_args: int = 1, kinds: int = 4) -> None:
        self.per_args = per_args
        self.kinds = kinds
        self._reset()

    def _reset(self) -> None:
        # also in a forked child: the parent's waiting processes are not its children
        self._lock = threading.Lock()
        self._waiting: dict[tuple[str, ...], list[subprocess.Popen[bytes]]] = {}
        self._refill = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graphviz-spare")

    def take(self, args: tuple[str, ...]) -> subprocess.Popen[bytes]:
        proc = None
        with self._lock:
            waiting = self._waiting.pop(args, [])
            while waiting and proc is None:
                candidate = waiting.pop()
                if candidate.poll() is None:
                    proc = candidate
                else:
                    _close(candidate)
            self._waiting[args] = waiting  # now the most recently used
            while len(self._waiting) > self.kinds:
                for old in self._waiting.pop(next(iter(self._waiting))):
                    _close(old)
        return proc if proc is not None else _start(args)

    def refill(self, args: tuple[str, ...]) -> None:
        """Start a process for ``args`` in the background, unless enough are waiting."""
        try:
            self._refill.submit(self._add, args)
        except RuntimeError:  # shutting down
            pass

    def _add(self, args: tuple[str, ...]) -> None:
        with self._lock:
            if len(self._waiting.get(args, ())) >= self.per_args:
                return
        try:
            proc = _start(args)
        except RenderFailed:
            return
        with self._lock:
            waiting = self._waiting.get(args)
            if waiting is not None and len(waiting) < self.per_args:
                waiting.append(proc)
                return
        _close(proc)

    def ready(self) -> None:
        """Wait until the processes being started in the background are waiting."""
        self._refill.submit(lambda: None).result()

    def close(self) -> None:
        self._refill.shutdown(wait=True)
        with self._lock:
            for waiting in self._waiting.values():
                for proc in waiting:
                    _close(proc)
            self._waiting.clear()


def _start(args: tuple[str, ...]) -> subprocess.Popen[bytes]:
    try:
        proc = subprocess.Popen(  # noqa: S603 - fixed programs, arguments from Literals
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            close_fds=True)
    except FileNotFoundError as exc:
        raise RenderFailed("Graphviz (dot) is not installed") from exc
    for pipe in (proc.stdin, proc.stdout):  # room for a whole genogram: fewer waits
        try:
            fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_SIZE)  # type: ignore[union-attr]
        except OSError:  # over the system's limit (fs.pipe-max-size): keep the default
            pass
    return proc


_PIPE_SIZE = 1 << 20


def _close(proc: subprocess.Popen[bytes]) -> None:
    """End a waiting process: end-of-file on its input, it writes nothing and exits."""
    try:
        proc.communicate(b"", timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()


_SPARES = _Spares()
atexit.register(_SPARES.close)
os.register_at_fork(after_in_child=_SPARES._reset)


def spares_ready() -> None:
    """Wait until the Graphviz processes started ahead of need are ready (for benchmarks that
    measure one render at a time on an otherwise idle machine)."""
    _SPARES.ready()


@dataclass(frozen=True)
class Box:
    """A node's box in points, Graphviz coordinates (y grows upwards)."""

    name: str
    x: float
    y: float
    width: float
    height: float

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width / 2

    @property
    def top(self) -> float:
        return self.y + self.height / 2

    @property
    def bottom(self) -> float:
        return self.y - self.height / 2

    def overlaps(self, other: Box, margin: float = 0.0) -> bool:
        return (self.left < other.right - margin and other.left < self.right - margin
                and self.bottom < other.top - margin and other.bottom < self.top - margin)


def positions(layout_json: bytes) -> dict[str, Box]:
    """Node name -> box, from ``dot -Tjson`` output (clusters are skipped)."""
    data = json.loads(layout_json)
    out: dict[str, Box] = {}
    for obj in data.get("objects", []):
        if "pos" not in obj or "nodes" in obj:
            continue
        x, y = (float(v) for v in obj["pos"].split(","))
        out[obj["name"]] = Box(obj["name"], x, y, float(obj["width"]) * 72,
                               float(obj["height"]) * 72)
    return out
