"""`statusgen probe`'s machinery: which addresses a check may reach (`addresses.py`), running
one check (`checks.py`) and every check at once within a deadline (`run.py`), the small state
kept between runs (`state.py`), and what the results mean for the incident files
(`decide.py`). The files themselves are written by the command line (`cli/probing.py`) with
`content/writing.py`, as a responder's are."""
