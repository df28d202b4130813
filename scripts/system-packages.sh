#!/usr/bin/env bash
# Installs the Debian packages bmnn uses, when run as root on Debian/Ubuntu; otherwise says what is missing.
#   runtime: OCR and legacy-format tools for the scanner
#   test:    runtime + Chromium for the browser tests
set -uo pipefail
what=${1:-runtime}
pkgs=(tesseract-ocr tesseract-ocr-vie catdoc libarchive13 poppler-utils unrar-free fonts-dejavu-core fonts-liberation)
if [ "$what" = "test" ]; then
  # LibreOffice writes the legacy .doc/.ppt samples of the scanner tests and converts DOCX for viewing.
  pkgs+=(chromium gettext libreoffice-writer-nogui libreoffice-impress-nogui)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || true
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
    echo "WARNING: could not install some of: ${missing[*]}" >&2; exit 0; }
else
  echo "NOTE: these Debian packages are missing (install them as root for full features): ${missing[*]}" >&2
fi
exit 0
