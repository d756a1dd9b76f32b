#!/usr/bin/env python3
"""Turns a bench/media_bench.sh run folder into the report (Markdown on stdout).

Standard library only. Times in the timing logs are microseconds on Vitrine's monotonic clock.
"""
import array
import collections
import csv
import os
import re
import statistics
import subprocess
import sys

work = sys.argv[1]


def duration(clip):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                          os.path.join(os.path.dirname(work), "clips", clip)], capture_output=True, text=True)
    return float(out.stdout.strip())


def num(v):
    try:
        return float(v)
    except ValueError:
        return None


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=2):
    return "n/a" if v is None else f"{v:.{digits}f}"


print(f"# Vitrine beside mpv and ffplay\n\nRun folder: `{work}`\n")
rows = list(csv.DictReader(open(os.path.join(work, "results.tsv")), delimiter="\t"))
rounds = len({r["round"] for r in rows})
clips = list(dict.fromkeys(r["clip"] for r in rows))
players = list(dict.fromkeys(r["player"] for r in rows))
print(f"Medians over {rounds} round(s), players interleaved within each round. CPU = (player user+sys + Xvfb's CPU "
      "over the run) / clip length; for ffmpeg-null the player is the decoder alone (no X). "
      "RSS = the player's peak resident memory.\n")
table = {}
for clip in clips:
    length = duration(clip)
    print(f"## {clip} ({length:.1f} s)\n")
    print("| player | CPU s/s | peak RSS MB | dropped | repeated/delayed | first frame ms |")
    print("|---|---|---|---|---|---|")
    for player in players:
        rs = [r for r in rows if r["clip"] == clip and r["player"] == player]
        if not rs:
            continue
        cpu = med([(num(r["user"]) + num(r["sys"]) + (num(r["xvfb_s"]) if player != "ffmpeg-null" else 0)) / length
                   for r in rs])
        rss = med([num(r["maxrss_kb"]) / 1024 for r in rs])
        table[(clip, player)] = cpu
        print(f"| {player} | {fmt(cpu)} | {fmt(rss, 0)} | {fmt(med([num(r['dropped']) for r in rs]), 0)} | "
              f"{fmt(med([num(r['repeated']) for r in rs]), 0)} | {fmt(med([num(r['first_frame_ms']) for r in rs]), 0)} |")
    print()
    pairs = [("vitrine-software", "mpv-x11"), ("vitrine-software", "ffplay"), ("vitrine-gpu", "mpv-gpu"),
             ("vitrine-gpu", "mpv-sdl"), ("vitrine-software", "ffmpeg-null")]
    ratios = [f"{a}/{b} {table[(clip, a)] / table[(clip, b)]:.2f}" for a, b in pairs
              if table.get((clip, a)) and table.get((clip, b))]
    print("CPU ratios: " + ", ".join(ratios) + "\n")


def read_timing(path):
    t = {"audio": [], "video": [], "format": None}
    for line in open(path):
        f = line.split()
        if not f:
            continue
        if f[0] == "audio-format":
            t["format"] = (int(f[1]), int(f[2]), f[3])
        elif f[0] == "audio":
            t["audio"].append((int(f[1]), int(f[2])))
        elif f[0] == "video":
            t["video"].append((int(f[1]), f[2], int(f[3])))
    return t


def beep_onsets(raw, rate, channels):
    samples = array.array("f")
    with open(raw, "rb") as fh:
        samples.frombytes(fh.read())
    quiet_needed = rate // 100  # 10 ms of quiet before an onset
    onsets, quiet = [], quiet_needed
    for n in range(0, len(samples) // channels):
        v = abs(samples[n * channels])
        if v > 0.1 and quiet >= quiet_needed:
            onsets.append(n)
        quiet = quiet + 1 if v < 0.02 else 0
    return onsets


def sound_wall_us(n, callbacks, rate):
    # Sample n was handed to the device in the callback whose range holds it; SDL plays a buffer
    # after the one it fills, so it is heard a buffer later (the model of Vitrine's audio clock).
    for (wall, before), (_, after) in zip(callbacks, callbacks[1:]):
        if before <= n < after:
            return wall + (n - before) * 1e6 / rate + (after - before) * 1e6 / rate
    return None


print("## A/V offset, measured from outside (sync.mp4)\n")
print("18 events, each a one-frame white flash and a 1 kHz beep on the same timestamp. Picture time: "
      "when Vitrine presented the flash frame (its frame log). Sound time: when SDL's disk driver took the "
      "beep's first sample, plus one device buffer (SDL plays a buffer after the one it fills). "
      "Offset = picture - sound: positive = the picture is late.\n")
events = [(30 * k + 3 * (k % 3)) / 30 for k in range(1, 19)]
for renderer in ("software", "gpu"):
    timing = os.path.join(work, f"sync-{renderer}.timing")
    raw = os.path.join(work, f"sync-{renderer}.raw")
    if not (os.path.exists(timing) and os.path.exists(raw)):
        continue
    t = read_timing(timing)
    if not t["format"] or t["format"][2] != "f32":
        print(f"- {renderer}: no f32 sound format in the timing log\n")
        continue
    rate, channels, _ = t["format"]
    onsets = beep_onsets(raw, rate, channels)
    offsets = []
    for k, when in enumerate(events):
        pts = round(when * 1e6)
        shown = [w for (w, _, p) in t["video"] if abs(p - pts) < 2000]
        if not shown or k >= len(onsets):
            continue
        heard = sound_wall_us(onsets[k], t["audio"], rate)
        if heard is not None:
            offsets.append((shown[0] - heard) / 1000)
    if offsets:
        worst = max(offsets, key=abs)
        inside = sum(1 for o in offsets if abs(o) <= 20)
        print(f"- renderer {renderer}: {len(offsets)} events, beeps found {len(onsets)}; offset mean {statistics.mean(offsets):+.1f} ms, "
              f"worst {worst:+.1f} ms, within ±20 ms: {inside}/{len(offsets)}; all: "
              + " ".join(f"{o:+.0f}" for o in offsets))
    log = open(os.path.join(work, f"sync-{renderer}.log")).read()
    m = re.search(r"av_samples=(\d+) av_offset_mean_ms=(\S+) av_offset_worst_ms=(\S+)", log)
    if m:
        print(f"  Vitrine's own summary (every picture against the audio clock after presenting): samples {m.group(1)}, "
              f"mean {float(m.group(2)):+.1f} ms, worst {float(m.group(3)):+.1f} ms")
print()

print("## Switch between two clips (1080p then 720p, ad-hoc playlist, default crossfade)\n")
gaps, mpv_gaps = [], []
for name in sorted(os.listdir(work)):
    if re.match(r"switch-\d+\.timing$", name):
        video = read_timing(os.path.join(work, name))["video"]
        last_a = max((w for w, item, _ in video if item == "switch-a"), default=None)
        first_b = min((w for w, item, _ in video if item == "switch-b"), default=None)
        if last_a is not None and first_b is not None:
            gaps.append((first_b - last_a) / 1000)
    if re.match(r"mpv-switch-\d+\.log$", name):
        m = re.search(r"mpv-switch gap_ms=(\S+)", open(os.path.join(work, name)).read())
        if m:
            mpv_gaps.append(float(m.group(1)))
print(f"- Vitrine: last new picture of the first clip to the first picture of the second: "
      + ", ".join(f"{g:.1f}" for g in gaps) + " ms (one frame at 30 fps: 33.3 ms)")
print(f"- mpv (`mpv a.mp4 b.mp4`, position changes seen by a script): " + ", ".join(f"{g:.1f}" for g in mpv_gaps) + " ms\n")

print("## Memory while looping the two clips\n")
samples = [tuple(map(int, l.split())) for l in open(os.path.join(work, "loop-rss.tsv")) if l.strip()]
if samples:
    end = samples[-1][0]
    first = max((r for t, r in samples if t <= 60), default=None)
    last = max((r for t, r in samples if t >= end - 60), default=None)
    print(f"- {len(samples)} samples over {end} s; peak RSS in the first minute {first / 1024:.1f} MB, "
          f"in the last minute {last / 1024:.1f} MB")
loop_log = open(os.path.join(work, "loop.log")).read()
m = re.search(r"video_frames_shown=(\d+) video_frames_dropped=(\d+)", loop_log)
if m:
    print(f"- pictures shown {m.group(1)}, dropped {m.group(2)}")
