#!/bin/bash -eu
# ClusterFuzzLite runs this with OSS-Fuzz's variables; the repository's own script does the work.
"$SRC/mbharness/fuzz/build.sh"
