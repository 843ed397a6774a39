#!/usr/bin/env bash
# Run a command inside a throwaway, unlocked Secret Service, so keychain tests use a real
# gnome-keyring without touching the user's own:
#   bash scripts/with-test-keyring.sh npx vitest run src/main/credentials
# A private D-Bus session bus (dbus-run-session), gnome-keyring's secrets component unlocked with
# a throwaway password, keyrings under a temp XDG_DATA_HOME, sockets under a temp XDG_RUNTIME_DIR
# (mode 700); all removed afterwards. Setup steps are time-boxed; so is the whole run
# (TEST_KEYRING_TIMEOUT seconds, default 3600). When dbus or gnome-keyring is missing, the command
# still runs, without a keyring: keychain tests then skip and say why.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 <command> [args…]   (runs the command with a throwaway unlocked Secret Service)" >&2
  exit 2
fi

missing=()
command -v dbus-run-session >/dev/null || missing+=(dbus)
command -v gnome-keyring-daemon >/dev/null || missing+=(gnome-keyring)
if [ ${#missing[@]} -gt 0 ]; then
  echo "with-test-keyring: ${missing[*]} not installed (apt-get install -y ${missing[*]}, or scripts/ensure-system-deps.sh); running without a keyring, keychain tests will skip" >&2
  exec "$@"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/netra-test-keyring.XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -p "$tmp/data" "$tmp/runtime"
chmod 700 "$tmp" "$tmp/runtime"

# Exported before dbus-run-session: services the bus activates on demand inherit the bus's environment,
# and a gnome-keyring started that way must also keep its keyrings in the throwaway folders.
export XDG_DATA_HOME="$tmp/data"
export XDG_RUNTIME_DIR="$tmp/runtime"
export NETRA_TEST_KEYRING=1
password="test-$$-$RANDOM"

status=0
# The daemon runs in the foreground as our child, so we know its pid and stop it ourselves: a
# daemonised one can outlive the private bus.
timeout --kill-after=10 "${TEST_KEYRING_TIMEOUT:-3600}" dbus-run-session -- bash -c '
  set -uo pipefail
  password="$1"; shift
  printf %s "$password" | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null &
  daemon=$!
  trap "kill $daemon 2>/dev/null; wait $daemon 2>/dev/null" EXIT
  ready=""
  for _ in $(seq 1 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
      ready=1
      break
    fi
    sleep 0.1
  done
  [ -n "$ready" ] || echo "with-test-keyring: the Secret Service did not come up within 10 s; keychain tests will skip" >&2
  "$@"
' with-test-keyring "$password" "$@" || status=$?
exit "$status"
