"""Indexing and answering never open a network connection beyond loopback."""

from __future__ import annotations

import ipaddress
import socket

import pytest


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost" or self.family == socket.AF_UNIX
        if not loopback:
            attempts.append(address)
            raise OSError(f"test forbids network access to {address}")
        return real_connect(self, address)

    def guarded_lookup(host, *args, **kwargs):
        if host not in ("localhost", "127.0.0.1", "::1", None):
            attempts.append(host)
            raise socket.gaierror(f"test forbids resolving {host}")
        return real_lookup(host, *args, **kwargs)

    real_lookup = socket.getaddrinfo
    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_lookup)
    return attempts


def test_indexing_and_answering_stay_offline(no_network, tmp_path, corpus_dir, monkeypatch):
    from assistant.engine import Assistant
    from assistant.settings import Settings

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    assistant = Assistant(Settings(data_dir=tmp_path / "var", corpus_dir=corpus_dir))
    assistant.index(progress=False)
    answer = assistant.ask("how big is a primary care network?")
    assert not answer.abstained
    assert no_network == []
