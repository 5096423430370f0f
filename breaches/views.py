from django.contrib.auth.decorators import login_required

from organisation.pages import work_page


@login_required
def report(request):
    # Any member of staff may report a suspected breach; the form arrives with the breaches work.
    return work_page(
        request,
        "Report a suspected personal-data breach",
        "Breach reporting is not open yet. Tell the Data Protection Officer straight away.",
    )
