"""Synthetic councils (``strategygraph synth``) and building a folder of councils into one graph."""

from __future__ import annotations

import csv
import re
import shutil
import statistics
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

import strategygraph as sg
from strategygraph.build.schema import TABLES
from strategygraph.cli import cli
from strategygraph.errors import InputError, InputErrors
from strategygraph.graphfile import union
from strategygraph.synth import due_wording, generate_council, generate_councils, write_councils
from strategygraph.terms import ID_BASE, SG

from .conftest import REPO


def _rows(folder: Path, kind: str) -> list[dict[str, str]]:
    rows = []
    for path in sorted(folder.glob(f"{kind}*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows += list(csv.DictReader(f))
    return rows


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    """Twelve councils of seed 11, written once for the checks that only read files."""
    out = tmp_path_factory.mktemp("synth") / "councils"
    write_councils(generate_councils(12, seed=11), out)
    return out


@pytest.mark.parametrize("seed", [0, 7])
def test_every_generated_council_builds_and_validates(tmp_path, seed):
    folders = write_councils(generate_councils(3, seed=seed), tmp_path)
    for folder in folders:
        ds = sg.build_graph(folder)
        report = sg.validate(ds)
        assert report.violations == [], report.text()
        assert report.conforms
        assert 700 <= report.triples <= 2000, (folder.name, report.triples)
    # the folder of councils as one dataset
    report = sg.validate(sg.build_graph(tmp_path))
    assert report.conforms and report.violations == [], report.text()


def test_same_seed_gives_identical_files_and_another_seed_does_not(tmp_path):
    a, b, c = (write_councils(generate_councils(3, seed=s), tmp_path / name) for s, name in
               ((5, "a"), (5, "b"), (6, "c")))
    files_a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.csv")}
    files_b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.csv")}
    files_c = {p.relative_to(tmp_path / "c"): p.read_bytes() for p in (tmp_path / "c").rglob("*.csv")}
    assert len(files_a) >= 3 * 15
    assert files_a == files_b
    assert files_a != files_c
    assert [p.name for p in a] == [p.name for p in b]


def test_councils_are_the_same_whatever_the_run_size():
    assert generate_councils(2, seed=3) == generate_councils(6, seed=3)[:2]
    ids = [c.id for c in generate_councils(120, seed=3)]
    assert len(set(ids)) == 120
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)


def test_files_are_data_folders_of_the_documented_format(written):
    wanted = {"council", "sources", "plans", "priorities", "commitments", "groups", "workstreams", "posts",
              "people", "aliases", "recommendations", "actions", "milestones", "updates", "alignments"}
    for folder in sorted(written.iterdir()):
        kinds = set()
        for path in folder.glob("*.csv"):
            kind = re.split(r"[-.]", path.name, maxsplit=1)[0]
            kinds.add(kind)
            with path.open(encoding="utf-8", newline="") as f:
                header = next(csv.reader(f))
            assert set(header) <= set(TABLES[kind].columns), path
            assert TABLES[kind].required <= set(header), path
        assert wanted <= kinds, folder.name
        plans = {r["kind"] for r in _rows(folder, "plans")}
        assert {"CouncilPlan", "StrategicFramework", "ActionPlan", "DeliveryPlan"} <= plans
        priorities = [r["kind"] for r in _rows(folder, "priorities")]
        assert priorities.count("Priority") == 4 and priorities.count("Theme") == 3
        assert 4 <= len(_rows(folder, "groups")) <= 6
        note = _rows(folder, "council")[0]["note"]
        assert "Synthetic" in note and "not a real authority" in note


def test_action_plan_has_three_versions_with_moving_dates_and_worsening_ratings(written):
    due_moved = worsened = not_rated = parts = post_leads = 0
    for folder in sorted(written.iterdir()):
        versions = [r["id"] for r in _rows(folder, "sources") if r["plan"] == "peer-challenge"]
        assert len(versions) == 3
        dues: dict[str, list[str]] = defaultdict(list)
        for r in _rows(folder, "actions"):
            if r["source"] in versions:
                dues[r["id"]].append(r["due_end"])
        due_moved += sum(len(set(d)) > 1 for d in dues.values())
        assert max(len(d) for d in dues.values()) == 3  # one row per version
        rank = {"Green": 0, "Complete": 0, "Amber": 1, "Red": 2}
        by_action: dict[str, list[str]] = defaultdict(list)
        for r in _rows(folder, "updates"):
            by_action[r["about"]].append(r["rag"])
            not_rated += r["rag"] == "Not rated" and r["rag_as_published"] == ""
        worsened += sum(1 for rags in by_action.values() if len(rags) == 2 and all(x in rank for x in rags)
                        and rank[rags[1]] > rank[rags[0]])
        parts += sum(1 for r in _rows(folder, "recommendations") if r["part_of"])
        posts = {r["id"] for r in _rows(folder, "posts")}
        post_leads += sum(1 for r in _rows(folder, "actions") if set(r["leads"].split(";")) & posts)
    assert due_moved >= 5 and worsened >= 5 and not_rated >= 3 and parts >= 3 and post_leads >= 3


def test_due_wording_is_messy_and_its_dates_say_what_it_means(written):
    wordings = [r["due_wording"] for f in written.iterdir() for r in _rows(f, "actions")]
    assert "Ongoing" in wordings
    patterns = [r"^End [A-Z][a-z]+ \d{4}$", r"^Q[1-4] \d{4}/\d{2}$", r"^[A-Z][a-z]+ \d{2} ?[–-] ?[A-Z][a-z]+ \d{2}$",
                r"^\d{4}/\d{2}$"]
    for pattern in patterns:
        assert any(re.match(pattern, w) for w in wordings), pattern
    import random

    rng = random.Random(0)
    for _ in range(500):
        year, month = rng.randint(2020, 2030), rng.randint(1, 12)
        wording, start, end = due_wording(rng, year, month)
        if wording == "Ongoing":
            assert start == end == ""
            continue
        target = date(year, month, 28)
        assert target <= date.fromisoformat(end) <= date(year + 1, month, 28), wording
        if start:
            assert date.fromisoformat(start) < date.fromisoformat(end), wording
    assert due_wording(random.Random(1), 2025, 11) == ("November 2025", "", "2025-11-30")


def test_a_few_leads_carry_most_of_the_work(written):
    ratios = []
    for folder in sorted(written.iterdir()):
        ds = sg.build_graph(folder)
        led: dict[str, set] = defaultdict(set)
        for action, agent in union(ds).subject_objects(SG.ledBy):
            led[agent].add(action)
        loads = sorted(len(v) for v in led.values())
        ratios.append(loads[-1] / statistics.median(loads))
        assert loads[-1] >= 2.5 * statistics.median(loads), (folder.name, loads)
    assert statistics.median(ratios) >= 3


def test_name_variants_are_recorded_as_aliases(written):
    found = 0
    for folder in sorted(written.iterdir()):
        names = {r["id"]: r["name"] for r in _rows(folder, "people")}
        for alias in _rows(folder, "aliases"):
            assert alias["alias"] != names[alias["person"]]
            published = [r["leads_as_published"] + " " + r["chief_officers_as_published"]
                         for r in _rows(folder, "actions") if r["source"] == alias["source"]]
            assert any(alias["alias"] in p for p in published)
            found += 1
    assert found >= 6


def test_most_work_is_aligned_and_a_few_items_are_orphans(tmp_path):
    folders = write_councils(generate_councils(6, seed=2), tmp_path)
    orphans = total = 0
    for folder in folders:
        findings = sg.find_orphans(sg.build_graph(folder))
        orphans += sum(1 for f in findings if f.rule == "no-priority-path")
        total += len(_rows(folder, "workstreams")) + len({r["id"] for r in _rows(folder, "actions")})
    assert 0 < orphans < total / 3


def test_no_council_specific_names_in_the_generator():
    source = (REPO / "strategygraph" / "synth.py").read_text(encoding="utf-8").lower()
    assert "lancaster" not in source and "w3id.org" not in source


# -- a folder of councils builds into one dataset ---------------------------------------------

def test_folder_of_councils_builds_each_under_its_own_iris(tmp_path):
    councils = generate_councils(3, seed=4)
    write_councils(councils, tmp_path)
    together = sg.build_graph(tmp_path)
    apart = [sg.build_graph(tmp_path / c.id) for c in councils]
    # nothing collides: the union is exactly the councils' triples side by side
    assert len(union(together)) == sum(len(union(ds)) for ds in apart)
    names = {str(g.identifier) for g in together.graphs() if len(g)}
    for c in councils:
        assert f"{ID_BASE}{c.id}/curation" in names
        assert all(str(g.identifier).startswith(f"{ID_BASE}{c.id}/") for g in sg.build_graph(tmp_path / c.id).graphs()
                   if len(g))
    # every council has its own action plan with the same local id
    plans = {str(s) for s in union(together).subjects(None, SG.ActionPlan)}
    assert plans == {f"{ID_BASE}{c.id}/peer-challenge" for c in councils}


def test_folder_of_councils_can_hold_a_real_council(tmp_path, lancaster):
    shutil.copytree(sg.sample_data(), tmp_path / "lancaster")
    write_councils(generate_councils(1, seed=9), tmp_path)
    ds = sg.build_graph(tmp_path)
    assert len(union(ds)) == len(union(lancaster)) + len(union(sg.build_graph(tmp_path / generate_council(0, 9).id)))
    assert sg.validate(ds).violations == []


def test_folder_of_councils_reports_every_councils_problems_together(tmp_path):
    first, second = write_councils(generate_councils(2, seed=1), tmp_path)
    for folder in (first, second):
        path = folder / "people.csv"
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\r\nBad Id,Someone,,,\r\n", 1))
    with pytest.raises(InputErrors) as caught:
        sg.build_graph(tmp_path)
    messages = [str(e) for e in caught.value.errors]
    assert any(f"{first.name}/people.csv:2:A (id)" in m for m in messages)
    assert any(f"{second.name}/people.csv:2:A (id)" in m for m in messages)


def test_two_folders_with_the_same_council_id_are_refused(tmp_path):
    (folder,) = write_councils(generate_councils(1, seed=1), tmp_path / "a")
    shutil.copytree(folder, tmp_path / "b" / "copy")
    shutil.copytree(folder, tmp_path / "b" / "original")
    with pytest.raises(InputErrors) as caught:
        sg.build_graph(tmp_path / "b")
    assert f"council id '{folder.name}' is also used by" in str(caught.value)


def test_a_single_data_folder_and_bad_folders_behave_as_before(tmp_path):
    with pytest.raises(InputErrors, match="holds no .csv data files"):
        sg.build_graph(tmp_path)
    (tmp_path / "notes").mkdir()  # a sub-folder without council.csv is not a council
    with pytest.raises(InputErrors, match="holds no .csv data files"):
        sg.build_graph(tmp_path)


# -- writing and the command ----------------------------------------------------------------

def test_existing_council_folders_are_refused_unless_overwritten(tmp_path):
    councils = generate_councils(2, seed=8)
    write_councils(councils, tmp_path)
    (tmp_path / councils[0].id / "council.csv").write_text("changed", encoding="utf-8")
    with pytest.raises(InputError, match="already holds council folder"):
        write_councils(councils, tmp_path)
    assert (tmp_path / councils[0].id / "council.csv").read_text(encoding="utf-8") == "changed"
    write_councils(councils, tmp_path, overwrite=True)
    assert (tmp_path / councils[0].id / "council.csv").read_text(encoding="utf-8").startswith("id,label")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(c.id for c in councils)  # no staging left


def test_synth_command_writes_builds_and_validates(runner, tmp_path):
    out = tmp_path / "synth"
    result = runner.invoke(cli, ["synth", "--councils", "2", "--seed", "3", "-o", str(out), "--check"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(c.id for c in generate_councils(2, seed=3))
    assert "Wrote 2 council data folders" in result.stderr
    assert "Conforms: 0 violations" in result.stderr
    again = runner.invoke(cli, ["synth", "--councils", "2", "--seed", "3", "-o", str(out)])
    assert again.exit_code == 2
    assert "already holds council folder" in again.stderr and "Traceback" not in again.output
    assert runner.invoke(cli, ["synth", "--councils", "2", "--seed", "3", "-o", str(out), "--overwrite"]).exit_code == 0
    built = runner.invoke(cli, ["stats", "--data", str(out)])
    assert built.exit_code == 0 and "sg:Action" in built.output
