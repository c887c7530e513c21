"""Visible checks: compare an answer with the expected one and say what is wrong.

Introduced in notebook 01 and used after every exercise of the course.

A check prints one line starting with a tick when it passes. When it fails it
raises ``CheckFailed``, whose message says what was expected and what came
back: the shapes, the first index that differs, the largest difference, and
the hint that the exercise supplies. In a notebook only that message is shown,
not a traceback into this file. Numbers are never compared with ``==``:
tensors are compared with tolerances, and integers (sizes, counts) exactly.

The first line of every failure message is a short summary that names no
expected value, so that the hidden tests can show it to a student safely.

A check that calls the student's code (``call``, ``check_by_hand``,
``check_cases``, ``check_model_output``) catches what that code raises and
fails with one line of the error, the line of the student's code where it
happened, and the check's hint, instead of a traceback through PyTorch. An
exercise still as handed out (``raise NotImplementedError()``) fails with one
line that names it as not written yet.
"""

import ast
import linecache
import math
import numbers
import re
import sys
import types

import numpy as np
import torch

from .errors import CROSS, CourseError

TICK = "\u2713"
_SMALL = 36  # 1-D and 2-D arrays with at most this many values are printed in full


class CheckFailed(CourseError, AssertionError):
    """A check that failed. IPython shows its message, after a cross, instead of a traceback."""

    heading = CROSS


def _fail(problem, hint=None):
    message = problem if not hint else f"{problem}\nHint: {hint}"
    raise CheckFailed(message)


def _passed(message):
    print(f"{TICK} {message}")


# ----------------------------------------------------------------------------
# What came back, and whether it can be compared at all
# ----------------------------------------------------------------------------

def _describe_type(value):
    if isinstance(value, (types.MethodType, types.BuiltinMethodType, types.FunctionType)):
        # `.item` without its parentheses gives back the method itself, not its result
        call = f".{value.__name__}()" if getattr(value, "__self__", None) is not None else f"{value.__name__}(...)"
        return f"the function `{value.__name__}` itself, not its result: a call needs parentheses, `{call}`"
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)} and dtype {value.dtype}"
    if isinstance(value, np.ndarray):
        return f"a NumPy array of shape {value.shape} and dtype {value.dtype}"
    return f"{type(value).__name__} {value!r}" if _is_short(value) else type(value).__name__


def _is_short(value):
    return len(repr(value)) <= 60


def _none_problem(name):
    return (f"{name} returned None: a function gives back nothing unless it "
            "ends with `return`. Did you forget `return` at the end of your function?")


def _as_tensor(value):
    """The trusted expected value as a tensor (it may be a number, array or tensor)."""
    if isinstance(value, torch.Tensor):
        return value.detach().cpu()
    return torch.as_tensor(np.asarray(value))


def _student_tensor(actual, expected, name):
    """Turn what the student returned into a CPU tensor, or say why it cannot be."""
    if actual is None:
        return None, _none_problem(name)
    if isinstance(actual, (list, tuple)):
        if actual and all(isinstance(item, torch.Tensor) for item in actual):
            # torch.tensor(...) refuses a list of tensors: they are joined
            return None, (f"{name} returned a Python {type(actual).__name__} of {len(actual)} tensors, but one "
                          f"tensor of shape {tuple(expected.shape)} is expected. Join them: torch.stack(items) "
                          "along a new dimension, or torch.cat(items) along an existing one.")
        return None, (f"{name} returned a Python {type(actual).__name__}, but a tensor of shape "
                      f"{tuple(expected.shape)} is expected. Build the result as a tensor, for "
                      "example with `torch.zeros(...)` filled in place, or convert it at the end "
                      "with `torch.tensor(values)`.")
    if isinstance(actual, np.ndarray):
        actual = torch.from_numpy(np.array(actual, order="C"))   # a copy; keeps a 0-d array 0-d
    elif isinstance(actual, numbers.Number) and not isinstance(actual, bool):
        if expected.dim() != 0:
            return None, (f"{name} returned the single number {actual!r}, but a tensor of shape "
                          f"{tuple(expected.shape)} is expected.")
        # a plain number is a fine answer for a single value: compare it as the expected dtype
        actual = torch.tensor(actual, dtype=expected.dtype if expected.is_floating_point() else None)
    elif not isinstance(actual, torch.Tensor):
        wanted = "a number" if expected.dim() == 0 else f"a tensor of shape {tuple(expected.shape)}"
        return None, f"{name} returned {_describe_type(actual)}, but {wanted} is expected."
    actual = actual.detach().cpu()
    if actual.dtype == torch.bool or actual.is_complex():
        return None, (f"{name} returned a tensor of dtype {actual.dtype}; a real-valued tensor "
                      f"of dtype {expected.dtype} is expected.")
    if expected.is_floating_point() and not actual.is_floating_point():
        return None, (f"{name} returned an integer tensor ({actual.dtype}), but a float tensor "
                      f"({expected.dtype}) is expected: integer tensors cannot hold fractional "
                      "values and silently drop them. A conversion (.long(), .int(), dtype=torch.int64) makes "
                      "one: leave it out. A tensor you fill in makes one when it is created from integers: "
                      "create it as floats, for example with `torch.zeros(shape, dtype=x.dtype)` or "
                      "`torch.tensor(values, dtype=torch.float32)`.")
    return actual, None


def _shape_problem(name, actual_shape, expected_shape, actual=None, expected=None, guess=True):
    """What to say of a result of another shape. ``actual`` and ``expected`` (tensors, where the check has
    the values) tell a result that is the expected one transposed from one whose values are in another
    order too: the shape alone cannot. ``guess=False`` leaves out the guesses at a cause (where a known
    mistake is named instead: a guess before it would send the student elsewhere first)."""
    actual_shape, expected_shape = tuple(actual_shape), tuple(expected_shape)
    lines = [f"{name} has shape {actual_shape}, but shape {expected_shape} is expected."]
    same_rank = len(actual_shape) == len(expected_shape)
    if same_rank:
        for dim, (a, e) in enumerate(zip(actual_shape, expected_shape)):
            if a != e:
                how = "one too many" if a == e + 1 else "one too few" if a == e - 1 else f"expected {e}"
                lines.append(f"  dimension {dim}: {a} ({how})")
    if not guess:
        return "\n".join(lines)
    reorder = ("reshape and view keep the values in their order in memory: to move a dimension use permute "
               "or transpose, or build the result in the expected order")
    if actual_shape == expected_shape[::-1] and len(actual_shape) > 1:
        transposed = (actual is not None and expected is not None
                      and torch.allclose(actual.permute(*reversed(range(actual.dim()))).to(torch.float64),
                                         expected.to(torch.float64), equal_nan=True))
        if actual is None or expected is None:
            lines.append("  Its dimensions are the expected ones in reverse order: check which index is rows and "
                         "which is columns.")
        elif transposed:
            lines.append("  Your result is the expected one transposed: rows and columns are swapped.")
        else:
            lines.append("  Its dimensions are the expected ones in reverse order, but its values are not the "
                         f"expected ones transposed: they are in another order too. {reorder.capitalize()}.")
    elif (len(actual_shape) == 4 and actual_shape[:2] == expected_shape[:2]
          and actual_shape[2:] == expected_shape[:1:-1]):
        # (N, C, H, W) is the course's order: (N, C, W, H) is height and width the wrong way round
        lines.append("  Its height and width are swapped: (N, C, H, W) is the order. Check the order of your "
                     "indices (an einsum's output letters, a permute or a transpose).")
    elif same_rank and sorted(actual_shape) == sorted(expected_shape):
        # (C_out, N, H, W) for (N, C_out, H, W): a squeeze here and an unsqueeze there would fit the sizes and
        # keep the values in the wrong order
        lines.append("  It has the expected sizes in another order: check the order of your dimensions (the "
                     f"order you index, loop, stack or permute them in). {reorder.capitalize()}.")
    elif [s for s in actual_shape if s != 1] == [s for s in expected_shape if s != 1]:
        lines.append("  Only dimensions of size 1 differ: add or remove them with "
                     "`.unsqueeze(dim)` / `.squeeze(dim)`.")
    elif int(np.prod(actual_shape)) == int(np.prod(expected_shape)):
        if same_rank:
            lines.append("  It has the right number of values in another arrangement: check the "
                         f"order of your dimensions. {reorder.capitalize()}.")
        else:
            count = len(actual_shape)
            lines.append(f"  It has the right number of values, in {count} dimension{'s' * (count != 1)} where "
                         f"{len(expected_shape)} are expected: dimensions were merged into one (a flatten, view "
                         "or reshape) or one was split. Keep each dimension of the expected shape separate.")
    return "\n".join(lines)


def _format_array(t):
    """A tensor's values, 4 digits each. Only rounding noise (below a millionth of the largest value)
    is shown as 0: a small value that counts, such as a learning rate of 5e-05 beside 1e-3, keeps
    its digits."""
    values = t.numpy()
    if values.dtype.kind in "fc" and values.size:
        largest = np.abs(values).max()
        values = np.where(np.abs(values) < 1e-6 * largest, 0, values)
    text = np.array2string(values, precision=4, separator=", ")
    return "\n".join("    " + line for line in text.splitlines())


def _count(n, noun):
    """'1 item', '3 items'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


_UNITS = {1e3: "thousands", 1e6: "millions", 1e9: "billions"}   # a count returned in them, divided


def count_unit(actual, expected):
    """(1e6, "millions") where the float ``actual`` is the count ``expected`` divided by a thousand, a
    million or a billion (10.494466 for 10,494,466); None where it is not."""
    if isinstance(actual, bool) or not isinstance(actual, numbers.Real) or isinstance(actual, numbers.Integral):
        return None
    return next(((unit, name) for unit, name in _UNITS.items()
                 if expected and math.isclose(actual * unit, expected)), None)


def _brief(value, limit=200):
    """``repr(value)``, a long list or tuple cut to its first items and its length (62 parameter
    names would bury the message's next line)."""
    text = repr(value)
    if len(text) <= limit:
        return text
    if isinstance(value, (list, tuple)):
        return text[:limit].rsplit(", ", 1)[0] + f", ... ({len(value)} items in all)"
    return text[:limit] + "..."


def _dtype_problem(name, actual, expected):
    """What to say of a float tensor of another dtype than the expected one (the input's): the cause
    depends on which way the dtype went."""
    said = (f"{name} is {_dtype_name(actual.dtype)}, but {_dtype_name(expected.dtype)} is expected, the "
            "dtype of the input: the wrong dtype for the result. ")
    if actual.dtype == torch.float32:
        return said + ("A tensor made with torch.zeros(...) without dtype= is float32 whatever the input is, and "
                       "rounding to it loses digits. Make it with the input's dtype: torch.zeros(..., "
                       "dtype=x.dtype) or x.new_zeros(...) (torch.zeros_like(x) only where the result has x's "
                       "shape).")
    if actual.dtype == torch.float64:
        return said + ("Something turned it into float64: .double(), dtype=torch.float64, or a NumPy array "
                       "(NumPy's floats are float64) turned back into a tensor. Leave the conversion out: the "
                       "result keeps the input's dtype.")
    return said + (f"A conversion lowered its precision ({'.half()' if actual.dtype == torch.float16 else '.bfloat16()'}"
                   f", or dtype={actual.dtype}), and rounding to it loses digits. Leave the conversion out: the "
                   "result keeps the input's dtype.")


def _dtype_name(dtype):
    return str(dtype).removeprefix("torch.")


def _close_problem(actual, expected, name, rtol, atol, mistakes=None, same_dtype=False):
    """Compare within tolerances: (problem or None, success detail)."""
    if isinstance(actual, np.ndarray) and isinstance(expected, torch.Tensor):
        return (f"{name} returned {_describe_type(actual)}, but a tensor is expected: leave out .numpy() "
                "(or turn the array back with torch.from_numpy(array)). A tensor keeps its dtype, its device "
                "and its place in autograd; an array keeps none of them."), None
    expected = _as_tensor(expected)
    actual, problem = _student_tensor(actual, expected, name)
    if problem:
        return problem, None
    if actual.shape != expected.shape:
        # a known mistake may give another shape (the padding left on, the stride left out): name it
        mistake = _known_mistake(actual.to(torch.float64), mistakes, rtol, atol)
        return (_shape_problem(name, actual.shape, expected.shape, actual, expected, guess=not mistake)
                + (f"\n  Your result is exactly what this mistake gives: {mistake}" if mistake else "")), None
    other_dtype = actual.is_floating_point() and expected.is_floating_point() and actual.dtype != expected.dtype
    if same_dtype and other_dtype:
        return _dtype_problem(name, actual, expected), None
    a, e = actual.to(torch.float64), expected.to(torch.float64)
    if a.numel() == 0:
        return None, "empty, as expected"
    not_finite = ~torch.isfinite(a) & torch.isfinite(e)
    if not_finite.any():
        index = tuple(not_finite.nonzero()[0].tolist())
        mistake = _known_mistake(a, mistakes, rtol, atol)
        return (f"{name} contains {a[index].item()} at index {index} where a finite number is expected."
                + (f"\n  Your result is exactly what this mistake gives: {mistake}" if mistake else
                   " NaN and inf come from dividing by zero (0 / 0 is NaN), from the log of 0, or from "
                   "values that grew too large for the dtype (in training: steps so large that the loss "
                   "diverged).")), None
    bad = ~torch.isclose(a, e, rtol=rtol, atol=atol, equal_nan=True)
    largest = (a - e).abs().nan_to_num(0.0).max().item()
    if bad.any():
        index = tuple(bad.nonzero()[0].tolist())
        lines = [f"{name}: {int(bad.sum())} of {bad.numel()} values differ."]
        mistake = _known_mistake(a, mistakes, rtol, atol)
        if mistake:
            lines.append(f"  Your result is exactly what this mistake gives: {mistake}")
        elif other_dtype and actual.dtype.itemsize < expected.dtype.itemsize and torch.allclose(
                a, e, rtol=1e3 * torch.finfo(actual.dtype).eps, atol=atol):
            lines.append("  The differences are rounding: " + _dtype_problem("your result", actual, expected))
            mistake = True
        elif expected.dtype == actual.dtype == torch.float64 and torch.allclose(
                a, e, rtol=1e2 * torch.finfo(torch.float32).eps, atol=atol):
            # float32's rounding, summed over up to a hundred terms; a relative error of 1e-4 (an epsilon added
            # to a sum of 10) is a mistake of its own, not rounding
            lines.append("  The differences are as small as float32's rounding, in a float64 result: a "
                         "float32 tensor took part in the computation and rounded its values (torch.zeros(...) "
                         "without dtype= is float32 whatever the input is). Make every tensor with the "
                         "input's dtype: torch.zeros(..., dtype=x.dtype) or x.new_zeros(...) (torch.zeros_like(x) "
                         "only where the result has x's shape).")
            mistake = True
        lines += [f"  first difference at index {index}: got {a[index].item():.6g}, "
                  f"expected {e[index].item():.6g}",
                  f"  largest difference: {largest:.4g}"]
        if not mistake:
            lines += _patterns(a, e)
        if a.numel() <= _SMALL and a.dim() <= 2:
            lines += ["  expected:", _format_array(expected), "  got:", _format_array(actual)]
        return "\n".join(lines), None
    return None, "exact match" if largest == 0 else f"close (largest difference {largest:.2g})"


def _known_mistake(a, mistakes, rtol, atol):
    """The description of the first mistake whose answer ``a`` is (within tolerance), or None."""
    for description, wrong in (mistakes or {}).items():
        wrong = _as_tensor(wrong).to(torch.float64)
        if wrong.shape == a.shape and torch.allclose(a, wrong, rtol=rtol, atol=atol, equal_nan=True):
            return description
    return None


# A constant offset over fewer values than this is as likely a coincidence as a cause.
_FEW = 6


def _patterns(a, e):
    """Recognisable mistakes in a wrong answer of the right shape (float64 tensors).

    Each is stated only where it is the likely cause: the answer is exactly the
    expected one rearranged or shifted, over enough values to rule out chance.
    """
    close = dict(rtol=1e-5, atol=1e-6)
    if a.dim() >= 2 and a.shape[-1] == a.shape[-2] > 1 and torch.allclose(a, e.transpose(-1, -2), **close):
        if a.dim() == 2:
            return ["  Your result is the expected one transposed: rows and columns are swapped."]
        return [f"  Your result is the expected one with each {a.shape[-2]}x{a.shape[-1]} block of its "
                "last two dimensions transposed: rows and columns are swapped."]
    if a.dim() >= 2 and min(a.shape[-2:]) > 1:
        # the last row or column left at zero, the rest right: a loop that stops one step short
        rows = bool((a[..., -1, :] == 0).all() and (e[..., -1, :] != 0).any())
        cols = bool((a[..., :, -1] == 0).all() and (e[..., :, -1] != 0).any())
        inner = (..., slice(None, -1 if rows else None), slice(None, -1 if cols else None))
        if (rows or cols) and torch.allclose(a[inner], e[inner], **close):
            where = "last row and last column are" if rows and cols else "last row is" if rows else "last column is"
            return [f"  Your result's {where} left at zero, and the rest is right: a loop stops one step "
                    "short. range(n) runs n times: for an output of H_out rows, loop over range(H_out), "
                    "the output's own size (for a convolution or pooling, H_out = (H + 2p - kh) // sh + 1 "
                    "for a kernel of kh rows, padding p and stride sh; H - kh + 1 without padding or stride)."]
    if a.numel() >= 2 and (e.abs() > 1e-3).all() and (e - 1).abs().max() > 1e-3:
        if torch.allclose(a, e * e, **close):
            return ["  Your result is the expected one squared: a square too many, or a square root missing "
                    "(a norm is the square root of the sum of squares: .norm(), or .pow(2).sum().sqrt())."]
        if (e > 0).all() and torch.allclose(a * a, e, **close):
            return ["  Your result is the square root of the expected one: a square root too many."]
    scaled = _scaled(a, e)
    if scaled is not None:
        return [scaled]
    difference = a - e
    offset = difference.flatten()[0]
    # the same offset everywhere, and one that stands out of the rounding (which is never the same twice)
    if a.numel() >= _FEW and offset.abs() > close["atol"] and torch.allclose(
            difference, offset.expand_as(difference), rtol=0, atol=1e-3 * offset.abs().item()):
        return [f"  Every value is off by the same amount ({offset.item():.4g}): "
                "look for something added (a bias?) or left out once for all."]
    if a.dim() == 4 and a.shape[2] * a.shape[3] > 1:
        per_channel = difference.mean(dim=(2, 3), keepdim=True)  # (N, C, 1, 1)
        if torch.allclose(difference, per_channel.expand_as(difference), **close):
            return ["  Within each channel every value is off by the same amount: look at what "
                    "you add once per output channel (the bias?)."]
    return []


def _scaled(a, e):
    """What to say when ``a`` is ``e`` times one factor (not 1, not 0) over enough values, or None.

    The expected values must vary (a constant is as much shifted as scaled), and ``a`` must be that
    factor times them to a part in 10^4 of its own size, however small the factor.
    """
    if a.numel() < _FEW or not (e.abs() > 0).any() or (e - e.mean()).abs().max() <= 1e-3 * e.abs().max():
        return None
    factor = ((a * e).sum() / (e * e).sum()).item()
    size = abs(factor) * e.abs().max().item()
    if factor == 0 or abs(factor - 1) < 1e-3 or (a - factor * e).abs().max().item() > 1e-4 * size:
        return None
    if abs(factor + 1) < 1e-3:
        return ("  Your result is the expected one with every sign flipped: look for a difference taken the wrong "
                "way round (b - a for a - b), or a minus sign missing or one too many.")
    return (f"  Every value is the expected one times the same factor, {factor:.4g}: a factor is wrong or "
            "misplaced. Look for a division by the wrong number, a mean where a sum is needed (or a sum for "
            "a mean), or a / b * c written for a / (b * c) (/ and * are applied from left to right).")


# ----------------------------------------------------------------------------
# The student's code raised: one line of the error, and where in their code
# ----------------------------------------------------------------------------

def _one_line(error, limit=200):
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else ""
    return text if len(text) <= limit else text[:limit - 3] + "..."


_LIBRARIES = {"helpers", "torch", "numpy", "scipy", "torchvision", "contextlib", "functools"}


def _student_frame(traceback, functions_only=False):
    """``(frame, line number)`` of the student's code in a traceback, or ``(None, None)``.

    The student's code is what the notebook defines (module ``__main__``); the
    deepest such frame is where it went wrong. Code imported from elsewhere
    (a test, a script) stands in for it when no frame is the notebook's, but
    never the libraries' own frames. ``functions_only`` skips a generator
    expression or a lambda inside a function: the variables that tell a slip
    are the function's.
    """
    found = fallback = None
    while traceback is not None:
        frame, lineno = traceback.tb_frame, traceback.tb_lineno
        module = frame.f_globals.get("__name__", "")
        if functions_only and frame.f_code.co_name.startswith("<"):   # <genexpr>, <lambda>, <module>
            traceback = traceback.tb_next
            continue
        if module == "__main__":
            found = frame, lineno
        elif module.partition(".")[0] not in _LIBRARIES:
            fallback = frame, lineno
        traceback = traceback.tb_next
    return found or fallback or (None, None)


def student_line(error):
    """``(source line, variables, code)`` of the student's own function where ``error`` was raised (see
    ``_student_frame``), or ``("", {}, None)``: what a check reads to tell one slip from another (the
    slice written on that line, the sizes its variables held)."""
    frame, lineno = _student_frame(error.__traceback__, functions_only=True)
    if frame is None:
        return "", {}, None
    return linecache.getline(frame.f_code.co_filename, lineno, frame.f_globals), frame.f_locals, frame.f_code


def _where(traceback):
    """``(function, line number, source line)`` of the student's code in a traceback (see
    ``_student_frame``), or None."""
    frame, lineno = _student_frame(traceback)
    if frame is None:
        return None
    source = linecache.getline(frame.f_code.co_filename, lineno, frame.f_globals).strip()
    function = frame.f_code.co_name
    return ("your cell" if function == "<module>" else function), lineno, source


def _where_line(error):
    """``"\n  in forward, line 7: x = F.relu(self.fc1)"``, or "" when no frame is the student's."""
    where = _where(error.__traceback__)
    if where is None:
        return ""
    function, lineno, source = where
    return f"\n  in {function}, line {lineno}" + (f": {source}" if source else "")


# What PyTorch's errors usually mean in an exercise: (what PyTorch says, what it means) -- first match wins
_RAISED_ERRORS = [
    (re.compile(r"expected scalar type \w+ but found \w+|to have (?:the )?same dtype|Found dtype \w+ but expected"
                r"|expected \w+ and \w+ to have the same dtype", re.IGNORECASE),
     "tensors of two dtypes (float32 and float64) met in one operation: a tensor made with "
     "torch.zeros(...) without dtype= is float32 whatever the input is. Make every new tensor with the "
     "input's dtype: torch.zeros(..., dtype=x.dtype) or x.new_zeros(...) (torch.zeros_like(x) only where the "
     "result has x's shape). The "
     "line named below is where they met; the tensor of the wrong dtype may come from the code that "
     "called it."),
]

_RAISED_ERRORS.append(
    (re.compile(r"Expected reduction dim \d+ to have non-zero size|cannot perform reduction function \w+ on "
                r"(?:a )?tensor with no elements"),
     "a max (or min) over an empty tensor: a slice came out empty, usually a window that starts past the end "
     "of the (padded) input, where slicing gives nothing, silently. Check where each window starts (window "
     "(i, j) at row i * stride and column j * stride, the stride's steps) and how many windows there are "
     "((n + 2p - k) // stride + 1 along each side)."))

_RAISED_ERRORS.append(
    (re.compile(r"must be tuple of ints,\s*but got float"),
     "a layer built with a float size (in_features, out_channels, ...): / always gives a float, even 8 / 2 "
     "= 4.0, and a layer's sizes are whole numbers. Use floor division, //, for sizes (size // 2)."))

_RAISED_ERRORS.append(
    (re.compile(r"(?:not enough|too many) values to unpack"),
     "a sequence was unpacked into a fixed number of names but has another length: n, c, h, w = shape "
     "needs exactly 4 items. Where the number of items varies (a shape with 1, 2 or 3 spatial axes), "
     "unpack the rest into a list with a star: n, c, *spatial = shape."))

def _max_over_dims(error):
    """What "max() received an invalid combination of arguments - got (dim=tuple)" means."""
    which = re.search(r"\b(max|min)\(\)", str(error)).group(1)
    return (f"{which} takes one dimension at a time (dim=2), and gives back (values, indices). Over several "
            f"dimensions at once use a{which}: x.a{which}(dim=(2, 3)) gives the values alone.")


_RAISED_ERRORS.append(
    (re.compile(r"\b(?:max|min)\(\) received an invalid combination of arguments - got \((?:Tensor, )?dim=tuple"),
     _max_over_dims))

_RAISED_ERRORS.append(
    (re.compile(r"'NoneType' object has no attribute 'zero_'"),
     "a gradient that is None. backward() fills .grad only for a tensor created with requires_grad=True, and "
     "only once it has run: either the gradient was zeroed before the first backward() (zero it after the "
     "update: backward, update, zero; an optimiser's zero_grad() skips gradients not made yet), or the tensor is "
     "a new one, made by an update such as w = w - lr * w.grad (update it in place instead: w -= lr * w.grad, "
     "under torch.no_grad())."))

_RAISED_ERRORS.append(
    (re.compile(r"element 0 of tensors does not require grad and does not have a grad_fn"),
     "the loss does not depend on any tensor that requires gradients, so backward() has nothing to compute. "
     "Create what you learn with requires_grad=True (torch.zeros(..., requires_grad=True)), keep computing "
     "the loss from it (not from a copy made under torch.no_grad() or with .detach()), and update it in "
     "place."))


def _not_a_module(error):
    """What nn.Sequential's "X is not a Module subclass" means: a list given whole, a layer's class
    not called, or a function where a layer (a module) goes."""
    given = re.search(r"([\w.]+) is not a Module subclass", str(error)).group(1).rsplit(".", 1)[-1]
    if given in ("list", "tuple"):
        return (f"nn.Sequential was given a {given}: it takes the layers one by one, as separate arguments. "
                "Unpack the list with a star: nn.Sequential(*layers).")
    if given[:1].isupper():   # a class, such as nn.ReLU without its parentheses
        return (f"nn.{given} is the class, not a layer: call it, nn.{given}(), and nn.Sequential gets the "
                "layer it makes.")
    module = {"relu": "nn.ReLU()", "sigmoid": "nn.Sigmoid()", "tanh": "nn.Tanh()", "flatten": "nn.Flatten()",
              "dropout": "nn.Dropout(p)", "max_pool2d": "nn.MaxPool2d(k)"}.get(given)
    return (f"{given} here is a function, not a layer, and nn.Sequential takes layers (modules): use "
            + (f"the module {module}." if module else "its module, as nn.ReLU() is F.relu's."))


_RAISED_ERRORS.append((re.compile(r"is not a Module subclass"), _not_a_module))

# A pooling window larger than the map (notebook 02's global_avg_pool with a square window of one side
# of a map that is not square): a meaning for ``call``.
POOL_WINDOW_TOO_LARGE = (
    re.compile(r"Output size is too small"),
    "a pooling window larger than the map on one side: a window as tall as the map is wide (or as wide as "
    "it is tall) does not fit a map that is not square. Global average pooling averages the whole H x W "
    "map: x.mean(dim=(2, 3)) needs no window at all.")

# conv2d_backward_strided's zeros of the stride-1 output's size, made the wrong size: grad_out does not fit
# its every s-th position, or the windows run past the padded input (notebook 02): a meaning for ``call``.
STRIDE_1_GRADIENT_SIZE = (
    re.compile(r"The expanded size of the tensor|The size of tensor a \(\d+\) must match|operands do not broadcast"),
    "the zeros that grad_out is written into are the wrong size. They are the gradient of the stride-1 output "
    "of the padded input, (N, C_out, H + 2p - kh + 1, W + 2p - kw + 1): take the size from xp, padded on all "
    "four sides with F.pad(x, (p, p, p, p)) (F.pad(x, (p, p)) pads the width only), not from x, nor from "
    "h_out * s.")

# What a "by hand" exercise's errors usually mean, by the pattern of the library functions it rebuilds.
_BY_HAND_ERRORS = {}


def _raised_problem(name, error, meanings=()):
    """What to say when the student's code raised ``error``: the error, what it usually means, then
    where it happened. A meaning is ``(pattern, words)``, or ``(pattern, function)`` where the function
    takes the error and gives the words, or None where it cannot tell (the next meaning is tried)."""
    text = _one_line(error)
    meaning = None
    for pattern, what in [*meanings, *_RAISED_ERRORS]:
        if pattern.search(str(error)):
            # a meaning is words, or a function of the error that gives words (None where it cannot tell)
            meaning = what(error) if callable(what) else what
            if meaning:
                break
    return (f"{name} raised {type(error).__name__}" + (f": {text}" if text else "")
            + (f"\n  That means {meaning}" if meaning else "") + _where_line(error))


def _not_written(error, name):
    """The one line for an exercise still left as handed out (``raise NotImplementedError()``), or None.

    Only a bare ``NotImplementedError``, with no message, counts: that is the line
    nbgrader puts in place of the solution. It names the function that raised it,
    which may be one that the called function uses, not yet written either.
    """
    if type(error) is not NotImplementedError or str(error):
        return None
    frame, _ = _student_frame(error.__traceback__)
    # its class too ("Bottleneck.__init__", not a bare "__init__"), without "f.<locals>." of a nested def
    qualified = frame.f_code.co_qualname.rsplit("<locals>.", 1)[-1] if frame is not None else "<module>"
    function = name if qualified == "<module>" else qualified
    return (f"{function} is not written yet: write it where it says YOUR CODE HERE and delete "
            "the raise NotImplementedError() line.")


def _run(student_code, name, hint, meanings=()):
    """``student_code()``; if it raises, fail with the error, what it usually means (``meanings``,
    then the course's usual ones), where it happened, and ``hint``.

    An exercise not written yet fails with one line that says so, and no hint.
    """
    try:
        return student_code()
    except CheckFailed:  # a check inside, already explained
        raise
    except Exception as error:  # the student's code failed: say where, and how to fix it
        not_written = _not_written(error, name)
        problem = not_written or _raised_problem(name, error, meanings)
        if not_written:
            hint = None
    _fail(problem, hint)   # outside the except block: no "during handling" chain


def _equal_problem(actual, expected, name):
    """Exact comparison of integers, strings and tuples of them: problem or None."""
    if actual is None and expected is not None:
        return _none_problem(name)
    if isinstance(expected, bool) or not isinstance(expected, numbers.Integral):
        if isinstance(expected, tuple) and isinstance(actual, list):
            return (f"{name} is a list, {_brief(actual)}, but a tuple is asked for: build it with "
                    "parentheses, `(a, b, *rest)`, or convert the list at the end with "
                    "`tuple(values)`.")
        if isinstance(expected, (tuple, list)) and isinstance(actual, (tuple, list)):
            if len(actual) != len(expected):
                return (f"{name} has {_count(len(actual), 'item')}, but {len(expected)} "
                        f"{'is' if len(expected) == 1 else 'are'} expected: got {_brief(actual)}")
            for i, (a, e) in enumerate(zip(actual, expected)):
                problem = _equal_problem(a, e, f"item {i} of {name}")
                if problem:
                    return problem
            return None
        if type(actual) is not type(expected) or actual != expected:
            return f"{name} is {_brief(actual)}, which is not right.\n  expected {_brief(expected)}"
        return None
    # expected is an integer: a size or a count
    if isinstance(actual, torch.Tensor) or isinstance(actual, np.ndarray):
        return (f"{name} returned {_describe_type(actual)}; a plain Python integer is expected. "
                "Convert it with `int(...)`.")
    if isinstance(actual, bool):
        return f"{name} returned the boolean {actual!r}; an integer is expected."
    if isinstance(actual, numbers.Real) and not isinstance(actual, numbers.Integral):
        scaled = count_unit(actual, expected)
        if scaled is not None:
            return (f"{name} returned {actual!r}, the count in {scaled[1]}: return the count itself, a "
                    f"whole number (an int), not divided by {scaled[0]:,.0f}.")
        return (f"{name} returned {actual!r}, a float, but a whole number (an int) is expected. A float "
                "comes from `/` (where a whole number is meant, use floor division `//`, which keeps it an "
                "integer and rounds down), from `**` with a float exponent (`k ** 2.0`), `math.pow`, a float "
                "constant (`1.0`) or a conversion (`.float()`, `float(...)`): keep it an integer.")
    if not isinstance(actual, numbers.Integral):
        return f"{name} returned {_describe_type(actual)}; an integer is expected."
    if int(actual) != expected:
        return f"{name} is {int(actual)}, which is not right.\n  expected {expected}"
    return None


# ----------------------------------------------------------------------------
# The checks that notebooks call
# ----------------------------------------------------------------------------

def check_close(actual, expected, name="your answer", *, rtol=1e-5, atol=1e-6, hint=None, mistakes=None,
                same_dtype=False):
    """Check that a tensor (or number) is close to the expected one.

    Passes when ``|actual - expected| <= atol + rtol * |expected|`` everywhere,
    with the same shape. Prints one line when it passes; raises ``CheckFailed``
    with the details otherwise. ``mistakes`` maps the description of a common
    mistake to the answer it gives on the same inputs, e.g.
    ``{checks.FLIPPED_KERNEL: F.conv2d(x, weight.flip(-2, -1))}``: an answer
    that is one of them is named as that mistake, whatever its shape (a mistake
    that keeps the padding gives a larger tensor than the right answer). ``same_dtype=True`` also wants a float
    answer in the expected one's dtype (the input's: float64 in, float64 out), and names a
    float32 result as a tensor made without the input's dtype.
    """
    problem, detail = _close_problem(actual, expected, name, rtol, atol, mistakes, same_dtype)
    if problem:
        _fail(problem, hint)
    _passed(f"{name}: {detail}")


def check_equal(actual, expected, name="your answer", *, hint=None):
    """Check an integer, string, or tuple of them exactly (sizes, counts, labels).

    Integers must come back as integers: ``2.0`` for a size of 2 fails, with a
    message that points at floor division. Where a tuple is expected a list
    fails too (a shape is a tuple), with a message that says so.
    """
    problem = _equal_problem(actual, expected, name)
    if problem:
        _fail(problem, hint)
    shown = f"{expected:,}" if isinstance(expected, int) and not isinstance(expected, bool) else repr(expected)
    _passed(f"{name} = {shown}")


def check_that(condition, name, *, detail="", hint=None):
    """Check a property that is true or false, such as 'the blur kernel sums to 1'.

    ``name`` states the property; ``detail`` says what was found, for the
    failure message.
    """
    if isinstance(condition, torch.Tensor):
        if condition.numel() != 1:
            raise TypeError(f"check_that needs one true/false value for {name!r}, got a tensor "
                            f"of shape {tuple(condition.shape)}; reduce it with .all() or .any().")
        condition = bool(condition)
    if not condition:
        _fail(f"Not true: {name}." + (f" {detail}" if detail else ""), hint)
    _passed(name)


# What a result made with torch.empty and never filled gives (run under uninitialised_as_nan: NaN).
UNINITIALISED = ("a result made with torch.empty(...) and not filled everywhere: torch.empty does not set its "
                 "values, they are whatever was in memory (zeros only by chance; the checks fill it with NaN). "
                 "Start from torch.zeros(...).")


class uninitialised_as_nan:
    """Inside ``with checks.uninitialised_as_nan():``, torch.empty and its kin fill what they make with NaN.

    Introduced in notebook 01: a pad2d that starts from torch.empty(...) leaves its border as whatever
    was in memory, often zeros, so that it passes one case by chance and fails the next. With the
    border NaN, it fails every time, and its check names it. (PyTorch's deterministic mode does the
    filling; it is switched back off afterwards.)
    """

    def __enter__(self):
        self.before = torch.are_deterministic_algorithms_enabled(), torch.is_deterministic_algorithms_warn_only_enabled()
        torch.use_deterministic_algorithms(True, warn_only=True)
        return self

    def __exit__(self, *exc):
        enabled, warn_only = self.before
        torch.use_deterministic_algorithms(enabled, warn_only=warn_only)
        return False


def call(fn, *args, name=None, hint=None, meanings=(), **kwargs):
    """Call the student's ``fn(*args, **kwargs)`` and return what it returns.

    Introduced in notebook 01, for a check's own call to an exercise. If the
    student's code raises, the check fails with one line of the error, the
    line of their code where it happened, and ``hint``, instead of a long
    traceback through PyTorch. ``meanings`` (notebook 02) is a list of
    ``(compiled pattern, what it means)``: what the exercise's usual errors
    mean, said after the error whose message the pattern matches.
    """
    name = name or getattr(fn, "__name__", "your function")
    return _run(lambda: fn(*args, **kwargs), name, hint, meanings)


def check_cases(fn, cases, name, *, rtol=1e-5, atol=1e-6, hint=None):
    """Call ``fn`` on many inputs and compare each result with the expected one.

    ``cases`` is a list of ``(args, expected)``, where ``args`` is a tuple of
    positional arguments or a dict of keyword arguments. Tensors are compared
    with tolerances, integers exactly. Stops at the first case that differs and
    names its arguments. A case may carry a third item, the mistakes that
    ``check_close`` (or, for an integer, ``check_exact``) would name: what the
    usual wrong formulas give on that case's arguments.
    """
    cases = list(cases)
    for args, expected, *mistakes in cases:
        mistakes = mistakes[0] if mistakes else None
        args_text = _format_args(args)
        label = f"{name}({args_text})"
        result = (call(fn, name=label, hint=hint, **args) if isinstance(args, dict)
                  else call(fn, *args, name=label, hint=hint))
        if isinstance(expected, (torch.Tensor, np.ndarray, float)):
            problem, _ = _close_problem(result, expected, label, rtol, atol, mistakes)
        else:
            problem = _exact_problem(result, expected, label, mistakes)
        if problem:
            _fail(problem, hint)
    _passed(f"{name}: all {len(cases)} cases match")


def mistakes_on_every_case(mistakes_per_case, yours):
    """Of the usual mistakes, those that give your result on every case a check tries, for its ``mistakes=``.

    Introduced in notebook 01. ``mistakes_per_case`` holds one ``{words: what that mistake gives}`` per case,
    the same words in each; ``yours`` what the student's function gave on each case (an error as a string).
    On one case two slips can give the same result (15 // 10 = 1 = 15 / 15), and naming the wrong one sends a
    student looking for code they never wrote: a mistake is named only where it agrees with yours on every
    case. Mistakes that all agree with yours everywhere cannot be told apart by these cases, so they are named
    together, joined by " Or: ". Returns one ``{words: what they give on that case}`` per case, or empty dicts
    where no mistake agrees everywhere.
    """
    mistakes_per_case, yours = list(mistakes_per_case), list(yours)
    agreeing = [words for words in (mistakes_per_case[0] if mistakes_per_case else {})
                if all(_gives_the_same(mistakes[words], got) for mistakes, got in zip(mistakes_per_case, yours))]
    if not agreeing:
        return [{} for _ in yours]
    return [_OnEveryCase({" Or: ".join(agreeing): mistakes[agreeing[0]]}) for mistakes in mistakes_per_case]


class _OnEveryCase(dict):
    """Mistakes that give the student's result on every case a check tried (``mistakes_on_every_case``): a
    count named by them is that mistake's count, not a difference that other mistakes could add up to."""


def _gives_the_same(wrong, got):
    """Whether a mistake's result is the student's: within float32 rounding for a fraction, exactly for a
    count, a shape or an error message."""
    if isinstance(got, bool):
        return False
    try:
        if isinstance(wrong, (float, torch.Tensor)) and isinstance(got, (numbers.Number, torch.Tensor)):
            wrong, got = float(wrong), float(got)
            # equal infinities (a division by zero) agree, and so do two NaNs (0 / 0)
            return (wrong == got or abs(wrong - got) <= 1e-6 + 1e-5 * abs(wrong)
                    or (math.isnan(wrong) and math.isnan(got)))
        return bool(wrong == got)
    except (TypeError, ValueError, RuntimeError):   # a tensor of many values, a list against a tensor
        return False


def check_builds_on(fn, cases, user, *, rtol=1e-5, atol=1e-6, parts=None, same_dtype=False, meanings=(),
                    keeps_inputs=False):
    """Try ``fn``, an answer that the exercise ``user`` builds on, on ``cases`` (a list of
    ``(args, expected)``, ``args`` a tuple or a dict), before ``user``'s own check.

    Introduced in notebook 01: ``conv2d`` pads with the student's ``pad2d`` through their
    ``corr2d_general``, so a ``pad2d`` wrong only for padding 0 makes ``conv2d`` wrong there
    too. This check tries the parts on the settings that ``user`` meets (those of its hidden
    test among them) and, when one is wrong, fails naming it as the cause. Prints one line
    when all match.

    A case may carry a third item, the mistakes that ``check_close`` would name, so that the
    message says what is wrong with ``fn`` and not only that it is. Where ``fn`` returns several
    tensors (notebook 02's ``conv2d_backward``: three gradients), ``expected`` is a tuple of them,
    ``parts`` names them, and the mistakes are a tuple of dicts (or None), one for each.
    ``same_dtype`` is ``check_close``'s, ``meanings`` is ``call``'s (what ``fn``'s errors mean).
    ``fn`` gets copies of the tensors in ``args``; with ``keeps_inputs=True`` it fails, naming it, where
    ``fn`` changed one of them (notebook 01's pad2d, which conv2d calls on x[b, c] once per filter).
    """
    name = getattr(fn, "__name__", "your function")
    hint = (f"{user} builds on your {name}: fix {name} first (its own check, further up, says more), "
            f"then run this check again.")
    cases = list(cases)
    if not cases:   # the cases are the calls that user makes (calls_made), and it makes none
        _passed(f"{user} does not call your {name} here: nothing of it to check")
        return
    for args, expected, *mistakes in cases:
        mistakes = mistakes[0] if mistakes else None
        label = f"{name}({_format_args(args)})"
        # copies, so that an fn that changes its input in place cannot change the next case's expected value
        given = {key: value.clone() if isinstance(value, torch.Tensor) else value
                 for key, value in (args.items() if isinstance(args, dict) else enumerate(args))}
        try:
            result = (call(fn, name=label, meanings=meanings, **given) if isinstance(args, dict)
                      else call(fn, *given.values(), name=label, meanings=meanings))
        except CheckFailed as failure:   # it raised, or is not written yet
            problem = str(failure)
        else:
            problem = _parts_problem(result, expected, label, rtol, atol, mistakes, parts, same_dtype)
            changed = [key for key, value in given.items() if isinstance(value, torch.Tensor) and keeps_inputs
                       and not torch.equal(value, args[key])]
            if changed and not problem:
                problem = (f"{label} changed its input: its answer is right, "
                           f"but {user} calls it again on what it left. Leave the input as it is: write into a "
                           "new tensor (torch.zeros(...)), never into x (x[...] = ..., x.mul_(...), x += ...).")
        if problem:
            _fail(f"{user} builds on your {name}, which is wrong here: {problem}", hint)
    _passed(f"{name}, which {user} builds on: all {len(cases)} cases match")


def _parts_problem(result, expected, label, rtol, atol, mistakes, parts, same_dtype):
    """``_close_problem``'s problem for one tensor, or for each of a tuple of them in turn."""
    if isinstance(expected, numbers.Integral) and not isinstance(expected, bool):
        # a count (notebook 05's conv_params): compared exactly, and read as a count, not a tensor
        return _exact_problem(whole(result), expected, label, mistakes)
    if not isinstance(expected, (tuple, list)):
        return _close_problem(result, expected, label, rtol, atol, mistakes, same_dtype)[0]
    parts = parts or [f"item {i}" for i in range(len(expected))]
    if not isinstance(result, (tuple, list)) or len(result) != len(expected):
        return (f"{label} returned {_describe_type(result)}, but a tuple of {len(expected)} is expected: "
                f"({', '.join(parts)}).")
    for part, mine, want, wrong in zip(parts, result, expected, mistakes or [None] * len(expected)):
        problem = _close_problem(mine, want, f"{part} of {label}", rtol, atol, wrong, same_dtype)[0]
        if problem:
            return problem
    return None


def _format_args(args):
    def short(v):
        if isinstance(v, torch.Tensor):
            return f"<tensor {tuple(v.shape)}>"
        return repr(v)
    if isinstance(args, dict):
        return ", ".join(f"{k}={short(v)}" for k, v in args.items())
    return ", ".join(short(v) for v in args)


# ----------------------------------------------------------------------------
# "By hand": the answer must not call the library function it reimplements
# ----------------------------------------------------------------------------

# Names of library functions that compute a convolution or cross-correlation:
# torch's conv1d/2d/3d, conv_transpose2d, convolution and _conv_forward (what
# nn.Conv2d calls), NumPy's convolve/correlate, SciPy's correlate2d and friends.
CONVOLUTION = re.compile(
    r"^_?(conv\d+d|conv_transpose\d+d|conv_tbc|convolution\w*|_?conv_forward"
    r"|convolve\w*|correlate\w*|fftconvolve|oaconvolve)$"
)

# Library padding: torch's F.pad (and the constant_pad_nd it calls), NumPy's pad.
PADDING = re.compile(r"^_?(pad|constant_pad_nd|reflection_pad\w*|replication_pad\w*|zero_?pad\w*)$")

# Library pooling: F.max_pool2d / avg_pool2d and their 1-D, 3-D, adaptive and fractional kin
# (nn.MaxPool2d and friends call these).
POOLING = re.compile(r"^_?(max_pool\d+d\w*|avg_pool\d+d|adaptive_\w+_pool\d+d\w*"
                     r"|fractional_max_pool\d+d\w*|lp_pool\d+d)$")

# Library sliding windows: F.unfold (which calls im2col) and Tensor.unfold.
UNFOLD = re.compile(r"^(unfold|im2col)$")

# A convolution or library sliding windows: what a convolution built on one's own im2col must not call.
CONVOLUTION_OR_UNFOLD = re.compile(CONVOLUTION.pattern + "|" + UNFOLD.pattern)

# A convolution, or autograd doing the backward pass: Tensor.backward, torch.autograd.grad.
CONVOLUTION_OR_AUTOGRAD = re.compile(
    CONVOLUTION.pattern + r"|^(backward|grad|_engine_run_backward|run_backward)$")


# The convolution exercises' most common mistake, for check_close's ``mistakes``.
FLIPPED_KERNEL = ("the kernel flipped upside down and left to right, which makes it a true convolution "
                  "instead of cross-correlation. Multiply each weight with the input value under it, "
                  "without flipping the kernel.")


def _same_values(a, b):
    """Whether two tensors have one shape and the same values up to rounding: a listed mistake that
    gives the right answer (or another mistake's) on the check's arguments cannot be named there."""
    return a.shape == b.shape and torch.allclose(a, b)


def conv_mistakes(x, weight, stride=1, padding=0, dilation=1, bias=None):
    """What a convolution by hand gives with the usual mistakes of its geometry (the stride, the
    padding or the dilation left out of where the windows start, of where the taps are, or of the
    output's size) or with the kernel flipped, for check_close's ``mistakes``.

    Introduced in notebook 01, for ``corr2d_general`` (``x`` (H, W), ``weight`` (kh, kw)) and for
    ``conv2d`` (``x`` (N, C_in, H, W), ``weight`` (C_out, C_in, kh, kw), ``bias`` or None). Only the
    mistakes that give something other than the right answer on these arguments are listed, and two
    that give the same answer are named together: choose arguments where each gives its own.
    """
    F = torch.nn.functional
    x, weight = x.detach(), weight.detach()
    plain = x.dim() == 2
    x4, w4 = (x[None, None], weight[None, None]) if plain else (x, weight)
    s, p, d = stride, padding, dilation
    kh, kw = w4.shape[2:]
    xp = F.pad(x4, (p, p, p, p))

    def conv(inputs, kernel=w4, **settings):
        return F.conv2d(inputs, kernel, bias, **settings)

    right = conv(xp, stride=s, dilation=d)
    h_out, w_out = right.shape[2:]

    def first(y):   # as many rows and columns as the right answer has, or None where fewer fit
        return y[:, :, :h_out, :w_out] if y.shape[2] >= h_out and y.shape[3] >= w_out else None

    def fits(dilation, inputs=xp):   # a kernel of this dilation fits the inputs at least once
        return inputs.shape[2] >= dilation * (kh - 1) + 1 and inputs.shape[3] >= dilation * (kw - 1) + 1

    found = [(FLIPPED_KERNEL, conv(xp, w4.flip(-2, -1), stride=s, dilation=d))]
    if s > 1:
        every = conv(xp, dilation=d)
        found += [("the windows one pixel apart, as if the stride were 1: window (i, j) starts at row s * i and "
                   "column s * j of the padded input, not at (i, j).", first(every)),
                  ("the stride left out, of the output's size and of where the windows start: there are "
                   "(H + 2p - d(kh - 1) - 1) // s + 1 rows of windows (conv_output_size with the stride), "
                   "window (i, j) starting at row s * i and column s * j.", every)]
    if d > 1:
        adjacent = conv(xp, stride=s)
        found += [("the kernel's taps next to each other, as if the dilation were 1: tap (m, n) of window (i, j) "
                   "reads the padded input at (s * i + d * m, s * j + d * n), d pixels apart (a slice with "
                   "step d).", first(adjacent)),
                  ("the dilation left out, of the output's size and of the taps: the dilated kernel spans "
                   "d(k - 1) + 1 pixels (conv_output_size with the dilation), its taps d pixels apart.", adjacent)]
    closer = (conv(xp, w4.sum(dim=(2, 3), keepdim=True), stride=s) if d == 1
              else conv(xp, stride=s, dilation=d - 1))
    found.append(("the taps d - 1 pixels apart instead of d (for d = 1, all of them on one pixel): tap (m, n) of "
                  "window (i, j) reads the padded input at (s * i + d * m, s * j + d * n).", first(closer)))
    if fits(d + 1):
        found.append(("the taps d + 1 pixels apart instead of d: dilation d leaves d - 1 pixels between two taps, "
                      "so tap (m, n) of window (i, j) reads the padded input at (s * i + d * m, s * j + d * n).",
                      first(conv(xp, stride=s, dilation=d + 1))))
    if p > 0 and plain:
        width_only = F.pad(x4, (p, p, 0, 0))   # F.pad(x, (p, p)) on a 2-D x pads its last dimension alone
        found.append(("the input padded on its width only: F.pad(x, (p, p)) pads the last dimension alone, so "
                      "the padded input has H rows, not H + 2p. Pad all four sides: F.pad(x, (p, p, p, p)), or "
                      "your pad2d.", conv(width_only, stride=s, dilation=d) if fits(d, width_only) else None))
    if p > 0:
        found.append(("the padding left out: pad the input with p rows and columns of zeros on every side "
                      "before sliding the kernel.", conv(x4, stride=s, dilation=d) if fits(d, x4) else None))
        h_small = (x4.shape[2] - d * (kh - 1) - 1) // s + 1
        w_small = (x4.shape[3] - d * (kw - 1) - 1) // s + 1
        if h_small > 0 and w_small > 0:
            found.append(("the output's size taken without the padding: the windows start in the right places, "
                          "but only as many as fit the unpadded input. Take the size of the padded input, or "
                          "pass the padding to conv_output_size.", right[:, :, :h_small, :w_small]))
    if not plain and w4.shape[1] > 1:   # conv2d: the input channels, and the bias
        found.append(("the input channels' results assigned with = instead of added with +=: only the last "
                      "channel's is left. A filter adds up the cross-correlations of every input channel with "
                      "its kernel for that channel.",
                      F.conv2d(xp[:, -1:], w4[:, -1:], bias, stride=s, dilation=d)))
        channel_0 = F.conv2d(xp[:, :1], w4[:, :1], stride=s, dilation=d)   # (N, C_out, H_out, W_out)
        with_bias = (lambda y: y) if bias is None else (lambda y: y + bias[:, None, None])
        found.append(("only input channel 0 counted: x[b, 0] with weight[o, 0], the other input channels left out. "
                      "A filter adds up the cross-correlations of every input channel c with its kernel weight[o, c]: "
                      "loop over c in range(C_in) and add them up.", with_bias(channel_0)))
        found.append(("input channel 0 added C_in times: the loop over the channels runs, but x[b, 0] and "
                      "weight[o, 0] are used where its c belongs, x[b, c] and weight[o, c].",
                      with_bias(w4.shape[1] * channel_0)))
        if bias is not None:
            found.append(("the bias added once per input channel, inside the loop over the channels: add "
                          "bias[o] once per filter, after the sum over the channels.",
                          right + (w4.shape[1] - 1) * bias[:, None, None]))
    if not plain and x4.shape[0] > 1:   # conv2d: the batch
        first_only = right.clone()
        first_only[1:] = 0   # (N, C_out, H_out, W_out): the examples after the first left at zero
        found.append(("only the first example of the batch computed, the others left at zero: loop over every "
                      "example b in range(N), out[b] for x[b].", first_only))
    if bias is not None and w_out == bias.shape[0]:
        # out + bias lines bias (C_out,) up with the width: no error where W_out == C_out, only wrong values
        found.append((_BIAS_OVER_WIDTH, right - bias[:, None, None] + bias))
    if bias is not None:
        found.append(("the bias left out: add bias[o] to every value of output channel o (when bias is not "
                      "None).", right - bias[:, None, None]))
    named = []   # [description, answer], answers that are the same merged under one description
    for words, wrong in found:
        if wrong is None or _same_values(wrong, right):
            continue
        same = next((entry for entry in named if _same_values(entry[1], wrong)), None)
        if same:
            same[0] += f" Or: {words}"
        else:
            named.append([words, wrong])
    return {words: wrong[0, 0] if plain else wrong for words, wrong in named}


def calls_made(fn, arg_sets, part, namespace):
    """The ``(args, kwargs)`` of every call that ``fn`` makes to ``namespace[part]``, a function of the
    notebook, while it runs on each of ``arg_sets`` (what it raises is ignored: its own check says).

    Introduced in notebook 01: corr2d_general may call conv_output_size on the padded size with padding 0,
    or on x's size with the padding; its check tries conv_output_size on the calls it really makes, so
    that a conv_output_size wrong only where corr2d_general never calls it is not blamed.
    """
    original, calls = namespace.get(part), []
    if not callable(original):
        return calls

    def recording(*args, **kwargs):
        calls.append((args, kwargs))
        return original(*args, **kwargs)

    namespace[part] = recording
    try:
        for args in arg_sets:
            try:
                fn(*args)
            except Exception:
                pass
    finally:
        namespace[part] = original
    return calls


def check_settings_passed_on(fn, args, settings, part, namespace, expected, *, name=None, hint=None,
                             left_out=True):
    """Call ``fn(*args, **settings)`` while ``namespace[part]``, a function of the notebook that ``fn``
    calls, records the ``settings`` each call gets; when ``fn``'s answer is not ``expected`` (or it
    raised) and ``part`` got the same settings in another order, or one of them left at its default,
    fail naming that. Otherwise print nothing: the checks that follow compare the answers.

    Introduced in notebook 01: conv2d passes its stride, padding and dilation on to corr2d_general,
    without their names, and two of them swapped give an error from deep inside the loops (sizes that
    do not match) or values all wrong. A right answer may call ``part`` with other settings (pad x
    itself, then padding 0): only a wrong answer is told. ``left_out=False`` names only settings in
    another order, not one left at its default (corr2d_general may pass conv_output_size the padded
    size and padding 0, and be wrong for another reason).
    """
    import inspect

    original = namespace.get(part)
    try:
        signature = inspect.signature(original)
    except (TypeError, ValueError):   # not a function (not written yet, or not called that)
        return
    calls = []   # the settings of each call to part, by name, defaults included

    def recording(*a, **k):
        try:
            bound = signature.bind(*a, **k)
            bound.apply_defaults()
            calls.append({key: bound.arguments.get(key) for key in settings})
        except TypeError:
            pass
        return original(*a, **k)

    namespace[part] = recording
    try:
        result = fn(*args, **settings)
    except Exception:   # the checks that follow say what it raised; here only how it called part matters
        result = None
    finally:
        namespace[part] = original
    if isinstance(result, torch.Tensor) and result.shape == expected.shape and torch.allclose(
            result.detach().cpu().double(), _as_tensor(expected).double(), rtol=1e-5, atol=1e-6):
        return
    defaults = {key: signature.parameters[key].default for key in settings if key in signature.parameters}
    given = ", ".join(f"{key}={value!r}" for key, value in settings.items())
    name = name or getattr(fn, "__name__", "your function")
    for call_settings in calls:
        if call_settings == settings:
            continue
        got = ", ".join(f"{key}={value!r}" for key, value in call_settings.items())
        order = ", ".join(settings)
        if sorted(map(repr, call_settings.values())) == sorted(map(repr, settings.values())):
            _fail(f"{name} passed its settings on to {part} in another order: given {given}, it called {part} "
                  f"with {got}. {part} takes them in the order ({order}): pass them in that order, or by name "
                  f"({', '.join(f'{key}={key}' for key in settings)}).", hint)
        left = [key for key in settings if call_settings[key] != settings[key]
                and key in defaults and call_settings[key] == defaults[key]]
        if left_out and left and all(call_settings[key] == settings[key] for key in settings if key not in left):
            _fail(f"{name} did not pass {' and '.join(left)} on to {part}: given {given}, it called {part} with "
                  f"{got}, the default for {' and '.join(left)}. Pass every setting on: "
                  f"{part}(..., {', '.join(f'{key}={key}' for key in settings)}).", hint)


# A convolution by hand that meets tensors of different sizes, or reads past the end of one. Where the
# student's variables tell which slip it was (they are read in the function where it happened, by the
# names the statements and hints use: x, k, weight, bias, stride, padding, dilation, out, kh, kw, xp,
# window, i, j), the meaning names it; otherwise it says where such an error comes from, in the words of
# the exercise: corr2d (Exercise 1) knows no padding, stride or dilation yet.
_SIZE_MISMATCH = re.compile(r"The size of tensor a \((\d+)\) must match the size of tensor b \((\d+)\)"
                            r"(?: at non-singleton dimension (\d+))?")
_OUT_OF_BOUNDS = re.compile(r"index (-?\d+) is out of bounds for dimension (\d+) with size (\d+)")

_BIAS_OVER_WIDTH = ("the bias added to the whole output at once, out + bias: bias is (C_out,), and PyTorch lines "
                    "up its last dimension with the output's last one, the width W_out, not with the channels. "
                    "Add bias[o] per output channel (out[b, o] += bias[o]), or bias[:, None, None], which is "
                    "(C_out, 1, 1) and lines up with the channels.")
_X_INDEXED_BY_FILTER = ("x indexed with the filter's index o: x is (N, C_in, H, W), so its second index is the "
                        "input channel, x[b, c]; o counts the filters (C_out of them), weight[o, c] and out[b, o].")
_WEIGHT_INDEX = ("an index into the weights in the wrong place: weight is (C_out, C_in, kh, kw), so filter o's "
                 "kernel for input channel c is weight[o, c].")


def _local_tensor(variables, *names, dim=None):
    """The first of ``names`` among a function's variables that is a tensor (of ``dim`` dimensions), or None."""
    for name in names:
        value = variables.get(name)
        if isinstance(value, torch.Tensor) and (dim is None or value.dim() == dim):
            return value
    return None


def _size_slip(variables, general):
    """What is wrong with the output's size, from the student's variables, or None where it is right.

    corr2d_general and conv2d (``general``) take stride, padding and dilation; corr2d takes none.
    """
    x = _local_tensor(variables, "x")
    k = _local_tensor(variables, "k", "weight")
    out = _local_tensor(variables, "out")
    if x is None or k is None or out is None or out.dim() < 2:
        return None
    (height, width), (kh, kw) = x.shape[-2:], k.shape[-2:]
    s, p, d = ((variables.get("stride"), variables.get("padding"), variables.get("dilation")) if general
               else (1, 0, 1))
    if not all(isinstance(v, int) and v >= 0 for v in (s, p, d)) or s == 0 or d == 0:
        return None

    def size(n, k, s=s, p=p, d=d):
        return (n + 2 * p - d * (k - 1) - 1) // s + 1

    right, got = (size(height, kh), size(width, kw)), tuple(out.shape[-2:])
    if got == right:
        return None
    formula = ("conv_output_size(H, kh, stride, padding, dilation) rows and conv_output_size(W, kw, ...) columns"
               if general else "H - kh + 1 rows and W - kw + 1 columns")
    # one side wrong first: where the other side comes out right either way, that is all that can be said
    slips = [((right[0], size(width, kh)), "the output's width computed with kh: its columns come from kw"),
             ((right[0], size(height, kw)), "the output's width computed from H (x.shape[0]): its columns come "
              "from W = x.shape[1]"),
             ((size(height, kw), right[1]), "the output's height computed with kw: its rows come from kh"),
             ((size(width, kh), right[1]), "the output's height computed from W: its rows come from H = x.shape[0]"),
             ((size(height, kw), size(width, kh)), "kh and kw swapped in the output's size: its rows come from kh "
              "(the kernel's rows), its columns from kw"),
             ((size(width, kh), size(height, kw)), "the input's height and width swapped in the output's size: its "
              "rows come from H = x.shape[0], its columns from W = x.shape[1]")]
    if general:
        # each setting left out of both sides, or of one (the height's or the width's call alone)
        for slipped, words in (((size(height + 2 * p, kh), size(width + 2 * p, kw)), "the padding counted twice "
                                "in the {}: the padded input already has H + 2p rows, so use its size with padding "
                                "0, or x's size with the padding, not both"),
                               ((size(height, kh, s=1), size(width, kw, s=1)), "the stride left out of the {}"),
                               ((size(height, kh, d=1), size(width, kw, d=1)), "the dilation left out of the {}: the "
                                "dilated kernel spans d(k - 1) + 1 pixels")):
            slips += [(slipped, words.format("output's size")),
                      ((slipped[0], right[1]), words.format("output's height (its rows)")),
                      ((right[0], slipped[1]), words.format("output's width (its columns)"))]
    # where sizes alone cannot tell two slips apart (a 2x3 kernel: kw = kh + 1), every one that fits is named
    whys = list(dict.fromkeys(words for sizes, words in slips if sizes == got and sizes != right))
    why = "; or ".join(whys) if whys else None
    return (f"out is {got[0]} x {got[1]}, but the kernel fits in {right[0]} x {right[1]} positions"
            + (f": {why}. " if why else ". ") + f"The output has {formula}; with more rows or columns than fit, "
            "the last windows run past the edge and come out smaller than the kernel (a slice past the end of a "
            "tensor is cut short, silently).")


# The names of a convolution's tensors that are not a window: the input, the kernel, the padded input, the output.
_NOT_WINDOWS = {"x", "k", "weight", "kernel", "xp", "padded", "x_padded", "xpad", "out", "bias"}
# What a slice in the student's line may hold, to be read again: names, numbers, arithmetic, slices (no calls).
_SLICE_NODES = (ast.Subscript, ast.Name, ast.Load, ast.Constant, ast.BinOp, ast.UnaryOp, ast.operator,
                ast.unaryop, ast.Slice, ast.Tuple)


def _window_in(variables, source):
    """The window in the student's failing line, or None: a slice of a 2-D tensor written in the line
    (x[i:i + kh, j:j + kw]), read again with the function's variables; or else ``window``, or another 2-D
    tensor of theirs named in the line (win, patch, ...) that is not the input, the kernel or the output."""
    try:
        tree = ast.parse(source.strip())
    except SyntaxError:
        tree = None
    for node in ast.walk(tree) if tree is not None else ():
        if (isinstance(node, ast.Subscript) and any(isinstance(n, ast.Slice) for n in ast.walk(node.slice))
                and all(isinstance(n, _SLICE_NODES) for n in ast.walk(node))):
            try:
                value = eval(compile(ast.Expression(node), "<window>", "eval"), {"__builtins__": {}}, dict(variables))
            except Exception:
                continue
            if isinstance(value, torch.Tensor) and value.dim() == 2:
                return value
    window = _local_tensor(variables, "window", dim=2)
    if window is not None:
        return window
    for name in re.findall(r"[A-Za-z_]\w*", source):
        if name not in _NOT_WINDOWS and isinstance(variables.get(name), torch.Tensor) and variables[name].dim() == 2:
            return variables[name]
    return None


def _window_slip(variables, source="", general=True):
    """What is wrong with the window in a convolution by hand (corr2d, or corr2d_general when ``general``),
    from the student's variables and the line where it failed, or None."""
    x, k = _local_tensor(variables, "x", dim=2), _local_tensor(variables, "k", dim=2)
    window = _window_in(variables, source)
    s, p, d = ((variables.get("stride"), variables.get("padding"), variables.get("dilation")) if general
               else (1, 0, 1))
    i, j = variables.get("i"), variables.get("j")
    if x is None or k is None or window is None or not all(isinstance(v, int) for v in (s, p, d, i, j)):
        return None
    kh, kw = k.shape
    xp = torch.nn.functional.pad(x.detach(), (p, p, p, p))

    def cut(tensor=xp, rows=kh, columns=kw, gap=d, step=d, rows_short=0, columns_short=0):
        """Window (i, j) of tensor: rows x columns taps, gap pixels apart, sliced with this step."""
        return tensor[s * i:s * i + gap * (rows - 1) + 1 - rows_short:step,
                      s * j:s * j + gap * (columns - 1) + 1 - columns_short:step]

    right = cut()
    written = ("xp[s*i : s*i + d*(kh - 1) + 1 : d, s*j : s*j + d*(kw - 1) + 1 : d]" if general
               else "x[i:i + kh, j:j + kw]")
    slips = []
    if p > 0:
        slips.append(("the window taken from x, not from the padded input: window (i, j) is a slice of xp, the "
                      "input with its border of zeros, which is what the positions s * i, s * j count in.", cut(x)))
    if kh != kw:
        slips.append((f"kh and kw swapped in the slice: rows take kh, columns kw. The kernel is {kh} x {kw}, but "
                      f"each window comes out {kw} x {kh}, its shape transposed: {written}.", cut(rows=kw, columns=kh)))
    for rows, columns, what in [(1, 0, "rows"), (0, 1, "columns"), (1, 1, "rows and columns")]:
        slips.append((f"each window's slice ends one tap short in its {what}: a slice leaves out its end, so "
                      + ("xp[s*i : s*i + d*(kh - 1) : d] has kh - 1 taps; xp[s*i : s*i + d*(kh - 1) + 1 : d] has kh."
                         if general else "x[i:i + kh - 1] has kh - 1 rows; x[i:i + kh, j:j + kw] is the kh x kw "
                         "window under the kernel."), cut(rows_short=rows, columns_short=columns)))
    if general and s != d:
        slips.append(("the slice's step is the stride s, where it is the dilation d: the stride moves where window "
                      "(i, j) starts (row s * i, column s * j), and its taps are d pixels apart, "
                      f"{written}.", cut(step=s)))
    if general:
        slips.append(("the taps d + 1 pixels apart instead of d: dilation d leaves d - 1 pixels between two taps, "
                      f"so the window is {written}.", cut(gap=d + 1, step=d + 1)))
    same = lambda a, b: a.shape == b.shape and torch.equal(a.detach(), b.detach())
    if same(window, right):
        return None
    # near the border of zeros two slips may give the same values: both are said
    found = [words for words, wrong in slips if same(window, wrong)]
    return " Or: ".join(found) if found else None


def _conv_size_meaning(error):
    """What a size mismatch inside a convolution by hand means, read from the student's variables."""
    frame, lineno = _student_frame(error.__traceback__, functions_only=True)
    variables = frame.f_locals if frame is not None else {"stride": None}
    source = linecache.getline(frame.f_code.co_filename, lineno, frame.f_globals) if frame is not None else ""
    general = "stride" in variables   # corr2d_general or conv2d; corr2d has no stride
    x, k = _local_tensor(variables, "x"), _local_tensor(variables, "k", "weight")
    if "bias" in source and isinstance(variables.get("bias"), torch.Tensor):
        return _BIAS_OVER_WIDTH
    if k is not None and variables.get("kh") is not None:
        kh, kw = k.shape[-2:]
        if kh != kw and (variables.get("kh"), variables.get("kw")) == (kw, kh):
            return (f"the kernel's rows and columns swapped: it is {kh} x {kw}, (kh, kw) = k.shape[-2:], rows "
                    f"first, but kh is {kw} and kw is {kh} here, so each window comes out {kw} x {kh}.")
    if x is not None:
        height, width = x.shape[-2:]
        for names in (("H", "W"), ("h", "w"), ("height", "width")):
            if height != width and tuple(variables.get(n) for n in names) == (width, height):
                return (f"the input's height and width swapped: x is {height} x {width}, so {names[0]}, "
                        f"{names[1]} = x.shape, rows first; here {names[0]} is {width} and {names[1]} {height}.")
        xp = _local_tensor(variables, "xp", "padded", "x_padded", "xpad", dim=2)
        p = variables.get("padding")
        if general and xp is not None and isinstance(p, int) and p > 0 and x.dim() == 2 \
                and tuple(xp.shape) == (height, width + 2 * p):
            return ("the input padded on its width only: F.pad(x, (p, p)) pads the last dimension alone, so xp "
                    "has H rows, not H + 2p. Pad all four sides: F.pad(x, (p, p, p, p)), or your pad2d.")
    said = _size_slip(variables, general) or _window_slip(variables, source, general)
    if said:
        return said
    if not general:
        return ("two tensors of different sizes met in the line below: a window of x and the kernel, or a "
                "value and the place it goes into. A window x[i:i + kh, j:j + kw] comes out smaller than the "
                "kernel where it runs past the bottom or right edge of x (a slice past the end is cut short, "
                "silently): the output has more rows or columns than fit, H - kh + 1 down and W - kw + 1 across, "
                "or the slice ends short.")
    return ("two tensors of different sizes met in the line below. In a convolution by hand that is either a "
            "window of the input and the kernel, or a result and the tensor it goes into. A window comes out "
            "smaller than the kernel where its slice runs past the bottom or right edge of the (padded) input, "
            "which cuts it short silently: the output has more rows or columns than fit (its size counts the "
            "padding, the stride and the dilation: conv_output_size(H, kh, stride, padding, dilation)), or a "
            "window starts or reaches too far (window (i, j) starts at row s * i and column s * j, its taps d "
            "pixels apart: xp[s*i : s*i + d*(kh - 1) + 1 : d]; a slice that ends one short loses the last "
            "tap). A result has another size when a function was given its arguments in another order than it "
            "takes them.")


def _conv_index_meaning(error):
    """What an index past the end means inside a convolution by hand, read from the student's line."""
    frame, lineno = _student_frame(error.__traceback__, functions_only=True)
    found = _OUT_OF_BOUNDS.search(str(error))
    if frame is not None and found:
        source = linecache.getline(frame.f_code.co_filename, lineno, frame.f_globals)
        x = _local_tensor(frame.f_locals, "x", dim=4)
        if x is not None and int(found.group(2)) == 1 and int(found.group(3)) == x.shape[1] \
                and re.search(r"\bx\[\s*\w+\s*,\s*o\s*\]", source):
            return _X_INDEXED_BY_FILTER
    if frame is not None and "stride" not in frame.f_locals:   # corr2d: no padding, stride or dilation yet
        return ("an index past the end of a tensor, in the line below: the output has more rows or columns "
                "than fit (H - kh + 1 down, W - kw + 1 across), or an index reads past the edge of x.")
    return ("an index past the end of a tensor, in the line below: either a kernel tap outside the (padded) "
            "input (the output has more rows or columns than fit, its size counting the padding, the stride "
            "and the dilation; or a tap is too far: tap (m, n) of window (i, j) is at row s * i + d * m and "
            "column s * j + d * n), or " + _WEIGHT_INDEX)


def _stride_0_meaning(error):
    """A division by zero in a function that got stride 0 (conv_output_size called with its settings in
    another order, a padding of 0 in the stride's place), or None."""
    frame, _ = _student_frame(error.__traceback__)
    if frame is None or frame.f_locals.get("stride") != 0:
        return None
    given = ", ".join(f"{name}={frame.f_locals[name]!r}" for name in frame.f_code.co_varnames[:frame.f_code.co_argcount])
    return (f"{frame.f_code.co_name} was called with stride 0 ({given}), and divides by the stride. The line "
            f"that calls it passes its settings in another order than {frame.f_code.co_name} takes them, "
            "(n, kernel_size, stride, padding, dilation): a padding of 0 went in the stride's place. Pass them "
            "in that order, or by name (stride=stride, padding=padding, dilation=dilation).")


_BY_HAND_ERRORS[CONVOLUTION.pattern] = [(_SIZE_MISMATCH, _conv_size_meaning), (_OUT_OF_BOUNDS, _conv_index_meaning),
                                        (re.compile(r"division by zero|division or modulo by zero"), _stride_0_meaning)]


def by_hand_meanings(pattern):
    """What a "by hand" exercise's usual errors mean, for ``call``'s or ``check_builds_on``'s ``meanings``:
    those that ``check_by_hand(..., pattern=pattern)`` gives. Introduced in notebook 01, for the checks
    that call a by-hand answer without looking for library calls (conv2d's on the corr2d_general it
    builds on)."""
    return list(_BY_HAND_ERRORS.get(pattern.pattern, ()))


def calls_matching(fn, args, kwargs, pattern):
    """Run ``fn(*args, **kwargs)`` and list the library functions it called whose name matches.

    Functions written in the notebook itself (module ``__main__``) never count,
    so a student's own ``conv2d`` is allowed to call their ``corr2d``.
    Returns ``(result, names)``.
    """
    found = []

    def profile(frame, event, arg):
        if event == "c_call":  # a function written in C: torch.conv2d, numpy's correlate
            name = getattr(arg, "__name__", "")
            if pattern.match(name):
                module = getattr(arg, "__module__", None) or getattr(
                    getattr(arg, "__self__", None), "__name__", "")
                found.append(f"{module}.{name}" if module else name)
        elif event == "call":  # a function written in Python
            name = frame.f_code.co_name
            module = frame.f_globals.get("__name__", "")
            if module != "__main__" and pattern.match(name):
                found.append(f"{module}.{name}")

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        result = fn(*args, **kwargs)
    finally:
        sys.setprofile(previous)
    return result, sorted(set(found))


def check_by_hand(fn, *args, name=None, pattern=CONVOLUTION, hint=None, meanings=(), **kwargs):
    """Call ``fn(*args, **kwargs)``; fail if it used a library convolution. Returns the result.

    For exercises that reimplement a library function "by hand": the result is
    then compared with the library's own answer by ``check_close``. If ``fn``
    raises, the check fails as ``call`` does, with ``hint``; ``meanings`` are ``call``'s
    (notebook 02: what the exercise's usual errors mean).
    """
    name = name or getattr(fn, "__name__", "your function")
    result, used = _run(lambda: calls_matching(fn, args, kwargs, pattern), name, hint,
                        [*meanings, *_BY_HAND_ERRORS.get(pattern.pattern, ())])
    if used:
        _fail(f"{name} called {', '.join(used)}: this exercise asks you to compute the "
              "result yourself, with loops and elementwise arithmetic. Use the library "
              "function only to check your answer, outside your function.")
    return result


# ----------------------------------------------------------------------------
# Models: run a forward pass and explain the usual ways it breaks
# ----------------------------------------------------------------------------

# (what PyTorch says, what it means for the student's model) -- first match wins
_FORWARD_ERRORS = [
    (re.compile(r"mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)"),
     "A linear layer received {1} features per example but expects {2}. What reaches it must be "
     "exactly its in_features: the last convolution's out_channels times the height and width "
     "left after every convolution and pooling (a padding, a stride, a kernel size or a pooling "
     "other than planned changes them), or the size you flatten to."),
    (re.compile(r"shape '\[-1, (\d+)\]' is invalid for input of size (\d+)"),
     "Reshaping to {0} features per example failed: the tensor holds {1} values, not a whole "
     "number of examples of {0}. The channels x height x width leaving the last convolution or "
     "pooling must equal {0}: check the convolutions' out_channels, and the padding, strides, "
     "kernel sizes and poolings that set the height and width."),
    (re.compile(r"expected input\[.*\] to have (\d+) channels, but got (\d+) channels"),
     "A convolution received {1} channels but expects {0}: each convolution's in_channels must "
     "equal the previous layer's out_channels."),
    (re.compile(r"shape '\[(\d+), -1\]' is invalid for input of size (\d+)"),
     "The reshape fixes the batch at {0} examples, but a batch holds any number of them (the last one of "
     "an epoch is smaller, and this one holds another number): keep the batch's own size, "
     "x.flatten(1) (or x.view(x.size(0), -1), or x.view(-1, features))."),
    (re.compile(r"must be Tensor, not (\w+)"),
     "A function received a layer ({0}) instead of a tensor: call the layer on the data first, "
     "e.g. F.relu(self.fc1(x)), not F.relu(self.fc1)."),
    (re.compile(r"has no attribute '(\w+)'"),
     "There is no '{0}': check its spelling (PyTorch's functions are listed in its documentation; "
     "for instance the log of a softmax is F.log_softmax)."),
    (re.compile(r'Module \[(\w+)\] is missing the required "forward" function'),
     lambda module: (f"An nn.{module} holds layers but runs none of them (it has no forward): chain them with "
                     "nn.Sequential(...) instead, or call each one in a forward of your own."
                     if module in ("ModuleList", "ModuleDict") else
                     f"{module} has no forward method: the method must be named exactly `forward` (one named "
                     "foward or Forward is never called) and be indented inside the class, "
                     "`def forward(self, x):`.")),
]


def _merged_batch(error, x, received=None):
    """What a linear layer's shape error means when the batch was flattened into the features.

    ``x.flatten()`` (no start_dim) or ``x.view(-1)`` turns a batch of N examples of F
    features into one row of N * F values: the layer then "receives" N times its
    in_features. ``received``: the shape of what the failing nn.Linear received, where known
    (it tells feature maps never flattened from a reshape to a fixed number of rows).
    Returns the explanation, or None when the error is something else.
    """
    found = _FORWARD_ERRORS[0][0].search(error)
    n = x.shape[0] if x.dim() else 1
    if not found or n < 2:
        return None
    rows, features, in_features = (int(g) for g in found.groups()[:3])
    if rows == n or rows * features != n * in_features:
        return None
    flat = received is not None and len(received) == 2
    if flat and rows == in_features and features == n:   # x.view(in_features, -1): the batch last
        return (f"the view's arguments are swapped: the flattened values were cut into {rows} rows of {n}, "
                f"the batch last, where each row must be one example of {in_features} features. The batch "
                f"comes first: x.view(-1, {in_features}) or x.flatten(1).")
    if flat and rows > 1:   # x.view(64, -1): a batch size written into the reshape
        return (f"a linear layer received {rows} rows of {features} values where it expects {n} examples of "
                f"{in_features} features: a reshape fixed the number of rows at {rows} (x.view({rows}, -1)), "
                "but a batch holds any number of examples (the last one of an epoch is smaller, and this one "
                f"holds {n}). Keep the batch's own size: x.flatten(1) (or x.view(x.size(0), -1)).")
    if rows > n and rows % n == 0:   # (N, C, H, W) into nn.Linear: applied to the last dimension only
        return (f"a linear layer received feature maps that were not flattened: it was applied to "
                f"their last dimension ({features} values) where it expects {in_features} features per "
                "example. Flatten each example's feature maps first, torch.flatten(x, 1) (or "
                "nn.Flatten()), which keeps dimension 0, the batch.")
    return (f"a linear layer received {rows} row(s) of {features} values where it expects {n} "
            f"examples of {in_features} features: the batch dimension was flattened into the "
            "features. x.flatten() flattens every dimension, the batch's too; use x.flatten(1) "
            "(or nn.Flatten()), which keeps dimension 0, the batch.")


def _shape_of(args):
    """The shape of a layer's first argument, or None where it is not a tensor."""
    return tuple(args[0].shape) if args and isinstance(args[0], torch.Tensor) else None


def _forward_problem(error, x, name, received=None):
    """What a forward pass that raised ``error`` usually means, PyTorch's own words, and where.
    ``received``: the shape of what the last nn.Linear called received, where known."""
    text = str(error)
    meaning = _merged_batch(text, x, received)
    for pattern, explanation in _FORWARD_ERRORS:
        found = pattern.search(text) if meaning is None else None
        if found:
            meaning = explanation(*found.groups()) if callable(explanation) else explanation.format(*found.groups())
            if pattern is _FORWARD_ERRORS[2][0] and x.dim() == 4 and int(found.group(1)) == x.shape[1] \
                    and int(found.group(2)) != x.shape[1]:
                meaning += (f" It expects the input's {x.shape[1]} channels where an earlier convolution left "
                            f"{found.group(2)}: a convolution after the first was built for the input's channels "
                            "(in_channels), not for what the layer before it gives. Within a block, set "
                            "in_channels = out_channels after each convolution; from one block to the next, give "
                            "each block the channels the block before it puts out.")
    message = text.splitlines()[0] if text else type(error).__name__
    head = f"{name} failed on an input of shape {tuple(x.shape)}" + (f": {meaning}" if meaning else ".")
    return f"{head}\n  PyTorch said: {type(error).__name__}: {message}{_where_line(error)}"


def check_model_output(model, x, expected_shape, name="the model", hint=None):
    """Run ``model(x)`` and check the output's shape; explain the common errors. Returns the output.

    Introduced in notebook 03. A forward pass that raises is reported with what the error
    usually means (a linear layer fed the wrong number of features, a layer passed where a
    tensor is expected, a misspelt function, forward outside the class); a forward that
    returns None points at a misplaced ``return``.
    """
    received = {}   # the shape of what the last nn.Linear called received: it tells how a shape error came
    modules = model.modules() if isinstance(model, torch.nn.Module) else []
    hooks = [m.register_forward_pre_hook(lambda module, args: received.update(shape=_shape_of(args)))
             for m in modules if isinstance(m, torch.nn.Linear)]
    try:
        with torch.no_grad():
            output = model(x)
    except Exception as error:  # the student's forward pass failed: say what it usually means
        problem = _forward_problem(error, x, name, received.get("shape"))
    else:
        problem = None
    finally:
        for hook in hooks:
            hook.remove()
    if problem:
        _fail(problem, hint)   # outside the except block, as in _run: no "during handling" chain
    if output is None:
        _fail(f"{name} returned None: forward must end with `return`, indented inside forward "
              "(a `return` at the level of the class is outside every method).", hint)
    if not isinstance(output, torch.Tensor):
        _fail(f"{name} returned {_describe_type(output)}; a tensor is expected.", hint)
    if tuple(output.shape) != tuple(expected_shape):
        problem = _shape_problem(f"the output of {name}", output.shape, expected_shape)
        if output.dim() >= 1 and output.shape[0] != x.shape[0]:
            problem += (f"\n  The batch of {x.shape[0]} examples came out as {output.shape[0]}: a "
                        "reshape such as x.view(-1, n) with the wrong n mixes examples together. "
                        "x.flatten(1) keeps the batch dimension.")
        _fail(problem, hint)
    _passed(f"{name} maps {tuple(x.shape)} to {tuple(output.shape)}")
    return output


# ----------------------------------------------------------------------------
# Patterns appended for notebook 02's backward passes
# ----------------------------------------------------------------------------

# Autograd alone: Tensor.backward, torch.autograd.grad, torch.func.grad (a numerical gradient
# check must use nothing but the forward pass).
AUTOGRAD = re.compile(r"^(backward|grad|_engine_run_backward|run_backward)$")

# Library pooling, its gradient (max_unpool puts values back at the argmax) or autograd: what the
# backward pass of max pooling by hand must not call.
POOLING_OR_AUTOGRAD = re.compile(POOLING.pattern + r"|^_?max_unpool\d+d$|" + AUTOGRAD.pattern)

# conv2d_backward's most common mistake, for check_close's ``mistakes``: named where it is made, and
# again where conv2d_backward_strided builds on it.
FLIPPED_KERNEL_BACKWARD = (
    "the input gradient with the kernel flipped the wrong way round: x[b, c, i + m, j + n] was multiplied "
    "by weight[o, c, m, n] for output (i, j), so its gradient takes grad_out[b, o, i, j] times that same "
    "weight (written as a cross-correlation of the padded grad_out, that needs the kernel flipped upside "
    "down and left to right).")


def conv_backward_mistakes(x, weight, grad_out):
    """What the usual mistakes of a stride-1, unpadded convolution's backward pass give, for
    check_close's ``mistakes``: a tuple of three dicts, for grad_x, grad_weight and grad_bias.

    Introduced in notebook 02, for conv2d_backward and for conv2d_backward_strided, which builds on
    it: the input gradient with the kernel flipped, each kernel's gradient transposed, and each of
    the three assigned with ``=`` in the loop over output positions where ``+=`` adds them up (then
    only the last position's contribution is left; where windows overlap, each pixel of grad_x keeps
    the last window's). Only the mistakes that give something other than the right answer here are
    listed.
    """
    F = torch.nn.functional
    x, weight, grad_out = x.detach(), weight.detach(), grad_out.detach()
    kh, kw = weight.shape[2:]
    h_out, w_out = grad_out.shape[2:]

    def weight_gradient(grad):
        w = weight.clone().requires_grad_()
        with torch.enable_grad():
            (result,) = torch.autograd.grad((F.conv2d(x, w) * grad).sum(), w)
        return result

    def only(i, j):   # grad_out with every position but (i, j) set to zero
        single = torch.zeros_like(grad_out)
        single[:, :, i, j] = grad_out[:, :, i, j]
        return single

    written_over = torch.zeros_like(x)   # each window's gradient written over what the earlier ones left
    for i in range(h_out):
        for j in range(w_out):
            written_over[:, :, i:i + kh, j:j + kw] = F.conv_transpose2d(only(i, j), weight)[:, :, i:i + kh, j:j + kw]
    last = only(h_out - 1, w_out - 1)
    short = grad_out.clone()   # the loops stop one short: the last row and column send nothing back
    short[:, :, -1] = 0
    short[:, :, :, -1] = 0
    one_short = ("the loops over the output positions stop one short: the last row and column of outputs send "
                 "no gradient back. range(h_out) runs h_out times, over every output row.")
    rights = (F.conv_transpose2d(grad_out, weight), weight_gradient(grad_out), grad_out.sum(dim=(0, 2, 3)))
    found = (
        {FLIPPED_KERNEL_BACKWARD: F.conv_transpose2d(grad_out, weight.flip(2, 3)),
         "grad_x's windows assigned with = instead of added with +=: windows overlap, and a pixel collects "
         "the gradient of every window that covers it; with = it keeps only the last one's. Add with +=.":
         written_over,
         "grad_x divided by the batch size: each example's input gradient is its own, with nothing averaged.":
         rights[0] / x.shape[0],
         one_short: F.conv_transpose2d(short, weight)},
        {"each kernel's gradient transposed: grad_weight[o, c, m, n] collects x[b, c, i + m, j + n], with m down "
         "the rows and n across the columns.": rights[1].transpose(2, 3),
         "grad_weight assigned with = instead of added with += in the loop over output positions: it holds only "
         "the last position's contribution, where the weight's gradient adds up those of every position "
         "(and every example of the batch). Add with +=.": weight_gradient(last),
         "grad_weight divided by the batch size, a mean over the batch: the weights' gradient adds up the "
         "contributions of every example, with nothing divided.":
         rights[1] / x.shape[0],
         one_short: weight_gradient(short)},
        {"grad_bias assigned with = in the loop over output positions: it holds only the last position's "
         "gradient. The bias's gradient adds up grad_out over the batch and every position.":
         last.sum(dim=(0, 2, 3)),
         "grad_bias as the mean of grad_out: the bias's gradient is its sum, over the batch and every position.":
         grad_out.mean(dim=(0, 2, 3)),
         "grad_bias summed over the first example only: sum over the batch too, grad_out.sum(dim=(0, 2, 3)).":
         grad_out[0].sum(dim=(1, 2)),
         "grad_bias averaged over the batch (summed over the positions, then divided by N): the bias's gradient "
         "adds up the contributions of every example, with nothing divided, grad_out.sum(dim=(0, 2, 3)).":
         grad_out.sum(dim=(0, 2, 3)) / x.shape[0],
         "grad_bias summed over the positions but not over the batch, one row per example: sum over dimension 0 "
         "too, grad_out.sum(dim=(0, 2, 3)), shape (C_out,).": grad_out.sum(dim=(2, 3)),
         "grad_bias summed over the batch but not over the positions: sum over dimensions 2 and 3 too, "
         "grad_out.sum(dim=(0, 2, 3)), shape (C_out,).": grad_out.sum(dim=0)})
    return tuple({words: wrong for words, wrong in mistakes.items()
                  if not _same_values(wrong, right)}
                 for mistakes, right in zip(found, rights))


def _pool_windows(x, size, steps, out_size, padding, mode):
    """Pooling of x (N, C, H, W) with windows of ``size`` (kh, kw) starting at (steps[0] * i, steps[1] * j)
    of the padded input, for an output of ``out_size`` (H_out, W_out); None where a window would run
    past the padded input (a by-hand loop would then fail, or pool a window cut short)."""
    (kh, kw), (a, b), (h_out, w_out) = size, steps, out_size
    if h_out < 1 or w_out < 1:
        return None
    fill = float("-inf") if mode == "max" else 0.0
    xp = torch.nn.functional.pad(x, (padding,) * 4, value=fill)
    if a * (h_out - 1) + kh > xp.shape[2] or b * (w_out - 1) + kw > xp.shape[3]:
        return None
    out = x.new_zeros(*x.shape[:2], h_out, w_out)
    for i in range(h_out):
        for j in range(w_out):
            window = xp[:, :, a * i:a * i + kh, b * j:b * j + kw]
            out[:, :, i, j] = window.amax(dim=(2, 3)) if mode == "max" else window.mean(dim=(2, 3))
    return out


def pool_mistakes(x, kernel_size, stride=None, padding=0, mode="max"):
    """What pooling by hand gives with the usual mistakes of its geometry, for check_close's ``mistakes``:
    the row and column strides (or kernel sizes) swapped, the stride left at 1 where None means the
    kernel size, the windows placed at the kernel size's steps instead of the stride's. Introduced in
    notebook 02, for pool2d; only the mistakes that give something other than the right answer are listed.
    """
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    (kh, kw) = pair(kernel_size)
    (sh, sw) = pair(stride if stride is not None else kernel_size)
    height, width = x.shape[2] + 2 * padding, x.shape[3] + 2 * padding

    def size(k, s):   # (H_out, W_out) for kernel k and stride s, both (rows, columns)
        return (height - k[0]) // s[0] + 1, (width - k[1]) // s[1] + 1

    right = _pool_windows(x, (kh, kw), (sh, sw), size((kh, kw), (sh, sw)), padding, mode)
    candidates = [
        ("the row and column strides swapped: stride (sh, sw) moves the windows sh rows down and sw columns "
         "across, so window (i, j) starts at row i * sh and column j * sw.",
         _pool_windows(x, (kh, kw), (sw, sh), size((kh, kw), (sw, sh)), padding, mode)),
        ("the window's height and width swapped: kernel_size (kh, kw) is kh rows by kw columns, "
         "x_padded[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw].",
         _pool_windows(x, (kw, kh), (sh, sw), size((kw, kh), (sh, sw)), padding, mode)),
        ("the windows placed kh rows and kw columns apart, at the kernel size's steps, instead of the stride's: "
         "window (i, j) starts at row i * sh and column j * sw.",
         _pool_windows(x, (kh, kw), (kh, kw), size((kh, kw), (sh, sw)), padding, mode)),
        ("the windows one pixel apart, as if the stride were 1, in an output of the right size: window (i, j) "
         "starts at row i * sh and column j * sw.",
         _pool_windows(x, (kh, kw), (1, 1), size((kh, kw), (sh, sw)), padding, mode)),
    ]
    if stride is None:
        candidates.append(("a stride of 1 where stride is None: None means the kernel size, so that the "
                           "windows do not overlap (stride = kernel_size when stride is None).",
                           _pool_windows(x, (kh, kw), (1, 1), size((kh, kw), (1, 1)), padding, mode)))
    named = {}
    for words, wrong in candidates:
        if wrong is not None and not _same_values(wrong, right) and not any(
                _same_values(wrong, other) for other in named.values()):
            named[words] = wrong
    return named


def im2col_mistakes(x, kernel_size, stride=1, padding=0):
    """What im2col's usual mistakes give on ``x``, for check_close's ``mistakes``: the stride left
    out of where the windows start, and out of the output's size too (the windows then one pixel
    apart, all of them). Introduced in notebook 02, for im2col and for conv2d_im2col, which builds on it.
    """
    n, c, height, width = x.shape
    k, s, p = kernel_size, stride, padding
    h_out, w_out = (height + 2 * p - k) // s + 1, (width + 2 * p - k) // s + 1
    every = torch.nn.functional.unfold(x, k, padding=p)          # every window, one pixel apart
    first = every.reshape(n, c * k * k, height + 2 * p - k + 1, -1)[:, :, :h_out, :w_out]
    right = torch.nn.functional.unfold(x, k, padding=p, stride=s)     # (N, C * k * k, L)
    windows = right.reshape(n, c, k, k, h_out, w_out)                  # (N, C, k, k, H_out, W_out)
    orders = {"each column in (k, k, C) order, the channel fastest. A column should list x_padded[c, s*i + m, "
              "s*j + n] with c slowest and n fastest, (C, k, k), as F.unfold does (a permute, or a loop over the "
              "channels inside the loops over the taps, puts the channel last).": windows.permute(0, 2, 3, 1, 4, 5),
              "each window's taps listed column by column, (C, n, m): m, the row in the window, comes before n, "
              "the column, so that n runs fastest.": windows.transpose(2, 3),
              "the windows in column-major order, (W_out, H_out): window (i, j) is column i * W_out + j, the rows "
              "of windows slowest.": windows.transpose(4, 5)}
    found = {words: wrong.reshape(n, c * k * k, h_out * w_out) for words, wrong in orders.items()}
    found = {words: wrong for words, wrong in found.items() if not _same_values(wrong, right)}
    return {**found,
            "the windows taken one pixel apart, as if the stride were 1: window (i, j) starts at row "
            "s * i and column s * j of the padded input, not at (i, j).": first.reshape(n, c * k * k, -1),
            "the stride left out, of the output's size and of where the windows start: there are "
            "(H + 2p - k) // s + 1 rows of windows and (W + 2p - k) // s + 1 columns, window (i, j) "
            "starting at row s * i and column s * j.": every}


def output_shape_mistakes(input_shape, out_channels, kernel_size, stride=1, padding=0):
    """What the usual wrong output-size formulas give for an N-d convolution's output shape, for
    check_exact's ``mistakes``. Introduced in notebook 02, for conv_output_shape; a mistake is listed
    only where it alone gives its shape, neither the right one nor another mistake's.
    """
    n, c_in, *spatial = input_shape
    k, s, p = kernel_size, stride, padding

    def shape(size):   # the output's shape, every spatial axis's size given by size(axis)
        return (n, out_channels, *[size(axis) for axis in spatial])

    right = shape(lambda m: (m + 2 * p - k) // s + 1)
    candidates = [
        ("the + 1 left out: (n + 2p - k) // s counts the steps between the first window and the last, "
         "and the first window is one more.", shape(lambda m: (m + 2 * p - k) // s)),
        ("the division rounded up (math.ceil, or -(-a // s)): a window that runs past the padded input is "
         "not there, so the division rounds down: (n + 2p - k) // s + 1.",
         shape(lambda m: -(-(m + 2 * p - k) // s) + 1)),
        ("the padding counted once: it is added on both sides of every axis, n + 2p.",
         shape(lambda m: (m + p - k) // s + 1)),
        ("the + 1 added before dividing by the stride, (n + 2p - k + 1) // s: divide first, then add 1 "
         "for the first window, (n + 2p - k) // s + 1.", shape(lambda m: (m + 2 * p - k + 1) // s)),
        ("the stride left out: a stride s keeps every s-th window, (n + 2p - k) // s + 1.",
         shape(lambda m: m + 2 * p - k + 1)),
        ("the first spatial axis's size used for every axis: apply the formula to each axis's own size.",
         shape(lambda m: (spatial[0] + 2 * p - k) // s + 1)),
        ("the input's channels kept: the output has out_channels channels, one per kernel.",
         (n, c_in, *right[2:])),
        ("the batch size N left out: the output keeps the input's N first, (N, C_out, *spatial).",
         right[1:]),
        ("the spatial sizes nested in a list, (N, C_out, [sizes]): unpack them into the tuple with *, "
         "(n, out_channels, *sizes).", (n, out_channels, list(right[2:]))),
    ]
    shapes = [wrong for _, wrong in candidates]
    return {words: wrong for words, wrong in candidates if wrong != right and shapes.count(wrong) == 1}


# ----------------------------------------------------------------------------
# Notebook 04: the library functions its "by hand" exercises reimplement, and
# exact answers (counts, lists of names) whose common wrong values are named
# ----------------------------------------------------------------------------

# Library dropout: F.dropout (what nn.Dropout calls), torch's dropout, native_dropout and the
# feature and alpha variants; nn.Dropout itself, when the code is read.
DROPOUT = re.compile(r"^_?(dropout\w*|native_dropout\w*|feature_dropout\w*|alpha_dropout\w*"
                     r"|feature_alpha_dropout\w*|Dropout\w*|AlphaDropout)$")

# Library cropping: the padding above, and torchvision's crop functions and transforms.
CROP = re.compile(PADDING.pattern + r"|^_?(crop\w*|center_crop\w*|resized_crop\w*|five_crop|ten_crop"
                  r"|RandomCrop|CenterCrop|RandomResizedCrop)$")

# A crop by slicing: a window that runs past the padded image's bottom or right edge comes out short,
# silently, and stacking it with the others fails.
_BY_HAND_ERRORS[CROP.pattern] = [
    (re.compile(r"stack expects each tensor to be equal size|must match the size of tensor"),
     "the windows came out of different sizes: a slice that runs past the bottom or right edge of a "
     "tensor is cut short, silently. Either the padded image is too small (padding goes on all four "
     "sides: H + 2 * padding rows and W + 2 * padding columns, with x at [padding:padding + H, "
     "padding:padding + W]), or the windows start too far down or right (top[i] and left[i] are "
     "positions in the padded image, its border included: do not add padding to them)."),
]

# Library mirroring: torch.flip / fliplr / flipud, torchvision's horizontal_flip and hflip.
FLIP = re.compile(r"^_?(flip|fliplr|flipud|hflip|vflip|horizontal_flip\w*|vertical_flip\w*"
                  r"|RandomHorizontalFlip|RandomVerticalFlip)$")


def check_exact(actual, expected, name="your answer", *, hint=None, mistakes=None):
    """``check_equal`` for an answer whose usual wrong values are known: a count, a list of names.

    Introduced in notebook 04. ``mistakes`` maps the description of a common
    mistake to the answer it gives on the same inputs, e.g.
    ``{"the weights without the biases": 34_848}``; an answer equal to one of
    them fails with that description, so the student learns what went wrong.
    """
    problem = _exact_problem(actual, expected, name, mistakes)
    if problem:
        _fail(problem, hint)
    check_equal(actual, expected, name, hint=hint)


def _exact_problem(actual, expected, name, mistakes):
    """``_equal_problem``'s problem, with the known mistakes that give ``actual`` named; or None."""
    problem = _equal_problem(actual, expected, name)
    if not problem:
        return None
    matching = [description for description, wrong in (mistakes or {}).items()
                if _equal_problem(actual, wrong, name) is None]
    counts = isinstance(expected, int) and isinstance(actual, numbers.Integral) and not isinstance(actual, bool)
    if matching and counts and not isinstance(mistakes, _OnEveryCase):
        # A count cannot tell apart two mistakes of the same size (a LayerNorm without its scale and
        # shift, or a bias and a layer scale left out, both miss 2 * dim): name them all, and the size.
        problem += (f"\n  Your count is {int(actual) - expected:+,} from the right one, which is what "
                    + (f"this mistake gives: {matching[0]}" if len(matching) == 1 and " Or: " not in matching[0]
                       else "each of these mistakes gives: " + " Or: ".join(matching))
                    + " (or other mistakes that add up to the same difference)")
    elif matching:
        problem += (f"\n  Your answer is exactly what this mistake gives: {matching[0]}"
                    if " Or: " not in matching[0] else
                    f"\n  Your answer is exactly what each of these mistakes gives: {matching[0]}")
    return problem


def check_rows(actual, expected, labels, name, *, fields=None, hint=None):
    """Check a table row by row (a list of tuples, one per layer say): fails at the first row that
    differs and names it by ``labels[i]``, item by item (integers and tuples compared exactly), each
    item by its name in ``fields`` if given.

    Introduced in notebook 04, for ``layer_arithmetic``'s rows against what PyTorch measures.
    """
    if actual is None:
        _fail(_none_problem(name), hint)
    if not isinstance(actual, (list, tuple)):
        _fail(f"{name} is {_describe_type(actual)}, but a list of {len(expected)} rows is expected.", hint)
    if len(actual) != len(expected):
        _fail(f"{name} has {len(actual)} rows, but {len(expected)} are expected: one per layer.", hint)
    for row, want, label in zip(actual, expected, labels):
        row = tuple(row) if isinstance(row, list) else row
        problem = _equal_problem(row, want, f"the row of {label}")
        if problem and fields and isinstance(row, tuple) and len(row) == len(want) == len(fields):
            problem = next(p for p in (_equal_problem(a, e, f"the {field} of {label}")
                                       for a, e, field in zip(row, want, fields)) if p)
        if problem:
            _fail(f"{name}: {problem}", hint)
    _passed(f"{name}: all {len(expected)} rows match")


# ----------------------------------------------------------------------------
# Notebook 06: counting parameters by hand
# ----------------------------------------------------------------------------

# Library parameter counts: the course's training.count_parameters and torchinfo's summary.
PARAMETER_COUNTING = re.compile(r"^(count_parameters|summary)$")


# ----------------------------------------------------------------------------
# Notebook 05: the library modules its "by hand" exercises reimplement
# ----------------------------------------------------------------------------

# Library batch normalisation: F.batch_norm (what nn.BatchNorm2d calls), torch.batch_norm and
# native_batch_norm, and the module classes themselves, when the code is read.
BATCH_NORM = re.compile(r"^_?(batch_norm\w*|native_batch_norm\w*|cudnn_batch_norm\w*|miopen_batch_norm\w*"
                        r"|BatchNorm\w*|SyncBatchNorm|LazyBatchNorm\w*)$")

# Torchvision's residual blocks and ResNets, which the student's BasicBlock and ResNet-18 rebuild:
# read from the code (models.resnet.BasicBlock, models.resnet18, from ... import Bottleneck).
RESNET_BLOCKS = re.compile(r"^_?(BasicBlock|Bottleneck|ResNet|resnet\d+|resnext\w+|wide_resnet\w+)$")


def whole(value):
    """A count that came back as a float with no fractional part (``1026.0``, from a ``/``), as the
    int it stands for; anything else unchanged, items of a tuple or list one by one.

    Introduced in notebook 05: a parameter count is right in substance whatever its type, so its
    checks (and the judges of its hidden tests) compare ``whole(answer)``; ``1026.5`` stays wrong.
    """
    if isinstance(value, (tuple, list)):
        return type(value)(whole(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def library_modules(model, package="torchvision"):
    """The classes of ``model``'s submodules (itself included) that come from ``package``.

    Introduced in notebook 05: a block or network "built from your own blocks" must not
    contain torchvision's; ``nn.Conv2d`` and ``nn.BatchNorm2d`` come from torch and are fine.
    """
    return sorted({f"{type(m).__module__}.{type(m).__name__}" for m in model.modules()
                   if type(m).__module__.split(".")[0] == package})


def check_loads(model, state_dict, name, *, hint=None, assign=False):
    """Load ``state_dict`` into ``model`` strictly, or fail naming the missing, unexpected and
    mis-shaped entries (a submodule named otherwise than torchvision names it, a projection
    where there should be none). Introduced in notebook 05. ``assign=True`` puts the given
    tensors in place of the model's own, as PyTorch's ``load_state_dict(..., assign=True)``
    does: a model built on the meta device (no memory, no initialisation) becomes a real one."""
    want = {key: tuple(value.shape) for key, value in state_dict.items()}
    have = {key: tuple(value.shape) for key, value in model.state_dict().items()}
    def modules(keys):   # "downsample.0.weight", "downsample.0.bias" -> "downsample.0"
        return sorted({key.rsplit(".", 1)[0] if "." in key else key for key in keys})

    missing, unexpected = modules(set(want) - set(have)), modules(set(have) - set(want))
    wrong = [f"{key} {have[key]} (expected {want[key]})" for key in want if key in have and have[key] != want[key]]
    problems = []
    for label, keys in (("missing (modules)", missing), ("unexpected (modules)", unexpected),
                        ("of the wrong shape", wrong)):
        if keys:
            shown = ", ".join(keys[:6]) + (f" and {len(keys) - 6} more" if len(keys) > 6 else "")
            problems.append(f"{len(keys)} {label}: {shown}")
    if problems:
        # names missing or unexpected: a submodule named otherwise, or a projection where there is none;
        # shapes alone: the names are right, a layer was built with other sizes
        advice = (" Name the submodules as torchvision does, and give a block a downsample exactly when its shape "
                  "changes." if missing or unexpected else
                  " The names are right: build each of these layers with the sizes in brackets.")
        _fail(f"the weights do not load into {name}: " + "; ".join(problems) + "." + advice, hint)
    model.load_state_dict(state_dict, strict=True, assign=assign)
    _passed(f"torchvision's {len(want)} weights and statistics load into {name}, names and shapes alike")
