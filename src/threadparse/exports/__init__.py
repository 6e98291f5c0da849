"""Where threads go next: tables, Parquet, ConvoKit corpora, graphs.

Each export reads the model (``threadparse.core.models``) and nothing of the
readers; its optional library is imported only when one of its calls runs, and
a missing one is named with the extra that brings it.
"""

from __future__ import annotations


def missing(module: str, extra: str) -> ImportError:
    """The error an export raises when its optional library is not installed."""
    return ImportError(
        f"this call needs {module}, which is not installed: pip install 'threadparse[{extra}]'"
    )
