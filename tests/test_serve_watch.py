"""`mkdocs serve` hears saves through the system's file events (render/watch.py): the plugin moves
MkDocs' watches to a native observer, which reports a saved article without polling, and keeps
MkDocs' polling observer when the native one cannot watch."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from nghiquyet.plugin import NghiquyetPlugin
from nghiquyet.render.watch import use_native_events


def _server(tmp_path: Path) -> tuple[LiveReloadServer, Path, Path]:
    docs, corpus = tmp_path / "content", tmp_path / "corpus"
    (docs / "bai-viet").mkdir(parents=True)
    corpus.mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(docs))
    return server, docs, corpus


def _wants_rebuild(server: LiveReloadServer, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                return True
        time.sleep(0.02)
    return False


def test_the_preview_hears_a_saved_article_through_native_events(tmp_path):
    server, docs, corpus = _server(tmp_path)
    plugin = NghiquyetPlugin()
    plugin.load_config({"corpus": "corpus"}, str(tmp_path / "mkdocs.yml"))
    plugin.serving = True       # as on_startup(command="serve") sets it (without its process-wide mark)
    plugin.on_serve(server, SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")), None)
    assert not isinstance(server.observer, PollingObserver)
    assert sorted(server._watched_paths) == sorted([str(docs.resolve()), str(corpus.resolve())])
    server.observer.start()
    try:
        time.sleep(0.2)
        (corpus / "bai.txt").write_text("Tiêu đề\n\nNội dung.\n", encoding="utf-8")
        assert _wants_rebuild(server)
        time.sleep(0.3)
        with server._rebuild_cond:
            server._want_rebuild = False
        # A build reads every file: reading is no change (else each build would start another).
        assert (corpus / "bai.txt").read_text(encoding="utf-8").startswith("Tiêu đề")
        assert not _wants_rebuild(server, 1.0)
        (corpus / "bai.txt").touch()
        assert _wants_rebuild(server)
        with server._rebuild_cond:
            server._want_rebuild = False
        (docs / "bai-viet" / "moi").mkdir()          # a folder made after the start is watched too
        time.sleep(0.2)
        with server._rebuild_cond:
            server._want_rebuild = False
        (docs / "bai-viet" / "moi" / "index.md").write_text("# x\n", encoding="utf-8")
        assert _wants_rebuild(server)
    finally:
        server.observer.stop()
        server.observer.join(5)


class _NoWatches(PollingObserver.__mro__[1]):      # watchdog's BaseObserver
    def __init__(self):
        super().__init__(emitter_class=None)

    def schedule(self, *args, **kwargs):
        raise OSError(28, "inotify watch limit reached")


def test_polling_stays_when_the_native_observer_cannot_watch(tmp_path):
    server, docs, corpus = _server(tmp_path)
    server.watch(str(corpus))
    polling, paths, refs = server.observer, dict(server._watched_paths), dict(server._watch_refs)
    assert use_native_events(server, make=_NoWatches) is False
    assert server.observer is polling
    assert server._watched_paths == paths and server._watch_refs == refs


def test_a_server_without_the_expected_attributes_is_left_alone():
    server = SimpleNamespace(observer="kept")
    assert use_native_events(server) is False
    assert server.observer == "kept"


def test_polling_can_be_kept_on_request(tmp_path, monkeypatch):
    """NGHIQUYET_POLL: for file systems that accept a watch but send no events."""
    monkeypatch.setenv("NGHIQUYET_POLL", "1")
    server, docs, corpus = _server(tmp_path)
    plugin = NghiquyetPlugin()
    plugin.load_config({"corpus": "corpus"}, str(tmp_path / "mkdocs.yml"))
    plugin.serving = True
    plugin.on_serve(server, SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")), None)
    assert isinstance(server.observer, PollingObserver)
    assert sorted(server._watched_paths) == sorted([str(docs.resolve()), str(corpus.resolve())])

