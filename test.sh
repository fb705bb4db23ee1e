#!/usr/bin/env bash
# Runs every test of Palisade: `./test.sh` (extra arguments go to Maven).
# On Debian, as root, it first installs the packages the tests need when they are missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Debian packages some tests need (each later part adds what it uses).
packages=(
  softhsm2                   # keys: the vault's PKCS#11 key-encryption key in a software token
  nftables                   # deploy: `nft -c` checks every rendered firewall ruleset
  chromium chromium-driver   # console: browser tests (Selenium drives Debian's headless Chromium)
  postgresql                 # console: migrations, state and audit tested against a real PostgreSQL too
  zsh                        # cli: the completion script loads in zsh
  prometheus                 # deploy: promtool tests every rendered alerting rule
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${missing[*]}" >&2
    # Another build installing at the same time holds dpkg's lock: wait for it rather than fail.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "test.sh: WARNING: missing Debian packages ${missing[*]} (run as root to install them)" >&2
  fi
fi

# Two builder threads: the operator's and the console's tests run beside the runtime's (none depends on another),
# which takes about three minutes off the suite on two cores; cli, which depends on all of them, still runs last.
exec mvn -B --no-transfer-progress -T 2 verify "$@"
