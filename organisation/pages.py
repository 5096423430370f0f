"""A role's work page that has nothing to list yet renders through here."""

from django.shortcuts import render


def work_page(request, title: str, empty_message: str):
    return render(
        request,
        "organisation/work_page.html",
        {"page_title": title, "empty_message": empty_message},
    )
