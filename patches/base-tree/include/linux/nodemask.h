/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_NODEMASK_H
#define __LINUX_NODEMASK_H

/*
 * lorescope demo tree: only the node state part of nodemask.h.  The
 * nodemask_t helpers themselves are not reproduced here.
 */

#include <linux/threads.h>
#include <linux/bitmap.h>
#include <linux/numa.h>
#include <linux/nodemask_types.h>

/*
 * Each node is a member of zero or more of these sets; the sets are kept
 * up to date by memory and CPU hotplug.
 */
enum node_states {
	N_POSSIBLE,		/* the node could come online at some point */
	N_ONLINE,		/* the node is online */
	N_NORMAL_MEMORY,	/* the node has regular memory */
#ifdef CONFIG_HIGHMEM
	N_HIGH_MEMORY,		/* the node has regular or high memory */
#else
	N_HIGH_MEMORY = N_NORMAL_MEMORY,
#endif
	N_MEMORY,		/* the node has memory of any kind */
	N_CPU,			/* the node has one or more cpus */
	N_GENERIC_INITIATOR,	/* the node has a generic initiator */
	NR_NODE_STATES
};

extern nodemask_t node_states[NR_NODE_STATES];

#if MAX_NUMNODES > 1
static inline int node_state(int node, enum node_states state)
{
	return node_isset(node, node_states[state]);
}

static inline void node_set_state(int node, enum node_states state)
{
	__node_set(node, &node_states[state]);
}

static inline void node_clear_state(int node, enum node_states state)
{
	__node_clear(node, &node_states[state]);
}

#define for_each_node_state(__node, __state) \
	for_each_node_mask((__node), node_states[__state])
#else
static inline int node_state(int node, enum node_states state)
{
	return node == 0;
}

#define for_each_node_state(node, __state) \
	for ( (node) = 0; (node) == 0; (node) = 1)
#endif

#endif /* __LINUX_NODEMASK_H */
