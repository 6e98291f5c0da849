"""Where threads go next: tables, Parquet, ConvoKit corpora, graphs.

Each export reads the model (``threadparse.core.models``) and nothing of the
readers; its optional library is imported only when one of its calls runs.
"""
