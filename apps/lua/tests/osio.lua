-- io on files written and read back (lines, numbers, seek, append,
-- io.lines, io.output redirect, tmp names), os.time with a fixed date
-- table, os.date in UTC of fixed times, os.difftime, os.clock as a
-- monotonic non-negative number, os.getenv, os.remove/rename errors.
-- Files go under tmp/ of the current directory (the initrd's root).
print("oracle: begin")
local path = "tmp/data.txt"
local f = assert(io.open(path, "w"))
print(io.type(f), f:write("line one\n", 42, " ", 3.25, "\n", "last line without newline") == f)
print(f:seek("cur"), f:seek("set", 5), io.type(f:write("ONE")), f:seek("end"))
f:close() print(io.type(f), pcall(f.write, f, "x"))
f = assert(io.open(path, "r"))
print(f:read("l")) print(f:read("n", "n")) print(f:read("L")) print(f:read("a")) print(f:read("a"), f:read("l"), f:read(0))
print(f:seek("set", 0), f:read(4), f:read(1), f:seek("cur")) f:close()
local n = 0 for l in io.lines(path) do n = n + 1 io.write("[", l, "]") end print(" lines", n)
for a, b in io.lines(path, 4, "l") do print("chunks", a, b) break end
f = assert(io.open(path, "a")) f:write("\nappended") f:close()
f = assert(io.open(path, "rb")) local all = f:read("a") f:close() print(#all, all:sub(-8))
local big = assert(io.open("tmp/big.bin", "wb"))
for i = 0, 9999 do big:write(string.pack("<i4", i * 7)) end big:close()
big = assert(io.open("tmp/big.bin", "rb")) local data = big:read("a") big:close()
local sum = 0 for i = 1, #data, 4 do sum = sum + string.unpack("<i4", data, i) end print("big", #data, sum)
local out = io.output() io.output("tmp/redirect.txt") io.write("via io.write\n") io.close() io.output(out)
print(io.open("tmp/redirect.txt"):read("a"))
print(os.rename("tmp/redirect.txt", "tmp/moved.txt"), io.open("tmp/redirect.txt") == nil, os.remove("tmp/moved.txt"))
print(os.remove("tmp/no-such-file"))
print(io.open("no/such/dir/file", "w"))
print(pcall(io.lines, "tmp/absent"))
print(pcall(io.open, path, "rz"))
local t0 = os.time({year = 2024, month = 2, day = 29, hour = 12, min = 30, sec = 15, isdst = false})
print(type(t0), os.date("!%Y-%m-%d %H:%M:%S %j %a %b", 86400 * 19782 + 3661))
print(os.date("!%c", 0), os.date("!*t", 1700000000).yday, os.date("!%A %B %d %y %p %I %M", 1234567890))
local d = os.date("!*t", 1709209815) print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.isdst)
print(os.difftime(t0 + 90, t0), os.time({year = 2000, month = 1, day = 1, hour = 0}) - os.time({year = 1999, month = 12, day = 31, hour = 0}))
local c0 = os.clock() local x = 0 for i = 1, 200000 do x = x + i end local c1 = os.clock()
print(type(c0), c0 >= 0, c1 >= c0, x, math.type(os.time()), os.time() > 1.6e9)
print(os.getenv("UNIKIT_LUA_NO_SUCH_VARIABLE"), type(os.tmpname))
print("oracle: end")
os.exit(3)
