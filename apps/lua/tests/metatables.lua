-- Metatables: arithmetic, comparison, concat, __index/__newindex chains,
-- __call, __len, __tostring, __eq, __close, __gc with collectgarbage,
-- classes with inheritance, weak tables, rawget/rawset/rawequal.
print("oracle: begin")
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__mul = function(a, k) return vec(a.x * k, a.y * k) end
V.__unm = function(a) return vec(-a.x, -a.y) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a:len2() < b:len2() end
V.__le = function(a, b) return a:len2() <= b:len2() end
V.__tostring = function(a) return string.format("(%g, %g)", a.x, a.y) end
V.__concat = function(a, b) return tostring(a) .. tostring(b) end
V.__len = function() return 2 end
V.__call = function(self, k) return self[k] end
function V:len2() return self.x * self.x + self.y * self.y end
local a, b = vec(1, 2), vec(3, 4.5)
print(tostring(a + b), tostring(a * 3), tostring(-a), a == vec(1, 2), a ~= b, a < b, b <= a, #a, a("y"), a .. b)
local defaults = setmetatable({}, {__index = function(_, k) return "default:" .. k end})
local obj = setmetatable({own = 1}, {__index = defaults})
print(obj.own, obj.other, rawget(obj, "other"))
local log = {}
local proxy = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v) rawset(t, k, v) end})
proxy.a = 1 proxy.b = 2 proxy.a = 3 print(table.concat(log, " "), proxy.a, rawequal(proxy, proxy))
local Animal = {} Animal.__index = Animal
function Animal.new(name, sound) return setmetatable({name = name, sound = sound}, Animal) end
function Animal:speak() return self.name .. " says " .. self.sound end
local Dog = setmetatable({}, {__index = Animal}) Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name, "woof") return setmetatable(d, Dog) end
function Dog:fetch() return self.name .. " fetches" end
local d = Dog.new("rex") print(d:speak(), d:fetch(), getmetatable(d) == Dog)
do
	local x <close> = setmetatable({}, {__close = function(_, err) print("closed x", err) end})
	local y <close> = setmetatable({}, {__close = function() print("closed y first") end})
	print("in block")
end
print(pcall(function()
	local z <close> = setmetatable({}, {__close = function(_, err) print("closed z on", err) end})
	error("boom", 0)
end))
local collected = 0
do local g = setmetatable({}, {__gc = function() collected = collected + 1 end}) end
collectgarbage() collectgarbage()
print("gc ran", collected)
local weak = setmetatable({}, {__mode = "k"})
weak[{}] = 1 local keep = {} weak[keep] = 2 collectgarbage()
local n = 0 for _ in pairs(weak) do n = n + 1 end print("weak entries", n)
print(getmetatable("abc").__index == string, ("x"):rep(3), pcall(setmetatable, 1, {}))
local ro = setmetatable({}, {__index = {k = 1}, __newindex = function() error("read-only table", 2) end, __metatable = "locked"})
print(ro.k, getmetatable(ro), pcall(function() ro.k = 2 end))
print("oracle: end")
