"""statusgen's benchmark suite: a seeded corpus generator, the plain-MkDocs floor, and one
command (`python -m benchmarks`) that builds both and measures them. See benchmarks/README.md."""
