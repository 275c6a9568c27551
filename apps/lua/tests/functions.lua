-- Closures (shared upvalues, counters), varargs, tail calls, coroutines
-- (generators, passing values both ways, wrap, status, close, errors
-- inside), goto, integer for loops, table library.
print("oracle: begin")
local function counter()
	local n = 0
	return function(d) n = n + (d or 1) return n end, function() return n end
end
local inc, get = counter()
inc() inc(5) print("counter", get(), inc(), get())
local fs = {}
for i = 1, 3 do fs[i] = function() return i * 10 end end
print("loop upvalues", fs[1](), fs[2](), fs[3]())
local function sum(...) local s = 0 for _, v in ipairs({...}) do s = s + v end return s, select("#", ...) end
print("varargs", sum(1, 2, 3, 4), sum(), table.pack(1, nil, 3).n, table.unpack({1, 2, 3}, 2))
local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + n) end
print("tail call", loop(100000, 0))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(20))
local gen = coroutine.wrap(function(a, b)
	print("co start", a, b)
	local c = coroutine.yield(a + b)
	print("co got", c)
	for i = 1, 3 do coroutine.yield(i * c) end
	return "done"
end)
print("co", gen(1, 2)) print("co", gen(10)) print("co", gen()) print("co", gen()) print("co", gen())
local co = coroutine.create(function(x) local y = coroutine.yield(x * 2) error({code = y}) end)
print("status", coroutine.status(co), coroutine.resume(co, 21))
print("status", coroutine.status(co), coroutine.isyieldable())
local ok, e = coroutine.resume(co, 7) print("error in co", ok, type(e), e.code, coroutine.status(co))
print("resume dead", coroutine.resume(co))
local co2 = coroutine.create(function() coroutine.yield(1) end) coroutine.resume(co2)
print("close", coroutine.close(co2), coroutine.status(co2))
local function producer() return coroutine.wrap(function() for w in ("one two three"):gmatch("%a+") do coroutine.yield(w) end end) end
local words = {} for w in producer() do words[#words + 1] = w:upper() end print("producer", table.concat(words, ","))
for i = 3, 1, -1 do io.write(i, " ") end for x = 0, 1, 0.25 do io.write(x, " ") end print()
do local i = 1 ::top:: if i <= 3 then io.write("goto", i, " ") i = i + 1 goto top end print() end
local t = {5, 2, 8, 1, 9, 3}
table.sort(t) print("sort", table.concat(t, " "))
table.sort(t, function(a, b) return a > b end) print("sort desc", table.concat(t, " "))
table.insert(t, 1, 0) table.insert(t, 100) print("insert", table.concat(t, " "), table.remove(t), table.remove(t, 1), #t)
print("move", table.concat(table.move({1, 2, 3}, 1, 3, 2, {9, 9, 9, 9}), " "))
local names = {} for k in pairs({alpha = 1, beta = 2, gamma = 3}) do names[#names + 1] = k end table.sort(names)
print("keys", table.concat(names, " "))
print("oracle: end")
