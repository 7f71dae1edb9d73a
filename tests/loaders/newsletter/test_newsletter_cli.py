"""`sahelkg extract` as an analyst runs it: help, output, and errors without tracebacks."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from api.cli import cli
from loaders.newsletter import read_review

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "newsletters"
KB = FIXTURES / "kb"
NEWSLETTER = FIXTURES / "sahel-dispatch-2023-10-western-mali.txt"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj={})


def test_help_explains_the_command() -> None:
    assert "  extract " in invoke("--help").output
    result = invoke("extract", "--help")
    assert result.exit_code == 0
    for text in ("NEWSLETTER", "-o, --output", "--data", "--source-id", "--period", "derived",
                 "ICD-203", "never given invented ids", "sahelkg load --dry-run"):  # fmt: skip
        assert text in result.output


def test_extract_writes_a_draft_and_says_what_is_in_it(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    result = invoke("extract", str(NEWSLETTER), "-o", str(out), "--data", str(KB),
                    "--source-id", "sahel-dispatch-2023-10")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"wrote {out}: period 2023-10; 13 activity reports, 1 operations, 2 events, 3 assessments\n"
        "for review (comments at the top): 2 unknown names, 0 unresolved items, 0 skipped items\n"
    )
    text = out.read_text()
    assert "- id: source:sahel-dispatch-2023-10\n" in text
    assert read_review(text)["period"] == "2023-10"


def test_period_option_overrides_the_text(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    result = invoke(
        "extract", str(NEWSLETTER), "-o", str(out), "--data", str(KB), "--period", "2024-10"
    )
    assert result.exit_code == 0, result.output
    assert (
        "report:sahel-dispatch-2023-10-western-mali:mli-kayes:2024-10:security-incidents"
        in out.read_text()
    )


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    missing_kb = invoke(
        "extract", str(NEWSLETTER), "-o", str(out), "--data", str(tmp_path / "nope")
    )
    assert missing_kb.exit_code == 1
    assert "error: " in missing_kb.output and "no knowledge base directory" in missing_kb.output
    assert "Traceback" not in missing_kb.output

    undated = tmp_path / "undated.txt"
    undated.write_text("There were 12 attacks in Kayes in October.\n")
    no_year = invoke("extract", str(undated), "-o", str(out), "--data", str(KB))
    assert no_year.exit_code == 1
    assert "the text names no year; give the period with --period YYYY-MM" in no_year.output

    bad_period = invoke(
        "extract", str(NEWSLETTER), "-o", str(out), "--data", str(KB), "--period", "Oct"
    )
    assert bad_period.exit_code == 2
    assert "must be a month, YYYY-MM" in bad_period.output

    bad_source = invoke(
        "extract", str(NEWSLETTER), "-o", str(out), "--data", str(KB), "--source-id", "A B"
    )
    assert bad_source.exit_code == 1
    assert "is not a source id" in bad_source.output
    assert not out.exists()


def test_dash_writes_the_draft_to_stdout_and_the_summary_to_stderr(tmp_path: Path) -> None:
    result = invoke("extract", str(NEWSLETTER), "-o", "-", "--data", str(KB),
                    "--source-id", "sahel-dispatch-2023-10")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# DRAFT extracted by `sahelkg extract` from ")
    assert "- id: source:sahel-dispatch-2023-10\n" in result.stdout
    assert read_review(result.stdout)["period"] == "2023-10"
    assert result.stderr.startswith("wrote standard output: period 2023-10; ")
    assert not (Path.cwd() / "-").exists()


def test_an_existing_draft_is_never_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "reviewed.yaml"
    out.write_text("# reviewed by an analyst\n")
    refused = invoke("extract", str(NEWSLETTER), "-o", str(out), "--data", str(KB))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: {out} exists (perhaps an already reviewed draft); use --force to overwrite it\n"
        "(run with --debug for the traceback)\n"
    )
    assert out.read_text() == "# reviewed by an analyst\n"
    forced = invoke("extract", str(NEWSLETTER), "-o", str(out), "--data", str(KB), "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_text().startswith("# DRAFT extracted by `sahelkg extract`")
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_period_that_contradicts_the_text_is_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    result = invoke("extract", str(NEWSLETTER), "-o", str(out), "--data", str(KB),
                    "--period", "2023-07")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: --period 2023-07 contradicts the text, which reports on 2023-10 (October 2023); "
        "the draft uses 2023-07\n"
    )
    assert read_review(out.read_text())["warnings"] == [result.stderr[len("warning: ") : -1]]
