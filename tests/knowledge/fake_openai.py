"""A real OpenAI-compatible HTTP server on 127.0.0.1, in a thread, for the `openai` provider's tests.

It speaks `POST /v1/chat/completions` and `POST /v1/embeddings` with the OpenAI response shapes
(including `usage`), records every request, and can be scripted to fail: a queue of faults (HTTP
status, or a delay longer than the client's timeout) is consumed one per request.

Embeddings are a deterministic bag of words hashed into 256 dimensions, so texts sharing words are
close (cosine) and the hybrid search has something real to rank.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIMENSIONS = 256
CHAT_USAGE = {"prompt_tokens": 321, "completion_tokens": 54, "total_tokens": 375}


def embed(text: str) -> list[float]:
    vector = [0.0] * DIMENSIONS
    for word in re.findall(r"\w+", text.lower()):
        if len(word) < 3:
            continue
        stem = word[:5]  # a crude stemmer: refund/refunds/refunded land together
        index = int(hashlib.md5(stem.encode()).hexdigest(), 16) % DIMENSIONS  # noqa: S324 - not security
        vector[index] += 1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


@dataclass
class Fault:
    status: int | None = None  # answer with this HTTP status
    delay: float = 0.0  # sleep this long before answering (beyond the client's timeout → timeout)
    body: str = '{"error": {"message": "scripted failure"}}'
    retry_after: str | None = None


class FakeOpenAI:
    def __init__(self):
        self.requests: list[tuple[str, dict, dict]] = []  # (path, json body, headers)
        self.faults: list[Fault] = []
        self.chat_reply: str | None = None  # None: quote the first passage line of the prompt
        self.omit_usage = False
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real provider
            disable_nagle_algorithm = True  # headers and body are two writes: no delayed-ACK stall

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.requests.append((self.path, payload, dict(self.headers)))
                    fault = server.faults.pop(0) if server.faults else None
                if fault is not None:
                    if fault.delay:
                        time.sleep(fault.delay)
                    if fault.status is not None:
                        self._send(fault.status, fault.body, fault.retry_after)
                        return
                if self.path == "/v1/chat/completions":
                    self._send(200, json.dumps(server._chat(payload)))
                elif self.path == "/v1/embeddings":
                    self._send(200, json.dumps(server._embeddings(payload)))
                else:
                    self._send(404, '{"error": {"message": "unknown route"}}')

            def _send(self, status, body, retry_after=None):
                data = body.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    if retry_after:
                        self.send_header("Retry-After", retry_after)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): fine

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def paths(self) -> list[str]:
        return [path for path, _, _ in self.requests]

    def _chat(self, payload: dict) -> dict:
        if self.chat_reply is not None:
            content = self.chat_reply
        else:
            system = payload["messages"][0]["content"]
            passages = system.split("Knowledge-base passages:", 1)[-1].strip().split("\n")
            content = "From our docs: " + (passages[1] if len(passages) > 1 else passages[0])
        body = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "model": payload.get("model", "unknown") + "-2024",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
            ],
        }
        if not self.omit_usage:
            body["usage"] = CHAT_USAGE
        return body

    def _embeddings(self, payload: dict) -> dict:
        inputs = payload["input"]
        inputs = [inputs] if isinstance(inputs, str) else inputs
        data = [
            {"object": "embedding", "index": i, "embedding": embed(text)} for i, text in enumerate(inputs)
        ]
        data.reverse()  # clients must order by `index`, not by position
        tokens = sum(len(text.split()) for text in inputs)
        return {
            "object": "list",
            "model": payload.get("model"),
            "data": data,
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
