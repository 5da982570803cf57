"""Placeholder: being written."""

from django.http import HttpResponse


def evidence_file(request, uid):
    return HttpResponse(status=501)


def awards(request):
    return HttpResponse(status=501)


def award(request):
    return HttpResponse(status=501)


def award_detail(request, uid):
    return HttpResponse(status=501)


def revoke(request, uid):
    return HttpResponse(status=501)


def reissue(request, uid):
    return HttpResponse(status=501)

