"""Running Graphviz: processes started ahead of need, errors and time-outs (real ``dot``)."""

from __future__ import annotations

import subprocess

import pytest

from genogram_service.errors import RenderFailed
from genogram_service.genogram.rendering import engine
from genogram_service.genogram.rendering.engine import plain_positions, run_dot

SOURCE = 'digraph g { a [label="A"]; b [label="B"]; a -> b; }'


def test_a_render_leaves_a_started_process_that_the_next_render_uses() -> None:
    spares = engine._Spares()
    try:
        args = ("dot", "-Tplain")
        first = spares.take(args)
        first.communicate(SOURCE.encode())
        assert args not in spares._waiting or not spares._waiting[args]  # none started yet
        spares.refill(args)
        spares.ready()  # the refill has run
        waiting = list(spares._waiting[args])
        assert len(waiting) == 1 and waiting[0].poll() is None  # started, waiting for input
        second = spares.take(args)
        assert second is waiting[0]
        assert second.pid != first.pid
        out, _ = second.communicate(SOURCE.encode())
        assert set(plain_positions(out)) == {"a", "b"}
    finally:
        spares.close()
    assert spares._waiting == {}


def test_closing_ends_the_waiting_processes() -> None:
    spares = engine._Spares()
    spares.take(("dot", "-Tsvg")).communicate(SOURCE.encode())
    spares.refill(("dot", "-Tsvg"))
    spares.ready()
    waiting = list(spares._waiting[("dot", "-Tsvg")])
    assert waiting
    spares.close()
    assert all(p.returncode is not None for p in waiting)


def test_only_the_most_recent_argument_lists_keep_a_waiting_process() -> None:
    spares = engine._Spares(kinds=2)
    try:
        for fmt in ("svg", "plain", "json"):
            spares.take(("dot", f"-T{fmt}")).communicate(SOURCE.encode())
            spares.refill(("dot", f"-T{fmt}"))
            spares.ready()
        spares.take(("dot", "-Tsvg")).communicate(SOURCE.encode())  # svg is the newest again
        spares.refill(("dot", "-Tsvg"))
        spares.ready()
        assert list(spares._waiting) == [("dot", "-Tjson"), ("dot", "-Tsvg")]
    finally:
        spares.close()


def test_a_dead_waiting_process_is_not_used() -> None:
    spares = engine._Spares()
    try:
        args = ("dot", "-Tsvg")
        spares.take(args).communicate(SOURCE.encode())
        spares.refill(args)
        spares.ready()
        dead = spares._waiting[args][0]
        dead.kill()
        dead.wait()
        fresh = spares.take(args)
        assert fresh is not dead
        out, _ = fresh.communicate(SOURCE.encode())
        assert out.startswith(b"<?xml")
    finally:
        spares.close()


def test_run_dot_many_times_gives_the_same_picture() -> None:
    outputs = {run_dot(SOURCE, "svg") for _ in range(5)}
    assert len(outputs) == 1 and next(iter(outputs)).lstrip().startswith(b"<?xml")


def test_bad_dot_source_is_a_render_error() -> None:
    with pytest.raises(RenderFailed, match="could not lay out"):
        run_dot("digraph { a -> ", "svg")


def test_a_layout_over_its_time_limit_is_stopped() -> None:
    # a large graph with a time limit far too short: the process is killed, not waited for
    big = "digraph g {" + " ".join(f"n{i} -> n{(i * 7 + 3) % 3000};" for i in range(3000)) + "}"
    with pytest.raises(RenderFailed, match="longer than"):
        run_dot(big, "svg", timeout_s=0.01)


def test_positions_are_handed_over_before_the_picture_is_complete() -> None:
    # ``then`` runs when the -Tplain part has arrived: it sees every node, and what it returns
    # comes back with a picture identical to a plain ``dot -Tsvg`` run of the same source
    big = "digraph g {" + " ".join(f"n{i} -> n{(i * 7 + 3) % 400};" for i in range(400)) + "}"
    seen: list[set[str]] = []

    def then(boxes: dict[str, engine.Box]) -> int:
        seen.append(set(boxes))
        return len(boxes)

    count, picture = engine.run_dot_twice(big, "svg", then)
    assert count == 400 and seen == [{f"n{i}" for i in range(400)}]
    assert picture == run_dot(big, "svg")


def test_an_input_larger_than_the_pipe_is_written_whole() -> None:
    # 3 MB of DOT (comment lines): more than the 1 MB pipe, written in several rounds
    source = "digraph g {\n" + ("// " + "x" * 97 + "\n") * 30_000 + "a -> b; }"
    boxes, _ = engine.run_dot_twice(source, "svg", lambda b: b)
    assert set(boxes) == {"a", "b"}


def test_a_failure_while_the_picture_is_written_stops_dot() -> None:
    real_take = engine._SPARES.take
    taken: list[subprocess.Popen[bytes]] = []

    def then(boxes: dict[str, engine.Box]) -> None:
        raise ValueError("drawing the additions failed")

    def take(args: tuple[str, ...]) -> subprocess.Popen[bytes]:
        proc = real_take(args)
        taken.append(proc)
        return proc

    engine._SPARES.take = take  # type: ignore[method-assign]  # to see the process it used
    try:
        with pytest.raises(ValueError, match="additions failed"):
            engine.run_dot_twice(SOURCE, "svg", then)
    finally:
        engine._SPARES.take = real_take  # type: ignore[method-assign]
    (proc,) = taken
    assert proc.returncode is not None  # ended and reaped, not left running
    assert proc.stdout is not None and proc.stdout.closed


def test_errors_written_in_bulk_do_not_block_the_exchange() -> None:
    # thousands of syntax warnings on stderr while the input is still being written
    source = "digraph g { " + " ".join(f'a{i} [shape=nosuchshape{i}];' for i in range(2000)) + "}"
    out = run_dot(source, "json")
    assert out.lstrip().startswith(b"{")
