from io import StringIO
from django.core.management import call_command, CommandError
import traceback

def test_scratch(db):
    for args in [["foi","0001-01-01"],["breach","0001-01-01T00:30"],["breach","9999-12-31T23:30"],["breach","9999-12-31T23:30+00:00"],["foi","2020-01-01","--clarified","0001-01-01"],["sar","2020-01-01","--clarification-asked","0001-01-01"],["sar","2020-01-01","--clarification-asked","2020-01-02","--clarified","9999-12-31"],["breach","0001-01-01T00:00-23:59"], ["foi","9999-12-31"], ["foi", "2020-01-01", "--fee-notice", "2019-01-01", "--fee-paid", "9999-12-31"]]:
        try:
            call_command("deadline", *args, stdout=StringIO())
            print(args, "ok")
        except CommandError as e:
            print(args, "CommandError", e)
        except Exception:
            print(args); traceback.print_exc(limit=-2)
