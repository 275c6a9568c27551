/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukboot: the image's life, in the order it happens (boot.c):
 *
 *	platform entry (plat/<plat>)   CPU, console, boot info
 *	uk_boot_entry()
 *	  parse the command line       library parameters, argv   (cmdline.c)
 *	  run the init table           by level, then priority     (inittab.c)
 *	  main(argc, argv)
 *	  run the term functions       in reverse
 *	  ukplat_poweroff(main's return value)
 */
#ifndef UK_BOOT_H
#define UK_BOOT_H

#include <uk/essentials.h>
#include <uk/plat/power.h>

/* Called once by the platform (registered with UKPLAT_ENTRY in boot.c),
 * with the console working. */
void uk_boot_entry(void) __uk_noreturn;

/* End the image now with status: term functions run, then power-off. */
void uk_boot_exit(int status) __uk_noreturn;

/*
 * The run has failed, although it goes on (uktest with its poweroff
 * option off, before main()): from now on the image never ends with
 * status 0; an exit with status 0 (main() returning 0) ends with status
 * instead (1..255). A non-zero exit status is kept as it is.
 */
void uk_boot_set_failed(int status);

/* Exit status when the command line is wrong (unknown parameter, ...). */
#define UK_BOOT_EXIT_USAGE UKPLAT_EXIT_USAGE

#endif /* UK_BOOT_H */
