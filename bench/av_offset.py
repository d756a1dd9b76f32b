#!/usr/bin/env python3
"""The audio/video offset of one `vitrine play` run of bench/out/clips/av-sync.mp4, measured from
outside the player: no figure the player computes about itself is used.

  av_offset.py --timing RUN.timing --raw RUN.raw --clip av-sync.mp4 [--events av-sync.events]

Inputs:
- the clip and its events file (made by bench/make_clips.sh: one line per event, "<frame> <pts µs>";
  each event is a one-frame white flash and a 1 kHz beep starting on the same timestamp);
- the sound the player handed to SDL's `disk` audio driver (SDL_DISKAUDIOFILE), raw interleaved
  samples in the format of the timing log's `audio-format <rate> <channels> <f32|s16>` line;
- the player's timing log (`--timing-log`): `audio <wall_us> <frames_before>` once per device
  callback, `video <wall_us> <item> <pts_us>` once per presented picture. Other lines are ignored.

Method, per event:
- sound: the beep's onset is found in the raw file (first sample above a quarter of the file's peak
  after 20 ms without one). The same detector run on the clip's own sound, decoded by ffmpeg, gives the
  detector's bias against the known timestamp (AAC smears an onset by a few samples); it is removed.
  Raw onsets are paired with events in order, following any silence the player inserted (an
  underrun shifts the raw file against the clip). The onset's sample number is turned into wall
  time between the two device callbacks whose ranges hold it (linear interpolation of wall time
  over sample frames): the moment SDL's disk driver took that sample. A real device plays a sample
  at least one device buffer after its callback (SDL fills the next buffer while the current one
  plays), so a second figure adds one buffer.
- picture: the wall time at which the frame with the flash's pts was presented (first such line).
- offset = picture time - sound time, in ms: positive means the picture is late.

Prints one line per event, then one summary line `av-offset key=value ...`. Standard library only
(plus the ffmpeg tool for the reference decode). Importable: measure() returns the numbers.
"""
import argparse
import array
import bisect
import os
import statistics
import subprocess
import sys

ONSET_FRACTION = 0.25      # of the file's peak: above AAC's pre-echo, far below the beep
QUIET_BEFORE_S = 0.020     # silence needed before an onset: longer than a 1 kHz zero crossing
REFERENCE_WINDOW_S = 0.030  # a reference onset must be this close to its event's timestamp
FOLLOW_WINDOW_S = 0.150    # a raw onset must be this close to where the previous pairing predicts
                           # (events are at least 660 ms apart, so no beep can pair twice)
PTS_TOLERANCE_US = 2000    # pts in the log vs the event list (both rounded to µs)
TARGET_MS = 20.0           # issue 3: within ±20 ms throughout


class Timing:
    """What a timing log says. Unknown lines are ignored."""

    def __init__(self, path):
        self.format = None      # (rate, channels, "f32" | "s16")
        self.audio = []         # (wall_us, frames_before), in file order
        self.video = []         # (wall_us, item, pts_us)
        self.clips = []         # (kind, wall_us, item) for clip-start / clip-end
        with open(path, errors="replace") as fh:
            for line in fh:
                f = line.split()
                try:
                    if f[0] == "audio-format" and len(f) >= 4:
                        self.format = (int(f[1]), int(f[2]), f[3])
                    elif f[0] == "audio" and len(f) >= 3:
                        self.audio.append((int(f[1]), int(f[2])))
                    elif f[0] == "video" and len(f) >= 4:
                        self.video.append((int(f[1]), f[2], int(f[3])))
                    elif f[0] in ("clip-start", "clip-end") and len(f) >= 3:
                        self.clips.append((f[0], int(f[1]), f[2]))
                except (IndexError, ValueError):
                    continue


def frame_levels(data, fmt, channels):
    """Per sample frame, the largest magnitude over the channels (floats, full scale 1.0)."""
    if fmt == "f32":
        samples = array.array("f")
        samples.frombytes(data[: len(data) - len(data) % 4])
        scale = 1.0
    elif fmt == "s16":
        samples = array.array("h")
        samples.frombytes(data[: len(data) - len(data) % 2])
        scale = 1.0 / 32768
    else:
        raise ValueError(f"sample format {fmt!r} is not f32 or s16")
    if sys.byteorder != "little":
        samples.byteswap()
    if channels == 1:
        return [abs(v) * scale for v in samples]
    per_channel = [samples[c::channels] for c in range(channels)]
    n = min(len(p) for p in per_channel)
    return [max(abs(p[i]) for p in per_channel) * scale for i in range(n)]


def find_onsets(levels, rate):
    """Sample frames at which a sound crosses a quarter of the peak with no such crossing in the
    QUIET_BEFORE_S before (inside a 1 kHz beep, loud samples come every half millisecond)."""
    peak = max(levels, default=0.0)
    if peak <= 0:
        return []
    loud, gap = peak * ONSET_FRACTION, int(rate * QUIET_BEFORE_S)
    onsets, last_loud = [], -gap - 1
    for n, v in enumerate(levels):
        if v > loud:
            if n - last_loud > gap:
                onsets.append(n)
            last_loud = n
    return onsets


def read_events(path):
    """[(frame, pts_us)] from the events file."""
    events = []
    with open(path) as fh:
        for line in fh:
            f = line.split()
            if len(f) >= 2:
                events.append((int(f[0]), int(f[1])))
    return events


def reference_bias(clip, rate, channels, events):
    """Per event, the detector's onset in the clip's own decoded sound minus the event's timestamp,
    in sample frames (None where no onset was found near it)."""
    decoded = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", clip, "-vn", "-f", "f32le",
                              "-ac", str(channels), "-ar", str(rate), "-"], capture_output=True, check=True).stdout
    onsets = find_onsets(frame_levels(decoded, "f32", channels), rate)
    biases = []
    for _, pts in events:
        expected = pts * rate / 1e6
        near = [o for o in onsets if abs(o - expected) <= REFERENCE_WINDOW_S * rate]
        biases.append(min(near, key=lambda o: abs(o - expected)) - expected if near else None)
    return biases


def pair_onsets(raw_onsets, expected, rate):
    """Pairs each expected onset (sample frames in the clip) with one raw onset (sample frames in
    the raw file), or None. The shift between the two starts as the one that pairs the most events
    and then follows each pairing, so silence inserted mid-way (an underrun) is followed."""
    if not raw_onsets or not expected:
        return [None] * len(expected)
    window = FOLLOW_WINDOW_S * rate
    tight = REFERENCE_WINDOW_S * rate

    def matched(shift):
        return sum(1 for e in expected if any(abs(o - (e + shift)) <= tight for o in raw_onsets))

    candidates = {o - e for o in raw_onsets[:6] for e in expected[:6]}
    shift = max(sorted(candidates, key=abs), key=matched)
    pairs = []
    for e in expected:
        near = [o for o in raw_onsets if abs(o - (e + shift)) <= window]
        if near:
            best = min(near, key=lambda o: abs(o - (e + shift)))
            pairs.append(best)
            shift = best - e
        else:
            pairs.append(None)
    return pairs


def sound_wall_us(n, callbacks, rate):
    """Wall time (µs) at which raw sample frame n was taken by the device: interpolated between the
    callback that handed it over and the next one. None when no callback covers it."""
    befores = [b for _, b in callbacks]
    i = bisect.bisect_right(befores, n) - 1
    if i < 0:
        return None
    wall, before = callbacks[i]
    if i + 1 < len(callbacks):
        next_wall, next_before = callbacks[i + 1]
        if next_before > before:
            return wall + (n - before) * (next_wall - wall) / (next_before - before)
    return wall + (n - before) * 1e6 / rate


def measure(timing_path, raw_path, clip, events_path):
    """Returns a dict: events (list of dicts per event) and the summary figures."""
    timing = Timing(timing_path)
    if timing.format is None:
        raise ValueError(f"{timing_path}: no audio-format line (was the sound device opened?)")
    rate, channels, fmt = timing.format
    events = read_events(events_path)
    callbacks = sorted(timing.audio, key=lambda c: c[1])
    steps = [b2 - b1 for (_, b1), (_, b2) in zip(callbacks, callbacks[1:]) if b2 > b1]
    buffer_frames = statistics.median(steps) if steps else 0
    with open(raw_path, "rb") as fh:
        raw = fh.read()
    raw_onsets = find_onsets(frame_levels(raw, fmt, channels), rate)
    biases = reference_bias(clip, rate, channels, events)
    expected = [pts * rate / 1e6 + (b or 0) for (_, pts), b in zip(events, biases)]
    pairs = pair_onsets(raw_onsets, expected, rate)
    rows = []
    for (frame, pts), bias, onset in zip(events, biases, pairs):
        row = {"frame": frame, "pts_ms": pts / 1000, "picture_us": None, "sound_us": None,
               "offset_ms": None, "offset_plus_buffer_ms": None, "note": ""}
        shown = [w for w, _, p in timing.video if abs(p - pts) <= PTS_TOLERANCE_US]
        if shown:
            row["picture_us"] = min(shown)
        else:
            row["note"] = "flash frame not presented"
        if onset is None:
            row["note"] = (row["note"] + "; " if row["note"] else "") + "beep not found in the raw sound"
        else:
            # The raw sample that holds the event's timestamp: the onset less the detector's bias.
            heard = sound_wall_us(onset - (bias or 0), callbacks, rate)
            if heard is None:
                row["note"] = (row["note"] + "; " if row["note"] else "") + "no audio callback covers the beep"
            row["sound_us"] = heard
        if row["picture_us"] is not None and row["sound_us"] is not None:
            row["offset_ms"] = (row["picture_us"] - row["sound_us"]) / 1000
            row["offset_plus_buffer_ms"] = row["offset_ms"] - buffer_frames / rate * 1000
        rows.append(row)
    offsets = [r["offset_ms"] for r in rows if r["offset_ms"] is not None]
    plus = [r["offset_plus_buffer_ms"] for r in rows if r["offset_plus_buffer_ms"] is not None]

    def summary(values):
        if not values:
            return {"mean_ms": None, "worst_ms": None, "within": 0}
        return {"mean_ms": statistics.mean(values), "worst_ms": max(values, key=abs),
                "within": sum(1 for v in values if abs(v) <= TARGET_MS)}

    return {"rate": rate, "channels": channels, "format": fmt, "buffer_frames": buffer_frames,
            "events": len(events), "measured": len(offsets), "raw_onsets": len(raw_onsets),
            "rows": rows, "handover": summary(offsets), "plus_buffer": summary(plus)}


def fmt_ms(v):
    return "n/a" if v is None else f"{v:+.1f}"


def summary_line(result):
    h, p = result["handover"], result["plus_buffer"]
    ok = result["measured"] == result["events"] and h["within"] == result["measured"]
    ok_plus = result["measured"] == result["events"] and p["within"] == result["measured"]
    return (f"av-offset events={result['events']} measured={result['measured']} "
            f"mean_ms={fmt_ms(h['mean_ms'])} worst_ms={fmt_ms(h['worst_ms'])} "
            f"within_20ms={h['within']}/{result['measured']} all_within={'yes' if ok else 'no'} "
            f"buffer_ms={result['buffer_frames'] / result['rate'] * 1000:.1f} "
            f"plus_buffer_mean_ms={fmt_ms(p['mean_ms'])} plus_buffer_worst_ms={fmt_ms(p['worst_ms'])} "
            f"plus_buffer_all_within={'yes' if ok_plus else 'no'}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timing", required=True)
    parser.add_argument("--raw", required=True)
    parser.add_argument("--clip", default=os.path.join(here, "out", "clips", "av-sync.mp4"))
    parser.add_argument("--events", help="default: the clip's name with .events")
    parser.add_argument("--quiet", action="store_true", help="only the summary line")
    args = parser.parse_args()
    events = args.events or os.path.splitext(args.clip)[0] + ".events"
    try:
        result = measure(args.timing, args.raw, args.clip, events)
    except (OSError, ValueError, subprocess.CalledProcessError) as error:
        print(f"av_offset: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"sound {result['rate']} Hz {result['channels']} ch {result['format']}, device buffer "
              f"{result['buffer_frames']:.0f} frames; beeps found in the raw sound: {result['raw_onsets']}")
        print("event  pts ms     picture-sound ms  (+1 buffer)  note")
        for k, r in enumerate(result["rows"], 1):
            print(f"{k:5d}  {r['pts_ms']:9.1f}  {fmt_ms(r['offset_ms']):>16}  {fmt_ms(r['offset_plus_buffer_ms']):>11}  {r['note']}")
    print(summary_line(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
