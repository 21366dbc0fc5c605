"""The ledger commands: run, incidents, show, tally, ask, victims, export, history."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, TextIO

import click
from tqdm import tqdm

from civcas.export import FORMATS, write
from civcas.store.ledger import IncidentFilter, Ledger
from civcas.store.victims import VictimFilter

DB_HELP = (
    "The ledger: a SQLite file (default civcas.db, or $CIVCAS_DB) or a database URL such as "
    "postgresql://user@host:5432/dbname."
)
db_option = click.option("--db", envvar="CIVCAS_DB", default="civcas.db", show_default=True,
                         help=DB_HELP)


def _open(db: str) -> Ledger:
    try:
        return Ledger(db)
    except Exception as exc:  # a wrong URL or an unreachable server: say so, no traceback
        raise click.ClickException(f"cannot open the ledger {db!r}: {exc}") from exc


@click.command("run")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--text-column", help="The text column of CSV input (guessed when not given).")
@click.option("--link-threshold", type=float,
              help="Match weight two claims need to be one incident (default in linking.toml).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no incident list.")
def run_command(
    inputs: tuple[str, ...], db: str, text_column: str | None, link_threshold: float | None,
    quiet: bool,
) -> None:
    """Read, extract, link and assess reports into the ledger.

    Re-running the same input changes nothing; new reports join the incidents already there;
    a run that was interrupted is completed by the next one.
    """
    from civcas.link import LinkSettings
    from civcas.run import run

    settings = LinkSettings.load()
    if link_threshold is not None:
        settings = settings.with_threshold(link_threshold)
    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int | None) -> None:
        if quiet:
            return
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(desc=stage, total=total, unit="", file=sys.stderr)
        if total is not None and bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    ledger = _open(db)
    try:
        summary = run(inputs, ledger, settings=settings, text_column=text_column,
                      progress=progress)
    finally:
        for bar in bars.values():
            bar.close()
    for error in summary.errors:
        click.echo(f"skipped {error}", err=True)
    counts = ledger.counts()
    click.echo(
        f"{summary.reports_read} report(s) read: {summary.reports_added} new, "
        f"{summary.reports_known} already in the ledger, {len(summary.errors)} skipped; "
        f"{summary.claims_added} claim(s) added, {summary.incidents_touched} incident(s) "
        f"updated. Ledger {db}: {counts['reports']} reports, {counts['claims']} claims, "
        f"{counts['incidents']} incidents, {counts['persons']} named victim(s).",
        err=True,
    )
    if not quiet:
        _print_table(ledger.incidents())


def _filters(f: Any) -> Any:
    for opt in reversed([
        click.option("--place", help="Place name (any part of it)."),
        click.option("--admin1", help="Governorate, e.g. Idlib or 'Deir ez-Zor'."),
        click.option("--perpetrator", help="Actor named by a source, e.g. Russia."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="From this date."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Up to this date."),
        click.option("--grade", type=click.Choice(["confirmed", "fair", "weak", "contested"])),
    ]):
        f = opt(f)
    return f


def _where(place: str | None, admin1: str | None, perpetrator: str | None, since: Any,
           until: Any, grade: str | None) -> IncidentFilter:
    return IncidentFilter(
        place=place, admin1=admin1, perpetrator=perpetrator,
        since=since.date() if since else None, until=until.date() if until else None,
        grade=grade,
    )


@click.command("incidents")
@db_option
@_filters
@click.option("--json", "as_json", is_flag=True, help="One JSON record per line.")
def incidents_command(db: str, place: str | None, admin1: str | None, perpetrator: str | None,
                      since: Any, until: Any, grade: str | None, as_json: bool) -> None:
    """List the incidents of the ledger, with filters."""
    found = _open(db).incidents(_where(place, admin1, perpetrator, since, until, grade))
    if as_json:
        for inc in found:
            click.echo(json.dumps(inc, ensure_ascii=False))
        return
    _print_table(found)


def _range(counts: dict[str, Any], key: str) -> str:
    r = counts.get(key) or {}
    low, high = r.get("low"), r.get("high")
    if low is None and high is None:
        return "-"
    if high is None:
        return f"{low}+"
    return f"{low}" if low == high else f"{low}-{high}"


def _print_table(found: list[dict[str, Any]]) -> None:
    if not found:
        click.echo("no incident")
        return
    click.echo(f"{'incident':<16} {'date':<10} {'place':<22} {'event':<13} {'killed':>7} "
               f"{'civ.':>6}  {'perpetrators':<28} {'grade':<9} src")
    for inc in found:
        counts = inc.get("counts") or {}
        place = inc.get("place_std") or inc.get("place") or inc.get("admin1") or "?"
        click.echo(
            f"{inc['id']:<16} {inc.get('date') or '?':<10} {place[:22]:<22} "
            f"{(inc.get('event_type') or '-')[:13]:<13} {_range(counts, 'killed'):>7} "
            f"{_range(counts, 'civilians_killed'):>6}  "
            f"{', '.join(inc.get('perpetrators') or ['-'])[:28]:<28} "
            f"{inc.get('grade') or '-':<9} {inc.get('independent_sources', 0)}/"
            f"{inc.get('sources', 0)}"
        )


@click.command("show")
@click.argument("incident_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The record, its claims and links as JSON.")
def show_command(incident_id: str, db: str, as_json: bool) -> None:
    """Everything about one incident: every source, claim, evidence quotation and link."""
    from civcas.ask import describe_incident

    ledger = _open(db)
    inc = ledger.incident(incident_id)
    if inc is None:
        raise click.ClickException(f"no incident {incident_id!r} (see `civcas incidents`)")
    claims = ledger.claims_of(inc["id"])
    links = ledger.links_of([c.id for c in claims])
    if as_json:
        record = dict(inc)
        record["claims"] = [
            {"id": c.id, "report": c.report.id, "outlet": c.report.outlet,
             "lineage": c.lineage_id, **c.claim.to_dict()} for c in claims
        ]
        record["links"] = [link.to_dict() for link in links]
        record["victims"] = _reconciliation(ledger, inc["id"]).to_dict()
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    click.echo(describe_incident(inc))
    click.echo(f"  Victims: {_reconciliation(ledger, inc['id']).text}"
               f" (civcas victims --incident {inc['id']})")
    for c in claims:
        r = c.report
        click.echo(f"\n  Source {r.id} ({r.outlet or 'outlet unknown'}, {r.lang or '?'}, "
                   f"published {r.published or '?'})" + (f" {r.url}" if r.url else "")
                   + (f" — copy of {c.lineage}" if c.lineage else ""))
        if r.title:
            click.echo(f"    title: {r.title}")
        for name, span in sorted(c.claim.evidence.items(), key=lambda kv: kv[1].start):
            value = getattr(c.claim, name)
            if value is None:
                continue
            quote = span.of(r.text).replace("\n", " ")
            click.echo(f"    {name} = {value}  ← \"{quote}\" [{span.start}:{span.end}]")
        for victim in c.claim.victims:
            span = victim.span
            click.echo(f"    victim = {victim.name}  ← [{span.start}:{span.end}]")
    if links:
        from civcas.link import explain

        click.echo("\n  Links:")
        for link in sorted(links, key=lambda x: -x.score):
            click.echo(f"    {link.a} ~ {link.b}: {explain(link)}")


def _reconciliation(ledger: Ledger, incident_id: str) -> Any:
    from civcas.assess.victims import reconcile

    found = ledger.victims_of_incident(incident_id)
    implied = [g["count"] for g in found["unnamed_groups"]]
    return reconcile(found["assessment"].get("counts") or {}, found["named"], implied)


@click.command("victims")
@click.option("--incident", help="Only the victims of this incident.")
@click.option("--name", help="Part of a name, in Latin or Arabic script (spellings alike).")
@click.option("--place", help="Place name (any part of it).")
@click.option("--admin1", help="Governorate, e.g. Idlib or 'Deir ez-Zor'.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="From this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Up to this date.")
@click.option("--links", "show_links", is_flag=True,
              help="Why the mentions of each person were joined: match weights and reasons.")
@click.option("--json", "as_json", is_flag=True, help="One JSON person record per line.")
@db_option
def victims_command(incident: str | None, name: str | None, place: str | None,
                    admin1: str | None, since: Any, until: Any, show_links: bool, as_json: bool,
                    db: str) -> None:
    """Named victims, one line per person, deduplicated across reports and scripts.

    Victims' names are personal data: share them with care (`civcas export --format victims
    --no-names` leaves them out).
    """
    ledger = _open(db)
    where = VictimFilter(incident=incident, place=place, admin1=admin1, name=name,
                         since=since.date() if since else None,
                         until=until.date() if until else None)
    if incident:
        if ledger.incident(incident) is None:
            raise click.ClickException(f"no incident {incident!r} (see `civcas incidents`)")
        rec = _reconciliation(ledger, incident)
        if not as_json:
            click.echo(f"Incident {incident}: {rec.text}")
    persons = ledger.persons(where)
    if as_json:
        for person in persons:
            click.echo(json.dumps(person, ensure_ascii=False))
        return
    if not persons:
        click.echo("no named victim")
        return
    click.echo(f"{'person':<12} {'name':<32} {'sex/age':<10} {'date':<10} {'place':<18} "
               f"{'incident':<16} src  other spellings")
    for p in persons:
        who = "/".join(str(x) for x in (p["sex"], p["age"] or p["age_group"]) if x) or "-"
        click.echo(
            f"{p['id']:<12} {p['name'][:32]:<32} {who[:10]:<10} "
            f"{(p['dates'] or ['?'])[0]:<10} {(p['places'] or ['?'])[0][:18]:<18} "
            f"{', '.join(p['incidents'])[:16] or '-':<16} {len(p['reports']):>3}  "
            f"{'; '.join(p['spellings'][1:])}"
        )
        if show_links:
            for link in ledger.victim_links([m["id"] for m in p["mentions"]]):
                why = ", ".join(f"{k} {v:+.1f}" for k, v in link.reasons.items() if v)
                click.echo(f"    {link.a} ~ {link.b}: weight {link.score:+.1f} ({why})")


TALLY_KEYS = ("perpetrator", "admin1", "month", "year", "event_type", "grade", "place")


@click.command("tally")
@click.option("--by", default="perpetrator", show_default=True,
              help=f"Comma-separated keys among: {', '.join(TALLY_KEYS)}.")
@db_option
@_filters
@click.option("--json", "as_json", is_flag=True)
def tally_command(by: str, db: str, place: str | None, admin1: str | None,
                  perpetrator: str | None, since: Any, until: Any, grade: str | None,
                  as_json: bool) -> None:
    """Count incidents and sum their low and high tolls, grouped by the keys of --by.

    An incident counts under its most supported perpetrator only, so sums never count a death
    twice.
    """
    keys = [k.strip() for k in by.split(",") if k.strip()]
    bad = [k for k in keys if k not in TALLY_KEYS]
    if bad:
        raise click.BadParameter(f"unknown key(s) {bad}; use {', '.join(TALLY_KEYS)}",
                                 param_hint="--by")
    found = _open(db).incidents(_where(place, admin1, perpetrator, since, until, grade))
    rows = tally(found, keys)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    header = [*keys, "incidents", "killed_low", "killed_high", "civilians_low", "civilians_high"]
    widths = [max(len(h), *(len(str(r[h])) for r in rows)) if rows else len(h) for h in header]
    click.echo("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        click.echo("  ".join(str(row[h]).ljust(w) for h, w in zip(header, widths, strict=True)))


def tally(found: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    """Rows of (keys..., incidents, low and high sums of killed and civilians killed)."""
    groups: dict[tuple[str, ...], dict[str, Any]] = defaultdict(
        lambda: {"incidents": 0, "killed_low": 0, "killed_high": 0, "civilians_low": 0,
                 "civilians_high": 0}
    )
    for inc in found:
        key = tuple(_key(inc, k) for k in keys)
        g = groups[key]
        g["incidents"] += 1
        counts = inc.get("counts") or {}
        for name, field in (("killed", "killed"), ("civilians", "civilians_killed")):
            r = counts.get(field) or {}
            low = r.get("low") or 0
            high = r.get("high") if r.get("high") is not None else low
            g[f"{name}_low"] += low
            g[f"{name}_high"] += high or 0
    return [dict(zip(keys, k, strict=True)) | v for k, v in sorted(groups.items())]


def _key(inc: dict[str, Any], key: str) -> str:
    if key == "perpetrator":
        return (inc.get("perpetrators") or ["none named"])[0]
    if key in ("month", "year"):
        d = inc.get("date")
        return (d[:7] if key == "month" else d[:4]) if d else "undated"
    if key == "place":
        return inc.get("place_std") or inc.get("place") or "unknown"
    return inc.get(key) or "unknown"


@click.command("ask")
@click.argument("question")
@db_option
@click.option("--json", "as_json", is_flag=True)
def ask_command(question: str, db: str, as_json: bool) -> None:
    """Answer a question such as "Who is responsible for the killing of civilians in Al-Baghuz
    on 18 January 2019?" from the ledger, quoting every source."""
    from civcas.ask import ask

    answer = ask(question, _open(db))
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(answer.text())


@click.command("export")
@click.option("--format", "fmt", default="incidents", show_default=True,
              type=click.Choice(list(FORMATS)),
              help="; ".join(f"{name}: {f.description}" for name, f in FORMATS.items()))
@click.option("-o", "--output", default="-", show_default=True, help="File to write; - stdout.")
@click.option("--no-names", is_flag=True, help="Leave victims' names out (personal data).")
@db_option
@_filters
def export_command(fmt: str, output: str, no_names: bool, db: str, place: str | None,
                   admin1: str | None, perpetrator: str | None, since: Any, until: Any,
                   grade: str | None) -> None:
    """Write the ledger in a format other tools read (filters apply to incident formats)."""
    ledger = _open(db)
    where = _where(place, admin1, perpetrator, since, until, grade)
    if fmt == "claims":
        records: Any = ledger.reports_with_claims()
    elif fmt == "victims":
        records = ledger.persons()
        if where != IncidentFilter():  # the incident filters pick the persons' incidents
            chosen = {inc["id"] for inc in ledger.incidents(where)}
            records = [p for p in records if chosen & set(p["incidents"])]
    else:
        records = ledger.incidents(where)
    if output != "-":
        Path(output).parent.mkdir(parents=True, exist_ok=True)
    out: TextIO = sys.stdout if output == "-" else open(  # noqa: SIM115
        output, "w", encoding="utf-8", newline="")
    try:
        result = write(fmt, records, out, names=not no_names)
    finally:
        if out is not sys.stdout:
            out.close()
    skipped = f", {result.skipped} skipped ({result.reason})" if result.skipped else ""
    click.echo(f"{result.written} record(s){skipped} -> {output}", err=True)


@click.command("history")
@click.argument("entity_id", required=False)
@db_option
def history_command(entity_id: str | None, db: str) -> None:
    """The append-only history of the ledger (of one report, claim or incident if given)."""
    for h in _open(db).history(entity_id):
        detail = json.dumps(h["detail"], ensure_ascii=False) if h["detail"] else ""
        click.echo(f"{h['at']}  {h['run'] or '-'}  {h['entity']:<8} {h['id']}  {h['action']}"
                   f"  {detail}")


COMMANDS = (run_command, incidents_command, show_command, tally_command, ask_command,
            victims_command, export_command, history_command)
