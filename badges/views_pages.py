"""Placeholder: being written."""

from django.http import HttpResponse


def issuer_page(request, slug):
    return HttpResponse(status=501)


def class_page(request, slug):
    return HttpResponse(status=501)


def assertion_page(request, uid):
    return HttpResponse(status=501)


def issuer_image(request, slug):
    return HttpResponse(status=501)


def class_image(request, slug, ext):
    return HttpResponse(status=501)


def framework(request):
    return HttpResponse(status=501)


def mine(request):
    return HttpResponse(status=501)


def mine_detail(request, uid):
    return HttpResponse(status=501)


def show_name(request, uid):
    return HttpResponse(status=501)

