"""A real IMAP server for the mail tests: Dovecot, run unprivileged from a temporary directory
with a minimal configuration, one passwd-file user and a self-signed certificate (IMAPS only).
"""

import ctypes
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {tmp}/run
state_dir = {tmp}/state
log_path = {tmp}/dovecot.log
info_log_path = {tmp}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{tmp}/cert.pem
ssl_key = <{tmp}/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain
default_login_user = {user}
default_internal_user = {user}
default_internal_group = {group}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {tmp}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {tmp}/passwd
}}
service imap-login {{
  chroot =
  user = {user}
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    user = {user}
  }}
  unix_listener stats-writer {{
    user = {user}
  }}
}}
"""


@dataclass
class ImapServer:
    host: str
    port: int
    user: str
    password: str
    ca_file: str
    directory: Path
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)

    def log(self) -> str:
        path = self.directory / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _die_with_parent() -> None:
    # A killed test run cannot stop its server: Linux stops it then (PR_SET_PDEATHSIG).
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except OSError:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start() -> ImapServer:
    # Dovecot must not run as root here: as root it drops to the unprivileged "nobody".
    runs_as = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.getuid())
    tmp = Path(tempfile.mkdtemp(prefix="ig-test-imap-"))
    tmp.chmod(0o755)
    port = _free_port()
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(tmp / "key.pem"),
            "-out",
            str(tmp / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    user, password = "ig-mailbox", "test-mailbox-password"
    home = tmp / "home"
    home.mkdir()
    group = runs_as.pw_gid
    (tmp / "passwd").write_text(f"{user}:{{PLAIN}}{password}:{runs_as.pw_uid}:{group}::{home}\n")
    (tmp / "dovecot.conf").write_text(
        CONFIG.format(
            tmp=tmp,
            user=runs_as.pw_name,
            group=__import__("grp").getgrgid(group).gr_name,
            port=port,
        )
    )
    for sub in ("run", "state"):
        (tmp / sub).mkdir()
    if os.geteuid() == 0:
        for path in [tmp, *tmp.rglob("*")]:
            os.chown(path, runs_as.pw_uid, group)
        command = ["runuser", "-u", runs_as.pw_name, "--", DOVECOT]
    else:
        command = [DOVECOT]
    process = subprocess.Popen(
        [*command, "-F", "-c", str(tmp / "dovecot.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent,
    )
    server = ImapServer("127.0.0.1", port, user, password, str(tmp / "cert.pem"), tmp, process)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace")
            log = server.log()
            server.stop()
            raise RuntimeError(f"Dovecot did not start:\n{output}\n{log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.1)
    log = server.log()
    server.stop()
    raise RuntimeError(f"Dovecot did not listen on port {port}:\n{log}")
