"""`python -m benchmarks.probe_bench`: how long `statusgen probe` takes for 50 components, one
of whose targets accepts connections and never answers.

    python -m benchmarks.probe_bench [--components 50] [--timeout 10] [--runs 3]
                                     [--out benchmarks/RESULTS.md]

A local HTTP server answers 49 components' checks; the 50th points at a socket that accepts
and never answers, so its check fails at its timeout (the defaults' `timeout`, 10 s unless
given). Each run is a fresh `statusgen probe --all --allow-private` process on a small site.
The target (issue 23) is under 15 s. The results go into RESULTS.md between the probe markers.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.__main__ import DEFAULT_OUT, machine_info
from benchmarks.sections import replace_section, written_by

TARGET_S = 15.0
BEGIN, END = "<!-- probe-benchmark -->", "<!-- /probe-benchmark -->"


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    daemon_threads = True


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: object) -> None:
        pass


def site_text(components: int, timeout: float, up: int, stuck: int) -> str:
    lines = [f"monitors:\n  timeout: {timeout:g}\ngroups:\n  - name: Core\n    components:"]
    for n in range(components):
        port = stuck if n == components // 2 else up
        lines.append(
            f"      - id: c{n}\n        name: Component {n}\n        monitors:\n"
            f"          - {{type: http, url: 'http://127.0.0.1:{port}/health'}}"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe_bench")
    parser.add_argument("--components", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    info = machine_info()
    server = _Server(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hanging = socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(16)
    times: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        up, stuck = int(server.server_address[1]), int(hanging.getsockname()[1])
        (site / "components.yml").write_text(site_text(args.components, args.timeout, up, stuck))
        (site / "incidents").mkdir()
        for run in range(args.runs):
            command = [sys.executable, "-m", "statusgen", "-C", folder, "probe", "--all"]
            start = time.monotonic()
            result = subprocess.run(
                [*command, "--allow-private", "--state", f"{folder}/state{run}.json"],
                capture_output=True,
                text=True,
            )
            times.append(time.monotonic() - start)
            failed = result.stdout.count("FAIL")
            print(f"run {run + 1}: {times[-1]:.2f} s, exit {result.returncode}, {failed} failed")
            if result.returncode != 1 or failed != 1:
                print(result.stdout, result.stderr, file=sys.stderr)
                return 2
    server.shutdown()
    hanging.close()
    median = statistics.median(times)
    verdict = "met" if median < TARGET_S else "missed"
    command_line = (
        f"python -m benchmarks.probe_bench --components {args.components} "
        f"--timeout {args.timeout:g} --runs {args.runs}"
    )
    row = [str(args.components), f"{args.timeout:g}", str(args.runs), f"{median:.2f}"]
    row += [f"< {TARGET_S:g} s", f"**{verdict}**"]
    section = "\n".join(
        [
            BEGIN,
            "## Probe (issue 23)",
            "",
            written_by(command_line, info),
            "",
            "`statusgen probe` of a site whose components each have one HTTP check against a "
            "local server, one of them a socket that never answers (a failure at its timeout). "
            "Wall seconds of the whole process, median of the runs.",
            "",
            "| components | check timeout s | runs | probe | target | verdict |",
            "|---:|---:|---:|---:|---:|---|",
            "| " + " | ".join(row) + " |",
            END,
        ]
    )
    print(section)
    out: Path = args.out
    replace_section(out, BEGIN, END, section)
    print(f"written to {out}")
    return 0 if verdict == "met" else 1


if __name__ == "__main__":
    raise SystemExit(main())
