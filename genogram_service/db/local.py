"""The local Neo4j for development and tests: ``neo4j-local/`` (Maven) runs Neo4j 5.26
Community embedded with Bolt on 127.0.0.1. This module builds it on first use, starts it as a
background process with a data directory, waits until Bolt answers, and stops it again.

State lives in the data directory: ``neo4j.pid``, ``neo4j.port`` and ``neo4j.log``.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from genogram_service.errors import LocalDbError
from genogram_service.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

#: The Maven launcher, in a checkout only: not package data (Maven builds it into its own folder
#: and fetches Neo4j), so an installed package has none and needs GENOGRAM_NEO4J_URI.
LAUNCHER_DIR = PROJECT_ROOT / "neo4j-local"
MAIN_CLASS = "nl.genogram.local.LocalNeo4j"

#: how :meth:`LocalDb.stop` ended: SIGTERM sufficed, SIGKILL was needed, or nothing ran
StopResult = Literal["stopped", "killed", "not running"]


@dataclass
class LocalDb:
    data_dir: Path
    port: int
    heap: str = "2g"
    _proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "neo4j.log"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    # ----------------------------------------------------------------- build

    @staticmethod
    def is_built() -> bool:
        lib = LAUNCHER_DIR / "target" / "lib"
        classes = LAUNCHER_DIR / "target" / "classes" / "nl" / "genogram" / "local"
        if not lib.is_dir() or not (classes / "LocalNeo4j.class").exists():
            return False
        built = (classes / "LocalNeo4j.class").stat().st_mtime
        sources = [LAUNCHER_DIR / "pom.xml", *LAUNCHER_DIR.glob("src/**/*.java")]
        return all(p.stat().st_mtime <= built for p in sources)

    @staticmethod
    def build() -> None:
        if not (LAUNCHER_DIR / "pom.xml").is_file():
            raise LocalDbError(f"no local Neo4j launcher ({LAUNCHER_DIR}): it comes with a "
                               "checkout of the repository; an installed package needs an "
                               "external Neo4j (set GENOGRAM_NEO4J_URI)")
        mvn = shutil.which("mvn")
        if mvn is None or shutil.which("java") is None:
            raise LocalDbError("Java 17 and Maven are needed for the local Neo4j "
                               "(`./dev setup` installs them)")
        log.info("building neo4j-local with Maven (first use only)")
        proc = subprocess.run(  # noqa: S603 - fixed arguments
            [mvn, "-B", "-q", "package", "-DskipTests"],
            cwd=LAUNCHER_DIR, capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            raise LocalDbError("Maven build of neo4j-local failed:\n"
                               + (proc.stdout + proc.stderr)[-3000:])

    # ----------------------------------------------------------------- process

    def pid(self) -> int | None:
        """The running Neo4j's process id, or None. A process that has exited but not been
        reaped by its parent (a zombie, e.g. while ``genogram serve`` that started it is still
        running) counts as not running: it holds no port and no files."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            return pid
        return None if _exited(pid) else pid

    def bolt_answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                # Bolt handshake: magic preamble + four version proposals (5.x .. 4.x)
                s.sendall(bytes.fromhex("6060B017") + bytes.fromhex(
                    "00000805" "00000404" "00000000" "00000000"))
                return len(s.recv(4)) == 4
        except OSError:
            return False

    def start(self, *, timeout_s: float = 180.0) -> bool:
        """Start unless running. Returns True if this call started it."""
        if self.pid() is not None and self.bolt_answers():
            return False
        if self.pid() is None and self.bolt_answers():
            raise LocalDbError(f"port {self.port} is taken by another process")
        if not self.is_built():
            self.build()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        java = shutil.which("java") or "java"
        classpath = os.pathsep.join([
            str(LAUNCHER_DIR / "target" / "classes"), str(LAUNCHER_DIR / "target" / "lib" / "*")
        ])
        with open(self.log_file, "ab") as out:
            proc = subprocess.Popen(  # noqa: S603 - fixed arguments
                [java, f"-Xmx{self.heap}", "-XX:+UseG1GC", "-cp", classpath, MAIN_CLASS,
                 str(self.data_dir / "db"), str(self.port)],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self._proc = proc  # keep it: the process outlives this call by design
        # reap it when it exits, whoever stops it (`genogram db stop` from another process):
        # otherwise it stays a zombie of this process until this process ends
        threading.Thread(target=proc.wait, name="neo4j-reaper", daemon=True).start()
        self.pid_file.write_text(str(proc.pid))
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                tail = self.log_file.read_text(errors="replace")[-3000:]
                raise LocalDbError(f"local Neo4j exited with {proc.returncode}:\n{tail}")
            if self.bolt_answers():
                return True
            time.sleep(0.25)
        self.stop()
        raise LocalDbError(f"local Neo4j did not answer on {self.uri} within {timeout_s:.0f} s; "
                           f"see {self.log_file}")

    def stop(self, *, timeout_s: float = 60.0) -> StopResult:
        """Stop the local Neo4j, whoever started it: SIGTERM (Neo4j shuts down cleanly), and
        SIGKILL only if it has not exited within ``timeout_s``."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return "not running"
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and self.pid() is not None:
            time.sleep(0.2)
        result: StopResult = "stopped"
        if self.pid() is not None:
            os.kill(pid, signal.SIGKILL)
            result = "killed"
        if self._proc is not None:
            self._proc.wait(timeout=10)
            self._proc = None
        self.pid_file.unlink(missing_ok=True)
        return result

    def status(self) -> dict[str, object]:
        pid = self.pid()
        return {
            "running": pid is not None,
            "pid": pid,
            "bolt": self.uri,
            "answers": self.bolt_answers() if pid else False,
            "data_dir": str(self.data_dir),
            "built": self.is_built(),
        }


def _exited(pid: int) -> bool:
    """Whether ``pid`` is a zombie: exited, waiting for its parent to reap it (Linux
    ``/proc/PID/stat``, state ``Z``; elsewhere nothing is known, so not exited)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    # the command name in parentheses may hold spaces: the state follows the last ")"
    return stat[stat.rfind(")") + 2:][:1] == "Z"
