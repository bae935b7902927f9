"""Stopping a run cleanly: Ctrl-C (SIGINT) or SIGTERM ends it within seconds, keeps what was
loaded, leaves no process behind and no flow run `Running`.

`edureports run` is two processes (three without PREFECT_API_URL: the supervisor first
starts the run's temporary Prefect server, flows.api_server, and stops it after the run). The
one the terminal sees (the supervisor) starts the run itself in a session of its own, so that
Ctrl-C reaches only the supervisor, not Prefect's temporary server or the transform workers
(they used to die first, and the run then spent a minute retrying a server that was gone).
On SIGINT or SIGTERM the supervisor passes the signal on to the run as a request to stop;
the run prints one line saying what it kept, marks its flow run Cancelled, stops its child
processes and exits. Whatever is left after STOP_GRACE seconds is killed with the whole
session of the run, and the temporary server gets SERVER_GRACE seconds to stop before it is
killed too (it holds only the run's history, which SQLite keeps whole through a kill). A run
whose supervisor dies (even by SIGKILL) is stopped the same way (the kernel sends it
SIGTERM).

Batches load in one transaction each: a run stopped anywhere keeps the batches it loaded,
and the next run picks up the rest (see warehouse.load and warehouse.parquet).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

from flows.api_server import STOP_WAIT, TEMPORARY_API, stop_server, temporary_server

SUPERVISED = "EDUREPORTS_SUPERVISED"
"""Set in the environment of a run started by the supervisor: a file where the run notes its
flow run id and API, so that the supervisor can mark it Crashed if the run dies abruptly
(the OOM killer, a SIGKILL of that process alone)."""
STOP_GRACE = 3.0
"""Seconds the run has to stop by itself before its session is killed."""
SERVER_GRACE = 1.0
"""Seconds the temporary server has to stop after a stopped run, before it is killed. After
a run that ended by itself it gets STOP_WAIT: it may still be recording."""
CANCEL_WAIT = 1.5
"""Seconds the run waits for the API to record its flow run as Cancelled (its child
processes stop meanwhile)."""
EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In a child, before exec: have the kernel send SIGTERM when the parent dies (Linux)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def supervise(argv: list[str]) -> int:
    """Run `edureports <argv>` in a session of its own and relay SIGINT/SIGTERM to it as a
    request to stop; returns its exit status (130/143 when stopped by a signal)."""
    with tempfile.NamedTemporaryFile(prefix="edureports-run-", suffix=".json") as note:
        return _supervise(argv, Path(note.name))


def _supervise(argv: list[str], note: Path) -> int:
    env = {**os.environ, SUPERVISED: str(note)}
    server = None
    if not os.environ.get("PREFECT_API_URL"):  # the run's temporary API starts first
        server, env["PREFECT_API_URL"] = temporary_server(preexec_fn=_die_with_parent)
        env[TEMPORARY_API] = "1"
        env.setdefault("PREFECT_UI_URL", "")  # it serves no UI: no "View at" link to it
    asked: list[tuple[int, float]] = []  # (signal, when) of each request to stop
    try:
        return _supervise_run(argv, note, env, server, asked)
    finally:
        if server is not None:
            # after Ctrl-C the user waits for the prompt: the server's graceful stop can
            # take seconds (uvicorn waits for requests in flight) and keeps nothing needed
            stop_server(server, SERVER_GRACE if asked else STOP_WAIT)


def _supervise_run(
    argv: list[str],
    note: Path,
    env: dict[str, str],
    server: subprocess.Popen[bytes] | None,
    asked: list[tuple[int, float]],
) -> int:
    """Run the run, noting in `asked` each SIGINT/SIGTERM that asks it to stop."""
    child = subprocess.Popen(
        # -P: the working folder is not put first on sys.path, so a flows/ or transforms/
        # folder there (another checkout, a user's own Prefect project) is not imported
        # in place of this package, in the run or in its workers
        [sys.executable, "-P", "-m", "flows.cli", *argv],
        env=env,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )

    def ask_to_stop(signum: int, frame: FrameType | None) -> None:
        if asked:  # a second Ctrl-C: stop now
            _kill_session(child.pid)
            return
        asked.append((signum, time.monotonic()))
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signum)

    previous = {s: signal.signal(s, ask_to_stop) for s in EXIT_CODES}
    try:
        while True:
            try:
                code = child.wait(timeout=0.1)
                break
            except subprocess.TimeoutExpired:
                if server is not None and server.poll() is not None and not asked:
                    print(
                        "edureports run: the temporary Prefect server exited "
                        f"({server.returncode})",
                        file=sys.stderr,
                        flush=True,
                    )
                    _kill_session(child.pid)
                    code = child.wait()
                    break
                if asked and time.monotonic() - asked[0][1] > STOP_GRACE:
                    _kill_session(child.pid)
                    code = child.wait()
                    name = signal.Signals(asked[0][0]).name
                    print(
                        f"edureports run: stopped by {name} (killed after {STOP_GRACE:.0f} s); "
                        "the batches loaded before stay loaded, the next run picks up the rest",
                        file=sys.stderr,
                        flush=True,
                    )
                    break
        if code < 0 and not asked:  # died abruptly: its flow run would stay Running
            line = f"the run process was killed by {signal.Signals(-code).name}"
            print(
                f"edureports run: {line}; the batches loaded before stay loaded, "
                "the next run picks up the rest",
                file=sys.stderr,
                flush=True,
            )
            _mark_crashed(note, line)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        _kill_session(child.pid)  # the temporary server or a worker the run left behind
    if asked:
        return EXIT_CODES[signal.Signals(asked[0][0])]
    return code if code >= 0 else 128 - code


def _kill_session(pid: int) -> None:
    """SIGKILL every process of the session (process group) led by `pid`."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


@contextlib.contextmanager
def stop_on_signals(flow_run_id: str, kept: Callable[[], str]) -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM stop the run: one line with `kept()` (what was
    loaded), the flow run marked Cancelled, child processes stopped, exit 130/143.

    Only in a run the supervisor started, and in the main thread (elsewhere a no-op):
    a flow run served by Prefect keeps Prefect's own handling.
    """
    if not os.environ.get(SUPERVISED) or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        signal.signal(signum, signal.SIG_IGN)
        name = signal.Signals(signum).name
        line = f"edureports run: stopped by {name}; {kept()}; the next run picks up the rest"
        print(line, file=sys.stderr, flush=True)
        with _children_stopped():
            if flow_run_id:
                _mark_cancelled(flow_run_id, line)
        os._exit(EXIT_CODES[signal.Signals(signum)])

    previous = {s: signal.signal(s, stop) for s in EXIT_CODES}
    if flow_run_id:
        _note_run(flow_run_id)
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _note_run(flow_run_id: str) -> None:
    """Tell the supervisor which flow run this is and where its API is."""
    from prefect.client.orchestration import get_client

    with contextlib.suppress(OSError, ValueError):
        api_url = str(get_client().api_url)
        Path(os.environ[SUPERVISED]).write_text(
            json.dumps({"flow_run_id": flow_run_id, "api_url": api_url}), encoding="utf-8"
        )


def _mark_crashed(note: Path, message: str) -> None:
    """Record the run's flow run as Crashed (the run's temporary server is still up: it is
    in the run's session, killed after this)."""
    try:
        run = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # the run died before its flow started

    def mark() -> None:
        from prefect.client.orchestration import get_client
        from prefect.settings import PREFECT_API_URL, temporary_settings
        from prefect.states import Crashed

        with (
            temporary_settings({PREFECT_API_URL: run["api_url"]}),
            get_client(sync_client=True) as client,
        ):
            client.set_flow_run_state(run["flow_run_id"], Crashed(message=message), force=True)

    thread = threading.Thread(target=mark, daemon=True)
    thread.start()
    thread.join(10.0)  # importing Prefect here takes seconds on a busy machine


def _mark_cancelled(flow_run_id: str, message: str) -> None:
    """Record the flow run as Cancelled, waiting at most CANCEL_WAIT seconds for the API."""

    def mark() -> None:
        from prefect.client.orchestration import get_client
        from prefect.states import Cancelled

        with get_client(sync_client=True) as client:
            client.set_flow_run_state(flow_run_id, Cancelled(message=message), force=True)

    thread = threading.Thread(target=mark, daemon=True)
    thread.start()
    thread.join(CANCEL_WAIT)


@contextlib.contextmanager
def _children_stopped(wait: float = 1.0) -> Iterator[None]:
    """Terminate this process's descendants (the transform workers) on entry; on exit, kill
    those still alive `wait` seconds after that (the block runs while they stop).

    Those that ignore SIGTERM are not waited for: multiprocessing's resource tracker does,
    and exits by itself when this process has gone (waiting for it cost the whole second).
    """
    import psutil

    started = time.monotonic()
    children = [c for c in psutil.Process().children(recursive=True) if not _ignores_sigterm(c.pid)]
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    yield
    left = max(0.0, wait - (time.monotonic() - started))
    _, alive = psutil.wait_procs(children, timeout=left)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()


def _ignores_sigterm(pid: int) -> bool:
    """Whether process `pid` ignores SIGTERM (Linux's /proc; False where that is unreadable)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return False
    for line in status.splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)
    return False
