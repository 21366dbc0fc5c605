"""`civcas`: the command line. Each command is a thin face over ingest, extract and evaluate."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import click
from tqdm import tqdm

from civcas import __version__
from civcas.cli.ledger import COMMANDS as LEDGER_COMMANDS
from civcas.extract import extract_report
from civcas.ingest import IngestError, expand_inputs, read_reports
from civcas.model import Extraction, Report


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="civcas")
def cli() -> None:
    """civcas: turn conflict reporting into an evidence-backed ledger of civilian-harm incidents.

    Every value points at the words of the report it came from. Start with
    `civcas run REPORTS...`, then `civcas ask "Who is responsible for ... in PLACE on DATE?"`.
    """


def _reports(inputs: tuple[str, ...], text_column: str | None, quiet: bool) -> Iterator[Report]:
    """Reports of the inputs; bad items are named on stderr and skipped."""
    total = len(expand_inputs(inputs))
    bar = tqdm(total=total, unit="file", desc="reading", disable=quiet or None, file=sys.stderr)
    current = None
    for item in read_reports(inputs, text_column=text_column):
        if isinstance(item, IngestError):
            tqdm.write(f"skipped {item}", file=sys.stderr)
            continue
        source = (item.source or "").split(":")[0]
        if source != current:
            if current is not None:
                bar.update(1)
            current = source
        yield item
    bar.update(bar.total - bar.n if bar.total else 0)
    bar.close()


def _summary_line(result: Extraction) -> str:
    if not result.claims:
        return f"{result.report.id}: no incident"
    parts = []
    for c in result.claims:
        killed = (
            "?"
            if c.killed_min is None
            else (f"{c.killed_min}" if c.killed_max == c.killed_min else f"{c.killed_min}+")
        )
        who = c.perpetrator or "no perpetrator named"
        if c.attribution:
            who += f" ({c.attribution})"
        parts.append(
            f"  {c.date or 'undated'} | {c.place_std or c.admin1 or 'no place'} | "
            f"{c.event_type or '-'} | killed {killed} | {who}"
        )
    return f"{result.report.id}: {len(result.claims)} incident(s)\n" + "\n".join(parts)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    show_default=True,
    help="Where to write the claims (JSON Lines); - for stdout.",
)
@click.option("--text-column", help="The text column of CSV input (guessed when not given).")
@click.option("--summary", is_flag=True, help="Print a line per incident found to stderr.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def extract(
    inputs: tuple[str, ...], output: str, text_column: str | None, summary: bool, quiet: bool
) -> None:
    """Extract incident claims from reports (JSONL, text, HTML, CSV files, folders or globs).

    Writes one JSON line per report: {"id", "lang", "incidents": [claim, ...]}, each claim with
    an "evidence" map of character offsets into the report text.
    """
    if output != "-":
        Path(output).parent.mkdir(parents=True, exist_ok=True)
    out: TextIO = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    reports = incidents = 0
    try:
        for report in _reports(inputs, text_column, quiet):
            result = extract_report(report)
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            reports += 1
            incidents += len(result.claims)
            if summary:
                tqdm.write(_summary_line(result), file=sys.stderr)
    finally:
        if out is not sys.stdout:
            out.close()
    click.echo(f"{reports} report(s), {incidents} incident claim(s) -> {output}", err=True)


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--pred",
    type=click.Path(exists=True, dir_okay=False),
    help="Score this extraction output instead of running extraction.",
)
@click.option("--lang", help="Score only the gold reports in this language (e.g. en).")
@click.option(
    "--link",
    is_flag=True,
    help="Also link the claims into incidents (civcas run into a temporary ledger) and score "
    "linking against the gold clusters (B-cubed).",
)
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable scores.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def evaluate(
    gold: str, pred: str | None, lang: str | None, link: bool, as_json: bool, quiet: bool
) -> None:
    """Score extraction against a gold file (eval/ANNOTATION.md): per-field precision, recall,
    F1 and incident detection; with --link (or claims carrying incident ids) linking too."""
    from civcas.evaluate import format_scores, score

    gold_rows = _read_jsonl(Path(gold))
    if pred:
        pred_rows = _read_jsonl(Path(pred))
    elif link:
        todo = [r for r in gold_rows if not lang or r.get("lang") == lang]
        pred_rows = _linked_predictions([_report_of(r) for r in todo], quiet)
    else:
        todo = [r for r in gold_rows if not lang or r.get("lang") == lang]
        pred_rows = []
        for row in tqdm(
            todo, desc="extracting", unit="report", disable=quiet or None, file=sys.stderr
        ):
            pred_rows.append(extract_report(_report_of(row)).to_dict())
    try:
        scores = score(gold_rows, pred_rows, lang=lang)
    except ValueError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps(scores.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_scores(scores))


def _linked_predictions(reports: list[Report], quiet: bool) -> list[dict]:  # type: ignore[type-arg]
    """Contract-3 rows of `reports` after a full run into a throwaway SQLite ledger."""
    import tempfile

    from civcas.run import run
    from civcas.store.ledger import Ledger

    with tempfile.TemporaryDirectory(prefix="civcas-eval-") as tmp:
        ledger = Ledger(Path(tmp) / "eval.db")
        bar = tqdm(total=len(reports), desc="extracting", unit="report",
                   disable=quiet or None, file=sys.stderr)
        run(reports, ledger, progress=lambda stage, done, _: bar.update(
            done - bar.n) if stage == "extracting" else None)
        bar.close()
        rows = [row | {"incidents": claims} for row, claims in ledger.reports_with_claims()]
        ledger.close()
    return rows


def _read_jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise click.ClickException(f"{path}:{n}: not valid JSON ({e.msg})") from e
    return rows


def _report_of(row: dict) -> Report:  # type: ignore[type-arg]
    """A gold row read as a report (contract 4: a gold file is also an input file)."""
    from civcas.ingest.records import report_from_fields

    return report_from_fields(row, source=f"gold:{row.get('id')}")


for _command in LEDGER_COMMANDS:
    cli.add_command(_command)

if __name__ == "__main__":
    cli()
