"""A tiny HTTP API over the notes (Flask)."""

from __future__ import annotations

import logging

from flask import Flask, abort, request

from . import config, storage

logger = logging.getLogger(__name__)
app = Flask(__name__)
SETTINGS: config.Settings


@app.get("/notes/<name>")
def get_note(name: str) -> str:
    try:
        return storage.read(SETTINGS.store, name)
    except storage.NoteNotFound:
        abort(404, description=f"No note named {name}; list the notes with GET /notes")


@app.put("/notes/<name>")
def put_note(name: str) -> tuple[str, int]:
    if request.content_type != "text/plain":
        abort(415, description="Unsupported content type")
    try:
        storage.write(SETTINGS.store, name, request.get_data(as_text=True), SETTINGS.max_note_kb)
    except OSError:
        logger.exception("Write of note %s failed", name)
        abort(500)
    return "", 204


def run(settings: config.Settings, port: int) -> None:
    global SETTINGS
    SETTINGS = settings
    app.run(port=port)
