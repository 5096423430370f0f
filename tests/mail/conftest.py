import pytest
from imap_tools import MailBox

from tests.mail import imap_server


@pytest.fixture(scope="session")
def imap():
    """A real Dovecot for the session (see imap_server.py)."""
    server = imap_server.start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(imap, settings):
    """The IG mailbox, empty, and the application pointed at it."""
    settings.MAIL_INTAKE_HOST = imap.host
    settings.MAIL_INTAKE_PORT = imap.port
    settings.MAIL_INTAKE_USER = imap.user
    settings.MAIL_INTAKE_PASSWORD = imap.password
    settings.MAIL_INTAKE_OAUTH2_TOKEN = ""
    settings.MAIL_INTAKE_FOLDER = "INBOX"
    settings.MAIL_INTAKE_PROCESSED_FOLDER = "Processed"
    settings.MAIL_INTAKE_CA_FILE = imap.ca_file
    settings.IG_MAILBOX_ADDRESS = "foi@council.example"
    box = Mailbox(imap)
    box.empty()
    return box


class Mailbox:
    """What a test does to the mailbox from outside: deliver mail and look at the folders."""

    def __init__(self, server):
        self.server = server

    def _open(self, folder="INBOX"):
        import ssl

        context = ssl.create_default_context(cafile=self.server.ca_file)
        box = MailBox(self.server.host, port=self.server.port, ssl_context=context)
        return box.login(self.server.user, self.server.password, initial_folder=folder)

    def empty(self):
        with self._open() as box:
            if not box.folder.exists("Processed"):
                box.folder.create("Processed")
            for folder in ("INBOX", "Processed"):
                box.folder.set(folder)
                uids = box.uids("ALL")
                if uids:
                    box.delete(uids)

    def deliver(self, raw: bytes, arrived=None):
        with self._open() as box:
            box.append(raw, "INBOX", dt=arrived)

    def subjects(self, folder: str) -> list[str]:
        with self._open(folder) as box:
            return [m.subject for m in box.fetch("ALL", mark_seen=False)]
