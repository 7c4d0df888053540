/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MEMORY_TIERS_H
#define _LINUX_MEMORY_TIERS_H

#include <linux/types.h>
#include <linux/nodemask.h>

/*
 * lorescope demo tree: the demotion interface of memory-tiers.h.
 */

#ifdef CONFIG_NUMA
extern bool numa_demotion_enabled;
int next_demotion_node(int node);
bool node_is_toptier(int node);
#else
#define numa_demotion_enabled	false

static inline int next_demotion_node(int node)
{
	return NUMA_NO_NODE;
}

static inline bool node_is_toptier(int node)
{
	return true;
}
#endif

#endif /* _LINUX_MEMORY_TIERS_H */
