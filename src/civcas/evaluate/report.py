"""A fixed-width table of `Scores` for the terminal: what a coder reads after `civcas eval`."""

from __future__ import annotations

from civcas.evaluate.score import Counts, FieldScore, Scores

_LABELS: dict[str, str] = {"victim_names": "victim_names (per name)"}
_WIDTH = 26
_SHOWN_IDS = 10


def _num(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def _row(label: str, s: Counts, acc: float | None, support: int | str) -> str:
    return (f"{label:<{_WIDTH}} {_num(s.precision)}  {_num(s.recall)}  {_num(s.f1)}  "
            f"{_num(acc)}  {support:>7}")


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:_SHOWN_IDS])
    return shown + (f", ... ({len(ids) - _SHOWN_IDS} more)" if len(ids) > _SHOWN_IDS else "")


def format_scores(scores: Scores) -> str:
    """The scores as a table: incident detection first, then every field, then linking.

    P/R/F1 are over matched incidents (module doc of `civcas.evaluate.score`); `acc` is the
    accuracy over matched incidents counting both-null as right; `-` means undefined (0/0).
    """
    lang = f" [lang {scores.lang}]" if scores.lang else ""
    lines = [
        f"civcas eval{lang}: {scores.reports} report(s) "
        f"({scores.negative_reports} without incidents, "
        f"{scores.negative_reports_with_predictions} of them with predicted incidents), "
        f"{scores.gold_incidents} gold incident(s), {scores.pred_incidents} predicted, "
        f"{scores.matched} matched",
        "",
        f"{'field':<{_WIDTH}} {'P':>5}  {'R':>5}  {'F1':>5}  {'acc':>5}  {'support':>7}",
        "-" * (_WIDTH + 36),
        _row("incident detection", scores.detection, None,
             scores.detection.tp + scores.detection.fn),
        "-" * (_WIDTH + 36),
    ]
    for name, s in scores.fields.items():
        assert isinstance(s, FieldScore)
        lines.append(_row(_LABELS.get(name, name), s, s.accuracy, s.support))
    if scores.linking is not None:
        link = scores.linking
        lines.append("-" * (_WIDTH + 36))
        lines.append(
            f"{'linking (B-cubed)':<{_WIDTH}} {_num(link.precision)}  {_num(link.recall)}  "
            f"{_num(link.f1)}  {_num(None)}  {link.items:>7}"
        )
        lines.append(f"  {link.gold_clusters} gold cluster(s), "
                     f"{link.pred_clusters} predicted incident(s) over the gold items")
    if scores.missing_report_ids:
        lines.append("")
        lines.append(f"missing from predictions (all incidents missed): "
                     f"{_ids(scores.missing_report_ids)}")
    if scores.unknown_pred_ids:
        lines.append("")
        lines.append(f"predicted reports not in gold (ignored): {_ids(scores.unknown_pred_ids)}")
    return "\n".join(lines)
