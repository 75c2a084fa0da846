#!/usr/bin/env bash
# Scaffolds a rule: rules/<family>/<name>.c, docs/rules/<family>-<name>.md, a fire_ and a
# silent_ fixture, and its line in rules/rules.def (kept alphabetical).
# usage: rules/new-rule.sh <family> <name>      e.g. rules/new-rule.sh security format_string
set -euo pipefail

if [ $# -ne 2 ] || ! [[ $1 =~ ^[a-z]+$ ]] || ! [[ $2 =~ ^[a-z][a-z0-9_]*$ ]]; then
  echo "usage: $0 <family> <name>   (lowercase; name uses underscores)" >&2
  exit 2
fi
family=$1 name=$2
top=$(cd "$(dirname "$0")/.." && pwd)
id="$family-${name//_/-}"
src="$top/rules/$family/$name.c"
doc="$top/docs/rules/$id.md"
fixtures="$top/tests/rules/$family/$name"
for f in "$src" "$doc" "$fixtures"; do
  if [ -e "$f" ]; then echo "$0: $f exists already" >&2; exit 1; fi
done
mkdir -p "$(dirname "$src")" "$fixtures"

cat > "$src" <<C
/* $id: <what it finds, one line>.
 * Known gaps: <what it knowingly misses>. */
#include "rules/rule.h"

static void ${name}_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    (void)rc;
    (void)cursor;
}

const struct rule_desc rule_${family}_${name} = {
    .id = "$id",
    .title = "<title>",
    .summary = "<one sentence>.",
    .description = "<a paragraph: what, why, how to fix>.",
    .tags = "$family",
    .precision = "high",
    .level = ECG_LEVEL_WARNING,
    .kinds = { CXCursor_CallExpr },
    .on_cursor = ${name}_on_cursor,
};
C

cat > "$doc" <<MD
# $id

**Level:** warning · **Tags:** $family · **Enabled by default**

## What it finds

## Why it matters

## How to fix

## Options
None.

## Example
\`\`\`c
\`\`\`

## Known limits
MD

cat > "$fixtures/fire_basic.c" <<C
void example(void)
{
    // expect@+1: $id
}
C
cat > "$fixtures/silent_basic.c" <<C
void example(void)
{
}
C

def="$top/rules/rules.def"
{
  grep -v '^RULE(' "$def"
  { grep '^RULE(' "$def"; echo "RULE($family, $name)"; } | sort
} > "$def.new"
mv "$def.new" "$def"
echo "created $src, $doc, $fixtures/{fire,silent}_basic.c; registered in rules/rules.def"
