"""The record of processing activities is generated per agency from the configuration."""

from io import BytesIO

from django.core.management import call_command
from pypdf import PdfReader

from varde.core.tests.pdfs import assert_accessible_pdf


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
        # Per controller: the bases the police may rely on, and no other.
        assert (basis.citation in text) == basis.citable_by(world.police)
    assert world.municipality.name in text  # the recipient of disclosures
    pdf = PdfReader(BytesIO((tmp_path / f"behandlingsprotokoll-{slug}-police.pdf").read_bytes()))
    assert world.police.name in " ".join(page.extract_text() for page in pdf.pages)


def test_the_officer_reads_the_own_agency_s_record_in_the_browser_as_the_command_writes_it(
    world, client, tmp_path
):
    from django.urls import reverse

    from conftest import log_in
    from varde.accounts.models import Agency
    from varde.accounts.roles import Role
    from varde.privacy.processing import record_text, records_for

    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    page = client.get(reverse("privacy:processing_record")).content.decode()
    assert world.municipality.name in page
    assert "politiregisterloven § 30" not in page  # a police-only basis
    assert "fvl. § 13 b nr. 6" in page
    assert page.count("<h1") == 1
    pdf = client.get(reverse("privacy:processing_record_pdf", args=[world.municipality.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert_accessible_pdf(pdf.content, title="Protokoll")
    assert client.get(reverse("privacy:processing_record_pdf", args=[world.police.pk])).status_code == 404
    call_command("processing_record", "--out", str(tmp_path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    written = (tmp_path / f"behandlingsprotokoll-{world.partnership.slug}-municipality.md").read_text()
    (record,) = records_for(Agency.objects.filter(pk=world.municipality.pk))
    assert written.split("\n", 3)[3] == record_text(record).split("\n", 3)[3]  # all but the time it was made
