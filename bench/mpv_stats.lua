-- Loaded by bench/media_bench.sh into mpv (--script): prints mpv's own frame counts at the end
-- of each file, and the times at which the playback position moved, so that the switch from
-- one file to the next can be measured from inside mpv (mp.get_time(): monotonic seconds).
local first, last = {}, {}
mp.observe_property("time-pos", "number", function(_, value)
  if value == nil then return end
  local pos = mp.get_property_number("playlist-pos", 0)
  local now = mp.get_time()
  if first[pos] == nil then first[pos] = now end
  last[pos] = now
end)
mp.register_event("end-file", function()
  local decoder = mp.get_property_number("decoder-frame-drop-count", 0) or 0
  local vo = mp.get_property_number("frame-drop-count", 0) or 0
  local delayed = mp.get_property_number("vo-delayed-frame-count", 0) or 0
  io.stderr:write(string.format("mpv-stats decoder_drops=%d vo_drops=%d vo_delayed=%d\n", decoder, vo, delayed))
end)
mp.register_event("shutdown", function()
  if first[1] ~= nil and last[0] ~= nil then
    io.stderr:write(string.format("mpv-switch gap_ms=%.1f\n", (first[1] - last[0]) * 1000))
  end
end)
