# Loa — two commands set up a machine:
#   make run   install everything, prepare the SQLite database, load the demo, serve on http://127.0.0.1:8000
#              (with `loa worker` running the background tasks beside it)
#   make test  install everything, run the whole suite (SQLite, PostgreSQL, browser)
# Run as root on a fresh Debian machine to let it install the system packages it needs.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.loa-installed
LOA_HOST ?= 127.0.0.1
LOA_PORT ?= 8000
LOA_TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/loa
export LOA_HOST LOA_PORT

# Debian packages: PDF (LibreOffice, fonts, poppler), browser tests (Chromium), OCR (Tesseract).
DEB_RUN := libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core poppler-utils tesseract-ocr tesseract-ocr-vie
DEB_TEST := $(DEB_RUN) chromium chromium-l10n

# The first Python >= 3.12 found (.python-version makes pyenv's python3 resolve to 3.12).
PYTHON := $(shell for p in python3.12 python3.13 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	command -v $$p; break; fi; done)

.PHONY: help run test check install system-packages system-packages-test db demo bench fmt clean

help:
	@echo "make run    — cài đặt, chuẩn bị CSDL SQLite, nạp dữ liệu mẫu, chạy Loa tại http://$(LOA_HOST):$(LOA_PORT)"
	@echo "make test   — cài đặt và chạy toàn bộ kiểm thử (SQLite, PostgreSQL, trình duyệt)"
	@echo "make check  — ruff, mypy, import-linter, kiểm tra Django và migration"
	@echo "make bench  — chạy các phép đo hiệu năng trong bench/"

define need_debs
	missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Cài gói hệ thống:$$missing"; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
		else \
			echo "Thiếu gói hệ thống:$$missing"; \
			echo "Chạy với quyền root (sudo make ...) hoặc cài: sudo apt-get install$$missing"; exit 1; \
		fi; \
	fi
endef

system-packages:
	@$(call need_debs,$(DEB_RUN))

system-packages-test:
	@$(call need_debs,$(DEB_TEST))

$(STAMP): pyproject.toml requirements.lock
	@if [ -z "$(PYTHON)" ]; then \
		echo "Loa cần Python 3.12 trở lên (không tìm thấy python3.12). Cài Python 3.12 rồi chạy lại."; exit 1; fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.9
	@$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.lock
	@$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

db: install
	@mkdir -p var
	@$(BIN)/loa migrate --noinput -v 0

demo: db
	@$(BIN)/loa demo

# The worker (background tasks: PDF, import reading, feed pulls) runs beside the web server and is
# stopped with it (Ctrl+C or any exit of `loa serve`). `make run` is the demo on this machine, served
# over plain HTTP on loopback: LOA_HTTPS=0 unless set (a real install runs behind HTTPS, ADR 0020).
run: export LOA_HTTPS ?= 0
run: system-packages demo
	@echo
	@echo "Loa: http://$(LOA_HOST):$(LOA_PORT)/  — đăng nhập bằng một tài khoản mẫu ở trên."
	@$(BIN)/loa worker -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/loa serve

check: install
	@mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	LOA_SECRET_KEY=check $(BIN)/loa check --fail-level WARNING
	LOA_SECRET_KEY=check $(BIN)/loa makemigrations --check --dry-run -v 1

test: system-packages-test install check
	@bash scripts/ensure-postgres.sh "$(LOA_TEST_DATABASE_URL)"
	@echo "== Kiểm thử trên SQLite =="
	$(BIN)/pytest -m "not e2e and not postgres" -q
	@echo "== Kiểm thử trên PostgreSQL ($(LOA_TEST_DATABASE_URL)) =="
	LOA_DATABASE_URL="$(LOA_TEST_DATABASE_URL)" $(BIN)/pytest -m "not e2e" -q
	@echo "== Kiểm thử trên trình duyệt (Chromium) =="
	$(BIN)/pytest -m e2e -q

bench: install
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
