from django.http import HttpRequest, HttpResponse


def mine(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


person_page = unit_page = notification_list = notification_read = calendar_regenerate = mine


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse("")
