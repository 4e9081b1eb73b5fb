"""The local Neo4j stops cleanly however it was started: ``genogram db stop`` runs in another
process than the one that started Neo4j (``genogram serve``), whose child Neo4j is. It used to
stay a zombie of that process after SIGTERM, which the stop took for a running Neo4j until its
timeout, then SIGKILL (issue 14)."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

from genogram_service.db.local import LocalDb


def _free_port() -> int:
    # not the session's port + 1: with several test Neo4js on one machine, that may be taken
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


# a stand-in for `genogram serve`: starts Neo4j as its child and keeps running
STARTER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from genogram_service.db.local import LocalDb
    LocalDb(Path(sys.argv[1]), int(sys.argv[2]), "512m").start(timeout_s=300)
    print("up", flush=True)
    time.sleep(600)
""")


def test_stop_from_another_process_ends_with_sigterm(tmp_path: Path) -> None:
    port = _free_port()
    starter = subprocess.Popen([sys.executable, "-c", STARTER, str(tmp_path), str(port)],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert starter.stdout is not None
        assert starter.stdout.readline().strip() == "up"
        db = LocalDb(tmp_path, port, "512m")
        pid = db.pid()
        assert pid is not None and db.bolt_answers()
        # SIGTERM must suffice: with the exited Neo4j taken for a running one, the stop would
        # wait out the whole timeout and then report "killed"
        assert db.stop(timeout_s=45) == "stopped"
        assert db.pid() is None and not db.bolt_answers()
        assert not db.pid_file.exists()
        assert "READY" in db.log_file.read_text()
        assert starter.poll() is None  # the starter itself is untouched
        assert db.stop() == "not running"
    finally:
        starter.kill()
        starter.wait(timeout=10)
        if starter.stdout is not None:
            starter.stdout.close()
        LocalDb(tmp_path, port, "512m").stop(timeout_s=10)
