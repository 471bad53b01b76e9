"""`mkdocs serve` hears a save through the operating system, not by polling.

MkDocs' live server polls every watched folder twice a second (watchdog's PollingObserver): it
lists and stats every file of content/ and corpus/ on each poll. At 5,000 articles that is some
11,000 files, about 0.1 s of Python holding the interpreter lock every half second, while the
rebuild it triggered runs in the same process; a save also waits for the next poll. Measured on
a 5,000-article project from a save to the updated page and search index (docs/performance.md):
3.67-4.75 s when polling, 2.38-2.85 s with the system's own file events (tools/bench.py's serve
step: 3.43 s before, 1.98 s after).

So the preview swaps the server's observer for watchdog's native one (inotify, FSEvents,
ReadDirectoryChangesW) before the server starts it, and watches the same paths for changes (a
file written, made, moved, deleted, touched; never a file read). Where there is no
native observer, or it cannot watch a path (an exhausted inotify watch limit), the server keeps
MkDocs' polling observer and its watches untouched; so does NGHIQUYET_POLL (plugin.py), for a
file system that accepts a watch but sends no events. The swap
uses two attributes of MkDocs' LiveReloadServer (`_watched_paths`, `_watch_refs`): when a future
MkDocs lacks them, nothing is changed either."""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.plugins.nghiquyet")


def native_observer():
    """watchdog's observer for this system, or None when it only has the polling one. It hears
    only changes: a native observer also reports files being opened and read, and MkDocs
    rebuilds on any event, so reading content/ during a build would start the next one."""
    from watchdog import events
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    if issubclass(Observer, PollingObserver):
        return None
    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
               events.FileAttribEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]

    class ChangesOnly(Observer):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **kwargs):
            return super().schedule(event_handler, path, recursive=recursive,
                                    event_filter=event_filter or changes, **kwargs)

    return ChangesOnly()


def use_native_events(server, make=native_observer) -> bool:
    """Move every watch of MkDocs' live `server` (not yet serving) to a native observer; True
    when done. On any failure the server is left exactly as it was."""
    paths = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    if not isinstance(paths, dict) or not isinstance(refs, dict) or not hasattr(server, "observer"):
        return False
    try:
        native = make()
    except Exception as exc:            # no native backend on this system
        log.debug("nghiquyet: native file events unavailable (%s)", exc)
        return False
    if native is None:
        return False
    polling, counts, old_refs = server.observer, dict(paths), dict(refs)
    server.observer = native
    paths.clear()
    refs.clear()
    try:
        for path, count in counts.items():
            server.watch(path)
            paths[path] = count
    except Exception as exc:            # e.g. OSError: inotify watch limit reached
        log.info("nghiquyet: watching for changes by polling (%s)", exc)
        server.observer = polling
        paths.clear(), paths.update(counts)
        refs.clear(), refs.update(old_refs)
        return False
    return True
