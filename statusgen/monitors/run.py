"""Running many checks at once, bounded in time: each check in a thread of its own (at most
`workers` at a time), a check still running past its timeout counted as a failure at its
timeout, and the whole run ended at its deadline. Threads are daemons, so a target that hangs
(a DNS lookup has no timeout of its own) never keeps the process from ending."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from statusgen.content.monitorconfig import Check
from statusgen.model import ComponentStatus
from statusgen.monitors.addresses import Policy
from statusgen.monitors.checks import Outcome, run_check

#: Checks running at once.
WORKERS = 32
#: How often the run looks for finished checks.
POLL_SECONDS = 0.02
#: Beyond its timeout, how long a check's thread is waited for before it is a failure.
GRACE = 1.0


@dataclass(frozen=True)
class Job:
    """One check of one component."""

    component: str
    check: Check


def run_all(
    jobs: Sequence[Job],
    policy: Policy,
    deadline: float,
    on_done: Callable[[Job, Outcome], None] = lambda job, outcome: None,
    workers: int = WORKERS,
) -> list[Outcome]:
    """Every job's outcome, in the jobs' order; `on_done` is called as each one ends."""
    results: queue.Queue[tuple[int, Outcome]] = queue.Queue()
    slots = threading.Semaphore(workers)
    started: dict[int, float] = {}
    lock = threading.Lock()

    def work(index: int, job: Job) -> None:
        with slots:
            with lock:
                started[index] = time.monotonic()
            results.put((index, run_check(job.check, policy)))

    for index, job in enumerate(jobs):
        threading.Thread(target=work, args=(index, job), daemon=True, name=f"probe-{index}").start()
    end = time.monotonic() + deadline
    outcomes: dict[int, Outcome] = {}
    while len(outcomes) < len(jobs):
        now = time.monotonic()
        if now >= end:
            break
        try:  # polled: a blocking wait with a timeout is an absolute time in the C library,
            # which a shifted clock (libfaketime in the tests, a clock step on a runner) can
            # stretch to the check's own timeout; sleep takes a relative time
            index, outcome = results.get_nowait()
        except queue.Empty:
            time.sleep(min(POLL_SECONDS, max(end - now, 0)))
            index, outcome = _overdue(jobs, started, outcomes, lock)
            if index < 0:
                continue
        if index not in outcomes:
            outcomes[index] = outcome
            on_done(jobs[index], outcome)
    for index, job in enumerate(jobs):
        if index not in outcomes:
            outcome = _failed(
                job.check, f"not finished within the run's deadline of {deadline:g} s"
            )
            outcomes[index] = outcome
            on_done(job, outcome)
    return [outcomes[index] for index in range(len(jobs))]


def _overdue(
    jobs: Sequence[Job], started: dict[int, float], done: dict[int, Outcome], lock: threading.Lock
) -> tuple[int, Outcome]:
    """The first running job past its timeout (and the grace), as a failure; else (-1, ...)."""
    now = time.monotonic()
    with lock:
        running = [(i, t) for i, t in started.items() if i not in done]
    for index, at in running:
        check = jobs[index].check
        if now - at > check.timeout + GRACE:
            return index, _failed(check, f"no answer within {check.timeout:g} s (timeout)")
    return -1, _failed(jobs[0].check, "")


def _failed(check: Check, detail: str) -> Outcome:
    return Outcome(check, False, ComponentStatus.MAJOR_OUTAGE, detail, check.timeout)
