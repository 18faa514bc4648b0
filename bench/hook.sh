#!/usr/bin/env bash
# The `git commit` overhead of keyaudit's pre-commit hook: the same commit of 10 staged files
# (ordinary source files, 2-6 KB each, no secret) in a repository without a hook and in one with
# `keyaudit hook install`, side by side. Run by hand after `npm run build`; not part of CI timing.
#
#   bench/hook.sh            # hyperfine if installed, else a plain loop
#   RUNS=30 bench/hook.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-20}"
[ -f "$root/dist/cli/keyaudit.js" ] || { echo "run npm run build first" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/keyaudit-hook-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Benchmark a private snapshot of the build, so a rebuild of dist/ while this runs (a test suite's
# global setup, an editor) cannot break or skew it. Retried until the copy starts cleanly.
for attempt in 1 2 3 4 5; do
  rm -rf "$work/pkg" && mkdir -p "$work/pkg"
  cp -R "$root/bin" "$root/dist" "$root/package.json" "$work/pkg/"
  ln -s "$root/node_modules" "$work/pkg/node_modules"
  node "$work/pkg/bin/keyaudit.js" --version > /dev/null 2>&1 && break
  [ "$attempt" = 5 ] && { echo "the build in dist/ does not start; run npm run build" >&2; exit 2; }
  sleep 2
done
bin="$work/pkg/bin/keyaudit.js"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid
export GIT_CONFIG_NOSYSTEM=1 HOME="$work" NO_COLOR=1

make_repo() {
  local dir="$1"
  git init -q -b main "$dir"
  git -C "$dir" config commit.gpgsign false
  printf '# bench\n' > "$dir/README.md"
  git -C "$dir" add README.md
  git -C "$dir" commit -q -m base
  mkdir -p "$dir/src"
  for i in $(seq 1 10); do
    {
      printf "// module %d\nimport { readFile } from 'node:fs/promises';\n\n" "$i"
      for j in $(seq 1 $((40 + i * 8))); do
        printf 'export function handler%d_%d(input) {\n  const value = input?.field%d ?? %d;\n  return { id: "%d-%d", value };\n}\n' "$i" "$j" "$j" "$j" "$i" "$j"
      done
    } > "$dir/src/module$i.js"
  done
  git -C "$dir" add src
}

make_repo "$work/plain"
make_repo "$work/hooked"
(cd "$work/hooked" && node "$bin" hook install > /dev/null)
base_plain="$(git -C "$work/plain" rev-parse HEAD)"
base_hooked="$(git -C "$work/hooked" rev-parse HEAD)"
bytes="$(cat "$work/plain"/src/*.js | wc -c)"
echo "10 staged files, $bytes bytes; node $(node --version); $(git --version); $(nproc) CPU(s); load: $(cut -d" " -f1-3 /proc/loadavg 2>/dev/null || uptime)"

# Each run commits the 10 staged files; prepare undoes the commit and keeps them staged.
plain="git -C '$work/plain' commit -q -m bench"
hooked="git -C '$work/hooked' commit -q -m bench"
prep_plain="git -C '$work/plain' reset -q --soft $base_plain"
prep_hooked="git -C '$work/hooked' reset -q --soft $base_hooked"

if command -v hyperfine > /dev/null; then
  # The third line is keyaudit's bare start-up (no scan): how much of the hook's cost is loading.
  hyperfine ${HYPERFINE_FLAGS:-} --warmup 3 --runs "$runs" --export-markdown "$work/result.md" --export-json "$work/result.json" \
    --command-name 'git commit (no hook)' --prepare "$prep_plain" "$plain" \
    --command-name 'git commit (keyaudit hook)' --prepare "$prep_hooked" "$hooked" \
    --command-name 'keyaudit --version (start-up only)' --prepare true "node '$bin' --version"
  cat "$work/result.md"
  # CPU time (user + system) is far less sensitive to a busy machine than wall time.
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
    for (const x of r) console.log(`${x.command}: CPU ${((x.user + x.system) * 1000).toFixed(0)} ms (user ${(x.user * 1000).toFixed(0)}, system ${(x.system * 1000).toFixed(0)}), wall median ${(x.median * 1000).toFixed(0)} ms`);
  ' "$work/result.json"
else
  for name in plain hooked; do
    prep="prep_$name"
    start=$(date +%s%N)
    for _ in $(seq 1 "$runs"); do eval "${!prep}"; eval "${!name}"; done
    end=$(date +%s%N)
    echo "$name: $(( (end - start) / runs / 1000000 )) ms per commit (mean of $runs, includes the reset)"
  done
fi
