"""Show how the pipeline reads one article: per sentence, its cues, dates, counts, entities and whether it
became an event mention (and of which kind), then the incidents. For reading misses, not for tests.

usage: python scripts/explain_article.py GOLD_OR_INPUT.jsonl ARTICLE_ID"""
import json
import sys
from datetime import date

from pipeline.clean import clean_article
from pipeline.incident_assembly import build_mentions, ext, load_assembly_data, sentence_facts
from pipeline.nlp import load_pipeline


def main(path: str, article_id: str) -> None:
    article = next(json.loads(l) for l in open(path, encoding="utf-8") if json.loads(l)["id"] == article_id)
    nlp = load_pipeline()
    doc = nlp.make_doc(clean_article(article["text"]).text)
    doc._.publication_date = date.fromisoformat(article["published"][:10])
    doc = nlp(doc)
    data = load_assembly_data()
    mentions = {m.facts.index: m for m in build_mentions(doc, sentence_facts(doc), data)}
    print("published", article["published"], date.fromisoformat(article["published"][:10]).strftime("%A"))
    for facts in sentence_facts(doc):
        m = mentions.get(facts.index)
        print(f"\n[{facts.index}] {'MENTION ' + m.kind if m else '-'}: {facts.span.text[:300]}")
        print("   cues:", [(c.text, ext(c, 'cue'), 'S' if ext(c, 'cue_strong') else 'w') for c in facts.cues])
        print("   dates:", [(d.text, str(ext(d, 'event_date')), str(ext(d, 'date_end')), ext(d, 'date_kind')) for d in facts.dates])
        print("   counts:", [(c.text, ext(c, 'casualty_kind'), ext(c, 'casualty_count'), ext(c, 'casualty_aggregate')) for c in facts.casualties])
        print("   entities:", [(e.text, e.label_, ext(e, 'country_iso2'), ext(e, 'admin1_iso'), ext(e, 'actor_name')) for e in facts.entities])
    print()
    for incident in doc._.incidents:
        print(json.dumps({k: incident[k] for k in ("mention", "sub_event_type", "date", "location", "perpetrator")}, default=str, ensure_ascii=False))
    for gold in article.get("incidents", []):
        print("GOLD", gold["primary"], gold["aggregate"], gold["sub_event_type"], gold["date_start"], gold["place"], gold["killed"], gold["perpetrator"])


if __name__ == "__main__":
    main(*sys.argv[1:3])
