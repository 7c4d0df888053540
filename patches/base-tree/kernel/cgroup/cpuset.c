// SPDX-License-Identifier: GPL-2.0-or-later
/*
 *  kernel/cgroup/cpuset.c
 *
 *  lorescope demo tree: the memory node side of cpusets only.
 */
#include "cpuset-internal.h"

#include <linux/cpu.h>
#include <linux/init.h>
#include <linux/mempolicy.h>
#include <linux/mm.h>
#include <linux/memory.h>
#include <linux/nodemask.h>
#include <linux/sched.h>

static struct cpuset top_cpuset = {
	.flags = BIT(CS_ONLINE) | BIT(CS_CPU_EXCLUSIVE) |
		 BIT(CS_MEM_EXCLUSIVE) | BIT(CS_SCHED_LOAD_BALANCE),
};

/*
 * Return in *pmask the online memory nodes of the nearest ancestor of @cs
 * (including @cs) that still has any.  The root cpuset always has some.
 *
 * Call with callback_lock or cpuset_mutex held.
 */
static void guarantee_online_mems(struct cpuset *cs, nodemask_t *pmask)
{
	while (!nodes_intersects(cs->effective_mems, node_states[N_MEMORY]))
		cs = parent_cs(cs);
	nodes_and(*pmask, cs->effective_mems, node_states[N_MEMORY]);
}

/**
 * cpuset_mems_allowed - memory nodes the cpuset of @tsk may use
 * @tsk: the task in question
 *
 * Never returns an empty mask: falls back to an ancestor's nodes.
 */
nodemask_t cpuset_mems_allowed(struct task_struct *tsk)
{
	nodemask_t mask;
	unsigned long flags;

	spin_lock_irqsave(&callback_lock, flags);
	rcu_read_lock();
	guarantee_online_mems(task_cs(tsk), &mask);
	rcu_read_unlock();
	spin_unlock_irqrestore(&callback_lock, flags);

	return mask;
}
