/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What Debian's debian/rules writes into src/ before it builds lua5.4
 * (its patch 0002-lua-modules-paths.patch makes luaconf.h include it):
 * the multiarch triplet in the default C module path. The kit loads no
 * C modules; the value keeps package.cpath equal to Debian's lua5.4.
 */
#ifndef LUA54_DEB_MULTIARCH_H
#define LUA54_DEB_MULTIARCH_H
#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"
#endif
