#!/usr/bin/env bash
# Installs the Debian packages the project needs, only when they are missing.
#   install-system-packages.sh run   -> what the demo needs (WeasyPrint's libraries, fonts, Node,
#                                       gettext for the Welsh catalogue)
#   install-system-packages.sh test  -> plus PostgreSQL, Redis, Chromium and Dovecot for the test suite
set -euo pipefail
purpose="${1:-test}"

missing=()
dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
# Node builds the CSS (npm ci) and runs the test suite's node tools from package.json:
# the OpenID Connect test provider and axe-core for the accessibility checks.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# gettext's msgfmt compiles the Welsh catalogue (manage.py compilemessages, make messages).
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
if [ "$purpose" = test ]; then
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # The mail-intake tests read a real IMAP mailbox (tests/mail/imap_server.py).
  [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Not running as root: please install these packages, then run again: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
