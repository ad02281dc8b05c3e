#!/usr/bin/env bash
# The Debian package as an admin meets it: installs the .deb the build made with dpkg -i, runs the service's own
# ExecStart line as the earshot user (systemd is not PID 1 in CI: runuser instead), waits for /api/health, logs
# in as the first admin with the password the first start printed, checks the version and the log file, stops
# it with SIGTERM as systemd would; installs the package again over itself (an upgrade: the admin's edit of the
# conffile and the data stay, the same admin logs in), removes it (data and settings stay) and purges it
# (they go). Needs root; takes about a minute.
#
#   packaging/src/test/ci/deb-smoke.sh [path/to/earshot_VERSION_all.deb]
set -euo pipefail
cd "$(dirname "$0")/../../../.."

START_TIMEOUT=90   # seconds for the first start (migrations on an empty store, the model unpacked)
STOP_TIMEOUT=60

fail() { echo "deb-smoke: FAILED: $*" >&2; exit 1; }
say() { echo "deb-smoke: $*"; }

[ "$(id -u)" -eq 0 ] || fail "run as root (it installs and purges the package)"
deb="${1:-}"
if [ -z "$deb" ]; then
  deb=$(ls -t packaging/target/earshot_*_all.deb 2>/dev/null | head -n 1 || true)
fi
[ -n "$deb" ] && [ -f "$deb" ] || fail "no packaging/target/earshot_*_all.deb: build it first (mvn -B package)"
if dpkg-query -W -f='${Status}' earshot 2>/dev/null | grep -q "installed"; then
  if [ "${CI:-}" = "true" ]; then
    say "an earshot package is installed already (a run cut short?): purging it first"
    dpkg --purge earshot >/dev/null
  else
    fail "an earshot package is installed on this machine already: purge it first (dpkg --purge earshot)"
  fi
fi

work=$(mktemp -d)
pid=""
installed=""
cleanup() {
  status=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    # shellcheck disable=SC2046 # the java child's pid, or none
    kill -TERM $(pgrep -P "$pid" || true) "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$work/out.log" ]; then
    echo "deb-smoke: the server's output:" >&2
    tail -n 60 "$work/out.log" >&2
  fi
  if [ -n "$installed" ]; then
    dpkg --purge earshot >/dev/null 2>&1 || echo "deb-smoke: dpkg --purge earshot failed" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say "installing $deb"
installed=yes
if ! dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then
  # Missing dependencies (Java): dpkg leaves the package unconfigured; apt brings them and configures it.
  DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq >>"$work/dpkg.log" 2>&1 \
    || { cat "$work/dpkg.log" >&2; fail "dpkg -i and apt-get install -f"; }
fi
dpkg-query -W -f='${Status}' earshot | grep -q "install ok installed" || fail "the package is not configured: $(cat "$work/dpkg.log")"

# What postinst promised.
getent passwd earshot >/dev/null || fail "postinst made no user earshot"
for dir in /var/lib/earshot /var/log/earshot; do
  [ "$(stat -c %U:%G:%a "$dir")" = "earshot:earshot:750" ] || fail "$dir is $(stat -c %U:%G:%a "$dir"), not earshot:earshot:750"
done
[ "$(stat -c %U:%G:%a /etc/earshot/earshot.conf)" = "root:earshot:640" ] \
  || fail "/etc/earshot/earshot.conf is $(stat -c %U:%G:%a /etc/earshot/earshot.conf), not root:earshot:640"

# The package's config, on a port free here.
port=""
for candidate in $(seq 18080 18180); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || fail "no free port in 18080-18180"
conf=/etc/earshot/smoke.conf
sed "s/^http-port = .*/http-port = $port/" /etc/earshot/earshot.conf >"$conf"
chown root:earshot "$conf"
chmod 640 "$conf"
grep -q "^http-port = $port$" "$conf" || fail "the package's earshot.conf has no 'http-port = ' line to change"

# The unit's own command line, with the config swapped.
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/earshot.service)
[ -n "$exec_start" ] || fail "earshot.service has no ExecStart"
read -r -a command <<<"${exec_start//\/etc\/earshot\/earshot.conf/$conf}"
base="http://127.0.0.1:$port"

start_server() {
  say "starting as earshot on port $port: ${command[*]}"
  (cd /var/lib/earshot && exec runuser -u earshot -- "${command[@]}") >"$work/out.log" 2>&1 &
  pid=$!
  local deadline=$((SECONDS + START_TIMEOUT))
  until curl -fsS --max-time 2 "$base/api/health" >"$work/health.json" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || fail "the server exited before answering /api/health"
    [ "$SECONDS" -lt "$deadline" ] || fail "no answer on $base/api/health within ${START_TIMEOUT} s"
    sleep 1
  done
  grep -q '"status":"ok"' "$work/health.json" || fail "/api/health answered $(cat "$work/health.json")"
  java_pid=$(pgrep -P "$pid" || true)
  [ -n "$java_pid" ] && [ "$(ps -o user= -p "$java_pid" | tr -d ' ')" = "earshot" ] || fail "the server does not run as user earshot"
  say "up: $(cat "$work/health.json")"
}

# Stopped as systemd stops it: SIGTERM, then a clean exit (143, the unit's SuccessExitStatus).
stop_server() {
  kill -TERM "$java_pid"
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$java_pid" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || fail "still running ${STOP_TIMEOUT} s after SIGTERM"
    sleep 1
  done
  local code
  set +e; wait "$pid"; code=$?; set -e
  pid=""
  [ "$code" -eq 0 ] || [ "$code" -eq 143 ] || fail "the server exited with $code after SIGTERM"
  say "stopped cleanly ($code)"
}

login_as_admin() {
  local login token me
  login=$(curl -fsS --max-time 10 -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/login") || fail "login as admin was refused"
  token=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$login")
  [ -n "$token" ] || fail "login answered no token: $login"
  me=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$base/api/me") || fail "GET /api/me with the session failed"
  grep -q '"username":"admin"' <<<"$me" || fail "GET /api/me answered $me"
  say "logged in as admin"
}

start_server

# The first admin: the first start prints its password once (to the journal under systemd).
password=$(sed -n "s/.*created user 'admin' with password \([^ ]*\) .*/\1/p" "$work/out.log" | head -n 1)
[ -n "$password" ] || fail "the first start printed no password for 'admin'"
login_as_admin

# The version the package says is the one the server reports (Debian writes 0.1.0~SNAPSHOT for 0.1.0-SNAPSHOT).
deb_version=$(dpkg-query -W -f='${Version}' earshot)
version=$(curl -fsS --max-time 10 "$base/api/version") || fail "GET /api/version failed"
grep -q "\"version\":\"${deb_version//\~/-}\"" <<<"$version" || fail "GET /api/version answered $version for package $deb_version"
curl -fsS --max-time 10 "$base/metrics" | grep -q '^earshot_build_info{' || fail "/metrics has no earshot_build_info"
say "version: $version"

# Logs: the package's log-dir has the file, owned by the service, and no secret in it.
log=/var/log/earshot/earshot.log
[ -f "$log" ] || fail "no $log"
[ "$(stat -c %U "$log")" = "earshot" ] || fail "$log belongs to $(stat -c %U "$log")"
grep -q "Earshot is up" "$log" || fail "$log lacks the start line"
if grep -qF "$password" "$log"; then fail "$log holds the admin password"; fi

stop_server
grep -q "Stopping Earshot" "$log" || fail "$log lacks the stop line"

# An upgrade (the same package over itself runs the same scripts): the admin's edit of the conffile stays, and
# so do the data: the admin of the first start logs in again.
echo "# edited by the admin" >>/etc/earshot/earshot.conf
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i over the installed package"; }
grep -q "^# edited by the admin$" /etc/earshot/earshot.conf || fail "the upgrade replaced the admin's earshot.conf"
[ "$(stat -c %U:%G:%a /etc/earshot/earshot.conf)" = "root:earshot:640" ] || fail "the upgrade changed earshot.conf's owner or mode"
start_server
login_as_admin
stop_server
say "upgraded: settings and data kept"

# Remove keeps data, logs and settings; purge deletes them.
dpkg --remove earshot >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg --remove earshot"; }
[ ! -e /usr/bin/earshot ] || fail "/usr/bin/earshot is still there after dpkg --remove"
for path in /var/lib/earshot/db /var/log/earshot/earshot.log /etc/earshot/earshot.conf; do
  [ -e "$path" ] || fail "$path is gone after dpkg --remove: only purge deletes it"
done
say "removed: data, logs and settings kept"
dpkg --purge earshot >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg --purge earshot"; }
installed=""
for path in /var/lib/earshot /var/log/earshot /etc/earshot /usr/share/earshot /usr/bin/earshot; do
  [ ! -e "$path" ] || fail "$path is still there after dpkg --purge"
done
say "purged"
say "passed"
