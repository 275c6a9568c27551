-- bench/lua's fixed workload: recursion, table building and sorting,
-- string building and pattern matching, floating point. Prints a
-- checksum line (the same on every system) so a wrong run is seen.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {}
math.randomseed(7)
for i = 1, 100000 do t[i] = math.random(1, 1000000) end
table.sort(t)
local parts = {}
for i = 1, 20000 do parts[#parts + 1] = string.format("%d:%.3f", i, i / 7) end
local s = table.concat(parts, ",")
local n = 0
for a, b in s:gmatch("(%d+):(%d+%.%d+)") do n = n + tonumber(a) + tonumber(b) end
local x = 0.0
for i = 1, 300000 do x = x + math.sin(i) * math.sqrt(i) end
print(string.format("checksum %d %d %d %.6f %.3f", fib(25), t[1] + t[#t], #s, n, x))
