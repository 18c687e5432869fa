"""Black-box clients of `vigild`: JSON-RPC 2.0 over stdio (LSP base protocol) and over
WebSocket (RFC 6455, written by hand over a socket so the tests control every byte).

Both clients share one model: a reader thread receives every message, records it in arrival
order (`read_message`), files responses by id (`call`, `wait_response`), batch replies
(`wait_batch`), error responses with id null (`wait_null_error`) and notifications such as
`$/progress` (`progress`, `wait_progress`).

With openrpc_check importable (it needs jsonschema), every call and every $/progress is also
checked against the OpenRPC document (docs/protocol.openrpc.json); otherwise only the standard
library is used.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterable

DEFAULT_TIMEOUT = 60.0

# Every call is checked against the OpenRPC document (docs/protocol.openrpc.json) when
# openrpc_check (and so jsonschema) is importable: params before sending, then the result or
# the error, and every $/progress value. VIGIL_OPENRPC_CHECK=0 turns it off.
try:
    import openrpc_check
except ImportError:  # jsonschema missing: the tests still run, unchecked
    openrpc_check = None
CHECK_CONTRACT = openrpc_check is not None and os.environ.get("VIGIL_OPENRPC_CHECK", "1") != "0"


# --- environment ---------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]


def _binary(variable: str, name: str) -> str:
    """$VARIABLE (CTest sets it), else the release build's binary."""
    path = os.environ.get(variable) or str(REPO / "build" / "release" / "backend" / name)
    if not Path(path).is_file():
        raise RuntimeError(f"{name} not found at {path}: build the {name} target or set {variable}")
    return path


def vigild_path() -> str:
    return _binary("VIGILD", "vigild")


def vigil_path() -> str:
    return _binary("VIGIL", "vigil")


def shared_datasets() -> Path | None:
    """$VIGIL_SHARED_DATASETS when it names an existing folder, else None."""
    value = os.environ.get("VIGIL_SHARED_DATASETS")
    if value and Path(value).is_dir():
        return Path(value)
    return None


def _progress_contract_problems(params: dict) -> list[str]:
    """openrpc_check's verdict on a $/progress; when it fails, the problems against the schema
    of the value's own kind (ProgressBegin/Report/End), which say more than "not valid under
    any of the given schemas"."""
    problems = openrpc_check.progress_problems(params)
    if not problems:
        return []
    kind = str(params["value"].get("kind", ""))
    try:
        import jsonschema
        schema = openrpc_check.schema_of({"$ref": "#/components/schemas/Progress" + kind.capitalize()})
        detail = [f"{kind} value{''.join(f'[{p!r}]' for p in e.absolute_path)}: {e.message}"
                  for e in jsonschema.Draft7Validator(schema).iter_errors(params["value"])]
    except Exception:  # no such schema: keep the generic verdict
        detail = []
    return detail or problems


# --- errors ----------------------------------------------------------------------------------

class RpcFailure(Exception):
    """A JSON-RPC error response."""

    def __init__(self, error: dict, response: dict | None = None):
        self.error = error
        self.code = error.get("code")
        self.message = error.get("message")
        self.data = error.get("data")
        self.response = response
        super().__init__(f"{self.code}: {self.message} (data {json.dumps(self.data)})")


class ClientClosed(Exception):
    """The daemon closed the connection before the awaited message came."""


# --- the transport-independent part ----------------------------------------------------------

class RpcClient:
    """What the tests use of a client, whatever carries the bytes.

    Subclasses implement `_send_text(text)` and feed every received message text to
    `_received(text)` from their reader thread, then call `_closed_by_peer()` at the end.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._log: list[Any] = []          # every message, in arrival order
        self._cursor = 0                   # read_message's position in _log
        self._responses: dict[str, dict] = {}   # key: json.dumps(id)
        self._batches: list[list] = []
        self._null_errors: list[dict] = []  # error responses with id null
        self._notifications: list[dict] = []
        # $/progress values by json.dumps(token), all kinds and by kind
        self._progress: dict[str, list[dict]] = {}
        self._progress_by_kind: dict[tuple[str, str], list[dict]] = {}
        self._progress_problems: dict[str, list[str]] = {}
        self._undecodable: list[str] = []
        self._answered: set[str] = set()         # ids that got a response
        self.duplicate_responses: list[dict] = []  # a second response to one id
        self._next_id = 0
        self._peer_closed = False

    # Subclasses -------------------------------------------------------------------------
    def _send_text(self, text: str) -> None:
        raise NotImplementedError

    def _received(self, text: str) -> None:
        try:
            message = json.loads(text)
        except ValueError:
            with self._cond:
                self._undecodable.append(text)
                self._log.append(text)
                self._cond.notify_all()
            return
        with self._cond:
            self._log.append(message)
            if isinstance(message, list):
                self._batches.append(message)
            elif isinstance(message, dict) and "method" in message:
                self._notifications.append(message)
                params = message.get("params")
                if message["method"] == "$/progress" and isinstance(params, dict) \
                        and isinstance(params.get("value"), dict):
                    key = json.dumps(params.get("token"))
                    if CHECK_CONTRACT:
                        problems = _progress_contract_problems(params)
                        if problems:
                            self._progress_problems.setdefault(key, []).extend(problems)
                    self._progress.setdefault(key, []).append(params["value"])
                    kind = str(params["value"].get("kind"))
                    self._progress_by_kind.setdefault((key, kind), []).append(params["value"])
            elif isinstance(message, dict) and message.get("id") is not None:
                key = json.dumps(message["id"])
                if key in self._answered:
                    self.duplicate_responses.append(message)
                self._answered.add(key)
                self._responses[key] = message
            elif isinstance(message, dict):
                self._null_errors.append(message)
            self._cond.notify_all()

    def _closed_by_peer(self) -> None:
        with self._cond:
            self._peer_closed = True
            self._cond.notify_all()

    def _closed_detail(self) -> str:
        return ""

    def _received_bytes(self, data: bytes) -> None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            with self._cond:
                self._undecodable.append(f"not UTF-8 ({e}): {data[:200]!r}")
                self._log.append(data)
                self._cond.notify_all()
            return
        self._received(text)

    def protocol_violations(self) -> list[str]:
        """What the daemon sent that it never should: undecodable messages, second answers."""
        with self._cond:
            return [f"undecodable: {u[:200]!r}" for u in self._undecodable] + \
                [f"second response: {json.dumps(m)[:200]}" for m in self.duplicate_responses]

    @property
    def peer_closed(self) -> bool:
        with self._cond:
            return self._peer_closed

    # Waiting --------------------------------------------------------------------------------
    def _wait(self, predicate: Callable[[], Any], timeout: float, what: str) -> Any:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate()
                if value is not None:
                    return value
                if self._peer_closed:
                    raise ClientClosed(f"connection closed while waiting for {what}{self._closed_detail()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no {what} within {timeout} s")
                self._cond.wait(left)

    def wait_until(self, predicate: Callable[[], Any], timeout: float = DEFAULT_TIMEOUT,
                   what: str = "condition") -> Any:
        """Waits until `predicate()` (called whenever a message arrives) is truthy; returns it."""
        return self._wait(lambda: predicate() or None, timeout, what)

    # Sending --------------------------------------------------------------------------------
    def new_id(self) -> int:
        with self._cond:
            self._next_id += 1
            return self._next_id

    def send_json(self, value: Any) -> None:
        """Sends any JSON value as one message (a batch, an invalid request...)."""
        self._send_text(json.dumps(value))

    def send_text(self, text: str) -> None:
        self._send_text(text)

    def request(self, method: str, params: Any = None, id: Any = None) -> Any:
        """Sends a request without waiting; returns its id."""
        if id is None:
            id = self.new_id()
        message = {"jsonrpc": "2.0", "id": id, "method": method}
        if params is not None:
            message["params"] = params
        self.send_json(message)
        return id

    def notify(self, method: str, params: Any = None) -> None:
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send_json(message)

    def cancel(self, id: Any) -> None:
        self.notify("$/cancelRequest", {"id": id})

    # Receiving ------------------------------------------------------------------------------
    def wait_response(self, id: Any, timeout: float = DEFAULT_TIMEOUT) -> dict:
        key = json.dumps(id)
        return self._wait(lambda: self._responses.pop(key, None), timeout, f"response to id {key}")

    def has_response(self, id: Any) -> bool:
        """True when the response to `id` arrived (and was not taken yet)."""
        with self._cond:
            return json.dumps(id) in self._responses

    def call(self, method: str, params: Any = None, timeout: float = DEFAULT_TIMEOUT,
             check_params: bool = True) -> Any:
        """Sends a request and returns its result, or raises RpcFailure. With the contract
        check on, valid params (unless `check_params` is false), the result and the error must
        match the OpenRPC document (openrpc_check.OpenRpcMismatch otherwise)."""
        documented = CHECK_CONTRACT and method in openrpc_check.method_names()
        if documented and check_params:
            openrpc_check.validate_params(method, params)
        response = self.wait_response(self.request(method, params), timeout)
        if "error" in response:
            if CHECK_CONTRACT:
                openrpc_check.validate_error(response["error"])
            raise RpcFailure(response["error"], response)
        if documented:
            openrpc_check.validate_result(method, response.get("result"))
        return response.get("result")

    def call_error(self, method: str, params: Any = None, timeout: float = DEFAULT_TIMEOUT) -> RpcFailure:
        """Sends a request that must fail (its params may be invalid on purpose); returns the
        failure (AssertionError on a result)."""
        try:
            result = self.call(method, params, timeout, check_params=False)
        except RpcFailure as failure:
            return failure
        raise AssertionError(f"{method} {json.dumps(params)[:300]} succeeded: {json.dumps(result)[:300]}")

    def wait_batch(self, timeout: float = DEFAULT_TIMEOUT) -> list:
        return self._wait(lambda: self._batches.pop(0) if self._batches else None, timeout, "batch reply")

    def wait_null_error(self, timeout: float = DEFAULT_TIMEOUT) -> dict:
        response = self._wait(lambda: self._null_errors.pop(0) if self._null_errors else None, timeout,
                              "error response with id null")
        if CHECK_CONTRACT and isinstance(response.get("error"), dict):
            openrpc_check.validate_error(response["error"])
        return response

    def read_message(self, timeout: float = DEFAULT_TIMEOUT) -> Any:
        """The next message in arrival order, whatever it is (independent of the other views)."""
        def next_one():
            if self._cursor < len(self._log):
                self._cursor += 1
                return (self._log[self._cursor - 1],)
            return None
        return self._wait(next_one, timeout, "message")[0]

    def message_count(self) -> int:
        with self._cond:
            return len(self._log)

    def messages_since(self, index: int) -> list:
        with self._cond:
            return list(self._log[index:])

    def expect_silence(self, seconds: float = 1.0) -> list:
        """Waits `seconds`; returns the messages (other than notifications) that arrived."""
        start = self.message_count()
        time.sleep(seconds)
        return [m for m in self.messages_since(start) if not (isinstance(m, dict) and "method" in m)]

    def notifications(self, method: str | None = None) -> list[dict]:
        with self._cond:
            return [n for n in self._notifications if method is None or n.get("method") == method]

    def _check_progress_contract(self, token: Any) -> None:
        problems = self._progress_problems.get(json.dumps(token))
        if problems:
            raise openrpc_check.OpenRpcMismatch(
                f"$/progress for token {token!r} does not match the OpenRPC document:\n  " +
                "\n  ".join(sorted(set(problems))[:20]))

    def progress(self, token: Any, kind: str | None = None) -> list[dict]:
        """The `value`s of every $/progress received for `token` (of `kind`), in order."""
        with self._cond:
            self._check_progress_contract(token)
            if kind is None:
                return list(self._progress.get(json.dumps(token), []))
            return list(self._progress_by_kind.get((json.dumps(token), kind), []))

    def last_progress(self, token: Any, kind: str) -> dict | None:
        with self._cond:
            values = self._progress_by_kind.get((json.dumps(token), kind))
            return values[-1] if values else None

    def wait_progress(self, token: Any, kind: str, timeout: float = DEFAULT_TIMEOUT,
                      count: int = 1) -> dict:
        """Waits until `count` $/progress values of `kind` arrived for `token`; returns the last."""
        key = (json.dumps(token), kind)

        def found():
            values = self._progress_by_kind.get(key, [])
            return values[count - 1] if len(values) >= count else None
        value = self._wait(found, timeout, f"$/progress {kind} #{count} for token {token!r}")
        with self._cond:
            self._check_progress_contract(token)
        return value

    # Conveniences -----------------------------------------------------------------------------
    def initialize(self, name: str = "vigil-tests") -> dict:
        result = self.call("initialize", {"clientInfo": {"name": name, "version": "0"}})
        self.notify("initialized", {})
        return result

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- stdio ------------------------------------------------------------------------------------

def frame(body: bytes | str, extra_headers: Iterable[str] = ()) -> bytes:
    """One LSP base-protocol message."""
    if isinstance(body, str):
        body = body.encode()
    headers = [f"Content-Length: {len(body)}", *extra_headers]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


class StdioClient(RpcClient):
    """`vigild --stdio` as a child process."""

    def __init__(self, *args: str, env: dict | None = None, cwd: str | None = None):
        super().__init__()
        self.process = subprocess.Popen(
            [vigild_path(), "--stdio", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=env, cwd=cwd)
        self._write_lock = threading.Lock()
        self._stderr: list[bytes] = []
        self.framing_errors: list[str] = []   # anything on stdout that is not a framed message
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()
        self._stderr_reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._stderr_reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read_stdout(self) -> None:
        out = self.process.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        return
                    line = line.rstrip(b"\r\n")
                    if not line:
                        break
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                    elif not _:
                        self.framing_errors.append(f"not a header line: {line[:80]!r}")
                if length is None:
                    self.framing_errors.append("a message without Content-Length")
                    continue
                body = out.read(length)
                if len(body) < length:
                    self.framing_errors.append("stdout ended inside a message body")
                    return
                self._received_bytes(body)
        finally:
            self._closed_by_peer()

    def _read_stderr(self) -> None:
        for line in iter(self.process.stderr.readline, b""):
            self._stderr.append(line)

    def stderr_text(self) -> str:
        return b"".join(self._stderr).decode(errors="replace")

    def _closed_detail(self) -> str:
        try:
            code = self.process.wait(2)
        except subprocess.TimeoutExpired:
            code = None
        return f" (vigild exit code {code}; stderr: {self.stderr_text()[-2000:]!r})"

    def send_raw(self, data: bytes) -> None:
        """Writes bytes to the daemon's stdin as they are (framing tests)."""
        with self._write_lock:
            self.process.stdin.write(data)
            self.process.stdin.flush()

    def _send_text(self, text: str) -> None:
        self.send_raw(frame(text))

    def close_stdin(self) -> None:
        with self._write_lock:
            try:
                self.process.stdin.close()
            except (BrokenPipeError, OSError):
                pass

    def wait_exit(self, timeout: float = 30.0) -> int:
        return self.process.wait(timeout)

    def is_alive(self) -> bool:
        return self.process.poll() is None

    def kill9(self) -> None:
        """kill -9: no chance to checkpoint or clean up."""
        if self.is_alive():
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)

    def close(self) -> None:
        if self.is_alive():
            self.close_stdin()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._reader.join(5)
        self._stderr_reader.join(5)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                stream.close()
            except (OSError, ValueError):
                pass


# --- WebSocket --------------------------------------------------------------------------------

WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


class WsClient(RpcClient):
    """An RFC 6455 client over a plain socket: masked client frames, one text frame per
    message (no fragmentation on send; fragmented server messages are reassembled)."""

    def __init__(self, host: str, port: int, timeout: float = 30.0):
        super().__init__()
        self.host, self.port = host, port
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._write_lock = threading.Lock()
        self._reader: threading.Thread | None = None
        self._buffer = b""
        self.status: int | None = None
        self.response_headers: dict[str, str] = {}
        self.response_body = b""
        self.close_code: int | None = None    # the close code the server sent, if any
        self.close_reason = ""

    # Handshake ---------------------------------------------------------------------------------
    def upgrade(self, headers: dict[str, str] | None = None, path: str = "/") -> int:
        """Sends the upgrade request with `headers` added; returns the HTTP status. On 101 the
        reader thread starts; otherwise the response body is in `response_body`."""
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Upgrade: websocket",
                 "Connection: Upgrade", f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        while b"\r\n\r\n" not in self._buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ClientClosed(f"connection closed during the upgrade: {self._buffer[:200]!r}")
            self._buffer += chunk
        head, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        status_line, *header_lines = head.decode("iso-8859-1").split("\r\n")
        self.status = int(status_line.split()[1])
        for line in header_lines:
            name, _, value = line.partition(":")
            self.response_headers[name.strip().lower()] = value.strip()
        if self.status == 101:
            expected = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
            if self.response_headers.get("sec-websocket-accept") != expected:
                raise AssertionError(f"bad Sec-WebSocket-Accept: {self.response_headers}")
            self.sock.settimeout(None)
            self._reader = threading.Thread(target=self._read_frames, daemon=True)
            self._reader.start()
        else:
            self.response_body = self._read_http_body()
        return self.status

    def _read_http_body(self) -> bytes:
        length = self.response_headers.get("content-length")
        body = self._buffer
        try:
            while length is None or len(body) < int(length):
                chunk = self.sock.recv(65536)
                if not chunk:
                    break
                body += chunk
        except OSError:
            pass
        self._buffer = b""
        return body

    def served_nothing_more(self, wait: float = 1.0) -> bool:
        """After a refused upgrade: True when the server sends nothing else and closes."""
        self.sock.settimeout(wait)
        try:
            rest = self.sock.recv(65536)
        except socket.timeout:
            return False
        except OSError:
            return True
        return rest == b""

    # Frames ------------------------------------------------------------------------------------
    @staticmethod
    def frame_header(opcode: int, length: int, fin: bool = True, mask: bytes | None = None) -> bytes:
        first = (0x80 if fin else 0) | opcode
        if length < 126:
            header = struct.pack("!BB", first, 0x80 | length)
        elif length < 1 << 16:
            header = struct.pack("!BBH", first, 0x80 | 126, length)
        else:
            header = struct.pack("!BBQ", first, 0x80 | 127, length)
        return header + (mask if mask is not None else os.urandom(4))

    def send_frame(self, opcode: int, payload: bytes) -> None:
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload)) if len(payload) < 4096 \
            else _mask_fast(payload, mask)
        with self._write_lock:
            self.sock.sendall(self.frame_header(opcode, len(payload), mask=mask) + masked)

    def send_raw_frame_header(self, length: int, opcode: int = OP_TEXT) -> None:
        """Claims a frame of `length` bytes without sending its payload."""
        with self._write_lock:
            self.sock.sendall(self.frame_header(opcode, length))

    def send_raw(self, data: bytes) -> None:
        with self._write_lock:
            self.sock.sendall(data)

    def _send_text(self, text: str) -> None:
        self.send_frame(OP_TEXT, text.encode("utf-8"))

    def _recv_exact(self, n: int) -> bytes | None:
        while len(self._buffer) < n:
            try:
                chunk = self.sock.recv(max(65536, n - len(self._buffer)))
            except OSError:
                return None
            if not chunk:
                return None
            self._buffer += chunk
        data, self._buffer = self._buffer[:n], self._buffer[n:]
        return data

    def _read_frames(self) -> None:
        message = b""
        try:
            while True:
                head = self._recv_exact(2)
                if head is None:
                    return
                fin, opcode = head[0] & 0x80, head[0] & 0x0F
                masked, length = head[1] & 0x80, head[1] & 0x7F
                if length == 126:
                    length = struct.unpack("!H", self._recv_exact(2) or b"\0\0")[0]
                elif length == 127:
                    length = struct.unpack("!Q", self._recv_exact(8) or b"\0" * 8)[0]
                mask = self._recv_exact(4) if masked else None
                payload = self._recv_exact(length) if length else b""
                if payload is None:
                    return
                if mask:
                    payload = _mask_fast(payload, mask)
                if opcode == OP_CLOSE:
                    if len(payload) >= 2:
                        self.close_code = struct.unpack("!H", payload[:2])[0]
                        self.close_reason = payload[2:].decode(errors="replace")
                    try:
                        self.send_frame(OP_CLOSE, payload[:2])
                    except OSError:
                        pass
                    return
                if opcode == OP_PING:
                    try:
                        self.send_frame(OP_PONG, payload)
                    except OSError:
                        return
                    continue
                if opcode == OP_PONG:
                    continue
                message += payload
                if fin:
                    self._received_bytes(message)
                    message = b""
        finally:
            self._closed_by_peer()

    def _closed_detail(self) -> str:
        return f" (close code {self.close_code} {self.close_reason!r})"

    def wait_closed(self, timeout: float = 10.0) -> bool:
        """True when the server closed the connection within `timeout`."""
        with self._cond:
            return self._cond.wait_for(lambda: self._peer_closed, timeout)

    def close(self) -> None:
        if self._reader and self._reader.is_alive() and not self.peer_closed:
            try:
                self.send_frame(OP_CLOSE, struct.pack("!H", 1000))
            except OSError:
                pass
            with self._cond:
                self._cond.wait_for(lambda: self._peer_closed, 3)
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        if self._reader:
            self._reader.join(5)

    def drop(self) -> None:
        """Disconnects abruptly, without a close frame (a client that crashed)."""
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        if self._reader:
            self._reader.join(5)


def _mask_fast(payload: bytes, mask: bytes) -> bytes:
    n = len(payload)
    key = int.from_bytes((mask * (n // 4 + 1))[:n], "big")
    return (int.from_bytes(payload, "big") ^ key).to_bytes(n, "big")


# --- a WebSocket daemon -----------------------------------------------------------------------

LISTENING = re.compile(r"vigild \S+ listening on ws://(?P<host>\[[^\]]+\]|[^:/]+):(?P<port>\d+)/")


class Daemon:
    """`vigild --listen HOST:0 --token-file F` with a fresh token in a 0600 file; the port is
    read from the daemon's stderr line `vigild ... listening on ws://HOST:PORT/ ...`.

    `token_file=False` starts it without --token-file (the daemon then makes its own)."""

    def __init__(self, workdir: Path, *extra: str, listen: str = "127.0.0.1:0",
                 token_file: bool = True, env: dict | None = None, start_timeout: float = 20.0):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.token: str | None = None
        self.token_path: Path | None = None
        args = [vigild_path(), "--listen", listen]
        if token_file:
            self.token = hashlib.sha256(os.urandom(32)).hexdigest()
            fd, name = tempfile.mkstemp(prefix="token-", dir=self.workdir)
            os.write(fd, (self.token + "\n").encode())
            os.close(fd)
            os.chmod(name, 0o600)
            self.token_path = Path(name)
            args += ["--token-file", name]
        args += list(extra)
        self._stderr: list[str] = []
        self._stderr_cond = threading.Condition()
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, env=env)
        self._stderr_reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._stderr_reader.start()
        self.host, self.port = self._wait_listening(start_timeout)
        if not token_file and self.token is None:
            self.token_path = self._token_path_from_stderr()

    def _read_stderr(self) -> None:
        for line in iter(self.process.stderr.readline, b""):
            with self._stderr_cond:
                self._stderr.append(line.decode(errors="replace"))
                self._stderr_cond.notify_all()
        with self._stderr_cond:
            self._stderr.append("")  # end marker
            self._stderr_cond.notify_all()

    def _wait_listening(self, timeout: float) -> tuple[str, int]:
        deadline = time.monotonic() + timeout
        with self._stderr_cond:
            while True:
                for line in self._stderr:
                    m = LISTENING.search(line)
                    if m:
                        return m.group("host").strip("[]"), int(m.group("port"))
                if self._stderr and self._stderr[-1] == "":
                    raise RuntimeError(f"vigild exited before listening: {self.stderr_text()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"vigild did not print its port within {timeout} s: {self.stderr_text()}")
                self._stderr_cond.wait(left)

    def _token_path_from_stderr(self) -> Path | None:
        m = re.search(r"\(token in (.+)\)", self.stderr_text())
        return Path(m.group(1)) if m else None

    def stderr_text(self) -> str:
        with self._stderr_cond:
            return "".join(self._stderr)

    @property
    def connect_host(self) -> str:
        return "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host

    def connect(self, headers: dict[str, str] | None = None, path: str = "/") -> WsClient:
        """A raw WsClient after the upgrade request (check `.status`)."""
        client = WsClient(self.connect_host, self.port)
        client.upgrade(headers or {}, path)
        return client

    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def client(self, initialize: bool = False) -> WsClient:
        """An upgraded, authenticated client (optionally initialized)."""
        client = self.connect(self.auth_headers())
        if client.status != 101:
            client.close()
            raise AssertionError(f"upgrade refused with {client.status}: {client.response_body!r}")
        if initialize:
            client.initialize()
        return client

    def is_alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> int | None:
        if self.is_alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._stderr_reader.join(5)
        self.process.stderr.close()
        return self.process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
