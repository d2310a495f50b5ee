"""The categories of casework. Their codes are stable: statistics facts keep them for years."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    HOTLINE = "hotline", _("Hotline call")
    EMPLOYEE = "employee", _("Employee report")
    PUBLIC_FORM = "public_form", _("Online form")
    OTHER_BODY = "other_body", _("Other public body")
    OWN_OBSERVATION = "own_observation", _("Own observation")


# The channels a case handler registers by hand; the other two have their own forms.
HANDLER_CHANNELS = [Channel.HOTLINE, Channel.OTHER_BODY, Channel.OWN_OBSERVATION]


class ReporterCategory(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    RELATIVE = "relative", _("Relative")
    EMPLOYEE = "employee", _("Employee")
    OTHER_BODY = "other_body", _("Other public body")
    ANONYMOUS = "anonymous", _("Anonymous")


class Phenomenon(models.TextChoices):
    VIOLENT_ISLAMISM = "violent_islamism", _("Violent Islamism")
    RIGHT_WING = "right_wing", _("Right-wing extremism")
    LEFT_WING = "left_wing", _("Left-wing extremism")
    ANTI_GOVERNMENT = "anti_government", _("Anti-government or conspiracy ideas")
    ACCELERATIONISM = "accelerationism", _("Accelerationism")
    MIXED = "mixed", _("Mixed or unclear ideology")
    HATE_CRIME = "hate_crime", _("Hate crime")
    ELECTED_OFFICIALS = "elected_officials", _("Threats or hate against elected officials")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known / unsure")


class AgeBand(models.TextChoices):
    UNDER_13 = "0-12", _("Under 13")
    FROM_13 = "13-15", _("13–15")
    FROM_16 = "16-17", _("16–17")
    FROM_18 = "18-24", _("18–24")
    FROM_25 = "25-39", _("25–39")
    FROM_40 = "40+", _("40 or older")
    UNKNOWN = "unknown", _("Unknown")


_BANDS = [(13, AgeBand.UNDER_13), (16, AgeBand.FROM_13), (18, AgeBand.FROM_16), (25, AgeBand.FROM_18)]


def age_band(*, birth_date: date | None, birth_year: int | None, today: date) -> AgeBand:
    """The age band on a given day; with only a year of birth, the age the person reaches that year."""
    if birth_date is not None:
        age = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
    elif birth_year is not None:
        age = today.year - birth_year
    else:
        return AgeBand.UNKNOWN
    for limit, band in _BANDS:
        if age < limit:
            return band
    return AgeBand.FROM_25 if age < 40 else AgeBand.FROM_40


def is_minor(*, birth_date: date | None, birth_year: int | None, today: date) -> bool:
    band = age_band(birth_date=birth_date, birth_year=birth_year, today=today)
    return band in {AgeBand.UNDER_13, AgeBand.FROM_13, AgeBand.FROM_16}


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    UNFOUNDED = "unfounded", _("No basis for concern")
    NO_FURTHER_ACTION = "no_further_action", _("No further action")
    TRANSFERRED_TO_POLICE = "transferred_to_police", _("Handed to the police")
    MEASURES_COMPLETED = "measures_completed", _("Measures completed")
    MOVED_AWAY = "moved_away", _("Moved away")
    OTHER = "other", _("Other")


class Part(models.TextChoices):
    """The parts of a concern that can be disclosed to the other agency, one by one."""

    IDENTITY = "identity", _("Identity of the person")
    DESCRIPTION = "description", _("Description of the concern")
    ASSESSMENT = "assessment", _("Assessment")
    MEASURES = "measures", _("Measures")


class LegalBasisKind(models.TextChoices):
    GENERAL = "general", _("Disclosure without consent")
    CONSENT = "consent", _("Consent")
    INITIAL_DISCUSSION = "initial_discussion", _("Initial discussion (ends when assessment ends)")
    AVERT = "avert", _("Averting danger or serious crime")


class BasisDirection(models.TextChoices):
    """Which agency may rely on a legal basis to share with the other: the law that gives the basis
    binds one controller, or both."""

    BOTH = "both", _("Either agency to the other")
    MUNICIPALITY_TO_POLICE = "municipality_to_police", _("The municipality to the police")
    POLICE_TO_MUNICIPALITY = "police_to_municipality", _("The police to the municipality")

    @classmethod
    def from_agency(cls, agency_kind: str) -> "BasisDirection":
        """The direction in which an agency of this kind shares."""
        if agency_kind == "police":
            return cls.POLICE_TO_MUNICIPALITY
        return cls.MUNICIPALITY_TO_POLICE


class InformedChoice(models.TextChoices):
    YES = "yes", _("Yes")
    LATER = "later", _("Not yet, will be informed")
    NO = "no", _("No")


class DisclosureEnd(models.TextChoices):
    REVOKED = "revoked", _("Revoked")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
    CONSENT_EXPIRED = "consent_expired", _("The consent ran out")
    ASSESSMENT_ENDED = "assessment_ended", _("The assessment phase ended")
    OWNER_CHANGED = "owner_changed", _("The concern moved to the receiving agency")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")

    @classmethod
    def running(cls) -> frozenset[str]:
        return frozenset({cls.PLANNED.value, cls.ACTIVE.value})


class RetentionAction(models.TextChoices):
    RESTRICTED = "restricted", _("Restricted")
    ERASED = "erased", _("Erased")
