from organisation.history import acting_user
from organisation.models import Directorate


def test_history_rows_name_the_acting_user_outside_a_request(cast):
    with acting_user(cast.administrator):
        directorate = Directorate.objects.create(name="Resources")
    assert directorate.history.get().history_user == cast.administrator
    directorate.name = "Corporate Resources"
    directorate.save()
    assert directorate.history.first().history_user is None
