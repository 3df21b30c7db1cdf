-- make loadtest: wrk walks through the paths of a file (one per line; "{n}" becomes a running number, so that
-- a search term is new) and counts the answers by class. A 503 counts as German when it is the portal's
-- "Vorübergehend nicht erreichbar" page, anything else (Varnish's own error page, a traceback) as foreign.
-- done() prints one line "@@lua@@ name=value …" that bench/wrk.py reads.

local threads = {}

function setup(thread)
   thread:set("number", #threads)
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   for line in io.lines(args[1]) do
      if line ~= "" then
         table.insert(paths, line)
      end
   end
   -- Each thread starts elsewhere in the list and numbers its own terms.
   counter = number * 100000
   position = number * 7
   s2xx, s3xx, s4xx, s5xx, s503_german, s503_foreign = 0, 0, 0, 0, 0, 0
end

function request()
   counter = counter + 1
   position = position % #paths + 1
   local path = paths[position]:gsub("{n}", tostring(counter))
   return wrk.format("GET", path)
end

function response(status, headers, body)
   if status < 300 then
      s2xx = s2xx + 1
   elseif status < 400 then
      s3xx = s3xx + 1
   elseif status < 500 then
      s4xx = s4xx + 1
   else
      s5xx = s5xx + 1
      if status == 503 then
         if body and body:find("nicht erreichbar", 1, true) and body:find('lang="de"', 1, true) then
            s503_german = s503_german + 1
         else
            s503_foreign = s503_foreign + 1
         end
      end
   end
end

function done(summary, latency, requests)
   local names = { "s2xx", "s3xx", "s4xx", "s5xx", "s503_german", "s503_foreign" }
   local totals = {}
   for _, thread in ipairs(threads) do
      for _, name in ipairs(names) do
         totals[name] = (totals[name] or 0) + thread:get(name)
      end
   end
   local items = {}
   for _, name in ipairs(names) do
      table.insert(items, string.format("%s=%d", name:sub(2), totals[name]))
   end
   io.write("@@lua@@ " .. table.concat(items, " ") .. "\n")
end
