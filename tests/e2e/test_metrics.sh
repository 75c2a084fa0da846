#!/usr/bin/env bash
# End-to-end: ecg metrics on a small project with known values -- the text table and its
# totals, CSV and JSON values, -o FILE, --macros, output identical under -j 1 and -j 2, the
# snapshot recorded in the results database with the history run, a unit that cannot be
# analyzed (exit 3, the others still measured) and usage errors (exit 2).
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

# classify: 1 + 3 if + 1 && = cyclomatic 5; cognitive 3 (ifs) + 1 (the && sequence) = 4.
write_file src/classify.c <<'EOF'
int classify(int a, int b, int c)
{
    if (a > 0 && b > 0)
        return 1;
    if (b > 0)
        return 2;
    if (c > 0)
        return 3;
    return 0;
}

static int tiny(void)
{
    return 0;
}

int use_tiny(void)
{
    return tiny();
}
EOF
# sum: 1 + for + if = cyclomatic 3; cognitive 1 (for) + 2 (if nested once) = 3; nesting 2.
write_file src/loop.c <<'EOF'
int sum(const int *v, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++) {
        if (v[i] > 0)
            total += v[i];
    }
    return total;
}
EOF
# The ?: comes from the macro: counted with --macros expanded only.
write_file macro.c <<'EOF'
#define CLAMP(x) ((x) > 100 ? 100 : (x))
int clamp(int a)
{
    return CLAMP(a);
}
EOF
write_file broken.c <<'EOF'
int fine(int a)
{
    return a > 0 ? a : -a;
}
int broken(void) { return undeclared_name; }
EOF
files=(src/classify.c src/loop.c)
DB=.io/ecg.db

# --- text --------------------------------------------------------------------------------
expect_exit 0 -- "$ECG" metrics --db "$DB" "${files[@]}" --
text_out=$OUT
# The first table: a header and one row per function, sorted by file and line.
row=$(printf '%s\n' "$OUT" | grep -E '^src/classify\.c +classify ')
read -r -a cells <<<"$row"
assert_eq "${cells[*]:0:5}" "src/classify.c classify 1 5 4" "text: classify's file, name, line, cyclomatic, cognitive"
assert_eq "${cells[*]:7:4}" "10 7 3 1" "text: classify's lines, statements, params, nesting"
assert_eq "$(printf '%s\n' "$OUT" | sed -n 1p | tr -s ' ')" \
    "file function line cyclomatic cognitive MI volume lines statements params nesting" "text: header"
functions=$(printf '%s\n' "$OUT" | sed -n '2,/^$/p' | grep -c .)
assert_eq "$functions" 4 "text: four functions"
assert_eq "$(printf '%s\n' "$OUT" | sed -n '2,5p' | awk '{print $2 ":" $3}' | tr '\n' ' ')" \
    "classify:1 tiny:12 use_tiny:17 sum:1 " "text: rows sorted by file, then line"
# The totals: count, then cyclomatic mean / p90 / max.
assert_eq "$(printf '%s\n' "$OUT" | awk '$1 == "src/classify.c" && $3 == "mean" {print $2, $4}')" \
    "3 2.3" "text: classify.c count and cyclomatic mean"
assert_eq "$(printf '%s\n' "$OUT" | awk '$1 == "(project)" {print $2, $3, $4}' | tr '\n' ';')" \
    "4 mean 2.5;4 p90 5;4 max 5;" "text: project cyclomatic mean, p90, max"
assert_eq "$(printf '%s\n' "$OUT" | awk '$1 == "(project)" && $3 == "max" {print $NF}')" \
    "2" "text: project max nesting"
assert_line "$ERR" "ecg: metrics of 4 function(s) in 2 file(s) from 2 translation unit(s)" \
    "text: the summary on stderr"
expect_exit 0 -- "$ECG" metrics --quiet --no-db "${files[@]}" --
assert_eq "$ERR" "" "--quiet: nothing on stderr"
assert_eq "$OUT" "$text_out" "the database does not change the output"

# --- CSV ---------------------------------------------------------------------------------
expect_exit 0 -- "$ECG" metrics --no-db --format csv "${files[@]}" --
header=$(printf '%s\n' "$OUT" | sed -n 1p)
assert_eq "$(printf '%s' "$header" | cut -d, -f1-13)" \
    "kind,path,function,line,cyclomatic,cognitive,maintainability,volume,lines,statements,parameters,max_nesting,count" \
    "csv: header"
assert_eq "$(printf '%s\n' "$OUT" | grep '^function,src/classify.c,classify,' | cut -d, -f4-6,9-12)" \
    "1,5,4,10,7,3,1" "csv: classify's values"
assert_eq "$(printf '%s\n' "$OUT" | grep '^file,src/classify.c,' | cut -d, -f13-16)" \
    "3,2.33,5,5" "csv: classify.c count and cyclomatic mean, p90, max"
assert_eq "$(printf '%s\n' "$OUT" | grep '^project,' | cut -d, -f13-16)" \
    "4,2.50,5,5" "csv: project count and cyclomatic mean, p90, max"
assert_eq "$(printf '%s\n' "$OUT" | cut -d, -f1 | sort | uniq -c | tr -s ' ' | tr '\n' ';')" \
    " 2 file; 4 function; 1 kind; 1 project;" "csv: records per kind"

# --- JSON --------------------------------------------------------------------------------
expect_exit 0 -- "$ECG" metrics --no-db --format=json -o .io/m.json "${files[@]}" --
assert_eq "$OUT" "" "json -o: nothing on stdout"
values=$(python3 - .io/m.json <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
f = {x["function"]: x for x in doc["functions"]}
c = f["classify"]
print(c["path"], c["line"], c["cyclomatic"], c["cognitive"], c["parameters"], c["lines"],
      f["sum"]["max_nesting"], type(c["maintainability"]).__name__)
files = {x["path"]: x for x in doc["files"]}
print(files["src/classify.c"]["count"], files["src/classify.c"]["cyclomatic"]["mean"],
      files["src/loop.c"]["cognitive"]["max"])
p = doc["project"]
print(p["count"], p["cyclomatic"]["mean"], p["cyclomatic"]["p90"], p["cyclomatic"]["max"],
      list(doc), list(p)[:3])
PY
)
assert_eq "$values" "src/classify.c 1 5 4 3 10 2 float
3 2.33 3
4 2.5 5 5 ['functions', 'files', 'project'] ['count', 'cyclomatic', 'cognitive']" "json: values"

# --- -o, determinism -----------------------------------------------------------------------
for fmt in text csv json; do
    expect_exit 0 -- "$ECG" metrics --no-db --format "$fmt" -j 1 -o ".io/j1.$fmt" "${files[@]}" macro.c --
    expect_exit 0 -- "$ECG" metrics --no-db --format "$fmt" -j 2 -o ".io/j2.$fmt" "${files[@]}" macro.c --
    assert_same_file ".io/j1.$fmt" ".io/j2.$fmt" "$fmt: -j 1 and -j 2 write the same bytes"
done
expect_exit 0 -- "$ECG" metrics --no-db --format text "${files[@]}" macro.c --
assert_eq "$OUT" "$(cat .io/j1.text)" "-o writes what stdout shows"

# --- --macros ------------------------------------------------------------------------------
expect_exit 0 -- "$ECG" metrics --no-db --format csv macro.c --
assert_eq "$(printf '%s\n' "$OUT" | grep '^function,' | cut -d, -f3,5)" "clamp,1" \
    "--macros as-written (default): the macro's ?: does not count"
expect_exit 0 -- "$ECG" metrics --no-db --format csv --macros expanded macro.c --
assert_eq "$(printf '%s\n' "$OUT" | grep '^function,' | cut -d, -f3,5)" "clamp,2" \
    "--macros expanded: it does"
expect_exit 0 -- "$ECG" metrics --no-db --format csv --macros=as-written macro.c --
assert_eq "$(printf '%s\n' "$OUT" | grep '^function,' | cut -d, -f3,5)" "clamp,1" \
    "--macros=as-written"

# --- the results database --------------------------------------------------------------------
runs_before=$(sqlite3 "$DB" "SELECT count(*) FROM runs")
expect_exit 0 -- "$ECG" metrics --quiet --db "$DB" --format csv "${files[@]}" --
assert_eq "$(sqlite3 "$DB" "SELECT count(*) FROM runs")" "$((runs_before + 1))" \
    "db: the metrics run is in the history"
assert_eq "$(sqlite3 "$DB" "SELECT count(*) FROM metrics WHERE run_id = (SELECT max(id) FROM runs)")" \
    "4" "db: a snapshot of four functions belongs to the newest run"
assert_eq "$(sqlite3 "$DB" "SELECT path, line, cyclomatic, cognitive, parameters, max_nesting FROM metrics WHERE function = 'classify' ORDER BY run_id DESC LIMIT 1")" \
    "src/classify.c|1|5|4|3|1" "db: classify's row, path relative to the root"
assert_eq "$(sqlite3 "$DB" "SELECT count(DISTINCT run_id) FROM metrics")" "2" \
    "db: each metrics run has its own snapshot"
assert_eq "$(sqlite3 "$DB" "SELECT command_line FROM runs ORDER BY id DESC LIMIT 1")" \
    "ecg metrics --quiet --db $DB --format csv ${files[*]} --" "db: the history keeps the whole command"
expect_exit 0 -- "$ECG" history --db "$DB" --limit 1
assert_contains "$OUT" "2 (0)" "history: the metrics run, two units, none cached"
expect_exit 0 -- "$ECG" check --quiet --db "$DB" "${files[@]}" --
assert_eq "$(sqlite3 "$DB" "SELECT count(DISTINCT run_id) FROM metrics")" "2" \
    "db: ecg check records no snapshot"
expect_exit 0 -- "$ECG" metrics --quiet --db "$DB" --reset-db "${files[@]}" --
assert_eq "$(sqlite3 "$DB" "SELECT count(*) FROM runs")|$(sqlite3 "$DB" "SELECT count(*) FROM metrics")" \
    "1|4" "db: --reset-db starts over, and the new run keeps its snapshot"
expect_exit 0 -- "$ECG" metrics --quiet --no-db "${files[@]}" --
assert_no_file .ecg/ecg.db "db: --no-db writes no database"

# --- a unit that cannot be analyzed ---------------------------------------------------------
expect_exit 3 -- "$ECG" metrics --no-db --format csv broken.c src/loop.c --
assert_contains "$ERR" "broken.c:5:27: error: use of undeclared identifier 'undeclared_name'" \
    "exit 3: the unit's error is printed"
assert_contains "$ERR" "'broken.c' could not be analyzed; its metrics are missing" "exit 3: named"
assert_eq "$(printf '%s\n' "$OUT" | grep '^function,' | cut -d, -f2,3 | tr '\n' ' ')" \
    "src/loop.c,sum " "exit 3: the other unit is still measured"

# --- usage errors ------------------------------------------------------------------------------
expect_exit 2 -- "$ECG" metrics --no-db --format xml "${files[@]}" --
assert_contains "$ERR" "unknown metrics format 'xml' (expected text, csv or json)" "--format xml"
assert_eq "$OUT" "" "--format xml: nothing on stdout"
expect_exit 2 -- "$ECG" metrics --no-db --format sarif "${files[@]}" --
expect_exit 2 -- "$ECG" metrics --no-db --macros none "${files[@]}" --
assert_contains "$ERR" "unknown --macros mode 'none'" "--macros none"
expect_exit 2 -- "$ECG" metrics --no-db "${files[@]}" --format
assert_contains "$ERR" "option '--format' needs a value" "--format without a value"
expect_exit 2 -- "$ECG" metrics --no-db --baseline "${files[@]}" --
expect_exit 2 -- "$ECG" metrics --changed-since HEAD "${files[@]}" --
assert_contains "$ERR" "--changed-since does not apply to 'ecg metrics'" "check-only option"
expect_exit 2 -- "$ECG" metrics --no-such-option "${files[@]}" --
expect_exit 2 -- "$ECG" metrics --no-db -o .io/none/dir/out.csv "${files[@]}" --
assert_no_file .io/none/dir/out.csv "an output that cannot be written"
expect_exit 0 -- "$ECG" metrics --help
assert_contains "$OUT" "USAGE: ecg metrics" "--help"
expect_exit 0 -- "$ECG" help
assert_contains "$OUT" "  metrics " "ecg help lists metrics"

e2e_finish
