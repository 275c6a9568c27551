/* SPDX-License-Identifier: BSD-3-Clause */
/* ukpci's files to each other: cfg.c (access), enum.c (the bus walk). */
#ifndef UKPCI_PCI_H
#define UKPCI_PCI_H

#include <uk/pci.h>

#define EINVAL	22
#define ENODEV	19
#define ENOSPC	28
#define ENOMEM	12
#define ENOTSUP	95

/* Read MCFG, map its windows (cfg.c); before the first access. */
void pci_cfg_init(void);
unsigned int uk_pci_ecam_count(void);
uint32_t pci_cfg_read(uint16_t seg, uint8_t bus, uint8_t dev, uint8_t fn,
		      unsigned int off, unsigned int width);
void pci_cfg_write(uint16_t seg, uint8_t bus, uint8_t dev, uint8_t fn,
		   unsigned int off, unsigned int width, uint32_t v);

#endif
