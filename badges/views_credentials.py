"""Placeholder: being written."""

from django.http import HttpResponse


def revocation_list(request, slug):
    return HttpResponse(status=501)


def key(request, kid):
    return HttpResponse(status=501)


def verify(request):
    return HttpResponse(status=501)


def credential(request, uid):
    return HttpResponse(status=501)


def credential_png(request, uid):
    return HttpResponse(status=501)

