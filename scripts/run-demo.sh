#!/usr/bin/env bash
# Starts the demo: web server, Celery worker and Celery beat, stopping all three together.
set -euo pipefail
port="${PORT:-8000}"
py=.venv/bin/python

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

mkdir -p var/log
echo "Loading the demo council (about half a minute the first time)..."
$py manage.py seed_demo | sed 's/^/  /'
$py manage.py seed_demo_fees | sed 's/^/  /'
# The demo's letters are marked as sent by the seed: drop the messages it queued for them.
.venv/bin/celery -A config purge -f >/dev/null 2>&1 || true

.venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 >var/log/worker.log 2>&1 &
pids+=($!)
.venv/bin/celery -A config beat --loglevel=INFO >var/log/beat.log 2>&1 &
pids+=($!)

echo
echo "Information governance is running at http://127.0.0.1:$port/"
echo "Logs: var/log/web.log, var/log/worker.log, var/log/beat.log. Press Ctrl+C to stop."
echo
# The web server's requests are shown here and kept in var/log/web.log (scripts/soak.py reads it).
$py manage.py runserver "127.0.0.1:$port" --noreload > >(tee -a var/log/web.log) 2>&1 &
pids+=($!)
wait -n "${pids[@]}"
