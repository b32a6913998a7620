#!/bin/sh
# Re-records the API baseline (baseline/repository) from the bundles of the current build.
#
#   mvn -B install -DskipTests     # or package: the bundle jars in */target and */*/target
#   tools/baseline/refresh.sh
#
# Every module jar with a Bundle-SymbolicName is recorded as org.hashgrid:<artifactId>:<new version>,
# keeping its manifest and classes only (the baseline compares exported packages; resources such
# as the embedded PostgreSQL archive would only weigh on the repository). The new version, written
# into the parent pom's hashgrid.baseline.version, differs at every recording so that a local
# repository that resolved an earlier baseline never serves it again. Commit baseline/ and pom.xml.
# See tools/baseline/README.md.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
repo="$root/baseline/repository"
version="0.0.0-$(date -u +%Y%m%d%H%M%S)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the project version, from the parent pom (the first <version> after hashgrid-parent)
project_version=$(sed -n '/<artifactId>hashgrid-parent<\/artifactId>/,/<\/version>/s/.*<version>\(.*\)<\/version>.*/\1/p' "$root/pom.xml" | head -n 1)
[ -n "$project_version" ] || { echo "refresh.sh: no project version in $root/pom.xml" >&2; exit 1; }

mkdir -p "$work/new"
count=0
for jar in "$root"/*/target/*-"$project_version".jar "$root"/*/*/target/*-"$project_version".jar; do
    [ -f "$jar" ] || continue
    rm -rf "$work/x" && mkdir "$work/x"
    (cd "$work/x" && jar xf "$jar")
    grep -q '^Bundle-SymbolicName:' "$work/x/META-INF/MANIFEST.MF" 2>/dev/null || continue
    props=$(ls "$work"/x/META-INF/maven/*/*/pom.properties 2>/dev/null | head -n 1)
    [ -n "$props" ] || { echo "refresh.sh: no pom.properties in $jar" >&2; exit 1; }
    group=$(sed -n 's/^groupId=//p' "$props" | tr -d '\r')
    artifact=$(sed -n 's/^artifactId=//p' "$props" | tr -d '\r')
    [ "$(basename "$jar")" = "$artifact-$project_version.jar" ] || continue

    dir="$work/new/$(echo "$group" | tr . /)/$artifact/$version"
    mkdir -p "$dir"
    mv "$work/x/META-INF/MANIFEST.MF" "$work/manifest"
    find "$work/x" -type f ! -name '*.class' -delete
    find "$work/x" -depth -type d -empty -delete
    mkdir -p "$work/x"
    # fixed entry dates: an unchanged API records the same bytes
    jar --create --file "$dir/$artifact-$version.jar" --manifest "$work/manifest" \
        --date 2000-01-01T00:00:02Z -C "$work/x" .
    cat > "$dir/$artifact-$version.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>$group</groupId>
  <artifactId>$artifact</artifactId>
  <version>$version</version>
  <description>API baseline of $artifact, recorded from $project_version by tools/baseline/refresh.sh</description>
</project>
POM
    echo "recorded $group:$artifact:$version from $(echo "$jar" | sed "s|^$root/||")"
    count=$((count + 1))
done
[ "$count" -gt 0 ] || { echo "refresh.sh: no bundle jar of version $project_version; run mvn install first" >&2; exit 1; }

rm -rf "$repo"
mkdir -p "$(dirname "$repo")"
mv "$work/new" "$repo"
sed -i "s|<hashgrid.baseline.version>[^<]*</hashgrid.baseline.version>|<hashgrid.baseline.version>$version</hashgrid.baseline.version>|" "$root/pom.xml"
grep -q "<hashgrid.baseline.version>$version</hashgrid.baseline.version>" "$root/pom.xml" \
    || { echo "refresh.sh: could not set hashgrid.baseline.version in $root/pom.xml" >&2; exit 1; }
echo "baseline $version: $count bundles in ${repo#$root/}; commit baseline/ and pom.xml"
