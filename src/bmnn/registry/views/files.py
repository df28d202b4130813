"""Upload a file of an item into the vault; download it (marked when the item is determined)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bmnn.core.errors import Refused
from bmnn.registry import forms, selectors
from bmnn.registry.models import ItemFile
from bmnn.registry.services import files
from bmnn.registry.views.common import found


@require_POST
def item_attach(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_for(request.user, pk))
    form = forms.AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect("registry_item", pk=pk)
    upload = form.cleaned_data["file"]
    try:
        files.attach_file(request.user, item, upload, upload.name, upload.content_type or "")
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("File stored encrypted."))
    return redirect("registry_item", pk=pk)


def item_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Download one file; 404 unless its item is visible to the caller."""
    attached = ItemFile.objects.select_related("blob").filter(pk=pk).first()
    if attached is None:
        raise Http404
    item = found(selectors.item_for(request.user, attached.item_id))
    try:
        data, ctype = files.download(request.user, attached)
    except Refused as exc:
        messages.error(request, exc.message)
        return redirect("registry_item", pk=item.pk)
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="bmnn-{item.pk}-{attached.pk}"'
    return response
