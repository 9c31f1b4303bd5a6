#!/usr/bin/env bash
# Installs (or removes) the perfkernel Jupyter kernelspec "java-perf". Safe to run again.
set -euo pipefail

NAME="java-perf"
DISPLAY_NAME="Java (perf)"
APT_PACKAGES=(jupyter-client python3-jupyter-kernel-test jupyter-nbconvert python3-nbclient jupyter-console)
PYTHON="${PERFKERNEL_PYTHON:-/usr/bin/python3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

usage() {
  cat <<USAGE
Usage: install/install.sh [options]

Installs the Jupyter kernelspec "$NAME" ("$DISPLAY_NAME").

Where (default: the user's Jupyter data dir, e.g. ~/.local/share/jupyter/kernels/$NAME):
  --user            install for the current user (default)
  --sys-prefix      install into the Python's sys.prefix (share/jupyter/kernels)
  --prefix DIR      install into DIR/share/jupyter/kernels

What:
  --uninstall       remove the kernelspec from the chosen location
  --install-deps    as root on Debian/Ubuntu: apt-get install the Jupyter packages if missing,
                    and openjdk-N-source where a Debian JDK's src.zip link is broken (Javadoc in inspect)
  --build-dir DIR   where perfkernel.jar, perfkernel-engine.jar and lib/ are (default: kernel/target)
  --no-build        fail instead of running Maven when the jar is missing
  --no-cds          skip the class-data-sharing archive (a ~20 MB file made by one training
                    run of the kernel, ~5 s; it makes the kernel start faster)
  --quiet           print only errors
  -h, --help        this text

Environment read by the installed launcher:
  PERFKERNEL_JAVA_HOME    JDK that runs the kernel and the JShell engine (default: JAVA_HOME, then java on PATH)
  PERFKERNEL_KERNEL_OPTS  extra JVM options of the kernel process
  PERFKERNEL_PYTHON       Python with jupyter_client used by this script and demo.sh (default: /usr/bin/python3;
                          install/test.sh sets its .venv/bin/python)
USAGE
}

mode=user prefix="" uninstall=0 install_deps=0 build_dir="$repo/kernel/target" build=1 quiet=0 cds=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --user) mode=user ;;
    --sys-prefix) mode=sys-prefix ;;
    --prefix) [[ $# -ge 2 ]] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }
              mode=prefix; prefix="$2"; shift ;;
    --uninstall) uninstall=1 ;;
    --install-deps) install_deps=1 ;;
    --build-dir) [[ $# -ge 2 ]] || { echo "install.sh: --build-dir needs a directory" >&2; exit 2; }
                 build_dir="$2"; shift ;;
    --no-build) build=0 ;;
    --no-cds) cds=0 ;;
    --quiet) quiet=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { [[ $quiet == 1 ]] || echo "$@"; }
die() { echo "install.sh: $*" >&2; exit 1; }

have_jupyter() { "$PYTHON" -c 'import jupyter_client, nbconvert' >/dev/null 2>&1; }

# shellcheck source=jdk-source-packages.sh
source "$here/jdk-source-packages.sh"

apt_install() {
  [[ $(id -u) == 0 ]] || die "--install-deps needs root (try: sudo $0 --install-deps)"
  say "Installing $* with apt-get"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

check_jupyter() {
  local sources
  mapfile -t sources < <(jdk_source_packages)
  if have_jupyter; then
    [[ $install_deps == 1 && ${#sources[@]} -gt 0 && -r /etc/debian_version ]] && apt_install "${sources[@]}"
    return 0
  fi
  if [[ -r /etc/debian_version ]]; then
    if [[ $install_deps == 1 ]]; then
      apt_install "${APT_PACKAGES[@]}" "${sources[@]}"
      have_jupyter || die "$PYTHON still cannot import jupyter_client and nbconvert after apt-get install"
      return 0
    fi
    die "$PYTHON cannot import jupyter_client and nbconvert. On Debian/Ubuntu install the Jupyter packages:
    sudo apt-get install ${APT_PACKAGES[*]} ${sources[*]}
or run this script as root with --install-deps."
  fi
  die "$PYTHON cannot import jupyter_client and nbconvert. Install Jupyter (e.g. pip install jupyter_client nbconvert) or set PERFKERNEL_PYTHON to a Python that has it."
}

java_cmd() {
  if [[ -n "${PERFKERNEL_JAVA_HOME:-}" ]]; then echo "$PERFKERNEL_JAVA_HOME/bin/java"
  elif [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then echo "$JAVA_HOME/bin/java"
  else echo java; fi
}

check_java() {
  local java="java"
  if [[ -n "${PERFKERNEL_JAVA_HOME:-}" ]]; then java="$PERFKERNEL_JAVA_HOME/bin/java"
  elif [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then java="$JAVA_HOME/bin/java"; fi
  command -v "$java" >/dev/null 2>&1 || die "no java found ($java). Install a JDK >= 17 (Debian: sudo apt-get install openjdk-17-jdk) or set PERFKERNEL_JAVA_HOME."
  local version major
  version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  major="${version%%.*}"
  [[ "$major" =~ ^[0-9]+$ ]] || die "cannot tell the version of $java"
  (( major >= 17 )) || die "$java is Java $version; perfkernel needs Java >= 17 (set PERFKERNEL_JAVA_HOME to a newer JDK)."
  "$java" --list-modules 2>/dev/null | grep -q '^jdk.jshell' || die "$java has no jdk.jshell module: install a full JDK, not a JRE."
}

kernels_dir() {
  case "$mode" in
    prefix) echo "$prefix/share/jupyter/kernels" ;;
    sys-prefix) "$PYTHON" -c 'import sys, os; print(os.path.join(sys.prefix, "share", "jupyter", "kernels"))' ;;
    user) "$PYTHON" -c 'import os; from jupyter_core.paths import jupyter_data_dir; print(os.path.join(jupyter_data_dir(), "kernels"))' 2>/dev/null \
            || echo "${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels" ;;
  esac
}

if [[ $uninstall == 1 ]]; then
  dest="$(kernels_dir)/$NAME"
  if [[ -f "$dest/kernel.json" ]]; then rm -rf -- "$dest"; say "Removed $dest"; else say "Nothing to remove at $dest"; fi
  template="$(dirname "$(kernels_dir)")/nbconvert/templates/perfkernel"
  [[ -f "$template/conf.json" ]] && rm -rf -- "$template"
  exit 0
fi

check_java
check_jupyter

jar="$build_dir/perfkernel.jar"
if [[ ! -f "$jar" ]]; then
  [[ $build == 1 ]] || die "$jar is missing (build it with: mvn -q -DskipTests -DskipPyTests package)"
  if ! command -v mvn >/dev/null 2>&1 && [[ $install_deps == 1 && -r /etc/debian_version ]]; then
    apt_install maven
  fi
  command -v mvn >/dev/null 2>&1 || die "$jar is missing and Maven (mvn) is not installed to build it."
  say "Building perfkernel with Maven..."
  (cd "$repo" && mvn -q -DskipTests -DskipPyTests package) || die "the Maven build failed"
  [[ -f "$jar" ]] || die "the build did not produce $jar"
fi
[[ -d "$build_dir/lib" ]] || die "$build_dir/lib is missing (the kernel's dependencies); rebuild with Maven"

kdir="$(kernels_dir)"
dest="$kdir/$NAME"
mkdir -p "$kdir"
# Build the new spec beside the old one and swap it in, so a failed run leaves the old one intact.
staging="$(mktemp -d "$kdir/.$NAME.XXXXXX")"
trap 'rm -rf -- "$staging"' EXIT
cp "$jar" "$staging/perfkernel.jar"
[[ -f "$build_dir/perfkernel-engine.jar" ]] && cp "$build_dir/perfkernel-engine.jar" "$staging/"
cp -R "$build_dir/lib" "$staging/lib"
cp "$here/perfkernel" "$staging/perfkernel"
chmod 755 "$staging/perfkernel" "$staging"
cp "$here/logo-64x64.png" "$here/logo-svg.svg" "$staging/"
"$PYTHON" - "$staging/kernel.json" "$dest/perfkernel" "$DISPLAY_NAME" <<'PY'
import json, sys
path, launcher, display = sys.argv[1:4]
spec = {
    "argv": [launcher, "{connection_file}"],
    "display_name": display,
    "language": "java",
    "interrupt_mode": "message",
    "env": {},
    "metadata": {"debugger": False},
}
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PY
rm -rf -- "$dest"
mv "$staging" "$dest"
trap - EXIT
say "Installed kernelspec $NAME ($DISPLAY_NAME) in $dest"
# nbconvert's template "perfkernel" (charts as images in HTML also with nbconvert 6), beside it.
template="$kdir/../nbconvert/templates/perfkernel"
mkdir -p "$template" && cp "$here/nbconvert/perfkernel/conf.json" "$here/nbconvert/perfkernel/index.html.j2" "$template/"

if [[ $cds == 1 ]]; then
  # The archive must be made where it is used: it records the jar paths of the class path.
  java_path="$(readlink -f "$(command -v "$(java_cmd)")")"
  say "Training the class-data-sharing archive (one short kernel run)..."
  if PERFKERNEL_KERNEL_OPTS="-XX:ArchiveClassesAtExit=$dest/perfkernel.jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
       "$PYTHON" "$here/cds_training.py" "$dest/perfkernel" && [[ -s "$dest/perfkernel.jsa" ]]; then
    echo "$java_path" > "$dest/perfkernel.jsa.java"
    say "Class-data-sharing archive ready for $java_path"
  else
    rm -f -- "$dest/perfkernel.jsa"
    echo "install.sh: warning: could not make the class-data-sharing archive; the kernel works, it only starts slower" >&2
  fi
fi
