#!/usr/bin/env bash
# Builds stereo 8 kHz test calls with card data in them, for the PCI redaction tests (CardRedactionIT).
#
#   speech/src/test/scripts/make-card-calls.sh OUT_DIR [SET]
#
# SET is "tuned" (default: the calls the redaction rules were written against) or "held-out" (calls
# written after the rules were, in other voices and phrasings, never tuned on: CardRedactionHeldOutIT).
#
# Writes OUT_DIR/CALL.wav (16-bit PCM WAV, left = customer, right = agent, light line hiss on both)
# and OUT_DIR/CALL.labels.tsv, one line per utterance or keypad run:
#   party <TAB> kind <TAB> start <TAB> end <TAB> text
# kind is card-number, security-code, expiry, keypad-digits (card data, which must be redacted),
# harmless (numbers that are not card data, which should be kept) or say (anything else). Times are
# where the clip was placed (seconds), from the clip lengths only, never from Earshot's analysis.
# Speech: espeak-ng (voice per call), band-limited to the telephone band, trimmed of its silence; or,
# where the text starts with "allison:", real speech: Allison's prompts (digits/N.wav, one a word) joined,
# from $ALLISON (default /usr/share/asterisk/sounds/en_US_f_Allison, Debian asterisk-core-sounds-en-wav).
# Keypad: sox-synthesised DTMF (two sines per key, 100 ms tone, 100 ms gap) at a stated peak level.
# Utterances follow one another with the stated gap; none overlap. Needs espeak-ng, sox and the prompts.
set -euo pipefail

OUT_DIR=${1:?usage: make-card-calls.sh OUT_DIR [tuned|held-out]}
SET=${2:-tuned}
ALLISON=${ALLISON:-/usr/share/asterisk/sounds/en_US_f_Allison}
mkdir -p "$OUT_DIR"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
sox() { command sox -R "$@"; }

declare -A ROW=([1]=697 [2]=697 [3]=697 [4]=770 [5]=770 [6]=770 [7]=852 [8]=852 [9]=852 [0]=941)
declare -A COL=([1]=1209 [2]=1336 [3]=1477 [4]=1209 [5]=1336 [6]=1477 [7]=1209 [8]=1336 [9]=1477 [0]=1336)

# $1 out, $2 voice, $3 text, $4 words per minute
speak() {
  espeak-ng -v "$2" -s "$4" -w "$WORK/espeak.wav" "$3"
  sox "$WORK/espeak.wav" -r 8000 -c 1 -b 16 "$1" sinc 300-3400 norm -6 \
      silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
}

# Real speech: Allison's 8 kHz telephone prompts (asterisk-core-sounds-en-wav), one word a prompt.
# $1 out, $2 prompts separated by spaces, "," = a 0.5 s pause (between the groups of a card number)
allison() {
  local parts=() p i=0
  for p in $2; do
    i=$((i + 1))
    if [ "$p" = , ]; then
      sox -n -r 8000 -c 1 -b 16 "$WORK/allison$i.wav" trim 0 0.5
    else
      # each prompt trimmed of its silence, then the short gap a caller leaves between digits
      sox "$ALLISON/$p.wav" -r 8000 -c 1 -b 16 "$WORK/allison$i.wav" \
          silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0 0.1
    fi
    parts+=("$WORK/allison$i.wav")
  done
  sox "${parts[@]}" "$1" sinc 300-3400 norm -6
}

# $1 out, $2 digits, $3 peak dBFS
keypad() {
  local parts=() i d
  for ((i = 0; i < ${#2}; i++)); do
    d=${2:i:1}
    sox -n -r 8000 -c 1 -b 16 "$WORK/key$i.wav" synth 0.1 sine "${ROW[$d]}" synth 0.1 sine mix "${COL[$d]}" \
        norm "$3" pad 0 0.1
    parts+=("$WORK/key$i.wav")
  done
  sox "${parts[@]}" "$1" trim 0 "$(awk -v n="${#2}" 'BEGIN { printf "%.3f", n * 0.2 - 0.1 }')"
}

# $1 seconds
quiet() { sox -n -r 8000 -c 1 -b 16 "$WORK/q.wav" trim 0 "$1"; }

# Reads the call's events (party|kind|gap|text) from stdin; $1 call name, $2 customer voice, $3 agent voice.
call() {
  local name=$1 cvoice=$2 avoice=$3 t=0 n=0 party kind gap text clip len
  local left=() right=()
  : > "$OUT_DIR/$name.labels.tsv"
  while IFS='|' read -r party kind gap text; do
    [ -n "$party" ] || continue
    n=$((n + 1))
    clip="$WORK/$name-$n.wav"
    if [ "$kind" = keypad-digits ]; then
      local keys=${text%@*} level=${text#*@}
      keypad "$clip" "$keys" "$level"
      text="${#keys} keys at $level dBFS" # the label needs no digits
    elif [ "${text#allison:}" != "$text" ]; then
      allison "$clip" "${text#allison:}"
      text="allison:$(tr -d , <<< "${text#allison:}" | tr -s ' ')"
    else
      # card data is read in groups, as callers do (commas: espeak pauses briefly there)
      speak "$clip" "$([ "$party" = customer ] && echo "$cvoice" || echo "$avoice")" "$text" 150
      text=${text//,/}
    fi
    sox -n -r 8000 -c 1 -b 16 "$WORK/$name-$n.gap.wav" trim 0 "$gap"
    left+=("$WORK/$name-$n.gap.wav"); right+=("$WORK/$name-$n.gap.wav")
    len=$(soxi -D "$clip")
    sox -n -r 8000 -c 1 -b 16 "$WORK/$name-$n.hush.wav" trim 0 "$len"
    if [ "$party" = customer ]; then
      left+=("$clip"); right+=("$WORK/$name-$n.hush.wav")
    else
      left+=("$WORK/$name-$n.hush.wav"); right+=("$clip")
    fi
    t=$(awk -v a="$t" -v b="$gap" 'BEGIN { printf "%.4f", a + b }')
    printf '%s\t%s\t%s\t%s\t%s\n' "$party" "$kind" "$t" "$(awk -v a="$t" -v b="$len" 'BEGIN { printf "%.4f", a + b }')" \
        "$text" >> "$OUT_DIR/$name.labels.tsv"
    t=$(awk -v a="$t" -v b="$len" 'BEGIN { printf "%.4f", a + b }')
  done
  sox -n -r 8000 -c 1 -b 16 "$WORK/tail.wav" trim 0 1
  left+=("$WORK/tail.wav"); right+=("$WORK/tail.wav")
  sox "${left[@]}" "$WORK/left.wav"
  sox "${right[@]}" "$WORK/right.wav"
  local d; d=$(soxi -D "$WORK/left.wav")
  sox -n -r 8000 -c 1 -b 16 "$WORK/hiss.wav" synth "$d" whitenoise vol 0.003
  sox -m "$WORK/left.wav" "$WORK/hiss.wav" "$WORK/left.noisy.wav"
  sox -m "$WORK/right.wav" "$WORK/hiss.wav" "$WORK/right.noisy.wav"
  sox -M "$WORK/left.noisy.wav" "$WORK/right.noisy.wav" -b 16 -e signed-integer "$OUT_DIR/$name.wav"
}

if [ "$SET" = held-out ]; then
call amex en-us+m2 en-gb <<'CALL'
agent|say|0.5|may i have the card number please
customer|say|0.6|sure it is an american express
customer|card-number|0.3|three seven one four, four nine six three five three, nine eight four three one
agent|say|0.6|and the four digit code on the front
customer|security-code|0.6|one two three four
agent|say|0.6|when does it expire
customer|expiry|0.6|december twenty six
CALL

call visa-debit en-gb-x-rp en-us+f4 <<'CALL'
customer|say|0.5|i want to pay with my visa debit
agent|say|0.6|okay what is the long number
customer|card-number|0.6|four nine one seven, six one zero zero, zero zero zero zero, zero zero zero zero
agent|say|0.6|the expiration date
customer|expiry|0.6|oh four, twenty eight
agent|say|0.6|and the c v c
customer|security-code|0.6|five six seven
CALL

call readback2 en-us+f2 en-029 <<'CALL'
agent|say|0.5|let me read that back to you
agent|card-number|0.3|five four five four, five four five four, five four five four, five four five four
customer|say|0.6|yes that is correct
CALL

call harmless2 en-gb en-us+m1 <<'CALL'
customer|harmless|0.5|my account number is one two three four five six
agent|harmless|0.6|the total is one hundred and twenty dollars
customer|harmless|0.6|you can call me on oh two oh seven nine four six oh one two three
agent|harmless|0.6|i see you were born in nineteen eighty five
customer|harmless|0.6|my flight two four seven leaves at six fifteen
agent|harmless|0.6|your ticket is number four four one nine
CALL

call code-first en-us+m3 en-gb-x-rp <<'CALL'
agent|say|0.5|before we start what is the security code on the back of your card
customer|security-code|0.6|eight one two
agent|say|0.6|thanks and now the full card number
customer|card-number|0.6|five one zero five, one zero five one, zero five one zero, five one zero zero
agent|say|0.6|lovely thank you
CALL

call no-cue en-us+f1 en-us+m2 <<'CALL'
agent|say|0.5|okay go ahead
customer|card-number|0.6|four five three two, zero one five one, one two eight three, zero three six six
agent|say|0.6|and when does it run out
customer|expiry|0.6|zero five slash twenty nine
CALL

call slow-pairs en-gb-x-gbclan en-us+f3 <<'CALL'
agent|say|0.5|can you give me the number on the card please
customer|card-number|0.6|forty four, eighty four, thirty eight, sixty one, twenty two, ten, seventy two, fifty one
agent|say|0.6|and the three numbers on the back
customer|security-code|0.6|nine nine one
CALL

call harmless3 en-us+m1 en-gb <<'CALL'
customer|harmless|0.5|my zip code is nine oh two one oh
agent|harmless|0.6|your confirmation number is seven seven three four nine
customer|harmless|0.6|i called at two forty five yesterday
agent|harmless|0.6|the promo code is twenty twenty four
customer|harmless|0.6|i have been a customer for twelve years
agent|harmless|0.6|extension four four two one
CALL
  exit 0
fi

# Digits read one by one; security code and expiry after the customer's own cue.
call card-single en-us+f3 en-us+m3 <<'CALL'
agent|say|0.5|thank you for calling how can i help you
customer|say|0.6|i would like to pay my bill by card please
agent|say|0.6|sure go ahead
customer|say|0.6|my card number is
customer|card-number|0.15|four one one one, one one one one, one one one one, one one one one
agent|say|0.6|thank you
customer|say|0.6|the security code is
customer|security-code|0.15|seven three seven
customer|say|0.6|and it expires
customer|expiry|0.15|march twenty twenty seven
agent|say|0.6|great that payment is done
CALL

# Pairs; the agent's questions are the cues for the security code.
call card-pairs en-us+m1 en-us+f2 <<'CALL'
agent|say|0.5|can i take the long number on the front of the card
customer|say|0.6|yes it is a visa
customer|card-number|0.15|forty five, fifty six, seventy three, seventy five, eighty six, eighty nine, ninety eight, fifty five
agent|say|0.6|and the three digits on the back
customer|security-code|0.6|oh four two
agent|say|0.6|and the expiry date
customer|expiry|0.6|oh nine twenty eight
CALL

# "double", the cue in the agent's question only.
call card-doubles en-us+m1 en-us+f3 <<'CALL'
customer|say|0.5|okay here is my mastercard
customer|card-number|0.15|double five, double five, double five, double five, double five, double five, double four, double four
agent|say|0.6|and what is the cvv
customer|security-code|0.6|one two three
CALL

# The agent reads the number back: redacted on the agent's side.
call agent-readback en-us+f2 en-us+m1 <<'CALL'
customer|say|0.5|can you read the card back to me
agent|say|0.6|of course the card number is
agent|card-number|0.15|five one oh five, one oh five one, oh five one oh, five one oh oh
customer|say|0.6|yes that is right
CALL

# Groups with pauses of 1.5 s between them.
call card-groups en-us+f3 en-us+m3 <<'CALL'
agent|say|0.5|go ahead with the card number whenever you are ready
customer|card-number|0.6|three seven eight two
customer|card-number|1.5|eight two two four six
customer|card-number|1.5|three one oh oh oh five
customer|say|0.6|and the code on the back is
customer|security-code|0.15|four four three two
CALL

# Keypad runs, loud and quiet, between speech.
call keypad en-us+f3 en-us+m3 <<'CALL'
agent|say|0.5|please type your card number on the keypad now
customer|keypad-digits|0.6|4111111111111111@-8
agent|say|0.6|and your four digit pin please
customer|keypad-digits|0.8|1234@-24
agent|say|0.6|thank you
CALL

# Numbers that are not card data.
call harmless en-us+f2 en-us+m3 <<'CALL'
customer|say|0.5|hi i am calling about my order
customer|harmless|0.6|my order number is five five one two three
agent|harmless|0.6|it was placed at three thirty yesterday
customer|harmless|0.6|the bill was forty nine dollars and ninety nine cents
agent|harmless|0.6|it will arrive in five to seven days
customer|harmless|0.6|i have two children and one dog
agent|harmless|0.6|your call back is at nine fifteen tomorrow
customer|harmless|0.6|i live at twenty two oak street
agent|harmless|0.6|you have three hundred points left
customer|harmless|0.6|my phone number is five five five one two three four
CALL

# Real speech (Allison) reads a card number in groups, the code and the expiry after an espeak agent's
# questions, and a phone number nobody asked for; "oh" for zero, pairs, a month.
call allison-card en-us+f2 en-us+m1 <<'CALL'
agent|say|0.5|can i take the card number please
customer|card-number|0.6|allison:digits/4 digits/5 digits/3 digits/9 , digits/oh digits/1 digits/2 digits/6 , digits/7 digits/7 digits/8 digits/8 , digits/40 digits/2 digits/1 digits/9
agent|say|0.6|and the security code
customer|security-code|0.6|allison:digits/7 digits/oh digits/3
agent|say|0.6|and the expiry date
customer|expiry|0.6|allison:digits/mon-2 digits/20 digits/7
agent|say|0.6|and a phone number in case we need to call you
customer|harmless|0.6|allison:telephone-number digits/5 digits/5 digits/5 , digits/1 digits/2 digits/3 digits/4
CALL
