/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The wall clock: the CMOS RTC (MC146818, ports 0x70/0x71; on pc, q35
 * and microvm), read once, on the first ukplat_wallclock_ns() call rather
 * than at boot (images that never ask pay nothing), then carried by the
 * monotonic clock. The RTC counts whole seconds, so the wall clock is up
 * to 1 s behind the truth (waiting for the next second edge would make
 * it exact and cost up to 1 s). BCD or binary, 12 or 24 hour, per
 * register B; the century is taken as 20xx (the century register's
 * place is firmware-specific). Also the RTC's periodic interrupt (IRQ 8),
 * which the IRQ delivery test uses.
 */
#include <uk/arch/cpu.h>
#include <uk/plat/time.h>
#include "apic.h"

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define NMI_OFF		0x80	/* keep NMIs off while indexing */
#define RTC_SEC		0x00
#define RTC_MIN		0x02
#define RTC_HOUR	0x04
#define RTC_DAY		0x07
#define RTC_MON		0x08
#define RTC_YEAR	0x09
#define RTC_A		0x0a
#define RTC_B		0x0b
#define RTC_C		0x0c
#define A_UIP		0x80	/* update in progress (for <= 2 ms) */
#define B_PIE		0x40	/* periodic interrupt enable */
#define B_24H		0x02
#define B_BINARY	0x04
#define HOUR_PM		0x80

static uint64_t wall_base;	/* wall ns at monotonic 0; 0: not read */

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, NMI_OFF | reg);
	return inb(CMOS_DATA);
}

static void cmos_write(uint8_t reg, uint8_t v)
{
	outb(CMOS_INDEX, NMI_OFF | reg);
	outb(CMOS_DATA, v);
}

struct rtc_time {
	uint8_t sec, min, hour, day, mon, year;
};

static void rtc_snapshot(struct rtc_time *t)
{
	t->sec = cmos_read(RTC_SEC);
	t->min = cmos_read(RTC_MIN);
	t->hour = cmos_read(RTC_HOUR);
	t->day = cmos_read(RTC_DAY);
	t->mon = cmos_read(RTC_MON);
	t->year = cmos_read(RTC_YEAR);
}

static int rtc_same(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour &&
	       a->day == b->day && a->mon == b->mon && a->year == b->year;
}

static unsigned int bcd(uint8_t v, int binary)
{
	return binary ? v : (v >> 4) * 10 + (v & 15);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	int64_t era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/*
 * Seconds since the epoch from the RTC. An update takes under 2 ms after
 * UIP rises: wait for UIP to clear (bounded by 10 ms of TSC), then read
 * until two snapshots agree (an update may still slip in between).
 */
uint64_t kvm_rtc_read_epoch(void)
{
	struct rtc_time a, b;
	uint64_t limit = rdtsc() + kvm_tsc_hz / 100;
	unsigned int hour, binary;
	uint8_t regb;
	int tries = 0;

	while ((cmos_read(RTC_A) & A_UIP) && rdtsc() < limit)
		ukarch_pause();
	rtc_snapshot(&b);
	do {
		a = b;
		rtc_snapshot(&b);
	} while (!rtc_same(&a, &b) && ++tries < 5);
	regb = cmos_read(RTC_B);
	binary = regb & B_BINARY;
	hour = bcd(b.hour & ~HOUR_PM, binary);
	if (!(regb & B_24H)) {
		hour %= 12;		/* 12 AM is 0 h, 12 PM is 12 h */
		if (b.hour & HOUR_PM)
			hour += 12;
	}
	return (uint64_t)(days_from_civil(2000 + bcd(b.year, binary),
					  bcd(b.mon, binary),
					  bcd(b.day, binary)) * 86400 +
			  hour * 3600 + bcd(b.min, binary) * 60 +
			  bcd(b.sec, binary));
}

uint64_t ukplat_wallclock_ns(void)
{
	uint64_t now = ukplat_monotonic_ns();

	if (!wall_base) {
		wall_base = kvm_rtc_read_epoch() * UKPLAT_NSEC_PER_SEC;
		wall_base -= now;
	}
	return wall_base + now;
}

/*
 * The periodic interrupt: rate 3..15 gives 32768 >> (rate - 1) Hz (6:
 * 1024 Hz); 0 turns it off. The handler must call kvm_rtc_irq_ack(), or
 * the RTC raises no further interrupt.
 */
void kvm_rtc_periodic(unsigned int rate)
{
	uint8_t a = cmos_read(RTC_A), b = cmos_read(RTC_B);

	if (rate) {
		cmos_write(RTC_A, (a & 0xf0) | (rate & 15));
		cmos_write(RTC_B, b | B_PIE);
	} else {
		cmos_write(RTC_B, b & ~B_PIE);
	}
	cmos_read(RTC_C);
}

uint8_t kvm_rtc_irq_ack(void)
{
	return cmos_read(RTC_C);
}
