#!/usr/bin/env bash
# Brings up Varde's production stack from the files in deploy/ on this machine – a throwaway
# PostgreSQL cluster, gunicorn with production settings, the worker, the daily jobs, Debian's nginx
# with a self-signed certificate on loopback ports, and an SMTP sink – checks it through nginx
# (deploy/smoke_check.py), and tears everything down. Run from anywhere: bash deploy/smoke.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
deploy="$repo/deploy"
venv="$repo/.venv"
[ -x "$venv/bin/varde" ] || { echo "Run 'uv sync --locked' first: $venv/bin/varde is missing." >&2; exit 2; }
for tool in initdb pg_ctl psql nginx openssl; do
  command -v "$tool" >/dev/null || { echo "Missing $tool (apt-get install postgresql nginx openssl)." >&2; exit 2; }
done

work="$(mktemp -d /tmp/varde-smoke.XXXXXX)"
chmod 755 "$work"
pids=()
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { "$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
teardown() {
  status=$?
  [ -f "$work/nginx/nginx.pid" ] && nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -s quit 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -d "$work/pg" ] && as_postgres pg_ctl -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  if [ "$status" != 0 ]; then
    echo "--- logs left in $work/logs ---" >&2
    tail -n 40 "$work"/logs/*.log "$work/nginx/error.log" >&2 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap teardown EXIT
mkdir -p "$work/logs" "$work/var/backups" "$work/mail/tmp" "$work/mail/new" "$work/mail/cur" "$work/tls" "$work/nginx/tmp"

echo "== PostgreSQL (throwaway cluster)"
pg_port="$(free_port)"
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; install -d -o postgres "$work/pg"; fi
as_postgres initdb -D "$work/pg" -U postgres -A trust --no-sync >/dev/null
as_postgres pg_ctl -D "$work/pg" -l "$work/pg/server.log" -w \
  -t 300 -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
# Two roles, as in production: the owner migrates; the application may only append to the trail.
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE ROLE varde LOGIN" -c "CREATE ROLE varde_app LOGIN"
createdb -h 127.0.0.1 -p "$pg_port" -U postgres -O varde varde

echo "== Environment file from deploy/varde.env.example"
app_port="$(free_port)"; https_port="$(free_port)"; http_port="$(free_port)"; smtp_port="$(free_port)"
env_file="$work/varde.env"
cp "$deploy/varde.env.example" "$env_file"
secret() { "$venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(40))'; }
set_env() { grep -q "^$1=" "$env_file" || { echo "$1 is not in varde.env.example" >&2; exit 1; }; sed -i "s|^$1=.*|$1=$2|" "$env_file"; }
set_env SECRET_KEY "$(secret)"
set_env VARDE_AUDIT_KEY "$(secret)"
set_env VARDE_BLIND_INDEX_KEY "$(secret)"
set_env VARDE_ENCRYPTION_KEYS "$("$venv/bin/python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
set_env DATABASE_URL "postgres://varde_app@127.0.0.1:$pg_port/varde"
set_env VARDE_ALLOWED_HOSTS localhost
set_env VARDE_BASE_URL "https://localhost:$https_port"
set_env VARDE_CSRF_TRUSTED_ORIGINS "https://localhost:$https_port"
set_env VARDE_BIND "127.0.0.1:$app_port"
set_env VARDE_WORKERS 2
set_env VARDE_VAR_DIR "$work/var"
set_env VARDE_EMAIL_HOST 127.0.0.1
set_env VARDE_EMAIL_PORT "$smtp_port"
set_env VARDE_EMAIL_USE_TLS false
set_env VARDE_EMAIL_FROM varde@localhost
set -a; . "$env_file"; set +a

# A unit's ExecStart lines, with the install paths of the example pointed at this checkout.
exec_lines() {
  sed -n 's/^ExecStart=//p' "$deploy/systemd/$1" | sed -e "s|/srv/varde|$repo|g" -e "s|/var/lib/varde|$work/var|g" -e 's/%%/%/g'
}
start_unit() {  # the long-running services, in the background, logging like the journal would
  local line; line="$(exec_lines "$1")"
  (cd "$repo" && exec bash -c "exec $line") >"$work/logs/$2.log" 2>&1 &
  pids+=("$!")
}

echo "== An installation from an empty database: migrate as the owner, a partnership, its first users, a plan"
varde="$venv/bin/varde"
(cd "$repo" && VARDE_OWNER_DATABASE_URL="postgres://varde@127.0.0.1:$pg_port/varde" "$varde" migrate --no-input -v 0)
(cd "$repo" && "$varde" partnership create --name Røyksignal --slug royksignal \
  --municipality "Røyksignal kommune" --police "Røyksignal politistasjonsdistrikt")
password="$(cd "$repo" && "$varde" createuser --username driftsjekk --email drift@example.invalid \
  --partnership royksignal --agency municipality --role coordinator | sed -n 's/.*(shown once): //p')"
[ -n "$password" ] || { echo "createuser printed no password" >&2; exit 1; }
(cd "$repo" && "$varde" createuser --username planleder --email plan@example.invalid \
  --partnership royksignal --agency municipality --role plan_manager >/dev/null)
(cd "$repo" && "$varde" plan import "$repo/varde/actionplan/plans/fredrikstad-demo.yaml" --partnership royksignal)

echo "== SMTP sink, web, worker"
"$venv/bin/python" -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$work/mail" \
  >"$work/logs/smtp.log" 2>&1 &
pids+=("$!")
start_unit varde-web.service web
start_unit varde-worker.service worker

echo "== The daily jobs (varde-daily.service)"
while IFS= read -r line; do (cd "$repo" && bash -c "$line"); done < <(exec_lines varde-daily.service)
ls "$work/var/backups"/varde-*.zip >/dev/null

echo "== The application's role cannot rewrite the audit trail"
for statement in "UPDATE core_auditevent SET action = 'x'" "DELETE FROM core_auditevent" "TRUNCATE core_auditevent" \
  "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only"; do
  if psql -q -h 127.0.0.1 -p "$pg_port" -U varde_app -d varde -c "$statement" >/dev/null 2>&1; then
    echo "The application role could run: $statement" >&2; exit 1
  fi
done
(cd "$repo" && "$varde" checkpoint-audit >/dev/null && "$varde" verify-audit >/dev/null)
echo "ok - refused UPDATE, DELETE, TRUNCATE and DISABLE TRIGGER; a checkpoint verifies"

echo "== nginx with the site from deploy/nginx"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/tls/privkey.pem" -out "$work/tls/fullchain.pem" 2>/dev/null
sed -e "s|listen 80;|listen 127.0.0.1:$http_port;|" -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
  -e '/listen \[::\]/d' -e "s|server_name varde.example.no;|server_name localhost;|" \
  -e "s|/etc/ssl/varde/|$work/tls/|" -e "s|/var/lib/varde/|$work/var/|" \
  -e "s|server 127.0.0.1:8000;|server 127.0.0.1:$app_port;|" \
  -e "s|/var/log/nginx/varde.access.log|$work/logs/nginx-access.log|" \
  "$deploy/nginx/varde.conf" >"$work/nginx/varde.conf"
cat >"$work/nginx/nginx.conf" <<CONF
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events {}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    include $deploy/nginx/varde-log-format.conf;
    include $work/nginx/varde.conf;
}
CONF
nginx -t -q -c "$work/nginx/nginx.conf" -p "$work/nginx"
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"

# Ready when /healthz answers through nginx; a busy machine may take minutes, so 300 s is a ceiling.
ready=""
for _ in $(seq 1 300); do
  curl -skf "https://localhost:$https_port/healthz" >/dev/null 2>&1 && { ready=1; break; }
  sleep 1
done
[ -n "$ready" ] || { echo "Nothing answered on /healthz within 300 seconds." >&2; exit 1; }

echo "== Checks through nginx"
(cd "$repo" && "$varde" plan remind --queue)
"$venv/bin/python" "$deploy/smoke_check.py" "$https_port" driftsjekk "$password" plan@example.invalid \
  "$work/mail" "$work/logs"
echo "== Smoke test passed"
