#!/bin/sh
# The CAs of the host that builds kafka-airgap/node:22, e.g. the CA of an HTTPS proxy that re-signs certificates.
#   build-host-cas.sh select BUNDLE [DIR]  on the host (images/build.sh): prints the certificates of the PEM
#                                          BUNDLE that no *.crt file under DIR holds, i.e. with DIR=/usr/share/
#                                          ca-certificates, what the host adds to the CAs its distribution ships.
#   build-host-cas.sh install BUNDLE       in the image build, after Debian's ca-certificates: every certificate
#                                          of BUNDLE that Debian's bundle lacks becomes a file under
#                                          /usr/local/share/ca-certificates/build-host/, then update-ca-certificates
#                                          adds them to /etc/ssl/certs/ca-certificates.crt.
# Certificates are compared by their base64 body, so comments, order and line endings do not matter.
set -eu

# new_certs BUNDLE [OUT_DIR] < KNOWN_PEMS: the certificates of BUNDLE missing from stdin, each once; one file per
# certificate in OUT_DIR, or all on stdout without OUT_DIR.
new_certs() {
  awk -v bundle="$1" -v out="${2:-}" '
    { sub(/\r$/, "") }
    /^-----BEGIN CERTIFICATE-----$/ { inside = 1; body = ""; pem = $0 "\n"; next }
    !inside { next }
    { pem = pem $0 "\n" }
    /^-----END CERTIFICATE-----$/ {
      inside = 0
      if (FILENAME != bundle) { known[body] = 1; next }
      if (body in known) next
      known[body] = 1
      if (out == "") { printf "%s", pem; next }
      file = sprintf("%s/build-host-%03d.crt", out, ++added)
      printf "%s", pem > file
      close(file)
      next
    }
    { body = body $0 }
  ' - "$1"
}

case "${1:-}" in
  select)
    [ $# -ge 2 ] || { echo "usage: $0 select BUNDLE [DIR]" >&2; exit 2; }
    if [ -n "${3:-}" ] && [ -d "$3" ]; then
      find "$3" -name '*.crt' -type f -exec cat {} + | new_certs "$2"
    else
      new_certs "$2" </dev/null
    fi
    ;;
  install)
    [ $# -eq 2 ] || { echo "usage: $0 install BUNDLE" >&2; exit 2; }
    debian_bundle=/etc/ssl/certs/ca-certificates.crt
    target=/usr/local/share/ca-certificates/build-host
    [ -s "$debian_bundle" ] || { echo "$0: $debian_bundle is missing; install ca-certificates first" >&2; exit 1; }
    rm -rf "$target"
    mkdir -p "$target"
    new_certs "$2" "$target" <"$debian_bundle"
    added=$(find "$target" -name '*.crt' | wc -l)
    [ "$added" -eq 0 ] || update-ca-certificates >/dev/null
    echo "build-host-cas: $added certificate(s) of the build host added to Debian's CA bundle"
    ;;
  *)
    echo "usage: $0 select BUNDLE [DIR] | install BUNDLE" >&2
    exit 2
    ;;
esac
