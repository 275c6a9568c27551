/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What Redis's src/mkreleasehdr.sh writes before a build (release.c
 * includes it): the source is Debian's tarball, not a git checkout, so
 * the SHA-1 and dirty count are the script's fallbacks there, "00000000"
 * and "0"; the build id names the kit instead of the build host and time
 * (reproducible, as SOURCE_DATE_EPOCH makes it under Debian).
 */
#define REDIS_GIT_SHA1 "00000000"
#define REDIS_GIT_DIRTY "0"
#define REDIS_BUILD_ID "unikit"
