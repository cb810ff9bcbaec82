#!/usr/bin/env bash
# make-sample-video.sh — builds the SAMPLE "peer-expert story" video for the
# Herstelpad demo.
#
# "Sam" is a fictional person. The story was written for this demo, and the
# narration is a synthetic voice (espeak-ng). Nothing here is a real person's
# story.
#
# Output (all in content/media/sample-peer-story/):
#   video.webm        VP9 + Opus, 640x360, low frame rate, < 2 MB
#   captions.nl.vtt   Dutch WebVTT captions, timed from the narration WAVs
#   captions.en.vtt   English translation, same cue times
#   transcript.nl.md  full Dutch text, plain paragraphs
#   transcript.en.md  full English text, plain paragraphs
#   poster.png        the title frame (640x360)
#   meta.json         title + duration + size
#
# Needs: bash, awk, ffmpeg/ffprobe (libvpx-vp9, libopus, drawtext) and
# espeak-ng. On Debian: apt-get install -y ffmpeg espeak-ng fonts-dejavu-core
#
# Reproducible: the text lives in this file, espeak-ng and the encoders run
# with fixed settings, and ffmpeg writes no version/date metadata (-bitexact).
# Run it again after changing the story; all outputs are regenerated.
set -euo pipefail
export LC_ALL=C.UTF-8

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/content/media/sample-peer-story"

# ---- settings ---------------------------------------------------------------
W=640; H=360
FPS=4                       # still frames: a low frame rate keeps the file small
BG="0x1F4E5A"               # calm dark teal; white text on it has ~9:1 contrast
FG="white"
FG_SOFT="0xDCE8EC"          # light grey-blue for small lines (still > 7:1)
FONT="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
VOICE="nl"                  # espeak-ng Dutch voice
SPEED=150                   # words per minute (slowish, easy to follow)
LEAD=0.5                    # seconds of silence before the first sentence
PAUSE=0.5                   # seconds of silence after every sentence
CAP_WIDTH=40                # max characters per caption line (2 lines per cue)

# ---- checks -----------------------------------------------------------------
for tool in ffmpeg ffprobe espeak-ng awk; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "missing tool: $tool (apt-get install -y ffmpeg espeak-ng)" >&2; exit 1; }
done
[[ -f "$FONT" ]] || { echo "missing font: $FONT (apt-get install -y fonts-dejavu-core)" >&2; exit 1; }

mkdir -p "$OUT"
TMP="$OUT/.build"           # scratch space, removed when the script ends
rm -rf "$TMP"; mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT

# ---- the story ----------------------------------------------------------------
# Frames: id|keyword line shown in the video (2-5 words).
# Frame 0 is the title frame and the last frame is the end frame; both are
# drawn specially below.
FRAMES=$(cat <<'EOF'
0|TITLE
1|Een moeilijke tijd
2|Werk en vrienden kwijt
3|Elke dag een wandeling
4|Een vast slaapritme
5|Praten met mijn trainer
6|Samen in een herstelgroep
7|Mijn doel: de fietsenmaker
8|Terugval hoort erbij
9|Op tijd hulp vragen
10|Een leven dat bij mij past
11|END
EOF
)

# Sentences: frame|paragraph|Dutch|English
# One WAV per sentence; a frame lasts as long as its sentences (+ pauses).
# Paragraph 0 = the intro line of the transcripts; the others are paragraphs.
SENTENCES=$(cat <<'EOF'
0|0|Dit is een voorbeeldverhaal voor de demo van Herstelpad.|This is a sample story for the Herstelpad demo.
0|0|Sam is geen echte persoon.|Sam is not a real person.
1|1|Ik ben Sam. Een paar jaar geleden kreeg ik een psychose.|I am Sam. A few years ago, I had a psychosis.
2|1|Daarna verloor ik mijn werk en het contact met vrienden.|After that, I lost my job and lost touch with friends.
2|1|Ik zat veel thuis en voelde me alleen.|I stayed at home a lot and felt alone.
3|2|Kleine stappen hielpen, zoals elke dag een korte wandeling.|Small steps helped, like a short walk every day.
4|2|Ik ging weer op vaste tijden slapen en opstaan.|I went to bed and got up at fixed times again.
5|3|Met mijn trainer praatte ik over wat ik belangrijk vind.|With my trainer, I talked about what matters to me.
6|3|In een herstelgroep merkte ik dat ik niet de enige was.|In a recovery group, I noticed that I was not the only one.
7|4|Mijn doel: één ochtend per week vrijwilliger zijn bij een fietsenmaker.|My goal: to volunteer at a bike repair shop one morning a week.
7|4|Nu repareer ik daar elke dinsdag fietsen.|Now I repair bikes there every Tuesday.
8|5|Soms gaat het minder goed, en dat hoort erbij.|Sometimes things go less well, and that is part of it.
9|5|Op tijd om hulp vragen is geen zwakte, maar een kracht.|Asking for help in time is not a weakness, but a strength.
10|6|Herstel is voor mij: weer een leven dat bij mij past.|For me, recovery means: a life that fits me again.
11|7|Dit was een voorbeeldvideo voor Herstelpad.|This was a sample video for Herstelpad.
EOF
)

# ---- helpers ------------------------------------------------------------------
# Duration of a media file in seconds (as printed by ffprobe).
duration() {
  ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"
}

# Float arithmetic without bc: fadd a b  ->  a + b
fadd() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", a + b }'; }

# draw_frame OUT.png SIZE1 TEXT1 [SIZE2 TEXT2 ...]
# Draws a solid background with the given lines centred as one block, plus a
# small footer that says this is a sample. Each text goes through a file
# (textfile=, expansion=none) so no characters need escaping.
draw_frame() {
  local out="$1"; shift
  local -a sizes=() texts=()
  while (($#)); do sizes+=("$1"); texts+=("$2"); shift 2; done
  local total=0 i
  for i in "${!sizes[@]}"; do total=$(( total + sizes[i] * 3 / 2 )); done
  local y=$(( (H - total) / 2 - 10 ))
  local filters="" n=0
  for i in "${!sizes[@]}"; do
    n=$((n + 1))
    if [[ -n "${texts[i]}" ]]; then   # an empty text is just vertical space
      printf '%s' "${texts[i]}" > "$TMP/t_$n.txt"
      local col="$FG"
      if (( sizes[i] < 26 )); then col="$FG_SOFT"; fi
      filters+="drawtext=fontfile=$FONT:textfile=t_$n.txt:expansion=none:fontsize=${sizes[i]}:fontcolor=$col:x=(w-text_w)/2:y=$y,"
    fi
    y=$(( y + sizes[i] * 3 / 2 ))
  done
  printf '%s' "Voorbeeldvideo · geen echte persoon · synthetische stem" > "$TMP/t_footer.txt"
  filters+="drawtext=fontfile=$FONT:textfile=t_footer.txt:expansion=none:fontsize=15:fontcolor=$FG_SOFT:x=(w-text_w)/2:y=h-34"
  ( cd "$TMP" && ffmpeg -nostdin -v error -y -f lavfi -i "color=c=$BG:s=${W}x${H}" \
      -vf "$filters" -frames:v 1 -bitexact "$out" )
}

# ---- 1. narration: one WAV per sentence ------------------------------------------
# Each sentence WAV is padded with PAUSE seconds of silence; the cue for the
# sentence runs from its start to the end of the speech (the pause is not
# captioned). Timing table: frame|start|end|padded_duration
echo "narration ..."
: > "$TMP/timing.txt"
: > "$TMP/concat_audio.txt"
ffmpeg -nostdin -v error -y -f lavfi -i "anullsrc=r=22050:cl=mono" -t "$LEAD" -c:a pcm_s16le "$TMP/lead.wav"
echo "file 'lead.wav'" >> "$TMP/concat_audio.txt"
t="$LEAD"; i=0
while IFS='|' read -r frame para nl en; do
  i=$((i + 1))
  id=$(printf '%02d' "$i")
  espeak-ng -v "$VOICE" -s "$SPEED" -w "$TMP/s_$id.raw.wav" "$nl"
  # same format for every piece, then PAUSE seconds of silence appended
  ffmpeg -nostdin -v error -y -i "$TMP/s_$id.raw.wav" -ar 22050 -ac 1 -c:a pcm_s16le "$TMP/s_$id.wav"
  ffmpeg -nostdin -v error -y -i "$TMP/s_$id.wav" -af "apad=pad_dur=$PAUSE" -c:a pcm_s16le "$TMP/p_$id.wav"
  speech=$(duration "$TMP/s_$id.wav")
  padded=$(duration "$TMP/p_$id.wav")
  printf '%s|%s|%s|%s\n' "$frame" "$t" "$(fadd "$t" "$speech")" "$padded" >> "$TMP/timing.txt"
  echo "file 'p_$id.wav'" >> "$TMP/concat_audio.txt"
  t=$(fadd "$t" "$padded")
done <<< "$SENTENCES"
TOTAL="$t"
( cd "$TMP" && ffmpeg -nostdin -v error -y -f concat -safe 0 -i concat_audio.txt -c:a pcm_s16le narration.wav )
echo "narration length: ${TOTAL}s"

# ---- 2. frames ---------------------------------------------------------------------
echo "frames ..."
while IFS='|' read -r id keyword; do
  png="$TMP/f_$(printf '%02d' "$id").png"
  case "$keyword" in
    TITLE) draw_frame "$png" \
             28 "Voorbeeldvideo · Het verhaal van Sam" \
             8 "" \
             19 "Gemaakt voor de demo van Herstelpad —" \
             19 "geen echte persoon" ;;
    END)   draw_frame "$png" \
             44 "Herstelpad" \
             8 "" \
             22 "Dit was een voorbeeldvideo." \
             22 "Sam is geen echte persoon." ;;
    *)     draw_frame "$png" \
             18 "Het verhaal van Sam" \
             8 "" \
             36 "$keyword" ;;
  esac
done <<< "$FRAMES"

# every frame must exist before encoding (ffmpeg's concat would not always fail)
expected=$(printf '%s\n' "$FRAMES" | grep -c .)
made=$(find "$TMP" -maxdepth 1 -name 'f_*.png' | wc -l)
(( made == expected )) || { echo "only $made of $expected frames were drawn" >&2; exit 1; }

# Frame durations = sum of the padded sentence durations of that frame
# (+ the lead-in silence for the title frame). The concat demuxer takes the
# images with these durations; the last image is listed twice, as it needs.
awk -F'|' -v lead="$LEAD" '
  { d[$1] += $4; if ($1 > max) max = $1 }
  END {
    d[0] += lead
    for (f = 0; f <= max; f++) {
      printf "file '\''f_%02d.png'\''\nduration %.6f\n", f, d[f]
    }
    printf "file '\''f_%02d.png'\''\n", max
  }' "$TMP/timing.txt" > "$TMP/concat_video.txt"

# ---- 3. encode the video --------------------------------------------------------------
# VP9 in constant-quality mode (stills compress to almost nothing) and mono
# Opus speech at 32 kb/s. Keyframe every 10 s so seeking works.
echo "encoding ..."
( cd "$TMP" && ffmpeg -nostdin -v error -y \
    -f concat -safe 0 -i concat_video.txt \
    -i narration.wav \
    -map 0:v -map 1:a -t "$TOTAL" \
    -vf "fps=$FPS,format=yuv420p" \
    -c:v libvpx-vp9 -crf 40 -b:v 0 -deadline good -cpu-used 2 -row-mt 0 -threads 1 \
    -g $((FPS * 10)) \
    -c:a libopus -b:a 32k -ac 1 -application voip \
    -map_metadata -1 -metadata title="Het verhaal van Sam (voorbeeld)" \
    -bitexact -fflags +bitexact \
    "$OUT/video.webm" )

# ---- 4. poster ------------------------------------------------------------------------
cp "$TMP/f_00.png" "$OUT/poster.png"

# ---- 5. captions ------------------------------------------------------------------------
# One cue per sentence, wrapped at CAP_WIDTH characters, at most 2 lines.
# A sentence that needs more than 2 lines (in either language) is split into
# consecutive cues; the split times are proportional to the Dutch text length
# and the English cues use exactly the same times.
echo "captions ..."
paste -d'|' "$TMP/timing.txt" <(printf '%s\n' "$SENTENCES") |
awk -F'|' -v width="$CAP_WIDTH" -v nl_out="$OUT/captions.nl.vtt" -v en_out="$OUT/captions.en.vtt" '
  function ts(sec,   ms, h, m, s) {
    ms = int(sec * 1000 + 0.5)
    h = int(ms / 3600000); ms -= h * 3600000
    m = int(ms / 60000);   ms -= m * 60000
    s = int(ms / 1000);    ms -= s * 1000
    return sprintf("%02d:%02d:%02d.%03d", h, m, s, ms)
  }
  # greedy word wrap; sets NL_LINES to the number of lines
  function wrap(text,   n, w, i, line, out) {
    n = split(text, w, " "); line = ""; out = ""; NL_LINES = 0
    for (i = 1; i <= n; i++) {
      if (line == "") line = w[i]
      else if (length(line) + 1 + length(w[i]) <= width) line = line " " w[i]
      else { out = out (NL_LINES ? "\n" : "") line; NL_LINES++; line = w[i] }
    }
    if (line != "") { out = out (NL_LINES ? "\n" : "") line; NL_LINES++ }
    if (NL_LINES == 2) out = balance(text)
    return out
  }
  # two lines of about equal length (no long first line with a short widow),
  # preferably broken after a comma, colon or full stop
  function balance(text,   n, w, i, j, a, b, best, cost, out) {
    n = split(text, w, " "); best = 1e9; out = ""
    for (i = 1; i < n; i++) {
      a = w[1]; for (j = 2; j <= i; j++) a = a " " w[j]
      b = w[i + 1]; for (j = i + 2; j <= n; j++) b = b " " w[j]
      if (length(a) > width || length(b) > width) continue
      cost = (length(a) > length(b)) ? length(a) : length(b)
      if (a ~ /[,.:;]$/) cost -= 10    # prefer a break after punctuation
      if (cost < best) { best = cost; out = a "\n" b }
    }
    return out
  }
  # split text into k chunks of about equal length at word boundaries;
  # result in CH[1..k]
  function chunks(text, k,   n, w, i, total, pos, c) {
    for (i = 1; i <= k; i++) CH[i] = ""
    n = split(text, w, " "); total = length(text); pos = 0
    for (i = 1; i <= n; i++) {
      c = int((pos + length(w[i]) / 2) / total * k) + 1
      if (c > k) c = k
      CH[c] = (CH[c] == "" ? w[i] : CH[c] " " w[i])
      pos += length(w[i]) + 1
    }
  }
  BEGIN { print "WEBVTT\n" > nl_out; print "WEBVTT\n" > en_out; cue = 0 }
  {
    start = $2; end = $3; nl = $7; en = $8
    # smallest number of cues for which every chunk fits in 2 lines
    for (k = 1; k < 10; k++) {
      ok = 1
      chunks(nl, k); for (i = 1; i <= k; i++) { NLC[i] = CH[i]; wrap(CH[i]); if (NL_LINES > 2 || CH[i] == "") ok = 0 }
      chunks(en, k); for (i = 1; i <= k; i++) { ENC[i] = CH[i]; wrap(CH[i]); if (NL_LINES > 2 || CH[i] == "") ok = 0 }
      if (ok) break
    }
    total = 0; for (i = 1; i <= k; i++) total += length(NLC[i])
    acc = 0; t0 = start
    for (i = 1; i <= k; i++) {
      acc += length(NLC[i])
      t1 = (i == k) ? end : start + (end - start) * acc / total
      cue++
      printf "%d\n%s --> %s\n%s\n\n", cue, ts(t0), ts(t1), wrap(NLC[i]) > nl_out
      printf "%d\n%s --> %s\n%s\n\n", cue, ts(t0), ts(t1), wrap(ENC[i]) > en_out
      t0 = t1
    }
  }'

# ---- 6. transcripts ------------------------------------------------------------------------
# Plain paragraphs: the intro (paragraph 0) is the first line, then one
# paragraph per story part, blank lines in between.
for lang in nl en; do
  col=3; [[ $lang == en ]] && col=4
  printf '%s\n' "$SENTENCES" | awk -F'|' -v col="$col" '
    { if (NR > 1 && $2 != prev) printf "\n\n"; else if (NR > 1) printf " "
      printf "%s", $col; prev = $2 }
    END { printf "\n" }' > "$OUT/transcript.$lang.md"
done

# ---- 7. meta.json ------------------------------------------------------------------------------
DUR=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$OUT/video.webm")
DUR=$(awk -v d="$DUR" 'BEGIN { printf "%.2f", d }')
cat > "$OUT/meta.json" <<EOF
{
  "title": {
    "nl": "Het verhaal van Sam (voorbeeld)",
    "en": "Sam's story (sample)"
  },
  "durationSeconds": $DUR,
  "width": $W,
  "height": $H
}
EOF

# ---- 8. sanity checks ------------------------------------------------------------------------
SIZE=$(stat -c %s "$OUT/video.webm")
(( SIZE < 2000000 )) || { echo "video.webm is too big: $SIZE bytes" >&2; exit 1; }
FRAMES_OUT=$(ffprobe -v error -select_streams v:0 -count_frames \
  -show_entries stream=nb_read_frames -of default=nw=1:nk=1 "$OUT/video.webm")
awk -v n="$FRAMES_OUT" -v t="$TOTAL" -v f="$FPS" 'BEGIN { exit (n >= t * f - 2) ? 0 : 1 }' \
  || { echo "video has only $FRAMES_OUT frames for ${TOTAL}s" >&2; exit 1; }

echo "done: video.webm ${SIZE} bytes, ${DUR}s, $(grep -c -- '-->' "$OUT/captions.nl.vtt") cues"
