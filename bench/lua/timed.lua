-- bench/lua's timer: runs the script named by its argument and prints
-- "elapsed S" (os.clock() around it: the process's CPU time, which in
-- the kit, the only process, is the time since boot), so the kit, the
-- Linux VM and the host are timed without their boots or start-ups.
local c = os.clock()
dofile(arg[1])
io.write(string.format("elapsed %.3f\n", os.clock() - c))
