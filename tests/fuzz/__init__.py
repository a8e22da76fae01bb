"""Hostile inputs for juesuan's readers, builder and command line (issue 11: "keep the fuzzing").

`generate.cases(seed, count)` makes the inputs; `run` runs them through the command line under a
time and memory limit and counts what went wrong. See docs/fuzzing.md.
"""
