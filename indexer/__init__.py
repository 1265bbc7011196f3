"""Turns source documents (PDF, HTML, Markdown digests) into cited passages in a vector store.

Nothing here loads a model or opens a store at import time; see `indexer.embeddings` and
`indexer.store` for the owners of those heavy objects.
"""
