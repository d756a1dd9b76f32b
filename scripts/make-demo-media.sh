#!/usr/bin/env bash
# Makes the demo exhibit's media in media/ from FFmpeg's built-in sources (lavfi: mandelbrot,
# gradients, cellauto, geq, testsrc2, sine) only, so every file's origin is this script.
#
#   bash scripts/make-demo-media.sh            make the files that are missing
#   bash scripts/make-demo-media.sh --force    make them all again
#   bash scripts/make-demo-media.sh --bench    also make bench/out/large-6000x4000.jpg (not committed)
#
# Idempotent: a file is written to a temporary name and moved into place only when complete,
# and the encoders run bit-exact (no version strings, dates or random stream serials), so a
# file made again is the same file. Needs only Debian 12's `ffmpeg` package.
set -euo pipefail
cd "$(dirname "$0")/.."

force=0
bench=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --bench) bench=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "make-demo-media: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

command -v ffmpeg >/dev/null || { echo "make-demo-media: needs ffmpeg (apt-get install ffmpeg)" >&2; exit 1; }

mkdir -p media
# JPEG quality: FFmpeg's mjpeg -q:v 4 is about libjpeg quality 85-90, 4:4:4 chroma from RGB sources.
jpeg_quality=4
# One decoded frame from lavfi, no metadata, bit-exact.
ff=(ffmpeg -nostdin -hide_banner -loglevel error -y)
exact=(-map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact)

# produce OUT DESCRIPTION ARGS... : runs ffmpeg ARGS... into OUT unless OUT exists (or --force).
produce() {
  local out=$1 what=$2
  shift 2
  if [ "$force" -eq 0 ] && [ -s "$out" ]; then
    echo "kept   $out"
    return
  fi
  local tmp="${out%.*}.tmp.${out##*.}"
  "${ff[@]}" "$@" "${exact[@]}" "$tmp"
  mv -f "$tmp" "$out"
  echo "made   $out ($what, $(du -k "$out" | cut -f1) KiB)"
}

# A still from a lavfi filter graph: one frame, the graph's last output.
still() {
  local out=$1 what=$2 graph=$3
  produce "$out" "$what" -f lavfi -i "$graph" -frames:v 1 -q:v "$jpeg_quality" -pix_fmt yuvj444p
}

# --- mandelbrot.jpg: 3840x2160, the pan-and-zoom showcase: a small copy of the set in a
# ring of filaments (near -0.16 + 1.04i), colours softened for a gallery wall.
mandelbrot_graph() {
  local size=$1 maxiter=$2
  echo "mandelbrot=size=$size:rate=1:maxiter=$maxiter:start_x=-0.16:start_y=1.0405:start_scale=0.035:outer=normalized_iteration_count:inner=black,hue=s=0.55,eq=gamma=0.9:contrast=1.1"
}
still media/mandelbrot.jpg "3840x2160 Mandelbrot detail" "$(mandelbrot_graph 3840x2160 2000)"

# --- drawing.jpg: 2000x1500, a pen drawing on paper: the edges of the Mandelbrot set's
# iteration bands, inked (dark lines, thickened once) on a warm paper tone with grain.
still media/drawing.jpg "2000x1500 line drawing" \
  "mandelbrot=size=2000x1500:rate=1:maxiter=600:start_x=-0.62:start_y=0:start_scale=2.35:outer=iteration_count:inner=black,format=gray,edgedetect=low=0.05:high=0.15,negate,erosion,format=rgb24,lutrgb=r='24+val*224/255':g='20+val*218/255':b='16+val*198/255',noise=alls=5:allf=u:all_seed=1234,vignette=angle=PI/7"

# --- portrait.jpg: 1200x1800, dusk colours from top to bottom woven through with rule 90's
# triangles (a cellular automaton grown from one cell), like a printed textile.
cells_seed="$(printf '%0150d' 0)1$(printf '%0149d' 0)"
still media/portrait.jpg "1200x1800 gradient and cellular automaton" \
  "gradients=s=1200x1800:rate=1:n=4:c0=0x1b2447:c1=0x6b2d5c:c2=0xd8734a:c3=0xf3c77b:x0=600:y0=0:x1=600:y1=1800:seed=7[bg];cellauto=size=300x451:rate=1:rule=90:pattern=$cells_seed:scroll=0:full=1:stitch=0,crop=300:450:0:1,scale=1200:1800:flags=neighbor,format=gbrp[cells];[bg]format=gbrp[bgp];[bgp][cells]blend=all_mode=softlight:all_opacity=0.55,vignette=angle=PI/6"

# --- reading-room.jpg: 2400x1600, shelves of books drawn by expression: spines of varying
# width, height and binding colour, gilt bands on some, shelf boards, warm light from above.
reading_room_graph() {
  # Shared part: stores the pixel's region (7) and the values the colours use, in geq's ten
  # registers: 0 slot index, 1 shelf row, 2 y in row, 3 x in slot (x warped so that spines vary
  # in width), 4 and 5 per-book hashes, 6 top of the book in its row, 7 region (0 wall,
  # 1 book, 2 shelf board), 8 binding colour 0..5, 9 y from the top of the book.
  local p="st(0,floor((X+18*sin(X/41))/60));st(1,floor(Y/400));st(2,mod(Y,400));st(3,mod(X+18*sin(X/41),60));"
  p+="st(4,sin((ld(0)*7+ld(1)*131+1)*12.9898)*43758.5453);st(4,ld(4)-floor(ld(4)));"
  p+="st(5,sin((ld(0)*3+ld(1)*17+5)*78.233)*12345.6789);st(5,ld(5)-floor(ld(5)));"
  p+="st(6,360-(210+130*ld(4)));"
  p+="st(7,if(gte(ld(2),360),2,if(gte(ld(2),ld(6))*gte(ld(3),3)*lt(ld(3),57),1,0)));"
  p+="st(8,floor(ld(5)*6));st(9,ld(2)-ld(6));"
  local shade="(0.62+0.38*sin(PI*(ld(3)-3)/54))"  # a rounded spine
  local light="(1.08-0.30*Y/H)"                   # lamps above
  # gilt: two bands near the top of the spine on about two books in three
  local gilt="gt(ld(5),0.33)*(between(ld(9),22,27)+between(ld(9),36,38))"
  # colour c0..c5 by binding, board and wall tones, per channel
  channel() {
    local c0=$1 c1=$2 c2=$3 c3=$4 c4=$5 c5=$6 gold=$7 board=$8 wall=$9
    local binding="if(lt(ld(8),1),$c0,if(lt(ld(8),2),$c1,if(lt(ld(8),3),$c2,if(lt(ld(8),4),$c3,if(lt(ld(8),5),$c4,$c5)))))"
    echo "$p clip($light*if(eq(ld(7),1),if($gilt,$gold*$shade,$binding*$shade),if(eq(ld(7),2),$board*(0.8+0.2*gt(mod(Y,400),366)),$wall*(0.6+0.4*lt(ld(2),ld(6))))),0,255)"
  }
  local r g b
  r=$(channel 128 30 38 182 96 214 206 104 46)
  g=$(channel 30 46 80 132 60 200 166 66 34)
  b=$(channel 34 88 56 52 38 170 84 40 28)
  echo "nullsrc=size=2400x1600:rate=1,format=gbrp,geq=r='$r':g='$g':b='$b',vignette=angle=PI/5"
}
still media/reading-room.jpg "2400x1600 bookshelves" "$(reading_room_graph)"

# --- demo-clip.mp4: 6 s of 1280x720 testsrc2 with a 440 Hz tone, H.264 + AAC (placeholder
# for video items). SEI units (x264's settings string) are dropped to keep the file bit-exact.
produce media/demo-clip.mp4 "6 s 1280x720 H.264/AAC" \
  -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=6" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=6,afade=t=in:d=0.3,afade=t=out:st=5.5:d=0.5,volume=0.5" \
  -c:v libx264 -preset medium -crf 30 -pix_fmt yuv420p -g 60 -bsf:v filter_units=remove_types=6 \
  -c:a aac -b:a 96k -movflags +faststart -shortest

# --- demo-tone.ogg: 6 s of a soft A major chord, Vorbis (placeholder for audio items).
produce media/demo-tone.ogg "6 s Vorbis" \
  -f lavfi -i "aevalsrc=0.2*sin(2*PI*440*t)+0.14*sin(2*PI*554.37*t)+0.12*sin(2*PI*659.25*t):s=48000:d=6,afade=t=in:d=0.5,afade=t=out:st=4.5:d=1.5" \
  -c:a libvorbis -q:a 4

# --- demo-tone.pt.ogg: the same item's recording for Portuguese visitors: 6 s of a soft C major
# chord (262, 330, 392 Hz; no partial in common with the A major chord, so a test can tell the
# two files apart by pitch), Vorbis.
produce media/demo-tone.pt.ogg "6 s Vorbis, Portuguese" \
  -f lavfi -i "aevalsrc=0.2*sin(2*PI*261.63*t)+0.14*sin(2*PI*329.63*t)+0.12*sin(2*PI*392.00*t):s=48000:d=6,afade=t=in:d=0.5,afade=t=out:st=4.5:d=1.5" \
  -c:a libvorbis -q:a 4

# --- films.jpg: 1280x720, the first picture of the test clip: the menu tile of "Films and sound".
still media/films.jpg "1280x720 testsrc2 still" "testsrc2=size=1280x720:rate=1"

# --- ambience.ogg: 24 s of a quiet, slowly breathing low chord that loops without a seam
# (every partial and the tremolo complete whole cycles in 24 s), Vorbis: background sound
# under the gallery's images.
produce media/ambience.ogg "24 s looping Vorbis" \
  -f lavfi -i "aevalsrc=(0.10*sin(2*PI*110*t)+0.07*sin(2*PI*165*t)+0.05*sin(2*PI*220*t)+0.03*sin(2*PI*277.5*t))*(0.75+0.25*sin(2*PI*t/8)):s=48000:d=24" \
  -c:a libvorbis -q:a 3

# --- bench/out/large-6000x4000.jpg: a camera-sized JPEG for speed measurements (not committed).
if [ "$bench" -eq 1 ]; then
  mkdir -p bench/out
  still bench/out/large-6000x4000.jpg "6000x4000 benchmark JPEG" "$(mandelbrot_graph 6000x4000 1000)"
fi
