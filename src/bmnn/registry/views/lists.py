"""Classification lists: browse and search items, import a list file."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bmnn.core.errors import Refused
from bmnn.registry import forms, selectors
from bmnn.registry.services import lists as list_services
from bmnn.registry.views.common import refusal_to_form

IMPORT_PERMISSION = "registry.add_classificationlist"


def list_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    page = Paginator(selectors.search_list_items(query, level=level), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/lists.html",
        {
            "lists": selectors.lists(),
            "page": page,
            "query": query,
            "can_import": request.user.has_perm(IMPORT_PERMISSION),
        },
    )


def list_import(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise Http404
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            clist = list_services.import_list(request.user, upload.read(), upload.name)
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Imported %(obj)s.") % {"obj": clist})
            return redirect("registry_lists")
    return render(request, "registry/list_import.html", {"form": form})
