#!/usr/bin/env bash
# Builds the fuzz corpora and dictionaries from the repository's own files: corpus/<target>/ gets
# its policies, cases and scenarios plus generated deep-nesting and long-line seeds; dict/<target>
# the grammar's keywords (grammar/policy.pest) or the case keys (policies/national/vocabulary.policy).
# Idempotent: files are named by their content. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")"
root=..
add() { # add TARGET FILE...: copies each file into corpus/TARGET under its hash
  local t=$1; shift
  mkdir -p "corpus/$t"
  for f in "$@"; do cp "$f" "corpus/$t/$(sha1sum "$f" | cut -c1-16)"; done
}
gen() { # gen TARGET NAME: stdin becomes the seed corpus/TARGET/gen-NAME
  mkdir -p "corpus/$1"; cat > "corpus/$1/gen-$2"
}
rep() { printf "%${2}s" "" | sed "s/ /$1/g"; } # rep STRING N

add policy $(find "$root/policies" "$root/tests/language" "$root/tests/format" "$root/tests/diagnostics" \
  "$root/docs/guide" "$root/examples" -name '*.policy')
add case $(find "$root/examples" "$root/tests/language" "$root/tests/diagnostics" "$root/docs/guide" \
  -name '*.yaml' -o -name '*.json' | grep -v scenario)
add scenario $(find "$root/tests/scenarios" "$root/docs/guide" -name '*.yaml' | grep scenario)

# Deep nesting and long lines, below the depths and columns known to crash (issue 14, items 1 and 2)
# so the fuzzer starts from them rather than stopping on them.
head='measures fuzz-deep { title "深" "deep" }
fact a: bool "甲" "a"
conclusion c: bool = false "丙" "c"
decision { a c }
'
{ echo "$head"; echo "article 1 \"一\" \"one\" { rule r when $(rep '(' 300)a$(rep ')' 300) then c = true }"; } | gen policy parens
{ echo "$head"; echo "article 1 \"一\" \"one\" { rule r when $(rep 'not ' 300)a then c = true }"; } | gen policy nots
{ echo "$head"; echo "article 1 \"一\" \"one\" { rule r when a$(rep ' and a' 2000) then c = true }"; } | gen policy and-chain
{ echo "$head"; echo "article 1 \"$(rep '长' 20000)\" \"$(rep 'x' 60000)\" { rule r when a then c = true }"; } | gen policy long-line
{ printf '%s' "$(rep '{"a":' 12)1$(rep '}' 12)"; } | gen case deep-json
# A line of JSON Lines (as benches/corpus.rs writes them), for the fast way in and the YAML reader
# to be compared on.
printf '%s' '{"case":"2024-b1-0000000","conduct_date":"2024-11-12","decision_date":"2025-08-15","unit":{"name":"某镇人力资源和社会保障局","kind":"state_owned_enterprise"},"responsibility":"individual","harm":"minor","impact":"major","conduct":{"perfunctory_or_buck_passing":true,"harmed_party_people_relations":true,"serious_consequences":true},"history":[{"measure":"notification","rectified_in_time":true,"date":"2024-03-21","people":["马海燕","朱志勇","马强"],"escalated":true},{"measure":"admonishment","rectified_in_time":false,"date":"2024-05-15","people":["马强"]}],"people":[{"name":"马海燕","role":"leader_in_charge","opposed":false},{"name":"朱志勇","role":"staff_in_charge"},{"name":"马强","role":"principal_leader"}]}' | gen case json-line
{ printf 'case: x\nconduct_date: 2020-01-01\nunit: {name: %s, kind: court}\n' "$(rep 'x' 60000)"; } | gen case long-line
{ printf 'people:\n'; for i in $(seq 1 200); do printf '  - {name: p%d, role: staff_in_charge}\n' "$i"; done; } | gen case many-people
{ printf 'name: deep\ncase: {harm: %sminor%s}\nexpect: {accountable: true}\n' "$(rep '[' 12)" "$(rep ']' 12)"; } | gen scenario deep
{ printf 'name: %s\ncase: {}\nexpect: {rung: %s}\n' "$(rep 'n' 60000)" "$(rep 'r' 1000)"; } | gen scenario long-line

# Dictionaries: libFuzzer's format, one quoted token a line.
mkdir -p dict
quote() { sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/'; }
{ grep -oE '"[a-z_]+"' "$root/grammar/policy.pest" | tr -d '"'
  printf '%s\n' '{' '}' '(' ')' '[' ']' '==' '!=' '<=' '>=' '+' '-' '//' ':' ',' '=' '"' '2016-10-08'
} | sort -u | quote > dict/policy
keys=$(grep -oE '\b[a-z_][a-z_0-9]*\s*:' "$root/policies/national/vocabulary.policy" | tr -d ' :' | sort -u)
members=$(grep -oE '^\s+[a-z_][a-z_0-9]*\s+"' "$root/policies/national/vocabulary.policy" | tr -d ' "' | sort -u)
yaml=$(printf '%s\n' ': ' '- ' '---' '{' '}' '[' ']' '~' 'null' 'true' 'false' '&a' '*a' '!!str' '? ' '|' '>' \
  '2016-10-08' '"' "'" '#')
{ printf '%s\n' $keys; printf '%s\n' $members; printf '%s\n' "$yaml"; } | sort -u | quote > dict/case
{ cat dict/case; printf '%s\n' name layers case expect why people measures | quote
  find "$root/policies" -name '*.policy' | sed 's|^\.\./||' | quote; } | sort -u > dict/scenario
echo "corpus: $(ls corpus/policy | wc -l) policy, $(ls corpus/case | wc -l) case, $(ls corpus/scenario | wc -l) scenario seeds"
