"""The `incidents` command line: it parses options and calls the run; no extraction logic lives here."""
from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract ACLED-style incident records from French news articles.")
err = Console(stderr=True)


def parse_columns(value: str | None) -> dict[str, str]:
    """`text=body,published=date` → {"text": "body", "published": "date"}."""
    if not value:
        return {}
    mapping = {}
    for pair in value.split(","):
        if "=" not in pair:
            raise typer.BadParameter(f"expected FIELD=COLUMN pairs separated by commas, got {pair!r}")
        field, column = (part.strip() for part in pair.split("=", 1))
        if field not in {"id", "text", "published", "title", "url", "outlet", "lang"}:
            raise typer.BadParameter(f"unknown field {field!r}; expected id, text, published, title, url, outlet or lang")
        mapping[field] = column
    return mapping


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def summary_table(manifest: dict, out_dir: Path) -> Table:
    counts = manifest["counts"]
    table = Table(title=f"incidents extract → {out_dir}", show_header=True)
    table.add_column("articles")
    table.add_column("count", justify="right")
    for key in ("read", "with_incidents", "no_incident", "triaged_out", "rejected", "skipped_already_done"):
        table.add_row(key.replace("_", " "), str(counts.get(key, 0)))
    for reason, number in counts["rejects_by_reason"].items():
        table.add_row(f"  rejected: {reason}", str(number))
    table.add_section()
    table.add_row("records (all mentions)", str(counts["records"]))
    for mention, number in counts["records_by_mention"].items():
        table.add_row(f"  {mention}", str(number))
    table.add_section()
    for event_type, number in counts["records_by_event_type"].items():
        table.add_row(f"new: {event_type}", str(number))
    return table


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="JSONL/JSON/CSV/TSV files, folders of them or of .txt files; .gz/.bz2/.xz/.zst too.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for incidents.jsonl, rejects.jsonl, articles.jsonl and manifest.json.")] = Path("out"),
    db: Annotated[Optional[Path], typer.Option("--db", help="Also write the SQLite events dataset at this path.")] = None,
    published: Annotated[Optional[str], typer.Option("--published", help="Publication date (YYYY-MM-DD) for articles that have none (and for .txt files).")] = None,
    columns: Annotated[Optional[str], typer.Option("--columns", help="CSV column mapping, e.g. text=body,published=date,id=uid.")] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", help="Articles longer than this many characters are rejected (too_long).")] = 200_000,
    config: Annotated[Optional[Path], typer.Option("--config", help="Pipeline config file (default: pipeline/default.cfg).")] = None,
    triage: Annotated[bool, typer.Option("--triage/--no-triage", help="Skip the parse of articles with no conflict vocabulary.")] = True,
    processes: Annotated[int, typer.Option("--processes", min=1, help="Worker processes for the local engine (each loads the pipeline once).")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles to parse per nlp.pipe batch (triaged-out articles take no place in it).")] = 32,
    engine: Annotated[str, typer.Option("--engine", help="local or dask.")] = "local",
    workers: Annotated[int, typer.Option("--workers", min=1, help="Dask LocalCluster workers (when no --scheduler).")] = 2,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786.")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Start afresh instead of resuming what --out already holds.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Stream articles through the pipeline; resume where an earlier run into the same --out stopped."""
    from pipeline.readers import InputError, ReadOptions
    from pipeline.run import RunOptions, run_extraction

    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"--engine must be local or dask, not {engine!r}")
    options = RunOptions(read=ReadOptions(fallback_published=parse_date(published), max_chars=max_chars,
                                          columns=parse_columns(columns)),
                         config_path=config, triage=triage, batch_size=batch_size, processes=processes,
                         engine=engine, workers=workers, scheduler=scheduler)
    extra_sinks = []
    if db is not None:
        from pipeline.dataset import DatasetSink

        extra_sinks.append(DatasetSink(db))
    show_progress = not quiet and sys.stderr.isatty()
    started = time.monotonic()
    try:
        if show_progress:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            with Progress(SpinnerColumn(), TextColumn("{task.completed} articles"), TextColumn("{task.fields[rate]:.1f}/s"),
                          TimeElapsedColumn(), console=err, transient=True) as progress:
                task = progress.add_task("extract", total=None, rate=0.0)

                def advance(_outcome) -> None:
                    done = progress.tasks[task].completed + 1
                    progress.update(task, completed=done, rate=done / max(time.monotonic() - started, 1e-6))

                manifest = run_extraction(inputs, out, options, overwrite=overwrite, on_outcome=advance, extra_sinks=extra_sinks)
        else:
            manifest = run_extraction(inputs, out, options, overwrite=overwrite, extra_sinks=extra_sinks)
    except InputError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(1)
    if not quiet:
        err.print(summary_table(manifest, out))
        err.print(f"records: {out / 'incidents.jsonl'}  rejects: {out / 'rejects.jsonl'}  manifest: {out / 'manifest.json'}"
                  + (f"  dataset: {db}" if db else ""))
        if db is not None:
            from pipeline.dataset import connect
            from pipeline.exports import dataset_stats

            summary = dataset_stats(connect(db))
            err.print(f"dataset {db}: {summary['events']} events ({summary['events_with_several_sources']} with several sources), "
                      f"{summary['fatalities']} fatalities; articles {summary['articles_by_status']}")


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def print_score(summary: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary))
        return
    table = Table(title=f"{summary['articles']} gold articles: {summary['gold_new']} new incidents, {summary['pred_new']} new records")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in summary["detection"].items():
        table.add_row(f"detection {key}", f"{value:.3f}")
    for key, value in summary["fields"].items():
        table.add_row(f"field {key}", f"{value:.3f}")
    table.add_row("mention accuracy", f"{summary['mention_accuracy']:.3f}")
    Console().print(table)


def print_misses(score) -> None:
    def brief_gold(g):
        return {k: g.get(k) for k in ("date_start", "date_end", "place", "killed", "injured", "perpetrator", "sub_event_type", "date_text")} if g else None

    def brief_record(r):
        if not r:
            return None
        return {"date": r["date"]["start"], "end": r["date"]["end"], "place": r["location"]["place"],
                "admin1": r["location"]["admin1_iso"], "killed": r["killed"]["value"], "injured": r["injured"]["value"],
                "perp": r["perpetrator"]["name"], "sub": r["sub_event_type"], "mention": r["mention"]}

    for miss in score.misses:
        print(f"{miss.article_id} {miss.what} gold={json.dumps(brief_gold(miss.gold), ensure_ascii=False)} "
              f"pred={json.dumps(brief_record(miss.record), ensure_ascii=False, default=str)}", file=sys.stderr)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", exists=True, dir_okay=False, help="Gold articles (JSONL, GOLD_FORMAT.md).")],
    misses: Annotated[bool, typer.Option("--misses", help="List every missed, spurious and wrong field to stderr.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON line.")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", help="Pipeline config file.")] = None,
    save: Annotated[Optional[Path], typer.Option("--save", help="Also write the predicted records here (JSONL).")] = None,
    triage: Annotated[bool, typer.Option("--triage/--no-triage", help="Run the triage as extract does (--no-triage: parse every article whole).")] = True,
) -> None:
    """Run the pipeline over gold articles and score it (same numbers as shared/tools/score.py)."""
    from pipeline.eval_run import predict_gold
    from pipeline.evaluate import score_articles

    gold_articles = _read_jsonl(gold)
    records = predict_gold(gold_articles, config_path=config, triage=triage)
    if save is not None:
        with open(save, "w", encoding="utf-8") as handle:
            for article_records in records.values():
                for record in article_records:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    score = score_articles(gold_articles, records)
    if misses:
        print_misses(score)
    print_score(score.summary(), as_json)


@app.command("score")
def score_command(
    gold: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Gold articles (JSONL).")],
    predictions: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Records (incidents.jsonl).")],
    misses: Annotated[bool, typer.Option("--misses", help="List misses to stderr.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line.")] = False,
) -> None:
    """Score existing records against gold articles without running the pipeline."""
    from pipeline.evaluate import score_articles

    by_article: dict[str, list[dict]] = {}
    for record in _read_jsonl(predictions):
        by_article.setdefault(str(record.get("article_id")), []).append(record)
    score = score_articles(_read_jsonl(gold), by_article)
    if misses:
        print_misses(score)
    print_score(score.summary(), as_json)


@app.command()
def export(
    db: Annotated[Path, typer.Option("--db", exists=True, dir_okay=False, help="The events dataset (SQLite).")],
    format: Annotated[str, typer.Option("--format", help="acled-csv, geojson or jsonl.")] = "acled-csv",
    date_from: Annotated[Optional[str], typer.Option("--from", help="First event date (YYYY-MM-DD), inclusive.")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="Last event date (YYYY-MM-DD), inclusive.")] = None,
    country: Annotated[Optional[str], typer.Option("--country", help="ISO 3166-1 alpha-2 code.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Output file (default: standard output).")] = None,
) -> None:
    """Export the dataset's events as ACLED-layout CSV, GeoJSON or JSONL."""
    from pipeline.dataset import connect
    from pipeline.exports import WRITERS, select_events

    if format not in WRITERS:
        raise typer.BadParameter(f"--format must be one of {', '.join(WRITERS)}, not {format!r}")
    connection = connect(db)
    events = select_events(connection, parse_date(date_from), parse_date(date_to), country)
    if out is None:
        count = WRITERS[format](events, sys.stdout)
    else:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            count = WRITERS[format](events, handle)
    err.print(f"{count} events exported" + (f" to {out}" if out else ""))


@app.command()
def stats(db: Annotated[Path, typer.Option("--db", exists=True, dir_okay=False, help="The events dataset (SQLite).")],
          as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False) -> None:
    """Summary of a dataset: events by month, country and type; fatalities; articles by status."""
    from pipeline.dataset import connect
    from pipeline.exports import dataset_stats

    summary = dataset_stats(connect(db))
    if as_json:
        print(json.dumps(summary, ensure_ascii=False))
        return
    console = Console()
    for key, value in summary.items():
        if isinstance(value, dict):
            table = Table(title=key.replace("_", " "))
            table.add_column("key")
            table.add_column("count", justify="right")
            for k, v in value.items():
                table.add_row(str(k), str(v))
            console.print(table)
        else:
            console.print(f"{key.replace('_', ' ')}: {value}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the incident record."""
    from models import IncidentRecord

    print(json.dumps(IncidentRecord.model_json_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    app()
