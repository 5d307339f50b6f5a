"""`make bench`: one run, one machine, everything compared with bare fr_core_news_md measured in the same run
(these machines are noisy, so only ratios are meaningful). Prints a table and writes JSON under bench/results/."""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

import spacy

from models import Article

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3


def load_articles(corpus: Path, minimum: int) -> list[Article]:
    raw = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = []
    copy = 0
    while len(articles) < minimum:
        for n, item in enumerate(raw):
            articles.append(Article(id=f"{item['id']}-{copy}", text=item["text"], published=date.fromisoformat(item["published"][:10]),
                                    input_file="bench", line=copy * len(raw) + n + 1))
        copy += 1
    return articles


def write_dump(articles: list[Article], path: Path, times: int) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for copy in range(times):
            for a in articles:
                handle.write(json.dumps({"id": f"{a.id}-{copy}", "text": a.text + f"\n(copie {copy})", "published": a.published.isoformat()}, ensure_ascii=False) + "\n")
    return path


def timed(label: str, function, runs: int = 2):
    """The least time of `runs` runs (noise only ever adds time) and the last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    print(f"  {label}: {best:.1f} s (best of {runs})", file=sys.stderr, flush=True)
    return best, result


def run_stages(nlp, articles, *, triage: bool, processes: int = 1):
    from pipeline.process import process_articles
    from pipeline.triage import load_triage

    if processes > 1:
        from pipeline.engines.processes import process_with_processes

        return list(process_with_processes(iter(articles), processes=processes, config_path=None, triage=triage))
    return list(process_articles(nlp, articles, triage=load_triage() if triage else None))


def new_records(outcomes) -> set:
    return {(o.article_id, r.sub_event_type, str(r.date.start), r.location.place) for o in outcomes for r in o.records if r.mention == "new"}


def child_peak_rss_mb(command: list[str]) -> float:
    """Peak RSS of a command run in a fresh process (its own and its children's)."""
    script = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    output = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True, check=True)
    return int(output.stdout.strip()) / 1024


def time_to_first_record(dump: Path, out_dir: Path, cache_dir: Path | None = None) -> float:
    """Seconds from starting `incidents extract` in a fresh process until incidents.jsonl holds a record; with
    `cache_dir`, the compiled-regex cache (pipeline/regex_cache.py) is read from and written to that folder."""
    env = dict(os.environ, INCIDENTS_CACHE_DIR=str(cache_dir)) if cache_dir else None
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "extract", str(dump), "--out", str(out_dir), "--quiet", "--overwrite"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    incidents = out_dir / "incidents.jsonl"
    try:
        while process.poll() is None:
            if incidents.exists() and incidents.stat().st_size > 0:
                return time.perf_counter() - started
            time.sleep(0.02)
        return time.perf_counter() - started if incidents.exists() and incidents.stat().st_size else float("nan")
    finally:
        process.kill()
        process.wait()


def start_figures(dump: Path, tmp: Path, runs: int = 3) -> dict:
    """Start to first record, cold (an empty regex cache: the first run on a machine) and warm (best of
    `runs`, the cache filled), each in a fresh process."""
    cold = [time_to_first_record(dump, tmp / f"cold{n}", cache_dir=tmp / f"empty-cache-{n}") for n in range(runs)]
    time_to_first_record(dump, tmp / "fill")  # fills the user's cache if no run did yet
    warm = [time_to_first_record(dump, tmp / f"warm{n}") for n in range(runs)]
    print(f"  start to first record: cold {cold}, warm {warm}", file=sys.stderr, flush=True)
    return {"start_to_first_record_s": round(min(warm), 2), "start_to_first_record_cold_s": round(min(cold), 2),
            "start_to_first_record_runs_s": {"cold": [round(t, 2) for t in cold], "warm": [round(t, 2) for t in warm]}}


def triage_recall(corpus: Path) -> None:
    """New-incident recall of a run with triage against a full pass, over the corpus as it is, with the misses."""
    from pipeline.nlp import load_pipeline

    raw = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = load_articles(corpus, len(raw))[: len(raw)]
    nlp = load_pipeline()
    full, kept = new_records(run_stages(nlp, articles, triage=False)), new_records(run_stages(nlp, articles, triage=True))
    recall = len(full & kept) / len(full) if full else 1.0
    print(json.dumps({"corpus": str(corpus), "articles": len(articles), "new_records_full": len(full),
                      "new_records_triage": len(kept), "new_incident_recall_vs_full": round(recall, 3)}))
    for record in sorted(full - kept):
        print(f"  missed with triage: {record}", file=sys.stderr)
    for record in sorted(kept - full):
        print(f"  only with triage:   {record}", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bench.jsonl")
    parser.add_argument("--articles", type=int, default=2000, help="repeat the corpus to at least this many articles")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: processes,dask,rss,components")
    parser.add_argument("--recall-only", action="store_true",
                        help="no timing: only the new-incident recall of triage against a full pass over --corpus")
    args = parser.parse_args(argv)
    if args.recall_only:
        triage_recall(args.corpus)
        return
    skip = set(filter(None, args.skip.split(",")))
    from pipeline.nlp import load_pipeline, model_ops, read_config

    articles = load_articles(args.corpus, args.articles)
    texts = [a.text for a in articles]
    print(f"bench: {len(articles)} articles from {args.corpus}", file=sys.stderr)
    results: dict = {"articles": len(articles), "cores": os.cpu_count(), "machine": platform.machine(),
                     "python": platform.python_version(), "spacy": spacy.__version__,
                     "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "rows": {}}

    load_started = time.perf_counter()
    bare = spacy.load("fr_core_news_md")
    results["bare_load_s"] = round(time.perf_counter() - load_started, 2)
    list(bare.pipe(texts[:30]))  # warm-up: first batches pay for lazy initialisation
    bare_time, docs = timed("bare fr_core_news_md", lambda: list(bare.pipe(texts, batch_size=32)), runs=1)
    tokens = sum(len(d) for d in docs)
    del docs
    load_started = time.perf_counter()
    nlp = load_pipeline()
    results["pipeline_load_s"] = round(time.perf_counter() - load_started, 2)
    run_stages(nlp, articles[:30], triage=False)
    # the bare model built with the same array backend as the pipeline (default.cfg: use_blis): the ratios against
    # it tell what the pipeline adds and what triage saves, apart from the faster matrix products
    with model_ops(read_config()["pipeline"]):
        bare_same_ops = spacy.load("fr_core_news_md")
    list(bare_same_ops.pipe(texts[:30]))
    same_ops_time = float("inf")

    def row(name, seconds, extra=None):
        results["rows"][name] = {"seconds": round(seconds, 2), "articles_per_s": round(len(articles) / seconds, 1),
                                 "tokens_per_s": round(tokens / seconds), "ratio_to_bare": round(bare_time / seconds, 2), **(extra or {})}

    # bare, full, triage and the 2-process engine are timed in alternation, best of ROUNDS rounds each, so that the
    # drift of a noisy machine (its speed changes by 20 % from one minute to the next) favours none of them; the
    # engine is started and warmed once, then timed on the dump: the steady rate, not the start-up
    full_time = triage_time = two_time = float("inf")
    engine = None
    if "processes" not in skip:
        from pipeline.engines.processes import ProcessEngine

        engine = ProcessEngine(2, triage=True).__enter__()
        list(engine.run(iter(articles[:256])))
    try:
        for _ in range(ROUNDS):
            bare_time = min(bare_time, timed("bare fr_core_news_md", lambda: list(bare.pipe(texts, batch_size=32)), runs=1)[0])
            same_ops_time = min(same_ops_time, timed("bare fr_core_news_md, pipeline's array backend",
                                                     lambda: list(bare_same_ops.pipe(texts, batch_size=32)), runs=1)[0])
            seconds, full = timed("full pipeline", lambda: run_stages(nlp, articles, triage=False), runs=1)
            full_time = min(full_time, seconds)
            seconds, triaged = timed("full pipeline + triage", lambda: run_stages(nlp, articles, triage=True), runs=1)
            triage_time = min(triage_time, seconds)
            if engine is not None:
                two_time = min(two_time, timed("2 processes + triage", lambda: list(engine.run(iter(articles))), runs=1)[0])
    finally:
        if engine is not None:
            engine.__exit__(None, None, None)
    row("bare fr_core_news_md", bare_time)
    row("bare fr_core_news_md, pipeline's array backend", same_ops_time)
    row("full pipeline", full_time, {"ratio_to_bare_same_backend": round(same_ops_time / full_time, 2)})
    found, kept = new_records(full), new_records(triaged)
    recall = len(found & kept) / len(found) if found else 1.0
    row("full pipeline + triage", triage_time, {"ratio_to_bare_same_backend": round(same_ops_time / triage_time, 2),
                                                 "new_incident_recall_vs_full": round(recall, 3),
                                                 "triaged_out": sum(1 for o in triaged if o.reason == "triaged_out")})
    if engine is not None:
        row("2 processes + triage", two_time, {"speedup_vs_1_process": round(triage_time / two_time, 2)})
    if "dask" not in skip:
        from pipeline.engines.dask_engine import DaskEngine

        with DaskEngine(workers=2, triage=True) as engine:
            list(engine.run(iter(articles[:256])))
            dask_time, _ = timed("dask LocalCluster 2 workers + triage", lambda: list(engine.run(iter(articles))))
        row("dask LocalCluster 2 workers + triage", dask_time, {"speedup_vs_1_process": round(triage_time / dask_time, 2)})
    if "components" not in skip:
        results.update(component_costs(articles[: min(len(articles), 440)], bare))
    if "rss" not in skip:
        with tempfile.TemporaryDirectory() as tmp:
            unique = articles[: len(articles)]
            one = write_dump(unique, Path(tmp) / "x1.jsonl", 1)
            four = write_dump(unique, Path(tmp) / "x4.jsonl", 4)
            command = [sys.executable, "-m", "pipeline.cli", "extract", "--quiet", "--overwrite", "--out"]
            rss1 = child_peak_rss_mb(command + [str(Path(tmp) / "o1"), str(one)])
            rss4 = child_peak_rss_mb(command + [str(Path(tmp) / "o4"), str(four)])
            results["peak_rss_mb"] = {"1x": round(rss1), "4x": round(rss4), "ratio_4x_to_1x": round(rss4 / rss1, 3)}
            results.update(start_figures(one, Path(tmp)))
    print_table(results)
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"bench-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results: {path}", file=sys.stderr)


def best_of(runs: int, function) -> float:
    """The least of several timings: noise only ever adds time."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def component_costs(articles: list[Article], bare) -> dict:
    """Time added by each of our components to the base model as the config builds it (without the parts it
    excludes, on its array backend), each measured alone on the docs the components before it annotated; and how
    much faster that base model is than the bare one."""
    from pipeline.nlp import model_ops, read_config, register_components

    settings = read_config()["pipeline"]
    names = list(settings.get("first_components", [])) + list(settings["components"])
    register_components(names)
    texts = [a.text for a in articles]
    with model_ops(settings):
        base = spacy.load(settings["base_model"], exclude=list(settings["exclude"]))
    for name in names:
        if name in settings.get("first_components", []):
            base.add_pipe(name, first=True)
        else:
            base.add_pipe(name)

    def docs():
        out = []
        for text, article in zip(texts, articles):
            doc = base.make_doc(text)
            doc._.publication_date = article.published
            out.append(doc)
        return out

    ours = set(names)
    statistical = [n for n in base.pipe_names if n not in ours]
    with base.select_pipes(enable=statistical):
        base_time = best_of(2, lambda: list(base.pipe(docs(), batch_size=32)))
    with base.select_pipes(enable=statistical + names):
        annotated = list(base.pipe(docs(), batch_size=32))
    bare_time = best_of(2, lambda: list(bare.pipe(texts, batch_size=32)))
    costs = {}
    make_docs = best_of(3, docs)
    for name in names:
        component = base.get_pipe(name)
        if name in settings.get("first_components", []):  # runs before the parser: measured on fresh docs
            seconds = max(best_of(3, lambda: [component(doc) for doc in docs()]) - make_docs, 0.0)
        else:
            seconds = best_of(3, lambda: [component(doc) for doc in annotated])
        costs[name] = round(seconds / base_time, 4)
        print(f"  {name}: +{100 * costs[name]:.1f} % of the base model", file=sys.stderr, flush=True)
    return {"component_added_fraction_vs_base": costs, "base_model_speedup_vs_bare": round(bare_time / base_time, 3),
            "excluded": list(settings["exclude"])}


def print_table(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{results['articles']} articles, {results['cores']} cores (ratios against bare fr_core_news_md, same run)")
    for column in ("run", "s", "articles/s", "tokens/s", "× bare", "notes"):
        table.add_column(column, justify="left" if column in ("run", "notes") else "right")
    for name, row in results["rows"].items():
        notes = ", ".join(f"{k}={v}" for k, v in row.items() if k not in ("seconds", "articles_per_s", "tokens_per_s", "ratio_to_bare"))
        table.add_row(name, str(row["seconds"]), str(row["articles_per_s"]), str(row["tokens_per_s"]), str(row["ratio_to_bare"]), notes)
    console = Console()
    console.print(table)
    for key in ("bare_load_s", "pipeline_load_s", "base_model_speedup_vs_bare", "excluded", "component_added_fraction_vs_base", "peak_rss_mb",
                "start_to_first_record_s", "start_to_first_record_cold_s"):
        if key in results:
            console.print(f"{key}: {results[key]}")


if __name__ == "__main__":
    main()
