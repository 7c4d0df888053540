// SPDX-License-Identifier: GPL-2.0
#include <linux/slab.h>
#include <linux/lockdep.h>
#include <linux/memory.h>
#include <linux/memory-tiers.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>

#include "internal.h"

/*
 * lorescope demo tree: a cut-down memory-tiers.c.  Only the choice of
 * demotion targets is kept, enough for the demo series to apply.
 */

struct demotion_nodes {
	nodemask_t preferred;
};

static DEFINE_MUTEX(memory_tier_lock);
static struct demotion_nodes *node_demotion __read_mostly;
static nodemask_t toptier_nodes;

bool numa_demotion_enabled = false;

bool node_is_toptier(int node)
{
	return node_isset(node, toptier_nodes);
}

int next_demotion_node(int node)
{
	struct demotion_nodes *nd;
	int target;

	if (!node_demotion)
		return NUMA_NO_NODE;

	nd = &node_demotion[node];

	/*
	 * Pick one of the equally preferred targets at random so that
	 * demotion traffic spreads over them.
	 */
	rcu_read_lock();
	target = node_random(&nd->preferred);
	rcu_read_unlock();

	return target;
}

static void establish_demotion_targets(void)
{
	struct demotion_nodes *nd;
	nodemask_t lower;
	int nid;

	lockdep_assert_held_once(&memory_tier_lock);

	if (!node_demotion)
		return;

	for_each_node_state(nid, N_MEMORY) {
		nd = &node_demotion[nid];
		nodes_clear(nd->preferred);

		if (!node_is_toptier(nid))
			continue;

		/* everything below the top tier is a candidate */
		nodes_andnot(lower, node_states[N_MEMORY], toptier_nodes);
		nd->preferred = lower;
	}
}

static int __init memory_tier_init(void)
{
	int nid;

	node_demotion = kcalloc(nr_node_ids, sizeof(struct demotion_nodes),
				GFP_KERNEL);
	WARN_ON(!node_demotion);

	mutex_lock(&memory_tier_lock);
	nodes_clear(toptier_nodes);
	for_each_node_state(nid, N_CPU)
		node_set(nid, toptier_nodes);
	establish_demotion_targets();
	mutex_unlock(&memory_tier_lock);

	return 0;
}
subsys_initcall(memory_tier_init);
