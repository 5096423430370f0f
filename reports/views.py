from organisation.access import DASHBOARD_ROLES, role_required
from organisation.pages import work_page


@role_required(DASHBOARD_ROLES)
def dashboard(request):
    return work_page(request, "Compliance dashboard", "There are no cases to report on yet.")
