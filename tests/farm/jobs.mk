# SPDX-License-Identifier: MIT
# make -f tests/farm/jobs.mk LIST=DIR/NAME.jobs [-jN]: every job of a job
# list (tests/farm/jobs.sh), one target each, so make -jN runs N at a time.
# A failed job does not stop the others: tests/farm/collect.sh judges.
ifeq ($(LIST),)
$(error usage: make -f tests/farm/jobs.mk LIST=DIR/NAME.jobs)
endif
DIR   := $(LIST:.jobs=)
NAMES := $(shell cut -f1 $(LIST))

.PHONY: all FORCE
all: $(addprefix $(DIR)/,$(addsuffix .res,$(NAMES)))
$(DIR)/%.res: FORCE
	@tests/farm/run_job.sh $(LIST) $* || true
FORCE:
