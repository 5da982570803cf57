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

# The Open Badges 2.0 validator that the test suite runs, in a virtualenv of its own: its
# old pins do not resolve on Python 3.11, so badges/validator/requirements.txt lists every
# package and pip installs them as listed (--no-deps), apart from the application's packages.
VALIDATOR_VENV := $(VENV)-validator

$(VALIDATOR_VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VALIDATOR_VENV)

$(VALIDATOR_VENV)/.installed: badges/validator/requirements.txt | $(VALIDATOR_VENV)/bin/python
	$(VALIDATOR_VENV)/bin/python -m pip install --quiet --no-deps -r badges/validator/requirements.txt
	touch $@

demo: setup
	$(BIN)/python manage.py migrate --noinput
	REXVET_SITE_URL="$${REXVET_SITE_URL:-http://127.0.0.1:$(DEMO_PORT)}" $(BIN)/python manage.py load_rexvet --demo
	$(BIN)/python manage.py badges_keygen
	$(BIN)/python manage.py rundemo --port "$(DEMO_PORT)"

# pytest creates its own test database; see pytest.ini and rexvet/settings/test.py.
test: setup $(VALIDATOR_VENV)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=rexvet.settings.test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) $(VALIDATOR_VENV) var
