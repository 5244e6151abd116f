"""The ``notes`` command line (click)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import config, storage


@click.group()
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=config.DEFAULT_PATH)
@click.pass_context
def main(ctx: click.Context, config_path: Path) -> None:
    try:
        ctx.obj = config.load(config_path)
    except config.ConfigError as exc:
        click.echo(f"notes: {exc}; fix the settings or pass --config PATH", err=True)
        sys.exit(2)


@main.command()
@click.argument("name")
@click.pass_obj
def show(settings: config.Settings, name: str) -> None:
    try:
        click.echo(storage.read(settings.store, name))
    except storage.NoteNotFound:
        raise click.ClickException(f"No note named {name!r}; run 'notes list' to see the names") from None


@main.command()
@click.argument("name")
@click.option("--from-file", type=click.File("r"), required=True)
@click.pass_context
def add(ctx: click.Context, name: str, from_file) -> None:
    text = from_file.read()
    if not text.strip():
        ctx.fail("Empty input")
    try:
        storage.write(ctx.obj.store, name, text, ctx.obj.max_note_kb)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="NAME") from exc


@main.command()
@click.option("--port", type=int)
@click.pass_obj
def serve(settings: config.Settings, port: int) -> None:
    from .server import run

    if port is not None and port < 1024:
        raise click.BadOptionUsage("--port", "Privileged port")
    run(settings, port or settings.port)
