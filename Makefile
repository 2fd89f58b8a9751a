# vssagen: generator, golden model, Verilator harness, tests and benchmarks.
# `make help` lists the targets.

CC      ?= gcc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror
B       := build

GEN_SRC := gen/main.c gen/config.c gen/emit.c gen/rtl.c
GOLDEN_SRC := golden/vssa.c
TEMPLATES := $(wildcard gen/rtl/*.v)

.PHONY: all
all: $(B)/vssagen

$(B):
	mkdir -p $(B)

# Module templates become C strings, one per file: gen/rtl/pe.v -> tpl_pe.
$(B)/templates.c: $(TEMPLATES) | $(B)
	@{ echo '/* Generated from the templates in gen/rtl by make; do not edit. */'; \
	  for f in $(TEMPLATES); do \
	    n=$$(basename $$f .v); echo "const char tpl_$$n[] ="; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $$f; echo ';'; \
	  done; } > $@.tmp && mv $@.tmp $@

$(B)/vssagen: $(GEN_SRC) $(GOLDEN_SRC) $(B)/templates.c gen/*.h golden/vssa.h | $(B)
	$(CC) $(CFLAGS) -Igen -Igolden -o $@ $(GEN_SRC) $(GOLDEN_SRC) $(B)/templates.c -lm
