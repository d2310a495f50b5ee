from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from varde.accounts.actors import ActorRequest
from varde.accounts.audit_actions import AccountAudit
from varde.accounts.permissions import AccountCapability
from varde.core.access import ANY_MEMBER, LOGGING_IN, PUBLIC, access
from varde.core.audit import record_event
from varde.core.forms import perform, pressed, submitted
from varde.core.once import sent_once

from . import actions, permissions
from .dashboard import due_items_for
from .forms import LoginForm, MembershipFields, PasswordChangeForm, TokenForm, UnitForm, UserCreateForm
from .models import Membership, Unit
from .navigation import work_areas_for
from .roles import ROLE_CATALOGUE
from .second_factor import has_authenticator, may_enrol_authenticator, second_factor_proven
from .throttle import address_blocked, lockout_time
from .totp import qr_code_data_uri, secret_for_manual_entry

USERS_PER_PAGE = 50
NOTIFICATIONS_SHOWN = 10


def _safe_next(request: HttpRequest, default: str = "accounts:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# Logging in and out --------------------------------------------------------------------------


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_safe_next(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and address_blocked(request):
        record_event(AccountAudit.LOGIN_ADDRESS_REFUSED)
        context = _login_context(request, form) | {"address_blocked": True}
        return render(request, "accounts/login.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is not None:
            login(request, user)
            return redirect(_safe_next(request))
        form.add_error(None, _("Wrong username or password."))
    return render(request, "accounts/login.html", _login_context(request, form))


def _login_context(request: HttpRequest, form: LoginForm, *, locked: bool = False) -> dict[str, Any]:
    return {
        "form": form,
        "locked": locked,
        # Counted only for the page that says how long: a wrong password needs no count.
        "lockout_minutes": int(lockout_time(request).total_seconds() // 60) if locked else None,
        "next": _safe_next(request, default=""),
        "oidc_enabled": settings.VARDE_OIDC_ENABLED,
        "oidc_provider_name": settings.VARDE_OIDC_PROVIDER_NAME,
    }


def locked_out(
    request: HttpRequest, response: HttpResponse, credentials: Any, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Called by django-axes when an account is locked: say so, and for how long."""
    form = LoginForm(request.POST or None)
    return render(request, "accounts/login.html", _login_context(request, form, locked=True), status=429)


@access(LOGGING_IN)
@require_POST
def logout_view(request: ActorRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You are logged out."))
    response = redirect("accounts:login")
    # Whatever a page left in the browser's storage (older versions' htmx history snapshots held
    # whole pages) goes with the session. Cookies stay: the message above travels in one.
    response["Clear-Site-Data"] = '"storage"'
    return response


# Second factor -------------------------------------------------------------------------------


def _redirect_keeping_next(request: HttpRequest, name: str) -> HttpResponse:
    target = _safe_next(request, default="")
    return redirect(f"{reverse(name)}?{urlencode({'next': target})}" if target else reverse(name))


@access(LOGGING_IN)
@require_http_methods(["GET", "POST"])
def mfa_setup(request: ActorRequest) -> HttpResponse:
    user = request.user
    if not may_enrol_authenticator(request):
        return _redirect_keeping_next(request, "accounts:mfa_verify")
    device = actions.start_totp_enrolment(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = actions.confirm_totp_device(
            user, device, form.cleaned_data["token"], replacement_allowed=second_factor_proven(request, user)
        )
        if codes is not None:
            otp_login(request, device)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _safe_next(request, default=reverse("accounts:home"))},
            )
        form.add_error("token", _("The code did not match. Check the time on your phone and try again."))
    context = {
        "form": form,
        "replacing": has_authenticator(user),
        "qr_code": qr_code_data_uri(device),
        "secret": secret_for_manual_entry(device),
        "next": _safe_next(request, default=""),
    }
    return render(request, "accounts/mfa_setup.html", context)


@access(LOGGING_IN)
@require_http_methods(["GET", "POST"])
def mfa_verify(request: ActorRequest) -> HttpResponse:
    user = request.user
    if not has_authenticator(user):
        return redirect("accounts:mfa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = actions.verify_second_factor(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is wrong or has expired. Try the next code."))
    return render(
        request, "accounts/mfa_verify.html", {"form": form, "next": _safe_next(request, default="")}
    )


# Home and own account -----------------------------------------------------------------------

FrontDoor = Callable[[HttpRequest], HttpResponse]
_front_door: list[FrontDoor] = []


def register_front_door(view: FrontDoor) -> None:
    """The page a visitor who is not logged in sees at the address's root (the information app's)."""
    _front_door[:] = [view]


@access(PUBLIC)
def front_door(request: HttpRequest) -> HttpResponse:
    """The root: staff go on to their home page (which asks for the second factor where it is due),
    the public see the partnerships' public pages, forms and phone numbers."""
    if request.user.is_authenticated or not _front_door:
        return redirect("accounts:home")
    return _front_door[0](request)


@access(ANY_MEMBER)
def home(request: ActorRequest) -> HttpResponse:
    user = request.user
    memberships = user.memberships.select_related("agency__partnership", "unit").order_by(
        "agency__partnership__name", "agency__name", "role"
    )
    today = timezone.localdate()
    context = {
        "due_items": due_items_for(user, today),
        "notifications": user.notifications.unread()[:NOTIFICATIONS_SHOWN],
        "today": today,
        "memberships": memberships,
        "partnerships": sorted({m.agency.partnership.name for m in memberships}),
        "areas": work_areas_for(user),
        "role_catalogue": {role.value: info for role, info in ROLE_CATALOGUE.items()},
    }
    return render(request, "accounts/home.html", context)


@access(ANY_MEMBER)
@require_POST
def notifications_read(request: ActorRequest) -> HttpResponse:
    user = request.user
    user.notifications.unread().update(read_at=timezone.now())
    return redirect("accounts:home")


@access(ANY_MEMBER)
@require_http_methods(["GET", "POST"])
def account(request: ActorRequest) -> HttpResponse:
    user = request.user
    codes = None
    verified = second_factor_proven(request, request.user)
    if request.method == "POST" and "regenerate_codes" in request.POST and verified:
        codes = actions.regenerate_recovery_codes(user)
    context = {
        "has_authenticator": has_authenticator(user),
        "needs_second_factor": user.needs_second_factor,
        "verified": verified,
        "codes": codes,
    }
    return render(request, "accounts/account.html", context)


@access(ANY_MEMBER)
@require_http_methods(["GET", "POST"])
def password_change(request: ActorRequest) -> HttpResponse:
    user = request.user
    form = PasswordChangeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        actions.change_own_password(user, form.cleaned_data["new_password"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password is changed."))
        return redirect(_safe_next(request, default="accounts:account"))
    context = {"form": form, "required": user.must_change_password, "next": _safe_next(request, default="")}
    return render(request, "accounts/password_change.html", context)


# Administration: users and memberships ----------------------------------------------------------


@access(AccountCapability.ADMINISTER_AGENCY)
def user_list(request: ActorRequest) -> HttpResponse:
    # No name holds a NUL character, and PostgreSQL refuses to search for one.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    users = permissions.users_visible_to(request.user).order_by("username")
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
    users = users.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("agency").order_by("role"))
    )
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("side"))
    return render(request, "accounts/user_list.html", {"page": page, "query": query})


@access(AccountCapability.ADMINISTER_AGENCY)
@require_http_methods(["GET", "POST"])
@sent_once
def user_create(request: ActorRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None, **_membership_choices(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = actions.create_user(
                request.user,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                agency=data["agency"],
                role=data["role"],
                unit=data["unit"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "accounts/one_time_password.html", {"target": user, "password": password})
    return render(request, "accounts/user_create.html", {"form": form})


def _membership_choices(request: ActorRequest) -> dict[str, Any]:
    return {
        "agencies": permissions.agencies_administered_by(request.user),
        "units": permissions.units_visible_to(request.user),
    }


@access(AccountCapability.ADMINISTER_AGENCY)
@require_http_methods(["GET", "POST"])
def user_detail(request: ActorRequest, pk: Any) -> HttpResponse:
    target = permissions.get_user_for(request.user, pk, purpose="user administration")
    form = MembershipFields(request.POST or None, **_membership_choices(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_membership(
                request.user,
                target,
                agency=form.cleaned_data["agency"],
                role=form.cleaned_data["role"],
                unit=form.cleaned_data["unit"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role is added."))
            return redirect("accounts:user_detail", pk=target.pk)
    managed_agencies = permissions.agencies_administered_by(request.user)
    memberships = target.memberships.filter(agency__in=managed_agencies).select_related(
        "agency__partnership", "unit"
    )
    context = {
        "target": target,
        "memberships": memberships,
        "form": form,
        "has_authenticator": has_authenticator(target),
        "manages_account": permissions.can_manage_user(request.user, target),
    }
    return render(request, "accounts/user_detail.html", context)


@access(AccountCapability.ADMINISTER_AGENCY)
@require_POST
def membership_remove(request: ActorRequest, pk: Any) -> HttpResponse:
    membership = permissions.get_membership_for(request.user, pk)
    try:
        actions.remove_membership(request.user, membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role is removed."))
    return redirect("accounts:user_detail", pk=membership.user_id)


@access(AccountCapability.ADMINISTER_AGENCY)
@require_POST
def user_account_action(request: ActorRequest, pk: Any) -> HttpResponse:
    """Deactivate, reactivate, reset the password or reset the second factor of an account."""
    target = permissions.get_account_for(request.user, pk)
    action = pressed(request)
    try:
        if action == "deactivate":
            actions.set_user_active(request.user, target, active=False)
            messages.success(request, _("The user is deactivated and can no longer log in."))
        elif action == "activate":
            actions.set_user_active(request.user, target, active=True)
            messages.success(request, _("The user is active again."))
        elif action == "reset_second_factor":
            actions.reset_second_factor(request.user, target)
            messages.success(
                request, _("The authenticator is removed; the user sets up a new one at next login.")
            )
        elif action == "reset_password":
            password = actions.reset_password(request.user, target)
            return render(
                request, "accounts/one_time_password.html", {"target": target, "password": password}
            )
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:user_detail", pk=target.pk)


# Administration: units --------------------------------------------------------------------------


@access(AccountCapability.ADMINISTER_AGENCY)
def unit_list(request: ActorRequest) -> HttpResponse:
    units = (
        permissions.units_visible_to(request.user)
        .select_related("agency__partnership")
        .order_by("agency__partnership__name", "name")
    )
    return render(request, "accounts/unit_list.html", {"units": units})


@access(AccountCapability.ADMINISTER_AGENCY)
@require_http_methods(["GET", "POST"])
def unit_edit(request: ActorRequest, pk: Any = None) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, pk) if pk is not None else Unit()
    form = UnitForm(
        request.POST or None,
        instance=unit,
        record=unit if pk is not None else None,
        agencies=permissions.agencies_administered_by(request.user),
    )
    if submitted(request, form) and perform(
        form, lambda: actions.save_unit(request.user, form.save(commit=False), version=form.seen_version())
    ):
        messages.success(request, _("The unit is saved."))
        return redirect("accounts:unit_list")
    return render(
        request, "accounts/unit_edit.html", {"form": form, "unit": unit if pk is not None else None}
    )
