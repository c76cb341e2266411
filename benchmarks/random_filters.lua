-- wrk script: each request a timeline filtered by a random actor, type and period, so that (nearly) every URL is
-- new to the page cache, as when readers explore filters no one asked for before.
local counter = 0

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  counter = counter + 1
  local from = math.random(1999, 2020)
  local path = string.format("/?actor=actor-%d&type=type-%d&from=%d&to=%d", math.random(0, 49), math.random(0, 4),
                             from, from + math.random(0, 5))
  return wrk.format("GET", path)
end
