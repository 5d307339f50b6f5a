"""The cleaner's offset map, kept as pieces: every character still maps to where it came from, through the
HTML stage, boilerplate removal and the triage's choice of passages."""
import random
from array import array

import pytest

from pipeline.clean import CleanText, clean_article

ARTICLES = [
    "Des tirs d'obus ont visé mardi un quartier de Kharkiv.\nLire aussi : autre sujet\n"
    "Deux civils ont été blessés, selon le gouverneur.\nAvec AFP",
    "<p>Un drone a frappé l&#39;entrepôt <b>mardi</b> &amp; la gare.</p><p>Trois employés ont été tués.</p>"
    "<!-- note --><div>Le bilan pourrait s&#8217;alourdir.</div>",
    "  Une embuscade a coûté la vie à six soldats\u00a0mardi.  \n\n  Le convoi venait de Djibo.  \n"
    "Une embuscade a coûté la vie à six soldats\u00a0mardi.  \n",
]


def reference_map(clean: CleanText, original: str) -> bool:
    """A character that was not decoded or inserted maps to one original character equal to it."""
    for index, char in enumerate(clean.text):
        start, end = clean.to_original(index, index + 1)
        if end - start == 1 and original[start] != char and char != "\n":
            return False
    return True


@pytest.mark.parametrize("original", ARTICLES)
def test_every_character_maps_back_to_its_origin(original):
    clean = clean_article(original)
    assert reference_map(clean, original)
    assert list(clean.starts) == [clean.to_original(i, i + 1)[0] for i in range(len(clean.text))]
    assert list(clean.ends) == [clean.to_original(i, i + 1)[1] for i in range(len(clean.text))]


@pytest.mark.parametrize("original", ARTICLES)
def test_chosen_passages_keep_the_map_of_each_character(original):
    clean = clean_article(original)
    rng = random.Random(7)
    for _ in range(20):
        cuts = sorted(rng.sample(range(len(clean.text) + 1), 4))
        ranges = [(cuts[0], cuts[1]), (cuts[2], cuts[3])]
        chosen = clean.pieces_of(ranges, separator="\n")
        starts, ends, parts = array("l"), array("l"), []
        for begin, end in ranges:
            if parts:
                parts.append("\n")
                starts.append(clean.ends[begin - 1] if begin else 0)
                ends.append(clean.starts[begin])
            parts.append(clean.text[begin:end])
            starts.extend(clean.starts[begin:end])
            ends.extend(clean.ends[begin:end])
        assert chosen.text == "".join(parts)
        assert list(chosen.starts) == list(starts) and list(chosen.ends) == list(ends)


def test_a_map_given_per_character_becomes_pieces_with_the_same_offsets():
    starts = [0, 1, 2, 10, 10, 10, 11, 12, 20]
    ends = [1, 2, 3, 11, 11, 11, 12, 13, 25]
    text = "abcdefghi"
    clean = CleanText.from_arrays(text, starts, ends, 30)
    assert list(clean.starts) == starts and list(clean.ends) == ends
    assert clean.to_original(2, 2) == (2, 2) and clean.to_original(9, 9) == (30, 30)
