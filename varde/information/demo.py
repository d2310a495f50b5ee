"""Demo public pages in bokmål and English, written for Varde. Published once; safe to load again."""

from django.db import transaction

from varde.accounts.models import Partnership

from . import actions
from .models import InfoPage, PageKey, VersionStatus

PAGES = {
    ("nb", PageKey.MEANING): (
        "Hva betyr ordene?",
        """**Radikalisering** er når en person gradvis begynner å se vold som et akseptabelt middel for å nå
politiske, religiøse eller ideologiske mål.

**Ekstremisme** er holdninger som avviser demokratiet og andres rettigheter. **Voldelig ekstremisme** er
når slike holdninger følges av vilje til å bruke, støtte eller oppfordre til vold.

**Hatefulle ytringer** angriper mennesker på grunn av for eksempel hudfarge, religion, seksuell
orientering, kjønnsidentitet eller funksjonsnedsettelse. **Hatkriminalitet** er straffbare handlinger
som helt eller delvis er motivert av slikt hat.

Å ha sterke eller uvanlige meninger er ikke ekstremisme. Det er bruk av eller oppfordring til vold
som gjør det alvorlig.""",
    ),
    ("nb", PageKey.SIGNS): (
        "Tegn det er verdt å legge merke til",
        """Det finnes ingen sjekkliste, og ingen enkeltting betyr at noen er i ferd med å radikaliseres. Men
endringer over tid kan være verdt å snakke om:

- nye venner eller nettmiljøer som tar mye plass, og brudd med gamle venner
- et språk som deler verden i «oss» og «dem», eller som forherliger vold
- symboler, musikk eller videoer fra voldelige miljøer
- sinne over urett som ikke lenger kan løses med ord

Ta kontakt for å drøfte det du har sett. Du trenger ikke være sikker.""",
    ),
    ("nb", PageKey.WHERE_TO_TURN): (
        "Hvor kan du henvende deg?",
        """## Akutt fare
Ring **112** hvis noen er i fare nå.

## Bekymringstelefonen
Ring bekymringstelefonen på [69 00 00 00](tel:) hverdager kl. 08–15.30 (fiktivt
demonummer). Du kan være anonym, og du kan få råd uten at det opprettes en sak.

## Politiet
Ring politiet på [02800](tel:) hvis det ikke haster.

## Skriv til oss
Du kan også melde en bekymring i skjemaet på nett.""",
    ),
    ("nb", PageKey.HELP): (
        "Hjelp kommunen og politiet tilbyr",
        """Kommunen og politiet samarbeider om å hjelpe tidlig, og all oppfølging er frivillig:

- samtaler med personen det gjelder
- veiledning for foreldre og foresatte
- mentor som følger opp over tid
- samarbeid med skole, NAV og barnevern når det trengs

Vi tar kontakt med deg hvis du har oppgitt hvordan vi kan nå deg.""",
    ),
    ("en", PageKey.MEANING): (
        "What do the words mean?",
        """**Radicalisation** is when a person gradually comes to see violence as an acceptable way to reach
political, religious or ideological goals.

**Extremism** is rejecting democracy and the rights of others. **Violent extremism** is when such views
come with a will to use, support or call for violence.

**Hate speech** attacks people because of, for example, skin colour, religion, sexual orientation,
gender identity or disability. **Hate crime** is a criminal act motivated wholly or partly by such hate.

Holding strong or unusual opinions is not extremism. Using or calling for violence is what makes it
serious.""",
    ),
    ("en", PageKey.SIGNS): (
        "Signs worth noticing",
        """There is no checklist, and no single thing means that someone is being radicalised. But changes
over time can be worth talking about:

- new friends or online communities that take up a lot of space, and a break with old friends
- language that splits the world into "us" and "them", or that glorifies violence
- symbols, music or videos from violent milieus
- anger at injustice that can no longer be settled with words

Get in touch to talk about what you have seen. You do not need to be sure.""",
    ),
    ("en", PageKey.WHERE_TO_TURN): (
        "Where can you turn?",
        """## Immediate danger
Call **112** if someone is in danger now.

## The hotline
Call the hotline on [69 00 00 00](tel:) on weekdays 08–15.30 (a fictional demo number).
You can stay anonymous, and you can get advice without a case being opened.

## The police
Call the police on [02800](tel:) when it is not urgent.

## Write to us
You can also tell us about a concern in the online form.""",
    ),
    ("en", PageKey.HELP): (
        "Help from the municipality and the police",
        """The municipality and the police work together to help early, and all follow-up is voluntary:

- conversations with the person concerned
- guidance for parents and guardians
- a mentor who follows up over time
- cooperation with school, NAV and child welfare when needed

We contact you if you have told us how to reach you.""",
    ),
}


@transaction.atomic
def load_demo_pages(partnership: Partnership) -> None:
    for (language, key), (title, body) in PAGES.items():
        page = InfoPage.objects.get(partnership=partnership, key=key, language=language)
        if page.versions.filter(status=VersionStatus.PUBLISHED).exists():
            continue
        actions.save_draft(None, page, title=title, body=body)
        actions.publish(None, page)


@transaction.atomic
def load_demo_events(partnership: Partnership) -> None:
    """A few fictional events: one within the next contact meeting's six weeks, with tasks and a risk note."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from varde.accounts.models import User

    from . import actions
    from .models import Event

    if Event.objects.filter(partnership=partnership).exists():
        return
    today = timezone.localdate()

    def at(days: int, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))

    march = actions.register_event(
        None,
        partnership,
        details=actions.EventDetails(
            "Demonstrasjon mot innvandring (demo)",
            at(12, 14),
            "Torvet",
            "Fiktiv gruppe",
            40,
            "Innvandringskritisk miljø",
        ),
    )
    actions.register_event(
        None,
        partnership,
        details=actions.EventDetails(
            "Pride-parade (demo)", at(30, 12), "Sentrum", "Fredrikstad Pride (demo)", 800, ""
        ),
    )
    actions.add_task(
        None,
        march,
        description="Varsle skolene i sentrum",
        owner=User.objects.get(username="koordinator"),
        deadline=today + timedelta(days=8),
    )
    actions.add_task(
        None,
        march,
        description="Vurdere bemanning",
        owner=User.objects.get(username="politikontakt"),
        deadline=today + timedelta(days=10),
    )
    actions.add_risk_note(
        None, march, text="Motdemonstrasjon er varslet på sosiale medier. (Fiktivt demoeksempel.)"
    )
