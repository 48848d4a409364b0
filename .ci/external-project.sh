#!/usr/bin/env bash
# Issue 12 acceptance 5: a Maven project outside this repository depends on the installed ganeval4j-plugin exactly
# as the README says, compiles the README's listener snippet as written and runs it offline for a few iterations.
# Needs the repository built (mvn package) and GANEVAL4J_ASSETS set; runs in a temporary folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/.ci/external-project/." "$tmp/"
# the README's snippet: the java block after the line <!-- snippet: ListenerSnippet.java -->
python3 - "$root/README.md" "$tmp/src/main/java/ListenerSnippet.java" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
marker = "<!-- snippet: ListenerSnippet.java -->"
if marker not in text:
    sys.exit("README.md has no " + marker)
block = text.split(marker, 1)[1].split("```java\n", 1)[1].split("```", 1)[0]
open(sys.argv[2], "w", encoding="utf-8").write(block)
PY
echo "external project: installing ganeval4j (the README's install step)"
(cd "$root" && mvn -B -q install -DskipTests)
java -jar "$root/reference-stats/target/ganeval4j.jar" stats "$GANEVAL4J_ASSETS/datasets/mnist/t10k-images-idx3-ubyte.gz" \
  --limit 500 -o "$tmp/mnist-reference.npz" >/dev/null
cd "$tmp"
mvn -B -q package
mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt >/dev/null
java -cp "target/classes:$(cat cp.txt)" MyGanMain "$tmp/mnist-reference.npz" "$tmp/run" 3
