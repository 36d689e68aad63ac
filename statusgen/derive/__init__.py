"""Derived state: pure functions of the validated model and an explicit `now`.

lifecycle (where an incident stands), statuses (the one walk over what an incident gave each
component), timeline and uptime, the page state, audiences, and the per-build snapshot that the
renderers read. Nothing here does I/O or knows about MkDocs.
"""
