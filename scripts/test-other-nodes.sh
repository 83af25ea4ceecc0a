#!/usr/bin/env bash
# Run: bash scripts/test-other-nodes.sh REPORT_FOLDER   (after `npm test`, which builds dist/)
# concur-tui supports Node >= 20; the machines here run 20, on which the whole suite runs. This
# runs what depends on the Node version, the install test and the engine tests, on Node 22 and
# 24 too: each version's `node` package from the npm registry goes into a temporary folder of its
# own (never a devDependency: its `node` would come first on every npm script's PATH).
set -uo pipefail
cd "$(dirname "$0")/.."
reports=${1:?usage: test-other-nodes.sh REPORT_FOLDER}
status=0
for version in 22 24; do
	folder=$(mktemp -d)
	if ! npm install --prefix "$folder" --no-audit --no-fund --silent "node@$version"; then
		echo "could not install node@$version"
		echo '{"numPassedTests":0,"numFailedTests":1}' > "$reports/node$version.json"
		status=1
		continue
	fi

	node_bin="$folder/node_modules/node/bin/node"
	echo "== Node $("$node_bin" --version): the install test and the engine tests"
	"$node_bin" node_modules/vitest/vitest.mjs run test/package.test.ts test/engines.test.ts test/os-threads.test.ts \
		--reporter=default --reporter=json --outputFile.json="$reports/node$version.json" || status=1
	rm -rf "$folder"
done
exit $status
