"""gdb script: records each function of the traced binary the first time it runs.

Run by regenerate.sh as `gdb -batch -x trace.py --args BINARY [ARGS]` with TRACE_OUT set to
the output file. A breakpoint goes on the entry of every function (about 8,000); on its
first hit the function's name is written out and the breakpoint disabled, so the program
soon runs at nearly full speed. The names feed make_hot_ld.py.
"""
import os
import subprocess

import gdb

binary = gdb.current_progspace().filename
out = open(os.environ["TRACE_OUT"], "w")

for setting in ("pagination off", "confirm off", "print thread-events off",
                "print inferior-events off"):
    gdb.execute("set " + setting)

functions = {}
nm = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True)
for line in nm.stdout.splitlines():
    parts = line.split()
    if len(parts) == 3 and parts[1] in "tTwWiI":
        functions.setdefault(int(parts[0], 16), parts[2])

gdb.execute("starti")
base = None
for line in gdb.execute("info proc mappings", to_string=True).splitlines():
    if line.strip().endswith(binary):
        base = int(line.split()[0], 16)
        break


class FirstCall(gdb.Breakpoint):
    def stop(self):
        out.write(self.function + "\n")
        out.flush()
        self.enabled = False
        return False


for address, name in functions.items():
    breakpoint = FirstCall("*0x%x" % (base + address), internal=True)
    breakpoint.function = name

gdb.execute("continue")
