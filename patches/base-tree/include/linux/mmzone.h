/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/wait.h>
#include <linux/nodemask.h>

/*
 * lorescope demo tree: a cut-down mmzone.h holding just enough of the
 * per-node data for the demo series to apply against.
 */

/*
 * One pglist_data describes the memory of one NUMA node.  On machines
 * without NUMA there is a single static instance, contig_page_data.
 */
typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones;

	unsigned long node_start_pfn;
	unsigned long node_present_pages;	/* pages that exist */
	unsigned long node_spanned_pages;	/* including holes */
	int node_id;

	wait_queue_head_t kswapd_wait;
	struct task_struct *kswapd;
	int kswapd_order;

#ifdef CONFIG_NUMA_BALANCING
	/* promotion rate limiting, in pages per window */
	unsigned long nbp_rl_start;
	unsigned long nbp_rl_nr_cand;
#endif
	unsigned long totalreserve_pages;
} pg_data_t;

#define node_present_pages(nid)	(NODE_DATA(nid)->node_present_pages)
#define node_spanned_pages(nid)	(NODE_DATA(nid)->node_spanned_pages)

#ifdef CONFIG_NUMA
extern struct pglist_data *node_data[];
#define NODE_DATA(nid)		(node_data[nid])
#else
extern struct pglist_data contig_page_data;
#define NODE_DATA(nid)		(&contig_page_data)
#endif

#endif /* _LINUX_MMZONE_H */
