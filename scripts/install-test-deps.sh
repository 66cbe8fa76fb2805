#!/usr/bin/env bash
# Debian packages the tests need: PostgreSQL, Chromium, CJK fonts, Pango and HarfBuzz subsetting (PDF),
# gettext, wrk, pdftotext (the PDF tests read their text back), and OpenLDAP (slapd, and the
# headers python-ldap builds against).
set -euo pipefail
# Each check reads its listing to the end (grep without -q): under pipefail, grep -q stopping at
# the first match would fail the listing with SIGPIPE and install what is already there.
missing=()
command -v /usr/bin/chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/postgres ] || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
ldconfig -p 2>/dev/null | grep libharfbuzz-subset >/dev/null || missing+=(libharfbuzz-subset0)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
ldconfig -p 2>/dev/null | grep libpangoft2-1.0 >/dev/null || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[ -x /usr/sbin/slapd ] || missing+=(slapd)  # a real OpenLDAP server for the directory tests
[ -f /usr/include/ldap.h ] || missing+=(libldap2-dev)  # python-ldap is built against these
[ -f /usr/include/sasl/sasl.h ] || missing+=(libsasl2-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install: ${missing[*]}" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
