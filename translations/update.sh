#!/usr/bin/env bash
# Re-extract every marked string and merge it into each language's catalog (then fill the new msgstr).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -o translations/messages.pot --no-wrap --sort-by-file \
  -k N_ -k NP_:1c,2 -k _ -k gettext -k ngettext:1,2 -k pgettext:1c,2 --msgid-bugs-address= \
  --project="Clinic Desk" --copyright-holder="Clinic Desk" . >/dev/null 2>&1
for locale in en ko ru ro zh_CN; do
  if [ -f "translations/$locale/LC_MESSAGES/messages.po" ]; then
    .venv/bin/pybabel update -i translations/messages.pot -d translations -l "$locale" --no-wrap --no-fuzzy-matching >/dev/null 2>&1
  else
    .venv/bin/pybabel init -i translations/messages.pot -d translations -l "$locale" --no-wrap >/dev/null 2>&1
  fi
done
# English is the source language: its catalog says each message as written.
msgen --no-wrap translations/en/LC_MESSAGES/messages.po -o translations/en/LC_MESSAGES/messages.po
