/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/mm_types_task.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/rcupdate.h>

/*
 * lorescope demo tree: a cut-down mm_types.h with a short struct page.
 */

struct address_space;
struct dev_pagemap;
struct page_pool;

/*
 * struct page describes one physical page frame.  Its size is part of the
 * ABI of every architecture's memmap: the union below must stay five words
 * on 64-bit, and each of its members overlays the same words.
 */
struct page {
	unsigned long flags;		/* atomic page flags, see page-flags.h */
	union {
		struct {	/* page cache and anonymous pages */
			union {
				struct list_head lru;
				struct list_head buddy_list;
				struct list_head pcp_list;
			};
			struct address_space *mapping;
			union {
				pgoff_t index;
				unsigned long share;
			};
			unsigned long private;
		};
		struct {	/* page_pool pages */
			unsigned long pp_magic;
			struct page_pool *pp;
			unsigned long _pp_mapping_pad;
			unsigned long dma_addr;
			atomic_long_t pp_ref_count;
		};
		struct {	/* tail pages of a compound page */
			unsigned long compound_head;	/* bit zero is set */
		};
		struct {	/* ZONE_DEVICE pages */
			/*
			 * The hosting dev_pagemap.  Read it with page_pgmap()
			 * so the field can move later.
			 */
			struct dev_pagemap *pgmap;
			void *zone_device_data;
			/*
			 * The next three words overlay ->mapping, ->index and
			 * ->private above: device private pages keep those
			 * values while their contents live on the device.
			 */
		};

		/* frees the page through RCU when it is not on a list */
		struct rcu_head rcu_head;
	};

	union {
		unsigned int page_type;
		atomic_t _mapcount;
	};

	atomic_t _refcount;

#ifdef CONFIG_MEMCG
	unsigned long memcg_data;
#endif
#if defined(WANT_PAGE_VIRTUAL)
	void *virtual;
#endif
} _struct_page_alignment;

#endif /* _LINUX_MM_TYPES_H */
