"""The "by hand" guard of a hidden test's process: any use of the library an exercise reimplements is reported.

Armed in the test's own process (autograder/inside/kernel.py) before any answer runs,
for a test that judges/BY_HAND names. That process runs the answers and the
hidden tests only (the visible checks, which call the library to compare,
run in another process), so every call counts, however it is reached:

- PyTorch's operators whose names match the exercise's pattern
  (``helpers.checks.CONVOLUTION``...) get a kernel of ours at the dispatcher,
  for the CPU and for autograd on the CPU. PyTorch's dispatcher runs it for
  ``F.conv2d``, ``nn.Conv2d``, ``torch.ops.aten.convolution``, a name built at
  run time, ``exec``'d text and other threads alike. It reports the call and
  raises, so the library's result never reaches the answer.
- Functions of other libraries (NumPy, SciPy, torchvision, torchinfo, autograd)
  whose names match are replaced by reporting wrappers, in every loaded module
  that holds them.
- What would switch the guard off is watched by an audit hook (PEP 578), which
  no code can remove: a trace or profile function, replaced function code,
  the garbage collector's object lists, frames of other threads, ctypes. Code
  of the answers that does any of it is reported, and the process ends at once.
- After the hidden tests, the dispatcher's table for every guarded operator,
  and every wrapper, must be as they were when armed.

A report is a message to the grader on the test's own socket; the grader
fails the test and flags the row (autograder/execute.py). Nothing here decides
a point: if a report cannot be sent, the process ends, and the test has no result.
"""

import os
import re
import sys
import threading
import warnings

# Modules whose matching functions are wrapped (torch's own operators are guarded at the dispatcher).
# Not torchvision's models: hidden tests build them as references, and "built from your own blocks"
# is judged on the modules a network holds (helpers.checks.library_modules).
PYTHON_LIBRARIES = ("numpy", "scipy", "torchvision.transforms", "torchvision.ops", "torchinfo", "torch.autograd")

# Audit events that reach into the interpreter to undo a guard, with what each means.
TAMPERING = {
    "sys.settrace": "set a trace function",
    "sys.setprofile": "set a profile function",
    "sys._current_frames": "read other threads' frames",
    "gc.get_referrers": "searched the garbage collector's objects",
    "gc.get_referents": "searched the garbage collector's objects",
    "gc.get_objects": "searched the garbage collector's objects",
    "ctypes.dlopen": "loaded a C library with ctypes",
    "ctypes.dlsym": "looked up a C symbol with ctypes",
    "ctypes.addressof": "took a memory address with ctypes",
    "ctypes.cdata": "made a C object from memory with ctypes",
    "ctypes.call_function": "called a C function with ctypes",
}


def _trusted_files():
    """Where code that may tamper legitimately lives: Python's own library, its packages, helpers."""
    import helpers

    places = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(helpers.__file__),
              os.path.dirname(os.__file__)}
    return tuple(os.path.join(os.path.realpath(p), "") for p in places)


def arm(report, pattern, label):
    """Guard the library functions matching ``pattern`` (a regex source) from here on.

    ``report(text)`` sends one finding to the grader; ``label`` names the answer
    cell in what is reported. Returns ``check()``, to call after the hidden tests.
    """
    import torch

    pattern = re.compile(pattern)
    exit_now = os._exit          # taken now: what the answers do to os later changes nothing here
    getframe = sys._getframe
    dump = torch._C._dispatch_dump
    main_thread = threading.main_thread()

    def found(what):
        try:
            report(f"{label} uses {what}, the library function that this exercise asks you to write by hand")
        except Exception:   # the channel was closed or replaced: no result at all, rather than a silent one
            exit_now(70)

    # PyTorch's operators, at the dispatcher.
    library = torch.library.Library("aten", "IMPL")
    operators = sorted(name for name in torch._C._dispatch_get_all_op_names()
                       if name.startswith("aten::") and pattern.match(name[6:].split(".")[0]))

    def blocked_kernel(name):
        def blocked(*args, **kwargs):
            where = "" if threading.current_thread() is main_thread else " from another thread"
            found(f"torch's {name}{where}")
            raise RuntimeError(f"{name} is not allowed in this exercise: write it by hand")
        return blocked

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # PyTorch warns when a kernel replaces one of its own
        for name in operators:
            for key in ("CPU", "AutogradCPU"):
                library.impl(name[6:], blocked_kernel(name), key)
    tables = {name: dump(name) for name in operators}

    # Other libraries' functions, in every module that holds them (and Tensor's methods, such as
    # Tensor.backward): (where, attribute, the original, its wrapper), one wrapper per function.
    wrappers, made = [], {}

    def wrap(owner, attribute, function, name):
        if id(function) not in made:
            def wrapper(*args, **kwargs):
                found(name)
                raise RuntimeError(f"{name} is not allowed in this exercise: write it by hand")
            made[id(function)] = wrapper
        try:
            setattr(owner, attribute, made[id(function)])
            wrappers.append((owner, attribute, function, made[id(function)]))
        except (AttributeError, TypeError):   # a module that refuses new attributes
            pass

    owners = [(module, getattr(module, "__name__", "")) for name, module in list(sys.modules.items())
              if module is not None and name.startswith(PYTHON_LIBRARIES)] + [(torch.Tensor, "Tensor")]
    for owner, owner_name in owners:
        for attribute, value in list(vars(owner).items()):
            if pattern.match(attribute) and callable(value) and not isinstance(value, type):
                where = owner_name if owner is torch.Tensor else getattr(value, "__module__", None) or owner_name
                wrap(owner, attribute, value, f"{where}.{attribute}")

    # What would undo the rest, watched from a hook that cannot be removed.
    trusted = _trusted_files()

    armed = [True]

    def audit(event, args):
        if not armed[0]:
            return
        meaning = TAMPERING.get(event)
        if meaning is None and event == "object.__setattr__" and len(args) > 1 and args[1] in (
                "__code__", "__closure__", "__globals__", "__defaults__", "__kwdefaults__"):
            meaning = f"replaced a function's {args[1]}"
        if meaning is None:
            return
        # The caller: the libraries' own use of these (helpers' by-hand check, torch) is theirs.
        if getframe(1).f_code.co_filename.startswith(trusted):
            return
        found(f"code that {meaning}")
        exit_now(71)

    sys.addaudithook(audit)

    def check():
        """After the hidden tests: report any guard that is no longer as it was armed."""
        for name, table in tables.items():
            if dump(name) != table:
                found(f"a kernel of its own for {name} at PyTorch's dispatcher (the guard was replaced)")
                return
        for owner, attribute, _, wrapper in wrappers:
            if vars(owner).get(attribute) is not wrapper:
                found(f"{attribute} put back in place of the guard")
                return

    def disarm():
        """Once the verdict is in: the library back, for the visible checks that compare with it."""
        armed[0] = False
        library._destroy()
        for owner, attribute, original, _ in wrappers:
            setattr(owner, attribute, original)

    check.disarm = disarm
    check.keep_alive = library   # deregistered when collected
    return check
