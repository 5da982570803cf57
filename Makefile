# Two commands for a fresh machine: `make demo` and `make test`. Each sets itself up.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEMO_PORT ?= 8000

.PHONY: demo test setup clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_rexvet --demo
	$(BIN)/python manage.py rundemo --port "$(DEMO_PORT)"

# pytest creates its own test database; see pytest.ini and rexvet/settings/test.py.
test: setup
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=rexvet.settings.test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var
