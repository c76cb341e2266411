-- wrk script: count the answers the page cache served (X-Cache: hit) and print "cache hits N of M".
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  hits, answers = 0, 0
end

function response(status, headers, body)
  answers = answers + 1
  if headers["X-Cache"] == "hit" then
    hits = hits + 1
  end
end

function done(summary, latency, requests)
  local total_hits, total = 0, 0
  for _, thread in ipairs(threads) do
    total_hits = total_hits + thread:get("hits")
    total = total + thread:get("answers")
  end
  io.write(string.format("cache hits %d of %d\n", total_hits, total))
end
