"""The benchmark suite: every figure measured against its floor in the same run."""
