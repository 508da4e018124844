"""The language server, driven as an editor drives it: JSON-RPC over a subprocess's stdio."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

TEXT = (
    "Le maire démissionne\n\n"
    "Selon certains élus, le maire de Quimper aurait démissionné lundi soir.\n"
)


class Client:
    def __init__(self) -> None:
        env = {**os.environ, "NO_COLOR": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "analyzer.cli", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.next_id = 1

    def send(self, method: str, params: dict, request: bool = False) -> int | None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        ident = None
        if request:
            ident = message["id"] = self.next_id
            self.next_id += 1
        body = json.dumps(message).encode()
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.proc.stdin.flush()
        return ident

    def receive(self) -> dict:
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def wait_for(self, method: str, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self.receive()
            if message.get("method") == method:
                return message
        raise TimeoutError(method)

    def close(self) -> None:
        ident = self.send("shutdown", {}, request=True)
        while self.receive().get("id") != ident:
            pass
        self.send("exit", {})
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def client():
    c = Client()
    ident = c.send(
        "initialize", {"processId": None, "rootUri": None, "capabilities": {}}, request=True
    )
    while c.receive().get("id") != ident:
        pass
    c.send("initialized", {})
    yield c
    c.close()


def test_diagnostics_on_open_and_change(client, tmp_path: Path):
    uri = (tmp_path / "brouillon.md").as_uri()
    client.send(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": TEXT}},
    )
    published = client.wait_for("textDocument/publishDiagnostics")["params"]
    assert published["uri"] == uri
    by_code = {d["code"]: d for d in published["diagnostics"]}
    vague = by_code["vague-source"]
    assert vague["range"]["start"] == {"line": 2, "character": 6}
    assert vague["severity"] == 2 and vague["source"] == "analyzer"
    client.send(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": "Le conseil municipal se réunira jeudi à Quimper.\n"}],
        },
    )
    published = client.wait_for("textDocument/publishDiagnostics")["params"]
    assert "vague-source" not in {d["code"] for d in published["diagnostics"]}


def test_unreadable_buffer_gives_no_diagnostics(client, tmp_path: Path):
    uri = (tmp_path / "vide.txt").as_uri()
    client.send(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": "   \n"}},
    )
    published = client.wait_for("textDocument/publishDiagnostics")["params"]
    assert published == {"uri": uri, "diagnostics": [], "version": 1}
