"""`sahelkg extract`: a newsletter → a draft in the curated format, for review then `load`."""

from __future__ import annotations

import re
from pathlib import Path

import click

from loaders.newsletter import extract_file, read_knowledge_base, render
from loaders.newsletter.writer import write_private


def _period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise click.BadParameter("must be a month, YYYY-MM")
    return value


@click.command()
@click.argument("newsletter", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              required=True, help="Where to write the draft YAML; `-` writes it to standard output "
              "(the summary then goes to standard error).")  # fmt: skip
@click.option("--force", is_flag=True,
              help="Overwrite --output if it exists (never done otherwise: it may be a reviewed draft).")  # fmt: skip
@click.option("--data", "data_dirs", type=click.Path(path_type=Path), multiple=True,
              default=[Path("data")], show_default=True,
              help="The knowledge base whose names, aliases and facts are matched (repeat to add "
              "directories).")  # fmt: skip
@click.option("--source-id", help="Id of the source the draft cites (default: from the file name). "
              "If the knowledge base already declares it, the draft cites it without redeclaring it.")  # fmt: skip
@click.option("--period", callback=_period, metavar="YYYY-MM",
              help="The reporting month, when the text does not make it clear.")  # fmt: skip
def extract(
    newsletter: Path,
    output: Path,
    force: bool,
    data_dirs: tuple[Path, ...],
    source_id: str | None,
    period: str | None,
) -> None:
    """Draft curated YAML from a monthly security NEWSLETTER (plain text).

    The draft holds the reporting period and regions covered, counts per region and actor
    (last month's value derived from "six more than in May", marked `derived`), operations
    and arrests ("at least" kept as `at_least`), stated directions of change (never turned
    into numbers), dated events, and assessments graded on the ICD-203 scale. Every item
    cites its sentence with character offsets. Actors and places are matched to the
    knowledge base in --data; names it lacks are listed for review in the comment block at
    the top of the draft, never given invented ids.

    A newsletter issue the knowledge base already has (its title and month) is recognised:
    the draft cites its source and holds only new facts; known ones are listed by id, and
    changed ones with their id and what differs. So loading a draft twice changes nothing.

    Review the draft, then load it: `sahelkg load --dry-run data/ DRAFT` checks it. An
    existing draft is never overwritten without --force; `-o -` writes to standard output.
    """
    to_stdout = str(output) == "-"
    if not to_stdout and output.exists() and not force:
        raise FileExistsError(
            f"{output} exists (perhaps an already reviewed draft); use --force to overwrite it"
        )
    gazetteer = read_knowledge_base(*data_dirs)
    draft = extract_file(newsletter, gazetteer, source_id, period)
    text = render(draft, newsletter.name)
    if to_stdout:
        click.echo(text, nl=False)
    else:
        write_private(output, text)
    for warning in draft.review.get("warnings", []):
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    counts = ", ".join(f"{len(records)} {section.replace('_', ' ')}"
                       for section, records in draft.records().items() if section != "sources")  # fmt: skip
    review = draft.review
    summary = (f"wrote {'standard output' if to_stdout else output}: period {draft.period}; "
               f"{counts or 'no items'}\n"
               f"for review (comments at the top): {len(review.get('unknown_names', []))} unknown names, "
               f"{len(review.get('unresolved', []))} unresolved items, "
               f"{len(review.get('skipped', []))} skipped items")  # fmt: skip
    if "known" in review or "changed" in review:
        summary += (f"\nalready in the knowledge base: {len(review.get('known', []))} known, "
                    f"{len(review.get('changed', []))} changed (listed at the top with their ids; "
                    "not drafted again)")  # fmt: skip
    click.echo(summary, err=to_stdout)


def register(group: click.Group) -> None:
    group.add_command(extract)
