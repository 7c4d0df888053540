// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON operations for the physical address space.
 *
 * lorescope demo tree: only the migration action is kept.
 */

#define pr_fmt(fmt) "damon-pa: " fmt

#include <linux/mmu_notifier.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>
#include <linux/swap.h>
#include <linux/memory-tiers.h>
#include <linux/mm_inline.h>

#include "../internal.h"
#include "ops-common.h"

static unsigned int damon_pa_migrate_pages(struct list_head *folio_list,
					   int target_nid)
{
	unsigned int nr_migrated = 0;
	struct folio *folio, *next;
	LIST_HEAD(ret_folios);

	list_for_each_entry_safe(folio, next, folio_list, lru) {
		if (folio_nid(folio) == target_nid) {
			list_move(&folio->lru, &ret_folios);
			continue;
		}
		nr_migrated += damon_migrate_one_folio(folio, target_nid);
	}
	putback_movable_pages(&ret_folios);

	return nr_migrated;
}

static unsigned long damon_pa_migrate(struct damon_region *r, struct damos *s,
				      unsigned long *sz_filter_passed)
{
	unsigned long addr, applied;
	LIST_HEAD(folio_list);

	for (addr = r->ar.start; addr < r->ar.end; addr += PAGE_SIZE) {
		struct folio *folio = damon_get_folio(PHYS_PFN(addr));

		if (!folio)
			continue;

		if (damos_pa_filter_out(s, folio) || !folio_isolate_lru(folio)) {
			folio_put(folio);
			continue;
		}
		*sz_filter_passed += folio_size(folio);
		list_add(&folio->lru, &folio_list);
		folio_put(folio);
	}
	applied = damon_pa_migrate_pages(&folio_list, s->target_nid);
	cond_resched();
	return applied * PAGE_SIZE;
}
