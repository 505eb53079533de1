#!/bin/sh
# Builds ChannelAttribution (the reference Markov tool: C++ under Python) from its public source, for
# the side-by-side step of `npm run bench -- e2e`. Not run by CI. Needs Debian's Python packages:
#   apt-get install -y python3-dev python3-numpy python3-pandas cython3 g++ python3-setuptools
# Usage: bench/reference/build-channel-attribution.sh [source-dir] [install-dir]
#   source-dir   a checkout of github.com/DavideAltomare/ChannelAttribution (cloned when absent)
#   install-dir  where the compiled module goes (default /tmp/credence-bench/reference); the bench
#                looks for it there, or anywhere on PYTHONPATH
# The build uses /usr/bin/python3 (the interpreter Debian's numpy and pandas belong to).
set -eu
source_dir=${1:-/tmp/credence-bench/ChannelAttribution}
install_dir=${2:-/tmp/credence-bench/reference}
python=${PYTHON:-/usr/bin/python3}
if [ ! -d "$source_dir/python" ]; then
  git clone --depth 1 https://github.com/DavideAltomare/ChannelAttribution "$source_dir"
fi
build_dir=$(mktemp -d)
cp -r "$source_dir/python/." "$build_dir"
cd "$build_dir"
# setup.py builds one extension from the .pyx and functions.cpp (Armadillo is vendored, header-only)
"$python" setup.py build_ext --build-lib "$install_dir" >build.log 2>&1 || {
  tail -40 build.log
  exit 1
}
PYTHONPATH="$install_dir" "$python" -c "import ChannelAttribution; print('ChannelAttribution built in $install_dir')"
rm -rf "$build_dir"
