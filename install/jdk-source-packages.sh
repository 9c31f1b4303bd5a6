# Sourced by install.sh and test.sh.
# Debian's JDK packages link lib/src.zip to the openjdk-N-source package; without it the link is
# broken and inspect (shift-tab) has no Javadoc for JDK classes. Prints the packages that are missing.
jdk_source_packages() {
  local zip name
  for zip in /usr/lib/jvm/java-*-openjdk-*/lib/src.zip; do
    [[ -L "$zip" && ! -e "$zip" ]] || continue
    name="$(basename "$(dirname "$(dirname "$zip")")")"   # java-17-openjdk-amd64
    name="${name#java-}"; echo "openjdk-${name%%-*}-source"
  done | sort -u
}
