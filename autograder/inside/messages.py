"""Messages between the grader and a sandboxed kernel: length-prefixed JSON on a socket.

JSON, never pickle: the grader must not run anything a kernel sends. Kept
apart from autograder/inside/kernel.py so that the grading process need not import
IPython to talk to a kernel.
"""

import json
import struct

from autograder.inside.limits import MAX_MESSAGE



def frame(message):
    """A message as the bytes that cross the socket: its length, then its JSON."""
    data = json.dumps(message).encode()
    return struct.pack(">Q", len(data)) + data


def send(sock, message):
    sock.sendall(frame(message))


def receive(sock, limit=MAX_MESSAGE):
    """One message, or None when the other side has gone. Refuses messages over ``limit`` bytes."""
    header = _read_exactly(sock, 8)
    if header is None:
        return None
    (size,) = struct.unpack(">Q", header)
    if size > limit:
        raise ValueError(f"a message of {size:,} bytes (the limit is {limit:,})")
    data = _read_exactly(sock, size)
    return None if data is None else json.loads(data)


def _read_exactly(sock, size):
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 2**20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
