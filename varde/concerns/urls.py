from django.urls import path

from .views import casework, intake, public, reference

app_name = "concerns"

urlpatterns = [
    path("saker/", casework.case_list, name="list"),
    path("saker/ny/", intake.intake_view, name="intake"),
    path("saker/rad/", intake.advice_list, name="advice_list"),
    path("saker/<uuid:pk>/", casework.concern_detail, name="detail"),
    path("saker/<uuid:pk>/akutt/", casework.acute, name="acute"),
    path("saker/<uuid:pk>/status/", casework.change_status, name="change_status"),
    path("saker/<uuid:pk>/avslutt/", casework.close, name="close"),
    path("saker/<uuid:pk>/gjenapne/", casework.reopen, name="reopen"),
    path("saker/<uuid:pk>/ansvarlig/", casework.assign, name="assign"),
    path("saker/<uuid:pk>/vurdering/", casework.assessment, name="assessment"),
    path("saker/<uuid:pk>/oppbevaring/", casework.keep_longer, name="keep_longer"),
    path("saker/<uuid:pk>/etterkontroll/<uuid:review_pk>/", casework.review, name="review"),
    path("saker/<uuid:pk>/tiltak/ny/", casework.measure_add, name="measure_add"),
    path("saker/<uuid:pk>/tiltak/<uuid:measure_pk>/", casework.measure_edit, name="measure_edit"),
    path("saker/<uuid:pk>/samtykke/ny/", casework.consent_add, name="consent_add"),
    path(
        "saker/<uuid:pk>/samtykke/<uuid:consent_pk>/trekk/",
        casework.consent_withdraw,
        name="consent_withdraw",
    ),
    path("saker/<uuid:pk>/deling/ny/", casework.disclose, name="disclose"),
    path(
        "saker/<uuid:pk>/deling/<uuid:disclosure_pk>/opphev/",
        casework.disclosure_revoke,
        name="disclosure_revoke",
    ),
    path("melde/", intake.report, name="report"),
    path("melde/mine/", intake.my_reports, name="my_reports"),
    path("bekymring/<slug:slug>/", public.public_form, name="public_form"),
    path("bekymring/<slug:slug>/kvittering/", public.public_receipt, name="public_receipt"),
    path("admin/hjemler/", reference.legal_basis_list, name="legal_basis_list"),
    path("admin/hjemler/ny/", reference.legal_basis_create, name="legal_basis_create"),
    path("admin/hjemler/<uuid:pk>/", reference.legal_basis_edit, name="legal_basis_edit"),
    path("admin/hjemler/<uuid:pk>/status/", reference.legal_basis_action, name="legal_basis_action"),
    path("admin/saksbehandling/", reference.casework_settings, name="casework_settings"),
    path("admin/tiltakstyper/", reference.measure_type_list, name="measure_type_list"),
]
