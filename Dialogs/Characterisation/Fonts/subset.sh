#!/bin/sh
# The fonts of the radar chart and the PDF export: DejaVu Sans (Debian fonts-dejavu-core), cut down to the characters
# French text needs (Latin-1, Œ œ Ÿ, quotes, dashes, ellipsis, arrows, ✓). A PDF embeds the whole font it is given:
# three full DejaVu files made a three-page profile weigh 1.1 MB. Text outside these characters (a member's emoji)
# falls back to the system's font for that word (Fonts.Covering). Regenerate with: sh Dialogs/Characterisation/Fonts/subset.sh
set -e
here=$(dirname "$0")
src=/usr/share/fonts/truetype/dejavu
unicodes="U+0020-007E,U+00A0-00FF,U+0152-0153,U+0178,U+02BC,U+02C6,U+02DC,U+2010-2027,U+2030,U+2039-203A,U+20AC,U+2190-2193,U+2212,U+2713,U+2715,U+25CF,U+FFFD"
for f in DejaVuSans DejaVuSans-Bold DejaVuSans-Oblique; do
  pyftsubset "$src/$f.ttf" --unicodes="$unicodes" --layout-features='*' \
    --name-IDs='*' --name-legacy --name-languages='*' --output-file="$here/$f.ttf"
done
cp /usr/share/doc/fonts-dejavu-core/copyright "$here/LICENSE-DejaVu.txt"
