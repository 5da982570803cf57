"""Placeholder: being written."""

from django.http import HttpResponse


def issuer_json(request, slug):
    return HttpResponse(status=501)


def class_json(request, slug):
    return HttpResponse(status=501)


def assertion_json(request, uid):
    return HttpResponse(status=501)


def baked_png(request, uid):
    return HttpResponse(status=501)


def baked_svg(request, uid):
    return HttpResponse(status=501)

