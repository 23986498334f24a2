#!/usr/bin/env bash
# Drives the real `cairn` binary: success paths, output, and exit codes.
set -u
cairn="$1"
passed=0
failed=0

check() {  # check NAME EXPECTED_EXIT COMMAND... ; leaves output in $out
  local name=$1 expected=$2
  shift 2
  out=$("$@" 2>&1)
  local code=$?
  if [ "$code" -eq "$expected" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $code, expected $expected"
    echo "$out" | head -20
  fi
}

contains() {  # contains NAME TEXT
  if grep -qF -- "$2" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $1: output lacks '$2'"
  fi
}

check "demo" 0 "$cairn" demo --now 2026-11-22T09:00:00Z --no-color
contains "demo mission" "Mission  Help small software teams ship work they are proud of."
contains "demo period" "Q4 2026  2026-10-01 – 2026-12-31  as of 2026-11-22T09:00:00Z"
contains "demo company objective" "Delight our customers with a product they recommend"
contains "demo cascaded sum" "sum of the key results below"
contains "demo closed quarter" "Q3 2026 scores"
contains "demo override" "overridden from"
contains "demo sign-in" "maya@larkspur.example"
if grep -q $'\x1b\[' <<<"$out"; then
  failed=$((failed + 1)); echo "FAIL demo --no-color printed colour codes"
else
  passed=$((passed + 1))
fi

check "demo as of" 0 "$cairn" demo --now 2026-11-22T09:00:00Z --as-of 2026-10-02T00:00:00Z --no-color
contains "demo as of period" "as of 2026-10-02T00:00:00Z"
contains "demo as of not started" "not started"

check "demo before it existed" 1 "$cairn" demo --now 2026-11-22T09:00:00Z --as-of 2020-01-01T00:00:00Z
contains "demo before it existed message" "did not exist yet"
check "demo bad --now" 2 "$cairn" demo --now yesterday
contains "demo bad --now message" "--now must be an RFC 3339 instant"
check "no subcommand" 2 "$cairn"
check "unknown subcommand" 2 "$cairn" frobnicate
check "help" 0 "$cairn" --help
contains "help lists demo" "demo"
check "version" 0 "$cairn" --version
contains "version text" "cairn 0.1.0"

# A stored demo, then backup, restore and copy on it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check "stored demo" 0 "$cairn" demo --database "$work/cairn.db" --now 2026-11-22T09:00:00Z --no-color
contains "stored demo where" "stored in $work/cairn.db"
first=$out
check "stored demo again" 0 "$cairn" demo --database "$work/cairn.db" --now 2026-11-22T09:00:00Z --no-color
if [ "$out" = "$first" ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL stored demo: the second start printed something else"; fi

check "backup" 0 "$cairn" backup --database "$work/cairn.db" -o "$work/backup.db"
contains "backup report" "1 organisation(s)"
check "backup never overwrites" 1 "$cairn" backup --database "$work/cairn.db" -o "$work/backup.db"
contains "backup never overwrites message" "exists already"
check "backup needs a sqlite store" 2 "$cairn" backup --database postgresql://localhost/x -o "$work/x.db"
check "backup needs -o" 2 "$cairn" backup --database "$work/cairn.db"
check "restore" 0 "$cairn" restore --database "$work/restored.db" "$work/backup.db"
check "restored demo" 0 "$cairn" demo --database "$work/restored.db" --now 2026-11-22T09:00:00Z --no-color
contains "restored demo tree" "Delight our customers with a product they recommend"
echo "not a database" > "$work/junk.db"
check "restore refuses junk" 1 "$cairn" restore --database "$work/restored.db" "$work/junk.db"
check "copy" 0 "$cairn" copy --from "$work/cairn.db" --to "$work/copy.db"
contains "copy report" "Copied larkspur:"
check "copy twice is refused" 1 "$cairn" copy --from "$work/cairn.db" --to "$work/copy.db"
contains "copy twice message" "already"
check "copy unknown organisation" 1 "$cairn" copy --from "$work/cairn.db" --to "$work/c2.db" --organization nope

check "bench generate" 0 "$cairn" bench generate --database "$work/bench.db" --people 300
contains "bench generate report" "check-ins"
check "bench load" 0 "$cairn" bench load --database "$work/bench.db"
contains "bench load report" "Cold start of"
check "token create" 0 "$cairn" token create --database "$work/cairn.db" --organization larkspur --email maya@larkspur.example --name ci
contains "token printed" "cairn_"
check "token unknown person" 1 "$cairn" token create --database "$work/cairn.db" --organization larkspur --email nobody@example.com
contains "token unknown person message" "nobody@example.com"
check "token unknown organisation" 1 "$cairn" token create --database "$work/cairn.db" --organization nope --email maya@larkspur.example
check "token needs the email" 2 "$cairn" token create --database "$work/cairn.db" --organization larkspur
check "bench bad workload" 2 "$cairn" bench generate --database "$work/b.db" --workload huge

# init and migrate work on a store without a server.
check "init empty" 0 "$cairn" init --database "$work/init.db"
contains "init empty says how to set up" "POST /api/v1/setup"
check "init demo" 0 "$cairn" init --database "$work/init-demo.db" --demo
contains "init demo sign-in" "maya@larkspur.example"
contains "init demo token" "cairn_"
check "init demo again keeps it" 0 "$cairn" init --database "$work/init-demo.db" --demo
check "init demo again is one organisation" 0 "$cairn" copy --from "$work/init-demo.db" --to "$work/init-copy.db"
if [ "$(grep -c '^Copied' <<<"$out")" -eq 1 ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL init --demo twice made more than one organisation"; fi
check "init existing" 0 "$cairn" init --database "$work/init-demo.db"
contains "init existing says so" "already holds an organisation"
check "init needs a store" 2 env -u CAIRN_DATABASE_URL "$cairn" init
check "init from the environment" 0 env CAIRN_DATABASE_URL="$work/env.db" "$cairn" init
check "init unreachable" 1 "$cairn" init --database "$work/no/such/folder/x.db"
check "migrate" 0 "$cairn" migrate --database "$work/init.db"
contains "migrate version" "schema version"
echo "not a database" > "$work/junk2.db"
check "migrate junk" 1 "$cairn" migrate --database "$work/junk2.db"

# People on a store, without a server.
check "user add" 0 sh -c "echo 'a long enough passphrase' | '$cairn' user add --database '$work/cairn.db' --organization larkspur --email zoe@larkspur.example --name Zoe --role viewer --password-stdin"
contains "user add says so" "Added zoe@larkspur.example (viewer) to larkspur, with a password"
check "user list" 0 "$cairn" user list --database "$work/cairn.db" --organization larkspur
contains "user list shows the new person" $'zoe@larkspur.example\tZoe\tviewer\tyes'
contains "user list shows the demo admin" "maya@larkspur.example"
check "user list json" 0 "$cairn" user list --database "$work/cairn.db" --organization larkspur --json
contains "user list json person" '"email":"zoe@larkspur.example","name":"Zoe","role":"viewer","active":true}'
check "user add twice" 1 "$cairn" user add --database "$work/cairn.db" --organization larkspur --email zoe@larkspur.example
contains "user add twice message" "exists already"
check "user add bad role" 2 "$cairn" user add --database "$work/cairn.db" --organization larkspur --email x@larkspur.example --role owner
check "user add unknown organisation" 1 "$cairn" user add --database "$work/cairn.db" --organization nope --email x@larkspur.example
check "user passwd" 0 sh -c "echo 'another long passphrase' | '$cairn' user passwd --database '$work/cairn.db' --organization larkspur --email zoe@larkspur.example"
check "user passwd common password" 1 sh -c "echo 'iloveyou' | '$cairn' user passwd --database '$work/cairn.db' --organization larkspur --email zoe@larkspur.example"
contains "user passwd common password message" "common"
check "user passwd unknown person" 1 sh -c "echo 'another long passphrase' | '$cairn' user passwd --database '$work/cairn.db' --organization larkspur --email nobody@larkspur.example"
check "user passwd needs stdin" 2 sh -c "'$cairn' user passwd --database '$work/cairn.db' --organization larkspur --email zoe@larkspur.example < /dev/null"

# OKRs as code: export → import into a new store → export is byte-identical.
check "init for export" 0 "$cairn" init --database "$work/x.db" --demo
check "export yaml" 0 "$cairn" export --database "$work/x.db" -o "$work/x.yaml"
contains "export summary" "13 objectives, 37 key results,"
check "export json to stdout" 0 "$cairn" export --database "$work/x.db" --format json
contains "export json format" '"format": "cairn-okrs/1"'
check "export one period" 0 "$cairn" export --database "$work/x.db" --period "Q4 2026"
contains "export period" "name: Q4 2026"
check "export unknown period" 1 "$cairn" export --database "$work/x.db" --period "Q9 1999"
contains "export unknown period message" "no period is called Q9 1999"
check "export bad format" 2 "$cairn" export --database "$work/x.db" --format toml
check "import dry run" 0 "$cairn" import --database "$work/y.db" --dry-run "$work/x.yaml"
contains "import dry run says so" "nothing was changed"
check "import" 0 "$cairn" import --database "$work/y.db" "$work/x.yaml"
contains "import counts" "1 KPI, 13 objectives, 37 key results and"
contains "import organisation" "check-ins into larkspur-labs"
check "export again" 0 "$cairn" export --database "$work/y.db" -o "$work/y.yaml"
if cmp -s "$work/x.yaml" "$work/y.yaml"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL round trip: the second export differs"
  diff "$work/x.yaml" "$work/y.yaml" | head -10
fi
# A malformed document: every problem with its line; nothing is imported.
sed -e 's/^    role: admin$/    rol: admin/' -e '0,/owner: priya@larkspur.example/s//owner: nobody@larkspur.example/' \
  "$work/x.yaml" > "$work/bad.yaml"
check "import problems" 1 "$cairn" import --database "$work/z.db" "$work/bad.yaml"
contains "import unknown field with line" "bad.yaml:32: /people/0/rol: is not a field here"
contains "import unknown person" "no person with the email nobody@larkspur.example"
contains "import nothing imported" "nothing was imported"
check "import problems as json" 1 "$cairn" import --database "$work/z.db" --json "$work/bad.yaml"
contains "import json problems" '"problems":[{"line":32,"path":"/people/0/rol"'
check "import leaves no organisation behind" 1 "$cairn" export --database "$work/z.db"
contains "no organisation" "holds no organisation"
printf 'people:\n  - email: [a\n' > "$work/broken.yaml"
check "import syntax error" 1 "$cairn" import --database "$work/z.db" "$work/broken.yaml"
contains "import syntax error line" "line 3: malformed YAML"
check "import missing file" 1 "$cairn" import --database "$work/z.db" "$work/none.yaml"
contains "import missing file says so" "cannot read $work/none.yaml"
mkdir "$work/folder.yaml"
check "import a folder" 1 "$cairn" import --database "$work/z.db" "$work/folder.yaml"
contains "import a folder says so" "cannot read $work/folder.yaml"
: >"$work/empty.json"
check "import an empty file" 1 "$cairn" import --database "$work/z.db" "$work/empty.json"
contains "import an empty file says why" "empty.json: line 1: malformed JSON"
check "import without store" 2 env -u CAIRN_DATABASE_URL "$cairn" import "$work/x.yaml"

# Spreadsheets: a period as CSV and XLSX; the plain layout imported with an
# error per row; the exported sheet imports back without changing anything.
check "export csv" 0 "$cairn" export --database "$work/x.db" --format csv --period "Q4 2026"
contains "export csv header" '"Objective ID","Objective","Objective owner","Unit"'
contains "export csv row" '"Increase NPS from 30 to 50","maya@larkspur.example","metric","30","50"'
check "export xlsx needs a file" 2 "$cairn" export --database "$work/x.db" --format xlsx
check "export xlsx" 0 "$cairn" export --database "$work/x.db" --format xlsx -o "$work/q4.xlsx"
if [ "$(head -c 2 "$work/q4.xlsx")" = "PK" ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL export xlsx is not a zip archive"; fi
check "export csv file" 0 "$cairn" export --database "$work/x.db" --format csv -o "$work/q4.csv"
check "import the exported csv" 0 "$cairn" import --database "$work/x.db" "$work/q4.csv"
contains "import csv changes nothing" "0 objectives, 0 key results and 0 check-ins"
printf 'Objective,Key result,Owner,Unit,Start,Target,Current\nShip it,Reach 1000 installs,Nobody Here,Product team,0,1000,120\nShip it,Publish,priya@larkspur.example,Atlantis,0,2,1\n' > "$work/plain.csv"
check "import csv problems" 1 "$cairn" import --database "$work/x.db" "$work/plain.csv"
contains "import csv row 2" "plain.csv:2: owner: nobody is called Nobody Here"
contains "import csv row 3" "plain.csv:3: unit: no unit is called Atlantis"
printf 'Objective,Key result,Owner,Unit,Start,Target,Current\nShip it,Reach 1000 installs,Priya Raman,Product team,0,1000,120\n' > "$work/plain.csv"
check "import csv" 0 "$cairn" import --database "$work/x.db" "$work/plain.csv"
contains "import csv counts" "1 objectives, 1 key results and 1 check-ins"

# Bad serve options: a clear error at start, before the store is touched.
check "serve idle 0" 2 "$cairn" serve --database "$work/never.db" --session-idle-minutes 0
contains "serve idle 0 message" "--session-idle-minutes"
check "serve max hours text" 2 "$cairn" serve --database "$work/never.db" --session-max-hours soon
contains "serve max hours text message" "--session-max-hours"
check "serve idle over absolute" 2 "$cairn" serve --database "$work/never.db" \
  --session-idle-minutes 120 --session-max-hours 1
contains "serve idle over absolute message" \
  "--session-idle-minutes must not be longer than --session-max-hours"
check "serve max connections 0" 2 "$cairn" serve --database "$work/never.db" --max-connections 0
contains "serve max connections 0 message" "--max-connections"
check "serve per address 0" 2 "$cairn" serve --database "$work/never.db" \
  --max-connections-per-address 0
check "serve trusted proxy name" 2 "$cairn" serve --database "$work/never.db" \
  --trusted-proxy proxy.example
contains "serve trusted proxy name message" \
  "--trusted-proxy proxy.example is neither an IP address (10.0.0.2) nor a range"
check "serve trusted proxy range" 2 "$cairn" serve --database "$work/never.db" \
  --trusted-proxy 10.0.0.0/8,10.0.0.1/33
contains "serve trusted proxy range message" "--trusted-proxy 10.0.0.1/33 is neither"
if [ -e "$work/never.db" ]; then
  failed=$((failed + 1)); echo "FAIL bad serve options created the store"
else
  passed=$((passed + 1))
fi

# Against a running server: check-in, status and report with an API token.
"$cairn" serve --database "$work/srv.db" --demo --listen 127.0.0.1:0 > "$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$work/serve.log" | tail -1)
token=$(grep -o "cairn_[A-Za-z0-9_-]*" "$work/serve.log" | head -1)
check "check-in by title" 0 "$cairn" check-in "Increase NPS" 41 --confidence 7 --note "CLI" \
  --server "$url" --token "$token" --no-color
contains "check-in says what moved" "Checked in 41 on Increase NPS from 30 to 50"
contains "check-in objective line" "objective"
check "check-in json" 0 env CAIRN_SERVER="$url" CAIRN_TOKEN="$token" "$cairn" check-in kr_6 42 --json
contains "check-in json answer" '"check_in":{'
check "check-in unknown key result" 1 env CAIRN_SERVER="$url" CAIRN_TOKEN="$token" \
  "$cairn" check-in "No such key result" 1
contains "check-in unknown message" 'no key result you may see is called "No such key result"'
check "check-in not a number" 2 env CAIRN_SERVER="$url" CAIRN_TOKEN="$token" \
  "$cairn" check-in kr_6 lots
check "check-in refused value" 1 env CAIRN_SERVER="$url" CAIRN_TOKEN="$token" \
  "$cairn" check-in kr_6 42 --note "$(head -c 20000 /dev/zero | tr '\0' x)"
check "check-in bad token" 4 "$cairn" check-in kr_6 42 --server "$url" --token cairn_wrong
contains "check-in bad token message" "refused the API token"
check "check-in no token" 4 env -u CAIRN_TOKEN HOME="$work" "$cairn" check-in kr_6 42 --server "$url"
check "check-in no server" 3 "$cairn" check-in kr_6 42 --server http://127.0.0.1:9 --token "$token"
contains "check-in no server message" "cannot reach the server at http://127.0.0.1:9"
printf 'server = "%s"\ntoken = "%s"\n' "$url" "$token" > "$work/cli.toml"
check "status from the config file" 0 env CAIRN_CONFIG="$work/cli.toml" "$cairn" status --no-color
contains "status mine" "Key results I own"
contains "status numbers" "42 / 50 NPS"
check "status of a unit" 0 env CAIRN_CONFIG="$work/cli.toml" "$cairn" status --unit "Product team" --no-color
contains "status unit objective" "Make onboarding effortless"
check "status unknown unit" 1 env CAIRN_CONFIG="$work/cli.toml" "$cairn" status --unit Atlantis
check "report" 0 env CAIRN_CONFIG="$work/cli.toml" "$cairn" report --no-color
contains "report progress" "Company progress"
contains "report counts" "Objectives and key results:"
check "report json" 0 env CAIRN_CONFIG="$work/cli.toml" "$cairn" report --json
contains "report json counts" '"status_counts":{'
printf 'server = "unclosed\n' > "$work/bad.toml"
check "malformed config" 2 env CAIRN_CONFIG="$work/bad.toml" "$cairn" status
kill "$server_pid" 2>/dev/null
wait "$server_pid" 2>/dev/null

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
