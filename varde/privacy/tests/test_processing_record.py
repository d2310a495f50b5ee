"""The record of processing activities is generated per agency from the configuration."""

from io import BytesIO

from django.core.management import call_command
from pypdf import PdfReader


def test_one_record_per_agency_in_markdown_and_pdf(world, tmp_path):
    call_command("processing_record", "--out", str(tmp_path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    files = sorted(path.name for path in tmp_path.iterdir())
    slug = world.partnership.slug
    assert files == [
        f"behandlingsprotokoll-{slug}-municipality.md",
        f"behandlingsprotokoll-{slug}-municipality.pdf",
        f"behandlingsprotokoll-{slug}-police.md",
        f"behandlingsprotokoll-{slug}-police.pdf",
    ]
    text = (tmp_path / f"behandlingsprotokoll-{slug}-police.md").read_text()
    assert world.police.name in text
    assert "Politiregisterloven" in text or "politiregister" in text.lower()
    for basis in world.partnership.legal_bases.current():
        assert basis.citation in text
    assert world.municipality.name in text  # the recipient of disclosures
    pdf = PdfReader(BytesIO((tmp_path / f"behandlingsprotokoll-{slug}-police.pdf").read_bytes()))
    assert world.police.name in " ".join(page.extract_text() for page in pdf.pages)
