"""The shop's command line: messages written to standard error."""

import logging
import sys

import click
import typer
from rich.console import Console

from . import ui
from .errors import CardError, Silent, StockError

err_console = Console(stderr=True)
console = Console()


def main(path, value):
    print("Cannot read the price list", path, file=sys.stderr)
    print("Loaded the price list")
    sys.stderr.write(f"expected a number, got {type(value)}\n")
    sys.stdout.write("42\n")
    click.echo("The export failed; run it again with --verbose", err=True)
    click.echo("Exported 3 orders")
    typer.secho("Your session expired; run shop login", err=True, fg="red")
    err_console.print(f"[bold red]expected a number, got {type(value)}[/bold red]")
    console.print("[green]Done[/green]")
    logging.exception("The nightly sync failed")
    ui.error_write("Something went wrong")
    try:
        return int(value)
    except ValueError as e:
        raise StockError(str(e))
    except KeyError as e:
        raise Silent(str(e))
    except TypeError:
        raise CardError(value)
