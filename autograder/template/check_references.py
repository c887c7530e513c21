"""Self-checks of notebook NN_topic's reference cases: each expected output is the library's own.

Run by tests/test_references.py: each ``check_*`` function gets ``references``
({grade id: [case as one flat dict]}) and ``script`` (make_references.py, loaded),
and fails with an assertion.
"""

import torch


def check_double_is_torchs(references, script):
    for case in references["test_double"]:
        assert torch.equal(case["y"], case["x"] + case["x"])
