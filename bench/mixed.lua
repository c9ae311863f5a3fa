-- The readers of the benchmark's mixed workload (bench/run.py):
--   wrk -t2 -c8 -d60s --latency -s bench/mixed.lua http://127.0.0.1:8900 -- PATHS_FILE THREADS
-- PATHS_FILE holds dossier paths drawn with a skewed popularity (bench_mixed_plan), one a line;
-- each thread walks it from its own offset. Every response is counted by its X-Page-Cache
-- header (hit, miss, or none: not stored) and its status; `done` adds up the threads' counts
-- and prints them on one line, "mixed-workload {json}".

local threads = {}
local created = 0

function setup(thread)
   thread:set("id", created)
   created = created + 1
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   for line in io.lines(args[1]) do
      if line ~= "" then paths[#paths + 1] = line end
   end
   local count = tonumber(args[2]) or 1
   position = math.floor(#paths * id / count)
   hits, misses, unstored, non200 = 0, 0, 0, 0
   seen, distinct = {}, 0
end

function request()
   position = position % #paths + 1
   local path = paths[position]
   if not seen[path] then
      seen[path] = true
      distinct = distinct + 1
   end
   return wrk.format("GET", path)
end

function response(status, headers, body)
   if status ~= 200 then non200 = non200 + 1 end
   local state = headers["X-Page-Cache"] or headers["x-page-cache"]
   if state == "hit" then
      hits = hits + 1
   elseif state == "miss" then
      misses = misses + 1
   else
      unstored = unstored + 1
   end
end

function done(summary, latency, requests)
   local total = {hits = 0, misses = 0, unstored = 0, non200 = 0}
   local union, distinct_paths = {}, 0
   for _, thread in ipairs(threads) do
      for key, _ in pairs(total) do
         total[key] = total[key] + (thread:get(key) or 0)
      end
      for path, _ in pairs(thread:get("seen") or {}) do
         if not union[path] then
            union[path] = true
            distinct_paths = distinct_paths + 1
         end
      end
   end
   io.write(string.format(
      'mixed-workload {"hits": %d, "misses": %d, "unstored": %d, "non200": %d, "distinct_paths": %d}\n',
      total.hits, total.misses, total.unstored, total.non200, distinct_paths))
end
