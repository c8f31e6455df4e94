#!/usr/bin/env python3
"""Holds many connections open against a server, the way idle browsers and a slowloris do.

Usage: hold-connections.py HOST PORT IDLE SLOW

IDLE connections send nothing; SLOW ones send a request line and then one header byte per
second, never finishing. Whenever the server closes one (keep-alive timeout, header timeout),
it is opened again at once, so IDLE + SLOW connections stay open for as long as this runs.
Prints "ready N" once all are open, then every 5 s "open N reopened M", until SIGTERM.
"""
import selectors
import signal
import socket
import sys
import time

host, port, idle, slow = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
selector = selectors.DefaultSelector()
slow_socks = set()
reopened = 0
running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)


def open_one(kind):
    s = socket.create_connection((host, port))
    s.setblocking(False)
    if kind == "slow":
        s.send(b"GET /api/v1/auth/session HTTP/1.1\r\nHost: bench\r\nX-Slow: ")
        slow_socks.add(s)
    selector.register(s, selectors.EVENT_READ, kind)


for _ in range(idle):
    open_one("idle")
for _ in range(slow):
    open_one("slow")
print(f"ready {idle + slow}", flush=True)

last_trickle = last_report = time.monotonic()
while running:
    for key, _ in selector.select(timeout=0.2):
        s = key.fileobj
        try:
            data = s.recv(4096)
        except OSError:
            data = b""
        if not data:  # closed by the server: open another one like it
            selector.unregister(s)
            slow_socks.discard(s)
            s.close()
            reopened += 1
            open_one(key.data)
    now = time.monotonic()
    if now - last_trickle >= 1:
        last_trickle = now
        for s in list(slow_socks):
            try:
                s.send(b"a")
            except OSError:
                pass
    if now - last_report >= 5:
        last_report = now
        print(f"open {len(selector.get_map())} reopened {reopened}", flush=True)
print(f"open {len(selector.get_map())} reopened {reopened}", flush=True)
