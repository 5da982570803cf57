"""Badge addresses. Ids under assertions/, classes/, issuers/ and keys/ are public and stable:
verifiers outside REXVET fetch them for as long as a badge exists."""

from django.urls import path, register_converter

from . import views, views_coordinate, views_credentials, views_json, views_pages


class ImageExtension:
    regex = "png|svg"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ImageExtension, "imageext")

app_name = "badges"
urlpatterns = [
    # Anyone: Open Badges 2.0 documents (JSON-LD, or the page for a browser) and images.
    path("issuers/<slug:slug>", views.issuer, name="issuer"),
    path("issuers/<slug:slug>.json", views_json.issuer_json, name="issuer_json"),
    path("issuers/<slug:slug>/image.png", views_pages.issuer_image, name="issuer_image"),
    path("issuers/<slug:slug>/revocations.json", views_credentials.revocation_list, name="revocation_list"),
    path("classes/<slug:slug>", views.badge_class, name="class"),
    path("classes/<slug:slug>.json", views_json.class_json, name="class_json"),
    path("classes/<slug:slug>/image.<imageext:ext>", views_pages.class_image, name="class_image"),
    path("assertions/<uuid:uid>", views.assertion, name="assertion"),
    path("assertions/<uuid:uid>.json", views_json.assertion_json, name="assertion_json"),
    path("keys/<slug:kid>", views_credentials.key, name="key"),
    path("framework/", views_pages.framework, name="framework"),
    path("verify/", views_credentials.verify, name="verify"),
    # The earner: their badges, downloads and what the public page shows.
    path("mine/", views_pages.mine, name="mine"),
    path("mine/<uuid:uid>/", views_pages.mine_detail, name="mine_detail"),
    path("mine/<uuid:uid>/name/", views_pages.show_name, name="show_name"),
    path("assertions/<uuid:uid>/badge.png", views_json.baked_png, name="baked_png"),
    path("assertions/<uuid:uid>/badge.svg", views_json.baked_svg, name="baked_svg"),
    path("assertions/<uuid:uid>/credential.jwt", views_credentials.credential, name="credential"),
    path("assertions/<uuid:uid>/credential.png", views_credentials.credential_png, name="credential_png"),
    path("assertions/<uuid:uid>/evidence/", views_coordinate.evidence_file, name="evidence_file"),
    # Coordinators: awards in their own organisations.
    path("coordinate/", views_coordinate.awards, name="awards"),
    path("coordinate/award/", views_coordinate.award, name="award"),
    path("coordinate/<uuid:uid>/", views_coordinate.award_detail, name="award_detail"),
    path("coordinate/<uuid:uid>/revoke/", views_coordinate.revoke, name="revoke"),
    path("coordinate/<uuid:uid>/reissue/", views_coordinate.reissue, name="reissue"),
]
