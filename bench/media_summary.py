#!/usr/bin/env python3
"""Turns a bench/media_bench.sh run folder into its report (Markdown on stdout).

  media_summary.py RUN_FOLDER [--rounds N] [--loop-minutes M]

Reads results.tsv (one row per measured run), av-<renderer>-<round>.{timing,raw} (through
av_offset.py), switch-<player>-<round>.* and loop-rss.tsv. Timing-log times are microseconds on
Vitrine's monotonic clock since its start; mpv's log and --dump-stats share mpv's own clock.
Standard library only (and ffprobe for clip lengths).
"""
import argparse
import csv
import os
import platform
import re
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import av_offset  # noqa: E402  (the sibling script)

FRAME_MS = 1000 / 30          # every bench clip is 30 fps
SWITCH_WINDOW_US = 1_000_000  # the freeze check looks this far either side of the switch
RSS_FLAT_PERCENT = 5          # "flat": last-window peak within this of the first window's
MPV_START_S = 10.0            # mpv 0.35's clock (its log, --dump-stats) starts at 10 s (MP_START_TIME)


def num(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=2, sign=False):
    if value is None:
        return "n/a"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def clip_length(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
                         capture_output=True, text=True)
    return num(out.stdout.strip())


def tool_version(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=10)
        return (out.stdout or out.stderr).splitlines()[0].strip()
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def exit_fields(log_path):
    """Vitrine's `event=exit ...` line as a dict (empty when absent)."""
    try:
        text = open(log_path, errors="replace").read()
    except OSError:
        return {}
    lines = [l for l in text.splitlines() if "event=exit" in l]
    return dict(re.findall(r"(\w+)=(\S+)", lines[-1])) if lines else {}


def cpu_table(work, clips_dir):
    rows = list(csv.DictReader(open(os.path.join(work, "results.tsv")), delimiter="\t"))
    clips = list(dict.fromkeys(r["clip"] for r in rows))
    players = list(dict.fromkeys(r["player"] for r in rows))
    print("## CPU, memory, frames\n")
    print("CPU = the player's user+sys time plus the X server's CPU time over the run (for ffmpeg-null: the "
          "decoder alone), divided by the clip's length (**per clip s**, the figure compared) or by the run's "
          "wall time from exec to exit (per wall s: start-up and shutdown included; ffmpeg-null decodes flat out "
          "on one thread, so its figure is about 1). Peak RSS: the player's (GNU time's maximum resident set). First frame: from the process's "
          "own start to the first picture presented (Vitrine: its log; mpv: its log file, whose clock starts in "
          "main(), after the dynamic loader; ffplay: not measurable). Medians over the rounds; `runs` counts the "
          "runs that exited 0.\n")
    cpu = {}
    for clip in clips:
        length = clip_length(os.path.join(clips_dir, clip))
        print(f"### {clip} ({fmt(length, 1)} s)\n")
        print("| player | CPU s per clip s | of which X server | CPU s per wall s | peak RSS MB | dropped | repeated/late | first frame ms | runs |")
        print("|---|---|---|---|---|---|---|---|---|")
        for player in players:
            runs = [r for r in rows if r["clip"] == clip and r["player"] == player]
            if not runs:
                continue
            good = [r for r in runs if num(r["user_s"]) is not None and num(r["sys_s"]) is not None]
            x_of = (lambda r: 0.0) if player == "ffmpeg-null" else (lambda r: num(r["xvfb_s"]) or 0.0)
            per_clip = med([(num(r["user_s"]) + num(r["sys_s"]) + x_of(r)) / length for r in good]) if length else None
            x_part = med([x_of(r) / length for r in good]) if length else None
            per_wall = med([(num(r["user_s"]) + num(r["sys_s"]) + x_of(r)) / num(r["wall_s"])
                            for r in good if num(r["wall_s"])])
            cpu[(clip, player)] = per_clip
            ok = sum(1 for r in runs if r["exit"] == "0")
            print(f"| {player} | {fmt(per_clip)} | {fmt(x_part)} | {fmt(per_wall)} | "
                  f"{fmt(med([num(r['maxrss_kb']) / 1024 for r in good if num(r['maxrss_kb'])]), 0)} | "
                  f"{fmt(med([num(r['dropped']) for r in runs]), 0)} | {fmt(med([num(r['repeated']) for r in runs]), 0)} | "
                  f"{fmt(med([num(r['first_frame_ms']) for r in runs]), 0)} | {ok}/{len(runs)} |")
        mpvs = {p: cpu[(clip, p)] for p in players if p.startswith("mpv-") and cpu.get((clip, p))}
        cheapest = min(mpvs, key=mpvs.get) if mpvs else None
        ratios = []
        for vitrine in ("vitrine-software", "vitrine-gpu"):
            mine = cpu.get((clip, vitrine))
            if not mine:
                continue
            for peer in dict.fromkeys([cheapest, "mpv-x11", "mpv-gpu", "mpv-sdl", "ffplay", "ffmpeg-null"]):
                theirs = cpu.get((clip, peer)) if peer else None
                if theirs:
                    label = f"{peer} (cheapest mpv)" if peer == cheapest else peer
                    ratios.append(f"{vitrine} / {label} **{mine / theirs:.2f}**")
        print("\nCPU ratios (per clip s): " + ("; ".join(ratios) if ratios else "n/a") + "\n")
    return rows, cpu


def av_section(work, clips_dir):
    print("## A/V offset of Vitrine, measured from outside (av-sync.mp4)\n")
    print("18 events, each a one-frame white flash and a 1 kHz beep on the same timestamp, unevenly spaced "
          "(bench/make_clips.sh). Picture time: when Vitrine presented the flash frame (`video` lines of its timing "
          "log). Sound time: when SDL's disk driver took the beep's first sample (its raw file, placed in wall time "
          "between the `audio` callback lines; the detector's bias is calibrated on the clip's own sound decoded "
          "by ffmpeg). **At hand-over** takes that moment as the sound's; **+1 buffer** adds one device buffer, "
          "as a real device plays a callback's data after the buffer already queued (SDL double-buffers; "
          "Vitrine's audio clock assumes the same). Offset = picture - sound, positive = picture late. "
          "Vitrine's own figures (its exit line: every picture against its audio clock) for comparison.\n")
    print("| run | events measured | at hand-over: mean / worst ms | within ±20 ms | +1 buffer: mean / worst ms | within ±20 ms | Vitrine's own mean / worst ms | dropped |")
    print("|---|---|---|---|---|---|---|---|")
    results = {}
    names = sorted(n for n in os.listdir(work) if re.fullmatch(r"av-\w+-\d+\.timing", n))
    for name in names:
        base = os.path.join(work, name[: -len(".timing")])
        run = name[len("av-"): -len(".timing")]
        own = exit_fields(base + ".log")
        try:
            result = av_offset.measure(base + ".timing", base + ".raw", os.path.join(clips_dir, "av-sync.mp4"),
                                       os.path.join(clips_dir, "av-sync.events"))
        except (OSError, ValueError, subprocess.CalledProcessError) as error:
            print(f"| {run} | error: {error} | | | | | | |")
            continue
        results[run] = result
        h, p = result["handover"], result["plus_buffer"]
        print(f"| {run} | {result['measured']}/{result['events']} | {fmt(h['mean_ms'], 1, True)} / {fmt(h['worst_ms'], 1, True)} | "
              f"{h['within']}/{result['measured']} | {fmt(p['mean_ms'], 1, True)} / {fmt(p['worst_ms'], 1, True)} | "
              f"{p['within']}/{result['measured']} | {fmt(num(own.get('av_offset_mean_ms')), 1, True)} / "
              f"{fmt(num(own.get('av_offset_worst_ms')), 1, True)} | {own.get('video_frames_dropped', 'n/a')} |")
    for run, result in list(results.items())[:2]:
        offsets = " ".join(fmt(r["offset_ms"], 0, True) for r in result["rows"])
        notes = sorted({r["note"] for r in result["rows"] if r["note"]})
        print(f"\nEvents of {run}, at hand-over, ms: {offsets}" + (f" ({'; '.join(notes)})" if notes else ""))
    if results:
        any_result = next(iter(results.values()))
        print(f"\nDevice buffer: {any_result['buffer_frames']:.0f} frames = "
              f"{any_result['buffer_frames'] / any_result['rate'] * 1000:.1f} ms at {any_result['rate']} Hz.")
    print()
    return results


def vitrine_switch(timing_path):
    """(gap_ms, longest interval ms near the switch, overlap ms) from a two-clip timing log."""
    timing = av_offset.Timing(timing_path)
    items = list(dict.fromkeys(item for _, item, _ in timing.video))
    if len(items) < 2:
        return None
    a, b = items[0], items[1]
    last_a = max(w for w, item, _ in timing.video if item == a)
    first_b = min(w for w, item, _ in timing.video if item == b)
    walls = sorted(w for w, _, _ in timing.video if first_b - SWITCH_WINDOW_US <= w <= first_b + SWITCH_WINDOW_US)
    longest = max((y - x for x, y in zip(walls, walls[1:])), default=0)
    start_b = [w for kind, w, item in timing.clips if kind == "clip-start" and item == b]
    end_a = [w for kind, w, item in timing.clips if kind == "clip-end" and item == a]
    overlap = (end_a[0] - start_b[0]) / 1000 if start_b and end_a else None
    return (first_b - last_a) / 1000, longest / 1000, overlap


def mpv_switch(log_path, stats_path):
    """(gap_ms, longest interval ms near the switch) from mpv's log file and --dump-stats: the last
    flip at or before the first file's end, the first flip when the second file's first frame is shown."""
    marks = {"eof": [], "first": []}
    for line in open(log_path, errors="replace"):
        m = re.match(r"\[\s*([0-9.]+)\]", line)
        if not m:
            continue
        if "EOF code:" in line:
            marks["eof"].append(float(m.group(1)))
        elif "first video frame after restart shown" in line:
            marks["first"].append(float(m.group(1)))
    flips = []
    for line in open(stats_path, errors="replace"):
        f = line.split()
        if len(f) >= 3 and f[1] == "end" and f[2] == "video-flip":
            flips.append(int(f[0]) / 1e6 - MPV_START_S)
    if not marks["eof"] or len(marks["first"]) < 2 or not flips:
        return None
    last_a = max((t for t in flips if t <= marks["eof"][0]), default=None)
    first_b = min((t for t in flips if t >= marks["first"][1] - 0.002), default=None)
    if last_a is None or first_b is None:
        return None
    near = [t for t in flips if first_b - 1 <= t <= first_b + 1]
    longest = max((y - x for x, y in zip(near, near[1:])), default=0)
    return (first_b - last_a) * 1000, longest * 1000


def switch_section(work):
    print("## Switch between two clips (switch-a-1080p.mp4 then switch-b-720p.mp4)\n")
    print(f"Gap: from the presentation of the first clip's last picture to that of the second clip's first "
          f"(one frame at 30 fps: {FRAME_MS:.1f} ms). Longest: the longest interval between two presented pictures "
          f"within 1 s of the switch (a frozen picture). Vitrine: ad-hoc playlist with its default transition "
          f"(`overlap`: from the second clip's start to the first one's end in its log), from its timing log. "
          f"mpv: `mpv a.mp4 b.mp4` with --vo=x11, from its log file (end of the first file, first frame of the "
          f"second) and its --dump-stats flip times.\n")
    print("| player | gap ms (each round) | median | longest interval ms (median) | overlap ms (median) |")
    print("|---|---|---|---|---|")
    figures = {}
    for player in ("vitrine-software", "vitrine-gpu", "mpv-x11"):
        runs = []
        for name in sorted(os.listdir(work)):
            m = re.fullmatch(rf"switch-{player}-(\d+)\.(timing|mpvlog)", name)
            if not m:
                continue
            base = os.path.join(work, name.rsplit(".", 1)[0])
            if player.startswith("vitrine"):
                value = vitrine_switch(base + ".timing")
            elif os.path.exists(base + ".stats"):
                value = mpv_switch(base + ".mpvlog", base + ".stats")
                value = value + (None,) if value else None
            else:
                value = None
            runs.append(value)
        if not runs:
            continue
        good = [v for v in runs if v]
        figures[player] = med([v[0] for v in good])
        print(f"| {player} | {', '.join(fmt(v[0], 1) if v else 'n/a' for v in runs)} | {fmt(figures[player], 1)} | "
              f"{fmt(med([v[1] for v in good]), 1)} | {fmt(med([v[2] for v in good]), 0)} |")
    print()
    return figures


def loop_section(work, loop_minutes):
    print(f"## Memory while Vitrine loops the two switch clips ({loop_minutes} min, --renderer software)\n")
    path = os.path.join(work, "loop-rss.tsv")
    samples = []
    if os.path.exists(path):
        for row in csv.DictReader(open(path), delimiter="\t"):
            samples.append((int(row["seconds"]), int(row["rss_kb"]), int(row["hwm_kb"] or 0)))
    if not samples:
        print("No samples.\n")
        return None
    end = samples[-1][0]
    window = min(60, max(end / 3, 5))  # a minute, or a third of a short (--quick) loop
    first = max(r for t, r, _ in samples if t <= window)
    last = max(r for t, r, _ in samples if t >= end - window)
    growth = (last - first) / first * 100
    print(f"VmRSS every 5 s, {len(samples)} samples over {end} s. Peak in the first {window:.0f} s: "
          f"**{first / 1024:.1f} MB**; in the last {window:.0f} s: **{last / 1024:.1f} MB** ({growth:+.1f} %); "
          f"VmHWM at the last sample {samples[-1][2] / 1024:.1f} MB.")
    print("RSS over time (s: MB): " + ", ".join(f"{t}: {r / 1024:.0f}" for t, r, _ in samples[:: max(1, len(samples) // 12)]))
    own = exit_fields(os.path.join(work, "loop.log"))
    if own:
        print(f"\nVitrine's exit line: pictures shown {own.get('video_frames_shown', '?')}, dropped "
              f"{own.get('video_frames_dropped', '?')}, repeated {own.get('video_frames_repeated', '?')}.")
    print()
    return growth


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("work")
    parser.add_argument("--rounds", default="?")
    parser.add_argument("--loop-minutes", default="?")
    args = parser.parse_args()
    work = os.path.abspath(args.work)
    clips_dir = os.path.join(os.path.dirname(work), "clips")
    vitrine = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(work))), "build", "vitrine")
    cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print("# Vitrine beside mpv and ffplay\n")
    print(f"{os.cpu_count()} cores ({cpu_model}), {platform.platform()}; Xvfb 1920x1080x24, no window manager; "
          f"{args.rounds} round(s); load average at the end {os.getloadavg()[0]:.2f}. "
          f"{tool_version([vitrine, '--version'])}; {tool_version(['mpv', '--version'])}; "
          f"{tool_version(['ffplay', '-version'])}. Sound: SDL's disk driver for every player (mpv: --ao=sdl). "
          f"Run folder: `{work}`.\n")
    rows, cpu = cpu_table(work, clips_dir)
    av = av_section(work, clips_dir)
    switch = switch_section(work)
    growth = loop_section(work, args.loop_minutes)

    print("## Targets (issue 3)\n")
    h264 = "h264-1080p30.mp4"
    drops = [num(r["dropped"]) for r in rows if r["clip"] == h264 and r["player"].startswith("vitrine")]
    print(f"- zero dropped frames, 1080p30 H.264, every Vitrine run: "
          f"{'yes' if drops and all(d == 0 for d in drops) else 'no'} (per run: {', '.join(fmt(d, 0) for d in drops)})")
    for label, key in (("at hand-over", "handover"), ("+1 buffer", "plus_buffer")):
        verdicts = [r[key]["within"] == r["measured"] == r["events"] for r in av.values()]
        print(f"- A/V offset within ±20 ms at every event ({label}): "
              f"{'yes' if verdicts and all(verdicts) else 'no'} ({sum(verdicts)}/{len(verdicts)} runs)")
    for player in ("vitrine-software", "vitrine-gpu"):
        # Read as: the switch may delay the next picture by at most one frame interval beyond the
        # one it is due after anyway, so the gap may reach two intervals (a gap of one is perfect).
        gap = switch.get(player)
        extra = None if gap is None else gap - FRAME_MS
        print(f"- switch no longer than one frame interval beyond the transition, {player}: "
              f"{'n/a' if gap is None else ('yes' if extra <= FRAME_MS else 'no')} (median gap {fmt(gap, 1)} ms, "
              f"{fmt(extra, 1, True)} ms beyond the {FRAME_MS:.1f} ms a picture lasts; mpv's gap {fmt(switch.get('mpv-x11'), 1)} ms)")
    clips = list(dict.fromkeys(r["clip"] for r in rows))
    for clip in clips:
        mpvs = [v for (c, p), v in cpu.items() if c == clip and p.startswith("mpv-") and v]
        for player in ("vitrine-software", "vitrine-gpu"):
            mine = cpu.get((clip, player))
            if mine and mpvs:
                print(f"- CPU no more than the cheapest mpv, {clip}, {player}: {'yes' if mine <= min(mpvs) else 'no'} "
                      f"({mine:.2f} vs {min(mpvs):.2f} s/s)")
    if growth is not None:
        print(f"- RSS flat across the loop (last window's peak within {RSS_FLAT_PERCENT} % of the first's): "
              f"{'yes' if growth <= RSS_FLAT_PERCENT else 'no'} ({growth:+.1f} %)")
    print()


if __name__ == "__main__":
    main()
