"""A measured process's own peak memory, not the high-water mark it inherited.

Linux keeps a process's highest resident size (`ru_maxrss`) across `exec`: a child the suite
spawns, once the suite holds the libraries it validated in its own process (46 MiB after
10,000 questions, 126 MiB after 100,000), "peaks" at the suite's size at least. `VmHWM` in
`/proc/self/status` is the high-water mark of the memory the process has had since its `exec`:
its own. Without `/proc`, `ru_maxrss` is what there is.
"""

from __future__ import annotations

import resource
import sys

PEAK_PREFIX = "peak_kib="
"""How a command run under `reporting_peak` says its peak, on its last line of stderr."""


def own_peak_kib() -> int:
    """This process's peak resident memory since its `exec`, in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def reporting_peak(module: str, *arguments: str) -> list[str]:
    """The command that runs `python -m MODULE ARGUMENTS` in one process, as it would run, and
    writes `peak_kib=N` to stderr as it exits; `peak_of` reads it back. N is the larger of its
    own peak (`own_peak_kib`) and its forked children's (`quiz report` writes a big report a
    half in each of two processes): the bigger process's peak."""
    import inspect  # here: the probes import this module, and time their own start-up

    wrapper = "\n".join(
        [
            "import atexit, resource, runpy, sys",
            inspect.getsource(own_peak_kib),
            "children = lambda: resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss",
            f"atexit.register(lambda: sys.stderr.write('\\n{PEAK_PREFIX}%d\\n'"
            " % max(own_peak_kib(), children())))",
            f"sys.argv = [{module!r}, *sys.argv[1:]]",
            f"runpy.run_module({module!r}, run_name='__main__', alter_sys=True)",
        ]
    )
    return [sys.executable, "-c", wrapper, *arguments]


def peak_of(stderr: str) -> int | None:
    """The peak a `reporting_peak` command wrote, in KiB (None if it wrote none)."""
    for line in reversed(stderr.splitlines()):
        if line.startswith(PEAK_PREFIX):
            return int(line.removeprefix(PEAK_PREFIX))
    return None
