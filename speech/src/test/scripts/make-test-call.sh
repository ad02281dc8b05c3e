#!/usr/bin/env bash
# Builds a small stereo 8 kHz test call with known ground truth for the speech module's tests.
#
#   speech/src/test/scripts/make-test-call.sh [OUT_DIR]   (default: speech/src/test/resources/calls)
#
# Writes OUT_DIR/generated-call.wav (G.711 mu-law WAV, left = customer, right = agent) and
# OUT_DIR/generated-call.truth.json. Each utterance is synthesised with espeak-ng, band-limited to
# the telephone band, resampled to 8 kHz and trimmed of its leading/trailing silence, so the clip's
# length as sox reports it is the talk span; the spans below are where each clip is placed. The
# ground truth (talk spans, overlaps, dead air) is derived from those placements and lengths only,
# never from Earshot's own analysis. Needs espeak-ng, sox and python3.
set -euo pipefail

OUT_DIR=${1:-$(cd "$(dirname "$0")/../resources/calls" && pwd)}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# -R: repeatable dither and noise, so re-running the script gives the same bytes
sox() { command sox -R "$@"; }

CUSTOMER_VOICE=en-us+f3
AGENT_VOICE=en-us+m3

# Utterances in call order: id | party | placement | text. Placement is either "at:SECONDS"
# (absolute start) or "after:ID:SECONDS" (start relative to the END of ID; negative = overlap
# with it) or "during:ID:SECONDS" (start relative to the START of ID). No punctuation inside an
# utterance, so espeak makes no pause long enough to split a talk spurt (< 300 ms).
UTTERANCES=(
  "c1|customer|at:0.50|hi i am calling because my internet keeps dropping out every evening"
  "a0|agent|during:c1:1.60|okay"
  "a1|agent|after:c1:0.60|i am sorry to hear that let me pull up your account right now"
  "c2|customer|after:a1:-1.00|wait i already tried restarting the router twice"
  "a2|agent|after:c2:4.00|thank you for waiting i have reset the line from our side"
  "c3|customer|after:a2:0.60|great thank you so much"
)

declare -A START END
synth() { # id voice text -> $WORK/id.wav (8 kHz mono, telephone band, trimmed)
  espeak-ng -v "$2" -s 165 -w "$WORK/$1.raw.wav" "$3"
  sox "$WORK/$1.raw.wav" -r 8000 -c 1 -b 16 "$WORK/$1.wav" \
      sinc 300-3400 norm -3 \
      silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
}

add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a + b }'; }

SPANS_JSON=""
for u in "${UTTERANCES[@]}"; do
  IFS='|' read -r id party placement text <<<"$u"
  voice=$CUSTOMER_VOICE; [ "$party" = agent ] && voice=$AGENT_VOICE
  synth "$id" "$voice" "$text"
  len=$(soxi -D "$WORK/$id.wav")
  IFS=':' read -r how ref off <<<"$placement"
  case "$how" in
    at)     start=$(printf '%.3f' "$ref") ;;
    after)  start=$(add "${END[$ref]}" "$off") ;;
    during) start=$(add "${START[$ref]}" "$off") ;;
  esac
  START[$id]=$start
  END[$id]=$(add "$start" "$len")
  echo "$id ($party) ${START[$id]} .. ${END[$id]}: $text" >&2
  SPANS_JSON+="{\"id\":\"$id\",\"party\":\"$party\",\"start\":${START[$id]},\"end\":${END[$id]},\"text\":\"$text\"},"
done

# Each channel: every clip of its party padded to its start, mixed without sox's 1/n scaling.
DURATION=$(add "${END[c3]}" 0.80)
channel() { # party -> $WORK/party.wav
  sox -n -r 8000 -c 1 -b 16 "$WORK/$1.silence.wav" trim 0 "$DURATION"
  inputs=(-v 1 "$WORK/$1.silence.wav")
  for u in "${UTTERANCES[@]}"; do
    IFS='|' read -r id party _ _ <<<"$u"
    [ "$party" = "$1" ] || continue
    sox "$WORK/$id.wav" "$WORK/$id.placed.wav" pad "${START[$id]}"
    inputs+=(-v 1 "$WORK/$id.placed.wav")
  done
  sox -m "${inputs[@]}" "$WORK/$1.wav" trim 0 "$DURATION"
}
channel customer
channel agent

# Telephone-line hiss on the customer side (about -50 dBFS RMS); the agent side stays digital
# silence between utterances, as on a PBX-generated leg.
sox -n -r 8000 -c 1 -b 16 "$WORK/hiss.wav" synth "$DURATION" whitenoise vol 0.006
sox -m -v 1 "$WORK/customer.wav" -v 1 "$WORK/hiss.wav" "$WORK/customer.noisy.wav"

# Left = customer, right = agent (MixMonitor D order); stored as G.711 mu-law, the way calls travel.
sox -M "$WORK/customer.noisy.wav" "$WORK/agent.wav" -e u-law -b 8 "$OUT_DIR/generated-call.wav"

python3 - "$OUT_DIR/generated-call.truth.json" "$DURATION" "[${SPANS_JSON%,}]" <<'PY'
import json, sys
out, duration, spans = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
# Overlaps and dead air by the SPEC definitions, applied to the placed utterances.
overlaps = []
for b in spans:
    for a in spans:
        if a["party"] != b["party"] and a["start"] < b["start"] < a["end"]:
            end = min(a["end"], b["end"])
            if end - b["start"] >= 0.25:
                short_and_inside = b["end"] - b["start"] < 1.0 and b["end"] < a["end"]
                overlaps.append({"start": b["start"], "end": round(end, 3), "by": b["party"],
                                 "kind": "backchannel" if short_and_inside else "interruption"})
merged = []
for s in sorted(spans, key=lambda s: s["start"]):
    if merged and s["start"] <= merged[-1][1]:
        merged[-1][1] = max(merged[-1][1], s["end"])
    else:
        merged.append([s["start"], s["end"]])
dead_air = [{"start": a[1], "end": b[0]} for a, b in zip(merged, merged[1:]) if b[0] - a[1] >= 3.0]
talk = {p: round(sum(s["end"] - s["start"] for s in spans if s["party"] == p), 3) for p in ("customer", "agent")}
json.dump({"file": "generated-call.wav", "durationSeconds": duration,
           "channels": {"left": "customer", "right": "agent"},
           "talkSeconds": talk, "utterances": spans,
           "overlaps": sorted(overlaps, key=lambda o: o["start"]), "deadAir": dead_air},
          open(out, "w"), indent=2)
PY
echo "wrote $OUT_DIR/generated-call.wav and generated-call.truth.json" >&2
