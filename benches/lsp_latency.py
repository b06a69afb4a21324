#!/usr/bin/env python3
"""The language server's latency: from a change to a ~5 KB document to its published diagnostics.

Starts `factlint lsp`, opens the generated article, then sends RUNS changes (the text with a
different weekday each time, so every check has work) and times each until its diagnostics
arrive. The time includes the server's pause after typing (150 ms), which is printed apart. It
also prints one hover and one code action exchange on the first finding.

    python3 benches/lsp_latency.py [target/release/factlint] [RUNS]
"""
import json
import os
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/factlint")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
DEBOUNCE_MS = 150


def send(p, msg):
    body = json.dumps(msg).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    p.stdin.flush()


def read(p):
    length = None
    while True:
        line = p.stdout.readline()
        if not line:
            raise SystemExit("the server closed its output")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(p.stdout.read(length))


def wait(p, want):
    while True:
        m = read(p)
        if want(m):
            return m


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    work = tempfile.mkdtemp()
    path = os.path.join(work, "article.txt")
    subprocess.run([sys.executable, os.path.join(here, "generate.py"), path, "--one"], check=True,
                   stdout=subprocess.DEVNULL)
    text = open(path, encoding="utf-8").read()
    uri = "file://" + path
    p = subprocess.Popen([BIN, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=work)
    send(p, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
             "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    wait(p, lambda m: m.get("id") == 1)
    send(p, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    t = time.perf_counter()
    send(p, {"jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    first = wait(p, lambda m: m.get("method") == "textDocument/publishDiagnostics")
    opened = (time.perf_counter() - t) * 1000
    times = []
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for i in range(RUNS):
        changed = text + "\nThe next session opens on %s, 14 May 2024.\n" % days[i % 7]
        t = time.perf_counter()
        send(p, {"jsonrpc": "2.0", "method": "textDocument/didChange",
                 "params": {"textDocument": {"uri": uri, "version": i + 2},
                            "contentChanges": [{"text": changed}]}})
        wait(p, lambda m: m.get("method") == "textDocument/publishDiagnostics"
             and m["params"].get("version") == i + 2)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    median = times[len(times) // 2]
    print(f"document: {len(text.encode())} bytes, {len(first['params']['diagnostics'])} diagnostics")
    print(f"open to diagnostics (first check, rules compiled): {opened:.1f} ms")
    print(f"change to diagnostics, median of {RUNS}: {median:.1f} ms "
          f"({DEBOUNCE_MS} ms pause after typing + {median - DEBOUNCE_MS:.1f} ms checking and sending);"
          f" min {times[0]:.1f}, max {times[-1]:.1f}")
    diagnostics = first["params"]["diagnostics"]
    if diagnostics:
        d = diagnostics[0]
        send(p, {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
                 "params": {"textDocument": {"uri": uri}, "position": d["range"]["start"]}})
        print("hover:", json.dumps(wait(p, lambda m: m.get("id") == 2)["result"], ensure_ascii=False))
        send(p, {"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction",
                 "params": {"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}})
        print("code action:", json.dumps(wait(p, lambda m: m.get("id") == 3)["result"], ensure_ascii=False))
    send(p, {"jsonrpc": "2.0", "id": 4, "method": "shutdown", "params": None})
    wait(p, lambda m: m.get("id") == 4)
    send(p, {"jsonrpc": "2.0", "method": "exit", "params": None})
    print(f"exit code after shutdown: {p.wait(timeout=10)}")


if __name__ == "__main__":
    main()
