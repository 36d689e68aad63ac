"""statusgen: a static status-page generator with a GitOps workflow, as an MkDocs plugin."""

__version__ = "0.1.0"
