#!/usr/bin/env bash
# Builds small stereo 8 kHz test calls with known ground truth for the speech module's tests.
#
#   speech/src/test/scripts/make-test-call.sh [OUT_DIR] [CALL...]   (default: src/test/resources/calls, all calls)
#
# For each CALL writes OUT_DIR/CALL.wav (G.711 WAV, left = customer, right = agent) and
# OUT_DIR/CALL.truth.json. Each utterance is synthesised with espeak-ng (voice, words-per-minute rate
# -s, pitch -p, at a stated peak level), band-limited to the telephone band, resampled to 8 kHz and
# trimmed of its leading/trailing silence, so the clip's length as sox reports it is the talk span;
# the spans below are where each clip is placed. The ground truth (talk spans, words, syllables,
# overlaps, dead air) is derived from the texts, placements and clip lengths only, never from
# Earshot's own analysis. Syllables are counted from espeak-ng's own phonemes for the text (vowel
# groups of `espeak-ng -q -x --ipa`), so they are the syllables the voice actually speaks.
# Needs espeak-ng, sox and python3.
set -euo pipefail

OUT_DIR=${1:-$(cd "$(dirname "$0")/../resources/calls" && pwd)}
shift || true
CALLS=("$@")
[ ${#CALLS[@]} -gt 0 ] || CALLS=(generated-call calm-call agitated-call)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# -R: repeatable dither and noise, so re-running the script gives the same bytes
sox() { command sox -R "$@"; }
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a + b }'; }

# Utterances in call order: id | party | placement | text [| rate | pitch | peak dB].
# Placement is "at:SECONDS" (absolute start), "after:ID:SECONDS" (start relative to the END of ID;
# negative = overlap with it) or "during:ID:SECONDS" (start relative to the START of ID). No
# punctuation inside an utterance, so espeak makes no pause long enough to split a talk spurt.
# Defaults: rate 165 words/min, pitch 50 (espeak's 0-99 scale), peak -3 dBFS.
generated_call() {
  CUSTOMER_VOICE=en-us+f3 AGENT_VOICE=en-us+m3 ENCODING=u-law HISS=0.006
  UTTERANCES=(
    "c1|customer|at:0.50|hi i am calling because my internet keeps dropping out every evening"
    "a0|agent|during:c1:1.60|okay"
    "a1|agent|after:c1:0.60|i am sorry to hear that let me pull up your account right now"
    "c2|customer|after:a1:-1.00|wait i already tried restarting the router twice"
    "a2|agent|after:c2:4.00|thank you for waiting i have reset the line from our side"
    "c3|customer|after:a2:0.60|great thank you so much"
  )
}

# A calm, satisfied caller: slow, low, soft, friendly words; the agent backchannels once.
calm_call() {
  CUSTOMER_VOICE=en-us+f2 AGENT_VOICE=en-us+m3 ENCODING=u-law HISS=0.004
  UTTERANCES=(
    "a1|agent|at:0.40|good morning thank you for calling how can i help you today|165|50|-4"
    "c1|customer|after:a1:0.70|hello i would like to move my appointment to next friday please|140|40|-12"
    "a0|agent|during:c1:2.00|sure|165|50|-6"
    "a2|agent|after:c1:0.80|of course i can do that for you friday at ten is available|165|50|-4"
    "c2|customer|after:a2:0.70|that sounds perfect thank you so much for your help|140|40|-12"
    "a3|agent|after:c2:0.60|you are welcome have a wonderful day|165|50|-4"
    "c3|customer|after:a3:0.60|thanks you too goodbye|140|40|-12"
  )
}

# An agitated caller: starts level, then escalates (faster, higher, louder, negative words), cuts
# the agent off twice, asks for a supervisor; 11 s of dead air while the agent "checks". A-law, so
# the G.711 round trip of the other law is covered too.
agitated_call() {
  CUSTOMER_VOICE=en-us+f3 AGENT_VOICE=en-us+m3 ENCODING=a-law HISS=0.006
  UTTERANCES=(
    "a1|agent|at:0.40|thank you for calling how can i help you|165|50|-4"
    "c1|customer|after:a1:0.60|my bill is wrong again this month|160|45|-14"
    "a2|agent|after:c1:0.70|i am sorry about that let me check your account for you|165|50|-4"
    "a3|agent|after:a2:11.00|i see a late fee that was added on the third of the month|165|50|-4"
    "c2|customer|after:a3:-1.20|this is ridiculous and unacceptable i am so angry about this terrible service|215|80|-2"
    "a4|agent|after:c2:0.50|i understand your frustration and i can remove the fee now|165|50|-4"
    "c3|customer|after:a4:-1.30|no i want to cancel everything and speak to your supervisor right now this is the worst|220|85|-1"
  )
}

syllables() { # text voice -> vowel groups in espeak's IPA for it
  espeak-ng -q -x --ipa -v "$2" "$1" | python3 -c '
import re, sys
print(len(re.findall("[aeiouyæɑɒɔəɛɚɜɝɪʊʌʏɐɨɯɵøœɤ][aeiouyæɑɒɔəɛɚɜɝɪʊʌʏɐɨɯɵøœɤː]*", sys.stdin.read())))'
}

synth() { # id voice text rate pitch peak -> $WORK/id.wav (8 kHz mono, telephone band, trimmed)
  espeak-ng -v "$2" -s "$4" -p "$5" -w "$WORK/$1.raw.wav" "$3"
  sox "$WORK/$1.raw.wav" -r 8000 -c 1 -b 16 "$WORK/$1.wav" \
      sinc 300-3400 norm "$6" \
      silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
}

make_call() { # name
  local name=$1 spans="" last=""
  declare -A START END
  for u in "${UTTERANCES[@]}"; do
    IFS='|' read -r id party placement text rate pitch peak <<<"$u"
    rate=${rate:-165} pitch=${pitch:-50} peak=${peak:--3}
    voice=$CUSTOMER_VOICE; [ "$party" = agent ] && voice=$AGENT_VOICE
    synth "$id" "$voice" "$text" "$rate" "$pitch" "$peak"
    len=$(soxi -D "$WORK/$id.wav")
    IFS=':' read -r how ref off <<<"$placement"
    case "$how" in
      at)     start=$(printf '%.3f' "$ref") ;;
      after)  start=$(add "${END[$ref]}" "$off") ;;
      during) start=$(add "${START[$ref]}" "$off") ;;
    esac
    START[$id]=$start
    END[$id]=$(add "$start" "$len")
    syl=$(syllables "$text" "$voice")
    echo "$name $id ($party) ${START[$id]} .. ${END[$id]}, $syl syllables: $text" >&2
    spans+="{\"id\":\"$id\",\"party\":\"$party\",\"start\":${START[$id]},\"end\":${END[$id]},\"text\":\"$text\","
    spans+="\"voice\":\"$voice\",\"rate\":$rate,\"pitch\":$pitch,\"peakDb\":$peak,\"syllables\":$syl},"
    last=$id
  done
  local duration
  duration=$(add "${END[$last]}" 0.80)
  for p in customer agent; do # every clip of the party padded to its start, mixed without sox's 1/n scaling
    sox -n -r 8000 -c 1 -b 16 "$WORK/$p.silence.wav" trim 0 "$duration"
    inputs=(-v 1 "$WORK/$p.silence.wav")
    for u in "${UTTERANCES[@]}"; do
      IFS='|' read -r id party _ <<<"$u"
      [ "$party" = "$p" ] || continue
      sox "$WORK/$id.wav" "$WORK/$id.placed.wav" pad "${START[$id]}"
      inputs+=(-v 1 "$WORK/$id.placed.wav")
    done
    sox -m "${inputs[@]}" "$WORK/$p.wav" trim 0 "$duration"
  done
  # Telephone-line hiss on the customer side; the agent side stays digital silence between
  # utterances, as on a PBX-generated leg.
  sox -n -r 8000 -c 1 -b 16 "$WORK/hiss.wav" synth "$duration" whitenoise vol "$HISS"
  sox -m -v 1 "$WORK/customer.wav" -v 1 "$WORK/hiss.wav" "$WORK/customer.noisy.wav"
  # Left = customer, right = agent (MixMonitor D order); stored as G.711, the way calls travel.
  sox -M "$WORK/customer.noisy.wav" "$WORK/agent.wav" -e "$ENCODING" -b 8 "$OUT_DIR/$name.wav"
  truth "$OUT_DIR/$name.truth.json" "$name.wav" "$duration" "[${spans%,}]"
  echo "wrote $OUT_DIR/$name.wav and $name.truth.json" >&2
}

truth() { # out file duration spans-json
  python3 - "$@" <<'PY'
import json, sys
out, file, duration, spans = sys.argv[1], sys.argv[2], float(sys.argv[3]), json.loads(sys.argv[4])
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
parties = ("customer", "agent")
talk = {p: round(sum(s["end"] - s["start"] for s in spans if s["party"] == p), 3) for p in parties}
words = {p: sum(len(s["text"].split()) for s in spans if s["party"] == p) for p in parties}
syllables = {p: sum(s["syllables"] for s in spans if s["party"] == p) for p in parties}
json.dump({"file": file, "durationSeconds": duration, "channels": {"left": "customer", "right": "agent"},
           "talkSeconds": talk, "words": words, "syllables": syllables, "utterances": spans,
           "overlaps": sorted(overlaps, key=lambda o: o["start"]), "deadAir": dead_air},
          open(out, "w"), indent=2)
PY
}

for call in "${CALLS[@]}"; do
  "${call//-/_}"
  make_call "$call"
done
