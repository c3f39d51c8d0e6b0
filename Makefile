# Two set-up commands for a new user: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test install bench stress clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/newsevents code examples/nato-libya-2011.txt --format table

test: $(STAMP)
	$(PY) -m pytest

# Throughput against spaCy's own parse, triage, --workers scaling and flat memory (bench/run.py). Long:
# about an hour for the parse and code stages of 5,000 documents on two cores, plus ingest, whose store
# writes currently grow with the store. Smaller: make bench BENCH_ARGS="--docs 1000 --memory".
BENCH_ARGS ?= --docs 5000 --workers 1 --scaling 2 --memory
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

# Hostile input and failure at length (CI runs it after `make test`; about 5 minutes): the fuzz tests with
# 20 times the examples, 100,000 one-word documents through ingest, and 25 kill -9 of a running ingest,
# resumed each time, ending with the store of an uninterrupted run (bench/stress.py).
STRESS_ARGS ?= --kills 25
stress: $(STAMP)
	NEWSEVENTS_FUZZ_SCALE=20 $(PY) -m pytest tests/test_hostile.py -q
	$(PY) bench/stress.py $(STRESS_ARGS)

clean:
	rm -rf $(VENV) build src/*.egg-info
