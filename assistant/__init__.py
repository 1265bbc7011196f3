"""Turns a question into a cited answer, a plan section into a checklist, and lists programmes.

Heavy objects (the embedding model, the store) belong to `assistant.engine.Assistant`, created on demand.
"""
