"""Local servers for the notify tests, on 127.0.0.1: an HTTP server that records every request
and answers as told (200, 429 with Retry-After, 500, slow), and an SMTP server that speaks
STARTTLS (with a throwaway certificate made by openssl) and AUTH PLAIN, and keeps each message."""

from __future__ import annotations

import base64
import socket
import socketserver
import ssl
import subprocess
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass
class Recorded:
    """One request the HTTP server received."""

    path: str
    headers: dict[str, str]
    body: bytes
    method: str = "POST"


class RecordingServer:
    """Records POSTs (and GETs); `plan(path, *answers)` queues answers for a path: "200",
    "500", "429:<Retry-After>", "slow:<seconds>", "redirect:<status>:<path>". Without a plan
    every request gets 200."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.answers: dict[str, deque[str]] = {}
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                with outer.lock:
                    queue = outer.answers.get(self.path)
                    answer = queue.popleft() if queue else "200"
                    outer.requests.append(
                        Recorded(self.path, dict(self.headers.items()), body, self.command)
                    )
                if answer.startswith("slow:"):
                    time.sleep(float(answer[5:]))
                    answer = "200"
                if answer.startswith("redirect:"):
                    _, status, location = answer.split(":", 2)
                    self.send_response(int(status))
                    self.send_header("Location", location)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status, _, retry_after = answer.partition(":")
                self.send_response(int(status))
                if retry_after:
                    self.send_header("Retry-After", retry_after)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            do_GET = do_POST  # noqa: N815 (a redirect followed as a GET is recorded too)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    def __enter__(self) -> RecordingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        """An absolute URL on this server."""
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def plan(self, path: str, *answers: str) -> None:
        """Queue answers for the next requests to `path`."""
        self.answers.setdefault(path, deque()).extend(answers)

    def to(self, path: str) -> list[Recorded]:
        """The requests to one path, in order."""
        return [r for r in self.requests if r.path == path]


def refused_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/refused"


@cache
def _certificate(days: int) -> tuple[bytes, bytes]:
    """A self-signed certificate for 127.0.0.1, valid for `days`, and its key, made once per
    test process (openssl's command line): an ECDSA P-256 key, which openssl makes at once where
    an RSA key took about 0.15 CPU s per test, and whose handshakes cost less."""
    with tempfile.TemporaryDirectory() as folder:
        cert, key = Path(folder) / "cert.pem", Path(folder) / "key.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                str(days),
                "-keyout",
                str(key),
                "-out",
                str(cert),
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ],
            check=True,
            capture_output=True,
        )
        return cert.read_bytes(), key.read_bytes()


def make_certificate(folder: Path, days: int = 1) -> tuple[Path, Path]:
    """The test process's self-signed certificate for 127.0.0.1 valid for `days` and its key
    (`_certificate`), written into `folder`."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    cert_pem, key_pem = _certificate(days)
    cert.write_bytes(cert_pem)
    key.write_bytes(key_pem)
    return cert, key


@dataclass
class Mail:
    """One message the SMTP server accepted."""

    sender: str
    recipients: list[str]
    data: bytes
    tls: bool
    user: str | None

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class SmtpState:
    mails: list[Mail] = field(default_factory=list)
    #: Reply codes to give to the next DATA commands ("451" makes a temporary failure).
    data_answers: deque[str] = field(default_factory=deque)


class SmtpTestServer:
    """A small SMTP server: EHLO, STARTTLS, AUTH PLAIN (only over TLS), MAIL, RCPT, DATA, QUIT."""

    def __init__(self, cert: Path, key: Path, password: str = "secret") -> None:
        self.state = SmtpState()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        state, expected = self.state, password

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                tls, user, sender, recipients = False, None, "", []
                self.reply("220 127.0.0.1 test SMTP")
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    command = line.decode("ascii", "replace").strip()
                    verb = command.split(" ", 1)[0].upper()
                    if verb in ("EHLO", "HELO"):
                        extensions = ["AUTH PLAIN"] if tls else ["STARTTLS"]
                        self.reply(
                            "250-127.0.0.1", *[f"250-{e}" for e in extensions], "250 8BITMIME"
                        )
                    elif verb == "STARTTLS" and not tls:
                        self.reply("220 go ahead")
                        self.connection = context.wrap_socket(self.connection, server_side=True)
                        self.rfile = self.connection.makefile("rb")
                        self.wfile = self.connection.makefile("wb", buffering=0)
                        tls = True
                    elif verb == "AUTH" and tls:
                        token = command.split(" ")[2]
                        _, name, secret = base64.b64decode(token).decode().split("\0")
                        if secret != expected:
                            self.reply("535 bad credentials")
                            continue
                        user = name
                        self.reply("235 ok")
                    elif verb == "MAIL":
                        sender, recipients = command.split(":", 1)[1].strip(" <>").split(">")[0], []
                        self.reply("250 ok")
                    elif verb == "RCPT":
                        recipients.append(command.split(":", 1)[1].strip(" <>"))
                        self.reply("250 ok")
                    elif verb == "DATA":
                        self.reply("354 go on")
                        data = b""
                        while True:
                            chunk = self.rfile.readline()
                            if chunk in (b".\r\n", b""):
                                break
                            data += chunk[1:] if chunk.startswith(b"..") else chunk
                        answer = state.data_answers.popleft() if state.data_answers else "250"
                        if answer == "250":
                            state.mails.append(Mail(sender, recipients, data, tls, user))
                        self.reply(f"{answer} {'ok' if answer == '250' else 'try later'}")
                    elif verb == "RSET" or verb == "NOOP":
                        self.reply("250 ok")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("502 not here")

            def reply(self, *lines: str) -> None:
                self.wfile.write("".join(f"{line}\r\n" for line in lines).encode())

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def __enter__(self) -> SmtpTestServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
