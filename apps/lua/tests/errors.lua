-- Errors: error with levels and tables, pcall/xpcall with a message
-- handler that adds debug.traceback, assert, error in a metamethod,
-- runtime errors' messages (arithmetic on nil, calling a number,
-- indexing nil, integer overflow in for, string to number), load of bad
-- code, debug.getinfo. Ends with an uncaught error: lua.c prints it with
-- a traceback on stderr and exits 1.
print("oracle: begin")
local function lvl1() error("level one") end
local function lvl2() error("level two", 2) end
local function caller() lvl2() end
print(pcall(lvl1)) print(pcall(caller)) print(pcall(error)) local _, et = pcall(error, {code = 1}) print(type(et), et.code)
print(select(2, pcall(error, setmetatable({}, {__tostring = function() return "custom" end}))) ~= nil)
local function handler(e) return debug.traceback("handled: " .. tostring(e), 2) end
local function deep(n) if n == 0 then local t = nil return t.field end return deep(n - 1) + 1 end
print(xpcall(deep, handler, 3))
print(xpcall(function() return "no error", 2 end, handler))
print(pcall(function() local x = nil; return x + 1 end))
print(pcall(function() local n = 5; n() end))
print(pcall(function() return {} < {} end))
print(pcall(function() return ("abc") + 1 end))
print(pcall(function() return "10" + 1, "3" * "4", 10 .. 20 end))
print(pcall(string.rep)) print(pcall(string.format, "%d", 1.5)) print(pcall(math.tointeger, "x"))
print(pcall(assert, false)) print(pcall(assert, nil, "assert message")) print(pcall(assert, 1, 2))
print(load("return 1 +")) print(load("x = = 1", "chunk")) print(load("return ...", "=va")(7, 8))
local strict = setmetatable({}, {__index = function(t, k) error("no field " .. k) end})
print(pcall(function() return strict.missing end))
local t = setmetatable({}, {__add = function() error("bad add", 2) end})
print(pcall(function() return t + 1 end))
local info = debug.getinfo(1, "Sl") print(info.short_src, info.currentline, info.what)
local function named() return debug.getinfo(1, "n").name end print(named())
print(debug.traceback("tb", 1))
print(coroutine.resume(coroutine.create(function() error("in coroutine") end)))
print(string.rep("=", 10))
print("oracle: end")
local function fails() local s = {} return s.a.b end
fails()
