#!/bin/sh
# Recomputes one claim's hash chain from a `recourse audit export` with jq and sha256sum alone.
#   sh verify-claim-jq.sh export.ndjson <claim-id>
# Prints each revision as ok or BROKEN and exits 1 at the first broken one. `jq -S -c` writes the
# RFC 8785 form for what Recourse stores (integers and text); the Node script is the reference.
set -eu
grep -q "\"streamId\":\"claim-$2\"" "$1" || { echo "no events of claim $2 in $1"; exit 1; }
prev=""
grep "\"streamId\":\"claim-$2\"" "$1" | while IFS= read -r line; do
  revision=$(printf '%s' "$line" | jq .revision)
  stored=$(printf '%s' "$line" | jq -r .metadata.hash)
  content=$(printf '%s' "$line" | jq -cS '{id, streamId, revision, type, data, metadata: (.metadata | del(.hash))}')
  hash=$(printf '%s\n%s' "$prev" "$content" | sha256sum | cut -d ' ' -f 1)
  if [ "$hash" != "$stored" ]; then echo "BROKEN at revision $revision"; exit 1; fi
  echo "ok $revision $hash"
  prev=$hash
done
