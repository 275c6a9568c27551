/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-rng (virtio 1.2 section 5.4): entropy from the host. One
 * device is used (the first found). uk_virtio_rng_read() blocks until
 * the device has written something: up to len bytes into buf; returns
 * the count (> 0), -ENODEV (no device), -EIO (the device failed).
 * Not from interrupt handlers.
 */
#ifndef UK_VIRTIO_RNG_H
#define UK_VIRTIO_RNG_H

#include <stddef.h>

long uk_virtio_rng_read(void *buf, size_t len);

#endif
