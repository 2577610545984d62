#!/usr/bin/env python3
"""Slow clients for the server benchmark: N connections to 127.0.0.1:PORT that
each send a request head announcing a body, then trickle that body one byte
every 250 ms until killed (or --seconds pass).

  slow_clients.py --port P [--clients 64] [--seconds 120]
"""
import argparse
import socket
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=120)
    args = ap.parse_args()
    head = (b"POST /api/v1/accounts/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100000\r\n\r\n{")
    conns = []
    for _ in range(args.clients):
        s = socket.create_connection(("127.0.0.1", args.port))
        s.sendall(head)
        conns.append(s)
    print("%d slow clients connected" % len(conns), flush=True)
    end = time.time() + args.seconds
    while time.time() < end:
        for i, s in enumerate(conns):
            try:
                s.send(b" ")
            except OSError:  # the server gave up on this one: a new one takes its place
                conns[i] = socket.create_connection(("127.0.0.1", args.port))
                conns[i].sendall(head)
        time.sleep(0.25)


if __name__ == "__main__":
    main()
