from organisation.access import IG_ROLES, role_required
from organisation.models import Role
from organisation.pages import work_page


@role_required(IG_ROLES)
def queue(request):
    return work_page(request, "Request queue", "There are no requests in the queue.")


@role_required(Role.SERVICE_OFFICER)
def inbox(request):
    return work_page(
        request, "My service areas' cases", "No cases are assigned to your service areas."
    )


@role_required(Role.DIRECTOR)
def authorisations(request):
    return work_page(request, "Authorisations", "No releases are waiting for your authorisation.")
