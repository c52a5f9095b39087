#!/usr/bin/env bash
# Vendors Sveltia CMS (the /admin/ editor) into bkm_site/vendor/sveltia-cms/ from the npm registry,
# with the fonts its stylesheet names, so the admin page loads nothing from a CDN.
#
#   bash scripts/update-sveltia.sh 0.221.1
#
# Each tarball is checked against the registry's sha512 integrity before anything is copied;
# VERSION, SOURCE (package, version, integrity of every tarball) and SHA256SUMS (of every
# vendored file, checked by the tests) are rewritten. Needs npm, tar, sha256sum, python3.
set -euo pipefail

version="${1:?usage: $0 VERSION (e.g. 0.221.1; npm view @sveltia/cms version shows the latest)}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/bkm_site/vendor/sveltia-cms"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# fetch PACKAGE@VERSION: npm pack it into $work, verify it, unpack it into $work/<name>/package.
fetch() {
    local spec="$1" name tgz integrity actual
    name="$(echo "$spec" | tr '/@:' '___')"
    tgz="$(cd "$work" && npm pack --silent "$spec")"
    integrity="$(npm view "$spec" dist.integrity)"
    actual="sha512-$(openssl dgst -sha512 -binary "$work/$tgz" | base64 -w0)"
    if [ "$integrity" != "$actual" ]; then
        echo "error: $spec: tarball integrity $actual does not match the registry's $integrity" >&2
        exit 1
    fi
    mkdir -p "$work/$name"
    tar xzf "$work/$tgz" -C "$work/$name"
    echo "$spec $integrity" >> "$work/SOURCE"
    echo "$work/$name/package"
}

cms="$(fetch "@sveltia/cms@$version")"
new="$work/vendor"
mkdir -p "$new/fonts"
cp "$cms/dist/sveltia-cms.js" "$new/sveltia-cms.js"
cp "$cms/LICENSE.txt" "$new/LICENSE.txt"
# Sveltia's own JSON Schema of config.yml: the tests validate the generated configuration with it.
cp "$cms/schema/sveltia-cms.json" "$new/sveltia-cms.schema.json"

# The bundle's stylesheet names its fonts by Fontsource CDN address, e.g.
#   https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2
# which is file files/source-sans-3-latin-wght-normal.woff2 of npm @fontsource-variable/source-sans-3@5.3.0
# (no ":vf": @fontsource/<name>). fonts.json maps each address to the vendored copy.
urls="$(grep -o 'https://cdn\.jsdelivr\.net/fontsource/fonts/[^)"`'"'"' ]*\.woff2' "$new/sveltia-cms.js" | sort -u)"
if [ -z "$urls" ]; then
    echo "error: no Fontsource font address found in sveltia-cms.js $version; check how this version loads fonts" >&2
    exit 1
fi
echo "{" > "$new/fonts.json"
first=1
for url in $urls; do
    rest="${url#https://cdn.jsdelivr.net/fontsource/fonts/}"
    family="${rest%%@*}"
    fversion="${rest#*@}"
    fversion="${fversion%%/*}"
    file="${rest##*/}"
    if [ "${family%:vf}" != "$family" ]; then
        family="${family%:vf}"
        package="@fontsource-variable/$family"
    else
        package="@fontsource/$family"
    fi
    font="$(fetch "$package@$fversion")"
    cp "$font/files/$family-$file" "$new/fonts/$family-$file"
    cp "$font/LICENSE" "$new/fonts/LICENSE-$family.txt"
    [ $first = 1 ] || echo "," >> "$new/fonts.json"
    first=0
    printf '  "%s": "fonts/%s"' "$url" "$family-$file" >> "$new/fonts.json"
done
printf '\n}\n' >> "$new/fonts.json"

echo "$version" > "$new/VERSION"
cp "$work/SOURCE" "$new/SOURCE"
(cd "$new" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)

rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
cp -r "$new" "$DEST"
echo "Sveltia CMS $version vendored in ${DEST#"$ROOT"/}:" >&2
cat "$DEST/SOURCE" >&2
