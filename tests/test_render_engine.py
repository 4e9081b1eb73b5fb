"""Running Graphviz: processes started ahead of need, errors and time-outs (real ``dot``)."""

from __future__ import annotations

import pytest

from genogram_service.rendering import engine
from genogram_service.rendering.engine import RenderFailed, plain_positions, run_dot

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
