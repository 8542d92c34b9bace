"""The demo workspace keeps its address across restarts (its scheduled campaigns continue)."""

from __future__ import annotations

from pathlib import Path

from proactive_desktop.demo import start_demo_server
from proactive_desktop.sandbox import SandboxConfig


def test_the_demo_comes_back_on_the_port_it_had(tmp_path: Path) -> None:
    port_file = tmp_path / "demo-port"
    config = SandboxConfig(customers=10, seed=3)
    first = start_demo_server(config, port_file)
    try:
        port = first.port
        assert port_file.read_text(encoding="ascii") == str(port)
        # While it runs, a second one cannot have that port: it takes another and remembers it.
        second = start_demo_server(config, port_file)
        try:
            assert second.port != port
            assert port_file.read_text(encoding="ascii") == str(second.port)
        finally:
            second.stop()
    finally:
        first.stop()
    again = start_demo_server(config, port_file)
    try:
        assert again.port == second.port
    finally:
        again.stop()


def test_an_unreadable_port_file_means_any_free_port(tmp_path: Path) -> None:
    port_file = tmp_path / "demo-port"
    port_file.write_text("not a port", encoding="ascii")
    server = start_demo_server(SandboxConfig(customers=10, seed=3), port_file)
    try:
        assert server.port > 0
        assert port_file.read_text(encoding="ascii") == str(server.port)
    finally:
        server.stop()
