#!/usr/bin/env python3
"""The service manager's end of sd_notify(3) for tests/e2e/test_systemd_notify.sh.

Usage: notify_listener.py SOCKET LOG PORT
Binds a unix datagram socket at SOCKET and appends every state it receives (one per line) to LOG. When a
datagram says READY=1 it also records whether 127.0.0.1:PORT accepts a TCP connection at that moment
("ready-port-open" or "ready-port-closed"). Runs until killed.
"""
import socket
import sys


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


def main() -> None:
    path, log, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    with open(log, "a", buffering=1) as out:
        out.write("listening\n")
        while True:
            data = sock.recv(4096).decode(errors="replace")
            for line in data.splitlines():
                out.write(line + "\n")
                if line == "READY=1":
                    out.write("ready-port-open\n" if port_open(port) else "ready-port-closed\n")


if __name__ == "__main__":
    main()
