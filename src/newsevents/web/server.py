"""`newsevents serve --db FILE [--host 127.0.0.1] [--port 8000]`: the page and the JSON API on uvicorn.

Bound to 127.0.0.1 by default, where only this machine reaches it, and then answering only requests
addressed to a loopback name (a guard against DNS rebinding). Bound to any other address it warns: the
API has no authentication. This module imports no web library until the command runs (the CLI stays fast).
"""

from __future__ import annotations

import argparse
import ipaddress
import socket
import sys
from pathlib import Path

from ..errors import NewsEventsError, UsageError

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"]


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="the web page and JSON API over a store",
                       description="Serve the page (filters, timeline, dyads, articles with their events "
                                   "highlighted, a box to code a text) and the JSON API (/openapi.json) "
                                   "over the store --db, read-only.")
    p.add_argument("--db", required=True, metavar="FILE", help="the store written by `newsevents ingest`")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or an error that says what to do."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: give a port between 1 and 65535 (0 picks a free one)")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise UsageError(f"--host {host!r}: not an address of this machine; use 127.0.0.1 (or 0.0.0.0 for all)") from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise NewsEventsError(f"cannot listen on {host}:{port} ({exc.strerror}); pick another --port") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app until interrupted."""
    import uvicorn

    from .app import create_app
    from ..store import Store

    with Store(db).reading():  # fail now, in one line, if the file is missing or not a store
        pass
    local = is_loopback(host)
    if not local:
        print(f"newsevents: warning: serving on {host}, reachable from other machines; the API has no "
              "authentication (use --host 127.0.0.1 to keep it to this machine)", file=sys.stderr)
    sock = bind(host, port)
    actual = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    print(f"newsevents: serving {db} at http://{shown}:{actual}/ (API: /openapi.json; Ctrl-C to stop)",
          file=sys.stderr, flush=True)
    app = create_app(db, allowed_hosts=LOOPBACK_NAMES + [host] if local else None)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=3)
    uvicorn.Server(config).run(sockets=[sock])


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        serve(args.db, args.host, args.port)
    except KeyboardInterrupt:  # uvicorn shuts down cleanly on Ctrl-C, then passes the signal on
        pass
    print("newsevents: server stopped", file=sys.stderr)
    return 0
