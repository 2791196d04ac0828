#!/bin/sh
# A plain curl client: any language works under the audit, as long as it reads its base URL from the
# environment. One JSON call and one streaming call, no retries; fails when curl fails (HTTP >= 400 included),
# when the answer has no content, or when the stream does not end with [DONE].
#   chatproof audit-client --simulator -- sh examples/curl-client.sh
set -eu
BASE="${CHATPROOF_BASE_URL:-${OPENAI_BASE_URL:?set CHATPROOF_BASE_URL or OPENAI_BASE_URL}}"
MODEL="${CHATPROOF_MODEL:-${OPENAI_MODEL:?set CHATPROOF_MODEL or OPENAI_MODEL (chatproof audit-client sets it from request.model-id)}}"
BODY='{"model":"'"$MODEL"'","messages":[{"role":"user","content":"Return the literal text: contract_probe_ok"}]'
# The key travels in a header read from a file descriptor, so it never shows in the process list.
auth() { printf 'Authorization: Bearer %s\n' "${OPENAI_API_KEY:-}"; }

json=$(auth | curl -sS --fail-with-body --max-time 30 -H @- -H 'Content-Type: application/json' \
  -d "$BODY}" "$BASE/chat/completions")
printf '%s' "$json" | grep -q '"content":"[^"]' || { echo "curl-client: the answer has no content" >&2; exit 1; }
echo "json: ok"

stream=$(auth | curl -sS -N --fail-with-body --max-time 30 -H @- -H 'Content-Type: application/json' \
  -d "$BODY"',"stream":true}' "$BASE/chat/completions")
printf '%s' "$stream" | grep -q '"content":"[^"]' || { echo "curl-client: the stream has no content" >&2; exit 1; }
printf '%s' "$stream" | grep -q '^data: \[DONE\]' || { echo "curl-client: the stream ended without [DONE]" >&2; exit 1; }
echo "stream: ok"
