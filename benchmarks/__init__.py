"""Benchmarks and adversarial inputs for threadparse (see benchmarks/README.md).

``megathread`` builds realistic threads, ``floor`` is the cost of a trivial line
classifier, ``adversarial`` holds the hostile input families, and ``bench`` is
the script that measures them all. tests/test_growth.py imports the last three.
"""
