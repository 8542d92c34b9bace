"""Fault injection: make the sandbox misbehave on purpose, the ways a real network and API do.

Kinds (see `FaultKind`):

* ``rate_limit`` — answer 429 with `Retry-After` (seconds) without processing the request;
* ``server_error`` — answer 500, 502 or 503 without processing the request;
* ``reset`` — close the connection without answering, before processing (nothing happened);
* ``drop_after_create`` — process the request completely (the ticket or job *is* created), then
  close the connection without answering: the client cannot know that it worked;
* ``lost_after_accept`` — like ``drop_after_create``, but only when Zendesk *accepted* the
  request (a 2xx: the job is queued and will run, the ticket exists); a refused request is
  answered normally. With a `job_start_delay_s` of tens of seconds this is what a busy account
  does to a create_many whose answer is lost: its tickets appear only when the job runs;
* an outage window (`FaultInjector.outage`) — every request fails for N seconds, by reset or 503.

A fault targets a method and a path prefix (both optional) and fires for the next `count`
matching requests, or with a `probability` drawn from a seeded RNG (reproducible), or both.
Control endpoints (`/__sandbox/…`) are never faulted.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class FaultKind(StrEnum):
    RATE_LIMIT = "rate_limit"
    SERVER_ERROR = "server_error"
    RESET = "reset"
    DROP_AFTER_CREATE = "drop_after_create"
    LOST_AFTER_ACCEPT = "lost_after_accept"


class OutageMode(StrEnum):
    RESET = "reset"
    UNAVAILABLE = "503"


@dataclass(slots=True)
class Fault:
    """One armed fault. `remaining` None = until cleared (probability faults)."""

    kind: FaultKind
    method: str | None = None
    path: str | None = None
    remaining: int | None = 1
    probability: float | None = None
    status: int = 503
    retry_after: int | None = 1
    fired: int = 0

    def applies_to(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        return self.path is None or path.startswith(self.path)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "method": self.method,
            "path": self.path,
            "remaining": self.remaining,
            "probability": self.probability,
            "status": self.status,
            "retry_after": self.retry_after,
            "fired": self.fired,
        }


@dataclass(frozen=True, slots=True)
class Outage:
    """An outage in progress: what every request gets until it ends."""

    mode: OutageMode
    until: float


class FaultInjector:
    """Thread-safe set of armed faults; the server asks it about every API request."""

    def __init__(self, seed: int = 0, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._rng = random.Random(seed)
        self._clock = clock
        self._outage: Outage | None = None
        self._fired: dict[str, int] = {}

    def inject(
        self,
        kind: FaultKind | str,
        *,
        method: str | None = None,
        path: str | None = None,
        count: int | None = None,
        probability: float | None = None,
        status: int | None = None,
        retry_after: int | None = 1,
        seed: int | None = None,
    ) -> Fault:
        """Arm a fault and return it (its `fired` counter shows how often it struck).

        `count` defaults to 1 without a probability and to unlimited with one. `status` is
        the code of a `server_error` (500, 502 or 503; default 503). `retry_after` is sent with
        429s and, when not None, with 503s. `seed` reseeds the probability RNG.

            sandbox.faults.inject("reset", method="POST", path="/api/v2/tickets", count=2)
            sandbox.faults.inject("server_error", status=502, probability=0.1, seed=3)
            sandbox.faults.inject("rate_limit", path="/api/v2/search", retry_after=2)
        """
        fault_kind = FaultKind(kind)
        if count is None and probability is None:
            count = 1
        if count is not None and count < 1:
            raise ValueError("count must be >= 1")
        if probability is not None and not 0.0 <= probability <= 1.0:
            raise ValueError("probability must be within 0..1")
        if fault_kind is FaultKind.SERVER_ERROR:
            code = 503 if status is None else status
            if code not in (500, 502, 503, 504):
                raise ValueError("server_error status must be 500, 502, 503 or 504")
        else:
            code = 429 if fault_kind is FaultKind.RATE_LIMIT else 0
        fault = Fault(
            fault_kind,
            method.upper() if method else None,
            path,
            count,
            probability,
            code,
            retry_after,
        )
        with self._lock:
            if seed is not None:
                self._rng.seed(seed)
            self._faults.append(fault)
        return fault

    def outage(self, seconds: float, *, mode: OutageMode | str = OutageMode.RESET) -> None:
        """Fail every API request for `seconds` (connection reset, or 503 with mode "503")."""
        with self._lock:
            self._outage = Outage(OutageMode(mode), self._clock() + seconds)

    def clear(self) -> None:
        """Disarm every fault and end any outage."""
        with self._lock:
            self._faults.clear()
            self._outage = None

    def armed(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def fired(self) -> dict[str, int]:
        """How often each kind struck (outages count as "outage")."""
        with self._lock:
            return dict(self._fired)

    def take(self, method: str, path: str) -> Fault | Outage | None:
        """The fault (or outage) that strikes this request, if any; counts it as fired."""
        with self._lock:
            if self._outage is not None:
                if self._clock() < self._outage.until:
                    self._fired["outage"] = self._fired.get("outage", 0) + 1
                    return self._outage
                self._outage = None
            for fault in self._faults:
                if not fault.applies_to(method, path):
                    continue
                if fault.probability is not None and self._rng.random() >= fault.probability:
                    continue
                fault.fired += 1
                self._fired[fault.kind] = self._fired.get(fault.kind, 0) + 1
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                return fault
            return None

    def apply_json(self, spec: Mapping[str, Any]) -> dict[str, Any]:
        """The control endpoint's form: {"clear": true}, {"outage_seconds": 5, "mode": "503"}
        or {"kind": "reset", "method": "POST", "path": "/api/v2/tickets", "count": 2, ...}."""
        if spec.get("clear"):
            self.clear()
            return {"cleared": True}
        if "outage_seconds" in spec:
            self.outage(float(spec["outage_seconds"]), mode=str(spec.get("mode", "reset")))
            return {"outage_seconds": float(spec["outage_seconds"])}
        allowed = {
            "kind",
            "method",
            "path",
            "count",
            "probability",
            "status",
            "retry_after",
            "seed",
        }
        unknown = sorted(set(spec) - allowed)
        if unknown:
            raise ValueError(f"unknown fault key(s): {', '.join(unknown)}")
        if "kind" not in spec:
            raise ValueError("a fault needs a kind")
        fault = self.inject(
            str(spec["kind"]),
            method=spec.get("method"),
            path=spec.get("path"),
            count=None if spec.get("count") is None else int(spec["count"]),
            probability=None if spec.get("probability") is None else float(spec["probability"]),
            status=None if spec.get("status") is None else int(spec["status"]),
            retry_after=None
            if spec.get("retry_after", 1) is None
            else int(spec.get("retry_after", 1)),
            seed=None if spec.get("seed") is None else int(spec["seed"]),
        )
        return fault.to_json()
