"""If anything ever imported or ran this file, it would leave a marker and stop."""
import pathlib
pathlib.Path(__file__).with_name("MARKER_EXECUTED").write_text("executed")
raise SystemExit("this file was executed")
